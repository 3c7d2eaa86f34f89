//! The verify budget: the e-mail verification link and code, the code for a new phone number,
//! the link and code for a new e-mail address, the password-reset link and texted code.

use super::*;
use crate::mailbox::Mail;
use crate::registration::confirm_link;

#[tokio::test]
async fn email_verification_links_are_limited_per_ip() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let emails: Vec<String> = (0..MAX + 2).map(|i| format!("link-{i}@example.com")).collect();
    for email in &emails {
        sign_up(&app, &app.browser(), email, NEW_PASSWORD).await;
    }
    for email in &emails[..MAX] {
        let (done, _) = confirm_link(&app, &browser_at(&app, 1), email).await;
        assert_page(&done, 200, "Email verified", email);
    }
    let last = &emails[MAX];
    let (refused, _) = confirm_link(&app, &browser_at(&app, 1), last).await;
    let wait = assert_limited(&app, &refused, "another account's link from a spent IP");
    let user = app.store().users().user_by_email(last).await.unwrap().unwrap();
    assert!(!user.email_verified, "the refused link verified the address");

    let (elsewhere, _) = confirm_link(&app, &browser_at(&app, 2), last).await;
    assert_page(&elsewhere, 200, "Email verified", "the same link from another IP");
    app.clock.advance(wait);
    let (next, _) = confirm_link(&app, &browser_at(&app, 1), &emails[MAX + 1]).await;
    assert_page(&next, 200, "Email verified", "the spent IP in the next window");
}

#[tokio::test]
async fn email_verification_codes_are_limited_per_ip_whichever_account_they_are_for() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let pending = pending_sign_ups(&app, "code-ip", MAX + 2).await;
    for p in &pending[..MAX] {
        assert_signed_in(&p.enter_code(1, &p.code).await, &p.email);
    }
    let last = &pending[MAX];
    let refused = last.enter_code(1, &last.code).await;
    let wait = assert_limited(&app, &refused, "another account's code from a spent IP");
    assert!(!starts_session(&refused), "the refused code started a session");
    assert!(
        !last.verified(&app).await,
        "the refused code verified the address"
    );

    assert_signed_in(
        &last.enter_code(2, &last.code).await,
        "the same code from another IP",
    );
    app.clock.advance(wait);
    let next = &pending[MAX + 1];
    assert_signed_in(
        &next.enter_code(1, &next.code).await,
        "the spent IP in the next window",
    );
}

#[tokio::test]
async fn email_verification_codes_are_limited_per_account_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_account, &mut c.rate_limits.verify_ip)).await;
    let target = pending_sign_up(&app, "code-acct-0@example.com").await;
    let other = pending_sign_up(&app, "code-acct-1@example.com").await;
    for n in 1..=MAX as u8 {
        let page = target.enter_code(n, wrong(&target.code)).await;
        assert_page(
            &page,
            400,
            "wrong or has expired",
            &format!("wrong code from 127.0.0.{n}"),
        );
    }
    let refused = target.enter_code(4, &target.code).await;
    let wait = assert_limited(&app, &refused, "a spent account's code from a new IP");
    assert!(!starts_session(&refused), "the refused code started a session");
    assert!(
        !target.verified(&app).await,
        "the refused code verified the address"
    );

    assert_signed_in(
        &other.enter_code(4, &other.code).await,
        "another account from that IP",
    );
    app.clock.advance(wait);
    // The code was not checked (nor used up) while refused.
    assert_signed_in(
        &target.enter_code(4, &target.code).await,
        "the spent account in the next window",
    );
}

// ---------------------------------------------------------------------------------------------
// the code for a new phone number

struct PhoneChange {
    who: Roaming,
    user: User,
    asked: Page,
    phone: String,
    code: String,
}

const PHONE_VERIFIED: &str = "Phone number verified.";
const CODE_WRONG: &str = "That code is wrong or has expired.";

async fn phone_changes(app: &TestApp, prefix: &str, n: usize) -> Vec<PhoneChange> {
    let mut out = Vec::new();
    for (i, user) in users(app, prefix, n).await.into_iter().enumerate() {
        let who = signed_in(app, &user.email).await;
        let phone = format!("+44207946{i:04}");
        let asked = submit_at(&who, 9, "/account", "/account/phone", &[("phone", &phone)]).await;
        assert_page(&asked, 200, "We texted a code", &user.email);
        let code = app.sms_code(&phone).await;
        out.push(PhoneChange {
            who,
            user,
            asked,
            phone,
            code,
        });
    }
    out
}

