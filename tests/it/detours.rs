//! Detours that begin inside a client's sign-in (forgot password, the verification link,
//! "not you?", cancel, the logout confirmation) end back in that sign-in, and so at the client;
//! a link opened in another browser says where to continue.

use crate::registration::NEW_PASSWORD;
use crate::support::*;

/// The login page of a fresh authorization request of `client`, its interaction id and the
/// request's PKCE verifier.
async fn client_sign_in(app: &TestApp, browser: &Browser, client: &TestClient) -> (Page, String, String) {
    let (url, verifier) = authorize_url(app, client, "openid", &[]);
    let page = browser.page(&url).await;
    assert!(page.is_sign_in(), "{}", page.html);
    let id = form_inputs(&page.html, "/login")
        .into_iter()
        .find(|(n, _)| n == "interaction")
        .map(|(_, v)| v)
        .expect("the login form names its interaction");
    (page, id, verifier)
}

/// Asks for a reset mail from the forgot-password page the login page links to.
async fn ask_reset(app: &TestApp, browser: &Browser, login: &Page, id: &str, email: &str) -> String {
    let href = format!("/forgot-password?interaction={id}");
    assert!(login.html.contains(&href), "{}", login.html);
    let forgot = browser.page(&href).await;
    let mut form = form_inputs(&forgot.html, "/forgot-password");
    assert!(
        form.contains(&("interaction".into(), id.into())),
        "{}",
        forgot.html
    );
    form.extend([("email".into(), email.into()), ("channel".into(), "email".into())]);
    let sent = Page::from(browser.post_form("/forgot-password", &form).await).await;
    assert!(
        sent.html.contains(&format!("href=\"/login?interaction={id}\"")),
        "back to sign-in leads to the same request: {}",
        sent.html
    );
    app.mail(email, "Reset your password")
        .await
        .link_path(app, "/reset-password")
}

