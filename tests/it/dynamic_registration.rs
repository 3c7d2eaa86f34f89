//! Dynamic client registration (RFC 7591) and its management (RFC 7592): initial access tokens
//! spent atomically, the deployment's policy, registration access tokens rotated on update, and
//! a registered client signing a user in through the consent page that names it.

use portcullis::config::FileConfig;
use portcullis::manage::Registrations;
use serde_json::{Value, json};

use crate::support::*;

fn registrations(app: &TestApp) -> Registrations {
    let p = &app.state.provider;
    Registrations::new(
        &p.store,
        p.master.clone(),
        p.config.registration.clone(),
        p.clock.clone(),
    )
}

async fn initial_token(app: &TestApp, uses: i64, expires_in: Option<i64>) -> String {
    registrations(app)
        .issue_initial_access_token(uses, expires_in, "test")
        .await
        .unwrap()
        .1
}

async fn register(app: &TestApp, token: Option<&str>, meta: Value) -> reqwest::Response {
    let mut req = app.http().post(app.url("/connect/register")).json(&meta);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

fn web_app() -> Value {
    json!({
        "client_name": "Photo Book",
        "redirect_uris": [REDIRECT_URI],
        "grant_types": ["authorization_code", "refresh_token"],
        "scope": "openid email offline_access",
        "logo_uri": "https://photos.example/logo.png",
        "policy_uri": "https://photos.example/privacy",
        "tos_uri": "https://photos.example/terms",
        "software_statement_unknown_member": "ignored",
    })
}

#[tokio::test]
async fn discovery_names_the_registration_endpoint() {
    let app = TestApp::spawn().await;
    let d: Value = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["registration_endpoint"], app.url("/connect/register"));
    let off = TestApp::spawn_with(|c: &mut FileConfig| c.registration.mode = Some("off".into())).await;
    let d: Value = off
        .http()
        .get(off.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(d.get("registration_endpoint").is_none());
}

#[tokio::test]
async fn a_client_registers_with_an_initial_access_token_and_signs_a_user_in() {
    let app = TestApp::spawn().await;
    let resp = register(&app, None, web_app()).await;
    assert_eq!(resp.status(), 401);
    assert!(header(&resp, "www-authenticate").contains("invalid_token"));

    let token = initial_token(&app, 1, None).await;
    assert!(token.starts_with("pciat_"));
    let resp = register(&app, Some(&token), web_app()).await;
    assert_eq!(resp.status(), 201);
    assert_eq!(header(&resp, "cache-control"), "no-store");
    let reg: Value = resp.json().await.unwrap();
    let client_id = reg["client_id"].as_str().unwrap();
    assert!(reg["client_secret"].as_str().unwrap().len() >= 43);
    assert_eq!(reg["client_secret_expires_at"], 0);
    assert_eq!(reg["token_endpoint_auth_method"], "client_secret_basic");
    assert_eq!(reg["response_types"], json!(["code"]));
    assert_eq!(
        reg["registration_client_uri"],
        app.url(&format!("/connect/register/{client_id}"))
    );
    assert!(reg["registration_access_token"].is_string());
    // One use: the token is spent.
    assert_eq!(register(&app, Some(&token), web_app()).await.status(), 401);

    // The user is asked for consent by a page that names the client, shows its logo and links.
    let client = TestClient {
        id: client_id.to_owned(),
        secret: reg["client_secret"].as_str().map(str::to_owned),
    };
    let user = app.create_user("reader@example.com").await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid email", &[]);
    let login = browser.page(&url).await;
    let consent = browser
        .expect_page(browser.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    assert!(consent.is_consent(), "{}", consent.html);
    assert!(consent.html.contains("Photo Book"));
    assert!(
        consent.html.contains("src=\"https://photos.example/logo.png\""),
        "{}",
        consent.html
    );
    assert!(consent.html.contains("href=\"https://photos.example/privacy\""));
    assert!(consent.html.contains("href=\"https://photos.example/terms\""));
    assert!(
        consent
            .header("content-security-policy")
            .contains("img-src 'self' data: https://photos.example")
    );
    let cb = browser
        .expect_redirect(browser.submit_consent(&consent, "allow").await)
        .await;
    let resp = exchange_code(&app, &client, &cb.param("code").unwrap(), &verifier).await;
    assert_eq!(resp.status(), 200);
    assert!(audited(&app, None, "client.registered").await.len() == 1);
}

#[tokio::test]
async fn parallel_registrations_spend_exactly_the_uses_of_a_token() {
    let app = TestApp::spawn().await;
    let token = initial_token(&app, 3, None).await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (http, url, token) = (app.http(), app.url("/connect/register"), token.clone());
        attempts.spawn(async move {
            let resp = http
                .post(url)
                .bearer_auth(token)
                .json(&web_app())
                .send()
                .await
                .unwrap();
            resp.status().as_u16()
        });
    }
    let statuses = attempts.join_all().await;
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert!(statuses.iter().all(|s| matches!(s, 201 | 401)), "{statuses:?}");

    let expired = initial_token(&app, 5, Some(60)).await;
    app.clock.advance(61);
    assert_eq!(register(&app, Some(&expired), web_app()).await.status(), 401);
}

#[tokio::test]
async fn metadata_outside_the_policy_or_the_rfc_is_refused_with_its_error_code() {
    let app = TestApp::spawn().await;
    let token = initial_token(&app, 100, None).await;
    let refused = |meta: Value, code: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let resp = register(app, Some(&token), meta.clone()).await;
            assert_eq!(json_error(resp, 400).await, code, "{meta}");
        }
    };
    refused(
        json!({"redirect_uris": ["http://photos.example/cb"]}),
        "invalid_redirect_uri",
    )
    .await;
    refused(
        json!({"redirect_uris": ["https://photos.example/cb#frag"]}),
        "invalid_redirect_uri",
    )
    .await;
    refused(json!({"redirect_uris": []}), "invalid_redirect_uri").await;
    refused(
        json!({"redirect_uris": [REDIRECT_URI], "scope": "openid roles"}),
        "invalid_client_metadata",
    )
    .await;
    refused(
        json!({"grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_basic"}),
        "invalid_client_metadata",
    )
    .await;
    refused(
        json!({"redirect_uris": [REDIRECT_URI], "response_types": ["code", "token"]}),
        "invalid_client_metadata",
    )
    .await;
    refused(
        json!({"redirect_uris": [REDIRECT_URI], "grant_types": ["refresh_token"], "response_types": ["code"]}),
        "invalid_client_metadata",
    )
    .await;
    refused(
        json!({"redirect_uris": [REDIRECT_URI], "token_endpoint_auth_method": "private_key_jwt",
               "jwks_uri": "https://photos.example/jwks", "jwks": {"keys": []}}),
        "invalid_client_metadata",
    )
    .await;
    refused(
        json!({"redirect_uris": [REDIRECT_URI], "logo_uri": "javascript:alert(1)"}),
        "invalid_client_metadata",
    )
    .await;
    let resp = app
        .http()
        .post(app.url("/connect/register"))
        .bearer_auth(&token)
        .body("[1, 2]")
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(resp, 400).await, "invalid_client_metadata");
    // A public native app with a loopback redirect is fine (RFC 8252).
    let native =
        json!({"redirect_uris": ["http://127.0.0.1:53123/cb"], "token_endpoint_auth_method": "none"});
    let resp = register(&app, Some(&token), native).await;
    assert_eq!(resp.status(), 201);
    let reg: Value = resp.json().await.unwrap();
    assert!(reg.get("client_secret").is_none());
    assert!(
        audited(&app, None, "client.registered").await.len() == 1,
        "refusals store nothing"
    );
}

