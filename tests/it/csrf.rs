//! CSRF: every form that changes something carries a token only this browser's page holds. Each
//! form is posted with its token missing, random, and taken from another browser's page doing
//! the same step (another session, interaction or CSRF cookie); each is refused with the exact
//! answer the code gives and changes nothing. Then the same form with its own token works, so the
//! token is what made the difference.
//!
//! Three kinds of token: interaction forms (sign-in, sign-up, consent) carry the interaction's
//! token and the interaction is bound to the browser by a cookie; anonymous forms (recovery,
//! link confirmations) an HMAC of a per-browser cookie; signed-in forms an HMAC of the session
//! (of its id on the account pages, of its cookie on the logout confirmation).

use portcullis::authn::SESSION_COOKIE;
use portcullis::crypto::secrets::{random_token, sha256_hex, token256};

use crate::recovery::forgot_password_by_sms;
use crate::registration::{NEW_PASSWORD, sign_up};
use crate::support::*;

type Form = Vec<(String, String)>;

/// The answer to a form whose token does not check out.
#[derive(Clone, Copy)]
struct Refusal {
    status: u16,
    says: &'static str,
}

/// Interaction, anonymous and account forms: the page that says the form expired.
const EXPIRED: Refusal = Refusal {
    status: 400,
    says: "This sign-in link has expired",
};

/// The logout confirmation: the sign-out error page.
const LOGOUT_REFUSED: Refusal = Refusal {
    status: 400,
    says: "the sign-out form expired",
};

const VERIFY_MAIL: &str = "Verify your email address";
const RESET_MAIL: &str = "Reset your password";
const NEW_EMAIL_MAIL: &str = "Confirm your new email address";
const NEW_EMAIL: &str = "new-address@example.com";
const NEW_PHONE: &str = "+442079460958";

fn value(form: &[(String, String)], name: &str) -> String {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no {name} in {form:?}"))
}

