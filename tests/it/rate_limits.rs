//! Rate limits: every limited action is counted per IP address and per account, separately. Over
//! the budget the answer is 429 with the rest of the window as Retry-After, the refused request
//! does nothing, and the next window restores the budget. Each test limits one dimension of one
//! action and turns the other dimension off.
//!
//! Requests come from several addresses: all of 127.0.0.0/8 is loopback on Linux, and the
//! server counts the peer address of the connection.
//!
//! Login, sign-up and the token endpoint are here; the verify budget is in `verify.rs`, recovery
//! and otp (what sends mail or text messages) in `sending.rs`.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use portcullis::domain::{Clock, User};
use reqwest::cookie::Jar;

use crate::registration::{NEW_PASSWORD, sign_up};
use crate::support::*;

mod sending;
mod verify;

const LIMIT: &str = "3/10m";
const MAX: usize = 3;
const WINDOW: i64 = 600;

/// Limits `limited` to LIMIT and turns `other`, the action's other dimension, off.
fn only(limited: &mut Option<String>, other: &mut Option<String>) {
    *limited = Some(LIMIT.into());
    *other = Some("off".into());
}

fn loopback(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))
}

/// One browser (one cookie jar) that can send from any 127.0.0.n: a person whose phone moves
/// between networks.
struct Roaming {
    jar: Arc<Jar>,
    base: String,
}

impl Roaming {
    fn new(app: &TestApp) -> Roaming {
        Roaming {
            jar: Arc::new(Jar::default()),
            base: app.base.clone(),
        }
    }

    fn at(&self, n: u8) -> Browser {
        let http = reqwest::Client::builder()
            .cookie_provider(self.jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .local_address(loopback(n))
            .build()
            .unwrap();
        Browser {
            http,
            base: self.base.clone(),
        }
    }
}

/// A fresh browser at 127.0.0.n.
fn browser_at(app: &TestApp, n: u8) -> Browser {
    Roaming::new(app).at(n)
}

/// The "too many attempts" page: 429, and Retry-After is the rest of the window (windows are
/// aligned to the clock). Returns that wait.
fn assert_limited(app: &TestApp, page: &Page, what: &str) -> i64 {
    assert_eq!(page.status, 429, "{what}: expected 429, got: {}", page.html);
    assert!(page.html.contains("Too many attempts"), "{what}: {}", page.html);
    let left = WINDOW - app.clock.now().rem_euclid(WINDOW);
    assert_eq!(
        page.header("retry-after"),
        left.to_string(),
        "{what}: Retry-After"
    );
    let catalog = std::sync::Arc::new(portcullis::i18n::Catalog::load("en", None).unwrap());
    let en = portcullis::i18n::Tr::default_of(&catalog);
    let words = portcullis::login_ui::flow::wait_in_words(&en, left as u64);
    let sentence = format!("Please wait {words} and try again.");
    assert!(
        page.html.contains(&sentence),
        "{what}: no {sentence:?} in {}",
        page.html
    );
    left
}

/// A page that answers a served request: `status` and a sentence it must say.
fn assert_page(page: &Page, status: u16, says: &str, what: &str) {
    assert_eq!(page.status, status, "{what}: {}", page.html);
    assert!(page.html.contains(says), "{what}: no {says:?} in {}", page.html);
}

fn starts_session(page: &Page) -> bool {
    let prefix = format!("{}=", portcullis::authn::SESSION_COOKIE);
    page.headers.get_all("set-cookie").iter().any(|c| {
        c.to_str()
            .unwrap()
            .strip_prefix(&prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(';'))
    })
}

/// A served sign-in: on to the account pages, with a session.
fn assert_signed_in(page: &Page, what: &str) {
    assert_eq!(page.status, 303, "{what}: {}", page.html);
    assert_eq!(page.header("location"), "/account", "{what}");
    assert!(starts_session(page), "{what}: no session");
}

async fn users(app: &TestApp, prefix: &str, n: usize) -> Vec<User> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(app.create_user(&format!("{prefix}-{i}@example.com")).await);
    }
    out
}

async fn stored(app: &TestApp, user_id: &str) -> User {
    app.store().users().user_by_id(user_id).await.unwrap().unwrap()
}

