//! Signing in through an upstream OpenID provider. The upstream here is a second Portcullis on
//! `localhost` (a real provider with its own keys, login page and sessions; the conformance
//! suite adds node `oidc-provider`); `fake.rs` crafts the answers a real provider would not.
//! The linking rules: an identity is found by (connection, subject), never by e-mail; an
//! address that belongs to an account links only after the user proves that account.

mod account;
mod fake;
mod saml;
mod telegram;

use portcullis::domain::{IdentityProvider, LinkPolicy, ProviderKind};
use portcullis::manage::IdentityProviders;
use portcullis::manage::identity_providers::ConnectionChange;

use crate::mfa_login::enrol_totp;
use crate::support::*;

/// Portcullis (`down`, on 127.0.0.1) with a connection to an upstream Portcullis (`up`, on
/// localhost: another cookie host) and a relying party of its own.
pub struct Federated {
    pub down: TestApp,
    pub up: TestApp,
    pub conn: IdentityProvider,
    pub rp: TestClient,
}

pub fn connections(app: &TestApp) -> IdentityProviders {
    IdentityProviders::new(app.store(), app.state.provider.master.clone(), app.clock.clone())
}

impl Federated {
    pub async fn new(adjust: impl FnOnce(&mut ConnectionChange)) -> Federated {
        let down = TestApp::spawn().await;
        let up = TestApp::spawn_on_localhost().await;
        let service = connections(&down);
        let mut change = ConnectionChange {
            name: Some("Upstream".into()),
            issuer: Some(up.base.clone()),
            client_id: Some("registered-below".into()),
            ..Default::default()
        };
        adjust(&mut change);
        let conn = service.create(ProviderKind::Oidc, change, "test").await.unwrap();
        let redirect = down.state.federation.redirect_uri(&conn.id);
        let ours = up
            .create_client_with_uris(ClientSpec::default(), &[&redirect], &[])
            .await;
        let registered = ConnectionChange {
            client_id: Some(ours.id),
            client_secret: ours.secret,
            ..Default::default()
        };
        let conn = service.update(&conn.id, registered, "test").await.unwrap();
        let rp = down.create_client(ClientSpec::default()).await;
        Federated { down, up, conn, rp }
    }

    /// An authorization request of the relying party, sent to the connection by `idp_hint`.
    pub fn authorize_url(&self) -> (String, String) {
        authorize_url(
            &self.down,
            &self.rp,
            "openid email profile",
            &[("idp_hint", &self.conn.id)],
        )
    }
}

/// Where a walk through both servers stops.
pub enum Stop {
    /// The redirect to the relying party.
    Client(Callback),
    /// A page, with the URL it was answered at.
    Page(String, Page),
}

impl Stop {
    pub fn callback(self) -> Callback {
        match self {
            Stop::Client(cb) => cb,
            Stop::Page(url, p) => panic!(
                "expected the client's callback, got {url} ({}): {}",
                p.status, p.html
            ),
        }
    }

    pub fn page(self) -> (String, Page) {
        match self {
            Stop::Page(url, p) => (url, p),
            Stop::Client(cb) => panic!("expected a page, got the client's callback {}", cb.url),
        }
    }
}

/// Follows `resp` (answered at `at`) through redirects, wherever they lead, up to the client.
pub async fn walk(browser: &Browser, mut resp: reqwest::Response, mut at: String) -> Stop {
    for _ in 0..20 {
        if !resp.status().is_redirection() {
            return Stop::Page(at, Page::from(resp).await);
        }
        let loc = url::Url::parse(&at)
            .unwrap()
            .join(resp.headers()["location"].to_str().unwrap())
            .unwrap()
            .to_string();
        if loc.starts_with(REDIRECT_URI) {
            return Stop::Client(Callback {
                url: url::Url::parse(&loc).unwrap(),
            });
        }
        resp = browser.http.get(&loc).send().await.unwrap();
        at = loc;
    }
    panic!("too many redirects")
}