impl PhoneChange {
    async fn enter_code(&self, n: u8, code: &str) -> Page {
        let form = form_inputs(&self.asked.html, "/account/phone/verify");
        post(&self.who.at(n), "/account/phone/verify", form, &[("code", code)]).await
    }

    async fn saved(&self, app: &TestApp) -> bool {
        stored(app, &self.user.id).await.phone_number.as_deref() == Some(self.phone.as_str())
    }
}

#[tokio::test]
async fn phone_codes_are_limited_per_ip_whichever_account_they_are_for() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let changes = phone_changes(&app, "phone-code-ip", MAX + 2).await;
    for c in &changes[..MAX] {
        assert_page(
            &c.enter_code(1, &c.code).await,
            200,
            PHONE_VERIFIED,
            &c.user.email,
        );
    }
    let last = &changes[MAX];
    let refused = last.enter_code(1, &last.code).await;
    let wait = assert_limited(&app, &refused, "another account's code from a spent IP");
    assert!(!last.saved(&app).await, "the refused code saved the number");

    let elsewhere = last.enter_code(2, &last.code).await;
    assert_page(&elsewhere, 200, PHONE_VERIFIED, "the same code from another IP");
    assert!(last.saved(&app).await);
    app.clock.advance(wait);
    let next = &changes[MAX + 1];
    let page = next.enter_code(1, &next.code).await;
    assert_page(&page, 200, PHONE_VERIFIED, "the spent IP in the next window");
}

#[tokio::test]
async fn phone_codes_are_limited_per_account_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_account, &mut c.rate_limits.verify_ip)).await;
    let changes = phone_changes(&app, "phone-code-acct", 2).await;
    let (target, other) = (&changes[0], &changes[1]);
    for n in 1..=MAX as u8 {
        let page = target.enter_code(n, wrong(&target.code)).await;
        assert_page(&page, 400, CODE_WRONG, &format!("wrong code from 127.0.0.{n}"));
    }
    let refused = target.enter_code(4, &target.code).await;
    let wait = assert_limited(&app, &refused, "a spent account's code from a new IP");
    assert!(!target.saved(&app).await, "the refused code saved the number");

    let page = other.enter_code(4, &other.code).await;
    assert_page(&page, 200, PHONE_VERIFIED, "another account from that IP");
    app.clock.advance(wait);
    let page = target.enter_code(4, &target.code).await;
    assert_page(&page, 200, PHONE_VERIFIED, "the spent account in the next window");
}

// ---------------------------------------------------------------------------------------------
// the link and code for a new e-mail address

struct EmailChange {
    who: Roaming,
    user: User,
    asked: Page,
    new_email: String,
    mail: Mail,
}

const EMAIL_CHANGED: &str = "Your email address was changed.";

async fn email_changes(app: &TestApp, prefix: &str, n: usize) -> Vec<EmailChange> {
    let mut out = Vec::new();
    for (i, user) in users(app, prefix, n).await.into_iter().enumerate() {
        let who = signed_in(app, &user.email).await;
        let new_email = format!("{prefix}-new-{i}@example.com");
        let fields = [("new_email", new_email.as_str()), ("password", PASSWORD)];
        let asked = submit_at(&who, 9, "/account", "/account/email", &fields).await;
        assert_page(&asked, 200, "Check the new address", &user.email);
        let mail = app.mail(&new_email, "Confirm your new email").await;
        out.push(EmailChange {
            who,
            user,
            asked,
            new_email,
            mail,
        });
    }
    out
}

impl EmailChange {
    async fn enter_code(&self, n: u8, code: &str) -> Page {
        let form = form_inputs(&self.asked.html, "/account/email/code");
        post(&self.who.at(n), "/account/email/code", form, &[("code", code)]).await
    }

    /// Opens the mailed link and presses its button, in a fresh browser at 127.0.0.n.
    async fn confirm_link(&self, app: &TestApp, n: u8) -> Page {
        let browser = browser_at(app, n);
        let page = browser
            .page(&self.mail.link_path(app, "/account/email/confirm"))
            .await;
        assert_page(&page, 200, "Confirm your new email address", "the link's page");
        post(
            &browser,
            "/account/email/confirm",
            form_inputs(&page.html, "/account/email/confirm"),
            &[],
        )
        .await
    }

