//! SSO sessions: the idle timeout counts from the last use, the absolute lifetime holds however
//! busy the session is, online refresh tokens end with their session, and `max_age` (OIDC Core
//! §3.1.2.1) asks for a fresh sign-in once the authentication is older than it.

use portcullis::domain::Clock;

use crate::support::*;

const IDLE: i64 = 600;
const MAX_LIFETIME: i64 = 1500;

/// Activity is recorded at most once a minute (`TOUCH_EVERY` in src/authn/sessions.rs). The
/// tests below space every use at least this far from the last recorded one, so each use is
/// recorded and the idle time counts exactly from it; a use sooner than that would leave the
/// older record in place and the session would end up to 59 s before the test expects.
const TOUCH_EVERY: i64 = 60;

/// A short idle timeout; the absolute lifetime stays far away (7 days).
fn short_idle(c: &mut portcullis::config::FileConfig) {
    c.session_idle_timeout = Some(IDLE);
}

/// A short idle timeout and a short absolute lifetime.
fn short_lifetime(c: &mut portcullis::config::FileConfig) {
    c.session_idle_timeout = Some(IDLE);
    c.session_max_lifetime = Some(MAX_LIFETIME);
}

/// How a browser uses its session.
#[derive(Clone, Copy, Debug)]
enum Use {
    /// A client's authorization request answered by single sign-on.
    Authorize,
    /// An account page.
    AccountPage,
}

/// Uses the session the way `how` says; whether it was still signed in.
async fn use_session(app: &TestApp, client: &TestClient, browser: &Browser, how: Use) -> bool {
    match how {
        Use::Authorize => {
            let cb = prompt_none(app, client, browser).await;
            match (cb.param("code"), cb.param("error")) {
                (Some(_), None) => true,
                (None, Some(e)) if e == "login_required" => false,
                _ => panic!("neither a code nor login_required: {}", cb.url),
            }
        }
        Use::AccountPage => {
            let resp = browser.get("/account").await;
            match resp.status().as_u16() {
                200 => true,
                303 if header(&resp, "location") == "/login" => false,
                s => panic!("/account answered {s} {:?}", header(&resp, "location")),
            }
        }
    }
}

/// The browser is signed out everywhere: a client's request shows the sign-in page,
/// prompt=none is login_required, and the account pages send it to /login.
pub async fn assert_signed_out(app: &TestApp, client: &TestClient, browser: &Browser, why: &str) {
    let (url, _) = authorize_url(app, client, "openid", &[]);
    let page = match browser.follow(browser.get(&url).await).await {
        Ok(cb) => panic!(
            "{why}: the client's request was answered by single sign-on: {}",
            cb.url
        ),
        Err(resp) => Page::from(resp).await,
    };
    assert!(
        page.is_sign_in(),
        "{why}: the sign-in page is shown: {}",
        page.html
    );
    let cb = prompt_none(app, client, browser).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "{why}: prompt=none: {}",
        cb.url
    );
    assert!(cb.param("code").is_none(), "{why}: {}", cb.url);
    let resp = browser.get("/account").await;
    assert_eq!(resp.status(), 303, "{why}: /account");
    assert_eq!(header(&resp, "location"), "/login", "{why}: /account");
}

/// A browser signed in through `client`, with an online and an offline token response.
async fn signed_in(app: &TestApp, client: &TestClient) -> (Browser, serde_json::Value, serde_json::Value) {
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let online = login_and_tokens(app, client, &browser, &user.email, "openid").await;
    let offline = login_and_tokens(app, client, &browser, &user.email, "openid offline_access").await;
    assert!(
        offline["scope"].as_str().unwrap().contains("offline_access"),
        "{offline}"
    );
    (browser, online, offline)
}

/// Uses the session every `IDLE / 2` seconds, checking it is still signed in each time, until
/// `until` seconds after sign-in (the last wait may be shorter; the clock ends at `until`).
async fn keep_busy(app: &TestApp, client: &TestClient, browser: &Browser, how: Use, until: i64) {
    let mut elapsed = 0;
    while elapsed + IDLE / 2 < until {
        app.clock.advance(IDLE / 2);
        elapsed += IDLE / 2;
        assert!(
            use_session(app, client, browser, how).await,
            "{how:?}: used every {} s, signed in at {elapsed} s",
            IDLE / 2
        );
    }
    assert!(until - elapsed >= TOUCH_EVERY);
    app.clock.advance(until - elapsed);
}

fn rt(v: &serde_json::Value) -> &str {
    v["refresh_token"].as_str().expect("a refresh token")
}