pub async fn open(browser: &Browser, url: &str) -> Stop {
    walk(
        browser,
        browser.http.get(url).send().await.unwrap(),
        url.to_owned(),
    )
    .await
}

/// Posts the form of `page` (answered at `at`) that goes to `action`, with `fields`.
pub async fn submit(browser: &Browser, at: &str, page: &Page, action: &str, fields: &[(&str, &str)]) -> Stop {
    let mut form = form_inputs(&page.html, action);
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let target = url::Url::parse(at).unwrap().join(action).unwrap().to_string();
    let resp = browser.http.post(&target).form(&form).send().await.unwrap();
    walk(browser, resp, target).await
}

/// From the relying party's request, through the upstream's login page as `email`, to where
/// Portcullis leads next.
pub async fn through_upstream(f: &Federated, browser: &Browser, url: &str, email: &str) -> Stop {
    let (at, login) = open(browser, url).await.page();
    assert!(
        at.starts_with(&f.up.base),
        "expected the upstream's login page, got {at}"
    );
    submit(
        browser,
        &at,
        &login,
        "/login",
        &[("username", email), ("password", PASSWORD)],
    )
    .await
}

async fn claims_of(f: &Federated, cb: &Callback, verifier: &str) -> serde_json::Value {
    let resp = exchange_code(&f.down, &f.rp, &cb.param("code").expect("a code"), verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    f.down.claims(tokens["id_token"].as_str().unwrap()).await
}

async fn audited(app: &TestApp, action: &str) -> Vec<portcullis::domain::AuditEntry> {
    let filter = portcullis::store::AuditFilter {
        action: Some(action.into()),
        ..Default::default()
    };
    app.store().audit().search_audit(&filter, None, 50).await.unwrap()
}

#[tokio::test]
async fn a_first_sign_in_makes_the_account_and_the_next_one_finds_it_by_the_link() {
    let f = Federated::new(|_| {}).await;
    let upstream_user = f.up.create_user("ann@example.com").await;

    let (url, verifier) = f.authorize_url();
    let browser = f.down.browser();
    let cb = through_upstream(&f, &browser, &url, "ann@example.com")
        .await
        .callback();
    let claims = claims_of(&f, &cb, &verifier).await;

    let user = f
        .down
        .store()
        .users()
        .user_by_email("ann@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        claims["sub"],
        user.id.as_str(),
        "our own subject, not the upstream's"
    );
    assert_ne!(user.id, upstream_user.id);
    assert_eq!(claims["amr"], serde_json::json!(["fed"]));
    assert_eq!(claims["acr"], "1");
    assert!(
        user.password_hash.is_none(),
        "a federated account has no password"
    );
    assert_eq!(
        user.name.as_deref(),
        Some("Ada Lovelace"),
        "mapped from the upstream's claims"
    );
    assert!(!user.email_verified, "the connection is not trusted for e-mail");
    let links = f
        .down
        .store()
        .identity_providers()
        .links_of(&user.id)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].provider_id.as_str(), links[0].subject.as_str()),
        (f.conn.id.as_str(), upstream_user.id.as_str())
    );
    assert_eq!(audited(&f.down, "account.registered").await.len(), 1);
    assert_eq!(audited(&f.down, "login.federated").await.len(), 1);

    // Another browser, another day: the link, not the address, finds the account.
    let (url, verifier) = f.authorize_url();
    let other = f.down.browser();
    let cb = through_upstream(&f, &other, &url, "ann@example.com")
        .await
        .callback();
    assert_eq!(claims_of(&f, &cb, &verifier).await["sub"], user.id.as_str());
    assert_eq!(
        audited(&f.down, "account.registered").await.len(),
        1,
        "no second account"
    );
}

