//! Token introspection (RFC 7662): who may introspect what, and when a token stops being active.
//! Any inactive answer is exactly `{"active": false}` (§2.2): nothing about the token leaks.

use std::collections::BTreeSet;

use portcullis::domain::{Clock, TokenEndpointAuthMethod};
use serde_json::{Value, json};

use crate::support::*;

const ACCESS_TTL: i64 = 600;
const REFRESH_TTL: i64 = 7200;
const SESSION_IDLE: i64 = 3600;

fn inactive() -> Value {
    json!({"active": false})
}

/// RFC 6749 §3.3: a scope is a set; its order does not matter.
fn scope_set(v: &Value) -> BTreeSet<String> {
    v.as_str()
        .expect("a scope string")
        .split(' ')
        .map(str::to_owned)
        .collect()
}

fn server_now(app: &TestApp) -> i64 {
    Clock::now(app.clock.as_ref())
}

async fn spawn() -> TestApp {
    TestApp::spawn_with(|c| {
        c.access_token_ttl = Some(ACCESS_TTL);
        c.refresh_token_ttl = Some(REFRESH_TTL);
        c.session_idle_timeout = Some(SESSION_IDLE);
    })
    .await
}

/// Logs ada in through `client` (a fresh browser) and returns the token response.
async fn tokens(app: &TestApp, client: &TestClient, scope: &str) -> Value {
    let user = app.create_user("ada@example.com").await;
    login_and_tokens(app, client, &app.browser(), &user.email, scope).await
}

fn at(t: &Value) -> &str {
    t["access_token"].as_str().expect("an access token")
}

fn rt(t: &Value) -> &str {
    t["refresh_token"].as_str().expect("a refresh token")
}

/// POSTs to the introspection endpoint as `client`: client_secret_basic when it has a secret,
/// otherwise only its client_id (a public client).
async fn post_introspect(
    app: &TestApp,
    client: &TestClient,
    token: &str,
    hint: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![("token", token)];
    if let Some(h) = hint {
        form.push(("token_type_hint", h));
    }
    let req = app.http().post(app.url("/introspect"));
    let req = match &client.secret {
        Some(s) => req.basic_auth(&client.id, Some(s)),
        None => {
            form.push(("client_id", &client.id));
            req
        }
    };
    req.form(&form).send().await.unwrap()
}

/// The introspection answer, after checking it is a 200 that must not be cached.
async fn answer(app: &TestApp, client: &TestClient, token: &str, hint: Option<&str>) -> Value {
    let resp = post_introspect(app, client, token, hint).await;
    let status = resp.status();
    let cache_control = header(&resp, "cache-control");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        cache_control, "no-store",
        "an introspection answer is not cached: {body}"
    );
    body
}

/// 401 `invalid_client` with a challenge (RFC 6749 §5.2), and no answer about the token.
async fn assert_invalid_client(resp: reqwest::Response) {
    let status = resp.status();
    let challenge = header(&resp, "www-authenticate");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"], "invalid_client", "{body}");
    assert!(!challenge.is_empty(), "a 401 needs WWW-Authenticate");
    assert!(body.get("active").is_none(), "{body}");
}

#[tokio::test]
async fn introspection_requires_client_authentication() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid email").await;
    let resp = app
        .http()
        .post(app.url("/introspect"))
        .form(&[("token", at(&t))])
        .send()
        .await
        .unwrap();
    assert_invalid_client(resp).await;
}

/// A public client cannot keep a credential, so anyone could introspect in its name.
#[tokio::test]
async fn a_public_client_may_not_introspect_even_its_own_token() {
    let app = spawn().await;
    let public = app
        .create_client(ClientSpec {
            auth_method: TokenEndpointAuthMethod::None,
            ..Default::default()
        })
        .await;
    assert!(public.secret.is_none());
    let t = tokens(&app, &public, "openid").await;
    let resp = post_introspect(&app, &public, at(&t), None).await;
    assert_invalid_client(resp).await;
}

#[tokio::test]
async fn a_fresh_access_token_is_active_with_its_details() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid email").await;
    let sub = app.claims(t["id_token"].as_str().unwrap()).await["sub"].clone();
    let intro = answer(&app, &client, at(&t), None).await;
    assert_eq!(intro["active"], true, "{intro}");
    assert_eq!(intro["token_type"], "Bearer", "{intro}");
    assert_eq!(
        scope_set(&intro["scope"]),
        scope_set(&"openid email".into()),
        "{intro}"
    );
    assert_eq!(intro["client_id"], client.id.as_str());
    assert_eq!(intro["sub"], sub);
    let now = server_now(&app);
    assert_eq!(intro["exp"], now + ACCESS_TTL, "{intro}");
    assert_eq!(intro["iat"], now, "{intro}");
}

