//! UserInfo endpoint (OIDC Core §5.3) with bearer tokens (RFC 6750).

use portcullis::domain::GrantType;

use crate::support::*;

async fn access_token(app: &TestApp, scope: &str) -> (TestClient, String, String) {
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = login_and_tokens(app, &client, &app.browser(), &user.email, scope).await;
    (client, t["access_token"].as_str().unwrap().to_owned(), user.id)
}

async fn claims(app: &TestApp, at: &str) -> serde_json::Map<String, serde_json::Value> {
    let resp = userinfo(app, at).await;
    assert_eq!(resp.status(), 200);
    assert!(header(&resp, "content-type").starts_with("application/json"));
    resp.json().await.unwrap()
}

#[tokio::test]
async fn get_with_a_bearer_header_works() {
    let app = TestApp::spawn().await;
    let (_, at, sub) = access_token(&app, "openid").await;
    assert_eq!(claims(&app, &at).await["sub"], sub.as_str());
}

#[tokio::test]
async fn post_with_the_token_in_a_form_body_works() {
    let app = TestApp::spawn().await;
    let (_, at, sub) = access_token(&app, "openid email").await;
    let resp = app
        .http()
        .post(app.url("/userinfo"))
        .form(&[("access_token", at.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["sub"], sub.as_str());
    assert_eq!(body["email"], "ada@example.com");
}

#[tokio::test]
async fn no_token_is_a_challenge_without_an_error_code() {
    let app = TestApp::spawn().await;
    let resp = app.http().get(app.url("/userinfo")).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    let challenge = header(&resp, "www-authenticate");
    assert!(challenge.starts_with("Bearer realm="), "{challenge}");
    assert!(!challenge.contains("error="), "RFC 6750 §3.1: {challenge}");
}

#[tokio::test]
async fn an_invalid_token_is_invalid_token() {
    let app = TestApp::spawn().await;
    let resp = userinfo(&app, "not-a-token").await;
    assert_eq!(resp.status(), 401);
    let challenge = header(&resp, "www-authenticate");
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
}

#[tokio::test]
async fn scope_openid_alone_releases_only_sub() {
    let app = TestApp::spawn().await;
    let (_, at, sub) = access_token(&app, "openid").await;
    let c = claims(&app, &at).await;
    assert_eq!(c.keys().collect::<Vec<_>>(), vec!["sub"], "{c:?}");
    assert_eq!(c["sub"], sub.as_str());
}

#[tokio::test]
async fn scope_email_releases_email_and_email_verified() {
    let app = TestApp::spawn().await;
    let (_, at, _) = access_token(&app, "openid email").await;
    let c = claims(&app, &at).await;
    assert_eq!(c["email"], "ada@example.com");
    assert_eq!(c["email_verified"], true);
    assert!(
        !c.contains_key("name"),
        "no profile claims without profile: {c:?}"
    );
    assert!(!c.contains_key("phone_number"), "{c:?}");
}

#[tokio::test]
async fn scope_phone_releases_the_phone_number() {
    let app = TestApp::spawn().await;
    let (_, at, _) = access_token(&app, "openid phone").await;
    let c = claims(&app, &at).await;
    assert_eq!(c["phone_number"], "+15555550100");
    assert!(!c.contains_key("email"), "{c:?}");
}

#[tokio::test]
async fn a_revoked_access_token_is_invalid_token() {
    let app = TestApp::spawn().await;
    let (client, at, _) = access_token(&app, "openid").await;
    assert_eq!(userinfo(&app, &at).await.status(), 200);
    let resp = revoke(&app, &client, &at, Some("access_token")).await;
    assert_eq!(resp.status(), 200);
    let resp = userinfo(&app, &at).await;
    assert_eq!(resp.status(), 401);
    assert!(header(&resp, "www-authenticate").contains("error=\"invalid_token\""));
}

#[tokio::test]
async fn a_client_credentials_token_is_refused() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client(ClientSpec {
            grants: vec![GrantType::ClientCredentials],
            ..Default::default()
        })
        .await;
    let resp = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let resp = userinfo(&app, body["access_token"].as_str().unwrap()).await;
    let status = resp.status().as_u16();
    let challenge = header(&resp, "www-authenticate");
    assert!(
        (status == 403 && challenge.contains("error=\"insufficient_scope\"")) || status == 401,
        "{status} {challenge}"
    );
}