#[tokio::test]
async fn the_mailbox_owner_signing_up_takes_an_unverified_account_away_from_its_upstream() {
    // An upstream not trusted for e-mail named an address: the account made for it is not
    // verified. When the address's owner signs up, the account becomes theirs, and the upstream
    // identity that named the address no longer signs into it (pre-account takeover).
    let f = Federated::new(|_| {}).await;
    f.up.create_user("victim@example.com").await;
    let (url, _) = f.authorize_url();
    through_upstream(&f, &f.down.browser(), &url, "victim@example.com")
        .await
        .callback();
    let made = f
        .down
        .store()
        .users()
        .user_by_email("victim@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(!made.email_verified);
    let links = f
        .down
        .store()
        .identity_providers()
        .links_of(&made.id)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);

    crate::registration::sign_up(
        &f.down,
        &f.down.browser(),
        "victim@example.com",
        crate::registration::NEW_PASSWORD,
    )
    .await;
    let links = f
        .down
        .store()
        .identity_providers()
        .links_of(&made.id)
        .await
        .unwrap();
    assert!(
        links.is_empty(),
        "the upstream's link went with the account's new owner"
    );
    let user = f
        .down
        .store()
        .users()
        .user_by_id(&made.id)
        .await
        .unwrap()
        .unwrap();
    assert!(user.password_hash.is_some());
}

#[tokio::test]
async fn the_login_page_offers_enabled_connections_and_hides_disabled_ones() {
    let f = Federated::new(|_| {}).await;
    let (url, _) = authorize_url(&f.down, &f.rp, "openid", &[]);
    let browser = f.down.browser();
    let page = browser.page(&url).await;
    assert!(page.html.contains("Continue with Upstream"), "{}", page.html);
    assert!(
        page.html
            .contains(&format!("href=\"/login/upstream/{}?interaction=", f.conn.id))
    );

    let off = ConnectionChange {
        enabled: Some(false),
        ..Default::default()
    };
    connections(&f.down)
        .update(&f.conn.id, off, "test")
        .await
        .unwrap();
    let page = f.down.browser().page(&url).await;
    assert!(!page.html.contains("Continue with Upstream"));
    // A hint naming a disabled connection falls back to the login page.
    let (hinted, _) = f.authorize_url();
    let page = f.down.browser().page(&hinted).await;
    assert!(page.is_sign_in(), "{}", page.html);
}