fn with(form: &[(String, String)], fields: &[(&str, &str)]) -> Form {
    let mut out = form.to_vec();
    out.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

/// `form` with the field `name` set to `to`, or removed when `to` is None.
fn replaced(form: &[(String, String)], name: &str, to: Option<&str>) -> Form {
    assert!(form.iter().any(|(k, _)| k == name), "no {name} in {form:?}");
    form.iter()
        .filter_map(|(k, v)| match (k == name, to) {
            (false, _) => Some((k.clone(), v.clone())),
            (true, Some(t)) => Some((k.clone(), t.to_owned())),
            (true, None) => None,
        })
        .collect()
}

/// A token of the same shape as `real` (HMAC hex or 256-bit base64url) that no page ever held.
fn random_like(real: &str) -> String {
    if real.len() == 64 && real.chars().all(|c| c.is_ascii_hexdigit()) {
        sha256_hex(random_token(16).as_bytes())
    } else {
        token256()
    }
}

/// `form` with its token missing, random, and `other`'s (the same step's form in another
/// browser). For an interaction form also with `other`'s interaction and token together, which
/// only the other browser, holding that interaction's binding cookie, may post.
fn forgeries(form: &[(String, String)], other: &[(String, String)]) -> Vec<(&'static str, Form)> {
    let own = value(form, "csrf");
    let theirs = value(other, "csrf");
    assert_ne!(
        own, theirs,
        "the other browser's token must differ from this one's"
    );
    let mut out = vec![
        ("token missing", replaced(form, "csrf", None)),
        ("a random token", replaced(form, "csrf", Some(&random_like(&own)))),
        ("another browser's token", replaced(form, "csrf", Some(&theirs))),
    ];
    if form.iter().any(|(k, _)| k == "interaction") {
        let theirs_whole = replaced(
            &replaced(form, "csrf", Some(&theirs)),
            "interaction",
            Some(&value(other, "interaction")),
        );
        out.push(("another browser's interaction and token", theirs_whole));
    }
    out
}

/// What a refused form must leave as it was: the audit log (every action that changes an
/// account, a session or a consent records itself there before it answers), and the user's row,
/// live sessions and consents.
#[derive(Debug, PartialEq)]
struct Snapshot {
    audit_entries: usize,
    user: String,
    sessions: String,
    consents: String,
}

async fn snapshot(app: &TestApp, user_id: Option<&str>) -> Snapshot {
    let store = app.store();
    let audit_entries = store
        .audit()
        .audit_entries(None, 0, i64::MAX)
        .await
        .unwrap()
        .len();
    let Some(id) = user_id else {
        return Snapshot {
            audit_entries,
            user: String::new(),
            sessions: String::new(),
            consents: String::new(),
        };
    };
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    Snapshot {
        audit_entries,
        user: format!("{:?}", store.users().user_by_id(id).await.unwrap()),
        sessions: format!("{:?}", store.sessions().user_sessions(id, now).await.unwrap()),
        consents: format!("{:?}", store.consents().user_consents(id).await.unwrap()),
    }
}

/// Posts the forged `form` to `action` from `browser`: it must get `refusal`, no redirect, no
/// change to the session cookie, and leave the audit log and `user`'s records as they were.
async fn refused(
    app: &TestApp,
    browser: &Browser,
    action: &str,
    variant: &str,
    form: &[(String, String)],
    refusal: Refusal,
    user: Option<&str>,
) {
    let what = format!("{action} with {variant}");
    let before = snapshot(app, user).await;
    let resp = browser.post_form(action, form).await;
    let (status, location, cookies) = (resp.status(), header(&resp, "location"), set_cookies(&resp));
    let html = resp.text().await.unwrap();
    assert_eq!(status, refusal.status, "{what}: {html}");
    assert!(
        html.contains(refusal.says),
        "{what}: not the refusal page: {html}"
    );
    assert_eq!(location, "", "{what}: redirected");
    let session_cookie = format!("{SESSION_COOKIE}=");
    assert!(
        !cookies.iter().any(|c| c.starts_with(&session_cookie)),
        "{what}: the session cookie was touched: {cookies:?}"
    );
    assert_eq!(snapshot(app, user).await, before, "{what}: something changed");
}

/// Waits until `n` mails to `to` about `subject` arrived (mail goes out in the background), then
/// asserts there are no more: a refused form that had mailed would have done so before the
/// control did.
async fn assert_mails(app: &TestApp, to: &str, subject: &str, n: usize) {
    let count = || {
        app.mails_to(to)
            .iter()
            .filter(|m| m.subject.contains(subject))
            .count()
    };
    for _ in 0..200 {
        if count() >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(count(), n, "mails to {to} about {subject:?}");
}

/// Like `assert_mails`, for text messages to `phone`.
async fn assert_texts(app: &TestApp, phone: &str, n: usize) {
    let count = || {
        std::fs::read_dir(&app.outbox)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.path().to_string_lossy().ends_with(".sms.txt"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .filter(|t| t.starts_with(&format!("To: {phone}\n")))
                    .count()
            })
            .unwrap_or(0)
    };
    for _ in 0..200 {
        if count() >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(count(), n, "text messages to {phone}");
}

/// Whether `password` signs `email` in, in a fresh browser.
async fn logs_in(app: &TestApp, email: &str, password: &str) -> bool {
    let browser = app.browser();
    let page = browser.page("/login").await;
    let resp = browser.submit_login(&page, email, password).await;
    resp.status() == 303 && sets_session_cookie(&resp)
}

async fn user(app: &TestApp, id: &str) -> portcullis::domain::User {
    app.store().users().user_by_id(id).await.unwrap().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Interaction forms: sign-in, consent, sign-up and its code.

/// The sign-in form of an authorization request of `client` in `browser`, filled in.
async fn login_form(app: &TestApp, client: &TestClient, browser: &Browser, email: &str) -> Form {
    let (url, _) = authorize_url(app, client, "openid", &[]);
    let page = browser.page(&url).await;
    assert!(page.is_sign_in(), "{}", page.html);
    with(
        &form_inputs(&page.html, "/login"),
        &[("username", email), ("password", PASSWORD)],
    )
}

#[tokio::test]
async fn the_sign_in_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (me, other) = (app.browser(), app.browser());
    let form = login_form(&app, &client, &me, &ada.email).await;
    let theirs = login_form(&app, &client, &other, &ada.email).await;
    for (variant, forged) in forgeries(&form, &theirs) {
        // The snapshot's audit log shows the try was not even counted (each try is recorded).
        refused(&app, &me, "/login", variant, &forged, EXPIRED, Some(&ada.id)).await;
        let cb = prompt_none(&app, &client, &me).await;
        assert_eq!(
            cb.param("error").as_deref(),
            Some("login_required"),
            "/login with {variant}: signed in"
        );
    }

    let resp = me.post_form("/login", &form).await;
    assert!(sets_session_cookie(&resp), "the real form signs in");
    let cb = me.expect_redirect(resp).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);
}

/// The consent form of a third-party client's request in `browser`, after signing in.
async fn consent_form(app: &TestApp, client: &TestClient, browser: &Browser, email: &str) -> Form {
    let (url, _) = authorize_url(app, client, "openid email", &[]);
    let login = browser.page(&url).await;
    let resp = browser.submit_login(&login, email, PASSWORD).await;
    let page = match browser.follow(resp).await {
        Ok(cb) => panic!("a third-party client asks for consent, got {}", cb.url),
        Err(resp) => Page::from(resp).await,
    };
    assert!(page.is_consent(), "{}", page.html);
    with(&form_inputs(&page.html, "/consent"), &[("decision", "allow")])
}

#[tokio::test]
async fn the_consent_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let (me, other) = (app.browser(), app.browser());
    let form = consent_form(&app, &client, &me, &ada.email).await;
    let theirs = consent_form(&app, &client, &other, &ada.email).await;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(&app, &me, "/consent", variant, &forged, EXPIRED, Some(&ada.id)).await;
        let stored = app
            .store()
            .consents()
            .consented_scope(&ada.id, &client.id)
            .await
            .unwrap();
        assert_eq!(stored, None, "/consent with {variant}: consent stored");
    }

    let cb = me.expect_redirect(me.post_form("/consent", &form).await).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);
    let stored = app
        .store()
        .consents()
        .consented_scope(&ada.id, &client.id)
        .await
        .unwrap();
    assert!(stored.is_some(), "the real form stores the consent");
}

