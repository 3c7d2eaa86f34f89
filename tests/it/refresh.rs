//! Refresh tokens (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2).

use crate::support::*;

async fn tokens(app: &TestApp, client: &TestClient, scope: &str) -> serde_json::Value {
    app.create_user("ada@example.com").await;
    login_and_tokens(app, client, &app.browser(), "ada@example.com", scope).await
}

fn rt(v: &serde_json::Value) -> String {
    v["refresh_token"].as_str().expect("a refresh token").to_owned()
}

async fn ok_json(resp: reqwest::Response) -> serde_json::Value {
    let status = resp.status();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn rotation_returns_a_new_refresh_token() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid").await;
    let next = ok_json(refresh(&app, &client, &rt(&first), None).await).await;
    assert_ne!(rt(&next), rt(&first));
    assert!(next["access_token"].is_string());
    let after = ok_json(refresh(&app, &client, &rt(&next), None).await).await;
    assert_ne!(rt(&after), rt(&next));
}

#[tokio::test]
async fn reuse_after_the_grace_window_revokes_the_family() {
    let app = TestApp::spawn_with(|c| c.refresh_reuse_grace_seconds = Some(0)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid").await;
    let second = ok_json(refresh(&app, &client, &rt(&first), None).await).await;
    app.clock.advance(1);

    let replay = refresh(&app, &client, &rt(&first), None).await;
    assert_eq!(json_error(replay, 400).await, "invalid_grant");
    let newest = refresh(&app, &client, &rt(&second), None).await;
    assert_eq!(
        json_error(newest, 400).await,
        "invalid_grant",
        "the whole family is revoked after a replay"
    );
    let at = second["access_token"].as_str().unwrap();
    assert_eq!(introspect(&app, &client, at).await["active"], false);
}

#[tokio::test]
async fn reuse_within_the_grace_window_still_works_once() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid").await;
    let second = ok_json(refresh(&app, &client, &rt(&first), None).await).await;
    // A concurrent request of the same client presents the old token again at once.
    let concurrent = ok_json(refresh(&app, &client, &rt(&first), None).await).await;
    assert!(concurrent["access_token"].is_string());
    // And the family is not revoked.
    ok_json(refresh(&app, &client, &rt(&second), None).await).await;
}

#[tokio::test]
async fn scope_may_narrow() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid email").await;
    let narrowed = ok_json(refresh(&app, &client, &rt(&first), Some("openid")).await).await;
    assert_eq!(narrowed["scope"], "openid");
    let at = narrowed["access_token"].as_str().unwrap();
    assert_eq!(app.claims(at).await["scope"], "openid");
    let info: serde_json::Value = userinfo(&app, at).await.json().await.unwrap();
    assert!(info.get("email").is_none(), "{info}");
}

#[tokio::test]
async fn scope_may_not_widen() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid email").await;
    let resp = refresh(&app, &client, &rt(&first), Some("openid email phone")).await;
    assert_eq!(json_error(resp, 400).await, "invalid_scope");
}

#[tokio::test]
async fn a_refresh_token_of_another_client_is_invalid_grant() {
    let app = TestApp::spawn().await;
    let a = app.create_client(ClientSpec::default()).await;
    let b = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &a, "openid").await;
    let resp = refresh(&app, &b, &rt(&first), None).await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
    // The owner can still use it.
    ok_json(refresh(&app, &a, &rt(&first), None).await).await;
}

#[tokio::test]
async fn logout_ends_online_refresh_tokens_but_not_offline_ones() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let online = login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let offline = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    assert!(offline["scope"].as_str().unwrap().contains("offline_access"));

    let hint = online["id_token"].as_str().unwrap();
    let url = app.url(&format!(
        "/end_session?{}",
        serde_urlencoded::to_string([("id_token_hint", hint)]).unwrap()
    ));
    let resp = browser.get(&url).await;
    // No post_logout_redirect_uri: the signed-out page.
    assert_eq!(resp.status(), 200);

    let resp = refresh(&app, &client, &rt(&online), None).await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
    ok_json(refresh(&app, &client, &rt(&offline), None).await).await;
}

#[tokio::test]
async fn rotation_does_not_extend_the_family_past_its_first_token_s_lifetime() {
    let app = TestApp::spawn_with(|c| c.refresh_token_ttl = Some(1000)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let issued = portcullis::domain::Clock::now(app.clock.as_ref());
    let first = tokens(&app, &client, "openid offline_access").await;
    let family_ends = issued + 1000;
    assert_eq!(introspect(&app, &client, &rt(&first)).await["exp"], family_ends);

    let mut current = rt(&first);
    for (wait, at) in [(300, 300), (300, 600), (399, 999)] {
        app.clock.advance(wait);
        let next = ok_json(refresh(&app, &client, &current, None).await).await;
        current = rt(&next);
        assert_eq!(
            introspect(&app, &client, &current).await["exp"],
            family_ends,
            "the token rotated at {at} s keeps the first token's expiry"
        );
    }
    app.clock.advance(1);
    let resp = refresh(&app, &client, &current, None).await;
    assert_json_error(
        resp,
        400,
        "invalid_grant",
        "1000 s after the first token the family has expired",
    )
    .await;
    assert_eq!(introspect(&app, &client, &current).await["active"], false);
}

#[tokio::test]
async fn a_rotated_token_is_accepted_to_the_end_of_the_grace_window_and_revokes_the_family_after() {
    let app = TestApp::spawn_with(|c| c.refresh_reuse_grace_seconds = Some(5)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid").await;
    let second = ok_json(refresh(&app, &client, &rt(&first), None).await).await;
    app.clock.advance(5);
    let resp = refresh(&app, &client, &rt(&first), None).await;
    let status = resp.status();
    let third: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        status, 200,
        "5 s after its rotation, the grace window's last second, the old token still works: {third}"
    );
    app.clock.advance(1);
    let replay = refresh(&app, &client, &rt(&first), None).await;
    assert_json_error(replay, 400, "invalid_grant", "6 s after its rotation").await;
    for (name, t) in [("second", &second), ("third", &third)] {
        let resp = refresh(&app, &client, &rt(t), None).await;
        let what = format!("the {name} token's family is revoked by the replay");
        assert_json_error(resp, 400, "invalid_grant", &what).await;
    }
}
