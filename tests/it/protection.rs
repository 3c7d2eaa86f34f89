//! Lockout after failed logins (with parallel guesses), rate limits, and password recovery.

use crate::registration::{NEW_PASSWORD, without_tokens};
use crate::support::*;

async fn login_page(app: &TestApp, browser: &Browser) -> Page {
    let page = browser.page("/login").await;
    assert!(page.is_sign_in(), "{}", page.html);
    let _ = app;
    page
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
    let entries = app.store().audit_entries(Some(user_id), 0, 1000).await.unwrap();
    let checked = entries
        .iter()
        .filter(|e| e.action == "login.password" && e.detail["reason"] == "invalid_credentials")
        .count();
    assert_eq!(checked, 5, "{entries:#?}");
    assert!(entries.iter().any(|e| e.action == "account.locked"));
}

fn no_rate_limits(c: &mut portcullis::config::FileConfig) {
    c.rate_limits.login_account = Some("off".into());
    c.rate_limits.login_ip = Some("off".into());
}

#[tokio::test]
/// Nodes share the lockout counter through the cache (Redis in CI's second run).
async fn two_nodes_let_fifty_parallel_guesses_make_five_tries() {
    let a = TestApp::spawn_with(no_rate_limits).await;
    let b = a.node_beside(no_rate_limits).await;
    let user = a.create_user("spread@example.com").await;
    let browser = a.browser();
    let page = login_page(&a, &browser).await;
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
/// Nodes share one budget through the cache, counted in the window of their common clock.
async fn two_nodes_share_one_rate_limit_budget() {
    let limit = |c: &mut portcullis::config::FileConfig| c.rate_limits.login_account = Some("3/1m".into());
    let a = TestApp::spawn_with(limit).await;
    let b = a.node_beside(limit).await;
    a.create_user("shared@example.com").await;
    let browser = a.browser();
    let page = login_page(&a, &browser).await;
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

#[tokio::test]
async fn fifty_parallel_wrong_guesses_count_as_at_most_five_tries() {
    let app = TestApp::spawn_with(no_rate_limits).await;
    let user = app.create_user("target@example.com").await;
    let browser = app.browser();
    let page = login_page(&app, &browser).await;
    let statuses = guess_in_parallel(&browser, &page, "target@example.com", &[app.url("/login")]).await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");

    // Only five guesses were checked against the password; the rest were refused unchecked.
    assert_only_five_were_checked(&app, &user.id).await;

    // Locked: even the right password gets the generic answer, and no session.
    let resp = browser.submit_login(&page, "target@example.com", PASSWORD).await;
    assert_eq!(resp.status(), 401);
    assert!(!sets_session_cookie(&resp));
    let locked = app
        .store()
        .user_by_email("target@example.com")
        .await
        .unwrap()
        .unwrap();
    let until = locked.locked_until.unwrap();
    assert!(
        (until - portcullis::domain::Clock::now(app.clock.as_ref()) - 900).abs() <= 5,
        "{until}"
    );
    let mail = app.mail(&user.email, "locked").await;
    assert!(mail.text.contains("15 minutes"), "{}", mail.text);

    // `portcullis user unlock` lifts it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"))
        .args(["user", "unlock", "target@example.com"])
        .env("PORTCULLIS_DATABASE_URL", &app.database_url)
        .env("PORTCULLIS_MASTER_KEY", base64_key())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"was_locked\":true"));
    let resp = browser.submit_login(&page, "target@example.com", PASSWORD).await;
    assert!(sets_session_cookie(&resp), "{}", resp.status());
}

#[tokio::test]
async fn each_lockout_lasts_twice_as_long_as_the_last() {
    let app = TestApp::spawn_with(|c| c.rate_limits.login_account = Some("off".into())).await;
    app.create_user("twice@example.com").await;
    let browser = app.browser();
    let page = login_page(&app, &browser).await;
    for round in 1..=2 {
        for _ in 0..5 {
            browser
                .submit_login(&page, "twice@example.com", "wrong password")
                .await;
        }
        let u = app
            .store()
            .user_by_email("twice@example.com")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.lockouts, round);
        assert_eq!(
            u.locked_until.unwrap() - portcullis::domain::Clock::now(app.clock.as_ref()),
            900 * (1 << (round - 1))
        );
        app.clock.advance(900 * (1 << (round - 1)) + 1);
    }
}