/// The sign-up form in `browser`, filled in for `email`.
async fn sign_up_form(browser: &Browser, email: &str) -> Form {
    let page = browser.page("/register").await;
    with(
        &form_inputs(&page.html, "/register"),
        &[
            ("email", email),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
}

#[tokio::test]
async fn the_sign_up_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let email = "newcomer@example.com";
    let (me, other) = (app.browser(), app.browser());
    let form = sign_up_form(&me, email).await;
    let theirs = sign_up_form(&other, email).await;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(&app, &me, "/register", variant, &forged, EXPIRED, None).await;
        let created = app.store().users().user_by_email(email).await.unwrap();
        assert!(created.is_none(), "/register with {variant}: account created");
    }

    let done = Page::from(me.post_form("/register", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Check your email"), "{}", done.html);
    assert!(app.store().users().user_by_email(email).await.unwrap().is_some());
    assert_mails(&app, email, VERIFY_MAIL, 1).await;
}

/// Signs up `email` in `browser`; returns the "check your email" page.
async fn check_email_page(app: &TestApp, browser: &Browser, email: &str) -> Page {
    let page = sign_up(app, browser, email, NEW_PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.html);
    page
}

#[tokio::test]
async fn the_verification_code_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let (me, other) = (app.browser(), app.browser());
    let mine = check_email_page(&app, &me, "me@example.com").await;
    let others = check_email_page(&app, &other, "other@example.com").await;
    let pending = app
        .store()
        .users()
        .user_by_email("me@example.com")
        .await
        .unwrap()
        .unwrap();
    let code = app.mail("me@example.com", VERIFY_MAIL).await.code();
    let form = with(&form_inputs(&mine.html, "/register/verify"), &[("code", &code)]);
    let theirs = with(&form_inputs(&others.html, "/register/verify"), &[("code", &code)]);
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/register/verify",
            variant,
            &forged,
            EXPIRED,
            Some(&pending.id),
        )
        .await;
        assert!(
            !user(&app, &pending.id).await.email_verified,
            "/register/verify with {variant}: verified"
        );
    }

    let resp = me.post_form("/register/verify", &form).await;
    assert!(sets_session_cookie(&resp), "the real form signs in");
    assert_eq!(header(&resp, "location"), "/account");
    assert!(user(&app, &pending.id).await.email_verified);
}

