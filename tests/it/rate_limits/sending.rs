//! Budgets of what sends mail or text messages: recovery (forgot password) and otp (verification
//! resend, a code for a new phone number, the mail to a new e-mail address).

use super::*;
use crate::mailbox::Mail;

// ---------------------------------------------------------------------------------------------
// recovery

#[tokio::test]
async fn reset_requests_are_limited_per_ip_whichever_account_they_are_for() {
    let app = TestApp::spawn_with(|c| {
        only(
            &mut c.rate_limits.recovery_ip,
            &mut c.rate_limits.recovery_account,
        )
    })
    .await;
    let users = users(&app, "recovery-ip", MAX + 2).await;
    for u in &users[..MAX] {
        assert_page(
            &forgot(&browser_at(&app, 1), &u.email, "email").await,
            200,
            RESET_ASKED,
            &u.email,
        );
    }
    let last = &users[MAX];
    let refused = forgot(&browser_at(&app, 1), &last.email, "email").await;
    let wait = assert_limited(&app, &refused, "another account from a spent IP");
    let requested = audited(&app, &last.id, "password.reset_requested").await;
    assert_eq!(requested, 0, "the refused request sent a link");

    let page = forgot(&browser_at(&app, 2), &last.email, "email").await;
    assert_page(&page, 200, RESET_ASKED, "the same account from another IP");
    assert_eq!(audited(&app, &last.id, "password.reset_requested").await, 1);
    app.clock.advance(wait);
    let page = forgot(&browser_at(&app, 1), &users[MAX + 1].email, "email").await;
    assert_page(&page, 200, RESET_ASKED, "the spent IP in the next window");
}

#[tokio::test]
async fn reset_requests_are_limited_per_account_whichever_ip_they_come_from() {
    let app = TestApp::spawn_with(|c| {
        only(
            &mut c.rate_limits.recovery_account,
            &mut c.rate_limits.recovery_ip,
        )
    })
    .await;
    let [target, other] = <[User; 2]>::try_from(users(&app, "recovery-acct", 2).await).unwrap();
    // Spelt as people type it: the budget belongs to the normalised address.
    let spellings = [
        "recovery-acct-0@example.com",
        "Recovery-Acct-0@Example.com",
        " RECOVERY-ACCT-0@EXAMPLE.COM ",
    ];
    for (n, spelling) in (1..).zip(spellings) {
        let page = forgot(&browser_at(&app, n), spelling, "email").await;
        assert_page(&page, 200, RESET_ASKED, &format!("{spelling:?} from 127.0.0.{n}"));
    }
    let refused = forgot(&browser_at(&app, 4), &target.email, "email").await;
    let wait = assert_limited(&app, &refused, "a spent account from a new IP");
    let requested = audited(&app, &target.id, "password.reset_requested").await;
    assert_eq!(requested, MAX, "the refused request sent a link");

    let page = forgot(&browser_at(&app, 4), &other.email, "email").await;
    assert_page(&page, 200, RESET_ASKED, "another account from that IP");
    app.clock.advance(wait);
    let page = forgot(&browser_at(&app, 4), &target.email, "email").await;
    assert_page(&page, 200, RESET_ASKED, "the spent account in the next window");
    assert_eq!(
        audited(&app, &target.id, "password.reset_requested").await,
        MAX + 1
    );
}

// ---------------------------------------------------------------------------------------------
// otp: sending codes (verification resend, new phone, new e-mail address)

const RESENT: &str = "We sent a new link and code.";

