//! The account pages: sign-in, password change, sessions, applications, export, deletion,
//! e-mail and phone changes, CSRF and the idle timeout.

use crate::registration::NEW_PASSWORD;
use crate::support::*;

/// A browser signed in to the account pages as `email`.
async fn signed_in(app: &TestApp, email: &str, password: &str) -> Browser {
    let browser = app.browser();
    let page = browser.page("/account").await;
    assert!(page.is_sign_in(), "{}", page.html);
    let resp = browser.submit_login(&page, email, password).await;
    assert_eq!(header(&resp, "location"), "/account");
    let home = browser.page("/account").await;
    assert!(home.html.contains("Your account"), "{}", home.html);
    browser
}

/// Posts the form of `page` that goes to `action`, with `fields` added.
async fn submit(browser: &Browser, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let html = browser.page(page).await.html;
    let mut form = form_inputs(&html, action);
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Page::from(browser.post_form(action, &form).await).await
}

#[tokio::test]
async fn change_password_needs_the_current_one_and_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let user = app.create_user("pw@example.com").await;
    let me = signed_in(&app, &user.email, PASSWORD).await;
    let elsewhere = signed_in(&app, &user.email, PASSWORD).await;

    let wrong = submit(
        &me,
        "/account/password",
        "/account/password",
        &[
            ("current_password", "not it"),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.html.contains("current password is incorrect"));

    let ok = submit(
        &me,
        "/account/password",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.html);
    assert!(ok.html.contains("Password changed"));
    assert!(me.page("/account").await.html.contains("Your account"));
    assert!(elsewhere.page("/account").await.is_sign_in());
    app.mail(&user.email, "Your password was changed").await;
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_signed_out() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sessions@example.com").await;
    let me = signed_in(&app, &user.email, PASSWORD).await;
    let other = signed_in(&app, &user.email, PASSWORD).await;
    let third = signed_in(&app, &user.email, PASSWORD).await;
    let list = me.page("/account/sessions").await;
    assert_eq!(
        list.html.matches("action=\"/account/sessions/revoke\"").count(),
        2
    );
    assert!(list.html.contains("3 active sessions"));
    assert!(list.html.contains("This device"));
    assert!(list.html.contains("127.0.0.1"));

    // Sign out one: the first revoke form belongs to another session.
    let form = form_inputs(&list.html, "/account/sessions/revoke");
    let done = Page::from(me.post_form("/account/sessions/revoke", &form).await).await;
    assert!(done.html.contains("signed out"), "{}", done.html);
    let still = [
        other.page("/account").await.is_sign_in(),
        third.page("/account").await.is_sign_in(),
    ];
    assert_eq!(still.iter().filter(|x| **x).count(), 1);

    // Then all the others.
    let done = submit(&me, "/account/sessions", "/account/sessions/revoke-others", &[]).await;
    assert!(done.html.contains("1 other session signed out."), "{}", done.html);
    assert!(other.page("/account").await.is_sign_in());
    assert!(third.page("/account").await.is_sign_in());
    assert!(me.page("/account").await.html.contains("Your account"));
}

