//! Text messages through the configured HTTP API, and retries while it is unavailable.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::recovery::forgot_password_by_sms;
use crate::support::*;

/// A Twilio-style API on an ephemeral port that answers `statuses` in turn (then 200), and hands
/// each request's Authorization header and body to the test.
async fn sms_api(statuses: Vec<StatusCode>) -> (String, UnboundedReceiver<(String, String)>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let calls = Arc::new(AtomicUsize::new(0));
    let api = axum::Router::new().route(
        "/sms",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let tx = tx.clone();
            let n = calls.fetch_add(1, Ordering::SeqCst);
            let status = statuses.get(n).copied().unwrap_or(StatusCode::OK);
            async move {
                let auth = headers["authorization"].to_str().unwrap().to_owned();
                tx.send((auth, body)).unwrap();
                (status, "queued")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, api).await });
    (url, rx)
}

async fn app_texting_through(url: String) -> TestApp {
    TestApp::spawn_with(|c| {
        c.sms_http_url = Some(url);
        c.sms_http_authorization = Some("Bearer sms-api-key".into());
        c.sms_http_body = Some("To={to}&Body={message}".into());
        c.sms_http_content_type = Some("application/x-www-form-urlencoded".into());
    })
    .await
}

/// Asks for a password reset by text message (the test user's phone is verified).
async fn request_reset_by_sms(app: &TestApp, email: &str) {
    let user = app.create_user(email).await;
    forgot_password_by_sms(&app.browser(), &user.email).await;
}

async fn next_request(rx: &mut UnboundedReceiver<(String, String)>) -> (String, String) {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("the SMS API was not called")
        .unwrap()
}

#[tokio::test]
async fn text_messages_go_through_the_configured_http_api() {
    let (url, mut rx) = sms_api(vec![]).await;
    let app = app_texting_through(url).await;
    request_reset_by_sms(&app, "texted@example.com").await;
    let (auth, body) = next_request(&mut rx).await;
    assert_eq!(auth, "Bearer sms-api-key");
    let fields: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap();
    assert_eq!(fields[0], ("To".into(), "+15555550100".into()));
    assert!(
        fields[1].1.contains("is your code to reset your password"),
        "{body}"
    );
}

#[tokio::test]
async fn an_unavailable_sms_api_is_tried_again() {
    let (url, mut rx) = sms_api(vec![StatusCode::SERVICE_UNAVAILABLE]).await;
    let app = app_texting_through(url).await;
    request_reset_by_sms(&app, "retried@example.com").await;
    let (_, first) = next_request(&mut rx).await;
    let (_, second) = next_request(&mut rx).await;
    assert_eq!(first, second, "the same message is sent again");
}
