//! `/account/security`: adding an authenticator app with its first code, recovery codes shown
//! once, removing and renaming, and the re-authentication ("sudo mode") every change needs once
//! the sign-in is older than the window. Codes come from totp-rs.

use portcullis::domain::Clock;
use portcullis::mfa::Mfa;
use totp_rs::{Builder, Secret};

use crate::support::*;

const SUDO_WINDOW: i64 = 600;

fn mfa(app: &TestApp) -> Mfa {
    app.state.provider.mfa.clone()
}

fn secret_of(html: &str) -> String {
    html.split("id=\"totp-secret\" class=\"secret\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_else(|| panic!("no key on the page: {html}"))
        .to_owned()
}

fn recovery_codes(html: &str) -> Vec<String> {
    let list = html
        .split("id=\"recovery-codes\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no recovery codes: {html}"));
    let list = list.split("</ol>").next().unwrap();
    list.split("<code>")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().to_owned())
        .collect()
}

/// Adds an authenticator app on the account page; its secret and the recovery codes shown.
async fn add_app(app: &TestApp, browser: &Browser, name: &str) -> (String, Page) {
    let page = browser.page("/account/security/totp").await;
    assert_eq!(page.status, 200, "{}", page.html);
    let secret = secret_of(&page.html);
    let mut form = form_inputs(&page.html, "/account/security/totp");
    form.push(("name".into(), name.into()));
    form.push(("code".into(), app.totp_now(&secret)));
    let done = Page::from(browser.post_form("/account/security/totp", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    // The confirming code is used up; later codes come from the next step.
    app.clock.advance(30);
    (secret, done)
}

#[tokio::test]
async fn an_authenticator_app_is_added_with_its_first_code_and_recovery_codes_are_shown_once() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sec@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let page = browser.page("/account/security").await;
    assert!(
        page.html.contains("You have not set up an authenticator app"),
        "{}",
        page.html
    );

    // A wrong first code: the same key again, nothing added.
    let setup = browser.page("/account/security/totp").await;
    let secret = secret_of(&setup.html);
    assert!(setup.html.contains("<svg"), "a QR code");
    let mut form = form_inputs(&setup.html, "/account/security/totp");
    form.push(("name".into(), "Phone".into()));
    form.push(("code".into(), "000000".into()));
    if app.totp_now(&secret) != "000000" {
        let again = Page::from(browser.post_form("/account/security/totp", &form).await).await;
        assert_eq!(again.status, 400, "{}", again.html);
        assert_eq!(secret_of(&again.html), secret, "the scanned key keeps working");
        assert!(mfa(&app).totp.list(&user.id).await.unwrap().is_empty());
    }
    form.retain(|(k, _)| k != "code");
    form.push(("code".into(), app.totp_now(&secret)));
    let done = Page::from(browser.post_form("/account/security/totp", &form).await).await;
    let codes = recovery_codes(&done.html);
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.len() >= 14), "{codes:?}");

    let page = browser.page("/account/security").await;
    assert!(page.html.contains("Phone"), "{}", page.html);
    assert!(
        page.html.contains("10 unused recovery codes are left"),
        "{}",
        page.html
    );
    assert_eq!(audited(&app, Some(&user.id), "mfa.enrolled").await.len(), 1);
    // A second app brings no new codes: the set stays.
    app.clock.advance(30);
    let (_, second) = add_app(&app, &browser, "Tablet").await;
    assert!(!second.html.contains("id=\"recovery-codes\""), "{}", second.html);
    assert_eq!(mfa(&app).totp.list(&user.id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn changes_after_the_sudo_window_need_the_password_and_a_code() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sudo@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let (secret, _) = add_app(&app, &browser, "Phone").await;

    app.clock.advance(SUDO_WINDOW + 1);
    let resp = browser.get("/account/security/totp").await;
    assert_eq!(resp.status(), 303);
    let to = header(&resp, "location");
    assert!(to.starts_with("/account/reauth?return="), "{to}");
    let page = browser.page(&to).await;
    assert!(page.html.contains("name=\"password\""), "{}", page.html);
    assert!(page.html.contains("name=\"code\""), "{}", page.html);

    // The password alone is not enough for a user with an app.
    let mut form = form_inputs(&page.html, "/account/reauth");
    form.push(("password".into(), PASSWORD.into()));
    form.push(("code".into(), "12345".into()));
    let refused = Page::from(browser.post_form("/account/reauth", &form).await).await;
    assert_eq!(refused.status, 401, "{}", refused.html);

    form.retain(|(k, _)| k != "code");
    form.push(("code".into(), app.totp_now(&secret)));
    let resp = browser.post_form("/account/reauth", &form).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), "/account/security/totp");
    assert!(sets_session_cookie(&resp), "a raised session gets a new cookie");
    let setup = browser.page("/account/security/totp").await;
    assert!(setup.html.contains("id=\"totp-secret\""), "{}", setup.html);

    // A return address off the account pages is not followed.
    let page = browser.page("/account/reauth?return=//evil.example/").await;
    let form = form_inputs(&page.html, "/account/reauth");
    assert!(
        form.iter()
            .any(|(k, v)| k == "return" && v == "/account/security"),
        "{form:?}"
    );
}