async fn reset(browser: &Browser, link: &str) -> Page {
    let form_page = browser.page(link).await;
    let mut form = form_inputs(&form_page.html, "/reset-password");
    form.extend([
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    Page::from(browser.post_form("/reset-password", &form).await).await
}

#[tokio::test]
async fn a_reset_begun_at_a_clients_sign_in_continues_it_in_the_same_browser() {
    let app = TestApp::spawn().await;
    let user = app.create_user("detour@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (login, id, _) = client_sign_in(&app, &browser, &client).await;
    let link = ask_reset(&app, &browser, &login, &id, &user.email).await;
    assert!(link.contains(&format!("interaction={id}")), "{link}");

    let done = reset(&browser, &link).await;
    assert_eq!(done.status, 200, "{}", done.html);
    let next = format!("/login?interaction={id}");
    assert!(done.html.contains(&format!("href=\"{next}\"")), "{}", done.html);
    let login = browser.page(&next).await;
    let resp = browser.submit_login(&login, &user.email, NEW_PASSWORD).await;
    let cb = browser.follow(resp).await.expect("back at the client");
    assert!(cb.param("code").is_some(), "{}", cb.url);
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
}

#[tokio::test]
async fn a_reset_link_opened_in_another_browser_says_where_to_continue() {
    let app = TestApp::spawn().await;
    let user = app.create_user("elsewhere@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (login, id, _) = client_sign_in(&app, &browser, &client).await;
    let link = ask_reset(&app, &browser, &login, &id, &user.email).await;

    let done = reset(&app.browser(), &link).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains(&english("detour-elsewhere")), "{}", done.html);
    assert!(!done.html.contains("/login?interaction="), "{}", done.html);
}

#[tokio::test]
async fn the_verification_link_opened_in_the_signing_up_browser_finishes_at_the_client() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (login, id, _) = client_sign_in(&app, &browser, &client).await;
    let href = format!("/register?interaction={id}");
    assert!(login.html.contains(&href), "{}", login.html);
    let register = browser.page(&href).await;
    let mut form = form_inputs(&register.html, "/register");
    let email = "newcomer@example.com";
    form.extend([
        ("email".into(), email.into()),
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let check = Page::from(browser.post_form("/register", &form).await).await;
    assert_eq!(check.status, 200, "{}", check.html);

    let link = app
        .mail(email, "Verify your email")
        .await
        .link_path(&app, "/verify-email");
    assert!(link.contains(&format!("interaction={id}")), "{link}");
    let confirm = browser.page(&link).await;
    let form = form_inputs(&confirm.html, "/verify-email");
    let resp = browser.post_form("/verify-email", &form).await;
    let cb = browser.follow(resp).await.expect("signed in at the client");
    assert!(cb.param("code").is_some(), "{}", cb.url);

    // The same link cannot sign in a browser that did not sign up: it only verifies.
    let stranger = app.browser();
    let (_, other_id, _) = client_sign_in(&app, &stranger, &client).await;
    let forged = link.replace(&id, &other_id);
    let confirm = stranger.page(&forged).await;
    assert!(
        !confirm.html.contains("name=\"token\""),
        "a used link is spent: {}",
        confirm.html
    );
}

#[tokio::test]
async fn cancel_answers_the_client_with_access_denied() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (login, _, _) = client_sign_in(&app, &browser, &client).await;
    let form = form_inputs(&login.html, "/login/cancel");
    let cb = browser
        .follow(browser.post_form("/login/cancel", &form).await)
        .await
        .expect("back at the client");
    assert_eq!(cb.param("error").as_deref(), Some("access_denied"));
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    // The request is finished: cancelling again is the expired page, not a second answer.
    let again = Page::from(browser.post_form("/login/cancel", &form).await).await;
    assert_ne!(again.status, 303);
    // A forged CSRF token cancels nothing.
    let (login, _, _) = client_sign_in(&app, &browser, &client).await;
    let forged: Vec<(String, String)> = form_inputs(&login.html, "/login/cancel")
        .into_iter()
        .map(|(n, v)| if n == "csrf" { (n, "forged".into()) } else { (n, v) })
        .collect();
    let r = Page::from(browser.post_form("/login/cancel", &forged).await).await;
    assert_eq!(r.status, 400, "{}", r.html);
}

#[tokio::test]
async fn not_you_signs_out_and_asks_for_another_account_in_the_same_request() {
    let app = TestApp::spawn().await;
    let first = app.create_user("first@example.com").await;
    let second = app.create_user("second@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let (login, id, verifier) = client_sign_in(&app, &browser, &client).await;
    let consent = browser
        .expect_page(browser.submit_login(&login, &first.email, PASSWORD).await)
        .await;
    assert!(consent.html.contains(&first.email), "{}", consent.html);
    let mut form = form_inputs(&consent.html, "/consent");
    form.push(("decision".into(), "switch".into()));
    let resp = browser.post_form("/consent", &form).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(
        resp.headers()["location"],
        format!("/login?interaction={id}").as_str()
    );
    // Signed out: the account pages ask to sign in.
    assert!(browser.page("/account").await.is_sign_in());
    let login = browser.page(&format!("/login?interaction={id}")).await;
    let consent = browser
        .expect_page(browser.submit_login(&login, &second.email, PASSWORD).await)
        .await;
    assert!(consent.html.contains(&second.email), "{}", consent.html);
    let cb = browser
        .follow(browser.submit_consent(&consent, "allow").await)
        .await
        .expect("back at the client");
    let resp = exchange_code(&app, &client, &cb.param("code").unwrap(), &verifier).await;
    let tokens: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        app.claims(tokens["id_token"].as_str().unwrap()).await["sub"],
        second.id
    );
}

#[tokio::test]
async fn the_logout_question_offers_to_stay_and_signing_out_links_back_to_the_client() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let mut c = app.store().clients().client(&client.id).await.unwrap().unwrap();
    c.client_uri = Some("https://rp.example/home".into());
    app.store()
        .clients()
        .update_client(&c, &app.entry("client.updated"))
        .await
        .unwrap();
    let user = app.create_user("leaving@example.com").await;
    let browser = app.browser();
    login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let url = format!("/end_session?client_id={}", client.id);
    let ask = browser.page(&url).await;
    assert!(
        ask.html.contains("href=\"https://rp.example/home\""),
        "{}",
        ask.html
    );
    assert!(ask.html.contains(&english("logout-cancel")), "{}", ask.html);
    let form = form_inputs(&ask.html, "/end_session/confirm");
    let done = Page::from(browser.post_form("/end_session/confirm", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Return to Test RP"), "{}", done.html);
    assert!(
        done.html.contains("href=\"https://rp.example/home\""),
        "{}",
        done.html
    );
    // Without a known client, staying leads to the account.
    login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let ask = browser.page("/end_session").await;
    assert!(ask.html.contains("href=\"/account\""), "{}", ask.html);
}
