//! Codes by mail or text message as a second factor: turned on from the account page with a code
//! that proves the address or phone, then asked for at sign-in ("Send code", then the code).
//! Codes are read from the mail and text messages the app sent.

use crate::support::*;

/// Turns codes by `channel` on from the account page; the answer page.
async fn turn_on(
    app: &TestApp,
    browser: &Browser,
    channel: &str,
    read_code: impl AsyncFnOnce() -> String,
) -> Page {
    let page = browser.page("/account/security").await;
    let forms: Vec<_> = page
        .html
        .match_indices("action=\"/account/security/channel/send\"")
        .collect();
    assert_eq!(forms.len(), 2, "e-mail and SMS offered: {}", page.html);
    let mut form = form_inputs(&page.html, "/account/security/channel/send");
    form.retain(|(k, _)| k != "channel");
    form.push(("channel".into(), channel.into()));
    let sent = Page::from(browser.post_form("/account/security/channel/send", &form).await).await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let mut form = form_inputs(&sent.html, "/account/security/channel/confirm");
    form.push(("code".into(), read_code().await));
    let _ = app;
    Page::from(
        browser
            .post_form("/account/security/channel/confirm", &form)
            .await,
    )
    .await
}

/// Signs in through a client: password, then "Send code" and the code read by `read_code`.
async fn sign_in_with_code(
    app: &TestApp,
    client: &TestClient,
    email: &str,
    read_code: impl AsyncFnOnce() -> String,
) -> serde_json::Value {
    let browser = app.browser();
    let (url, verifier) = authorize_url(app, client, "openid", &[]);
    let login = browser.expect_page(browser.get(&url).await).await;
    let resp = browser.submit_login(&login, email, PASSWORD).await;
    let challenge = browser.expect_page(resp).await;
    assert!(
        challenge.html.contains("action=\"/login/factor/send\""),
        "{}",
        challenge.html
    );
    let form = form_inputs(&challenge.html, "/login/factor/send");
    let sent = Page::from(browser.post_form("/login/factor/send", &form).await).await;
    assert!(sent.html.contains("We sent a code to"), "{}", sent.html);
    let mut form = form_inputs(&sent.html, "/login/factor");
    form.push(("code".into(), read_code().await));
    let cb = browser
        .expect_redirect(browser.post_form("/login/factor", &form).await)
        .await;
    let resp = exchange_code(app, client, &cb.param("code").unwrap(), &verifier).await;
    let tokens: serde_json::Value = resp.json().await.unwrap();
    app.claims(tokens["id_token"].as_str().unwrap()).await
}

#[tokio::test]
async fn codes_by_email_are_turned_on_with_a_code_and_asked_for_at_sign_in() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("mailcodes@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let done = turn_on(&app, &browser, "email", async || {
        app.next_mail(&user.email, "Your sign-in code", 0).await.code()
    })
    .await;
    assert!(
        done.html.contains("id=\"recovery-codes\""),
        "the first factor brings recovery codes: {}",
        done.html
    );
    app.mail(&user.email, "The way you sign in has changed").await;
    assert_eq!(audited(&app, Some(&user.id), "mfa.enrolled").await.len(), 1);

    let claims = sign_in_with_code(&app, &client, &user.email, async || {
        app.next_mail(&user.email, "Your sign-in code", 1).await.code()
    })
    .await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
}

#[tokio::test]
async fn codes_by_text_message_sign_in_and_say_sms() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("smscodes@example.com").await;
    let phone = user.phone_number.clone().unwrap();
    let browser = app.account_browser(&user.email).await;
    turn_on(&app, &browser, "sms", async || app.next_sms_code(&phone, 0).await).await;
    let claims = sign_in_with_code(&app, &client, &user.email, async || {
        app.next_sms_code(&phone, 1).await
    })
    .await;
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "sms", "mfa"]));
}

#[tokio::test]
async fn a_wrong_code_does_not_turn_a_channel_on() {
    let app = TestApp::spawn().await;
    let user = app.create_user("wrongcode@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let page = turn_on(&app, &browser, "email", async || {
        let right = app.next_mail(&user.email, "Your sign-in code", 0).await.code();
        format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000)
    })
    .await;
    assert_eq!(page.status, 400, "{}", page.html);
    assert!(
        app.state
            .provider
            .mfa
            .enrolled(&user.id)
            .await
            .unwrap()
            .is_empty()
    );
}
