//! Sign-up, e-mail verification, prompt=create and the no-enumeration answers.

use crate::support::*;

pub const NEW_PASSWORD: &str = "violet-Quokka-harbour-1987";

/// Opens the sign-up page (starting an account sign-in) and submits it.
pub async fn sign_up(app: &TestApp, browser: &Browser, email: &str, password: &str) -> Page {
    let page = browser.page("/register").await;
    assert!(page.html.contains("Create your account"), "{}", page.html);
    let mut form = form_inputs(&page.html, "/register");
    form.extend([
        ("email".into(), email.into()),
        ("password".into(), password.into()),
        ("password_confirm".into(), password.into()),
        ("name".into(), "Grace Hopper".into()),
    ]);
    let _ = app;
    Page::from(browser.post_form("/register", &form).await).await
}

/// Confirms the verification link from the newest mail to `email`; returns the result page and
/// the link.
pub async fn confirm_link(app: &TestApp, browser: &Browser, email: &str) -> (Page, String) {
    let link = app
        .mail(email, "Verify your email")
        .await
        .link_path(app, "/verify-email");
    let confirm = browser.page(&link).await;
    assert!(
        confirm.html.contains("Confirm your email address"),
        "{}",
        confirm.html
    );
    let form = form_inputs(&confirm.html, "/verify-email");
    let done = Page::from(browser.post_form("/verify-email", &form).await).await;
    (done, link)
}

/// Normalises a page for comparison: tokens that are random per request are blanked.
pub fn without_tokens(html: &str, email: &str) -> String {
    let mut out = html.replace(email, "EMAIL");
    for name in ["interaction", "csrf"] {
        let marker = format!("name=\"{name}\" value=\"");
        let mut rest = out.as_str();
        let mut acc = String::new();
        while let Some(i) = rest.find(&marker) {
            acc.push_str(&rest[..i + marker.len()]);
            rest = &rest[i + marker.len()..];
            rest = &rest[rest.find('"').unwrap_or(0)..];
        }
        acc.push_str(rest);
        out = acc;
    }
    let mut acc = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find("interaction=") {
        acc.push_str(&rest[..i + 12]);
        rest = &rest[i + 12..];
        rest = &rest[rest.find(['"', '&']).unwrap_or(rest.len())..];
    }
    acc.push_str(rest);
    acc
}

#[tokio::test]
async fn sign_up_then_link_verifies_then_login_works() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let email = format!(
        "grace-{}@example.com",
        portcullis::crypto::secrets::random_token(4).to_lowercase()
    );
    let page = sign_up(&app, &browser, &email, PASSWORD).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("Check your email"), "{}", page.html);

    let link = app
        .mail(&email, "Verify your email")
        .await
        .link_path(&app, "/verify-email");

    // Not verified yet: the password is right, but there is no session.
    let user = app.store().users().user_by_email(&email).await.unwrap().unwrap();
    assert!(!user.email_verified);
    assert!(user.password_hash.as_deref().unwrap().starts_with("$argon2id$"));
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let other = app.browser();
    let login = other.page(&url).await;
    let resp = other.submit_login(&login, &email, PASSWORD).await;
    assert!(!sets_session_cookie(&resp));
    assert!(Page::from(resp).await.html.contains("Check your email"));

    // Opened in the browser that signed up, the link also finishes that sign-in (here the
    // account pages'): it proved the password at sign-up and now the mailbox.
    let confirm = browser.page(&link).await;
    assert!(
        confirm.html.contains("Confirm your email address"),
        "{}",
        confirm.html
    );
    let form = form_inputs(&confirm.html, "/verify-email");
    let done = Page::from(browser.post_form("/verify-email", &form).await).await;
    assert_eq!(done.status, 303, "{}", done.html);
    assert!(!browser.page("/account").await.is_sign_in());
    assert!(
        app.store()
            .users()
            .user_by_email(&email)
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );

    // The link works once.
    let again = browser.page(&link).await;
    assert_eq!(again.status, 400);
    assert!(again.html.contains("expired"));

    // And the password signs in anywhere now.
    let cb = app.browser().authorize(&url, &email).await;
    assert!(cb.param("code").is_some());
}

#[tokio::test]
async fn prompt_create_signs_up_and_the_code_finishes_the_authorization() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid email", &[("prompt", "create")]);
    let page = browser.page(&url).await;
    assert!(page.html.contains("Create your account"), "{}", page.html);
    let email = "ada.create@example.com";
    let mut form = form_inputs(&page.html, "/register");
    form.extend([
        ("email".into(), email.into()),
        ("password".into(), NEW_PASSWORD.into()),
        ("password_confirm".into(), NEW_PASSWORD.into()),
    ]);
    let check = Page::from(browser.post_form("/register", &form).await).await;
    assert!(check.html.contains("Check your email"), "{}", check.html);
    let code = app.mail(email, "Verify your email").await.code();

    // A wrong code is refused with a message, and changes nothing.
    let mut wrong = form_inputs(&check.html, "/register/verify");
    let bad = if code == "000000" { "111111" } else { "000000" };
    wrong.push(("code".into(), bad.into()));
    let refused = Page::from(browser.post_form("/register/verify", &wrong).await).await;
    assert_eq!(refused.status, 400);
    assert!(refused.html.contains("wrong or has expired"));

    let mut form = form_inputs(&check.html, "/register/verify");
    form.push(("code".into(), code));
    let cb = browser
        .expect_redirect(browser.post_form("/register/verify", &form).await)
        .await;
    let tokens: serde_json::Value = exchange_code(&app, &client, &cb.param("code").unwrap(), &verifier)
        .await
        .json()
        .await
        .unwrap();
    let claims = app.claims(tokens["id_token"].as_str().unwrap()).await;
    let user = app.store().users().user_by_email(email).await.unwrap().unwrap();
    assert_eq!(claims["sub"], user.id.as_str());
    assert!(user.email_verified);

    let discovery: serde_json::Value = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        discovery["prompt_values_supported"]
            .as_array()
            .unwrap()
            .contains(&"create".into())
    );
}

