//! Account lockout after failed sign-ins: counted per account (its normalised address), reset by
//! a successful sign-in, shared by nodes, one generic answer while it lasts, lifted when it ends.

use portcullis::domain::{Clock, User};
use portcullis::login_ui::login::INVALID_CREDENTIALS;

use crate::registration::{NEW_PASSWORD, without_tokens};
use crate::support::*;

/// The lockout is counted on its own: rate limits must not refuse a try first.
fn no_rate_limits(c: &mut portcullis::config::FileConfig) {
    c.rate_limits.login_account = Some("off".into());
    c.rate_limits.login_ip = Some("off".into());
}

async fn login_page(browser: &Browser) -> Page {
    let page = browser.page("/login").await;
    assert!(page.is_sign_in(), "{}", page.html);
    page
}

/// Submits the sign-in form of a fresh sign-in page.
async fn try_sign_in(browser: &Browser, email: &str, password: &str) -> reqwest::Response {
    let page = login_page(browser).await;
    browser.submit_login(&page, email, password).await
}

/// Signs in with the right password in a fresh browser; panics unless a session starts.
async fn assert_signs_in(app: &TestApp, email: &str, what: &str) {
    let resp = try_sign_in(&app.browser(), email, PASSWORD).await;
    assert_eq!(
        resp.status(),
        303,
        "{what}: the right password for {email} was refused"
    );
    assert_eq!(header(&resp, "location"), "/account", "{what}");
    assert!(sets_session_cookie(&resp), "{what}: no session");
}

/// A failed sign-in: the generic 401 page and no session. Returns the page.
async fn assert_refused(browser: &Browser, email: &str, password: &str, what: &str) -> Page {
    let resp = try_sign_in(browser, email, password).await;
    assert!(!sets_session_cookie(&resp), "{what}: a session was started");
    let page = Page::from(resp).await;
    assert_eq!(page.status, 401, "{what}: {}", page.html);
    assert!(
        page.html.contains(&english(INVALID_CREDENTIALS)),
        "{what}: {}",
        page.html
    );
    page
}

async fn wrong_passwords(browser: &Browser, email: &str, count: usize) {
    for n in 1..=count {
        assert_refused(
            browser,
            email,
            "wrong password",
            &format!("wrong password #{n} for {email}"),
        )
        .await;
    }
}

async fn stored(app: &TestApp, email: &str) -> User {
    app.store().users().user_by_email(email).await.unwrap().unwrap()
}

/// Seconds left in the lockout of `email` (`None`: never locked).
async fn locked_for(app: &TestApp, email: &str) -> Option<i64> {
    stored(app, email)
        .await
        .locked_until
        .map(|until| until - app.clock.now())
}

#[tokio::test]
async fn a_locked_account_refuses_even_the_right_password_alike_until_the_lockout_ends() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("locked@example.com").await;
    let browser = app.browser();
    wrong_passwords(&browser, &user.email, 4).await;
    assert_eq!(
        locked_for(&app, &user.email).await,
        None,
        "four failures do not lock"
    );
    let wrong = assert_refused(&browser, &user.email, "wrong password", "fifth failure").await;
    assert_eq!(
        locked_for(&app, &user.email).await,
        Some(900),
        "the fifth failure locks"
    );

    let right = assert_refused(&browser, &user.email, PASSWORD, "right password while locked").await;
    assert_eq!(
        without_tokens(&right.html, &user.email),
        without_tokens(&wrong.html, &user.email),
        "a locked account must answer exactly as a wrong password does"
    );
    app.clock.advance(899);
    assert_refused(
        &browser,
        &user.email,
        PASSWORD,
        "right password 1 s before the end",
    )
    .await;
    app.clock.advance(1);
    assert_signs_in(&app, &user.email, "after the lockout").await;
}

#[tokio::test]
async fn a_successful_sign_in_resets_the_count_of_failed_ones() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("forgetful@example.com").await;
    let browser = app.browser();
    wrong_passwords(&browser, &user.email, 4).await;
    assert_signs_in(&app, &user.email, "after four failures").await;
    wrong_passwords(&browser, &user.email, 4).await;
    assert_signs_in(&app, &user.email, "after four more failures").await;
    let after = stored(&app, &user.email).await;
    assert_eq!((after.locked_until, after.lockouts), (None, 0), "never locked");
}

#[tokio::test]
async fn failures_count_per_account_so_guesses_at_one_do_not_lock_another() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let target = app.create_user("guessed-at@example.com").await;
    let bystander = app.create_user("bystander@example.com").await;
    // One browser on one address guesses at both.
    let browser = app.browser();
    wrong_passwords(&browser, &target.email, 4).await;
    wrong_passwords(&browser, &bystander.email, 4).await;
    assert_eq!(
        locked_for(&app, &target.email).await,
        None,
        "target after its 4 failures"
    );
    assert_eq!(
        locked_for(&app, &bystander.email).await,
        None,
        "bystander after its 4 failures"
    );

    wrong_passwords(&browser, &target.email, 1).await;
    assert_eq!(
        locked_for(&app, &target.email).await,
        Some(900),
        "target after its 5th"
    );
    assert_eq!(locked_for(&app, &bystander.email).await, None, "bystander");
    assert_refused(&browser, &target.email, PASSWORD, "locked target").await;
    // The bystander signs in, from the same browser.
    let resp = try_sign_in(&browser, &bystander.email, PASSWORD).await;
    assert_eq!(resp.status(), 303, "the bystander was refused");
    assert!(sets_session_cookie(&resp));
}

