//! Password recovery: by mail link or texted code; the answer does not tell whether the address
//! has an account.

use crate::registration::{NEW_PASSWORD, without_tokens};
use crate::support::*;

async fn login_page(app: &TestApp, browser: &Browser) -> Page {
    let page = browser.page("/login").await;
    assert!(page.is_sign_in(), "{}", page.html);
    let _ = app;
    page
}

#[tokio::test]
async fn forgot_password_answers_alike_and_a_reset_ends_every_session() {
    let app = TestApp::spawn().await;
    let user = app.create_user("reset@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();

    let ask = |email: &'static str| {
        let b = app.browser();
        async move {
            let page = b.page("/forgot-password").await;
            let mut form = form_inputs(&page.html, "/forgot-password");
            form.extend([("email".into(), email.into()), ("channel".into(), "email".into())]);
            Page::from(b.post_form("/forgot-password", &form).await).await
        }
    };
    let known = ask("reset@example.com").await;
    let unknown = ask("nobody@example.com").await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        without_tokens(&known.html, "reset@example.com"),
        without_tokens(&unknown.html, "nobody@example.com")
    );

    let link = app
        .mail(&user.email, "Reset your password")
        .await
        .link_path(&app, "/reset-password");
    let other = app.browser();
    let form_page = other.page(&link).await;
    let mut form = form_inputs(&form_page.html, "/reset-password");
    form.extend([
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let done = Page::from(other.post_form("/reset-password", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Password changed"));

    // Every session and refresh token is gone, and the user was told.
    let r = refresh(&app, &client, &refresh_token, None).await;
    assert_eq!(json_error(r, 400).await, "invalid_grant");
    assert!(browser.page("/account").await.is_sign_in());
    app.mail(&user.email, "Your password was reset").await;

    // The link is single use; the new password works, the old one does not.
    assert_eq!(other.page(&link).await.status, 400);
    let page = login_page(&app, &other).await;
    assert_eq!(
        other.submit_login(&page, &user.email, PASSWORD).await.status(),
        401
    );
    assert!(sets_session_cookie(
        &other.submit_login(&page, &user.email, NEW_PASSWORD).await
    ));
}

/// Submits the forgot-password form asking for a code by text message.
pub async fn forgot_password_by_sms(browser: &Browser, email: &str) -> reqwest::Response {
    let page = browser.page("/forgot-password").await;
    let mut form = form_inputs(&page.html, "/forgot-password");
    form.extend([("email".into(), email.into()), ("channel".into(), "sms".into())]);
    browser.post_form("/forgot-password", &form).await
}

#[tokio::test]
async fn a_verified_phone_can_reset_the_password_by_sms_code() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sms@example.com").await;
    let browser = app.browser();
    let code_page = Page::from(forgot_password_by_sms(&browser, &user.email).await).await;
    assert!(
        code_page.html.contains("Code from the text message"),
        "{}",
        code_page.html
    );
    let code = app.sms_code(user.phone_number.as_deref().unwrap()).await;
    let mut form = form_inputs(&code_page.html, "/reset-password/code");
    form.extend([
        ("email".into(), user.email.clone()),
        ("code".into(), code),
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let done = Page::from(browser.post_form("/reset-password/code", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    let page = login_page(&app, &browser).await;
    assert!(sets_session_cookie(
        &browser.submit_login(&page, &user.email, NEW_PASSWORD).await
    ));
}
