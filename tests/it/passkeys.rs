//! Passkeys and security keys through the pages' endpoints, with webauthn-authenticator-rs's
//! software authenticators as the browser's authenticator: adding one on the account page,
//! signing in with a passkey alone, a security key as the second factor, and what is refused.
//! The app's issuer is `localhost` (WebAuthn needs a domain name).

use serde_json::Value;
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::softtoken::SoftToken;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse};

use crate::support::*;
use crate::webauthn_services::authenticator::Resident;

/// A passkey provider: verifies the user, keeps credentials discoverable.
fn passkey() -> Resident<SoftPasskey> {
    Resident::new(SoftPasskey::new(true), true)
}

/// A security key: no user verification, a signature counter.
fn security_key() -> Resident<SoftToken> {
    Resident::new(SoftToken::new(false).unwrap().0, false)
}

fn origin(app: &TestApp) -> Url {
    Url::parse(&app.base).unwrap()
}

/// Posts the hidden fields of `html`'s form to `action` and `path`; the JSON answer.
async fn options(browser: &Browser, html: &str, action: &str, path: &str, extra: &[(&str, &str)]) -> Value {
    let mut form = form_inputs(html, action);
    form.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let resp = browser.post_form(path, &form).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// Submits `html`'s form to `action` with the ceremony and the authenticator's answer.
async fn answer(
    browser: &Browser,
    html: &str,
    action: &str,
    ceremony: &Value,
    credential: &Value,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = form_inputs(html, action);
    form.retain(|(k, _)| k != "ceremony" && k != "credential");
    form.push(("ceremony".into(), ceremony.as_str().unwrap().into()));
    form.push(("credential".into(), credential.to_string()));
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    browser.post_form(action, &form).await
}

/// Adds a credential of `kind` on the account page; the page that answers.
async fn add(
    app: &TestApp,
    browser: &Browser,
    auth: &mut impl WebauthnAuthenticator,
    kind: &str,
    name: &str,
) -> Page {
    let page = browser.page("/account/security").await;
    assert!(page.html.contains("id=\"passkey-add\""), "{}", page.html);
    let action = "/account/security/webauthn";
    let o = options(
        browser,
        &page.html,
        action,
        "/account/security/webauthn/options",
        &[("kind", kind)],
    )
    .await;
    let challenge: CreationChallengeResponse = serde_json::from_value(o["options"].clone()).unwrap();
    let made = serde_json::to_value(auth.do_registration(origin(app), challenge).unwrap()).unwrap();
    Page::from(
        answer(
            browser,
            &page.html,
            action,
            &o["ceremony"],
            &made,
            &[("name", name)],
        )
        .await,
    )
    .await
}

async fn id_token(app: &TestApp, client: &TestClient, cb: &Callback, verifier: &str) -> Value {
    let resp = exchange_code(app, client, &cb.param("code").unwrap(), verifier).await;
    let tokens: Value = resp.json().await.unwrap();
    app.claims(tokens["id_token"].as_str().unwrap()).await
}

#[tokio::test]
async fn a_passkey_added_on_the_account_page_signs_in_without_a_password() {
    let app = TestApp::spawn_on_localhost().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("passkey@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let mut key = passkey();
    let done = add(&app, &browser, &mut key, "passkey", "Laptop").await;
    assert!(done.html.contains("id=\"recovery-codes\""), "{}", done.html);
    assert!(browser.page("/account/security").await.html.contains("Laptop"));

    let fresh = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let login = fresh.expect_page(fresh.get(&url).await).await;
    assert!(login.html.contains("id=\"passkey-signin\""), "{}", login.html);
    assert!(login.html.contains("autocomplete=\"username webauthn\""));
    let o = options(
        &fresh,
        &login.html,
        "/login/passkey",
        "/login/passkey/options",
        &[],
    )
    .await;
    let challenge: RequestChallengeResponse = serde_json::from_value(o["options"].clone()).unwrap();
    let assertion = serde_json::to_value(key.do_authentication(origin(&app), challenge).unwrap()).unwrap();
    let resp = answer(
        &fresh,
        &login.html,
        "/login/passkey",
        &o["ceremony"],
        &assertion,
        &[],
    )
    .await;
    let cb = fresh.expect_redirect(resp).await;
    let claims = id_token(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "phr");
    assert_eq!(claims["amr"], serde_json::json!(["swk", "user", "mfa"]));
    assert_eq!(audited(&app, Some(&user.id), "login.passkey").await.len(), 1);

    // The activity page says how: a passkey sign-in and the key added, never "other activity".
    let activity = browser.page("/account/activity").await;
    for what in [
        "Signed in with a passkey",
        "Used a passkey or security key",
        "A passkey or security key was added",
    ] {
        assert!(activity.html.contains(what), "no {what:?} in {}", activity.html);
    }
    assert!(
        !activity.html.contains("Other account activity"),
        "{}",
        activity.html
    );

    // The same answer again: its ceremony is spent.
    let again = app.browser();
    let login = again.expect_page(again.get(&url).await).await;
    let resp = answer(
        &again,
        &login.html,
        "/login/passkey",
        &o["ceremony"],
        &assertion,
        &[],
    )
    .await;
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn a_login_that_requires_a_second_factor_can_set_up_a_security_key_for_it() {
    let app = TestApp::spawn_on_localhost().await;
    let client = app
        .create_client(ClientSpec {
            require_mfa: true,
            ..ClientSpec::default()
        })
        .await;
    let user = app.create_user("enrol.key@example.com").await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let login = browser.expect_page(browser.get(&url).await).await;
    let page = browser
        .expect_page(browser.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    assert!(page.html.contains("id=\"security-key-enrol\""), "{}", page.html);
    let action = "/login/enrol/webauthn";
    let o = options(
        &browser,
        &page.html,
        action,
        "/login/enrol/webauthn/options",
        &[("kind", "security_key")],
    )
    .await;
    let challenge: CreationChallengeResponse = serde_json::from_value(o["options"].clone()).unwrap();
    let mut key = security_key();
    let made = serde_json::to_value(key.do_registration(origin(&app), challenge).unwrap()).unwrap();
    let resp = answer(
        &browser,
        &page.html,
        action,
        &o["ceremony"],
        &made,
        &[("name", "YubiKey")],
    )
    .await;
    let codes = Page::from(resp).await;
    assert!(codes.html.contains("id=\"recovery-codes\""), "{}", codes.html);
    let form = form_inputs(&codes.html, "/login/continue");
    let cb = browser
        .expect_redirect(browser.post_form("/login/continue", &form).await)
        .await;
    let claims = id_token(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "hwk", "mfa"]));
    assert_eq!(audited(&app, Some(&user.id), "mfa.enrolled").await.len(), 1);

    // The key now asks for itself at the next sign-in.
    let fresh = app.browser();
    let login = fresh.expect_page(fresh.get(&url).await).await;
    let challenge = fresh
        .expect_page(fresh.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    assert!(
        challenge.html.contains("id=\"webauthn-factor\""),
        "{}",
        challenge.html
    );
}

#[tokio::test]
async fn a_security_key_is_asked_for_after_the_password() {
    let app = TestApp::spawn_on_localhost().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("key@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let mut key = security_key();
    add(&app, &browser, &mut key, "security_key", "YubiKey").await;

    let fresh = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let login = fresh.expect_page(fresh.get(&url).await).await;
    let challenge = fresh
        .expect_page(fresh.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    assert!(
        challenge.html.contains("id=\"webauthn-factor\""),
        "{}",
        challenge.html
    );
    let o = options(
        &fresh,
        &challenge.html,
        "/login/factor",
        "/login/factor/webauthn/options",
        &[],
    )
    .await;
    let request: RequestChallengeResponse = serde_json::from_value(o["options"].clone()).unwrap();
    let assertion = serde_json::to_value(key.do_authentication(origin(&app), request).unwrap()).unwrap();

    let resp = answer(
        &fresh,
        &challenge.html,
        "/login/factor",
        &o["ceremony"],
        &assertion,
        &[],
    )
    .await;
    let cb = fresh.expect_redirect(resp).await;
    let claims = id_token(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "hwk", "mfa"]));
}

#[tokio::test]
async fn an_assertion_made_on_another_origin_is_refused_at_the_challenge() {
    let app = TestApp::spawn_on_localhost().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("phished@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let mut key = passkey();
    add(&app, &browser, &mut key, "passkey", "Phone").await;

    let fresh = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let login = fresh.expect_page(fresh.get(&url).await).await;
    let challenge = fresh
        .expect_page(fresh.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    let o = options(
        &fresh,
        &challenge.html,
        "/login/factor",
        "/login/factor/webauthn/options",
        &[],
    )
    .await;
    let request: RequestChallengeResponse = serde_json::from_value(o["options"].clone()).unwrap();
    // A page on another origin under the same RP ID (another port, so the authenticator signs)
    // relays our challenge: the browser signs that page's origin, which we refuse.
    let mut look_alike = origin(&app);
    look_alike
        .set_port(Some(look_alike.port().unwrap().wrapping_add(1)))
        .unwrap();
    let relayed = key
        .do_authentication(look_alike, request)
        .expect("the authenticator answers a page under the RP ID");
    let relayed = serde_json::to_value(relayed).unwrap();
    let resp = answer(
        &fresh,
        &challenge.html,
        "/login/factor",
        &o["ceremony"],
        &relayed,
        &[],
    )
    .await;
    assert_eq!(resp.status(), 401);
    let failures = audited(&app, Some(&user.id), "login.factor").await;
    assert!(failures.iter().any(|e| e.outcome == "failure"), "{failures:#?}");
}

#[tokio::test]
async fn discovery_offers_the_phishing_resistant_level_only_where_passkeys_work() {
    let on_localhost = TestApp::spawn_on_localhost().await;
    let d: Value = on_localhost
        .http()
        .get(on_localhost.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["acr_values_supported"], serde_json::json!(["1", "2", "phr"]));
    let on_ip = TestApp::spawn().await;
    let d: Value = on_ip
        .http()
        .get(on_ip.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["acr_values_supported"], serde_json::json!(["1", "2"]));
    let login = on_ip.browser().page("/login").await;
    assert!(!login.html.contains("passkey-signin"));
}
