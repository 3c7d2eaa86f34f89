//! Answers no honest provider gives: an upstream made by the test that signs in whoever comes,
//! and signs what the test tells it to (a wrong nonce, issuer or audience, an expired token, a
//! stranger's key, an error). Every such answer must be refused and change nothing.

use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jws::{JwsHeader, RS256};
use josekit::jwt::{self, JwtPayload};
use portcullis::domain::{IdentityProvider, ProviderKind};
use portcullis::manage::identity_providers::ConnectionChange;
use serde_json::{Value, json};

use super::{Stop, connections, open};
use crate::support::*;

/// The connection's client secret at the fake upstream (long enough to key an HMAC).
const SECRET: &str = "fake-secret-0123456789abcdef0123456789";

/// What the next answer does wrong (nothing, by default).
#[derive(Clone, Default)]
pub struct Answer {
    pub claims: serde_json::Map<String, Value>,
    pub sign_with_stranger: bool,
    /// How the ID token is signed: `RS256` (default), `ES256` (the JWKS has that key too), or
    /// `HS256` keyed with the client secret (algorithm confusion: never taken).
    pub alg: Option<&'static str>,
    /// `error=` in the authorization response instead of a code.
    pub error: Option<&'static str>,
}

struct Shared {
    base: String,
    key: RsaKeyPair,
    stranger: RsaKeyPair,
    ec: josekit::jwk::alg::ec::EcKeyPair,
    answer: Mutex<Answer>,
    /// code → (nonce, client_id)
    codes: Mutex<Vec<(String, String, String)>>,
}

pub struct Fake {
    shared: Arc<Shared>,
    pub down: TestApp,
    pub conn: IdentityProvider,
    pub rp: TestClient,
}

#[derive(serde::Deserialize)]
struct AuthorizeQuery {
    redirect_uri: String,
    state: String,
    /// Plain OAuth 2.0 sends none.
    #[serde(default)]
    nonce: String,
    client_id: String,
}