#[tokio::test]
async fn the_send_a_new_code_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let (me, other) = (app.browser(), app.browser());
    let mine = check_email_page(&app, &me, "me@example.com").await;
    let others = check_email_page(&app, &other, "other@example.com").await;
    let pending = app
        .store()
        .users()
        .user_by_email("me@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_mails(&app, "me@example.com", VERIFY_MAIL, 1).await;
    let form = form_inputs(&mine.html, "/register/resend");
    let theirs = form_inputs(&others.html, "/register/resend");
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/register/resend",
            variant,
            &forged,
            EXPIRED,
            Some(&pending.id),
        )
        .await;
    }

    let done = Page::from(me.post_form("/register/resend", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(
        done.html.contains("We sent a new link and code."),
        "{}",
        done.html
    );
    // The sign-up's mail and the real form's: none for the forged ones.
    assert_mails(&app, "me@example.com", VERIFY_MAIL, 2).await;
}

// ---------------------------------------------------------------------------------------------
// Anonymous forms: their token is an HMAC of the browser's own CSRF cookie.

/// The forgot-password form in `browser`, asking a link for `email`.
async fn forgot_form(browser: &Browser, email: &str) -> Form {
    let page = browser.page("/forgot-password").await;
    with(
        &form_inputs(&page.html, "/forgot-password"),
        &[("email", email), ("channel", "email")],
    )
}

/// The browser's CSRF cookie is set once and then kept: a second anonymous page in another tab
/// must not replace it, or the form of the first tab would stop working.
#[tokio::test]
async fn the_anonymous_csrf_cookie_is_set_once_and_every_tab_s_form_works() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let me = app.browser();
    let first = me.get("/forgot-password").await;
    let csrf_cookies = |resp: &reqwest::Response| {
        set_cookies(resp)
            .into_iter()
            .filter(|c| c.starts_with("portcullis_csrf="))
            .count()
    };
    assert_eq!(csrf_cookies(&first), 1, "the first page sets the cookie");
    let first = with(
        &form_inputs(&Page::from(first).await.html, "/forgot-password"),
        &[("email", &ada.email), ("channel", "email")],
    );
    let second = me.get("/forgot-password").await;
    assert_eq!(csrf_cookies(&second), 0, "the second page keeps the cookie");
    let second = with(
        &form_inputs(&Page::from(second).await.html, "/forgot-password"),
        &[("email", &ada.email), ("channel", "email")],
    );

    for (tab, form) in [("second tab", second), ("first tab", first)] {
        let done = Page::from(me.post_form("/forgot-password", &form).await).await;
        assert_eq!(done.status, 200, "{tab}: {}", done.html);
        assert!(done.html.contains("Check your email"), "{tab}: {}", done.html);
    }
}