/// docs/decisions.md: any confidential client may introspect an access token (it is a resource
/// server the token was sent to), and sees what the token's own client sees.
#[tokio::test]
async fn any_confidential_client_may_introspect_an_access_token() {
    let app = spawn().await;
    let owner = app.create_client(ClientSpec::default()).await;
    let resource_server = app.create_client(ClientSpec::service()).await;
    let t = tokens(&app, &owner, "openid email").await;
    let by_owner = answer(&app, &owner, at(&t), None).await;
    let by_other = answer(&app, &resource_server, at(&t), None).await;
    assert_eq!(by_other["active"], true, "{by_other}");
    assert_eq!(by_other["client_id"], owner.id.as_str(), "{by_other}");
    assert_eq!(by_other, by_owner);
}

#[tokio::test]
async fn a_refresh_token_is_active_for_its_client_with_its_familys_expiry() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("ada@example.com").await;
    let issued_at = server_now(&app);
    let first = login_and_tokens(&app, &client, &app.browser(), &user.email, "openid email").await;
    app.clock.advance(100);
    let resp = refresh(&app, &client, rt(&first), None).await;
    assert_eq!(resp.status(), 200);
    let second: Value = resp.json().await.unwrap();

    let mut intro = answer(&app, &client, rt(&second), None).await;
    let scope = intro.as_object_mut().unwrap().remove("scope").unwrap_or_default();
    assert_eq!(scope_set(&scope), scope_set(&"openid email".into()), "{intro}");
    assert_eq!(
        intro,
        json!({
            "active": true,
            "token_type": "refresh_token",
            "client_id": client.id,
            "sub": user.id,
            "iss": app.base,
            // Rotation does not extend the family's lifetime.
            "exp": issued_at + REFRESH_TTL,
            "iat": issued_at + 100,
        })
    );
}

#[tokio::test]
async fn a_refresh_token_of_another_client_is_inactive_and_reveals_nothing() {
    let app = spawn().await;
    let owner = app.create_client(ClientSpec::default()).await;
    let other = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &owner, "openid").await;
    for hint in [None, Some("refresh_token")] {
        assert_eq!(
            answer(&app, &other, rt(&t), hint).await,
            inactive(),
            "hint {hint:?}"
        );
    }
    assert_eq!(
        answer(&app, &owner, rt(&t), None).await["active"],
        true,
        "the owner still sees it"
    );
}

#[tokio::test]
async fn a_rotated_refresh_token_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let first = tokens(&app, &client, "openid").await;
    let resp = refresh(&app, &client, rt(&first), None).await;
    assert_eq!(resp.status(), 200);
    let second: Value = resp.json().await.unwrap();
    // Within the reuse grace window too: the old token may be honoured once more at the token
    // endpoint, but it is no longer the family's live token.
    assert_eq!(
        answer(&app, &client, rt(&first), None).await,
        inactive(),
        "the rotated token"
    );
    assert_eq!(
        answer(&app, &client, rt(&second), None).await["active"],
        true,
        "its successor"
    );
}

/// A replayed authorization code revokes the grant it issued (RFC 6749 §4.1.2).
#[tokio::test]
async fn a_refresh_token_of_a_revoked_grant_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("ada@example.com").await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let code = app
        .browser()
        .authorize(&url, &user.email)
        .await
        .param("code")
        .expect("a code");
    let resp = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(resp.status(), 200);
    let t: Value = resp.json().await.unwrap();
    assert_eq!(answer(&app, &client, rt(&t), None).await["active"], true);

    let replay = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(json_error(replay, 400).await, "invalid_grant");
    assert_eq!(
        answer(&app, &client, rt(&t), None).await,
        inactive(),
        "after the code's replay"
    );
}

#[tokio::test]
async fn an_expired_refresh_token_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    // Offline, so that only the token's own lifetime ends it.
    let t = tokens(&app, &client, "openid offline_access").await;
    assert!(t["scope"].as_str().unwrap().contains("offline_access"), "{t}");
    app.clock.advance(REFRESH_TTL - 1);
    assert_eq!(
        answer(&app, &client, rt(&t), None).await["active"],
        true,
        "a second before expiry"
    );
    app.clock.advance(1);
    assert_eq!(answer(&app, &client, rt(&t), None).await, inactive(), "at expiry");
}