/// Waits for the `n`th mail to `to` (mail goes out in the background); returns them, oldest first.
async fn mails(app: &TestApp, to: &str, n: usize) -> Vec<Mail> {
    for _ in 0..200 {
        let mails = app.mails_to(to);
        if mails.len() >= n {
            return mails;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} mails to {to}: {:?}", app.mails_to(to));
}

#[tokio::test]
async fn verification_resends_are_limited_per_ip_whichever_account_they_are_for() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_ip, &mut c.rate_limits.otp_account)).await;
    let pending = pending_sign_ups(&app, "resend-ip", MAX + 2).await;
    for p in &pending[..MAX] {
        assert_page(&p.resend(1).await, 200, RESENT, &p.email);
    }
    let last = &pending[MAX];
    let refused = last.resend(1).await;
    let wait = assert_limited(&app, &refused, "another account from a spent IP");
    // No new code replaced the one from the sign-up.
    assert_signed_in(
        &last.enter_code(1, &last.code).await,
        "the sign-up's code after the refusal",
    );

    let other = &pending[MAX + 1];
    assert_page(&other.resend(2).await, 200, RESENT, "another IP");
    app.clock.advance(wait);
    assert_page(
        &other.resend(1).await,
        200,
        RESENT,
        "the spent IP in the next window",
    );
}

#[tokio::test]
async fn verification_resends_are_limited_per_account_whichever_ip_they_come_from() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_account, &mut c.rate_limits.otp_ip)).await;
    let target = pending_sign_up(&app, "resend-acct-0@example.com").await;
    let other = pending_sign_up(&app, "resend-acct-1@example.com").await;
    for n in 1..=MAX as u8 {
        assert_page(&target.resend(n).await, 200, RESENT, &format!("from 127.0.0.{n}"));
        // One at a time, so the newest mail holds the newest code.
        mails(&app, &target.email, 1 + n as usize).await;
    }
    let newest = mails(&app, &target.email, 1 + MAX).await.pop().unwrap().code();
    let refused = target.resend(4).await;
    assert_limited(&app, &refused, "a spent account from a new IP");

    // Signing in with the right password normally sends a fresh code too; not over the budget.
    let login = sign_in(&browser_at(&app, 5), &target.email, NEW_PASSWORD).await;
    assert_page(
        &login,
        200,
        "Verify your email address to finish signing in.",
        "sign-in",
    );
    assert!(!login.html.contains("We sent you a new link"), "{}", login.html);

    assert_page(
        &other.resend(4).await,
        200,
        RESENT,
        "another account from that IP",
    );
    // Neither sent a code: the newest one mailed still works.
    assert_signed_in(
        &target.enter_code(4, &newest).await,
        "the newest code after the refusals",
    );
}

/// Users signed in to the account pages.
async fn signed_in_users(app: &TestApp, prefix: &str, n: usize) -> Vec<(User, Roaming)> {
    let mut out = Vec::new();
    for user in users(app, prefix, n).await {
        let who = signed_in(app, &user.email).await;
        out.push((user, who));
    }
    out
}

async fn ask_phone_code(who: &Roaming, n: u8) -> Page {
    submit_at(
        who,
        n,
        "/account",
        "/account/phone",
        &[("phone", "+44 20 7946 0958")],
    )
    .await
}

const TEXTED: &str = "We texted a code to the new number.";

#[tokio::test]
async fn phone_codes_sent_are_limited_per_ip_whichever_account_asks() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_ip, &mut c.rate_limits.otp_account)).await;
    let users = signed_in_users(&app, "phone-otp-ip", MAX + 2).await;
    for (user, who) in &users[..MAX] {
        assert_page(&ask_phone_code(who, 1).await, 200, TEXTED, &user.email);
    }
    let (last, who) = &users[MAX];
    let refused = ask_phone_code(who, 1).await;
    let wait = assert_limited(&app, &refused, "another account from a spent IP");
    assert_eq!(
        audited(&app, &last.id, "phone.code_sent").await,
        0,
        "the refused request sent a code"
    );

    assert_page(
        &ask_phone_code(who, 2).await,
        200,
        TEXTED,
        "the same account from another IP",
    );
    assert_eq!(audited(&app, &last.id, "phone.code_sent").await, 1);
    app.clock.advance(wait);
    let page = ask_phone_code(&users[MAX + 1].1, 1).await;
    assert_page(&page, 200, TEXTED, "the spent IP in the next window");
}

