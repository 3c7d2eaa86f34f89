//! private_key_jwt client authentication (RFC 7523 §3, OIDC Core §9) at the token endpoint:
//! every rule of the assertion, keys registered inline or fetched from a `jwks_uri`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::StatusCode;
use base64::Engine;
use josekit::jwk::alg::rsa::RsaKeyPair;
use portcullis::crypto::secrets::random_token;
use portcullis::domain::{Client, Clock, GrantType, Scope, TokenEndpointAuthMethod};
use serde_json::{Value, json};

use crate::support::*;

/// Mirrors `SKEW` in src/oidc/client_auth.rs: the clock skew allowed on exp, nbf and iat.
const SKEW: i64 = 30;
/// Mirrors `MAX_ASSERTION_LIFETIME` in src/oidc/client_auth.rs.
const MAX_ASSERTION_LIFETIME: i64 = 3600;
const KID: &str = "rp-key-1";
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How an assertion is signed.
enum Alg<'a> {
    Rs256(&'a RsaKeyPair),
    Hs256(&'a [u8]),
    /// `alg: none` and an empty signature.
    Unsigned,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS of `claims` with `kid` (when given) in its header.
fn sign(alg: Alg<'_>, kid: Option<&str>, claims: &Value) -> String {
    let payload = claims.to_string();
    let mut header = josekit::jws::JwsHeader::new();
    header.set_token_type("JWT");
    if let Some(kid) = kid {
        header.set_key_id(kid);
    }
    match alg {
        Alg::Rs256(pair) => {
            let signer = josekit::jws::RS256
                .signer_from_der(pair.to_der_private_key())
                .unwrap();
            josekit::jws::serialize_compact(payload.as_bytes(), &header, &signer).unwrap()
        }
        Alg::Hs256(key) => {
            let signer = josekit::jws::HS256.signer_from_bytes(key).unwrap();
            josekit::jws::serialize_compact(payload.as_bytes(), &header, &signer).unwrap()
        }
        Alg::Unsigned => {
            let mut h = json!({"alg": "none", "typ": "JWT"});
            if let Some(kid) = kid {
                h["kid"] = kid.into();
            }
            format!("{}.{}.", b64(h.to_string().as_bytes()), b64(payload.as_bytes()))
        }
    }
}

fn new_key() -> RsaKeyPair {
    RsaKeyPair::generate(2048).unwrap()
}

/// The public JWK of `pair` as registered (kid, use, alg).
fn public_jwk(pair: &RsaKeyPair, kid: &str) -> josekit::jwk::Jwk {
    let mut jwk = pair.to_jwk_public_key();
    jwk.set_key_id(kid);
    jwk.set_key_use("sig");
    jwk.set_algorithm("RS256");
    jwk
}

fn jwks_of(pair: &RsaKeyPair) -> String {
    json!({ "keys": [Value::Object(public_jwk(pair, KID).as_ref().clone())] }).to_string()
}

/// Registers a client_credentials client that authenticates with private_key_jwt, with its keys
/// inline (`jwks`) or at a URL (`jwks_uri`).
async fn register(app: &TestApp, jwks: Option<String>, jwks_uri: Option<String>) -> String {
    let client = Client {
        client_id: random_token(12),
        secret_hash: None,
        name: "Service with keys".into(),
        redirect_uris: vec![],
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::ClientCredentials],
        scope: Scope::parse("api:read"),
        auth_method: TokenEndpointAuthMethod::PrivateKeyJwt,
        jwks,
        jwks_uri,
        first_party: true,
        require_mfa: false,
        created_at: Clock::now(app.clock.as_ref()),
        client_uri: None,
        logo_version: None,
        links: Default::default(),
    };
    app.store()
        .clients()
        .insert_client(&client, &app.entry("client.created"))
        .await
        .unwrap();
    client.client_id
}

/// A registered private_key_jwt client and its key.
struct KeyClient {
    id: String,
    key: RsaKeyPair,
}

async fn key_client(app: &TestApp) -> KeyClient {
    let (client, key) = jwt_client(app).await;
    KeyClient { id: client.id, key }
}

fn server_now(app: &TestApp) -> i64 {
    Clock::now(app.clock.as_ref())
}

/// Claims that are valid now for `client_id`, with a fresh jti.
fn valid_claims(app: &TestApp, client_id: &str) -> Value {
    let now = server_now(app);
    json!({
        "iss": client_id,
        "sub": client_id,
        "aud": app.url("/token"),
        "exp": now + 60,
        "iat": now,
        "jti": random_token(16),
    })
}

/// `claims` with `name` set to `value`, or removed when `value` is null.
fn with(mut claims: Value, name: &str, value: Value) -> Value {
    let map = claims.as_object_mut().unwrap();
    if value.is_null() {
        map.remove(name);
    } else {
        map.insert(name.into(), value);
    }
    claims
}

/// A client_credentials request authenticated by `assertion`, with `client_id` when given.
async fn token_with_assertion(app: &TestApp, assertion: &str, client_id: Option<&str>) -> reqwest::Response {
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_assertion_type", JWT_BEARER),
        ("client_assertion", assertion),
    ];
    if let Some(id) = client_id {
        form.push(("client_id", id));
    }
    app.http()
        .post(app.url("/token"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// Checks the answer is `invalid_client` (401 with a challenge, RFC 6749 §5.2) and holds no token.
async fn assert_invalid_client(resp: reqwest::Response, variant: &str) {
    let status = resp.status();
    let challenge = header(&resp, "www-authenticate");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 401, "{variant}: {body}");
    assert_eq!(body["error"], "invalid_client", "{variant}: {body}");
    assert!(!challenge.is_empty(), "{variant}: a 401 needs WWW-Authenticate");
    assert!(
        body.get("access_token").is_none(),
        "{variant}: a token was issued: {body}"
    );
}

/// Checks the answer is an access token issued to `client_id`, with the client's scope.
async fn assert_token_for(app: &TestApp, resp: reqwest::Response, client_id: &str, variant: &str) {
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{variant}: {body}");
    assert_eq!(body["scope"], "api:read", "{variant}: {body}");
    let at = body["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{variant}: {body}"));
    assert_eq!(app.claims(at).await["client_id"], client_id, "{variant}");
}

#[tokio::test]
async fn a_valid_assertion_authenticates_its_client() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    for (variant, client_id) in [
        ("without client_id", None),
        ("with its client_id", Some(c.id.as_str())),
    ] {
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &valid_claims(&app, &c.id));
        let resp = token_with_assertion(&app, &jwt, client_id).await;
        assert_token_for(&app, resp, &c.id, variant).await;
    }
}

