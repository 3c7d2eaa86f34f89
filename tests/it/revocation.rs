//! Token revocation (RFC 7009): a client revokes only its own tokens; revoking a refresh token
//! ends its whole family and the access tokens issued under it.

use serde_json::{Value, json};

use crate::support::*;

async fn tokens(app: &TestApp, client: &TestClient) -> Value {
    let user = app.create_user("ada@example.com").await;
    login_and_tokens(app, client, &app.browser(), &user.email, "openid email").await
}

fn at(t: &Value) -> &str {
    t["access_token"].as_str().expect("an access token")
}

fn rt(t: &Value) -> &str {
    t["refresh_token"].as_str().expect("a refresh token")
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

/// docs/decisions.md: refused with `unauthorized_client` (RFC 7009 §2.1), and the token keeps
/// working for its owner.
#[tokio::test]
async fn revoking_another_clients_token_is_refused_and_leaves_it_working() {
    let app = TestApp::spawn().await;
    let owner = app.create_client(ClientSpec::default()).await;
    let other = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &owner).await;
    for (kind, token, hint) in [
        ("access token", at(&t), Some("access_token")),
        ("access token", at(&t), None),
        ("refresh token", rt(&t), Some("refresh_token")),
        ("refresh token", rt(&t), None),
    ] {
        let resp = revoke(&app, &other, token, hint).await;
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert_eq!(status, 400, "{kind}, hint {hint:?}: {text}");
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            body["error"], "unauthorized_client",
            "{kind}, hint {hint:?}: {text}"
        );
        let intro = introspect(&app, &owner, token).await;
        assert_eq!(
            intro["active"], true,
            "{kind}, hint {hint:?}: stays active: {intro}"
        );
    }
    assert_eq!(
        userinfo(&app, at(&t)).await.status(),
        200,
        "the access token still works"
    );
    let resp = refresh(&app, &owner, rt(&t), None).await;
    assert_eq!(resp.status(), 200, "the refresh token still works");
}

#[tokio::test]
async fn revoking_a_refresh_token_revokes_its_family_and_its_access_tokens() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client).await;
    let resp = refresh(&app, &client, rt(&first), None).await;
    assert_eq!(resp.status(), 200);
    let second: Value = resp.json().await.unwrap();

    let resp = revoke(&app, &client, rt(&second), Some("refresh_token")).await;
    assert_eq!(resp.status(), 200);

    for (which, t) in [("first", &first), ("second", &second)] {
        let intro = introspect(&app, &client, at(t)).await;
        assert_eq!(intro, json!({"active": false}), "the {which} access token");
        let resp = userinfo(&app, at(t)).await;
        assert_eq!(resp.status(), 401, "the {which} access token at userinfo");
    }
    assert_eq!(
        introspect(&app, &client, rt(&second)).await,
        json!({"active": false})
    );
    // The first token is still within the reuse grace window: only the family's revocation
    // refuses it.
    for (which, t) in [("revoked", &second), ("rotated", &first)] {
        let resp = refresh(&app, &client, rt(t), None).await;
        assert_eq!(
            json_error(resp, 400).await,
            "invalid_grant",
            "the {which} refresh token"
        );
    }
}