async fn discovery(State(s): State<Arc<Shared>>) -> Json<Value> {
    let b = &s.base;
    Json(json!({
        "issuer": b,
        "authorization_endpoint": format!("{b}/authorize"),
        "token_endpoint": format!("{b}/token"),
        "jwks_uri": format!("{b}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
    }))
}

async fn jwks(State(s): State<Arc<Shared>>) -> Json<Value> {
    let mut jwk = s.key.to_jwk_public_key();
    jwk.set_key_id("k1");
    jwk.set_algorithm("RS256");
    jwk.set_key_use("sig");
    let mut ec = s.ec.to_jwk_public_key();
    ec.set_key_id("k2");
    ec.set_algorithm("ES256");
    ec.set_key_use("sig");
    Json(
        json!({ "keys": [serde_json::to_value(jwk.as_ref()).unwrap(), serde_json::to_value(ec.as_ref()).unwrap()] }),
    )
}

async fn authorize(State(s): State<Arc<Shared>>, Query(q): Query<AuthorizeQuery>) -> impl IntoResponse {
    let answer = s.answer.lock().unwrap().clone();
    let sep = if q.redirect_uri.contains('?') { '&' } else { '?' };
    if let Some(e) = answer.error {
        return Redirect::to(&format!("{}{sep}error={e}&state={}", q.redirect_uri, q.state));
    }
    let code = random_code();
    s.codes.lock().unwrap().push((code.clone(), q.nonce, q.client_id));
    Redirect::to(&format!("{}{sep}code={code}&state={}", q.redirect_uri, q.state))
}

fn random_code() -> String {
    portcullis::crypto::secrets::random_token(16)
}

async fn token(State(s): State<Arc<Shared>>, Form(form): Form<Vec<(String, String)>>) -> Json<Value> {
    let code = form
        .iter()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (nonce, client_id) = {
        let codes = s.codes.lock().unwrap();
        let (_, n, c) = codes
            .iter()
            .find(|(c, _, _)| *c == code)
            .expect("a code we issued");
        (n.clone(), c.clone())
    };
    let answer = s.answer.lock().unwrap().clone();
    let now = now();
    let mut claims = json!({
        "iss": s.base, "sub": "upstream-subject-1", "aud": client_id, "iat": now, "exp": now + 300,
        "nonce": nonce, "email": "eve@example.com", "email_verified": true, "name": "Eve",
    });
    for (k, v) in answer.claims {
        claims[k] = v;
    }
    let payload = JwtPayload::from_map(claims.as_object().unwrap().clone()).unwrap();
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    header.set_key_id("k1");
    let key = if answer.sign_with_stranger {
        &s.stranger
    } else {
        &s.key
    };
    let id_token = match answer.alg {
        Some("ES256") => {
            header.set_key_id("k2");
            let signer = josekit::jws::ES256
                .signer_from_der(s.ec.to_der_private_key())
                .unwrap();
            jwt::encode_with_signer(&payload, &header, &signer).unwrap()
        }
        Some("HS256") => {
            let signer = josekit::jws::HS256.signer_from_bytes(SECRET.as_bytes()).unwrap();
            jwt::encode_with_signer(&payload, &header, &signer).unwrap()
        }
        _ => {
            let signer = RS256.signer_from_der(key.to_der_private_key()).unwrap();
            jwt::encode_with_signer(&payload, &header, &signer).unwrap()
        }
    };
    Json(json!({ "access_token": "at-1", "token_type": "Bearer", "expires_in": 300, "id_token": id_token }))
}

/// A GitHub-like userinfo: a numeric id, and the addresses on their own endpoint.
async fn user(headers: axum::http::HeaderMap) -> Json<Value> {
    assert_eq!(
        headers["authorization"], "Bearer at-1",
        "userinfo with the access token"
    );
    Json(json!({ "id": 4711, "login": "eve", "name": "Eve Octocat", "email": null }))
}

async fn emails() -> Json<Value> {
    Json(json!([
        { "email": "eve.old@example.com", "primary": false, "verified": true },
        { "email": "eve@example.com", "primary": true, "verified": true },
    ]))
}

impl Fake {
    /// The fake as a plain OAuth 2.0 provider (GitHub's shape).
    pub async fn oauth2() -> Fake {
        let fake = Fake::new(|_| {}).await;
        let base = fake.shared.base.clone();
        let change = ConnectionChange {
            name: Some("Hub".into()),
            client_id: Some("fake-client".into()),
            client_secret: Some(SECRET.into()),
            oauth2: Some(portcullis::domain::OAuth2Endpoints {
                authorization_endpoint: format!("{base}/authorize"),
                token_endpoint: format!("{base}/token"),
                userinfo_endpoint: format!("{base}/oauth2/user"),
                subject: "id".into(),
                emails_endpoint: Some(format!("{base}/oauth2/emails")),
                credentials_in_body: false,
            }),
            scopes: Some(vec!["read:user".into(), "user:email".into()]),
            ..Default::default()
        };
        let conn = connections(&fake.down)
            .create(ProviderKind::OAuth2, change, "test")
            .await
            .unwrap();
        Fake { conn, ..fake }
    }

    pub async fn new(adjust: impl FnOnce(&mut ConnectionChange)) -> Fake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
        let shared = Arc::new(Shared {
            base: base.clone(),
            key: RS256.generate_key_pair(2048).unwrap(),
            stranger: RS256.generate_key_pair(2048).unwrap(),
            ec: josekit::jws::ES256.generate_key_pair().unwrap(),
            answer: Mutex::default(),
            codes: Mutex::default(),
        });
        let router = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/oauth2/user", get(user))
            .route("/oauth2/emails", get(emails))
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

        let down = TestApp::spawn().await;
        let mut change = ConnectionChange {
            name: Some("Fake".into()),
            issuer: Some(base),
            client_id: Some("fake-client".into()),
            client_secret: Some(SECRET.into()),
            ..Default::default()
        };
        adjust(&mut change);
        let conn = connections(&down)
            .create(ProviderKind::Oidc, change, "test")
            .await
            .unwrap();
        let rp = down.create_client(ClientSpec::default()).await;
        Fake {
            shared,
            down,
            conn,
            rp,
        }
    }

    /// The next answers carry these claims over the honest ones.
    pub fn answer(&self, a: Answer) {
        *self.shared.answer.lock().unwrap() = a;
    }

    /// A whole sign-in from the relying party's request.
    pub async fn sign_in(&self) -> (Stop, String) {
        let (url, verifier) = authorize_url(
            &self.down,
            &self.rp,
            "openid email",
            &[("idp_hint", self.conn.id.as_str())],
        );
        (open(&self.down.browser(), &url).await, verifier)
    }

    async fn nobody_signed_in(&self) {
        assert!(
            self.down
                .store()
                .users()
                .user_by_email("eve@example.com")
                .await
                .unwrap()
                .is_none()
        );
    }
}