#[tokio::test]
async fn a_successful_sign_in_forgets_past_lockouts() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("reformed@example.com").await;
    let browser = app.browser();
    wrong_passwords(&browser, &user.email, 5).await;
    assert_eq!(locked_for(&app, &user.email).await, Some(900), "first lockout");
    app.clock.advance(900);
    assert_signs_in(&app, &user.email, "after the first lockout").await;
    let cleared = stored(&app, &user.email).await;
    assert_eq!(
        (cleared.locked_until, cleared.lockouts),
        (None, 0),
        "cleared by the sign-in"
    );

    // The next lockout is the first one again: the base duration, not twice it.
    wrong_passwords(&browser, &user.email, 5).await;
    assert_eq!(locked_for(&app, &user.email).await, Some(900), "next lockout");
    assert_eq!(stored(&app, &user.email).await.lockouts, 1);
    app.clock.advance(900);
    assert_signs_in(&app, &user.email, "after the next lockout").await;
}

/// Resets the password of `email` to NEW_PASSWORD through the mailed link.
async fn reset_password(app: &TestApp, email: &str) {
    let browser = app.browser();
    let page = browser.page("/forgot-password").await;
    let mut form = form_inputs(&page.html, "/forgot-password");
    form.extend([("email".into(), email.into()), ("channel".into(), "email".into())]);
    assert_eq!(browser.post_form("/forgot-password", &form).await.status(), 200);
    let link = app
        .mail(email, "Reset your password")
        .await
        .link_path(app, "/reset-password");
    let page = browser.page(&link).await;
    let mut form = form_inputs(&page.html, "/reset-password");
    form.extend([
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let done = Page::from(browser.post_form("/reset-password", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
}

#[tokio::test]
async fn a_password_reset_lifts_the_lockout() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("locked-out@example.com").await;
    wrong_passwords(&app.browser(), &user.email, 5).await;
    assert_eq!(locked_for(&app, &user.email).await, Some(900), "locked");
    reset_password(&app, &user.email).await;
    let after = stored(&app, &user.email).await;
    assert_eq!(
        (after.locked_until, after.lockouts),
        (None, 0),
        "cleared by the reset"
    );
    let resp = try_sign_in(&app.browser(), &user.email, NEW_PASSWORD).await;
    assert_eq!(resp.status(), 303, "the new password, at once");
    assert!(sets_session_cookie(&resp));
}

#[tokio::test]
async fn a_password_reset_forgets_failed_sign_ins() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("reset-failures@example.com").await;
    let browser = app.browser();
    wrong_passwords(&browser, &user.email, 4).await;
    reset_password(&app, &user.email).await;
    wrong_passwords(&browser, &user.email, 4).await;
    assert_eq!(
        locked_for(&app, &user.email).await,
        None,
        "four failures since the reset"
    );
    let resp = try_sign_in(&app.browser(), &user.email, NEW_PASSWORD).await;
    assert_eq!(resp.status(), 303, "the new password after four failures");
}

#[tokio::test]
async fn each_lockout_lasts_twice_as_long_as_the_last() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    app.create_user("twice@example.com").await;
    let browser = app.browser();
    for round in 1..=2 {
        wrong_passwords(&browser, "twice@example.com", 5).await;
        let u = stored(&app, "twice@example.com").await;
        assert_eq!(u.lockouts, round);
        let duration = 900 * (1 << (round - 1));
        assert_eq!(
            locked_for(&app, "twice@example.com").await,
            Some(duration),
            "lockout #{round}"
        );
        app.clock.advance(duration);
    }
}

#[tokio::test]
async fn the_address_is_normalised_so_its_case_and_spaces_count_against_one_account() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let resp = try_sign_in(&browser, "  ADA@Example.com ", PASSWORD).await;
    assert_eq!(
        resp.status(),
        303,
        "the address as typed, with capitals and spaces"
    );
    assert!(sets_session_cookie(&resp));

    let spellings = [
        "ADA@example.com ",
        " ada@EXAMPLE.com",
        "Ada@Example.Com",
        "ada@example.com",
        "\tADA@EXAMPLE.COM  ",
    ];
    for spelling in spellings {
        assert_refused(&browser, spelling, "wrong password", &format!("{spelling:?}")).await;
    }
    assert_eq!(
        locked_for(&app, &user.email).await,
        Some(900),
        "five spellings, one account"
    );
    assert_refused(&browser, &user.email, PASSWORD, "right password while locked").await;
}