#[tokio::test]
async fn an_assertion_whose_iss_is_not_the_client_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let other = key_client(&app).await;
    for (variant, iss) in [
        ("iss missing", Value::Null),
        ("iss another client's id", other.id.as_str().into()),
        ("iss a URL other than sub", "https://rp.example".into()),
    ] {
        let claims = with(valid_claims(&app, &c.id), "iss", iss);
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

/// Client B shares client A's key, so an assertion naming B in `sub` verifies with B's keys: only
/// the rule that `iss` and `sub` are both the authenticating client refuses it.
#[tokio::test]
async fn an_assertion_whose_sub_is_not_the_client_is_refused() {
    let app = TestApp::spawn().await;
    let a = key_client(&app).await;
    let b = register(&app, Some(jwks_of(&a.key)), None).await;
    let missing = with(valid_claims(&app, &a.id), "sub", Value::Null);
    let other = with(valid_claims(&app, &a.id), "sub", b.as_str().into());
    for (variant, claims) in [("sub missing", missing), ("sub another client", other)] {
        let jwt = sign(Alg::Rs256(&a.key), Some(KID), &claims);
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

#[tokio::test]
async fn an_assertion_for_another_audience_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    for (variant, aud) in [
        ("aud missing", Value::Null),
        (
            "aud another server's token endpoint",
            "https://other.example/token".into(),
        ),
        ("aud another endpoint of ours", app.url("/userinfo").into()),
        (
            "aud an array without us",
            json!(["https://other.example/token", "https://rp.example"]),
        ),
        ("aud a number", json!(42)),
    ] {
        let claims = with(valid_claims(&app, &c.id), "aud", aud);
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

#[tokio::test]
async fn an_assertion_for_the_token_endpoint_or_the_issuer_is_accepted() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    for (variant, aud) in [
        ("aud the token endpoint", app.url("/token").into()),
        ("aud the issuer", app.base.as_str().into()),
        (
            "aud an array with the token endpoint",
            json!(["https://other.example/token", app.url("/token")]),
        ),
    ] {
        let claims = with(valid_claims(&app, &c.id), "aud", aud);
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        assert_token_for(&app, token_with_assertion(&app, &jwt, None).await, &c.id, variant).await;
    }
}

#[tokio::test]
async fn an_assertion_without_exp_or_expired_beyond_the_skew_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let now = server_now(&app);
    for (variant, exp) in [
        ("exp missing", Value::Null),
        ("exp exactly the skew ago", json!(now - SKEW)),
        ("exp five minutes ago", json!(now - 300)),
    ] {
        let claims = with(valid_claims(&app, &c.id), "exp", exp);
        let claims = with(claims, "iat", json!(now - 400));
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

#[tokio::test]
async fn an_assertion_expired_within_the_skew_is_accepted() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let now = server_now(&app);
    let claims = with(valid_claims(&app, &c.id), "exp", json!(now - SKEW + 1));
    let claims = with(claims, "iat", json!(now - 60));
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
    let resp = token_with_assertion(&app, &jwt, None).await;
    assert_token_for(&app, resp, &c.id, "exp one second inside the skew").await;
}

/// The lifetime bounds how long the server must remember a jti.
#[tokio::test]
async fn an_assertion_living_longer_than_the_maximum_is_refused_and_the_maximum_is_accepted() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let now = server_now(&app);
    let too_long = with(
        valid_claims(&app, &c.id),
        "exp",
        json!(now + MAX_ASSERTION_LIFETIME + 1),
    );
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &too_long);
    let resp = token_with_assertion(&app, &jwt, None).await;
    assert_invalid_client(resp, "exp one second past the maximum lifetime").await;

    let longest = with(
        valid_claims(&app, &c.id),
        "exp",
        json!(now + MAX_ASSERTION_LIFETIME),
    );
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &longest);
    let resp = token_with_assertion(&app, &jwt, None).await;
    assert_token_for(&app, resp, &c.id, "exp at the maximum lifetime").await;
}

