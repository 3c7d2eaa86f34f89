//! RP-Initiated Logout 1.0: the end-session endpoint and its confirmation page.

use crate::support::*;

/// A browser logged in as ada through `client`, with the token response.
async fn logged_in(app: &TestApp, client: &TestClient) -> (Browser, serde_json::Value) {
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let t = login_and_tokens(app, client, &browser, &user.email, "openid").await;
    (browser, t)
}

fn end_session_url(app: &TestApp, params: &[(&str, &str)]) -> String {
    app.url(&format!(
        "/end_session?{}",
        serde_urlencoded::to_string(params).unwrap()
    ))
}

async fn assert_logged_out(app: &TestApp, client: &TestClient, browser: &Browser) {
    let cb = prompt_none(app, client, browser).await;
    assert_eq!(cb.param("error").as_deref(), Some("login_required"), "{}", cb.url);
}

async fn assert_logged_in(app: &TestApp, client: &TestClient, browser: &Browser) {
    let cb = prompt_none(app, client, browser).await;
    assert!(cb.param("code").is_some(), "the session survives: {}", cb.url);
}

#[tokio::test]
async fn discovery_lists_the_end_session_endpoint() {
    let app = TestApp::spawn().await;
    let d: serde_json::Value = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["end_session_endpoint"], app.url("/end_session"));
}

#[tokio::test]
async fn end_session_with_a_hint_redirects_with_state_and_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, t) = logged_in(&app, &client).await;
    assert_logged_in(&app, &client, &browser).await;
    let url = end_session_url(
        &app,
        &[
            ("id_token_hint", t["id_token"].as_str().unwrap()),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
            ("state", "bye"),
        ],
    );
    let resp = browser.get(&url).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), format!("{POST_LOGOUT_URI}?state=bye"));
    let cleared = set_cookies(&resp).into_iter().any(|c| {
        c.starts_with(&format!("{}=", portcullis::authn::SESSION_COOKIE))
            && (c.contains("Max-Age=0") || c.contains("max-age=0"))
    });
    assert!(cleared, "the session cookie is cleared: {:?}", set_cookies(&resp));
    assert_logged_out(&app, &client, &browser).await;
}

#[tokio::test]
async fn an_unregistered_post_logout_redirect_uri_is_an_error_page() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, t) = logged_in(&app, &client).await;
    let url = end_session_url(
        &app,
        &[
            ("id_token_hint", t["id_token"].as_str().unwrap()),
            ("post_logout_redirect_uri", "http://evil.example/logged-out"),
            ("state", "bye"),
        ],
    );
    let resp = browser.get(&url).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(header(&resp, "content-type").starts_with("text/html"));
}

/// Opens /end_session without a hint: the confirmation page.
async fn confirmation_page(app: &TestApp, browser: &Browser) -> Page {
    let page = Page::from(browser.get(&app.url("/end_session")).await).await;
    assert_eq!(page.status, 200, "{}", page.html);
    page
}

#[tokio::test]
async fn without_a_hint_the_user_is_asked_to_confirm() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _) = logged_in(&app, &client).await;
    let page = confirmation_page(&app, &browser).await;
    assert_eq!(tag_attr(&page.html, "<form", "method").as_deref(), Some("post"));
    assert_eq!(
        tag_attr(&page.html, "<form", "action").as_deref(),
        Some("/end_session/confirm")
    );
    let csrf = hidden_inputs(&page.html)
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v);
    assert!(csrf.is_some_and(|c| !c.is_empty()), "{}", page.html);
    // Asking is not doing: the session is still there.
    assert_logged_in(&app, &client, &browser).await;
}

#[tokio::test]
async fn confirming_with_the_right_csrf_logs_out() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _) = logged_in(&app, &client).await;
    let page = confirmation_page(&app, &browser).await;
    let resp = browser
        .post_form("/end_session/confirm", &hidden_inputs(&page.html))
        .await;
    assert_eq!(resp.status(), 200);
    assert_logged_out(&app, &client, &browser).await;
}
