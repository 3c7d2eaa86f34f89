//! The operator's command line, run as the real binary against a test deployment's database:
//! user and client management, readable output, and configuration mistakes that stop start-up
//! with a clear message.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::support::*;

/// Runs `portcullis ARGS` against `app`'s deployment (its database, issuer and mail settings),
/// with `stdin` as standard input.
fn cli(app: &TestApp, args: &[&str], stdin: Option<&str>) -> Output {
    let mail_from = format!("Portcullis Tests <{}>", app.mail_sender);
    let smtp = std::env::var("PORTCULLIS_TEST_SMTP_URL").ok();
    let mut env = vec![
        ("PORTCULLIS_DATABASE_URL", app.database_url.as_str()),
        (
            "PORTCULLIS_DATA_DIR",
            app.outbox.parent().and_then(|p| p.to_str()).unwrap_or("."),
        ),
        ("PORTCULLIS_ISSUER", app.base.as_str()),
        ("PORTCULLIS_MAIL_FROM", mail_from.as_str()),
    ];
    if let Some(url) = smtp.as_deref() {
        env.push(("PORTCULLIS_SMTP_URL", url));
    }
    run(args, stdin, &env)
}

fn run(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.args(args)
        .env("PORTCULLIS_MASTER_KEY", base64_key())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).unwrap()
}

/// The failure message (stderr) after checking the command failed.
fn refused(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "unexpectedly succeeded: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const STRONG: &str = "violet-Harbour-tangent-917";

async fn live_sessions(app: &TestApp, user_id: &str) -> usize {
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    app.store()
        .sessions()
        .user_sessions(user_id, now)
        .await
        .unwrap()
        .len()
}

async fn stored_user(app: &TestApp, email: &str) -> portcullis::domain::User {
    app.store().users().user_by_email(email).await.unwrap().unwrap()
}

#[tokio::test]
async fn user_create_applies_the_password_policy_unless_skipped() {
    let app = TestApp::spawn().await;
    let args = [
        "user",
        "create",
        "--email",
        "weak@example.com",
        "--password-stdin",
        "--json",
    ];
    let e = refused(&cli(&app, &args, Some("password1\n")));
    assert!(
        e.contains("password refused") && e.contains("--skip-policy"),
        "{e}"
    );
    assert!(
        app.store()
            .users()
            .user_by_email("weak@example.com")
            .await
            .unwrap()
            .is_none()
    );

    let mut skipped = args.to_vec();
    skipped.push("--skip-policy");
    let created = json(&cli(&app, &skipped, Some("password1\n")));
    assert_eq!(created["email"], "weak@example.com");

    let out = ok(&cli(
        &app,
        &["user", "create", "--email", "ok@example.com", "--password-stdin"],
        Some(STRONG),
    ));
    assert!(
        out.contains("email:") && out.contains("ok@example.com"),
        "readable by default: {out}"
    );
}

#[tokio::test]
async fn set_password_checks_the_policy_and_ends_sessions_and_refresh_tokens_like_a_reset() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    assert_eq!(live_sessions(&app, &user.id).await, 1);

    let e = refused(&cli(
        &app,
        &["user", "set-password", "ada@example.com"],
        Some("lovelace1\n"),
    ));
    assert!(e.contains("password refused"), "{e}");
    assert_eq!(
        live_sessions(&app, &user.id).await,
        1,
        "a refused password changes nothing"
    );

    let out = json(&cli(
        &app,
        &["user", "set-password", "ada@example.com", "--json"],
        Some(STRONG),
    ));
    assert_eq!(out["sessions_ended"], true);
    assert_eq!(live_sessions(&app, &user.id).await, 0);
    let refresh_token = tokens["refresh_token"].as_str().unwrap();
    assert_eq!(
        json_error(refresh(&app, &client, refresh_token, None).await, 400).await,
        "invalid_grant"
    );

    // The new password signs in; the old one does not.
    let page = browser.page("/login").await;
    assert!(!sets_session_cookie(
        &browser.submit_login(&page, &user.email, PASSWORD).await
    ));
    let page = browser.page("/login").await;
    assert!(sets_session_cookie(
        &browser.submit_login(&page, &user.email, STRONG).await
    ));
    let actions: Vec<String> = app
        .store()
        .audit()
        .audit_entries(Some(&user.id), 0, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.actor.as_deref() == Some("cli"))
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["password.reset"]);

    // Skipping the policy is possible, and said so.
    ok(&cli(
        &app,
        &["user", "set-password", "ada@example.com", "--skip-policy"],
        Some("short\n"),
    ));
}

