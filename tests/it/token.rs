//! Token endpoint (RFC 6749 §3.2, §4.1.3, §5): codes are single use and bound to their client,
//! redirect_uri and PKCE verifier; client authentication; error shapes.

use portcullis::domain::{GrantType, TokenEndpointAuthMethod};

use crate::support::*;

/// Logs in and returns a fresh code with its verifier.
async fn code_for(app: &TestApp, client: &TestClient) -> (String, String) {
    app.create_user("ada@example.com").await;
    let (url, verifier) = authorize_url(app, client, "openid", &[]);
    let cb = app.browser().authorize(&url, "ada@example.com").await;
    (cb.param("code").expect("a code"), verifier)
}

#[tokio::test]
async fn a_code_is_single_use_and_its_replay_revokes_the_tokens() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    let first = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(first.status(), 200);
    let tokens: serde_json::Value = first.json().await.unwrap();
    let at = tokens["access_token"].as_str().unwrap();
    assert_eq!(userinfo(&app, at).await.status(), 200);

    let second = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(json_error(second, 400).await, "invalid_grant");

    let intro = introspect(&app, &client, at).await;
    assert_eq!(intro["active"], false, "{intro}");
    assert_eq!(userinfo(&app, at).await.status(), 401);
}

#[tokio::test]
async fn a_code_of_another_client_is_invalid_grant() {
    let app = TestApp::spawn().await;
    let a = app.create_client(ClientSpec::default()).await;
    let b = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &a).await;
    let resp = exchange_code(&app, &b, &code, &verifier).await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
}

#[tokio::test]
async fn a_wrong_redirect_uri_is_invalid_grant() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    let resp = token_request(
        &app,
        &client,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/other"),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
}

#[tokio::test]
async fn a_wrong_code_verifier_is_invalid_grant() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, _) = code_for(&app, &client).await;
    let (other_verifier, _) = pkce();
    let resp = exchange_code(&app, &client, &code, &other_verifier).await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
}

#[tokio::test]
async fn a_missing_code_verifier_is_invalid_grant_when_a_challenge_was_sent() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, _) = code_for(&app, &client).await;
    let resp = token_request(
        &app,
        &client,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT_URI),
        ],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
}

#[tokio::test]
async fn an_expired_code_is_invalid_grant() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    app.clock.advance(61);
    let resp = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(json_error(resp, 400).await, "invalid_grant");
}

#[tokio::test]
async fn a_wrong_client_secret_is_invalid_client_with_a_challenge() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    let wrong = TestClient {
        id: client.id.clone(),
        secret: Some("wrong secret".into()),
    };
    let resp = exchange_code(&app, &wrong, &code, &verifier).await;
    assert!(
        !header(&resp, "www-authenticate").is_empty(),
        "RFC 6749 §5.2: 401 needs WWW-Authenticate"
    );
    assert_eq!(json_error(resp, 401).await, "invalid_client");
}

#[tokio::test]
async fn client_secret_post_works_only_for_clients_registered_with_it() {
    let app = TestApp::spawn().await;
    let post_client = app
        .create_client(ClientSpec {
            grants: vec![GrantType::ClientCredentials],
            auth_method: TokenEndpointAuthMethod::ClientSecretPost,
            scope: "api:read",
            ..Default::default()
        })
        .await;
    let basic_client = app.create_client(ClientSpec::service()).await;
    let post = |c: &TestClient| {
        app.http().post(app.url("/token")).form(&[
            ("grant_type", "client_credentials".to_owned()),
            ("client_id", c.id.clone()),
            ("client_secret", c.secret.clone().unwrap()),
        ])
    };
    let ok = post(&post_client).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    let body: serde_json::Value = ok.json().await.unwrap();
    assert!(body["access_token"].is_string(), "{body}");

    let refused = post(&basic_client).send().await.unwrap();
    assert_eq!(json_error(refused, 401).await, "invalid_client");
}

#[tokio::test]
async fn an_unknown_grant_type_is_unsupported_grant_type() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let resp = token_request(
        &app,
        &client,
        &[("grant_type", "urn:ietf:params:oauth:grant-type:device_code")],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "unsupported_grant_type");
}