#[tokio::test]
async fn the_registration_access_token_reads_replaces_and_deletes_and_rotates() {
    let app = TestApp::spawn().await;
    let token = initial_token(&app, 1, None).await;
    let reg: Value = register(&app, Some(&token), web_app())
        .await
        .json()
        .await
        .unwrap();
    let uri = reg["registration_client_uri"].as_str().unwrap().to_owned();
    let rat = reg["registration_access_token"].as_str().unwrap().to_owned();
    let client_id = reg["client_id"].as_str().unwrap().to_owned();
    let secret = reg["client_secret"].as_str().unwrap().to_owned();

    let read = app.http().get(&uri).bearer_auth(&rat).send().await.unwrap();
    assert_eq!(read.status(), 200);
    let read: Value = read.json().await.unwrap();
    assert_eq!(read["client_name"], "Photo Book");
    assert!(read.get("client_secret").is_none(), "only a hash is kept");
    assert_eq!(
        app.http()
            .get(&uri)
            .bearer_auth("wrong")
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let other = app.url("/connect/register/someone-else");
    assert_eq!(
        app.http()
            .get(&other)
            .bearer_auth(&rat)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    let mut changed = web_app();
    changed["client_id"] = json!(client_id);
    changed["client_name"] = json!("Photo Album");
    let resp = app
        .http()
        .put(&uri)
        .bearer_auth(&rat)
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let replaced: Value = resp.json().await.unwrap();
    assert_eq!(replaced["client_name"], "Photo Album");
    assert!(replaced.get("logo_uri").is_some());
    let new_rat = replaced["registration_access_token"].as_str().unwrap().to_owned();
    assert_ne!(new_rat, rat);
    assert_eq!(
        app.http()
            .get(&uri)
            .bearer_auth(&rat)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // The secret did not change.
    let client = TestClient {
        id: client_id.clone(),
        secret: Some(secret),
    };
    let resp = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(
        json_error(resp, 400).await,
        "unauthorized_client",
        "authenticated, not allowed the grant"
    );

    let mut wrong = changed.clone();
    wrong["client_id"] = json!("another");
    let resp = app
        .http()
        .put(&uri)
        .bearer_auth(&new_rat)
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(resp, 400).await, "invalid_client_metadata");

    let resp = app
        .http()
        .delete(&uri)
        .bearer_auth(&new_rat)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_eq!(
        app.http()
            .get(&uri)
            .bearer_auth(&new_rat)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let resp = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(json_error(resp, 401).await, "invalid_client");
}

#[tokio::test]
async fn open_registration_needs_no_token_and_stops_at_the_limit() {
    let app = TestApp::spawn_with(|c: &mut FileConfig| {
        c.registration.mode = Some("open".into());
        c.registration.max_clients = Some(2);
    })
    .await;
    for _ in 0..2 {
        assert_eq!(register(&app, None, web_app()).await.status(), 201);
    }
    let resp = register(&app, None, web_app()).await;
    assert_eq!(json_error(resp, 403).await, "access_denied");
    // Clients an administrator registers do not count.
    app.create_client(ClientSpec::default()).await;
}