#[tokio::test]
async fn an_address_that_belongs_to_an_account_links_only_after_its_password() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@example.com").await;
    let local = f.down.create_user("ann@example.com").await;

    let (url, verifier) = f.authorize_url();
    let browser = f.down.browser();
    let (at, page) = through_upstream(&f, &browser, &url, "ann@example.com")
        .await
        .page();
    assert!(at.contains("/login/upstream/link?interaction="), "{at}");
    assert!(page.html.contains("Link your Upstream sign-in"), "{}", page.html);
    assert!(page.html.contains("ann@example.com"));

    // A wrong password links nothing.
    let (_, again) = submit(
        &browser,
        &at,
        &page,
        "/login/upstream/link",
        &[("password", "wrong")],
    )
    .await
    .page();
    assert_eq!(again.status, 401);
    assert!(
        f.down
            .store()
            .identity_providers()
            .links_of(&local.id)
            .await
            .unwrap()
            .is_empty()
    );

    let cb = submit(
        &browser,
        &at,
        &again,
        "/login/upstream/link",
        &[("password", PASSWORD)],
    )
    .await
    .callback();
    let claims = claims_of(&f, &cb, &verifier).await;
    assert_eq!(claims["sub"], local.id.as_str());
    assert_eq!(claims["amr"], serde_json::json!(["fed", "pwd"]));
    assert_eq!(
        f.down
            .store()
            .identity_providers()
            .links_of(&local.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(audited(&f.down, "federation.linked").await.len(), 1);

    // Linked: the upstream alone signs in from now on.
    let (url, verifier) = f.authorize_url();
    let cb = through_upstream(&f, &f.down.browser(), &url, "ann@example.com")
        .await
        .callback();
    assert_eq!(claims_of(&f, &cb, &verifier).await["sub"], local.id.as_str());
}

#[tokio::test]
async fn a_link_waits_for_the_accounts_second_factor() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@example.com").await;
    let local = f.down.create_user("ann@example.com").await;
    let secret = enrol_totp(&f.down, &local).await;

    let (url, verifier) = f.authorize_url();
    let browser = f.down.browser();
    let (at, page) = through_upstream(&f, &browser, &url, "ann@example.com")
        .await
        .page();
    let (at, challenge) = submit(
        &browser,
        &at,
        &page,
        "/login/upstream/link",
        &[("password", PASSWORD)],
    )
    .await
    .page();
    assert!(
        challenge.html.contains("action=\"/login/factor\""),
        "{}",
        challenge.html
    );
    assert!(
        f.down
            .store()
            .identity_providers()
            .links_of(&local.id)
            .await
            .unwrap()
            .is_empty(),
        "no link before the second factor"
    );
    let code = f.down.totp_now(&secret);
    let cb = submit(&browser, &at, &challenge, "/login/factor", &[("code", &code)])
        .await
        .callback();
    let claims = claims_of(&f, &cb, &verifier).await;
    assert_eq!(claims["sub"], local.id.as_str());
    assert_eq!(claims["acr"], "2");
    assert_eq!(
        f.down
            .store()
            .identity_providers()
            .links_of(&local.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_connection_trusted_for_email_links_verified_addresses_without_asking() {
    let f = Federated::new(|c| c.trust_email = Some(true)).await;
    f.up.create_user("ann@example.com").await;
    let local = f.down.create_user("ann@example.com").await;
    let (url, verifier) = f.authorize_url();
    let cb = through_upstream(&f, &f.down.browser(), &url, "ann@example.com")
        .await
        .callback();
    assert_eq!(claims_of(&f, &cb, &verifier).await["sub"], local.id.as_str());

    // An unverified local address is not linked, trusted connection or not.
    let g = Federated::new(|c| c.trust_email = Some(true)).await;
    g.up.create_user("bob@example.com").await;
    let bob = g.down.create_user("bob@example.com").await;
    g.down
        .store()
        .users()
        .update_profile(
            &bob.id,
            None,
            "bob@example.com",
            false,
            now(),
            &g.down.entry("test"),
        )
        .await
        .unwrap();
    let (url, _) = g.authorize_url();
    let (at, _) = through_upstream(&g, &g.down.browser(), &url, "bob@example.com")
        .await
        .page();
    assert!(at.contains("/login/upstream/link"), "{at}");
}

#[tokio::test]
async fn policies_refuse_what_they_do_not_allow() {
    // deny: only identities linked beforehand.
    let f = Federated::new(|c| c.link_policy = Some(LinkPolicy::Deny)).await;
    f.up.create_user("ann@example.com").await;
    let (url, _) = f.authorize_url();
    let (_, page) = through_upstream(&f, &f.down.browser(), &url, "ann@example.com")
        .await
        .page();
    assert_eq!(page.status, 403);
    assert!(
        page.html.contains("is not linked to an account here"),
        "{}",
        page.html
    );
    assert!(
        f.down
            .store()
            .users()
            .user_by_email("ann@example.com")
            .await
            .unwrap()
            .is_none()
    );

    // link: never makes an account.
    let g = Federated::new(|c| c.link_policy = Some(LinkPolicy::Link)).await;
    g.up.create_user("ann@example.com").await;
    let (url, _) = g.authorize_url();
    let (_, page) = through_upstream(&g, &g.down.browser(), &url, "ann@example.com")
        .await
        .page();
    assert_eq!(page.status, 403);
    assert!(
        g.down
            .store()
            .users()
            .user_by_email("ann@example.com")
            .await
            .unwrap()
            .is_none()
    );
    let refused = audited(&g.down, "login.federated").await;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].detail["reason"], "no_account");
}

/// Up to the upstream's answer: the URL of our callback it sends `browser` to, not followed.
async fn upstream_answer(f: &Federated, browser: &Browser) -> String {
    let (url, _) = f.authorize_url();
    let (at, login) = open(browser, &url).await.page();
    let mut form = form_inputs(&login.html, "/login");
    form.push(("username".into(), "ann@example.com".into()));
    form.push(("password".into(), PASSWORD.into()));
    let mut at = url::Url::parse(&at).unwrap().join("/login").unwrap();
    let mut resp = browser.http.post(at.clone()).form(&form).send().await.unwrap();
    loop {
        let next = at.join(resp.headers()["location"].to_str().unwrap()).unwrap();
        if next.as_str().starts_with(&f.down.base) {
            return next.to_string();
        }
        resp = browser.http.get(next.clone()).send().await.unwrap();
        at = next;
    }
}

#[tokio::test]
async fn the_callback_finishes_only_in_the_browser_that_started_it_and_only_once() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@example.com").await;

    // Another browser brings the answer (a login CSRF): refused, nothing made.
    let victim = f.down.browser();
    let answer = upstream_answer(&f, &f.down.browser()).await;
    let (_, page) = open(&victim, &answer).await.page();
    assert_eq!(page.status, 400);
    assert!(
        f.down
            .store()
            .users()
            .user_by_email("ann@example.com")
            .await
            .unwrap()
            .is_none()
    );

    // The browser that started it finishes; the same answer again is refused.
    let browser = f.down.browser();
    let answer = upstream_answer(&f, &browser).await;
    open(&browser, &answer).await.callback();
    let (_, page) = open(&browser, &answer).await.page();
    assert_eq!(page.status, 400, "a state answers once");
}