#[tokio::test]
async fn an_assertion_not_yet_valid_beyond_the_skew_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let now = server_now(&app);
    for claim in ["nbf", "iat"] {
        let claims = with(valid_claims(&app, &c.id), claim, json!(now + SKEW + 1));
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        let resp = token_with_assertion(&app, &jwt, None).await;
        assert_invalid_client(resp, &format!("{claim} past the skew")).await;

        let claims = with(valid_claims(&app, &c.id), claim, json!(now + SKEW));
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        let resp = token_with_assertion(&app, &jwt, None).await;
        assert_token_for(&app, resp, &c.id, &format!("{claim} at the skew")).await;
    }
}

#[tokio::test]
async fn an_assertion_without_a_usable_jti_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    for (variant, jti) in [
        ("jti missing", Value::Null),
        ("jti empty", "".into()),
        ("jti longer than 256 characters", "j".repeat(257).into()),
    ] {
        let claims = with(valid_claims(&app, &c.id), "jti", jti);
        let jwt = sign(Alg::Rs256(&c.key), Some(KID), &claims);
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

#[tokio::test]
async fn a_replayed_assertion_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &valid_claims(&app, &c.id));
    let first = token_with_assertion(&app, &jwt, None).await;
    assert_token_for(&app, first, &c.id, "first use").await;
    assert_invalid_client(
        token_with_assertion(&app, &jwt, None).await,
        "the same assertion again",
    )
    .await;
}