#[tokio::test]
async fn five_wrong_codes_destroy_the_code() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let email = "tries@example.com";
    let check = sign_up(&app, &browser, email, NEW_PASSWORD).await;
    let code = app.mail(email, "Verify your email").await.code();
    let bad = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let mut f = form_inputs(&check.html, "/register/verify");
        f.push(("code".into(), bad.into()));
        assert_eq!(browser.post_form("/register/verify", &f).await.status(), 400);
    }
    let mut f = form_inputs(&check.html, "/register/verify");
    f.push(("code".into(), code));
    assert_eq!(browser.post_form("/register/verify", &f).await.status(), 400);
    assert!(
        !app.store()
            .users()
            .user_by_email(email)
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );
}

#[tokio::test]
async fn a_taken_address_gets_the_same_answer_and_its_owner_a_mail() {
    let app = TestApp::spawn().await;
    let owner = app.create_user("taken@example.com").await;
    let new = sign_up(&app, &app.browser(), "fresh@example.com", NEW_PASSWORD).await;
    let taken = sign_up(&app, &app.browser(), "taken@example.com", NEW_PASSWORD).await;
    assert_eq!(new.status, taken.status);
    assert_eq!(
        without_tokens(&new.html, "fresh@example.com"),
        without_tokens(&taken.html, "taken@example.com")
    );
    let mail = app.mail(&owner.email, "Someone tried to sign up").await;
    assert!(mail.text.contains("nothing was changed"));
    // Both parts: text and HTML, the HTML with the sign-in button.
    assert!(
        mail.html.contains("nothing was changed") && mail.html.contains("href=\"http"),
        "{}",
        mail.html
    );
    assert!(
        app.mails_to(&owner.email)
            .iter()
            .all(|m| !m.subject.contains("Verify"))
    );
    // The owner's password is untouched.
    let after = app
        .store()
        .users()
        .user_by_email(&owner.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.password_hash, owner.password_hash);
}

#[tokio::test]
async fn weak_or_mismatched_passwords_are_refused_with_reasons() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    for (password, confirm, reason) in [
        ("short", "short", "at least 10"),
        ("password123", "password123", "too easy to guess"),
        ("grace-hopper-1906", "grace-hopper-1906", "name or email"),
        (NEW_PASSWORD, "something-else-entirely-7", "do not match"),
    ] {
        let page = browser.page("/register").await;
        let mut form = form_inputs(&page.html, "/register");
        form.extend([
            ("email".into(), "grace.hopper@example.com".into()),
            ("password".into(), password.into()),
            ("password_confirm".into(), confirm.into()),
            ("name".into(), "Grace Hopper".into()),
        ]);
        let resp = Page::from(browser.post_form("/register", &form).await).await;
        assert_eq!(resp.status, 400, "{password}");
        assert!(resp.html.contains(reason), "{password}: {}", resp.html);
        assert!(resp.html.contains("role=\"alert\""));
    }
    assert!(
        app.store()
            .users()
            .user_by_email("grace.hopper@example.com")
            .await
            .unwrap()
            .is_none()
    );

    // The live check behind the form's script gives the same reasons.
    let live: serde_json::Value = app
        .http()
        .post(app.url("/register/check-password"))
        .form(&[("password", "password123"), ("email", "x@example.com")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!live["problems"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn sign_up_can_be_turned_off() {
    let app = TestApp::spawn_with(|c| c.signup_enabled = Some(false)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let resp = app.browser().get("/register").await;
    assert_eq!(resp.status(), 404);
    let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "create")]);
    let page = app.browser().page(&url).await;
    assert!(page.is_login_form());
    assert!(!page.html.contains("Create account"));
    let discovery: serde_json::Value = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !discovery["prompt_values_supported"]
            .as_array()
            .unwrap()
            .contains(&"create".into())
    );
}

#[tokio::test]
async fn sign_ups_never_verified_are_erased_after_their_time_to_live() {
    let app = TestApp::spawn().await;
    let verified = app.create_user("kept@example.com").await;
    sign_up(&app, &app.browser(), "abandoned@example.com", PASSWORD).await;
    let pending = app
        .store()
        .users()
        .user_by_email("abandoned@example.com")
        .await
        .unwrap()
        .unwrap();
    let config = app.state.provider.config.clone();
    let created = pending.created_at;

    portcullis::jobs::sweep::run_once(app.store(), created + config.unverified_account_ttl - 1, &config)
        .await;
    assert!(
        app.store()
            .users()
            .user_by_id(&pending.id)
            .await
            .unwrap()
            .is_some()
    );

    portcullis::jobs::sweep::run_once(app.store(), created + config.unverified_account_ttl + 1, &config)
        .await;
    assert!(
        app.store()
            .users()
            .user_by_id(&pending.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app.store()
            .users()
            .user_by_id(&verified.id)
            .await
            .unwrap()
            .is_some()
    );
    let trail = app
        .store()
        .audit()
        .audit_entries(Some(&pending.id), 0, 100)
        .await
        .unwrap();
    assert!(
        trail.iter().any(|e| e.action == "account.registered"),
        "{trail:?}"
    );
    assert!(trail.iter().all(|e| e.ip.is_none() && e.user_agent.is_none()));
}