/// How many audit entries `action` has about `subject`.
async fn audited(app: &TestApp, subject: &str, action: &str) -> usize {
    app.store()
        .audit()
        .audit_entries(Some(subject), 0, 1000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == action)
        .count()
}

fn wrong(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

async fn post(
    browser: &Browser,
    action: &str,
    mut form: Vec<(String, String)>,
    fields: &[(&str, &str)],
) -> Page {
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Page::from(browser.post_form(action, &form).await).await
}

// ---------------------------------------------------------------------------------------------
// shared by the verify and sending tests: pending sign-ups, signed-in users, recovery requests

/// A sign-up waiting for its code in its browser: the check-email page and the mailed code.
struct PendingSignUp {
    who: Roaming,
    email: String,
    page: Page,
    code: String,
}

async fn pending_sign_up(app: &TestApp, email: &str) -> PendingSignUp {
    let who = Roaming::new(app);
    let page = sign_up(app, &who.at(9), email, NEW_PASSWORD).await;
    assert_page(&page, 200, CHECK_EMAIL, email);
    let code = app.mail(email, "Verify your email").await.code();
    PendingSignUp {
        who,
        email: email.to_owned(),
        page,
        code,
    }
}

async fn pending_sign_ups(app: &TestApp, prefix: &str, n: usize) -> Vec<PendingSignUp> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(pending_sign_up(app, &format!("{prefix}-{i}@example.com")).await);
    }
    out
}

impl PendingSignUp {
    async fn enter_code(&self, n: u8, code: &str) -> Page {
        let form = form_inputs(&self.page.html, "/register/verify");
        post(&self.who.at(n), "/register/verify", form, &[("code", code)]).await
    }

    async fn resend(&self, n: u8) -> Page {
        let form = form_inputs(&self.page.html, "/register/resend");
        post(&self.who.at(n), "/register/resend", form, &[]).await
    }

    async fn verified(&self, app: &TestApp) -> bool {
        let user = app
            .store()
            .users()
            .user_by_email(&self.email)
            .await
            .unwrap()
            .unwrap();
        user.email_verified
    }
}

/// A browser signed in to the account pages as `email` (signed in from 127.0.0.9).
async fn signed_in(app: &TestApp, email: &str) -> Roaming {
    let who = Roaming::new(app);
    let page = sign_in(&who.at(9), email, PASSWORD).await;
    assert_signed_in(&page, email);
    who
}

/// Opens `page` and posts its form going to `action` with `fields`, from 127.0.0.n.
async fn submit_at(who: &Roaming, n: u8, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let browser = who.at(n);
    let html = browser.page(page).await.html;
    post(&browser, action, form_inputs(&html, action), fields).await
}

/// Submits the forgot-password form for `email`, asking for a link by mail or a code by SMS.
async fn forgot(browser: &Browser, email: &str, channel: &str) -> Page {
    let page = browser.page("/forgot-password").await;
    let form = form_inputs(&page.html, "/forgot-password");
    post(
        browser,
        "/forgot-password",
        form,
        &[("email", email), ("channel", channel)],
    )
    .await
}

const RESET_ASKED: &str = "If an account uses that address, we have sent it a link";

// ---------------------------------------------------------------------------------------------
// login

async fn sign_in(browser: &Browser, email: &str, password: &str) -> Page {
    let page = browser.page("/login").await;
    assert!(page.is_sign_in(), "{}", page.html);
    Page::from(browser.submit_login(&page, email, password).await).await
}