#[tokio::test]
async fn a_new_assertion_reusing_a_jti_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let first = valid_claims(&app, &c.id);
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &first);
    assert_token_for(
        &app,
        token_with_assertion(&app, &jwt, None).await,
        &c.id,
        "first use",
    )
    .await;

    let now = server_now(&app);
    let second = with(valid_claims(&app, &c.id), "jti", first["jti"].clone());
    let second = with(second, "exp", json!(now + 120));
    let jwt2 = sign(Alg::Rs256(&c.key), Some(KID), &second);
    assert_ne!(jwt, jwt2);
    assert_invalid_client(
        token_with_assertion(&app, &jwt2, None).await,
        "a new assertion with a used jti",
    )
    .await;
}

#[tokio::test]
async fn an_assertion_not_signed_by_the_clients_key_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let stranger = new_key();
    let valid = sign(Alg::Rs256(&c.key), Some(KID), &valid_claims(&app, &c.id));
    // The client's own signature over other claims.
    let [header, _, signature] = valid.split('.').collect::<Vec<_>>()[..] else {
        panic!("a compact JWS: {valid}");
    };
    let tampered_claims = valid_claims(&app, &c.id);
    let tampered = format!(
        "{header}.{}.{signature}",
        b64(tampered_claims.to_string().as_bytes())
    );
    for (variant, jwt) in [
        (
            "another key under the client's kid",
            sign(Alg::Rs256(&stranger), Some(KID), &valid_claims(&app, &c.id)),
        ),
        (
            "another key without a kid",
            sign(Alg::Rs256(&stranger), None, &valid_claims(&app, &c.id)),
        ),
        (
            "another key under an unknown kid",
            sign(Alg::Rs256(&stranger), Some("other"), &valid_claims(&app, &c.id)),
        ),
        ("claims changed after signing", tampered),
    ] {
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
}

/// The classic algorithm confusions: no signature at all, or an HMAC keyed with the public key.
#[tokio::test]
async fn an_unsigned_or_hmac_assertion_is_refused() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let pem = c.key.to_pem_public_key();
    let der = c.key.to_der_public_key();
    let jwk = public_jwk(&c.key, KID).to_string();
    let mut cases = vec![(
        "alg none".to_owned(),
        sign(Alg::Unsigned, Some(KID), &valid_claims(&app, &c.id)),
    )];
    for (what, key) in [
        ("PEM", pem.as_slice()),
        ("DER", der.as_slice()),
        ("JWK", jwk.as_bytes()),
    ] {
        let jwt = sign(Alg::Hs256(key), Some(KID), &valid_claims(&app, &c.id));
        cases.push((format!("HS256 keyed with the public key's {what}"), jwt));
    }
    for (variant, jwt) in cases {
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, &variant).await;
    }
}

/// Refused before the signature is checked, so the request stores nothing: the assertion still
/// works for its own client afterwards.
#[tokio::test]
async fn an_assertion_presented_with_another_client_id_is_invalid_request() {
    let app = TestApp::spawn().await;
    let a = key_client(&app).await;
    let b = key_client(&app).await;
    let jwt = sign(Alg::Rs256(&a.key), Some(KID), &valid_claims(&app, &a.id));
    let resp = token_with_assertion(&app, &jwt, Some(&b.id)).await;
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_request", "{body}");
    assert!(body.get("access_token").is_none(), "a token was issued: {body}");

    let resp = token_with_assertion(&app, &jwt, Some(&a.id)).await;
    assert_token_for(&app, resp, &a.id, "the same assertion with its own client_id").await;
}