#[tokio::test]
async fn the_idle_timeout_counts_from_the_last_use_not_from_sign_in() {
    for how in [Use::Authorize, Use::AccountPage] {
        let app = TestApp::spawn_with(short_idle).await;
        let client = app.create_client(ClientSpec::default()).await;
        let (browser, _, _) = signed_in(&app, &client).await;

        let first_use = IDLE - 100;
        assert!(first_use >= TOUCH_EVERY);
        app.clock.advance(first_use);
        assert!(
            use_session(&app, &client, &browser, how).await,
            "{how:?}: signed in {first_use} s after sign-in"
        );
        // Past the idle timeout counted from sign-in, inside it counted from the last use.
        app.clock.advance(IDLE - 1);
        assert!(
            use_session(&app, &client, &browser, how).await,
            "{how:?}: {} s after the last use ({} s after sign-in) the session is live",
            IDLE - 1,
            first_use + IDLE - 1
        );
        app.clock.advance(IDLE);
        assert_signed_out(
            &app,
            &client,
            &browser,
            &format!("{how:?}: {IDLE} s after the last use"),
        )
        .await;
    }
}

#[tokio::test]
async fn the_absolute_lifetime_ends_a_session_however_busy() {
    for how in [Use::Authorize, Use::AccountPage] {
        let app = TestApp::spawn_with(short_lifetime).await;
        let client = app.create_client(ClientSpec::default()).await;
        let (browser, _, _) = signed_in(&app, &client).await;
        keep_busy(&app, &client, &browser, how, MAX_LIFETIME - 1).await;
        assert!(
            use_session(&app, &client, &browser, how).await,
            "{how:?}: signed in 1 s before the absolute lifetime"
        );
        app.clock.advance(1);
        assert_signed_out(
            &app,
            &client,
            &browser,
            &format!("{how:?}: at the absolute lifetime ({MAX_LIFETIME} s), in use"),
        )
        .await;
    }
}

/// How a session ends on its own.
#[derive(Clone, Copy, Debug)]
enum Expiry {
    Idle,
    Absolute,
}

#[tokio::test]
async fn online_refresh_tokens_end_with_their_session_and_offline_ones_survive() {
    for expiry in [Expiry::Idle, Expiry::Absolute] {
        let app = match expiry {
            Expiry::Idle => TestApp::spawn_with(short_idle).await,
            Expiry::Absolute => TestApp::spawn_with(short_lifetime).await,
        };
        let client = app.create_client(ClientSpec::default()).await;
        let (browser, online, offline) = signed_in(&app, &client).await;
        match expiry {
            Expiry::Idle => app.clock.advance(IDLE - 1),
            Expiry::Absolute => keep_busy(&app, &client, &browser, Use::Authorize, MAX_LIFETIME - 1).await,
        }
        // Introspection does not count as a use of the session: it only looks.
        assert_eq!(
            introspect(&app, &client, rt(&online)).await["active"],
            true,
            "{expiry:?}: the online refresh token lives 1 s before its session ends"
        );
        app.clock.advance(1);
        let resp = refresh(&app, &client, rt(&online), None).await;
        assert_json_error(
            resp,
            400,
            "invalid_grant",
            &format!("{expiry:?}: the online refresh token ended with its session"),
        )
        .await;
        assert_eq!(
            introspect(&app, &client, rt(&online)).await["active"],
            false,
            "{expiry:?}"
        );
        let resp = refresh(&app, &client, rt(&offline), None).await;
        assert_eq!(
            resp.status(),
            200,
            "{expiry:?}: the offline refresh token outlives the session: {}",
            resp.text().await.unwrap()
        );
    }
}

/// The page's countdown to the idle timeout starts from this visit, which the server counts as
/// activity: otherwise a user back after a pause is warned at once of a timeout that is not near.
#[tokio::test]
async fn the_account_page_counts_the_idle_countdown_from_this_visit() {
    let app = TestApp::spawn_with(short_idle).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, _) = signed_in(&app, &client).await;
    app.clock.advance(IDLE - 100);
    let page = browser.page("/account").await;
    assert_eq!(page.status, 200);
    assert!(
        page.html.contains(&format!("data-idle-remaining=\"{IDLE}\"")),
        "the full idle timeout is left after this visit: {}",
        page.html
    );
}

// ---------------------------------------------------------------------------------------------
// max_age (OIDC Core §3.1.2.1): "If the elapsed time is greater than this value, the OP MUST
// attempt to actively re-authenticate the End-User."

const MAX_AGE: i64 = 600;

/// A browser signed in through `client`; the time it authenticated.
async fn authenticated(app: &TestApp, client: &TestClient) -> (Browser, i64) {
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let at = app.clock.now();
    login_and_tokens(app, client, &browser, &user.email, "openid").await;
    (browser, at)
}

