//! Signing in with a second factor: the challenge after the password, enrolment when a policy
//! requires a factor the user lacks, step-up with `acr_values` and the `claims` parameter, and
//! second-factor failures in the lockout. Codes come from totp-rs, computed from the secret the
//! user is shown, as an authenticator app would.

use portcullis::domain::{Clock, User};
use portcullis::mfa::Mfa;
use totp_rs::{Builder, Secret};

use crate::support::*;

fn mfa(app: &TestApp) -> Mfa {
    app.state.provider.mfa.clone()
}

/// A code that is not the current one, nor one step either side.
fn wrong_code(app: &TestApp, base32: &str) -> String {
    let right: Vec<u32> = [-30, 0, 30]
        .iter()
        .map(|d| {
            let secret = Secret::try_from_base32(base32).unwrap().as_bytes().to_vec();
            let t = (app.clock.now() + d) as u64;
            Builder::new()
                .with_secret(secret)
                .build()
                .unwrap()
                .generate(t)
                .to_string()
                .parse()
                .unwrap()
        })
        .collect();
    let wrong = (0..).find(|n| !right.contains(n)).unwrap();
    format!("{wrong:06}")
}

/// Sets up an authenticator app for `user` (as the account page would) and moves past the step
/// of its confirming code; returns its base32 secret.
pub async fn enrol_totp(app: &TestApp, user: &User) -> String {
    let m = mfa(app);
    let e = m.totp.begin(&user.id, &user.email, "Tests").await.unwrap();
    m.totp
        .confirm(
            &user.id,
            &e.pending,
            "Phone",
            &app.totp_now(&e.secret_base32),
            &app.entry("mfa.enrolled"),
        )
        .await
        .unwrap();
    app.clock.advance(30);
    e.secret_base32
}

/// Opens `url` and signs in with the password; the page that follows (or the client's callback).
pub async fn sign_in(browser: &Browser, url: &str, email: &str) -> Result<Callback, reqwest::Response> {
    let page = browser.expect_page(browser.get(url).await).await;
    assert!(page.html.contains("name=\"password\""), "{}", page.html);
    let mut form = form_inputs(&page.html, "/login");
    form.push(("username".into(), email.into()));
    form.push(("password".into(), PASSWORD.into()));
    browser.follow(browser.post_form("/login", &form).await).await
}

pub async fn challenge(browser: &Browser, url: &str, email: &str) -> Page {
    let page = match sign_in(browser, url, email).await {
        Ok(cb) => panic!("expected the challenge, got {}", cb.url),
        Err(resp) => Page::from(resp).await,
    };
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("action=\"/login/factor\""), "{}", page.html);
    page
}

pub async fn post_code(browser: &Browser, page: &Page, code: &str) -> reqwest::Response {
    let mut form = form_inputs(&page.html, "/login/factor");
    form.push(("code".into(), code.into()));
    browser.post_form("/login/factor", &form).await
}

pub async fn id_token_claims(
    app: &TestApp,
    client: &TestClient,
    cb: &Callback,
    verifier: &str,
) -> serde_json::Value {
    let resp = exchange_code(app, client, &cb.param("code").expect("a code"), verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    app.claims(tokens["id_token"].as_str().unwrap()).await
}

#[tokio::test]
async fn a_user_with_an_authenticator_app_enters_its_code_after_the_password() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("ada@example.com").await;
    let secret = enrol_totp(&app, &user).await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let page = challenge(&browser, &url, &user.email).await;
    assert!(page.html.contains("name=\"code\""), "{}", page.html);
    assert!(
        !page.html.contains("method=recovery_code"),
        "no recovery codes to offer"
    );

    let wrong = Page::from(post_code(&browser, &page, &wrong_code(&app, &secret)).await).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.html.contains("That code is wrong"), "{}", wrong.html);
    assert!(wrong.html.contains("aria-invalid=\"true\""));

    let cb = browser
        .expect_redirect(post_code(&browser, &wrong, &app.totp_now(&secret)).await)
        .await;
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    let logins = audited(&app, Some(&user.id), "login.password").await;
    let success = logins
        .iter()
        .find(|e| e.outcome == "success")
        .expect("a login entry");
    assert_eq!(success.detail["mfa"], true);
    assert_eq!(audited(&app, Some(&user.id), "login.factor").await.len(), 2);
}