/// RFC 6749 §2.3: a client uses one authentication method per request. Refused before the
/// assertion is checked, so it still works alone afterwards.
#[tokio::test]
async fn an_assertion_with_a_client_secret_beside_it_is_invalid_request() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &valid_claims(&app, &c.id));
    let form = [
        ("grant_type", "client_credentials"),
        ("client_assertion_type", JWT_BEARER),
        ("client_assertion", jwt.as_str()),
    ];
    let with_basic = app
        .http()
        .post(app.url("/token"))
        .basic_auth(&c.id, Some("a-secret"))
        .form(&form);
    let with_post = app
        .http()
        .post(app.url("/token"))
        .form(&[&form[..], &[("client_id", &c.id), ("client_secret", "a-secret")]].concat());
    for (variant, req) in [("Basic", with_basic), ("client_secret", with_post)] {
        let resp = req.send().await.unwrap();
        assert_json_error(resp, 400, "invalid_request", variant).await;
    }

    let resp = token_with_assertion(&app, &jwt, None).await;
    assert_token_for(&app, resp, &c.id, "the assertion alone").await;
}

/// Half of the RFC 7523 §2.2 pair is a malformed request, not an anonymous client.
#[tokio::test]
async fn an_assertion_without_its_type_or_a_type_without_an_assertion_is_invalid_request() {
    let app = TestApp::spawn().await;
    let c = key_client(&app).await;
    let jwt = sign(Alg::Rs256(&c.key), Some(KID), &valid_claims(&app, &c.id));
    let halves = [
        (
            "no client_assertion_type",
            vec![("client_assertion", jwt.as_str())],
        ),
        ("no client_assertion", vec![("client_assertion_type", JWT_BEARER)]),
    ];
    for (variant, half) in halves {
        let mut form = vec![("grant_type", "client_credentials"), ("client_id", c.id.as_str())];
        form.extend(half);
        let resp = app
            .http()
            .post(app.url("/token"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_json_error(resp, 400, "invalid_request", variant).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Keys fetched from the client's jwks_uri.

/// A JWKS endpoint on an ephemeral port that answers `status` with `body`, and counts requests.
async fn jwks_server(status: StatusCode, body: String) -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let api = axum::Router::new().route(
        "/jwks.json",
        axum::routing::get(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            let body = body.clone();
            async move { (status, [("content-type", "application/json")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/jwks.json", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, api).await });
    (url, hits)
}

#[tokio::test]
async fn keys_from_the_jwks_uri_verify_the_assertion_and_are_fetched_once() {
    let app = TestApp::spawn().await;
    let key = new_key();
    let (uri, hits) = jwks_server(StatusCode::OK, jwks_of(&key)).await;
    let id = register(&app, None, Some(uri)).await;
    for attempt in ["first assertion", "second assertion"] {
        let jwt = sign(Alg::Rs256(&key), Some(KID), &valid_claims(&app, &id));
        assert_token_for(&app, token_with_assertion(&app, &jwt, None).await, &id, attempt).await;
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        1,
        "the JWKS is cached between assertions"
    );
}

#[tokio::test]
async fn an_assertion_signed_by_a_key_not_at_the_jwks_uri_is_refused() {
    let app = TestApp::spawn().await;
    let (uri, hits) = jwks_server(StatusCode::OK, jwks_of(&new_key())).await;
    let id = register(&app, None, Some(uri)).await;
    let jwt = sign(Alg::Rs256(&new_key()), Some(KID), &valid_claims(&app, &id));
    assert_invalid_client(
        token_with_assertion(&app, &jwt, None).await,
        "a key not in the JWKS",
    )
    .await;
    assert_eq!(hits.load(Ordering::SeqCst), 1, "the JWKS was consulted");
}

#[tokio::test]
async fn an_unavailable_jwks_uri_is_invalid_client() {
    let app = TestApp::spawn().await;
    let key = new_key();
    let (failing, hits) = jwks_server(StatusCode::INTERNAL_SERVER_ERROR, jwks_of(&key)).await;
    let closed = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        format!("http://{}/jwks.json", listener.local_addr().unwrap())
    };
    for (variant, uri) in [
        ("the jwks_uri answers 500", failing),
        ("the jwks_uri is unreachable", closed),
    ] {
        let id = register(&app, None, Some(uri)).await;
        let jwt = sign(Alg::Rs256(&key), Some(KID), &valid_claims(&app, &id));
        assert_invalid_client(token_with_assertion(&app, &jwt, None).await, variant).await;
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1, "the failing jwks_uri was asked");
}