#[tokio::test]
async fn sign_ins_are_limited_per_ip_whichever_account_they_are_for() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.login_ip, &mut c.rate_limits.login_account)).await;
    let users = users(&app, "login-ip", MAX + 1).await;
    for u in &users[..MAX] {
        let page = sign_in(&browser_at(&app, 1), &u.email, "wrong password").await;
        assert_eq!(page.status, 401, "{}", u.email);
    }
    let last = &users[MAX];
    let refused = sign_in(&browser_at(&app, 1), &last.email, "wrong password").await;
    let wait = assert_limited(&app, &refused, "another account from a spent address");
    let checked = audited(&app, &last.id, "login.password").await;
    assert_eq!(checked, 0, "the refused password was checked");
    let refused = sign_in(&browser_at(&app, 1), &last.email, PASSWORD).await;
    assert_limited(&app, &refused, "the right password from a spent address");
    assert!(!starts_session(&refused), "the refused sign-in started a session");

    let elsewhere = sign_in(&browser_at(&app, 2), &last.email, PASSWORD).await;
    assert_signed_in(&elsewhere, "the same account from another address");
    app.clock.advance(wait);
    let next = sign_in(&browser_at(&app, 1), &last.email, PASSWORD).await;
    assert_signed_in(&next, "the spent address in the next window");
}

#[tokio::test]
async fn sign_ins_are_limited_per_account_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.login_account, &mut c.rate_limits.login_ip)).await;
    let [target, other] = <[User; 2]>::try_from(users(&app, "login-acct", 2).await).unwrap();
    for n in 1..=MAX as u8 {
        let page = sign_in(&browser_at(&app, n), &target.email, "wrong password").await;
        assert_eq!(page.status, 401, "from 127.0.0.{n}");
    }
    let checked = audited(&app, &target.id, "login.password").await;
    let refused = sign_in(&browser_at(&app, 4), &target.email, "wrong password").await;
    let wait = assert_limited(&app, &refused, "a spent account from a new address");
    let after = audited(&app, &target.id, "login.password").await;
    assert_eq!(after, checked, "the refused password was checked");
    let refused = sign_in(&browser_at(&app, 5), &target.email, PASSWORD).await;
    assert_limited(&app, &refused, "the right password for a spent account");
    assert!(!starts_session(&refused), "the refused sign-in started a session");

    let page = sign_in(&browser_at(&app, 4), &other.email, PASSWORD).await;
    assert_signed_in(&page, "another account from that address");
    app.clock.advance(wait);
    // Served again; and the refused tries neither counted towards the lockout (five failures)
    // nor reset it: the fifth failure is the second one from here.
    let page = sign_in(&browser_at(&app, 4), &target.email, "wrong password").await;
    assert_eq!(page.status, 401, "the spent account in the next window");
    let locked = stored(&app, &target.id).await.locked_until;
    assert_eq!(
        locked, None,
        "a refused try changed the failure count: locked at the fourth"
    );
    sign_in(&browser_at(&app, 4), &target.email, "wrong password").await;
    let locked = stored(&app, &target.id).await.locked_until;
    assert!(
        locked.is_some(),
        "a refused try changed the failure count: not locked at the fifth"
    );
}

#[tokio::test]
/// Nodes share one budget through the cache, counted in the window of their common clock.
async fn two_nodes_share_one_rate_limit_budget() {
    let limit = |c: &mut portcullis::config::FileConfig| {
        only(&mut c.rate_limits.login_account, &mut c.rate_limits.login_ip)
    };
    let a = TestApp::spawn_with(limit).await;
    let b = a.node_beside(limit).await;
    a.create_user("shared@example.com").await;
    let browser = a.browser();
    let page = browser.page("/login").await;
    // Three tries spread over both nodes use up the budget; the fourth is refused on either,
    // right password or not.
    let tries = [
        (a.url("/login"), "nope", 401),
        (b.url("/login"), "nope", 401),
        (a.url("/login"), "nope", 401),
        (b.url("/login"), PASSWORD, 429),
    ];
    for (url, password, expected) in tries {
        let mut form = form_inputs(&page.html, "/login");
        form.extend([
            ("username".into(), "shared@example.com".into()),
            ("password".into(), password.into()),
        ]);
        let status = browser.http.post(&url).form(&form).send().await.unwrap().status();
        assert_eq!(status, expected, "{url}");
    }
}

// ---------------------------------------------------------------------------------------------
// signup

/// Submits the sign-up form with `confirm` as the second password.
async fn register(browser: &Browser, email: &str, confirm: &str) -> Page {
    let page = browser.page("/register").await;
    let form = form_inputs(&page.html, "/register");
    let fields = [
        ("email", email),
        ("password", NEW_PASSWORD),
        ("password_confirm", confirm),
    ];
    post(browser, "/register", form, &fields).await
}

