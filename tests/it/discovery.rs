//! OpenID Connect Discovery 1.0 and the JWK Set, including signing-key rotation.

use std::collections::BTreeSet;

use crate::support::*;

pub async fn discovery(app: &TestApp) -> serde_json::Value {
    let resp = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(header(&resp, "content-type").starts_with("application/json"));
    resp.json().await.unwrap()
}

pub async fn jwks(app: &TestApp) -> Vec<serde_json::Value> {
    let resp = app.http().get(app.url("/jwks")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    body["keys"].as_array().expect("keys").clone()
}

pub fn kids(keys: &[serde_json::Value]) -> BTreeSet<String> {
    keys.iter()
        .map(|k| k["kid"].as_str().expect("kid").to_owned())
        .collect()
}

#[tokio::test]
async fn the_issuer_matches_exactly() {
    let app = TestApp::spawn().await;
    assert_eq!(discovery(&app).await["issuer"], app.base.as_str());
}

#[tokio::test]
async fn every_endpoint_is_listed() {
    let app = TestApp::spawn().await;
    let d = discovery(&app).await;
    for (field, path) in [
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("jwks_uri", "/jwks"),
        ("introspection_endpoint", "/introspect"),
        ("revocation_endpoint", "/revoke"),
        ("end_session_endpoint", "/end_session"),
    ] {
        assert_eq!(d[field], app.url(path), "{field}");
    }
    // Each listed endpoint is really served: without client authentication the client endpoints
    // answer RFC 6749 §5.2 invalid_client.
    let jwks = app
        .http()
        .get(d["jwks_uri"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(jwks.status(), 200);
    for field in ["token_endpoint", "introspection_endpoint", "revocation_endpoint"] {
        let resp = app
            .http()
            .post(d[field].as_str().unwrap())
            .form(&[("x", "y")])
            .send()
            .await
            .unwrap();
        assert_eq!(json_error(resp, 401).await, "invalid_client", "{field}");
    }
}

#[tokio::test]
async fn only_the_code_flow_and_s256_are_advertised() {
    let app = TestApp::spawn().await;
    let d = discovery(&app).await;
    assert_eq!(d["response_types_supported"], serde_json::json!(["code"]));
    assert_eq!(d["code_challenge_methods_supported"], serde_json::json!(["S256"]));
}

#[tokio::test]
async fn jwks_keys_are_rs256_signing_keys() {
    let app = TestApp::spawn().await;
    let keys = jwks(&app).await;
    assert!(!keys.is_empty());
    for k in &keys {
        assert!(k["kid"].as_str().is_some_and(|s| !s.is_empty()), "{k}");
        assert_eq!(k["use"], "sig", "{k}");
        assert_eq!(k["alg"], "RS256", "{k}");
        assert_eq!(k["kty"], "RSA", "{k}");
        assert!(k.get("d").is_none(), "no private parts: {k}");
    }
}

#[tokio::test]
async fn key_rotation_publishes_both_keys_and_signs_with_the_new_one() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let before = login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let old_at = before["access_token"].as_str().unwrap().to_owned();
    let old_kid = app.verify_jwt(&old_at).await.header["kid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(kids(&jwks(&app).await), BTreeSet::from([old_kid.clone()]));

    let p = &app.state.provider;
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    let next = portcullis::jobs::keys::rotate(app.store(), &p.master, now, 0, |_| app.entry("key.rotated"))
        .await
        .unwrap();
    portcullis::jobs::keys::reload(&p.keyring, app.store(), &p.master, &p.config, app.clock.as_ref())
        .await
        .unwrap();
    assert_ne!(next.kid, old_kid);
    assert_eq!(
        kids(&jwks(&app).await),
        BTreeSet::from([old_kid.clone(), next.kid.clone()])
    );

    let after = login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    assert_eq!(
        app.verify_jwt(after["id_token"].as_str().unwrap()).await.header["kid"],
        next.kid.as_str()
    );
    assert_eq!(
        app.verify_jwt(after["access_token"].as_str().unwrap())
            .await
            .header["kid"],
        next.kid.as_str()
    );
    assert_eq!(
        userinfo(&app, after["access_token"].as_str().unwrap())
            .await
            .status(),
        200
    );

    // A token signed before the rotation keeps working while it lives.
    let resp = userinfo(&app, &old_at).await;
    assert_eq!(resp.status(), 200);
    let info: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(info["sub"], user.id);
}

#[tokio::test]
async fn browser_relying_parties_may_call_the_token_endpoint_cross_origin() {
    let app = TestApp::spawn().await;
    let preflight = app
        .http()
        .request(reqwest::Method::OPTIONS, app.url("/token"))
        .header("Origin", "https://spa.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    let discovery = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .header("Origin", "https://spa.example")
        .send()
        .await
        .unwrap();
    assert_eq!(discovery.headers()["access-control-allow-origin"], "*");
    // The hosted pages are not for other origins.
    let login = app
        .http()
        .get(app.url("/login"))
        .header("Origin", "https://spa.example")
        .send()
        .await
        .unwrap();
    assert!(login.headers().get("access-control-allow-origin").is_none());
}