#[tokio::test]
async fn an_account_made_through_a_connection_uses_its_own_second_factor_after_the_upstream() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@example.com").await;
    let (url, _) = f.authorize_url();
    through_upstream(&f, &f.down.browser(), &url, "ann@example.com")
        .await
        .callback();
    let user = f
        .down
        .store()
        .users()
        .user_by_email("ann@example.com")
        .await
        .unwrap()
        .unwrap();
    let secret = enrol_totp(&f.down, &user).await;

    let (url, verifier) = f.authorize_url();
    let browser = f.down.browser();
    let (at, challenge) = through_upstream(&f, &browser, &url, "ann@example.com")
        .await
        .page();
    assert!(
        challenge.html.contains("action=\"/login/factor\""),
        "{}",
        challenge.html
    );
    let code = f.down.totp_now(&secret);
    let cb = submit(&browser, &at, &challenge, "/login/factor", &[("code", &code)])
        .await
        .callback();
    let claims = claims_of(&f, &cb, &verifier).await;
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], serde_json::json!(["fed", "otp", "mfa"]));
}

#[tokio::test]
async fn a_claimed_domain_asks_for_the_address_first_and_goes_to_its_connection() {
    let f = Federated::new(|c| c.domains = Some(vec!["example.com".into()])).await;
    let (url, _) = authorize_url(&f.down, &f.rp, "openid", &[]);
    let browser = f.down.browser();
    let (at, page) = open(&browser, &url).await.page();
    assert!(page.html.contains("action=\"/login/identify\""), "{}", page.html);
    assert!(
        !page.html.contains("name=\"password\""),
        "the address comes first"
    );

    // Another domain goes on to the password, the address kept.
    let (_, next) = submit(
        &browser,
        &at,
        &page,
        "/login/identify",
        &[("username", "bob@other.example")],
    )
    .await
    .page();
    assert!(next.html.contains("name=\"password\""), "{}", next.html);
    assert!(next.html.contains("value=\"bob@other.example\""));

    // The claimed domain goes to its connection.
    let (up_at, _) = submit(
        &browser,
        &at,
        &page,
        "/login/identify",
        &[("username", "Ann@Example.com")],
    )
    .await
    .page();
    assert!(up_at.starts_with(&f.up.base), "{up_at}");
}