#[tokio::test]
async fn new_recovery_codes_void_the_old_set() {
    let app = TestApp::spawn().await;
    let user = app.create_user("codes@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let (_, first) = add_app(&app, &browser, "Phone").await;
    let old = recovery_codes(&first.html);
    let page = browser.page("/account/security").await;
    let form = form_inputs(&page.html, "/account/security/recovery-codes");
    let fresh = Page::from(browser.post_form("/account/security/recovery-codes", &form).await).await;
    let new = recovery_codes(&fresh.html);
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    let m = mfa(&app);
    let entry = app.entry("test");
    assert_eq!(
        m.recovery_codes.redeem(&user.id, &old[0], &entry).await.unwrap(),
        None
    );
    assert_eq!(
        m.recovery_codes.redeem(&user.id, &new[0], &entry).await.unwrap(),
        Some(9)
    );
}

#[tokio::test]
async fn removing_the_last_app_voids_the_recovery_codes_and_ends_the_second_step() {
    let app = TestApp::spawn().await;
    let user = app.create_user("remove@example.com").await;
    let browser = app.account_browser(&user.email).await;
    add_app(&app, &browser, "Phone").await;
    let id = mfa(&app).totp.list(&user.id).await.unwrap()[0].id.clone();

    // Another user's form cannot remove it.
    let other = app.create_user("other@example.com").await;
    let intruder = app.account_browser(&other.email).await;
    let page = intruder.page("/account/security").await;
    let mut form = form_inputs(&page.html, "/account/security/recovery-codes");
    form.push(("id".into(), id.clone()));
    intruder.post_form("/account/security/totp/remove", &form).await;
    assert_eq!(mfa(&app).totp.list(&user.id).await.unwrap().len(), 1);

    let page = browser.page("/account/security").await;
    let form = form_inputs(&page.html, "/account/security/totp/remove");
    let done = Page::from(browser.post_form("/account/security/totp/remove", &form).await).await;
    assert!(
        done.html.contains("The authenticator app was removed"),
        "{}",
        done.html
    );
    assert!(mfa(&app).totp.list(&user.id).await.unwrap().is_empty());
    assert_eq!(mfa(&app).recovery_codes.remaining(&user.id).await.unwrap(), 0);
    assert_eq!(audited(&app, Some(&user.id), "mfa.removed").await.len(), 1);
}

#[tokio::test]
async fn an_app_is_renamed_and_a_blank_name_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("rename@example.com").await;
    let browser = app.account_browser(&user.email).await;
    add_app(&app, &browser, "Phone").await;
    let page = browser.page("/account/security").await;
    let mut form = form_inputs(&page.html, "/account/security/totp/rename");
    form.push(("name".into(), "  ".into()));
    let refused = Page::from(browser.post_form("/account/security/totp/rename", &form).await).await;
    assert_eq!(refused.status, 400, "{}", refused.html);
    form.retain(|(k, _)| k != "name");
    form.push(("name".into(), "Work phone".into()));
    let done = Page::from(browser.post_form("/account/security/totp/rename", &form).await).await;
    assert!(done.html.contains("Work phone"), "{}", done.html);
}

const FIREFOX_ON_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// A browser that says it is Firefox on Linux, so the activity page can name its device.
fn firefox(app: &TestApp) -> Browser {
    Browser {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(FIREFOX_ON_LINUX)
            .build()
            .unwrap(),
        base: app.base.clone(),
    }
}

/// A six-digit code that is none of the codes accepted now (one step either side).
fn wrong_code(app: &TestApp, base32: &str) -> String {
    let secret = Secret::try_from_base32(base32).unwrap().as_bytes().to_vec();
    let totp = Builder::new().with_secret(secret).build().unwrap();
    let right: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|d| totp.generate((app.clock.now() + d) as u64).to_string())
        .collect();
    (0..)
        .map(|n| format!("{n:06}"))
        .find(|c| !right.contains(c))
        .unwrap()
}