    async fn changed(&self, app: &TestApp) -> bool {
        stored(app, &self.user.id).await.email == self.new_email
    }
}

#[tokio::test]
async fn email_change_links_are_limited_per_ip() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let changes = email_changes(&app, "email-link-ip", MAX + 2).await;
    for c in &changes[..MAX] {
        let page = c.confirm_link(&app, 1).await;
        assert_page(&page, 200, "Email address changed", &c.user.email);
    }
    let last = &changes[MAX];
    let refused = last.confirm_link(&app, 1).await;
    let wait = assert_limited(&app, &refused, "another account's link from a spent IP");
    assert!(!last.changed(&app).await, "the refused link changed the address");

    let page = last.confirm_link(&app, 2).await;
    assert_page(
        &page,
        200,
        "Email address changed",
        "the same link from another IP",
    );
    assert!(last.changed(&app).await);
    app.clock.advance(wait);
    let page = changes[MAX + 1].confirm_link(&app, 1).await;
    assert_page(
        &page,
        200,
        "Email address changed",
        "the spent IP in the next window",
    );
}

#[tokio::test]
async fn email_change_codes_are_limited_per_ip_whichever_account_they_are_for() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let changes = email_changes(&app, "email-code-ip", MAX + 2).await;
    for c in &changes[..MAX] {
        assert_page(
            &c.enter_code(1, &c.mail.code()).await,
            200,
            EMAIL_CHANGED,
            &c.user.email,
        );
    }
    let last = &changes[MAX];
    let refused = last.enter_code(1, &last.mail.code()).await;
    let wait = assert_limited(&app, &refused, "another account's code from a spent IP");
    assert!(!last.changed(&app).await, "the refused code changed the address");

    let page = last.enter_code(2, &last.mail.code()).await;
    assert_page(&page, 200, EMAIL_CHANGED, "the same code from another IP");
    assert!(last.changed(&app).await);
    app.clock.advance(wait);
    let next = &changes[MAX + 1];
    let page = next.enter_code(1, &next.mail.code()).await;
    assert_page(&page, 200, EMAIL_CHANGED, "the spent IP in the next window");
}

#[tokio::test]
async fn email_change_codes_are_limited_per_account_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_account, &mut c.rate_limits.verify_ip)).await;
    let changes = email_changes(&app, "email-code-acct", 2).await;
    let (target, other) = (&changes[0], &changes[1]);
    let code = target.mail.code();
    for n in 1..=MAX as u8 {
        let page = target.enter_code(n, wrong(&code)).await;
        assert_page(&page, 400, CODE_WRONG, &format!("wrong code from 127.0.0.{n}"));
    }
    let refused = target.enter_code(4, &code).await;
    let wait = assert_limited(&app, &refused, "a spent account's code from a new IP");
    assert!(
        !target.changed(&app).await,
        "the refused code changed the address"
    );

    let page = other.enter_code(4, &other.mail.code()).await;
    assert_page(&page, 200, EMAIL_CHANGED, "another account from that IP");
    app.clock.advance(wait);
    let page = target.enter_code(4, &code).await;
    assert_page(&page, 200, EMAIL_CHANGED, "the spent account in the next window");
}

// ---------------------------------------------------------------------------------------------
// the reset link and the texted reset code

const RESET_DONE: &str = "Password changed";

async fn reset_links(app: &TestApp, prefix: &str, n: usize) -> Vec<(User, String)> {
    let mut out = Vec::new();
    for user in users(app, prefix, n).await {
        assert_page(
            &forgot(&app.browser(), &user.email, "email").await,
            200,
            RESET_ASKED,
            &user.email,
        );
        let link = app
            .mail(&user.email, "Reset your password")
            .await
            .link_path(app, "/reset-password");
        out.push((user, link));
    }
    out
}

/// Opens a reset link and sets NEW_PASSWORD, in a fresh browser at 127.0.0.n.
async fn reset_by_link(app: &TestApp, link: &str, n: u8) -> Page {
    let browser = browser_at(app, n);
    let page = browser.page(link).await;
    assert_page(&page, 200, "Choose a new password", "the reset link's page");
    let form = form_inputs(&page.html, "/reset-password");
    let fields = [("password", NEW_PASSWORD), ("password_confirm", NEW_PASSWORD)];
    post(&browser, "/reset-password", form, &fields).await
}