const CHECK_EMAIL: &str = "Check your email";

#[tokio::test]
async fn sign_ups_are_limited_per_ip_valid_or_not() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.signup_ip, &mut c.rate_limits.signup_account)).await;
    let first = register(&browser_at(&app, 1), "signup-ip-0@example.com", NEW_PASSWORD).await;
    assert_page(&first, 200, CHECK_EMAIL, "first");
    let typo = register(
        &browser_at(&app, 1),
        "signup-ip-1@example.com",
        "mistyped-Quokka-1987",
    )
    .await;
    assert_page(&typo, 400, "do not match", "an invalid form");
    let second = register(&browser_at(&app, 1), "signup-ip-2@example.com", NEW_PASSWORD).await;
    assert_page(&second, 200, CHECK_EMAIL, "second");

    let refused = register(&browser_at(&app, 1), "signup-ip-3@example.com", NEW_PASSWORD).await;
    let wait = assert_limited(&app, &refused, "another address from a spent IP");
    let created = app
        .store()
        .users()
        .user_by_email("signup-ip-3@example.com")
        .await
        .unwrap();
    assert!(created.is_none(), "the refused sign-up created an account");

    let elsewhere = register(&browser_at(&app, 2), "signup-ip-3@example.com", NEW_PASSWORD).await;
    assert_page(&elsewhere, 200, CHECK_EMAIL, "the same address from another IP");
    app.clock.advance(wait);
    let next = register(&browser_at(&app, 1), "signup-ip-4@example.com", NEW_PASSWORD).await;
    assert_page(&next, 200, CHECK_EMAIL, "the spent IP in the next window");
}

#[tokio::test]
async fn sign_ups_are_limited_per_address_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.signup_account, &mut c.rate_limits.signup_ip)).await;
    let email = "signup-again@example.com";
    for n in 1..=MAX as u8 {
        let page = register(&browser_at(&app, n), email, NEW_PASSWORD).await;
        assert_page(&page, 200, CHECK_EMAIL, &format!("from 127.0.0.{n}"));
    }
    let pending = app.store().users().user_by_email(email).await.unwrap().unwrap();
    let refused = register(&browser_at(&app, 4), email, NEW_PASSWORD).await;
    let wait = assert_limited(&app, &refused, "a spent address from a new IP");
    let after = stored(&app, &pending.id).await;
    assert_eq!(
        after.password_hash, pending.password_hash,
        "the refused sign-up replaced the pending one"
    );

    let other = register(&browser_at(&app, 4), "signup-other@example.com", NEW_PASSWORD).await;
    assert_page(&other, 200, CHECK_EMAIL, "another address from that IP");
    app.clock.advance(wait);
    let next = register(&browser_at(&app, 4), email, NEW_PASSWORD).await;
    assert_page(&next, 200, CHECK_EMAIL, "the spent address in the next window");
    assert_ne!(
        stored(&app, &pending.id).await.password_hash,
        pending.password_hash
    );
}

#[tokio::test]
/// Per address only complete forms count (README: fixing typos is not abuse, mailing is).
async fn invalid_sign_up_forms_do_not_spend_the_address_budget() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.signup_account, &mut c.rate_limits.signup_ip)).await;
    let email = "signup-typos@example.com";
    for n in 1..=MAX {
        let page = register(&app.browser(), email, "mistyped-Quokka-1987").await;
        assert_page(&page, 400, "do not match", &format!("invalid form #{n}"));
    }
    for n in 1..=MAX {
        let page = register(&app.browser(), email, NEW_PASSWORD).await;
        assert_page(
            &page,
            200,
            CHECK_EMAIL,
            &format!("valid form #{n} after the invalid ones"),
        );
    }
    let refused = register(&app.browser(), email, NEW_PASSWORD).await;
    assert_limited(&app, &refused, "one valid form too many");
}

// ---------------------------------------------------------------------------------------------
// token