/// The verified ID token's `auth_time` for the code in `cb`.
async fn auth_time(app: &TestApp, client: &TestClient, cb: &Callback, verifier: &str) -> i64 {
    let code = cb.param("code").unwrap_or_else(|| panic!("a code: {}", cb.url));
    let resp = exchange_code(app, client, &code, verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    let claims = app.claims(tokens["id_token"].as_str().unwrap()).await;
    claims["auth_time"]
        .as_i64()
        .unwrap_or_else(|| panic!("max_age requires auth_time in the ID token: {claims}"))
}

#[tokio::test]
async fn within_max_age_the_session_signs_in_without_asking_and_keeps_its_auth_time() {
    // At exactly max_age the elapsed time is not greater than it: no re-authentication.
    for elapsed in [MAX_AGE / 2, MAX_AGE] {
        let app = TestApp::spawn().await;
        let client = app.create_client(ClientSpec::default()).await;
        let (browser, at) = authenticated(&app, &client).await;
        app.clock.advance(elapsed);
        let (url, verifier) = authorize_url(&app, &client, "openid", &[("max_age", "600")]);
        let resp = browser.get(&url).await;
        let cb = match browser.follow(resp).await {
            Ok(cb) => cb,
            Err(page) => panic!(
                "{elapsed} s after sign-in, max_age={MAX_AGE} must not ask again: {}",
                page.text().await.unwrap()
            ),
        };
        assert_eq!(
            auth_time(&app, &client, &cb, &verifier).await,
            at,
            "{elapsed} s after sign-in: auth_time is the original sign-in"
        );
    }
}

#[tokio::test]
async fn past_max_age_the_user_signs_in_again_and_auth_time_is_the_new_sign_in() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, at) = authenticated(&app, &client).await;
    app.clock.advance(MAX_AGE + 1);
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("max_age", "600")]);
    let login = match browser.follow(browser.get(&url).await).await {
        Ok(cb) => panic!(
            "{} s after sign-in, max_age={MAX_AGE} was answered by single sign-on: {}",
            MAX_AGE + 1,
            cb.url
        ),
        Err(resp) => Page::from(resp).await,
    };
    assert!(
        login.is_sign_in(),
        "{} s after sign-in, max_age={MAX_AGE} asks again: {}",
        MAX_AGE + 1,
        login.html
    );
    let resp = browser.submit_login(&login, "ada@example.com", PASSWORD).await;
    let cb = browser.expect_redirect(resp).await;
    assert_eq!(
        auth_time(&app, &client, &cb, &verifier).await,
        at + MAX_AGE + 1,
        "auth_time is the new sign-in"
    );
}

#[tokio::test]
async fn past_max_age_prompt_none_is_login_required() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _) = authenticated(&app, &client).await;
    app.clock.advance(MAX_AGE + 1);
    let (url, _) = authorize_url(&app, &client, "openid", &[("max_age", "600"), ("prompt", "none")]);
    let cb = browser.redirect(&url).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "{} s after sign-in, max_age={MAX_AGE}: {}",
        MAX_AGE + 1,
        cb.url
    );
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert!(cb.param("code").is_none(), "{}", cb.url);
}

/// Activity is written at most once a minute, to keep writes off every request: a use 59 s after
/// the last record leaves it in place, a use at 60 s moves it to now.
#[tokio::test]
async fn activity_is_recorded_once_a_minute_has_passed_since_the_last_record() {
    let app = TestApp::spawn_with(short_idle).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, _) = signed_in(&app, &client).await;
    let user = app
        .store()
        .users()
        .user_by_email("ada@example.com")
        .await
        .unwrap()
        .unwrap();
    let last_seen = || async {
        let now = app.clock.now();
        let sessions = app.store().sessions().user_sessions(&user.id, now).await.unwrap();
        assert_eq!(sessions.len(), 1, "{sessions:?}");
        sessions[0].last_seen_at
    };
    let signed_in_at = last_seen().await;

    for how in [Use::Authorize, Use::AccountPage] {
        let recorded = last_seen().await;
        app.clock.advance(TOUCH_EVERY - 1);
        assert!(use_session(&app, &client, &browser, how).await, "{how:?}");
        assert_eq!(last_seen().await, recorded, "{how:?} within the minute");
        app.clock.advance(1);
        assert!(use_session(&app, &client, &browser, how).await, "{how:?}");
        assert_eq!(last_seen().await, app.clock.now(), "{how:?} after the minute");
    }
    assert_eq!(last_seen().await, signed_in_at + 2 * TOUCH_EVERY);
}