#[tokio::test]
async fn a_code_signs_in_once() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("once@example.com").await;
    let secret = enrol_totp(&app, &user).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let first = app.browser();
    let page = challenge(&first, &url, &user.email).await;
    let now = app.totp_now(&secret);
    first.expect_redirect(post_code(&first, &page, &now).await).await;

    let second = app.browser();
    let page = challenge(&second, &url, &user.email).await;
    let replay = Page::from(post_code(&second, &page, &now).await).await;
    assert_eq!(replay.status, 401, "{}", replay.html);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_instead_of_the_app() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("lost@example.com").await;
    enrol_totp(&app, &user).await;
    let codes = mfa(&app)
        .recovery_codes
        .generate(&user.id, &app.entry("mfa.recovery_codes.generated"))
        .await
        .unwrap();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let page = challenge(&browser, &url, &user.email).await;
    let page = browser.page(&recovery_link(&page)).await;
    assert!(page.html.contains("Recovery code"), "{}", page.html);
    let cb = browser
        .expect_redirect(post_code(&browser, &page, &codes[3].to_uppercase()).await)
        .await;
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");

    let again = app.browser();
    let page = challenge(&again, &url, &user.email).await;
    let page = again.page(&recovery_link(&page)).await;
    let used = Page::from(post_code(&again, &page, &codes[3]).await).await;
    assert_eq!(used.status, 401, "a used recovery code: {}", used.html);
}

/// "Use a recovery code" on the challenge page.
fn recovery_link(page: &Page) -> String {
    let href = page
        .html
        .split("<a href=\"")
        .skip(1)
        .filter_map(|a| a.split('"').next())
        .map(html_unescape)
        .find(|h| h.contains("method=recovery_code"))
        .expect("a way to use a recovery code");
    assert!(href.starts_with("/login/factor?"), "{href}");
    href
}

/// The enrolment page of a login that requires a factor: the key, then a code from it, then
/// the recovery codes, then the client.
pub async fn enrol_during_login(
    app: &TestApp,
    browser: &Browser,
    resp: Result<Callback, reqwest::Response>,
) -> Callback {
    let page = match resp {
        Ok(cb) => panic!("expected the enrolment, got {}", cb.url),
        Err(resp) => Page::from(resp).await,
    };
    assert!(page.html.contains("action=\"/login/enrol\""), "{}", page.html);
    let secret = page
        .html
        .split("id=\"totp-secret\" class=\"secret\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .expect("the key for manual entry")
        .to_owned();
    assert!(page.html.contains("<svg"), "a QR code");
    let mut form = form_inputs(&page.html, "/login/enrol");
    form.push(("name".into(), "My phone".into()));
    form.push(("code".into(), app.totp_now(&secret)));
    let codes = Page::from(browser.post_form("/login/enrol", &form).await).await;
    assert_eq!(codes.status, 200, "{}", codes.html);
    let list = codes
        .html
        .split("id=\"recovery-codes\"")
        .nth(1)
        .expect("the recovery codes");
    assert_eq!(list.split("</ol>").next().unwrap().matches("<li>").count(), 10);
    let form = form_inputs(&codes.html, "/login/continue");
    browser
        .expect_redirect(browser.post_form("/login/continue", &form).await)
        .await
}

#[tokio::test]
async fn a_client_that_requires_mfa_has_a_user_without_a_factor_set_one_up() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client(ClientSpec {
            require_mfa: true,
            ..ClientSpec::default()
        })
        .await;
    let user = app.create_user("new@example.com").await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let cb = enrol_during_login(&app, &browser, sign_in(&browser, &url, &user.email).await).await;
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(mfa(&app).totp.list(&user.id).await.unwrap().len(), 1);
    assert_eq!(audited(&app, Some(&user.id), "mfa.enrolled").await.len(), 1);
}