#[tokio::test]
async fn the_forgot_password_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let (me, other) = (app.browser(), app.browser());
    let form = forgot_form(&me, &ada.email).await;
    let theirs = forgot_form(&other, &ada.email).await;
    for (variant, forged) in forgeries(&form, &theirs) {
        // No reset was requested: the audit log in the snapshot would say so.
        refused(
            &app,
            &me,
            "/forgot-password",
            variant,
            &forged,
            EXPIRED,
            Some(&ada.id),
        )
        .await;
    }

    let done = Page::from(me.post_form("/forgot-password", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Check your email"), "{}", done.html);
    assert_mails(&app, &ada.email, RESET_MAIL, 1).await;
}

#[tokio::test]
async fn the_reset_password_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let asker = app.browser();
    asker
        .post_form("/forgot-password", &forgot_form(&asker, &ada.email).await)
        .await;
    let link = app
        .mail(&ada.email, RESET_MAIL)
        .await
        .link_path(&app, "/reset-password");
    let reset_form = |b: Browser| {
        let link = link.clone();
        async move {
            let page = b.page(&link).await;
            let form = with(
                &form_inputs(&page.html, "/reset-password"),
                &[("password", NEW_PASSWORD), ("password_confirm", NEW_PASSWORD)],
            );
            (b, form)
        }
    };
    let (me, form) = reset_form(app.browser()).await;
    let (_other, theirs) = reset_form(app.browser()).await;
    let hash = user(&app, &ada.id).await.password_hash;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/reset-password",
            variant,
            &forged,
            EXPIRED,
            Some(&ada.id),
        )
        .await;
        assert_eq!(
            user(&app, &ada.id).await.password_hash,
            hash,
            "/reset-password with {variant}: password changed"
        );
    }
    assert!(
        logs_in(&app, &ada.email, PASSWORD).await,
        "the old password still works"
    );

    let done = Page::from(me.post_form("/reset-password", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Password changed"), "{}", done.html);
    assert!(logs_in(&app, &ada.email, NEW_PASSWORD).await);
}

#[tokio::test]
async fn the_reset_password_by_code_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let (me, other) = (app.browser(), app.browser());
    // The other browser takes the same step for an address with no account: the same page, and
    // no text message that could replace ada's code.
    let others = Page::from(forgot_password_by_sms(&other, "nobody@example.com").await).await;
    let mine = Page::from(forgot_password_by_sms(&me, &ada.email).await).await;
    let code = app.sms_code(ada.phone_number.as_deref().unwrap()).await;
    let fields = [
        ("email", ada.email.as_str()),
        ("code", code.as_str()),
        ("password", NEW_PASSWORD),
        ("password_confirm", NEW_PASSWORD),
    ];
    let form = with(&form_inputs(&mine.html, "/reset-password/code"), &fields);
    let theirs = with(&form_inputs(&others.html, "/reset-password/code"), &fields);
    let hash = user(&app, &ada.id).await.password_hash;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/reset-password/code",
            variant,
            &forged,
            EXPIRED,
            Some(&ada.id),
        )
        .await;
        assert_eq!(
            user(&app, &ada.id).await.password_hash,
            hash,
            "/reset-password/code with {variant}: password changed"
        );
    }
    assert!(
        logs_in(&app, &ada.email, PASSWORD).await,
        "the old password still works"
    );

    let done = Page::from(me.post_form("/reset-password/code", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Password changed"), "{}", done.html);
    assert!(logs_in(&app, &ada.email, NEW_PASSWORD).await);
}

/// The confirmation form behind a one-time link, opened in `browser`.
async fn link_form(browser: &Browser, link: &str, action: &str) -> Form {
    let page = browser.page(link).await;
    assert_eq!(page.status, 200, "{}", page.html);
    form_inputs(&page.html, action)
}

#[tokio::test]
async fn the_email_verification_link_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    check_email_page(&app, &app.browser(), "grace@example.com").await;
    let pending = app
        .store()
        .users()
        .user_by_email("grace@example.com")
        .await
        .unwrap()
        .unwrap();
    let link = app
        .mail("grace@example.com", VERIFY_MAIL)
        .await
        .link_path(&app, "/verify-email");
    let (me, other) = (app.browser(), app.browser());
    let form = link_form(&me, &link, "/verify-email").await;
    let theirs = link_form(&other, &link, "/verify-email").await;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/verify-email",
            variant,
            &forged,
            EXPIRED,
            Some(&pending.id),
        )
        .await;
        assert!(
            !user(&app, &pending.id).await.email_verified,
            "/verify-email with {variant}: verified"
        );
    }

    let done = Page::from(me.post_form("/verify-email", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Email verified"), "{}", done.html);
    assert!(user(&app, &pending.id).await.email_verified);
}

#[tokio::test]
async fn the_new_email_link_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let account = signed_in(&app, &ada.email).await;
    let asked = account_form(
        &account,
        "/account",
        "/account/email",
        &[("new_email", NEW_EMAIL), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(account.post_form("/account/email", &asked).await.status(), 200);
    let link = app
        .mail(NEW_EMAIL, NEW_EMAIL_MAIL)
        .await
        .link_path(&app, "/account/email/confirm");
    // The link works in any browser: these two are not signed in.
    let (me, other) = (app.browser(), app.browser());
    let form = link_form(&me, &link, "/account/email/confirm").await;
    let theirs = link_form(&other, &link, "/account/email/confirm").await;
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/account/email/confirm",
            variant,
            &forged,
            EXPIRED,
            Some(&ada.id),
        )
        .await;
        assert_eq!(
            user(&app, &ada.id).await.email,
            ada.email,
            "/account/email/confirm with {variant}: address changed"
        );
    }

    let done = Page::from(me.post_form("/account/email/confirm", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Email address changed"), "{}", done.html);
    assert_eq!(user(&app, &ada.id).await.email, NEW_EMAIL);
}

// ---------------------------------------------------------------------------------------------
// Signed-in forms: their token is an HMAC of the session, the same on every form of a session.
// "Another browser" is another session of the same user, so a token bound to the user rather
// than to the session would be caught too.

/// A browser signed in to the account pages as `email`.
async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    let page = browser.page("/account").await;
    assert!(page.is_sign_in(), "{}", page.html);
    let resp = browser.submit_login(&page, email, PASSWORD).await;
    assert_eq!(header(&resp, "location"), "/account");
    browser
}

/// Whether `browser` is still signed in to the account pages.
async fn is_signed_in(browser: &Browser) -> bool {
    let page = browser.page("/account").await;
    page.html.contains("Your account")
}

/// The form of `page` posting to `action`, with `fields` added.
async fn account_form(browser: &Browser, page: &str, action: &str, fields: &[(&str, &str)]) -> Form {
    let html = browser.page(page).await.html;
    with(&form_inputs(&html, action), fields)
}

/// Ada signed in twice: the browser under test and another session, with `action`'s form of
/// `page` filled in with `fields` in each.
struct TwoSessions {
    app: TestApp,
    ada: portcullis::domain::User,
    me: Browser,
    other: Browser,
    form: Form,
    theirs: Form,
}

async fn two_sessions(page: &str, action: &str, fields: &[(&str, &str)]) -> TwoSessions {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let me = signed_in(&app, &ada.email).await;
    let other = signed_in(&app, &ada.email).await;
    let form = account_form(&me, page, action, fields).await;
    let theirs = account_form(&other, page, action, fields).await;
    TwoSessions {
        app,
        ada,
        me,
        other,
        form,
        theirs,
    }
}

impl TwoSessions {
    /// Posts every forgery of the form to `action`; each must be refused and change nothing;
    /// both sessions must still be signed in.
    async fn refuse_forgeries(&self, action: &str) {
        for (variant, forged) in forgeries(&self.form, &self.theirs) {
            refused(
                &self.app,
                &self.me,
                action,
                variant,
                &forged,
                EXPIRED,
                Some(&self.ada.id),
            )
            .await;
            assert!(
                is_signed_in(&self.me).await,
                "{action} with {variant}: signed out"
            );
            assert!(
                is_signed_in(&self.other).await,
                "{action} with {variant}: the other session was signed out"
            );
        }
    }

    /// Posts the real form; returns the page it answers with.
    async fn submit(&self, action: &str) -> Page {
        Page::from(self.me.post_form(action, &self.form).await).await
    }

    async fn ada(&self) -> portcullis::domain::User {
        user(&self.app, &self.ada.id).await
    }
}

#[tokio::test]
async fn the_name_form_refuses_forged_tokens() {
    let t = two_sessions("/account", "/account/profile", &[("name", "Mallory")]).await;
    t.refuse_forgeries("/account/profile").await;
    assert_eq!(t.ada().await.name.as_deref(), Some("Ada Lovelace"));

    let done = t.submit("/account/profile").await;
    assert!(done.html.contains("Name saved."), "{}", done.html);
    assert_eq!(t.ada().await.name.as_deref(), Some("Mallory"));
}

#[tokio::test]
async fn the_change_email_form_refuses_forged_tokens() {
    let fields = [("new_email", NEW_EMAIL), ("password", PASSWORD)];
    let t = two_sessions("/account", "/account/email", &fields).await;
    // The snapshot's audit log shows no change was requested.
    t.refuse_forgeries("/account/email").await;

    let done = t.submit("/account/email").await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(
        done.html.contains("action=\"/account/email/code\""),
        "{}",
        done.html
    );
    assert_mails(&t.app, NEW_EMAIL, NEW_EMAIL_MAIL, 1).await;
}

#[tokio::test]
async fn the_new_email_code_form_refuses_forged_tokens() {
    let fields = [("new_email", NEW_EMAIL), ("password", PASSWORD)];
    let mut t = two_sessions("/account", "/account/email", &fields).await;
    let asked = t.submit("/account/email").await;
    let code = t.app.mail(NEW_EMAIL, NEW_EMAIL_MAIL).await.code();
    t.form = with(
        &form_inputs(&asked.html, "/account/email/code"),
        &[("code", &code)],
    );
    t.refuse_forgeries("/account/email/code").await;
    assert_eq!(t.ada().await.email, t.ada.email);

    let done = t.submit("/account/email/code").await;
    assert!(
        done.html.contains("Your email address was changed"),
        "{}",
        done.html
    );
    assert_eq!(t.ada().await.email, NEW_EMAIL);
}

#[tokio::test]
async fn the_change_phone_form_refuses_forged_tokens() {
    let t = two_sessions("/account", "/account/phone", &[("phone", NEW_PHONE)]).await;
    // The snapshot's audit log shows no code was sent.
    t.refuse_forgeries("/account/phone").await;

    let done = t.submit("/account/phone").await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(
        done.html.contains("action=\"/account/phone/verify\""),
        "{}",
        done.html
    );
    assert_texts(&t.app, NEW_PHONE, 1).await;
}

#[tokio::test]
async fn the_phone_code_form_refuses_forged_tokens() {
    let mut t = two_sessions("/account", "/account/phone", &[("phone", NEW_PHONE)]).await;
    let asked = t.submit("/account/phone").await;
    let code = t.app.sms_code(NEW_PHONE).await;
    t.form = with(
        &form_inputs(&asked.html, "/account/phone/verify"),
        &[("code", &code)],
    );
    t.refuse_forgeries("/account/phone/verify").await;
    assert_eq!(t.ada().await.phone_number, t.ada.phone_number);

    let done = t.submit("/account/phone/verify").await;
    assert!(done.html.contains("Phone number verified"), "{}", done.html);
    assert_eq!(t.ada().await.phone_number.as_deref(), Some(NEW_PHONE));
}

#[tokio::test]
async fn the_remove_phone_form_refuses_forged_tokens() {
    let t = two_sessions("/account", "/account/phone/remove", &[]).await;
    t.refuse_forgeries("/account/phone/remove").await;
    assert!(t.ada().await.phone_number.is_some());

    let done = t.submit("/account/phone/remove").await;
    assert!(done.html.contains("Phone number removed."), "{}", done.html);
    assert_eq!(t.ada().await.phone_number, None);
}

#[tokio::test]
async fn the_change_password_form_refuses_forged_tokens() {
    let fields = [
        ("current_password", PASSWORD),
        ("password", NEW_PASSWORD),
        ("password_confirm", NEW_PASSWORD),
    ];
    let t = two_sessions("/account/password", "/account/password", &fields).await;
    let hash = t.ada().await.password_hash;
    t.refuse_forgeries("/account/password").await;
    assert_eq!(t.ada().await.password_hash, hash);
    assert!(
        logs_in(&t.app, &t.ada.email, PASSWORD).await,
        "the old password still works"
    );

    let done = t.submit("/account/password").await;
    assert!(done.html.contains("Password changed"), "{}", done.html);
    assert!(logs_in(&t.app, &t.ada.email, NEW_PASSWORD).await);
}

#[tokio::test]
async fn the_sign_out_one_session_form_refuses_forged_tokens() {
    // The only other session on my sessions page is the other browser's.
    let t = two_sessions("/account/sessions", "/account/sessions/revoke", &[]).await;
    t.refuse_forgeries("/account/sessions/revoke").await;

    let done = t.submit("/account/sessions/revoke").await;
    assert!(done.html.contains("The session was signed out."), "{}", done.html);
    assert!(!is_signed_in(&t.other).await);
    assert!(is_signed_in(&t.me).await);
}

#[tokio::test]
async fn the_sign_out_other_sessions_form_refuses_forged_tokens() {
    let t = two_sessions("/account/sessions", "/account/sessions/revoke-others", &[]).await;
    t.refuse_forgeries("/account/sessions/revoke-others").await;

    let done = t.submit("/account/sessions/revoke-others").await;
    assert!(done.html.contains("1 other session signed out."), "{}", done.html);
    assert!(!is_signed_in(&t.other).await);
    assert!(is_signed_in(&t.me).await);
}

#[tokio::test]
async fn the_remove_application_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let (me, other) = (app.browser(), app.browser());
    login_and_tokens(&app, &client, &me, &ada.email, "openid").await;
    login_and_tokens(&app, &client, &other, &ada.email, "openid").await;
    let form = account_form(&me, "/account/apps", "/account/apps/revoke", &[]).await;
    let theirs = account_form(&other, "/account/apps", "/account/apps/revoke", &[]).await;
    assert_eq!(value(&form, "client_id"), client.id);
    for (variant, forged) in forgeries(&form, &theirs) {
        refused(
            &app,
            &me,
            "/account/apps/revoke",
            variant,
            &forged,
            EXPIRED,
            Some(&ada.id),
        )
        .await;
        let stored = app
            .store()
            .consents()
            .consented_scope(&ada.id, &client.id)
            .await
            .unwrap();
        assert!(
            stored.is_some(),
            "/account/apps/revoke with {variant}: consent removed"
        );
    }

    let done = Page::from(me.post_form("/account/apps/revoke", &form).await).await;
    assert!(done.html.contains("Access removed"), "{}", done.html);
    let stored = app
        .store()
        .consents()
        .consented_scope(&ada.id, &client.id)
        .await
        .unwrap();
    assert_eq!(stored, None);
}

