//! The audit log: what is recorded, with which fields, and the `portcullis audit` command.

use crate::support::*;

#[tokio::test]
async fn security_actions_are_recorded_with_who_where_and_request_id() {
    let app = TestApp::spawn().await;
    let user = app.create_user("audited@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let page = browser.page("/login").await;
    browser.submit_login(&page, &user.email, "wrong password").await;
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    let refresh_token = tokens["refresh_token"].as_str().unwrap();
    refresh(&app, &client, refresh_token, None).await;

    let entries = app
        .store()
        .audit()
        .audit_entries(Some(&user.id), 0, 100)
        .await
        .unwrap();
    let find = |action: &str, outcome: &str| {
        entries
            .iter()
            .find(|e| e.action == action && e.outcome == outcome)
            .unwrap_or_else(|| panic!("no {action} {outcome} in {entries:#?}"))
    };
    let failed = find("login.password", "failure");
    assert_eq!(failed.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(failed.detail["reason"], "invalid_credentials");
    assert!(failed.request_id.as_deref().is_some_and(|r| r.len() >= 32));
    let login = find("login.password", "success");
    assert_eq!(login.actor.as_deref(), Some(user.id.as_str()));
    assert_eq!(login.detail["mfa"], false);
    assert_eq!(
        find("consent.granted", "success").client_id.as_deref(),
        Some(client.id.as_str())
    );
    assert_eq!(
        find("token.issued", "success").client_id.as_deref(),
        Some(client.id.as_str())
    );
    find("token.refreshed", "success");
    // Newest first.
    assert!(entries.windows(2).all(|w| w[0].at >= w[1].at));
    // Never a secret.
    let all = serde_json::to_string(&entries).unwrap();
    for secret in [
        PASSWORD,
        "wrong password",
        refresh_token,
        tokens["access_token"].as_str().unwrap(),
    ] {
        assert!(!all.contains(secret));
    }

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"))
        .args(["audit", "--user", &user.email, "--since", "1h", "--json"])
        .env("PORTCULLIS_DATABASE_URL", &app.database_url)
        .env("PORTCULLIS_MASTER_KEY", base64_key())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), entries.len());
    assert_eq!(listed[0]["action"], entries[0].action.as_str());
}

#[tokio::test]
async fn entries_past_the_retention_are_trimmed() {
    let app = TestApp::spawn().await;
    let user = app.create_user("old-entries@example.com").await;
    let browser = app.browser();
    let page = browser.page("/login").await;
    browser.submit_login(&page, &user.email, "wrong password").await;
    let config = app.state.provider.config.clone();
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    portcullis::jobs::sweep::run_once(app.store(), now, &config).await;
    assert_eq!(
        app.store()
            .audit()
            .audit_entries(Some(&user.id), 0, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    portcullis::jobs::sweep::run_once(app.store(), now + config.audit_retention + 1, &config).await;
    assert!(
        app.store()
            .audit()
            .audit_entries(Some(&user.id), 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn concurrent_token_requests_each_get_their_entry() {
    let app = TestApp::spawn_with(|c| c.rate_limits.token_client = Some("off".into())).await;
    let client = app.create_client(ClientSpec::service()).await;
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (http, url, client) = (app.http(), app.url("/token"), client.clone());
        requests.spawn(async move {
            let form = [("grant_type", "client_credentials")];
            let req = http.post(url).form(&form);
            req.basic_auth(&client.id, client.secret.as_ref())
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    // Each answer waits for its entry to be committed, so all forty are there now.
    let issued = app
        .store()
        .audit()
        .audit_entries(None, 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "token.issued" && e.client_id.as_deref() == Some(client.id.as_str()))
        .count();
    assert_eq!(issued, 40);
}

/// A failed client authentication is recorded under the client id it claimed, so an operator can
/// see guesses at a client; an id too long to be one of ours is recorded without it.
#[tokio::test]
async fn a_failed_client_authentication_is_recorded_under_the_claimed_client() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::service()).await;
    let longest = "c".repeat(128);
    let too_long = "c".repeat(129);
    for claimed in [client.id.as_str(), &longest, &too_long] {
        let wrong = TestClient {
            id: claimed.to_owned(),
            secret: Some("wrong secret".into()),
        };
        let resp = token_request(&app, &wrong, &[("grant_type", "client_credentials")]).await;
        assert_json_error(resp, 401, "invalid_client", claimed).await;
    }

    let failures: Vec<_> = audited(&app, None, "token.issued")
        .await
        .into_iter()
        .filter(|e| e.outcome == "failure")
        .collect();
    assert_eq!(failures.len(), 3, "{failures:#?}");
    for e in &failures {
        assert_eq!(e.detail["error"], "invalid_client", "{e:#?}");
        assert_eq!(e.detail["grant_type"], "client_credentials", "{e:#?}");
        assert_eq!(e.ip.as_deref(), Some("127.0.0.1"), "{e:#?}");
        assert!(!serde_json::to_string(e).unwrap().contains("wrong secret"));
    }
    let mut recorded: Vec<_> = failures.iter().map(|e| e.client_id.clone()).collect();
    recorded.sort();
    let mut expected = vec![None, Some(longest), Some(client.id.clone())];
    expected.sort();
    assert_eq!(recorded, expected);
}

#[tokio::test]
/// A change and its entry commit together: when the entry cannot be written, the change is not
/// kept either (and the user is told to try again, not shown a server error).
async fn a_change_whose_entry_cannot_be_written_is_not_kept() {
    let app = TestApp::spawn().await;
    let user = app.create_user("kept@example.com").await;
    execute_sql(&app, "ALTER TABLE audit_log RENAME TO audit_log_gone").await;

    let page = crate::registration::sign_up(
        &app,
        &app.browser(),
        "unrecorded@example.com",
        crate::registration::NEW_PASSWORD,
    )
    .await;
    assert_eq!(page.status, 503, "{}", page.html);
    assert_eq!(page.header("retry-after"), "5");
    assert!(
        app.store()
            .users()
            .user_by_email("unrecorded@example.com")
            .await
            .unwrap()
            .is_none(),
        "the account was created without its account.registered entry"
    );

    let browser = app.browser();
    let page = browser.page("/login").await;
    let resp = browser.submit_login(&page, &user.email, PASSWORD).await;
    assert_eq!(resp.status(), 503, "a sign-in without its entry");
    assert!(
        !sets_session_cookie(&resp),
        "a session was started without its login entry"
    );
    execute_sql(&app, "ALTER TABLE audit_log_gone RENAME TO audit_log").await;
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    assert!(
        app.store()
            .sessions()
            .user_sessions(&user.id, now)
            .await
            .unwrap()
            .is_empty()
    );
}