#[tokio::test]
async fn the_activity_page_says_how_each_sign_in_was_made_and_what_changed() {
    let app = TestApp::spawn().await;
    let user = app.create_user("act@example.com").await;
    let browser = firefox(&app);
    let page = browser.page("/account").await;
    let resp = browser.submit_login(&page, &user.email, PASSWORD).await;
    assert_eq!(header(&resp, "location"), "/account");
    let (secret, _) = add_app(&app, &browser, "Phone").await;

    // Another browser signs in with the password and the app, after one wrong code.
    let other = firefox(&app);
    let page = other.page("/account").await;
    let challenge = other
        .expect_page(other.submit_login(&page, &user.email, PASSWORD).await)
        .await;
    let mut form = form_inputs(&challenge.html, "/login/factor");
    form.push(("code".into(), wrong_code(&app, &secret)));
    let again = Page::from(other.post_form("/login/factor", &form).await).await;
    let mut form = form_inputs(&again.html, "/login/factor");
    form.push(("code".into(), app.totp_now(&secret)));
    let resp = other.post_form("/login/factor", &form).await;
    assert_eq!(header(&resp, "location"), "/account");

    let activity = other.page("/account/activity").await;
    assert_eq!(activity.status, 200);
    let rows: Vec<&str> = activity.html.split("<tr").skip(2).collect();
    let position = |what: &str| {
        let line = format!("{what} from Firefox on Linux");
        rows.iter()
            .position(|r| r.contains(&line))
            .unwrap_or_else(|| panic!("no {line:?} in {}", activity.html))
    };
    // Newest first.
    let signed_in = position("Signed in with a password and an authenticator app");
    let entered = position("Entered a code from an authenticator app");
    let wrong = position("Someone entered a wrong code from an authenticator app");
    let confirmed = position("Confirmed it was you with an authenticator app");
    let added = position("An authenticator app was added");
    assert!(
        signed_in < entered && entered < wrong && wrong < confirmed,
        "{}",
        activity.html
    );
    position("New recovery codes were made");
    position("Signed in with a password");
    assert!(added > wrong, "{}", activity.html);
    assert!(!activity.html.contains("login.factor") && !activity.html.contains("mfa.enrolled"));

    // The entry says how: methods as well as amr.
    let login = audited(&app, Some(&user.id), "login.password").await;
    let newest = &login[0].detail;
    assert_eq!(newest["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    assert_eq!(newest["mfa"], true);
    assert_eq!(newest["methods"], serde_json::json!(["password", "totp"]));
}

#[tokio::test]
async fn the_data_export_lists_the_second_factors_and_never_their_secrets() {
    let app = TestApp::spawn().await;
    let user = app.create_user("exporter@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let (secret, done) = add_app(&app, &browser, "Phone").await;
    let codes = recovery_codes(&done.html);
    let entry = app.entry("test");
    assert_eq!(
        mfa(&app)
            .recovery_codes
            .redeem(&user.id, &codes[0], &entry)
            .await
            .unwrap(),
        Some(9)
    );

    let resp = browser.get("/account/data/export").await;
    assert_eq!(resp.status(), 200);
    let data: serde_json::Value = resp.json().await.unwrap();
    let factors = &data["second_factors"];
    assert_eq!(factors["recovery_codes_left"], 9);
    let apps = factors["totp"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    let mut fields: Vec<&String> = apps[0].as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["created_at", "id", "last_used_at", "name"]);
    assert_eq!(apps[0]["name"], "Phone");
    assert!(apps[0]["created_at"].is_i64());
    let text = data.to_string();
    assert!(!text.contains(&secret), "the app's key in {text}");
    for c in &codes {
        assert!(!text.contains(c.as_str()), "a recovery code in {text}");
    }
}

#[tokio::test]
async fn password_email_export_and_deletion_need_a_recent_second_factor_once_the_user_has_one() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sensitive@example.com").await;
    let browser = app.account_browser(&user.email).await;
    let (secret, _) = add_app(&app, &browser, "Phone").await;
    app.clock.advance(SUDO_WINDOW + 1);

    let export = browser.get("/account/data/export").await;
    assert_eq!(export.status(), 303);
    assert_eq!(
        header(&export, "location"),
        "/account/reauth?return=%2Faccount%2Fdata%2Fexport"
    );
    let page = browser.page("/account/password").await;
    let mut form = form_inputs(&page.html, "/account/password");
    form.push(("current_password".into(), PASSWORD.into()));
    form.push(("password".into(), "a much longer new passphrase".into()));
    form.push(("password_confirm".into(), "a much longer new passphrase".into()));
    let resp = browser.post_form("/account/password", &form).await;
    assert_eq!(resp.status(), 303, "the password alone is not enough");
    assert!(header(&resp, "location").starts_with("/account/reauth"));

    // With the code, the export goes through.
    let reauth = browser.page("/account/reauth?return=/account/data/export").await;
    let mut form = form_inputs(&reauth.html, "/account/reauth");
    form.push(("password".into(), PASSWORD.into()));
    form.push(("code".into(), app.totp_now(&secret)));
    let resp = browser.post_form("/account/reauth", &form).await;
    assert_eq!(header(&resp, "location"), "/account/data/export");
    let export = browser.get("/account/data/export").await;
    assert_eq!(export.status(), 200);

    // A user without a second factor is not sent round: the form's password is enough.
    let plain = app.create_user("plain-sensitive@example.com").await;
    let other = app.account_browser(&plain.email).await;
    app.clock.advance(SUDO_WINDOW + 1);
    assert_eq!(other.get("/account/data/export").await.status(), 200);
}