#[tokio::test]
async fn the_delete_account_form_refuses_forged_tokens() {
    let fields = [("password", PASSWORD), ("confirm", "yes")];
    let t = two_sessions("/account/data", "/account/delete", &fields).await;
    t.refuse_forgeries("/account/delete").await;
    assert!(t.ada().await.deleted_at.is_none());

    let done = t.submit("/account/delete").await;
    assert!(done.html.contains("Account deleted"), "{}", done.html);
    assert!(t.ada().await.deleted_at.is_some());
}

#[tokio::test]
async fn the_stay_signed_in_form_refuses_forged_tokens() {
    let t = two_sessions("/account", "/account/keepalive", &[]).await;
    // Less than the minute after which any request records activity: only the form itself
    // would move the session's last activity (the snapshot holds it).
    t.app.clock.advance(30);
    t.refuse_forgeries("/account/keepalive").await;

    let resp = t.me.post_form("/account/keepalive", &t.form).await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["idle_remaining"].is_number(), "{body}");
    let now = portcullis::domain::Clock::now(t.app.clock.as_ref());
    let sessions = t
        .app
        .store()
        .sessions()
        .user_sessions(&t.ada.id, now)
        .await
        .unwrap();
    assert!(
        sessions.iter().any(|s| s.last_seen_at == now),
        "the real form records activity: {sessions:?}"
    );
}