#[tokio::test]
async fn deployment_wide_mfa_asks_every_user_for_a_factor() {
    let app = TestApp::spawn_with(|c| c.mfa_required = Some("all".into())).await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("all@example.com").await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    enrol_during_login(&app, &browser, sign_in(&browser, &url, &user.email).await).await;
}

#[tokio::test]
async fn the_enrolment_page_is_closed_to_a_login_that_does_not_need_it() {
    // Someone who knows only the password must not set up a factor of their own and pass.
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("victim@example.com").await;
    enrol_totp(&app, &user).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let page = challenge(&browser, &url, &user.email).await;
    let interaction = form_inputs(&page.html, "/login/factor")
        .into_iter()
        .find(|(k, _)| k == "interaction")
        .unwrap()
        .1;
    let enrol = browser
        .page(&format!("/login/enrol?interaction={interaction}"))
        .await;
    assert!(!enrol.html.contains("totp-secret"), "{}", enrol.html);
    let mut form = form_inputs(&page.html, "/login/factor");
    form.retain(|(k, _)| k != "method");
    form.push(("pending".into(), "x".into()));
    form.push(("name".into(), "mine".into()));
    form.push(("code".into(), "123456".into()));
    let resp = browser.post_form("/login/enrol", &form).await;
    assert!(!resp.status().is_redirection());
    assert!(mfa(&app).totp.list(&user.id).await.unwrap().len() == 1);
}

#[tokio::test]
async fn a_password_session_steps_up_with_only_the_code() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("step@example.com").await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let cb = browser.authorize(&url, &user.email).await;
    let before = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(before["acr"], "1");

    // The user sets up an app; from now on every sign-in needs it, the open session included.
    let secret = enrol_totp(&app, &user).await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("acr_values", "2")]);
    let page = browser.expect_page(browser.get(&url).await).await;
    assert!(
        page.html.contains("action=\"/login/factor\""),
        "only the code: {}",
        page.html
    );
    assert!(!page.html.contains("name=\"password\""));
    let cb = browser
        .expect_redirect(post_code(&browser, &page, &app.totp_now(&secret)).await)
        .await;
    let after = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(after["acr"], "2");
    assert_eq!(after["sid"], before["sid"], "the same session, raised");
    assert_eq!(after["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    assert_eq!(audited(&app, Some(&user.id), "login.step_up").await.len(), 1);

    // The raised session answers the next request at its level, without a prompt.
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("acr_values", "2")]);
    let cb = browser.redirect(&url).await;
    assert_eq!(id_token_claims(&app, &client, &cb, &verifier).await["acr"], "2");
}

#[tokio::test]
async fn prompt_none_cannot_step_up() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("silent@example.com").await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    browser.authorize(&url, &user.email).await;
    enrol_totp(&app, &user).await;
    let (url, _) = authorize_url(
        &app,
        &client,
        "openid",
        &[("prompt", "none"), ("acr_values", "2")],
    );
    let cb = browser.redirect(&url).await;
    assert_eq!(cb.param("error").as_deref(), Some("interaction_required"));
}

#[tokio::test]
async fn acr_values_out_of_reach_are_let_go_but_an_essential_acr_is_not() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("plain@example.com").await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("acr_values", "2 1")]);
    let cb = browser.authorize(&url, &user.email).await;
    assert_eq!(id_token_claims(&app, &client, &cb, &verifier).await["acr"], "1");

    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["2"]}}}"#;
    let (url, verifier) = authorize_url(
        &app,
        &client,
        "openid",
        &[("claims", claims), ("prompt", "login")],
    );
    let cb = enrol_during_login(&app, &browser, sign_in(&browser, &url, &user.email).await).await;
    assert_eq!(id_token_claims(&app, &client, &cb, &verifier).await["acr"], "2");

    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["urn:example:gold"]}}}"#;
    let (url, _) = authorize_url(&app, &client, "openid", &[("claims", claims)]);
    let cb = browser.redirect(&url).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("unmet_authentication_requirements")
    );
}

