//! Authorization endpoint: errors are a page until the client and redirect_uri are proven, then
//! redirected with error, error_description, state and iss.

use crate::support::*;

#[tokio::test]
async fn unknown_redirect_uri_is_an_error_page_never_a_redirect() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = url.replace("127.0.0.1%3A9%2Fcb", "evil.example%2Fcb");
    let resp = app.browser().get(&url).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(resp.text().await.unwrap().contains("redirect_uri"));
}

#[tokio::test]
async fn unsupported_response_type_is_redirected_with_state_and_iss() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = url.replace("response_type=code", "response_type=token");
    let cb = app
        .browser()
        .follow(app.browser().get(&url).await)
        .await
        .expect("a redirect");
    assert_eq!(cb.param("error").as_deref(), Some("unsupported_response_type"));
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
}