/// A token request with client_secret_basic from 127.0.0.n.
async fn token_at(app: &TestApp, client: &TestClient, n: u8, form: &[(&str, &str)]) -> reqwest::Response {
    reqwest::Client::builder()
        .local_address(loopback(n))
        .build()
        .unwrap()
        .post(app.url("/token"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn client_credentials_at(app: &TestApp, client: &TestClient, n: u8) -> reqwest::Response {
    token_at(app, client, n, &[("grant_type", "client_credentials")]).await
}

async fn assert_issued(resp: reqwest::Response, what: &str) -> serde_json::Value {
    let status = resp.status();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{what}: {body}");
    assert!(body["access_token"].is_string(), "{what}: {body}");
    body
}

/// RFC 6749's JSON error `temporarily_unavailable` with status 429, Retry-After the rest of the
/// window, and no token. Returns the wait.
async fn assert_token_limited(app: &TestApp, resp: reqwest::Response, what: &str) -> i64 {
    let left = WINDOW - app.clock.now().rem_euclid(WINDOW);
    let status = resp.status();
    let retry_after = header(&resp, "retry-after");
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(status, 429, "{what}: {body}");
    assert_eq!(body["error"], "temporarily_unavailable", "{what}: {body}");
    assert!(body.get("access_token").is_none(), "{what}: {body}");
    assert_eq!(retry_after, left.to_string(), "{what}: Retry-After");
    left
}

async fn tokens_issued_to(app: &TestApp, client: &TestClient) -> usize {
    let entries = app.store().audit().audit_entries(None, 0, 1000).await.unwrap();
    entries
        .iter()
        .filter(|e| e.action == "token.issued" && e.client_id.as_deref() == Some(client.id.as_str()))
        .count()
}

#[tokio::test]
/// The refused request is a code exchange: it must not use the code up.
async fn token_requests_are_limited_per_ip_whichever_client_makes_them() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.token_ip, &mut c.rate_limits.token_client)).await;
    let web = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("token-ip@example.com").await;
    let (url, verifier) = authorize_url(&app, &web, "openid offline_access", &[]);
    let code = app
        .browser()
        .authorize(&url, &user.email)
        .await
        .param("code")
        .unwrap();
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", verifier.as_str()),
    ];
    for i in 0..MAX {
        let service = app.create_client(ClientSpec::service()).await;
        assert_issued(
            client_credentials_at(&app, &service, 1).await,
            &format!("service #{i}"),
        )
        .await;
    }
    let refused = token_at(&app, &web, 1, &exchange).await;
    let wait = assert_token_limited(&app, refused, "another client from a spent IP").await;
    assert_eq!(
        tokens_issued_to(&app, &web).await,
        0,
        "the refused request issued a token"
    );

    let tokens = assert_issued(
        token_at(&app, &web, 2, &exchange).await,
        "the same code from another IP",
    )
    .await;
    app.clock.advance(wait);
    let refresh = [
        ("grant_type", "refresh_token"),
        ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
    ];
    assert_issued(
        token_at(&app, &web, 1, &refresh).await,
        "the spent IP in the next window",
    )
    .await;
}

#[tokio::test]
async fn token_requests_are_limited_per_client_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.token_client, &mut c.rate_limits.token_ip)).await;
    let target = app.create_client(ClientSpec::service()).await;
    let other = app.create_client(ClientSpec::service()).await;
    for n in 1..=MAX as u8 {
        assert_issued(
            client_credentials_at(&app, &target, n).await,
            &format!("from 127.0.0.{n}"),
        )
        .await;
    }
    let refused = client_credentials_at(&app, &target, 4).await;
    let wait = assert_token_limited(&app, refused, "a spent client from a new IP").await;
    assert_eq!(
        tokens_issued_to(&app, &target).await,
        MAX,
        "the refused request issued a token"
    );

    assert_issued(
        client_credentials_at(&app, &other, 4).await,
        "another client from that IP",
    )
    .await;
    app.clock.advance(wait);
    assert_issued(
        client_credentials_at(&app, &target, 4).await,
        "the spent client in the next window",
    )
    .await;
}