#[tokio::test]
async fn a_grant_the_client_is_not_registered_for_is_unauthorized_client() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client(ClientSpec {
            grants: vec![GrantType::AuthorizationCode],
            ..Default::default()
        })
        .await;
    let resp = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(json_error(resp, 400).await, "unauthorized_client");
}

#[tokio::test]
async fn a_json_body_is_a_json_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let resp = app
        .http()
        .post(app.url("/token"))
        .basic_auth(&client.id, client.secret.as_deref())
        .json(&serde_json::json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    assert!(
        header(&resp, "content-type").starts_with("application/json"),
        "content-type: {}",
        header(&resp, "content-type")
    );
    assert_eq!(json_error(resp, 400).await, "invalid_request");
}

#[tokio::test]
async fn every_token_response_is_no_store() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    let ok = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(header(&ok, "cache-control"), "no-store");
    let again = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(again.status(), 400);
    assert_eq!(header(&again, "cache-control"), "no-store");
    let unauthenticated =
        token_request(&app, &unknown_client(), &[("grant_type", "client_credentials")]).await;
    assert_eq!(unauthenticated.status(), 401);
    assert_eq!(header(&unauthenticated, "cache-control"), "no-store");
}

#[tokio::test]
async fn client_credentials_with_an_unregistered_scope_is_invalid_scope() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::service()).await;
    let resp = token_request(
        &app,
        &client,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api:read api:admin"),
        ],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "invalid_scope");
}

/// The ID token and the access token say when they were issued (by our clock) and live exactly
/// their configured lifetimes; `expires_in` says the same.
#[tokio::test]
async fn tokens_are_stamped_with_our_clock_and_live_their_configured_lifetimes() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (code, verifier) = code_for(&app, &client).await;
    app.clock.advance(7);
    let issued_at = portcullis::domain::Clock::now(app.clock.as_ref());
    let tokens: serde_json::Value = exchange_code(&app, &client, &code, &verifier)
        .await
        .json()
        .await
        .unwrap();
    let config = &app.state.provider.config;

    let id = app.claims(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(id["iat"], issued_at, "{id}");
    assert_eq!(id["exp"], issued_at + config.id_token_ttl, "{id}");
    let at = app.claims(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(at["iat"], issued_at, "{at}");
    assert_eq!(at["exp"], issued_at + config.access_token_ttl, "{at}");
    assert_eq!(tokens["expires_in"], config.access_token_ttl, "{tokens}");
}

/// Clients are read through a copy of a few seconds (store/client_cache.rs): the node that
/// deletes a client refuses it at once, and every other node within the copy's lifetime.
#[tokio::test]
async fn a_deleted_client_is_refused_at_once_here_and_within_seconds_on_other_nodes() {
    let app = TestApp::spawn().await;
    let other = app.node_beside(|_| {}).await;
    let service = app.create_client(ClientSpec::service()).await;
    let form = [("grant_type", "client_credentials")];
    // Both nodes have read (and remember) the client.
    assert_eq!(token_request(&app, &service, &form).await.status(), 200);
    assert_eq!(token_request(&other, &service, &form).await.status(), 200);

    let deleted = app
        .store()
        .clients()
        .delete_client(&service.id, &app.entry("client.deleted"))
        .await
        .unwrap();
    assert!(deleted);
    let resp = token_request(&app, &service, &form).await;
    assert_eq!(json_error(resp, 401).await, "invalid_client");

    let started = std::time::Instant::now();
    loop {
        let status = token_request(&other, &service, &form).await.status();
        if status == 401 {
            break;
        }
        assert_eq!(status, 200);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(4),
            "the other node still accepts the deleted client after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Token issuance stays audited: with the client read from the copy but the database gone,
/// the token is not handed out (503, temporarily_unavailable, Retry-After).
#[tokio::test]
async fn no_token_is_handed_out_when_its_issuance_cannot_be_recorded() {
    let app = TestApp::spawn().await;
    let service = app.create_client(ClientSpec::service()).await;
    let form = [("grant_type", "client_credentials")];
    assert_eq!(token_request(&app, &service, &form).await.status(), 200);

    app.store().close().await;
    let resp = token_request(&app, &service, &form).await;
    assert_eq!(resp.status(), 503);
    assert!(!header(&resp, "retry-after").is_empty());
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "temporarily_unavailable", "{body}");
    assert!(body.get("access_token").is_none(), "{body}");
}