/// Posts fifty wrong passwords for `email` at once, spread over the nodes' login URLs.
async fn guess_in_parallel(
    browser: &Browser,
    page: &Page,
    email: &str,
    login_urls: &[String],
) -> Vec<reqwest::StatusCode> {
    let mut form = form_inputs(&page.html, "/login");
    form.push(("username".into(), email.into()));
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let (http, url) = (browser.http.clone(), login_urls[i % login_urls.len()].clone());
            let mut form = form.clone();
            form.push(("password".into(), format!("guess-{i}")));
            tokio::spawn(async move { http.post(url).form(&form).send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses
}

async fn assert_only_five_were_checked(app: &TestApp, user_id: &str) {
    let entries = app
        .store()
        .audit()
        .audit_entries(Some(user_id), 0, 1000)
        .await
        .unwrap();
    let checked = entries
        .iter()
        .filter(|e| e.action == "login.password" && e.detail["reason"] == "invalid_credentials")
        .count();
    assert_eq!(checked, 5, "{entries:#?}");
    assert!(entries.iter().any(|e| e.action == "account.locked"));
}

#[tokio::test]
/// Nodes share the lockout counter through the cache (Redis in CI's second run).
async fn two_nodes_let_fifty_parallel_guesses_make_five_tries() {
    let a = TestApp::spawn_with(no_rate_limits).await;
    let b = a.node_beside(no_rate_limits).await;
    let user = a.create_user("spread@example.com").await;
    let browser = a.browser();
    let page = login_page(&browser).await;
    let statuses = guess_in_parallel(
        &browser,
        &page,
        "spread@example.com",
        &[a.url("/login"), b.url("/login")],
    )
    .await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    assert_only_five_were_checked(&a, &user.id).await;
}

#[tokio::test]
async fn fifty_parallel_wrong_guesses_count_as_at_most_five_tries() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("target@example.com").await;
    let browser = app.browser();
    let page = login_page(&browser).await;
    let statuses = guess_in_parallel(&browser, &page, "target@example.com", &[app.url("/login")]).await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");

    // Only five guesses were checked against the password; the rest were refused unchecked.
    assert_only_five_were_checked(&app, &user.id).await;

    // Locked: even the right password gets the generic answer, and no session.
    let resp = browser.submit_login(&page, "target@example.com", PASSWORD).await;
    assert_eq!(resp.status(), 401);
    assert!(!sets_session_cookie(&resp));
    assert_eq!(locked_for(&app, "target@example.com").await, Some(900));
    let mail = app.mail(&user.email, "locked").await;
    assert!(mail.text.contains("15 minutes"), "{}", mail.text);

    // `portcullis user unlock` lifts it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"))
        .args(["user", "unlock", "target@example.com", "--json"])
        .env("PORTCULLIS_DATABASE_URL", &app.database_url)
        .env("PORTCULLIS_MASTER_KEY", base64_key())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"was_locked\":true"));
    let resp = browser.submit_login(&page, "target@example.com", PASSWORD).await;
    assert!(sets_session_cookie(&resp), "{}", resp.status());
}

/// A sign-in no account could pass (an empty or over-long password, an over-long address) is
/// refused alike and audited as malformed, without counting as a try against the account.
#[tokio::test]
async fn malformed_sign_ins_are_refused_alike_and_do_not_count_towards_the_lockout() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let too_long_password = "p".repeat(portcullis::authn::password_policy::MAX_PASSWORD_LEN + 1);
    let too_long_address = format!(
        "{}@example.com",
        "a".repeat(portcullis::authn::MAX_EMAIL_LEN - 11)
    );
    assert_eq!(too_long_address.len(), portcullis::authn::MAX_EMAIL_LEN + 1);
    for n in 1..=6 {
        assert_refused(&browser, &user.email, "", &format!("empty password #{n}")).await;
        let what = format!("over-long password #{n}");
        assert_refused(&browser, &user.email, &too_long_password, &what).await;
    }
    assert_refused(&browser, &too_long_address, PASSWORD, "over-long address").await;
    assert_signs_in(&app, &user.email, "after twelve malformed sign-ins").await;
    assert_eq!(stored(&app, &user.email).await.lockouts, 0);

    let malformed = audited(&app, None, "login.password")
        .await
        .iter()
        .filter(|e| e.detail["reason"] == "malformed")
        .count();
    assert_eq!(malformed, 13);
}

/// The longest address and password we accept still sign in.
#[tokio::test]
async fn the_longest_address_and_password_sign_in() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let email = format!(
        "{}@example.com",
        "a".repeat(portcullis::authn::MAX_EMAIL_LEN - 12)
    );
    let password = "p".repeat(portcullis::authn::password_policy::MAX_PASSWORD_LEN);
    let user = app.create_user(&email).await;
    let hash = portcullis::crypto::password::hash_sync(&password).unwrap();
    app.store()
        .users()
        .set_password(
            &user.id,
            &hash,
            app.clock.now(),
            None,
            None,
            &app.entry("password.reset"),
        )
        .await
        .unwrap();
    let resp = try_sign_in(&app.browser(), &email, &password).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), "/account");
    assert!(sets_session_cookie(&resp), "no session");
}