#[tokio::test]
async fn the_account_sign_out_form_refuses_forged_tokens() {
    let t = two_sessions("/account", "/account/logout", &[]).await;
    t.refuse_forgeries("/account/logout").await;

    let done = t.submit("/account/logout").await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(!is_signed_in(&t.me).await);
    assert!(is_signed_in(&t.other).await);
}

// ---------------------------------------------------------------------------------------------
// The logout confirmation of RP-Initiated Logout: its token is an HMAC of the session cookie.

#[tokio::test]
async fn the_logout_confirmation_form_refuses_forged_tokens() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (me, other) = (app.browser(), app.browser());
    let mut forms = vec![];
    for b in [&me, &other] {
        login_and_tokens(&app, &client, b, &ada.email, "openid").await;
        let page = Page::from(b.get("/end_session").await).await;
        assert_eq!(page.status, 200, "{}", page.html);
        forms.push(form_inputs(&page.html, "/end_session/confirm"));
    }
    let (form, theirs) = (&forms[0], &forms[1]);
    for (variant, forged) in forgeries(form, theirs) {
        refused(
            &app,
            &me,
            "/end_session/confirm",
            variant,
            &forged,
            LOGOUT_REFUSED,
            Some(&ada.id),
        )
        .await;
        let cb = prompt_none(&app, &client, &me).await;
        assert!(
            cb.param("code").is_some(),
            "/end_session/confirm with {variant}: signed out: {}",
            cb.url
        );
    }

    let done = Page::from(me.post_form("/end_session/confirm", form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    let cb = prompt_none(&app, &client, &me).await;
    assert_eq!(cb.param("error").as_deref(), Some("login_required"), "{}", cb.url);
    assert!(prompt_none(&app, &client, &other).await.param("code").is_some());
}

// ---------------------------------------------------------------------------------------------

/// `/register/check-password` has no CSRF token, and needs none: it only applies the password
/// rules to what it is sent and answers JSON, which another site's page cannot read (no CORS
/// header), so a forged post learns nothing and changes nothing.
#[tokio::test]
async fn the_password_check_has_no_token_because_it_changes_nothing() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let browser = signed_in(&app, &ada.email).await;
    let before = snapshot(&app, Some(&ada.id)).await;
    for (password, weak) in [("password", true), (NEW_PASSWORD, false)] {
        let resp = browser
            .http
            .post(app.url("/register/check-password"))
            .header("origin", "https://evil.example")
            .form(&[("password", password), ("email", "ada@example.com")])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(
            header(&resp, "access-control-allow-origin"),
            "",
            "another site's page may not read the answer"
        );
        assert!(set_cookies(&resp).is_empty(), "{:?}", set_cookies(&resp));
        let body: serde_json::Value = resp.json().await.unwrap();
        let problems = body["problems"].as_array().expect("a list of problems");
        assert_eq!(!problems.is_empty(), weak, "{password}: {body}");
    }
    assert_eq!(snapshot(&app, Some(&ada.id)).await, before);
    assert!(is_signed_in(&browser).await);
}