#[tokio::test]
async fn disable_ends_sessions_and_tokens_and_enable_lets_the_user_back_in() {
    let app = TestApp::spawn().await;
    let user = app.create_user("bo@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;

    let out = ok(&cli(&app, &["user", "disable", "bo@example.com"], None));
    assert!(out.contains("disabled bo@example.com"), "{out}");
    assert!(stored_user(&app, &user.email).await.disabled);
    assert_eq!(live_sessions(&app, &user.id).await, 0);
    let refresh_token = tokens["refresh_token"].as_str().unwrap();
    assert_eq!(
        json_error(refresh(&app, &client, refresh_token, None).await, 400).await,
        "invalid_grant"
    );
    let page = browser.page("/login").await;
    assert!(!sets_session_cookie(
        &browser.submit_login(&page, &user.email, PASSWORD).await
    ));

    let again = json(&cli(&app, &["user", "disable", "bo@example.com", "--json"], None));
    assert_eq!(again["changed"], false);
    ok(&cli(&app, &["user", "enable", "bo@example.com"], None));
    assert!(!stored_user(&app, &user.email).await.disabled);
    let page = browser.page("/login").await;
    assert!(sets_session_cookie(
        &browser.submit_login(&page, &user.email, PASSWORD).await
    ));
}

#[tokio::test]
async fn delete_asks_for_yes_and_then_deletes_as_the_account_page_does() {
    let app = TestApp::spawn().await;
    let user = app.create_user("cy@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    login_and_tokens(&app, &client, &browser, &user.email, "openid").await;

    let e = refused(&cli(&app, &["user", "delete", "cy@example.com"], None));
    assert!(e.contains("--yes"), "{e}");
    assert!(stored_user(&app, &user.email).await.deleted_at.is_none());

    ok(&cli(&app, &["user", "delete", "cy@example.com", "--yes"], None));
    let stored = stored_user(&app, &user.email).await;
    assert!(stored.deleted_at.is_some() && stored.disabled);
    assert_eq!(live_sessions(&app, &user.id).await, 0);
    let e = refused(&cli(&app, &["user", "enable", "cy@example.com"], None));
    assert!(e.contains("deleted"), "{e}");
}

#[tokio::test]
async fn update_changes_name_address_and_verification() {
    let app = TestApp::spawn().await;
    app.create_user("dee@example.com").await;
    let taken = app.create_user("taken@example.com").await;
    let args = [
        "user",
        "update",
        "dee@example.com",
        "--name",
        "Dee Dee",
        "--email",
        "Dee2@Example.com",
        "--json",
    ];
    let out = json(&cli(&app, &args, None));
    assert_eq!(
        (out["email"].as_str(), out["name"].as_str()),
        (Some("dee2@example.com"), Some("Dee Dee"))
    );
    assert_eq!(out["email_verified"], false, "a new address is unverified");
    ok(&cli(
        &app,
        &["user", "update", "dee2@example.com", "--email-verified", "true"],
        None,
    ));
    assert!(stored_user(&app, "dee2@example.com").await.email_verified);

    let e = refused(&cli(
        &app,
        &["user", "update", "dee2@example.com", "--email", &taken.email],
        None,
    ));
    assert!(e.contains("another account"), "{e}");
    let e = refused(&cli(
        &app,
        &["user", "update", "dee2@example.com", "--email-verified", "maybe"],
        None,
    ));
    assert!(e.contains("true") && e.contains("false"), "{e}");
    let e = refused(&cli(
        &app,
        &["user", "update", "nobody@example.com", "--name", "X"],
        None,
    ));
    assert!(e.contains("no user"), "{e}");
}

#[tokio::test]
async fn listings_are_tables_by_default_and_json_on_request() {
    let app = TestApp::spawn().await;
    let user = app.create_user("eve@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;

    let users = ok(&cli(&app, &["user", "list"], None));
    let header = users.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("EMAIL") && header.contains("NAME") && header.contains("CREATED"),
        "{users}"
    );
    let row = users
        .lines()
        .find(|l| l.contains("eve@example.com"))
        .unwrap_or_default();
    assert!(
        row.contains("Ada Lovelace") && row.contains(&user.id) && row.contains('T') && row.contains('Z'),
        "{row}"
    );
    let listed = json(&cli(&app, &["user", "list", "--json"], None));
    assert_eq!(listed[0]["email"], "eve@example.com");

    let clients = ok(&cli(&app, &["client", "list"], None));
    let row = clients
        .lines()
        .find(|l| l.contains(&client.id))
        .unwrap_or_default();
    assert!(row.contains("Test RP"), "the name next to the id: {clients}");
    assert_eq!(
        json(&cli(&app, &["client", "list", "--json"], None))[0]["client_id"],
        client.id.as_str()
    );

    let keys = ok(&cli(&app, &["keys", "list"], None));
    assert!(keys.starts_with("KID") && keys.contains("active"), "{keys}");
    ok(&cli(&app, &["user", "unlock", "eve@example.com"], None));
    let audit = ok(&cli(&app, &["audit"], None));
    assert!(
        audit.starts_with("TIME") && audit.contains("eve@example.com"),
        "{audit}"
    );
    assert!(json(&cli(&app, &["audit", "--json"], None)).is_array());
}

/// A rotated secret works, and the old one is refused, at once on the node that rotated it.
#[tokio::test]
async fn a_rotated_secret_takes_effect_at_once_on_the_same_node() {
    let app = TestApp::spawn().await;
    let old = app.create_client(ClientSpec::service()).await;
    let form = [("grant_type", "client_credentials")];
    // The node has read (and remembers) the client.
    assert_eq!(token_request(&app, &old, &form).await.status(), 200);

    let secret = app.state.clients.rotate_secret(&old.id, "test").await.unwrap();
    assert_eq!(
        json_error(token_request(&app, &old, &form).await, 401).await,
        "invalid_client"
    );
    let new = TestClient {
        id: old.id.clone(),
        secret: Some(secret),
    };
    assert_eq!(token_request(&app, &new, &form).await.status(), 200);
}

/// From the command line (another process), within the copy's lifetime.
#[tokio::test]
async fn rotate_secret_prints_a_new_secret_once_and_the_old_one_stops_working() {
    let app = TestApp::spawn().await;
    let old = app.create_client(ClientSpec::service()).await;
    let form = [("grant_type", "client_credentials")];
    assert_eq!(token_request(&app, &old, &form).await.status(), 200);

    let out = json(&cli(&app, &["client", "rotate-secret", &old.id, "--json"], None));
    let secret = out["client_secret"].as_str().unwrap().to_owned();
    assert_ne!(Some(&secret), old.secret.as_ref());
    let stored = app.store().clients().client(&old.id).await.unwrap().unwrap();
    assert!(
        !stored.secret_hash.unwrap_or_default().contains(&secret),
        "only a hash is stored"
    );

    let new = TestClient {
        id: old.id.clone(),
        secret: Some(secret),
    };
    let started = std::time::Instant::now();
    loop {
        let status = token_request(&app, &old, &form).await.status();
        if status == 401 {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(4),
            "old secret still accepted"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(token_request(&app, &new, &form).await.status(), 200);

    let public = app
        .create_client(ClientSpec {
            auth_method: portcullis::domain::TokenEndpointAuthMethod::None,
            ..Default::default()
        })
        .await;
    let e = refused(&cli(&app, &["client", "rotate-secret", &public.id], None));
    assert!(e.contains("no secret"), "{e}");
}

#[tokio::test]
async fn client_update_validates_as_create_does_and_serves_the_logo() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let dir = tempfile::tempdir().unwrap();

    // The same rule, the same words, from create and update.
    let create = refused(&cli(
        &app,
        &[
            "client",
            "create",
            "--name",
            "X",
            "--redirect-uri",
            "https://rp.example/cb#frag",
        ],
        None,
    ));
    let update = refused(&cli(
        &app,
        &[
            "client",
            "update",
            &client.id,
            "--redirect-uri",
            "https://rp.example/cb#frag",
        ],
        None,
    ));
    assert!(create.contains("must not have a fragment"), "{create}");
    assert_eq!(create, update);
    let e = refused(&cli(
        &app,
        &[
            "client",
            "update",
            &client.id,
            "--client-uri",
            "javascript:alert(1)",
        ],
        None,
    ));
    assert!(e.contains("client_uri"), "{e}");

    let text = dir.path().join("logo.txt");
    std::fs::write(&text, "not an image").unwrap();
    let e = refused(&cli(
        &app,
        &["client", "update", &client.id, "--logo", text.to_str().unwrap()],
        None,
    ));
    assert!(e.contains("PNG, JPEG, WebP or SVG"), "{e}");

    let resp = app
        .http()
        .get(app.url(&format!("/clients/{}/logo", client.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);

    let svg = dir.path().join("logo.svg");
    std::fs::write(
        &svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
    )
    .unwrap();
    let args = [
        "client",
        "update",
        &client.id,
        "--name",
        "Renamed RP",
        "--client-uri",
        "https://rp.example",
        "--first-party",
        "false",
        "--logo",
        svg.to_str().unwrap(),
        "--json",
    ];
    let out = json(&cli(&app, &args, None));
    assert_eq!(out["client_name"], "Renamed RP");
    assert_eq!(out["first_party"], false);
    let version = out["logo_version"].as_str().unwrap().to_owned();
    // This node sees the change at once (the store forgot its copy when the logo was set...
    // in the other process: wait out the copy's lifetime).
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let stored = app.store().clients().client(&client.id).await.unwrap().unwrap();
    assert_eq!(stored.client_uri.as_deref(), Some("https://rp.example"));
    assert_eq!(
        stored.logo_path(),
        Some(format!("/clients/{}/logo?v={version}", client.id))
    );

    let resp = app
        .http()
        .get(app.url(&stored.logo_path().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "image/svg+xml");
    assert_eq!(header(&resp, "x-content-type-options"), "nosniff");
    let csp = header(&resp, "content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("sandbox") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(header(&resp, "cache-control"), "public, max-age=86400");
    assert!(resp.text().await.unwrap().starts_with("<svg"));
}

// --- second factors ------------------------------------------------------------------------

fn mfa(app: &TestApp) -> portcullis::mfa::Mfa {
    app.state.provider.mfa.clone()
}

/// Sets up an authenticator app for `user` through the services, confirmed with its first
/// code as the account page does; its base32 secret.
async fn add_totp(app: &TestApp, user: &portcullis::domain::User, name: &str) -> String {
    let m = mfa(app);
    let e = m.totp.begin(&user.id, &user.email, "Tests").await.unwrap();
    let code = app.totp_now(&e.secret_base32);
    m.totp
        .confirm(&user.id, &e.pending, name, &code, &app.entry("mfa.enrolled"))
        .await
        .unwrap();
    e.secret_base32
}

/// The keys of a JSON object, sorted.
fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn mfa_list_shows_apps_and_recovery_codes_left_and_never_a_secret() {
    let app = TestApp::spawn().await;
    let user = app.create_user("fay@example.com").await;
    let none = json(&cli(&app, &["user", "mfa", "list", &user.email, "--json"], None));
    assert_eq!(none["totp"], serde_json::json!([]));
    assert_eq!(none["recovery_codes_left"], 0);
    assert!(ok(&cli(&app, &["user", "mfa", "list", &user.email], None)).contains("(none)"));

    let phone = add_totp(&app, &user, "Phone").await;
    let tablet = add_totp(&app, &user, "Tablet").await;
    let codes = mfa(&app)
        .recovery_codes
        .generate(&user.id, &app.entry("mfa.recovery_codes.generated"))
        .await
        .unwrap();
    let entry = app.entry("login.factor");
    assert_eq!(
        mfa(&app)
            .recovery_codes
            .redeem(&user.id, &codes[0], &entry)
            .await
            .unwrap(),
        Some(9)
    );
    // The phone is used once more, a step after its confirming code.
    app.clock.advance(30);
    let code = app.totp_now(&phone);
    let entry = app.entry("login.factor");
    assert!(mfa(&app).totp.verify(&user.id, &code, &entry).await.unwrap());

    let out = ok(&cli(&app, &["user", "mfa", "list", &user.email], None));
    assert!(out.contains("recovery codes left: 9"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("NAME") && l.contains("ADDED") && l.contains("LAST USED")),
        "{out}"
    );
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {out}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(row("Phone")[2].ends_with('Z'), "last used: {out}");
    assert_eq!(row("Tablet")[2], "-", "never used: {out}");

    let listed = json(&cli(&app, &["user", "mfa", "list", &user.email, "--json"], None));
    assert_eq!(keys(&listed), ["email", "recovery_codes_left", "totp", "user_id"]);
    assert_eq!(listed["email"], user.email.as_str());
    assert_eq!(listed["user_id"], user.id.as_str());
    assert_eq!(listed["recovery_codes_left"], 9);
    let apps = listed["totp"].as_array().unwrap();
    assert_eq!(apps.len(), 2);
    for a in apps {
        assert_eq!(keys(a), ["created_at", "id", "last_used_at", "name"]);
        assert!(a["created_at"].is_i64() && a["id"].is_string());
    }
    let phone_row = apps.iter().find(|a| a["name"] == "Phone").unwrap();
    assert!(phone_row["last_used_at"].is_i64());
    let tablet_row = apps.iter().find(|a| a["name"] == "Tablet").unwrap();
    assert!(tablet_row["last_used_at"].is_null());
    let text = listed.to_string();
    for secret in [&phone, &tablet, &codes[1]] {
        assert!(!text.contains(secret.as_str()), "a secret in {text}");
    }

    let e = refused(&cli(&app, &["user", "mfa", "list", "nobody@example.com"], None));
    assert!(e.contains("no user"), "{e}");
}

#[tokio::test]
async fn mfa_reset_asks_for_yes_then_removes_every_factor_ends_sessions_and_tells_the_user() {
    let app = TestApp::spawn().await;
    let user = app.create_user("gus@example.com").await;
    let other = app.create_user("hal@example.com").await;
    // Signed in before the app is set up, so the password alone lets this browser in.
    let browser = app.browser();
    let page = browser.page("/account").await;
    let resp = browser.submit_login(&page, &user.email, PASSWORD).await;
    assert_eq!(header(&resp, "location"), "/account");
    add_totp(&app, &user, "Phone").await;
    mfa(&app)
        .recovery_codes
        .generate(&user.id, &app.entry("mfa.recovery_codes.generated"))
        .await
        .unwrap();
    add_totp(&app, &other, "Phone").await;

    let reset = ["user", "mfa", "reset", "gus@example.com"];
    let e = refused(&cli(&app, &reset, None));
    assert!(e.contains("--yes"), "{e}");
    assert_eq!(mfa(&app).totp.list(&user.id).await.unwrap().len(), 1);
    assert_eq!(live_sessions(&app, &user.id).await, 1);

    let out = json(&cli(&app, &[&reset[..], &["--yes", "--json"]].concat(), None));
    assert_eq!(
        out,
        serde_json::json!({
            "email": user.email,
            "user_id": user.id,
            "reset": true,
            "removed": {"totp": 1, "webauthn": 0, "channels": 0, "recovery_codes": 10},
            "sessions_ended": 1,
            "mailed": true,
        })
    );
    let m = mfa(&app);
    assert!(m.totp.list(&user.id).await.unwrap().is_empty());
    assert_eq!(m.recovery_codes.remaining(&user.id).await.unwrap(), 0);
    assert_eq!(
        m.totp.list(&other.id).await.unwrap().len(),
        1,
        "another user's app stays"
    );
    assert_eq!(live_sessions(&app, &user.id).await, 0);
    // The server (another process) sees the ended session at once: the browser is signed out.
    let resp = browser.get("/account").await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), "/login");

    let entries = audited(&app, Some(&user.id), "mfa.reset").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor.as_deref(), Some("cli"));
    assert_eq!(entries[0].detail["removed"]["totp"], 1);
    assert_eq!(entries[0].detail["sessions_ended"], 1);
    let mail = app.mail(&user.email, "The way you sign in has changed").await;
    assert!(
        mail.text
            .contains("An administrator removed every second step of your account"),
        "{}",
        mail.text
    );
    mail.link(&app, "/account/security");

    // Nothing left to remove: nothing is ended, written or mailed.
    let again = ok(&cli(&app, &[&reset[..], &["--yes"]].concat(), None));
    assert!(again.contains("has no second factors"), "{again}");
    let again = json(&cli(&app, &[&reset[..], &["--yes", "--json"]].concat(), None));
    assert_eq!(
        (again["reset"].as_bool(), again["mailed"].as_bool()),
        (Some(false), Some(false))
    );
    assert_eq!(audited(&app, Some(&user.id), "mfa.reset").await.len(), 1);
    assert_eq!(app.mails_to(&user.email).len(), 1);

    // The password alone signs in again, and the activity page says who removed the factors
    // (an operator: from no device of the user's).
    let browser = app.browser();
    let page = browser.page("/account").await;
    let resp = browser.submit_login(&page, &user.email, PASSWORD).await;
    assert_eq!(header(&resp, "location"), "/account");
    let activity = browser.page("/account/activity").await;
    let row = activity
        .html
        .split("<tr")
        .find(|r| r.contains("An administrator removed every second step and signed out all sessions"))
        .unwrap_or_else(|| panic!("no reset in {}", activity.html));
    assert!(!row.contains(" from "), "{row}");
}

#[tokio::test]
async fn mfa_reset_prints_what_it_did_for_a_person() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ida@example.com").await;
    add_totp(&app, &user, "Phone").await;
    add_totp(&app, &user, "Tablet").await;
    let out = ok(&cli(&app, &["user", "mfa", "reset", &user.email, "--yes"], None));
    assert!(
        out.contains("removed 2 authenticator apps and 0 recovery codes of ida@example.com")
            && out.contains("0 sessions ended")
            && out.contains("told by mail"),
        "{out}"
    );

    add_totp(&app, &user, "Phone").await;
    ok(&cli(&app, &["user", "delete", &user.email, "--yes"], None));
    let e = refused(&cli(&app, &["user", "mfa", "reset", &user.email, "--yes"], None));
    assert!(e.contains("is deleted"), "{e}");
}

// --- configuration mistakes stop start-up ------------------------------------------------------

#[test]
fn a_misspelt_variable_stops_start_up_with_the_closest_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let e = refused(&run(
        &["migrate"],
        None,
        &[
            ("PORTCULLIS_DATA_DIR", data),
            ("PORTCULLIS_ACESS_TOKEN_TTL", "600"),
        ],
    ));
    assert!(
        e.contains("unknown setting PORTCULLIS_ACESS_TOKEN_TTL; did you mean PORTCULLIS_ACCESS_TOKEN_TTL?"),
        "{e}"
    );
    // The test suite's own variables are not settings, and are left alone.
    let out = run(
        &["migrate"],
        None,
        &[("PORTCULLIS_DATA_DIR", data), ("PORTCULLIS_TEST_WHATEVER", "1")],
    );
    ok(&out);
}

#[test]
fn a_misspelt_key_of_the_file_stops_start_up_with_the_closest_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portcullis.toml");
    std::fs::write(&file, "acess_token_ttl = 600\n").unwrap();
    let e = refused(&run(
        &["--config", file.to_str().unwrap(), "migrate"],
        None,
        &[("PORTCULLIS_DATA_DIR", dir.path().to_str().unwrap())],
    ));
    assert!(e.contains("unknown key \"acess_token_ttl\""), "{e}");
    assert!(e.contains("did you mean \"access_token_ttl\"?"), "{e}");
}

#[test]
fn a_value_of_the_wrong_form_is_explained_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let e = refused(&run(
        &["migrate"],
        None,
        &[
            ("PORTCULLIS_DATA_DIR", data),
            ("PORTCULLIS_ACCESS_TOKEN_TTL", "ten"),
        ],
    ));
    assert!(
        e.contains(r#"PORTCULLIS_ACCESS_TOKEN_TTL: "ten" is not a number of seconds (write a whole number, e.g. 600)"#),
        "{e}"
    );
    let e = refused(&run(
        &["migrate"],
        None,
        &[("PORTCULLIS_DATA_DIR", data), ("PORTCULLIS_REQUIRE_PKCE", "yes")],
    ));
    assert!(
        e.contains("PORTCULLIS_REQUIRE_PKCE") && e.contains("expected true or false"),
        "{e}"
    );
    assert!(!e.contains("invalid type"), "figment's words do not leak: {e}");
    // Digits are a number to figment; a text setting takes them as written.
    ok(&run(
        &["migrate"],
        None,
        &[
            ("PORTCULLIS_DATA_DIR", data),
            ("PORTCULLIS_REDIS_KEY_PREFIX", "2048"),
        ],
    ));
}

/// The fixed interface: `user create --role`, `role assign`, and a role typo that creates no one.
#[tokio::test]
async fn roles_are_given_at_creation_and_by_assignment() {
    let app = TestApp::spawn().await;
    let created = json(&cli(
        &app,
        &[
            "user",
            "create",
            "--email",
            "root@example.com",
            "--role",
            "admin",
            "--json",
        ],
        None,
    ));
    assert_eq!(created["roles"], serde_json::json!(["admin"]));
    let user = app
        .store()
        .users()
        .user_by_email("root@example.com")
        .await
        .unwrap()
        .unwrap();
    let held = app.store().roles().reader().user_roles(&user.id).await.unwrap();
    assert_eq!(
        held.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["admin"]
    );

    let out = cli(
        &app,
        &["user", "create", "--email", "typo@example.com", "--role", "admn"],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no role admn"));
    assert!(
        app.store()
            .users()
            .user_by_email("typo@example.com")
            .await
            .unwrap()
            .is_none()
    );

    ok(&cli(
        &app,
        &["role", "create", "--name", "editor", "--permission", "users:read"],
        None,
    ));
    ok(&cli(
        &app,
        &["role", "assign", "root@example.com", "editor"],
        None,
    ));
    let shown = json(&cli(&app, &["role", "show", "root@example.com", "--json"], None));
    let names: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "editor"]);
    let assigned = audited(&app, Some(&user.id), "role.assigned").await;
    assert!(
        assigned.iter().all(|e| e.actor.as_deref() == Some("cli")),
        "{assigned:?}"
    );
    assert_eq!(assigned.len(), 2);

    let list = ok(&cli(&app, &["role", "list"], None));
    assert!(
        list.starts_with("ROLE") && list.contains("user-manager") && list.contains("editor"),
        "{list}"
    );
    let refused = cli(&app, &["role", "delete", "admin"], None);
    assert!(!refused.status.success());
    ok(&cli(&app, &["group", "create", "ops"], None));
    ok(&cli(&app, &["group", "add", "ops", "root@example.com"], None));
    ok(&cli(&app, &["group", "grant", "ops", "auditor"], None));
    let shown = json(&cli(&app, &["role", "show", "root@example.com", "--json"], None));
    assert_eq!(shown.as_array().unwrap().len(), 3, "{shown}");
}

