//! Token introspection (RFC 7662) and revocation (RFC 7009).

use std::collections::BTreeSet;

use crate::support::*;

/// RFC 6749 §3.3: a scope is a set; its order does not matter.
fn scope_set(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_str()
        .expect("a scope string")
        .split(' ')
        .map(str::to_owned)
        .collect()
}

async fn tokens(app: &TestApp, client: &TestClient) -> serde_json::Value {
    let user = app.create_user("ada@example.com").await;
    login_and_tokens(app, client, &app.browser(), &user.email, "openid email").await
}

#[tokio::test]
async fn introspection_requires_client_authentication() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client).await;
    let resp = app
        .http()
        .post(app.url("/introspect"))
        .form(&[("token", t["access_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(resp, 401).await, "invalid_client");
}

#[tokio::test]
async fn a_fresh_access_token_is_active_with_its_details() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client).await;
    let at = t["access_token"].as_str().unwrap();
    let sub = app.claims(t["id_token"].as_str().unwrap()).await["sub"].clone();
    let intro = introspect(&app, &client, at).await;
    assert_eq!(intro["active"], true, "{intro}");
    assert_eq!(
        scope_set(&intro["scope"]),
        scope_set(&"openid email".into()),
        "{intro}"
    );
    assert_eq!(intro["client_id"], client.id.as_str());
    assert_eq!(intro["sub"], sub);
    let exp = intro["exp"].as_i64().expect("exp");
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    assert!(exp > now && exp <= now + 600, "exp {exp}, now {now}");
}

#[tokio::test]
async fn garbage_is_inactive() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let intro = introspect(&app, &client, "garbage.token.value").await;
    assert_eq!(intro, serde_json::json!({"active": false}));
}

#[tokio::test]
async fn a_revoked_access_token_is_inactive() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client).await;
    let at = t["access_token"].as_str().unwrap();
    assert_eq!(introspect(&app, &client, at).await["active"], true);
    assert_eq!(
        revoke(&app, &client, at, Some("access_token")).await.status(),
        200
    );
    assert_eq!(
        introspect(&app, &client, at).await,
        serde_json::json!({"active": false})
    );
}

#[tokio::test]
async fn an_expired_access_token_is_inactive() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client).await;
    let at = t["access_token"].as_str().unwrap();
    app.clock.advance(601);
    assert_eq!(
        introspect(&app, &client, at).await,
        serde_json::json!({"active": false})
    );
}

#[tokio::test]
async fn a_refresh_token_is_active_for_its_client() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client).await;
    let rt = t["refresh_token"].as_str().unwrap();
    let intro = introspect(&app, &client, rt).await;
    assert_eq!(intro["active"], true, "{intro}");
    assert_eq!(intro["client_id"], client.id.as_str());
    assert_eq!(
        scope_set(&intro["scope"]),
        scope_set(&"openid email".into()),
        "{intro}"
    );
}

#[tokio::test]
async fn revoking_an_unknown_token_is_ok() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let resp = revoke(&app, &client, "no-such-token", None).await;
    assert_eq!(resp.status(), 200);
    let resp = revoke(&app, &client, "no-such-token", Some("refresh_token")).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn revoking_another_clients_token_is_refused() {
    let app = TestApp::spawn().await;
    let owner = app.create_client(ClientSpec::default()).await;
    let other = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &owner).await;
    for (token, hint) in [
        (t["access_token"].as_str().unwrap(), "access_token"),
        (t["refresh_token"].as_str().unwrap(), "refresh_token"),
    ] {
        let resp = revoke(&app, &other, token, Some(hint)).await;
        assert_eq!(json_error(resp, 400).await, "unauthorized_client", "{hint}");
        let intro = introspect(&app, &owner, token).await;
        assert_eq!(intro["active"], true, "{hint} stays active: {intro}");
    }
}