#[tokio::test]
async fn an_online_refresh_token_is_inactive_after_logout_while_an_offline_one_stays_active() {
    let app = spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let online = login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let offline = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    assert!(
        offline["scope"].as_str().unwrap().contains("offline_access"),
        "{offline}"
    );
    assert_eq!(answer(&app, &client, rt(&online), None).await["active"], true);

    let logout = app.url(&format!(
        "/end_session?{}",
        serde_urlencoded::to_string([
            ("id_token_hint", online["id_token"].as_str().unwrap()),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
        ])
        .unwrap()
    ));
    assert_eq!(browser.get(&logout).await.status(), 303, "logged out");

    assert_eq!(
        answer(&app, &client, rt(&online), None).await,
        inactive(),
        "online"
    );
    assert_eq!(
        answer(&app, &client, rt(&offline), None).await["active"],
        true,
        "offline"
    );
}

/// Nothing revokes the grant when a session times out: only the session's own state ends it.
#[tokio::test]
async fn an_online_refresh_token_is_inactive_once_its_session_times_out_while_an_offline_one_stays_active() {
    let app = spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let online = login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let offline = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    assert!(
        offline["scope"].as_str().unwrap().contains("offline_access"),
        "{offline}"
    );
    app.clock.advance(SESSION_IDLE - 1);
    assert_eq!(
        answer(&app, &client, rt(&online), None).await["active"],
        true,
        "a second before the idle timeout"
    );

    app.clock.advance(1);
    assert_eq!(
        answer(&app, &client, rt(&online), None).await,
        inactive(),
        "online"
    );
    assert_eq!(
        answer(&app, &client, rt(&offline), None).await["active"],
        true,
        "offline"
    );
}

#[tokio::test]
async fn a_revoked_access_token_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid email").await;
    assert_eq!(answer(&app, &client, at(&t), None).await["active"], true);
    assert_eq!(
        revoke(&app, &client, at(&t), Some("access_token")).await.status(),
        200
    );
    assert_eq!(answer(&app, &client, at(&t), None).await, inactive());
}

#[tokio::test]
async fn an_expired_access_token_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid email").await;
    app.clock.advance(ACCESS_TTL - 1);
    assert_eq!(
        answer(&app, &client, at(&t), None).await["active"],
        true,
        "a second before expiry"
    );
    app.clock.advance(1);
    assert_eq!(answer(&app, &client, at(&t), None).await, inactive(), "at expiry");
}

/// RFC 7662 §2.1: the hint only says where to look first.
#[tokio::test]
async fn a_wrong_token_type_hint_still_finds_the_token() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid").await;
    for (kind, token, token_type, wrong_hints) in [
        (
            "access token",
            at(&t),
            "Bearer",
            ["refresh_token", "unknown_type"],
        ),
        (
            "refresh token",
            rt(&t),
            "refresh_token",
            ["access_token", "unknown_type"],
        ),
    ] {
        let unhinted = answer(&app, &client, token, None).await;
        assert_eq!(unhinted["active"], true, "{kind}: {unhinted}");
        assert_eq!(unhinted["token_type"], token_type, "{kind}: {unhinted}");
        for hint in wrong_hints {
            let hinted = answer(&app, &client, token, Some(hint)).await;
            assert_eq!(hinted, unhinted, "{kind} with token_type_hint={hint}");
        }
    }
}

#[tokio::test]
async fn an_id_token_is_not_an_access_token() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let t = tokens(&app, &client, "openid").await;
    let id_token = t["id_token"].as_str().expect("an ID token");
    app.verify_jwt(id_token).await;
    for hint in [None, Some("access_token")] {
        assert_eq!(
            answer(&app, &client, id_token, hint).await,
            inactive(),
            "hint {hint:?}"
        );
    }
}

#[tokio::test]
async fn garbage_is_inactive() {
    let app = spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    assert_eq!(
        answer(&app, &client, "garbage.token.value", None).await,
        inactive()
    );
}

#[tokio::test]
async fn introspection_errors_are_not_cached_either() {
    let app = spawn().await;
    let resp = post_introspect(&app, &unknown_client(), "garbage.token.value", None).await;
    assert_eq!(header(&resp, "cache-control"), "no-store");
    assert_eq!(json_error(resp, 401).await, "invalid_client");
}