#[tokio::test]
/// Someone who knows a client's id but not its secret cannot spend the client's budget: failed
/// client authentications count per IP, apart from the client's own requests.
async fn a_flood_of_wrong_secrets_does_not_throttle_the_real_client() {
    let app = TestApp::spawn_with(|c| {
        only(&mut c.rate_limits.token_client, &mut c.rate_limits.token_ip);
        c.rate_limits.client_auth_failure_ip = Some(LIMIT.into());
    })
    .await;
    let target = app.create_client(ClientSpec::service()).await;
    let forged = TestClient {
        secret: Some("not-the-secret".into()),
        ..target.clone()
    };
    for i in 0..MAX {
        let resp = client_credentials_at(&app, &forged, 9).await;
        assert_json_error(resp, 401, "invalid_client", &format!("wrong secret #{i}")).await;
    }
    for i in 0..MAX {
        let resp = client_credentials_at(&app, &forged, 9).await;
        assert_token_limited(
            &app,
            resp,
            &format!("wrong secret #{} past the IP's budget", MAX + i),
        )
        .await;
    }
    // The guessing IP is refused even with the right secret until the window ends...
    let refused = client_credentials_at(&app, &target, 9).await;
    assert_token_limited(&app, refused, "the right secret from the guessing IP").await;
    // ...while the client itself keeps its whole budget.
    for n in 1..=MAX as u8 {
        assert_issued(
            client_credentials_at(&app, &target, n).await,
            &format!("the real client from 127.0.0.{n}"),
        )
        .await;
    }
    let refused = client_credentials_at(&app, &target, 1).await;
    assert_token_limited(&app, refused, "the real client past its own budget").await;
}

#[tokio::test]
async fn successful_client_authentications_do_not_spend_the_failure_budget() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits.token_client = Some("off".into());
        c.rate_limits.token_ip = Some("off".into());
        c.rate_limits.client_auth_failure_ip = Some(LIMIT.into());
    })
    .await;
    let client = app.create_client(ClientSpec::service()).await;
    for i in 0..3 * MAX {
        assert_issued(
            client_credentials_at(&app, &client, 1).await,
            &format!("request #{i}"),
        )
        .await;
    }
}

#[tokio::test]
/// The per-account budget counts failures: a right password gives its try back, so a user who
/// signs in often is never throttled, and a guesser still is.
async fn a_user_who_signs_in_often_is_never_throttled() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.login_account, &mut c.rate_limits.login_ip)).await;
    let [user] = <[User; 1]>::try_from(users(&app, "often", 1).await).unwrap();
    for i in 0..3 * MAX {
        let page = sign_in(&browser_at(&app, (i % 5) as u8 + 1), &user.email, PASSWORD).await;
        assert_signed_in(&page, &format!("sign-in #{i}"));
    }
    for n in 1..=MAX as u8 {
        let page = sign_in(&browser_at(&app, n), &user.email, "wrong password").await;
        assert_eq!(page.status, 401, "guess #{n}");
    }
    let refused = sign_in(&browser_at(&app, 7), &user.email, "wrong password").await;
    assert_limited(&app, &refused, "a guess past the account's failure budget");
}

#[tokio::test]
/// Every refusal by a rate limit is in the audit log, with the address it came from.
async fn refused_attempts_are_audited() {
    let app = TestApp::spawn_with(|c| {
        only(&mut c.rate_limits.login_ip, &mut c.rate_limits.login_account);
        only(&mut c.rate_limits.token_client, &mut c.rate_limits.token_ip);
    })
    .await;
    let service = app.create_client(ClientSpec::service()).await;
    for _ in 0..=MAX {
        sign_in(&browser_at(&app, 3), "nobody@example.com", "wrong password").await;
        client_credentials_at(&app, &service, 4).await;
    }
    let refusals = crate::support::audited(&app, None, "rate_limit.refused").await;
    let of = |action: &str, by: &str| {
        refusals
            .iter()
            .filter(|e| e.detail["action"] == action && e.detail["by"] == by)
            .collect::<Vec<_>>()
    };
    let login = of("login", "ip");
    assert_eq!(login.len(), 1, "{refusals:?}");
    assert_eq!(login[0].ip.as_deref(), Some("127.0.0.3"));
    assert_eq!(login[0].outcome, "failure");
    let token = of("token", "account");
    assert_eq!(token.len(), 1, "{refusals:?}");
    assert_eq!(token[0].ip.as_deref(), Some("127.0.0.4"));
}