#[tokio::test]
async fn reset_links_are_limited_per_ip() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let links = reset_links(&app, "reset-link-ip", MAX + 2).await;
    for (user, link) in &links[..MAX] {
        assert_page(&reset_by_link(&app, link, 1).await, 200, RESET_DONE, &user.email);
    }
    let (last, link) = &links[MAX];
    let refused = reset_by_link(&app, link, 1).await;
    let wait = assert_limited(&app, &refused, "another account's link from a spent IP");
    assert_eq!(
        stored(&app, &last.id).await.password_hash,
        last.password_hash,
        "the refused link changed the password"
    );

    let page = reset_by_link(&app, link, 2).await;
    assert_page(&page, 200, RESET_DONE, "the same link from another IP");
    app.clock.advance(wait);
    let page = reset_by_link(&app, &links[MAX + 1].1, 1).await;
    assert_page(&page, 200, RESET_DONE, "the spent IP in the next window");
}

/// A reset by texted code, waiting in its browser for the code.
struct SmsReset {
    who: Roaming,
    user: User,
    page: Page,
    code: String,
}

async fn sms_resets(app: &TestApp, prefix: &str, n: usize) -> Vec<SmsReset> {
    let mut out = Vec::new();
    for (i, user) in users(app, prefix, n).await.into_iter().enumerate() {
        let phone = format!("+44207946{i:04}");
        let now = app.clock.now();
        app.store()
            .users()
            .set_phone(&user.id, Some(&phone), true, now, &app.entry("profile.updated"))
            .await
            .unwrap();
        let who = Roaming::new(app);
        let page = forgot(&who.at(9), &user.email, "sms").await;
        assert_page(&page, 200, "Code from the text message", &user.email);
        let code = app.sms_code(&phone).await;
        out.push(SmsReset {
            who,
            user,
            page,
            code,
        });
    }
    out
}

impl SmsReset {
    async fn enter_code(&self, n: u8, code: &str) -> Page {
        let form = form_inputs(&self.page.html, "/reset-password/code");
        let fields = [
            ("email", self.user.email.as_str()),
            ("code", code),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ];
        post(&self.who.at(n), "/reset-password/code", form, &fields).await
    }

    async fn unchanged(&self, app: &TestApp) -> bool {
        stored(app, &self.user.id).await.password_hash == self.user.password_hash
    }
}

#[tokio::test]
async fn reset_codes_are_limited_per_ip_whichever_account_they_are_for() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_ip, &mut c.rate_limits.verify_account)).await;
    let resets = sms_resets(&app, "reset-code-ip", MAX + 2).await;
    for r in &resets[..MAX] {
        assert_page(&r.enter_code(1, &r.code).await, 200, RESET_DONE, &r.user.email);
    }
    let last = &resets[MAX];
    let refused = last.enter_code(1, &last.code).await;
    let wait = assert_limited(&app, &refused, "another account's code from a spent IP");
    assert!(
        last.unchanged(&app).await,
        "the refused code changed the password"
    );

    let page = last.enter_code(2, &last.code).await;
    assert_page(&page, 200, RESET_DONE, "the same code from another IP");
    app.clock.advance(wait);
    let next = &resets[MAX + 1];
    assert_page(
        &next.enter_code(1, &next.code).await,
        200,
        RESET_DONE,
        "the spent IP in the next window",
    );
}

#[tokio::test]
async fn reset_codes_are_limited_per_account_whichever_ip_they_come_from() {
    let app =
        TestApp::spawn_with(|c| only(&mut c.rate_limits.verify_account, &mut c.rate_limits.verify_ip)).await;
    let resets = sms_resets(&app, "reset-code-acct", 2).await;
    let (target, other) = (&resets[0], &resets[1]);
    for n in 1..=MAX as u8 {
        let page = target.enter_code(n, wrong(&target.code)).await;
        assert_page(&page, 400, CODE_WRONG, &format!("wrong code from 127.0.0.{n}"));
    }
    let refused = target.enter_code(4, &target.code).await;
    let wait = assert_limited(&app, &refused, "a spent account's code from a new IP");
    assert!(
        target.unchanged(&app).await,
        "the refused code changed the password"
    );

    let page = other.enter_code(4, &other.code).await;
    assert_page(&page, 200, RESET_DONE, "another account from that IP");
    app.clock.advance(wait);
    let page = target.enter_code(4, &target.code).await;
    assert_page(&page, 200, RESET_DONE, "the spent account in the next window");
}