#[tokio::test]
async fn phone_codes_sent_are_limited_per_account_whichever_ip_asks() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_account, &mut c.rate_limits.otp_ip)).await;
    let users = signed_in_users(&app, "phone-otp-acct", 2).await;
    let ((target, who), (_, other)) = (&users[0], &users[1]);
    for n in 1..=MAX as u8 {
        assert_page(
            &ask_phone_code(who, n).await,
            200,
            TEXTED,
            &format!("from 127.0.0.{n}"),
        );
    }
    let refused = ask_phone_code(who, 4).await;
    let wait = assert_limited(&app, &refused, "a spent account from a new IP");
    assert_eq!(
        audited(&app, &target.id, "phone.code_sent").await,
        MAX,
        "the refused request sent a code"
    );

    assert_page(
        &ask_phone_code(other, 4).await,
        200,
        TEXTED,
        "another account from that IP",
    );
    app.clock.advance(wait);
    assert_page(
        &ask_phone_code(who, 4).await,
        200,
        TEXTED,
        "the spent account in the next window",
    );
}

async fn ask_email_change(who: &Roaming, n: u8, new_email: &str) -> Page {
    let fields = [("new_email", new_email), ("password", PASSWORD)];
    submit_at(who, n, "/account", "/account/email", &fields).await
}

const CHECK_NEW: &str = "Check the new address";

#[tokio::test]
async fn email_change_mails_are_limited_per_ip_whichever_account_asks() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_ip, &mut c.rate_limits.otp_account)).await;
    let users = signed_in_users(&app, "email-otp-ip", MAX + 2).await;
    for (i, (user, who)) in users[..MAX].iter().enumerate() {
        let page = ask_email_change(who, 1, &format!("email-otp-ip-new-{i}@example.com")).await;
        assert_page(&page, 200, CHECK_NEW, &user.email);
    }
    let (last, who) = &users[MAX];
    let refused = ask_email_change(who, 1, "email-otp-ip-new-last@example.com").await;
    let wait = assert_limited(&app, &refused, "another account from a spent IP");
    let requested = audited(&app, &last.id, "email.change_requested").await;
    assert_eq!(requested, 0, "the refused request went ahead");

    let page = ask_email_change(who, 2, "email-otp-ip-new-last@example.com").await;
    assert_page(&page, 200, CHECK_NEW, "the same account from another IP");
    assert_eq!(audited(&app, &last.id, "email.change_requested").await, 1);
    app.clock.advance(wait);
    let page = ask_email_change(&users[MAX + 1].1, 1, "email-otp-ip-new-next@example.com").await;
    assert_page(&page, 200, CHECK_NEW, "the spent IP in the next window");
}

#[tokio::test]
async fn email_change_mails_are_limited_per_account_whichever_ip_asks() {
    let app = TestApp::spawn_with(|c| only(&mut c.rate_limits.otp_account, &mut c.rate_limits.otp_ip)).await;
    let users = signed_in_users(&app, "email-otp-acct", 2).await;
    let ((target, who), (_, other)) = (&users[0], &users[1]);
    for n in 1..=MAX as u8 {
        let page = ask_email_change(who, n, "email-otp-acct-new@example.com").await;
        assert_page(&page, 200, CHECK_NEW, &format!("from 127.0.0.{n}"));
    }
    let refused = ask_email_change(who, 4, "email-otp-acct-new@example.com").await;
    let wait = assert_limited(&app, &refused, "a spent account from a new IP");
    let requested = audited(&app, &target.id, "email.change_requested").await;
    assert_eq!(requested, MAX, "the refused request went ahead");

    let page = ask_email_change(other, 4, "email-otp-acct-other@example.com").await;
    assert_page(&page, 200, CHECK_NEW, "another account from that IP");
    app.clock.advance(wait);
    let page = ask_email_change(who, 4, "email-otp-acct-new@example.com").await;
    assert_page(&page, 200, CHECK_NEW, "the spent account in the next window");
}
