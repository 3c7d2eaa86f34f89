//! The `TestApp` builder and a cookie-keeping "browser" that fills in the hosted login form.

#![allow(dead_code)]

use std::sync::Arc;

use portcullis::AppState;
use portcullis::app::open_cache;
use portcullis::config::{Config, FileConfig, MasterKeySource};
use portcullis::crypto::secrets::{random_token, token256};
use portcullis::domain::{
    Client, Clock, GrantType, Scope, SystemClock, TestClock, TokenEndpointAuthMethod, User,
};

pub const PASSWORD: &str = "correct horse battery staple";
/// PASSWORD hashed once by `portcullis::crypto::password` (argon2id, production parameters), so
/// test users do not each cost an argon2 run; `password_hash_is_the_passwords` checks it.
const PASSWORD_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Ud367XI2Kl5lppSlAqLcaw$q0Tz2dwQaP1PMkpmqMY6mpPrEREzWVFzRk2OX4c6Cp8";
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/cb";
pub const POST_LOGOUT_URI: &str = "http://127.0.0.1:9/logged-out";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: Arc<TestClock>,
    /// Where this app's mail lands: the SMTP sink's maildir, or the outbox.
    pub mail_dir: std::path::PathBuf,
    /// Where text messages land (the outbox).
    pub outbox: std::path::PathBuf,
    pub database_url: String,
    /// The cache key prefix: nodes beside this one share it (and Redis, when configured).
    pub redis_key_prefix: String,
    /// In the sender address of every mail this deployment sends: CI's SMTP sink is shared by
    /// every test at once, and tests reuse addresses such as me@example.com.
    pub mail_sender: String,
    _dir: tempfile::TempDir,
}

/// A registered client, with its secret when it has one.
#[derive(Clone, Debug)]
pub struct TestClient {
    pub id: String,
    pub secret: Option<String>,
}

pub struct ClientSpec {
    pub grants: Vec<GrantType>,
    pub auth_method: TokenEndpointAuthMethod,
    pub first_party: bool,
    /// Every user signing in must pass a second factor.
    pub require_mfa: bool,
    pub scope: &'static str,
    pub jwks: Option<String>,
}

impl ClientSpec {
    /// A service: client_credentials only, with an API scope.
    pub fn service() -> Self {
        Self {
            grants: vec![GrantType::ClientCredentials],
            scope: "api:read",
            ..Default::default()
        }
    }

    /// A client that is not first-party: the user is asked for consent.
    pub fn third_party() -> Self {
        Self {
            first_party: false,
            ..Default::default()
        }
    }
}

impl Default for ClientSpec {
    fn default() -> Self {
        Self {
            grants: vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
            auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
            first_party: true,
            require_mfa: false,
            scope: "openid profile email phone address offline_access roles",
            jwks: None,
        }
    }
}

/// What a second node shares with the first besides the database.
struct Shared {
    cache: Arc<dyn portcullis::cache::Cache>,
    clock: Arc<TestClock>,
    mail_sender: String,
}