#[tokio::test]
async fn fifty_parallel_wrong_codes_make_as_many_tries_as_the_lockout_allows() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits.login_account = Some("off".into());
        c.rate_limits.login_ip = Some("off".into());
    })
    .await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("guessed@example.com").await;
    let secret = enrol_totp(&app, &user).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let page = challenge(&browser, &url, &user.email).await;
    let wrong = wrong_code(&app, &secret);
    let mut form = form_inputs(&page.html, "/login/factor");
    form.push(("code".into(), wrong));
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (http, url, form) = (browser.http.clone(), app.url("/login/factor"), form.clone());
            tokio::spawn(async move { http.post(url).form(&form).send().await.unwrap().status() })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 401);
    }
    let failures = audited(&app, Some(&user.id), "login.factor").await;
    let checked = failures
        .iter()
        .filter(|e| e.detail["reason"] == "invalid_code")
        .count();
    let threshold = app.state.provider.config.lockout_threshold as usize;
    assert_eq!(checked, threshold, "{failures:#?}");
    assert_eq!(audited(&app, Some(&user.id), "account.locked").await.len(), 1);
    // Locked: the right code no longer helps.
    let locked = Page::from(post_code(&browser, &page, &app.totp_now(&secret)).await).await;
    assert_eq!(locked.status, 401);
}

#[tokio::test]
async fn an_essential_level_no_factor_of_the_user_reaches_is_unmet_not_an_endless_enrolment() {
    // Only a passkey reaches `phr`; a user with an app (and none on an IP issuer) cannot.
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("gold@example.com").await;
    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["phr"]}}}"#;
    let (url, _) = authorize_url(&app, &client, "openid", &[("claims", claims)]);
    let browser = app.browser();
    let cb = sign_in(&browser, &url, &user.email)
        .await
        .expect("an answer to the client, not a page");
    assert_eq!(
        cb.param("error").as_deref(),
        Some("unmet_authentication_requirements")
    );
    assert!(mfa(&app).totp.list(&user.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_remembered_device_skips_the_policys_second_step_but_not_an_explicit_one() {
    let app = TestApp::spawn_with(|c| c.remember_device = Some(true)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("device@example.com").await;
    let secret = enrol_totp(&app, &user).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let page = challenge(&browser, &url, &user.email).await;
    assert!(page.html.contains("name=\"remember\""), "{}", page.html);
    let mut form = form_inputs(&page.html, "/login/factor");
    form.push(("code".into(), app.totp_now(&secret)));
    form.push(("remember".into(), "yes".into()));
    browser
        .expect_redirect(browser.post_form("/login/factor", &form).await)
        .await;
    assert_eq!(
        audited(&app, Some(&user.id), "mfa.device.remembered").await.len(),
        1
    );

    // Signing in again on this browser: the password only, and the token says so.
    let (again, verifier) = authorize_url(&app, &client, "openid", &[("prompt", "login")]);
    let cb = sign_in(&browser, &again, &user.email)
        .await
        .expect("no second step on a remembered device");
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "1");
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));

    // A client that asks for the level itself still gets the second step, and so does max_age.
    for extra in [("acr_values", "2"), ("max_age", "0")] {
        let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "login"), extra]);
        let page = sign_in(&browser, &url, &user.email).await;
        assert!(page.is_err(), "{extra:?} must ask for the second step");
    }

    // Another browser is asked as before.
    challenge(&app.browser(), &url, &user.email).await;

    // A new password forgets the device.
    let hash = user.password_hash.clone().unwrap();
    app.store()
        .users()
        .set_password(
            &user.id,
            &hash,
            app.clock.now(),
            None,
            None,
            &app.entry("password.changed"),
        )
        .await
        .unwrap();
    let (after, _) = authorize_url(&app, &client, "openid", &[("prompt", "login")]);
    assert!(sign_in(&browser, &after, &user.email).await.is_err());
}