#[tokio::test]
async fn removing_an_application_revokes_its_tokens() {
    let app = TestApp::spawn().await;
    let user = app.create_user("apps@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;
    let apps = browser.page("/account/apps").await;
    assert!(apps.html.contains("Remove access"), "{}", apps.html);
    let form = form_inputs(&apps.html, "/account/apps/revoke");
    let done = Page::from(browser.post_form("/account/apps/revoke", &form).await).await;
    assert!(done.html.contains("Access removed"));
    let r = refresh(&app, &client, tokens["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(json_error(r, 400).await, "invalid_grant");
    let r = userinfo(&app, tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn activity_names_the_application_and_where_each_action_came_from() {
    let app = TestApp::spawn().await;
    let user = app.create_user("active@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let page = browser.page("/login").await;
    browser.submit_login(&page, &user.email, "wrong password").await;
    login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let activity = browser.page("/account/activity").await;
    assert_eq!(activity.status, 200);
    let rows: Vec<&str> = activity.html.split("<tr").skip(2).collect();
    let row = |what: &str| {
        *rows
            .iter()
            .find(|r| r.contains(what))
            .unwrap_or_else(|| panic!("no {what:?} in {}", activity.html))
    };
    // Sentences, never codes: the application by name, the browser's device (the test's
    // client sends no browser name), and no device for what the application's server did.
    assert!(!row("Test RP signed you in").contains(" from "));
    assert!(row("Allowed Test RP to use the account from an unknown device").contains("127.0.0.1"));
    let guess = "Someone tried to sign in with a wrong password from an unknown device";
    assert!(row(guess).contains("127.0.0.1"));
    assert!(!activity.html.contains("login.password") && !activity.html.contains("token.issued"));
    // Newest first, also within one second: the tokens came after the consent.
    let position = |what: &str| rows.iter().position(|r| r.contains(what)).unwrap();
    assert!(position("Test RP signed you in") < position("Allowed Test RP"));
    assert!(position("Allowed Test RP") < position(guess));
}

#[tokio::test]
async fn export_holds_profile_sessions_consents_and_activity() {
    let app = TestApp::spawn().await;
    let user = app.create_user("export@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
    let resp = browser.get("/account/data/export").await;
    assert_eq!(resp.status(), 200);
    assert!(header(&resp, "content-disposition").starts_with("attachment"));
    let data: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(data["profile"]["email"], user.email.as_str());
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(data["consents"][0]["client_id"], client.id.as_str());
    let actions: Vec<&str> = data["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"login.password")
            && actions.contains(&"consent.granted")
            && actions.contains(&"token.issued"),
        "{actions:?}"
    );
    // Never a secret in it.
    let text = data.to_string();
    assert!(!text.contains("argon2") && !text.contains(PASSWORD));
}

#[tokio::test]
async fn deleting_the_account_needs_the_password_revokes_everything_and_purges_later() {
    let app = TestApp::spawn().await;
    let user = app.create_user("leaving@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let tokens = login_and_tokens(&app, &client, &browser, &user.email, "openid offline_access").await;

    let wrong = submit(
        &browser,
        "/account/data",
        "/account/delete",
        &[("password", "nope"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert!(
        app.store()
            .users()
            .user_by_id(&user.id)
            .await
            .unwrap()
            .unwrap()
            .deleted_at
            .is_none()
    );

    let done = submit(
        &browser,
        "/account/data",
        "/account/delete",
        &[("password", PASSWORD), ("confirm", "yes")],
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Account deleted"));
    let r = refresh(&app, &client, tokens["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(json_error(r, 400).await, "invalid_grant");
    assert!(browser.page("/account").await.is_sign_in());
    let fresh = app.browser();
    let page = fresh.page("/login").await;
    assert_eq!(
        fresh.submit_login(&page, &user.email, PASSWORD).await.status(),
        401
    );

    // After the retention the row is gone; the audit trail keeps only the opaque id.
    let config = app.state.provider.config.clone();
    let later = portcullis::domain::Clock::now(app.clock.as_ref()) + config.deleted_account_retention + 1;
    portcullis::jobs::sweep::run_once(app.store(), later, &config).await;
    assert!(app.store().users().user_by_id(&user.id).await.unwrap().is_none());
    let trail = app
        .store()
        .audit()
        .audit_entries(Some(&user.id), 0, 1000)
        .await
        .unwrap();
    assert!(trail.iter().any(|e| e.action == "account.deleted"));
    assert!(trail.iter().all(|e| e.ip.is_none() && e.user_agent.is_none()));
}

#[tokio::test]
async fn a_new_email_takes_effect_only_once_verified() {
    let app = TestApp::spawn().await;
    let user = app.create_user("old@example.com").await;
    let browser = signed_in(&app, &user.email, PASSWORD).await;
    let asked = submit(
        &browser,
        "/account",
        "/account/email",
        &[("new_email", "new@example.com"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.html);
    assert_eq!(
        app.store()
            .users()
            .user_by_id(&user.id)
            .await
            .unwrap()
            .unwrap()
            .email,
        "old@example.com"
    );
    let code = app.mail("new@example.com", "Confirm your new email").await.code();
    let mut form = form_inputs(&asked.html, "/account/email/code");
    form.push(("code".into(), code));
    let done = Page::from(browser.post_form("/account/email/code", &form).await).await;
    assert!(
        done.html.contains("Your email address was changed"),
        "{}",
        done.html
    );
    let u = app.store().users().user_by_id(&user.id).await.unwrap().unwrap();
    assert_eq!(u.email, "new@example.com");
    assert!(u.email_verified);
    app.mail("old@example.com", "email address was changed").await;
}

#[tokio::test]
async fn a_new_phone_is_saved_once_the_texted_code_comes_back() {
    let app = TestApp::spawn().await;
    let user = app.create_user("phone@example.com").await;
    let browser = signed_in(&app, &user.email, PASSWORD).await;
    let asked = submit(
        &browser,
        "/account",
        "/account/phone",
        &[("phone", "+44 20 7946 0958")],
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.html);
    assert_eq!(
        app.store()
            .users()
            .user_by_id(&user.id)
            .await
            .unwrap()
            .unwrap()
            .phone_number,
        user.phone_number
    );
    let code = app.sms_code("+442079460958").await;
    let mut form = form_inputs(&asked.html, "/account/phone/verify");
    form.push(("code".into(), code));
    let done = Page::from(browser.post_form("/account/phone/verify", &form).await).await;
    assert!(done.html.contains("Phone number verified"), "{}", done.html);
    let u = app.store().users().user_by_id(&user.id).await.unwrap().unwrap();
    assert_eq!(u.phone_number.as_deref(), Some("+442079460958"));
    assert!(u.phone_number_verified);
}

#[tokio::test]
async fn an_idle_session_is_signed_out_and_the_page_warns_before() {
    let app = TestApp::spawn_with(|c| {
        c.session_idle_timeout = Some(300);
        c.session_idle_warning = Some(60);
    })
    .await;
    let user = app.create_user("idle@example.com").await;
    let browser = signed_in(&app, &user.email, PASSWORD).await;
    let page = browser.page("/account").await;
    assert!(page.html.contains("data-idle-remaining=\"300\""), "{}", page.html);
    assert!(page.html.contains("data-idle-warning=\"60\""));
    assert!(page.html.contains("role=\"alertdialog\""));
    app.clock.advance(301);
    assert!(browser.page("/account").await.is_sign_in());
}

/// Every account page links to every other, and marks its own link as the current page for
/// screen readers, exactly once.
#[tokio::test]
async fn every_account_page_links_the_others_and_marks_itself_as_current() {
    let app = TestApp::spawn().await;
    let user = app.create_user("nav@example.com").await;
    let me = signed_in(&app, &user.email, PASSWORD).await;
    let pages = [
        "/account",
        "/account/password",
        "/account/sessions",
        "/account/activity",
        "/account/apps",
        "/account/data",
    ];
    for page in pages {
        let html = me.page(page).await.html;
        for other in pages {
            let link = format!("<a href=\"{other}\"");
            assert!(html.contains(&link), "{page} does not link {other}");
        }
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1, "{page}");
        let current = format!("<a href=\"{page}\" aria-current=\"page\">");
        assert!(html.contains(&current), "{page} is not marked current");
    }
}

/// A time as the account pages write it for machines (`<time datetime>`), in UTC to the minute.
fn iso_minute(t: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t).unwrap();
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}Z",
        d.year(),
        d.month() as u8,
        d.day(),
        d.hour(),
        d.minute()
    )
}

/// The sessions page says when each session signed in and when it was last active (this visit,
/// for the current one).
#[tokio::test]
async fn the_sessions_page_shows_when_a_session_signed_in_and_was_last_active() {
    let app = TestApp::spawn().await;
    let user = app.create_user("times@example.com").await;
    let me = signed_in(&app, &user.email, PASSWORD).await;
    let signed_in_at = portcullis::domain::Clock::now(app.clock.as_ref());
    app.clock.advance(2 * 3600);
    let html = me.page("/account/sessions").await.html;
    for (what, t) in [
        ("signed in", signed_in_at),
        ("last active", signed_in_at + 2 * 3600),
    ] {
        let stamp = format!("<time datetime=\"{}\">", iso_minute(t));
        assert!(html.contains(&stamp), "{what}: no {stamp} in {html}");
    }
}

/// When the store fails, a signed-in browser gets an error page: never the sign-in page, which
/// would look like a sign-out and invite a loop of sign-ins that cannot work.
#[tokio::test]
async fn a_store_failure_is_a_503_page_not_a_sign_out() {
    let app = TestApp::spawn().await;
    let user = app.create_user("broken@example.com").await;
    let me = signed_in(&app, &user.email, PASSWORD).await;
    execute_sql(&app, "ALTER TABLE sessions RENAME TO sessions_gone").await;
    for page in ["/account", "/account/sessions"] {
        let resp = me.get(page).await;
        assert_eq!(header(&resp, "location"), "", "{page}: redirected");
        assert_eq!(header(&resp, "retry-after"), "5", "{page}");
        let page_seen = Page::from(resp).await;
        assert_eq!(page_seen.status, 503, "{page}: {}", page_seen.html);
        assert!(
            page_seen.html.contains("Please try again"),
            "{page}: {}",
            page_seen.html
        );
    }
}