/// The address in a `Name <address>` mailbox.
fn sender_address(mailbox: &str) -> String {
    let start = mailbox.find('<').map_or(0, |i| i + 1);
    mailbox[start..].trim_end_matches('>').to_owned()
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Starts a server; `adjust` may change the configuration before it starts.
    /// An app whose issuer is `http://localhost:PORT`: WebAuthn needs a domain name for its
    /// relying party, and browsers (and webauthn-rs) refuse IP addresses.
    pub async fn spawn_on_localhost() -> TestApp {
        let mut app = TestApp::spawn_with(|c| {
            c.issuer = c.issuer.take().map(|i| i.replace("127.0.0.1", "localhost"));
        })
        .await;
        app.base = app.base.replace("127.0.0.1", "localhost");
        app
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut FileConfig)) -> TestApp {
        Self::spawn_node(adjust, None).await
    }

    /// A second node of the same deployment: its own listener and process state, the same
    /// database, cache prefix and clock. Nodes share counters through Redis when the tests run
    /// against it, and through one in-process cache otherwise (the stand-in for Redis).
    pub async fn node_beside(&self, adjust: impl FnOnce(&mut FileConfig)) -> TestApp {
        let (database_url, prefix) = (self.database_url.clone(), self.redis_key_prefix.clone());

        let shared = Shared {
            cache: self.state.provider.cache.clone(),
            clock: self.clock.clone(),
            mail_sender: self.mail_sender.clone(),
        };
        TestApp::spawn_node(
            |c| {
                adjust(c);
                c.database_url = Some(database_url);
                c.redis_key_prefix = Some(prefix);
            },
            Some(shared),
        )
        .await
    }

    async fn spawn_node(adjust: impl FnOnce(&mut FileConfig), shared: Option<Shared>) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut file = FileConfig {
            issuer: Some(base.clone()),
            listen: Some(listener.local_addr().unwrap().to_string()),
            data_dir: Some(dir.path().to_owned()),
            database_url: Some(database_url(&dir).await),
            redis_url: std::env::var("PORTCULLIS_TEST_REDIS_URL").ok(),
            redis_key_prefix: Some(format!("portcullis-test:{}:", random_token(8))),
            // A real SMTP server when the environment offers one (CI starts a sink).
            smtp_url: std::env::var("PORTCULLIS_TEST_SMTP_URL").ok(),
            mail_from: Some(format!(
                "Portcullis Tests <{}>",
                shared.as_ref().map_or_else(
                    || format!("no-reply+{}@portcullis.test", random_token(8).to_lowercase()),
                    |s| s.mail_sender.clone()
                )
            )),
            // The guided MFA set-up is offered in `mfa_setup.rs`; elsewhere a sign-in goes on.
            mfa_offer_interval: Some(0),
            ..Default::default()
        };
        adjust(&mut file);
        let database_url = file.database_url.clone().unwrap();
        let redis_key_prefix = file.redis_key_prefix.clone().unwrap_or_default();
        let mail_sender = sender_address(file.mail_from.as_deref().unwrap_or_default());
        let outbox = dir.path().join("outbox");
        let mail_dir = match (&file.smtp_url, std::env::var("PORTCULLIS_TEST_MAILDIR")) {
            (Some(_), Ok(maildir)) => std::path::PathBuf::from(maildir).join("new"),
            _ => outbox.clone(),
        };
        let mut config = Config::validate(file).unwrap();
        config.master_key = MasterKeySource::Inline(base64_key());
        let (cache, clock) = match shared {
            // Each node has its own connection to Redis; without Redis they share one cache.
            Some(s) if config.redis_url.is_none() => (s.cache, s.clock),
            Some(s) => (open_cache(&config).await.unwrap(), s.clock),
            None => (open_cache(&config).await.unwrap(), Arc::new(TestClock::new())),
        };
        let mut state = AppState::build_with_cache(config, clock.clone(), cache)
            .await
            .unwrap();
        // Mail and SMS are tried again after milliseconds, not seconds (the production pauses
        // are unit-tested in notify.rs).
        state.accounts = state.accounts.with_notifier(
            state
                .accounts
                .notifier
                .clone()
                .with_retry_delays(&[std::time::Duration::from_millis(20); 3]),
        );
        tokio::spawn(portcullis::app::serve(state.clone(), listener));
        TestApp {
            base,
            state,
            clock,
            mail_dir,
            outbox,
            database_url,
            redis_key_prefix,
            mail_sender,
            _dir: dir,
        }
    }

    /// A browser signed in to the account pages as `email` (with [`PASSWORD`]).
    pub async fn account_browser(&self, email: &str) -> Browser {
        let browser = self.browser();
        let page = browser.page("/account").await;
        let resp = browser.submit_login(&page, email, PASSWORD).await;
        assert_eq!(header(&resp, "location"), "/account");
        browser
    }

    /// The code an authenticator app holding the base32 key `base32` shows at this app's time,
    /// computed by totp-rs (not by the server).
    pub fn totp_now(&self, base32: &str) -> String {
        let secret = totp_rs::Secret::try_from_base32(base32)
            .unwrap()
            .as_bytes()
            .to_vec();
        totp_rs::Builder::new()
            .with_secret(secret)
            .build()
            .unwrap()
            .generate(portcullis::domain::Clock::now(self.clock.as_ref()) as u64)
            .to_string()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn store(&self) -> &portcullis::store::Store {
        &self.state.provider.store
    }

    /// The audit entry of a change a test makes straight in the store.
    pub fn entry(&self, action: &'static str) -> portcullis::domain::AuditEntry {
        self.state
            .provider
            .audit
            .entry(portcullis::audit::Event::success(action).actor("test"))
    }

    pub async fn create_user(&self, email: &str) -> User {
        let now = SystemClock.now();
        let mut user = User::new(random_token(16), email.to_lowercase(), now);
        user.email_verified = true;
        user.password_hash = Some(PASSWORD_HASH.into());
        user.name = Some("Ada Lovelace".into());
        user.given_name = Some("Ada".into());
        user.family_name = Some("Lovelace".into());
        user.phone_number = Some("+15555550100".into());
        user.phone_number_verified = true;
        self.store()
            .users()
            .insert_user(&user, &self.entry("account.created"))
            .await
            .unwrap();
        user
    }

    pub async fn create_client(&self, spec: ClientSpec) -> TestClient {
        self.create_client_with_uris(spec, &[REDIRECT_URI], &[POST_LOGOUT_URI])
            .await
    }

    /// A client registered with these redirect and post-logout URIs.
    pub async fn create_client_with_uris(
        &self,
        spec: ClientSpec,
        redirect_uris: &[&str],
        post_logout_redirect_uris: &[&str],
    ) -> TestClient {
        let secret = spec.auth_method.uses_secret().then(token256);
        let uris = |u: &[&str]| u.iter().map(|u| u.to_string()).collect();
        let client = Client {
            client_id: portcullis::crypto::secrets::random_id(12),
            secret_hash: secret
                .as_deref()
                .map(|s| self.state.provider.master.client_secret_hash(s)),
            name: "Test RP".into(),
            redirect_uris: uris(redirect_uris),
            post_logout_redirect_uris: uris(post_logout_redirect_uris),
            grant_types: spec.grants,
            scope: Scope::parse(spec.scope),
            auth_method: spec.auth_method,
            jwks: spec.jwks,
            jwks_uri: None,
            first_party: spec.first_party,
            require_mfa: spec.require_mfa,
            created_at: SystemClock.now(),
            client_uri: None,
            logo_version: None,
            links: Default::default(),
        };
        self.store()
            .clients()
            .insert_client(&client, &self.entry("client.created"))
            .await
            .unwrap();
        TestClient {
            id: client.client_id,
            secret,
        }
    }

    /// A browser: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Browser {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            http,
            base: self.base.clone(),
        }
    }

    /// A plain HTTP client (no cookies, no redirects).
    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }
}