#[tokio::test]
async fn login_over_the_limit_gets_429_with_retry_after() {
    let app = TestApp::spawn_with(|c| c.rate_limits.login_account = Some("3/1m".into())).await;
    app.create_user("busy@example.com").await;
    let browser = app.browser();
    let page = login_page(&app, &browser).await;
    for _ in 0..3 {
        assert_eq!(
            browser
                .submit_login(&page, "busy@example.com", "nope")
                .await
                .status(),
            401
        );
    }
    let resp = browser.submit_login(&page, "busy@example.com", PASSWORD).await;
    assert_eq!(resp.status(), 429);
    let retry: u64 = header(&resp, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(!sets_session_cookie(&resp));
}

#[tokio::test]
async fn token_endpoint_over_the_limit_gets_429_json() {
    let app = TestApp::spawn_with(|c| c.rate_limits.token_client = Some("2/1m".into())).await;
    let client = app.create_client(ClientSpec::service()).await;
    for _ in 0..2 {
        let r = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
        assert_eq!(r.status(), 200);
    }
    let r = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 429);
    assert!(!header(&r, "retry-after").is_empty());
    assert_eq!(json_error(r, 429).await, "temporarily_unavailable");
}

#[tokio::test]
async fn forgot_password_answers_alike_and_a_reset_ends_every_session() {
    let app = TestApp::spawn().await;
    let user = app.create_user("reset@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();

    let ask = |email: &'static str| {
        let b = app.browser();
        async move {
            let page = b.page("/forgot-password").await;
            let mut form = form_inputs(&page.html, "/forgot-password");
            form.extend([("email".into(), email.into()), ("channel".into(), "email".into())]);
            Page::from(b.post_form("/forgot-password", &form).await).await
        }
    };
    let known = ask("reset@example.com").await;
    let unknown = ask("nobody@example.com").await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        without_tokens(&known.html, "reset@example.com"),
        without_tokens(&unknown.html, "nobody@example.com")
    );

    let link = app
        .mail(&user.email, "Reset your password")
        .await
        .link_path(&app, "/reset-password");
    let other = app.browser();
    let form_page = other.page(&link).await;
    let mut form = form_inputs(&form_page.html, "/reset-password");
    form.extend([
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let done = Page::from(other.post_form("/reset-password", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Password changed"));

    // Every session and refresh token is gone, and the user was told.
    let r = refresh(&app, &client, &refresh_token, None).await;
    assert_eq!(json_error(r, 400).await, "invalid_grant");
    assert!(browser.page("/account").await.is_sign_in());
    app.mail(&user.email, "Your password was reset").await;

    // The link is single use; the new password works, the old one does not.
    assert_eq!(other.page(&link).await.status, 400);
    let page = login_page(&app, &other).await;
    assert_eq!(
        other.submit_login(&page, &user.email, PASSWORD).await.status(),
        401
    );
    assert!(sets_session_cookie(
        &other.submit_login(&page, &user.email, NEW_PASSWORD).await
    ));
}

/// Submits the forgot-password form asking for a code by text message.
pub async fn forgot_password_by_sms(browser: &Browser, email: &str) -> reqwest::Response {
    let page = browser.page("/forgot-password").await;
    let mut form = form_inputs(&page.html, "/forgot-password");
    form.extend([("email".into(), email.into()), ("channel".into(), "sms".into())]);
    browser.post_form("/forgot-password", &form).await
}

#[tokio::test]
async fn a_verified_phone_can_reset_the_password_by_sms_code() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sms@example.com").await;
    let browser = app.browser();
    let code_page = Page::from(forgot_password_by_sms(&browser, &user.email).await).await;
    assert!(
        code_page.html.contains("Code from the text message"),
        "{}",
        code_page.html
    );
    let code = app.sms_code(user.phone_number.as_deref().unwrap()).await;
    let mut form = form_inputs(&code_page.html, "/reset-password/code");
    form.extend([
        ("email".into(), user.email.clone()),
        ("code".into(), code),
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let done = Page::from(browser.post_form("/reset-password/code", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    let page = login_page(&app, &browser).await;
    assert!(sets_session_cookie(
        &browser.submit_login(&page, &user.email, NEW_PASSWORD).await
    ));
}