/// The fixed interface: `api-key create --name N --role R… [--expires D]` prints `id` and `key`.
#[tokio::test]
async fn api_keys_are_made_listed_and_revoked() {
    let app = TestApp::spawn().await;
    let made = json(&cli(
        &app,
        &[
            "api-key",
            "create",
            "--name",
            "deploy",
            "--role",
            "auditor",
            "--expires",
            "90d",
        ],
        None,
    ));
    let (id, key) = (made["id"].as_str().unwrap(), made["key"].as_str().unwrap());
    assert!(key.starts_with("pcak_"), "{made}");
    assert_eq!(made["roles"], serde_json::json!(["auditor"]));
    let holder = app
        .state
        .api_keys
        .authenticate(key)
        .await
        .unwrap()
        .expect("works");
    assert!(holder.permissions.contains("audit:read"));

    let list = ok(&cli(&app, &["api-key", "list"], None));
    assert!(
        list.starts_with("ID") && list.contains("deploy") && !list.contains(key),
        "{list}"
    );
    let bad = cli(
        &app,
        &[
            "api-key",
            "create",
            "--name",
            "x",
            "--role",
            "admin",
            "--expires",
            "soon",
        ],
        None,
    );
    assert!(!bad.status.success());
    ok(&cli(&app, &["api-key", "revoke", id], None));
    assert!(app.state.api_keys.authenticate(key).await.unwrap().is_none());
}

/// The fixed interface: `client initial-access-token [--uses N] [--expires D]` prints one JSON
/// object with `token`, for RFC 7591 registration.
#[tokio::test]
async fn an_initial_access_token_registers_as_many_clients_as_it_has_uses() {
    let app = TestApp::spawn().await;
    let made = json(&cli(
        &app,
        &["client", "initial-access-token", "--uses", "2", "--expires", "1h"],
        None,
    ));
    let token = made["token"].as_str().unwrap();
    assert_eq!(made["uses"], 2);
    let register = || {
        app.http()
            .post(app.url("/connect/register"))
            .bearer_auth(token)
            .json(&serde_json::json!({"redirect_uris": [REDIRECT_URI]}))
            .send()
    };
    for status in [201, 201, 401] {
        assert_eq!(register().await.unwrap().status(), status);
    }
    let bad = cli(&app, &["client", "initial-access-token", "--uses", "0"], None);
    assert!(!bad.status.success());
}