fn claims(v: Value) -> serde_json::Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[tokio::test]
async fn an_honest_answer_signs_in() {
    let f = Fake::new(|_| {}).await;
    let (stop, verifier) = f.sign_in().await;
    let cb = stop.callback();
    let resp = exchange_code(&f.down, &f.rp, &cb.param("code").unwrap(), &verifier).await;
    assert_eq!(resp.status(), 200);
    assert!(
        f.down
            .store()
            .users()
            .user_by_email("eve@example.com")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn an_id_token_signed_with_es256_is_taken() {
    let f = Fake::new(|_| {}).await;
    f.answer(Answer {
        alg: Some("ES256"),
        ..Default::default()
    });
    let (stop, _) = f.sign_in().await;
    stop.callback();
}

#[tokio::test]
async fn answers_that_fail_a_check_are_refused_and_change_nothing() {
    let f = Fake::new(|_| {}).await;
    let cases = [
        (
            "nonce",
            Answer {
                claims: claims(json!({"nonce": "not-the-one-we-sent"})),
                ..Default::default()
            },
        ),
        (
            "issuer",
            Answer {
                claims: claims(json!({"iss": "https://evil.example"})),
                ..Default::default()
            },
        ),
        (
            "audience",
            Answer {
                claims: claims(json!({"aud": "another-client"})),
                ..Default::default()
            },
        ),
        (
            "expiry",
            Answer {
                claims: claims(json!({"exp": now() - 600, "iat": now() - 900})),
                ..Default::default()
            },
        ),
        (
            "signature",
            Answer {
                sign_with_stranger: true,
                ..Default::default()
            },
        ),
        (
            "an HMAC keyed with the client secret",
            Answer {
                alg: Some("HS256"),
                ..Default::default()
            },
        ),
        (
            "error",
            Answer {
                error: Some("access_denied"),
                ..Default::default()
            },
        ),
    ];
    let answered = cases.len();
    for (what, answer) in cases {
        f.answer(answer);
        let (stop, _) = f.sign_in().await;
        let (_, page) = stop.page();
        assert_eq!(page.status, 400, "{what}: {}", page.html);
        assert!(
            page.html.contains("Fake did not sign you in"),
            "{what}: {}",
            page.html
        );
        f.nobody_signed_in().await;
    }
    let filter = portcullis::store::AuditFilter {
        action: Some("login.federated".into()),
        outcome: Some("failure".into()),
        ..Default::default()
    };
    let refused = f
        .down
        .store()
        .audit()
        .search_audit(&filter, None, 50)
        .await
        .unwrap();
    assert_eq!(refused.len(), answered, "each refusal audited");
    assert!(refused.iter().all(|e| e.detail["reason"] == "rejected"));
}

#[tokio::test]
async fn an_unknown_state_is_refused() {
    let f = Fake::new(|_| {}).await;
    let browser = f.down.browser();
    let url = f.down.url(&format!(
        "/login/upstream/{}/callback?code=x&state=made-up",
        f.conn.id
    ));
    let (_, page) = open(&browser, &url).await.page();
    assert_eq!(page.status, 400);
    // A state of one connection does not answer for another.
    let (url, _) = authorize_url(&f.down, &f.rp, "openid", &[("idp_hint", f.conn.id.as_str())]);
    let resp = browser.http.get(&url).send().await.unwrap();
    let resp = browser.get(resp.headers()["location"].to_str().unwrap()).await;
    let to_upstream = url::Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    let state = to_upstream
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let other = f
        .down
        .url(&format!("/login/upstream/other/callback?code=x&state={state}"));
    let (_, page) = open(&browser, &other).await.page();
    assert_eq!(page.status, 400);
    f.nobody_signed_in().await;
}

#[tokio::test]
async fn upstream_mfa_counts_only_from_a_connection_trusted_for_it() {
    let mfa = Answer {
        claims: claims(json!({"amr": ["pwd", "mfa"], "acr": "urn:okta:loa:2fa:any:mfa"})),
        ..Default::default()
    };
    for (trusted, acr, amr) in [(false, "1", json!(["fed"])), (true, "2", json!(["fed", "mfa"]))] {
        let f = Fake::new(|c| c.trust_mfa = Some(trusted)).await;
        f.answer(mfa.clone());
        let (stop, verifier) = f.sign_in().await;
        let cb = stop.callback();
        let resp = exchange_code(&f.down, &f.rp, &cb.param("code").unwrap(), &verifier).await;
        let tokens: Value = resp.json().await.unwrap();
        let c = f.down.claims(tokens["id_token"].as_str().unwrap()).await;
        assert_eq!(
            (c["acr"].as_str().unwrap(), &c["amr"]),
            (acr, &amr),
            "trusted: {trusted}"
        );
    }
}

#[tokio::test]
async fn groups_give_roles_at_every_sign_in_and_an_owned_profile_follows_the_upstream() {
    let f = Fake::new(|c| {
        c.group_roles = Some([("staff".to_owned(), "support".to_owned())].into());
        c.sync = Some(portcullis::domain::ClaimSync::EveryLogin);
    })
    .await;
    f.answer(Answer {
        claims: claims(json!({"groups": ["staff", "other"]})),
        ..Default::default()
    });
    f.sign_in().await.0.callback();
    assert_eq!(holds_support(&f.down).await, (true, Some("Eve".into())));

    // The upstream no longer says so: the role goes; the name follows the upstream.
    f.answer(Answer {
        claims: claims(json!({"groups": ["other"], "name": "Eve Renamed"})),
        ..Default::default()
    });
    f.sign_in().await.0.callback();
    assert_eq!(holds_support(&f.down).await, (false, Some("Eve Renamed".into())));
}

#[tokio::test]
async fn a_plain_oauth2_provider_signs_in_by_its_userinfo() {
    let f = Fake::oauth2().await;
    let (stop, verifier) = f.sign_in().await;
    let cb = stop.callback();
    let resp = exchange_code(&f.down, &f.rp, &cb.param("code").unwrap(), &verifier).await;
    let tokens: Value = resp.json().await.unwrap();
    let c = f.down.claims(tokens["id_token"].as_str().unwrap()).await;
    let user = f
        .down
        .store()
        .users()
        .user_by_email("eve@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c["sub"], user.id.as_str());
    assert_eq!(user.name.as_deref(), Some("Eve Octocat"));
    let links = f
        .down
        .store()
        .identity_providers()
        .links_of(&user.id)
        .await
        .unwrap();
    assert_eq!(links[0].subject, "4711", "the numeric id, as text");
}

/// Whether eve holds the support role, and her name.
async fn holds_support(app: &TestApp) -> (bool, Option<String>) {
    let user = app
        .store()
        .users()
        .user_by_email("eve@example.com")
        .await
        .unwrap()
        .unwrap();
    let roles = app.state.roles.of_user(&user).await.unwrap();
    (roles.iter().any(|r| r.name == "support"), user.name)
}