pub fn base64_key() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode([42u8; 32])
}

/// A fresh database: a SQLite file, or a new schema of the PostgreSQL test database.
async fn database_url(dir: &tempfile::TempDir) -> String {
    match std::env::var("PORTCULLIS_TEST_DATABASE_URL") {
        Ok(url) => {
            use sqlx::Executor;
            let schema = format!("it_{}", random_token(8).to_lowercase().replace(['-', '_'], "x"));
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
                .await
                .unwrap();
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .await
                .unwrap();
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}options=-c%20search_path%3D{schema}")
        }
        Err(_) => format!("sqlite://{}?mode=rwc", dir.path().join("it.db").display()),
    }
}

/// What the browser ends on: the redirect to the client.
#[derive(Debug)]
pub struct Callback {
    pub url: url::Url,
}

impl Callback {
    pub fn param(&self, name: &str) -> Option<String> {
        let from_query = self
            .url
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned());
        from_query.or_else(|| {
            let frag = self.url.fragment()?;
            url::form_urlencoded::parse(frag.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        })
    }
}

pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
}

/// Reads `name="…" value="…"` hidden inputs from a page.
/// The hidden inputs of the form posting to `action` (pages may hold several forms).
pub fn form_inputs(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form posting to {action}: {html}"));
    let form = &html[start..];
    hidden_inputs(&form[..form.find("</form>").unwrap_or(form.len())])
}

