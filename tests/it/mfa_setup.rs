//! The guided set-up of a second factor: offered after sign-up and at a later login to a user
//! who has none, put off with "Not now" until its interval has passed; the grace period of a
//! set-up the MFA policy requires; and what cannot be put off.

use crate::mfa_login::{enrol_during_login, id_token_claims, sign_in};
use crate::registration::NEW_PASSWORD;
use crate::support::*;

const DAY: i64 = 86_400;

/// The set-up page a sign-in landed on.
async fn set_up_page(resp: Result<Callback, reqwest::Response>) -> Page {
    let page = match resp {
        Ok(cb) => panic!("expected the set-up, got {}", cb.url),
        Err(resp) => Page::from(resp).await,
    };
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("id=\"totp-secret\""), "{}", page.html);
    page
}

/// "Not now" on the set-up page.
async fn put_off(browser: &Browser, page: &Page) -> reqwest::Response {
    let form = form_inputs(&page.html, "/login/enrol/later");
    browser.post_form("/login/enrol/later", &form).await
}

#[tokio::test]
async fn a_new_account_is_offered_the_set_up_and_not_now_goes_on() {
    let app = TestApp::spawn_with(|c| c.mfa_offer_interval = None).await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid email", &[("prompt", "create")]);
    let page = browser.page(&url).await;
    let email = "new.setup@example.com";
    let mut form = form_inputs(&page.html, "/register");
    form.extend([
        ("email".into(), email.into()),
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let check = Page::from(browser.post_form("/register", &form).await).await;
    let mut form = form_inputs(&check.html, "/register/verify");
    form.push(("code".into(), app.mail(email, "Verify your email").await.code()));
    let page = set_up_page(
        browser
            .follow(browser.post_form("/register/verify", &form).await)
            .await,
    )
    .await;
    assert!(page.html.contains("Protect your account"), "{}", page.html);
    assert!(page.html.contains("id=\"setup-later\""), "{}", page.html);

    let cb = browser.expect_redirect(put_off(&browser, &page).await).await;
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "1");
    let user = app.store().users().user_by_email(email).await.unwrap().unwrap();
    assert_eq!(audited(&app, Some(&user.id), "mfa.setup.put_off").await.len(), 1);
    // The SSO session answers the next request without asking again.
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    browser.redirect(&url).await;
}

#[tokio::test]
async fn the_offer_waits_its_interval_after_not_now() {
    let app = TestApp::spawn_with(|c| c.mfa_offer_interval = Some(30 * DAY)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("later@example.com").await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let page = set_up_page(sign_in(&browser, &url, &user.email).await).await;
    browser.expect_redirect(put_off(&browser, &page).await).await;

    app.clock.advance(30 * DAY - 1);
    let browser = app.browser();
    assert!(
        sign_in(&browser, &url, &user.email).await.is_ok(),
        "not asked again yet"
    );
    app.clock.advance(1);
    let browser = app.browser();
    set_up_page(sign_in(&browser, &url, &user.email).await).await;
}

#[tokio::test]
async fn the_offer_sets_up_an_authenticator_app_that_is_the_login_s_second_factor() {
    let app = TestApp::spawn_with(|c| c.mfa_offer_interval = Some(30 * DAY)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("taken.up@example.com").await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let browser = app.browser();
    let cb = enrol_during_login(&app, &browser, sign_in(&browser, &url, &user.email).await).await;
    let claims = id_token_claims(&app, &client, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
}

#[tokio::test]
async fn a_grace_period_puts_a_required_set_up_off_until_it_ends() {
    let app = TestApp::spawn_with(|c| {
        c.mfa_required = Some("all".into());
        c.mfa_grace_period = Some(7 * DAY);
    })
    .await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("grace@example.com").await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);

    // The period starts when the set-up is first asked for, and the page says when it ends.
    let browser = app.browser();
    let page = set_up_page(sign_in(&browser, &url, &user.email).await).await;
    assert!(
        page.html.contains("Your sign-in needs a second step from"),
        "{}",
        page.html
    );
    let cb = browser.expect_redirect(put_off(&browser, &page).await).await;
    assert_eq!(id_token_claims(&app, &client, &cb, &verifier).await["acr"], "1");

    app.clock.advance(7 * DAY - 1);
    let browser = app.browser();
    let page = set_up_page(sign_in(&browser, &url, &user.email).await).await;
    browser.expect_redirect(put_off(&browser, &page).await).await;

    // Over: the set-up is required, and "Not now" is neither offered nor taken.
    app.clock.advance(1);
    let browser = app.browser();
    let page = set_up_page(sign_in(&browser, &url, &user.email).await).await;
    assert!(!page.html.contains("setup-later"), "{}", page.html);
    let mut form = form_inputs(&page.html, "/login/enrol");
    form.retain(|(k, _)| k == "interaction" || k == "csrf");
    let refused = Page::from(browser.post_form("/login/enrol/later", &form).await).await;
    assert!(
        refused.status.is_client_error(),
        "{}: {}",
        refused.status,
        refused.html
    );
    let interaction = &form.iter().find(|(k, _)| k == "interaction").unwrap().1;
    let again = browser
        .page(&format!("/login/enrol?interaction={interaction}"))
        .await;
    assert!(
        again.html.contains("id=\"totp-secret\""),
        "still required: {}",
        again.html
    );
    assert_eq!(audited(&app, Some(&user.id), "mfa.setup.put_off").await.len(), 2);
}

#[tokio::test]
async fn an_essential_acr_is_not_put_off_by_the_grace_period() {
    let app = TestApp::spawn_with(|c| c.mfa_grace_period = Some(7 * DAY)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("insist@example.com").await;
    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["2"]}}}"#;
    let (url, _) = authorize_url(&app, &client, "openid", &[("claims", claims)]);
    let browser = app.browser();
    let page = set_up_page(sign_in(&browser, &url, &user.email).await).await;
    assert!(!page.html.contains("setup-later"), "{}", page.html);
    assert!(!page.html.contains("Protect your account"), "{}", page.html);
}