pub fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in html.split("<input").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if !tag.contains("type=\"hidden\"") {
            continue;
        }
        let attr = |a: &str| {
            tag.split(&format!("{a}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(|v| {
                    v.replace("&amp;", "&")
                        .replace("&#x2f;", "/")
                        .replace("&#x27;", "'")
                        .replace("&quot;", "\"")
                })
        };
        if let (Some(n), Some(v)) = (attr("name"), attr("value")) {
            out.push((n, v));
        }
    }
    out
}

impl Browser {
    pub async fn get(&self, url: &str) -> reqwest::Response {
        let url = if url.starts_with('/') {
            format!("{}{url}", self.base)
        } else {
            url.to_owned()
        };
        self.http.get(url).send().await.unwrap()
    }

    pub async fn post_form(&self, path: &str, form: &[(String, String)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Starts at an authorization URL and follows our own redirects; returns the first response
    /// that is not a redirect to us (a page), or the redirect to the client.
    pub async fn follow(&self, mut resp: reqwest::Response) -> Result<Callback, reqwest::Response> {
        loop {
            if !resp.status().is_redirection() {
                return Err(resp);
            }
            let loc = resp.headers()["location"].to_str().unwrap().to_owned();
            if loc.starts_with('/') || loc.starts_with(&self.base) {
                resp = self.get(&loc).await;
            } else {
                return Ok(Callback {
                    url: url::Url::parse(&loc).unwrap(),
                });
            }
        }
    }

    /// Opens `authorize_url`, logs in with the form if asked, consents if asked, and returns
    /// the redirect to the client.
    pub async fn authorize(&self, authorize_url: &str, email: &str) -> Callback {
        let mut resp = self.get(authorize_url).await;
        loop {
            match self.follow(resp).await {
                Ok(cb) => return cb,
                Err(page) => {
                    let status = page.status();
                    let html = page.text().await.unwrap();
                    let action = if html.contains("name=\"password\"") {
                        "/login"
                    } else {
                        "/consent"
                    };
                    let mut form = form_inputs(&html, action);
                    if html.contains("name=\"password\"") {
                        form.push(("username".into(), email.into()));
                        form.push(("password".into(), PASSWORD.into()));
                        resp = self.post_form("/login", &form).await;
                    } else if html.contains("value=\"allow\"") {
                        form.push(("decision".into(), "allow".into()));
                        resp = self.post_form("/consent", &form).await;
                    } else {
                        panic!("unexpected page ({status}): {html}");
                    }
                }
            }
        }
    }
}

/// A PKCE pair (RFC 7636): verifier and S256 challenge.
pub fn pkce() -> (String, String) {
    let v = token256();
    let c = portcullis::crypto::secrets::sha256_b64url(v.as_bytes());
    (v, c)
}

/// An authorization URL with PKCE; returns it with the verifier.
pub fn authorize_url(
    app: &TestApp,
    client: &TestClient,
    scope: &str,
    extra: &[(&str, &str)],
) -> (String, String) {
    let (verifier, challenge) = pkce();
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", client.id.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("scope", scope),
        ("state", "xyz"),
        ("nonce", "n-0S6_WzA2Mj"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    params.extend_from_slice(extra);
    let q = serde_urlencoded::to_string(&params).unwrap();
    (app.url(&format!("/authorize?{q}")), verifier)
}

/// Exchanges a code at the token endpoint with client_secret_basic.
pub async fn exchange_code(
    app: &TestApp,
    client: &TestClient,
    code: &str,
    verifier: &str,
) -> reqwest::Response {
    let mut req = app.http().post(app.url("/token")).form(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", verifier),
        ("client_id", &client.id),
    ]);
    if let Some(s) = &client.secret {
        req = req.basic_auth(&client.id, Some(s));
    }
    req.send().await.unwrap()
}

/// Logs a user in through the browser and returns the token response JSON.
pub async fn login_and_tokens(
    app: &TestApp,
    client: &TestClient,
    browser: &Browser,
    email: &str,
    scope: &str,
) -> serde_json::Value {
    let (url, verifier) = authorize_url(app, client, scope, &[]);
    let cb = browser.authorize(&url, email).await;
    let code = cb.param("code").expect("a code");
    let resp = exchange_code(app, client, &code, &verifier).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

pub fn now() -> i64 {
    SystemClock.now()
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the per-area test files.

/// Undoes askama's HTML escaping (and the older named/hex forms).
pub fn html_unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The value of attribute `attr` of the first tag that starts with `tag_start` (e.g. `<form`).
pub fn tag_attr(html: &str, tag_start: &str, attr: &str) -> Option<String> {
    let tag = html.split(tag_start).nth(1)?.split('>').next()?;
    let v = tag.split(&format!("{attr}=\"")).nth(1)?.split('"').next()?;
    Some(html_unescape(v))
}

/// Returns `url` with every `name` parameter removed from its query.
pub fn without_param(url: &str, name: &str) -> String {
    let mut u = url::Url::parse(url).unwrap();
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    u.query_pairs_mut().clear().extend_pairs(kept);
    u.to_string()
}

/// Returns `url` with the single parameter `name` set to `value`.
pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut u = url::Url::parse(&without_param(url, name)).unwrap();
    u.query_pairs_mut().append_pair(name, value);
    u.to_string()
}

/// The `Set-Cookie` headers of a response.
pub fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// Whether a response sets (with a non-empty value) the SSO session cookie.
pub fn sets_session_cookie(resp: &reqwest::Response) -> bool {
    set_cookies(resp).iter().any(|c| {
        c.strip_prefix(&format!("{}=", portcullis::authn::SESSION_COOKIE))
            .is_some_and(|rest| !rest.starts_with(';') && !rest.is_empty())
    })
}

/// A header's value as text ("" when absent).
pub fn header(resp: &reqwest::Response, name: &str) -> String {
    resp.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// A token we signed, after its signature was checked against the published JWKS.
pub struct VerifiedJwt {
    pub header: serde_json::Value,
    pub claims: serde_json::Value,
}

impl TestApp {
    /// Verifies `jwt` as a relying party would: RS256, a `kid` published at `/jwks`, a valid
    /// signature and our issuer. Tests read claims only through this (never decode unverified).
    pub async fn verify_jwt(&self, jwt: &str) -> VerifiedJwt {
        let jwks = self.http().get(self.url("/jwks")).send().await.unwrap();
        let set = josekit::jwk::JwkSet::from_bytes(jwks.bytes().await.unwrap()).unwrap();
        let unverified = josekit::jwt::decode_header(jwt).expect("a compact JWS");
        let kid = unverified.claim("kid").and_then(|k| k.as_str()).expect("a kid");
        let [jwk] = set.get(kid)[..] else {
            panic!("kid {kid} is not published exactly once");
        };
        let verifier = josekit::jws::RS256.verifier_from_jwk(jwk).unwrap();
        let (payload, header) =
            josekit::jws::deserialize_compact(jwt, &verifier).expect("a valid RS256 signature");
        let claims: serde_json::Value = serde_json::from_slice(&payload).unwrap();
        assert_eq!(claims["iss"], self.base.as_str(), "issuer");
        VerifiedJwt {
            header: serde_json::Value::Object(header.claims_set().clone()),
            claims,
        }
    }

    /// The verified claims of `jwt`.
    pub async fn claims(&self, jwt: &str) -> serde_json::Value {
        self.verify_jwt(jwt).await.claims
    }
}

/// A page the browser ended on (not a redirect to the client).
pub struct Page {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub html: String,
}

impl Page {
    pub async fn from(resp: reqwest::Response) -> Page {
        Page {
            status: resp.status(),
            headers: resp.headers().clone(),
            html: resp.text().await.unwrap(),
        }
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }

    pub fn is_login_form(&self) -> bool {
        self.html.contains("name=\"password\"")
    }

    /// The sign-in page (not merely a page with a password field, as account pages have).
    pub fn is_sign_in(&self) -> bool {
        self.html.contains("<h1>Sign in</h1>")
    }

    pub fn is_consent(&self) -> bool {
        self.html.contains("value=\"allow\"")
    }
}

impl Browser {
    /// Opens `url` and follows our redirects; panics unless it ends on a page of ours.
    pub async fn page(&self, url: &str) -> Page {
        self.expect_page(self.get(url).await).await
    }

    /// Follows `resp`; panics unless it ends on one of our pages.
    pub async fn expect_page(&self, resp: reqwest::Response) -> Page {
        match self.follow(resp).await {
            Ok(cb) => panic!("expected a page, got a redirect to the client: {}", cb.url),
            Err(resp) => Page::from(resp).await,
        }
    }

    /// Opens `url` and follows our redirects; panics unless it ends on a redirect to the client.
    pub async fn redirect(&self, url: &str) -> Callback {
        self.expect_redirect(self.get(url).await).await
    }

    /// Follows `resp`; panics unless it ends on a redirect to the client.
    pub async fn expect_redirect(&self, resp: reqwest::Response) -> Callback {
        match self.follow(resp).await {
            Ok(cb) => cb,
            Err(page) => {
                let status = page.status();
                panic!(
                    "expected a redirect to the client, got a page ({status}): {}",
                    page.text().await.unwrap()
                )
            }
        }
    }

    /// Submits the login form of `login` (a page holding it) with these credentials.
    pub async fn submit_login(&self, login: &Page, username: &str, password: &str) -> reqwest::Response {
        assert!(login.is_login_form(), "not a login page: {}", login.html);
        let mut form = form_inputs(&login.html, "/login");
        form.push(("username".into(), username.into()));
        form.push(("password".into(), password.into()));
        self.post_form("/login", &form).await
    }

    /// Submits the consent form of `consent` with `decision` (allow or deny).
    pub async fn submit_consent(&self, consent: &Page, decision: &str) -> reqwest::Response {
        assert!(consent.is_consent(), "not a consent page: {}", consent.html);
        let mut form = form_inputs(&consent.html, "/consent");
        form.push(("decision".into(), decision.into()));
        self.post_form("/consent", &form).await
    }
}

/// A client that is not registered.
pub fn unknown_client() -> TestClient {
    TestClient {
        id: "no-such-client".into(),
        secret: Some("nope".into()),
    }
}

/// POSTs `form` to the token endpoint, with client_secret_basic when the client has a secret.
pub async fn token_request(app: &TestApp, client: &TestClient, form: &[(&str, &str)]) -> reqwest::Response {
    let mut req = app.http().post(app.url("/token")).form(form);
    if let Some(s) = &client.secret {
        req = req.basic_auth(&client.id, Some(s));
    }
    req.send().await.unwrap()
}

/// A refresh token grant request (client_secret_basic).
pub async fn refresh(
    app: &TestApp,
    client: &TestClient,
    refresh_token: &str,
    scope: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![("grant_type", "refresh_token"), ("refresh_token", refresh_token)];
    if let Some(s) = scope {
        form.push(("scope", s));
    }
    token_request(app, client, &form).await
}

/// Introspects `token` as `client` (client_secret_basic); returns the JSON body after checking 200.
pub async fn introspect(app: &TestApp, client: &TestClient, token: &str) -> serde_json::Value {
    let resp = app
        .http()
        .post(app.url("/introspect"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// Revokes `token` as `client` (client_secret_basic).
pub async fn revoke(
    app: &TestApp,
    client: &TestClient,
    token: &str,
    hint: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![("token", token)];
    if let Some(h) = hint {
        form.push(("token_type_hint", h));
    }
    app.http()
        .post(app.url("/revoke"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// GET /userinfo with a bearer token.
pub async fn userinfo(app: &TestApp, access_token: &str) -> reqwest::Response {
    app.http()
        .get(app.url("/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .unwrap()
}

/// The `error` member of a JSON error body, after checking the status.
pub async fn json_error(resp: reqwest::Response, status: u16) -> String {
    let got = resp.status();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(got, status, "body: {body}");
    body["error"].as_str().unwrap_or_default().to_owned()
}

/// A prompt=none authorization in `browser`: the callback it ends on.
pub async fn prompt_none(app: &TestApp, client: &TestClient, browser: &Browser) -> Callback {
    let (url, _) = authorize_url(app, client, "openid", &[("prompt", "none")]);
    browser.redirect(&url).await
}

/// A client registered for private_key_jwt with a fresh RSA key.
pub async fn jwt_client(app: &TestApp) -> (TestClient, josekit::jwk::alg::rsa::RsaKeyPair) {
    let pair = josekit::jwk::alg::rsa::RsaKeyPair::generate(2048).unwrap();
    let mut jwk = pair.to_jwk_public_key();
    jwk.set_key_id("rp-key-1");
    jwk.set_key_use("sig");
    jwk.set_algorithm("RS256");
    let jwks = serde_json::json!({ "keys": [serde_json::Value::Object(jwk.as_ref().clone())] }).to_string();
    let client = app
        .create_client(ClientSpec {
            grants: vec![portcullis::domain::GrantType::ClientCredentials],
            auth_method: TokenEndpointAuthMethod::PrivateKeyJwt,
            jwks: Some(jwks),
            scope: "api:read",
            ..Default::default()
        })
        .await;
    assert!(client.secret.is_none());
    (client, pair)
}

/// An RFC 7523 client assertion signed with RS256.
pub fn assertion(pair: &josekit::jwk::alg::rsa::RsaKeyPair, client_id: &str, aud: &str, exp: i64) -> String {
    let claims = serde_json::json!({
        "iss": client_id,
        "sub": client_id,
        "aud": aud,
        "exp": exp,
        "iat": exp - 60,
        "jti": portcullis::crypto::secrets::random_token(16),
    });
    let mut header = josekit::jws::JwsHeader::new();
    header.set_token_type("JWT");
    header.set_key_id("rp-key-1");
    let signer = josekit::jws::RS256
        .signer_from_der(pair.to_der_private_key())
        .unwrap();
    josekit::jws::serialize_compact(claims.to_string().as_bytes(), &header, &signer).unwrap()
}

/// The audit entries recording `action` (about `subject`, when given), newest first.
pub async fn audited(
    app: &TestApp,
    subject: Option<&str>,
    action: &str,
) -> Vec<portcullis::domain::AuditEntry> {
    let entries = app.store().audit().audit_entries(subject, 0, 1000).await.unwrap();
    entries.into_iter().filter(|e| e.action == action).collect()
}

/// A connection to the app's database, for changes no command or API makes.
pub async fn database(app: &TestApp) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(&app.database_url).await.unwrap()
}

/// Runs `sql` on the app's database behind its back (to break it, say).
pub async fn execute_sql(app: &TestApp, sql: &'static str) {
    use sqlx::Connection;
    let mut conn = database(app).await;
    sqlx::query(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// Disables the account `user_id` with SQL: there is no command or API for it yet.
pub async fn disable_user(app: &TestApp, user_id: &str) {
    use sqlx::Connection;
    let mut conn = database(app).await;
    let done = sqlx::query("UPDATE users SET disabled = 1 WHERE id = $1")
        .bind(user_id)
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(done.rows_affected(), 1, "no user {user_id}");
    conn.close().await.unwrap();
}

/// Asserts a JSON OAuth error answer with exactly `status` and `error`, and nothing issued in it;
/// `what` names the case in the failure message.
pub async fn assert_json_error(resp: reqwest::Response, status: u16, error: &str, what: &str) {
    let got = resp.status().as_u16();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        (got, body["error"].as_str()),
        (status, Some(error)),
        "{what}: {body}"
    );
    for token in ["access_token", "refresh_token", "id_token"] {
        assert!(body.get(token).is_none(), "{what}: {body}");
    }
}

#[tokio::test]
async fn password_hash_is_the_passwords() {
    let hasher = portcullis::crypto::password::PasswordHasherPool::new().unwrap();
    let hash = Some(PASSWORD_HASH.to_owned());
    assert!(hasher.verify(PASSWORD.into(), hash.clone()).await.unwrap());
    assert!(!hasher.verify(format!("{PASSWORD}!"), hash).await.unwrap());
}

/// A message of the shipped catalogue of language `tag`.
pub fn message(tag: &str, id: &str) -> String {
    let catalog = Arc::new(portcullis::i18n::Catalog::load("en", None).expect("the catalogues"));
    portcullis::i18n::Tr::of(&catalog, tag).t(id)
}

/// A message of the English catalogue: what the pages say when nothing asks for another language.
pub fn english(id: &str) -> String {
    message("en", id)
}
