//! What each mail says. One text and one HTML template render every message, so all mail looks
//! alike and a new message is a function here.

use askama::Template;

use crate::i18n::Tr;

/// A mail's content, independent of its format.
#[derive(Debug, Clone)]
pub struct MailContent {
    /// For logs: which message this is (never its content).
    pub kind: &'static str,
    pub subject: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// A button (HTML) or a line (text): label and URL.
    pub action: Option<(String, String)>,
    /// A one-time code shown in large type.
    pub code: Option<String>,
    /// What to do if the reader did not ask for this.
    pub footer: String,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
pub struct TextMail<'a> {
    pub c: &'a MailContent,
}

#[derive(Template)]
#[template(path = "email/message.html")]
pub struct HtmlMail<'a> {
    pub c: &'a MailContent,
}

/// A duration in words for people: "1 minute", "15 minutes", "1 hour", "24 hours".
pub fn minutes(t: &Tr, seconds: i64) -> String {
    match seconds {
        s if s >= 3600 => t.n("wait-hours", "n", s / 3600),
        s => t.n("wait-minutes", "n", (s / 60).max(1)),
    }
}

pub fn verify_email(t: &Tr, link: String, code: String, link_ttl: i64, code_ttl: i64) -> MailContent {
    MailContent {
        kind: "verify_email",
        subject: t.t("mail-verify-subject"),
        heading: t.t("mail-verify-subject"),
        paragraphs: vec![
            t.t1("mail-verify-link", "ttl", minutes(t, link_ttl)),
            t.t1("mail-verify-code", "ttl", minutes(t, code_ttl)),
        ],
        action: Some((t.t("mail-verify-action"), link)),
        code: Some(code),
        footer: t.t("mail-not-you"),
    }
}

/// To the owner of an address someone tried to sign up with again.
pub fn signup_existing(t: &Tr, login_url: String) -> MailContent {
    MailContent {
        kind: "signup_existing",
        subject: t.t("mail-signup-existing-subject"),
        heading: t.t("mail-signup-existing-heading"),
        paragraphs: vec![t.t("mail-signup-existing"), t.t("mail-signup-existing-forgot")],
        action: Some((t.t("mail-sign-in"), login_url)),
        code: None,
        footer: t.t("mail-not-you"),
    }
}

pub fn password_reset(t: &Tr, link: String, ttl: i64) -> MailContent {
    MailContent {
        kind: "password_reset",
        subject: t.t("mail-reset-subject"),
        heading: t.t("mail-reset-subject"),
        paragraphs: vec![t.t1("mail-reset-link", "ttl", minutes(t, ttl))],
        action: Some((t.t("mail-reset-action"), link)),
        code: None,
        footer: t.t("mail-not-you"),
    }
}

/// An account an administrator made: the same single-use link as a reset, worded as a welcome.
pub fn invitation(t: &Tr, link: String, ttl: i64) -> MailContent {
    MailContent {
        kind: "invitation",
        subject: t.t("mail-invite-subject"),
        heading: t.t("mail-invite-subject"),
        paragraphs: vec![t.t1("mail-invite-link", "ttl", minutes(t, ttl))],
        action: Some((t.t("mail-invite-action"), link)),
        code: None,
        footer: t.t("mail-not-you"),
    }
}

pub fn password_changed(t: &Tr, reset: bool, account_url: String) -> MailContent {
    let (subject, text) = if reset {
        ("mail-password-reset-subject", "mail-password-reset")
    } else {
        ("mail-password-changed-subject", "mail-password-changed")
    };
    MailContent {
        kind: "password_changed",
        subject: t.t(subject),
        heading: t.t(subject),
        paragraphs: vec![t.t(text)],
        action: Some((t.t("mail-review-account"), account_url)),
        code: None,
        footer: t.t("mail-secure-account"),
    }
}

pub fn account_locked(t: &Tr, lock_seconds: i64, reset_url: String) -> MailContent {
    MailContent {
        kind: "account_locked",
        subject: t.t("mail-locked-subject"),
        heading: t.t("mail-locked-heading"),
        paragraphs: vec![
            t.t1("mail-locked", "wait", minutes(t, lock_seconds)),
            t.t("mail-locked-not-yours"),
        ],
        action: Some((t.t("mail-locked-action"), reset_url)),
        code: None,
        footer: t.t("mail-locked-footer"),
    }
}

/// A code to finish signing in with, as a second factor.
pub fn sign_in_code(t: &Tr, code: String, ttl: i64) -> MailContent {
    MailContent {
        kind: "sign_in_code",
        subject: t.t("mail-sign-in-code-subject"),
        heading: t.t("mail-sign-in-code-subject"),
        paragraphs: vec![t.t1("mail-sign-in-code", "ttl", minutes(t, ttl))],
        action: None,
        code: Some(code),
        footer: t.t("mail-sign-in-code-not-you"),
    }
}

/// The code that proves an address given at an upstream sign-in's review step.
pub fn confirm_address(t: &Tr, code: String, ttl: i64) -> MailContent {
    MailContent {
        kind: "confirm_address",
        subject: t.t("mail-confirm-address-subject"),
        heading: t.t("mail-confirm-address-subject"),
        paragraphs: vec![t.t1("mail-confirm-address", "ttl", minutes(t, ttl))],
        action: None,
        code: Some(code),
        footer: t.t("mail-not-you"),
    }
}

/// A recovery code was used to sign in; `few`: so few are left that the user should make new ones.
pub fn recovery_code_used(t: &Tr, left: usize, few: bool, security_url: String) -> MailContent {
    let mut paragraphs = vec![
        t.t("mail-recovery-code-used"),
        t.n("mail-recovery-codes-left", "count", left),
    ];
    if few {
        paragraphs.push(t.t("mail-recovery-codes-few"));
    }
    MailContent {
        kind: "recovery_code_used",
        subject: t.t("mail-recovery-code-used-subject"),
        heading: t.t("mail-recovery-code-used-subject"),
        paragraphs,
        action: Some((t.t("mail-security-action"), security_url)),
        code: None,
        footer: t.t("mail-not-you-security"),
    }
}

/// A second factor was added to or removed from the account, or recovery codes were made.
pub fn security_changed(t: &Tr, what: &'static str, security_url: String) -> MailContent {
    MailContent {
        kind: "security_changed",
        subject: t.t("mail-security-changed-subject"),
        heading: t.t("mail-security-changed-subject"),
        paragraphs: vec![t.t(what)],
        action: Some((t.t("mail-security-action"), security_url)),
        code: None,
        footer: t.t("mail-not-you-security"),
    }
}

pub fn email_change(t: &Tr, link: String, code: String, link_ttl: i64) -> MailContent {
    MailContent {
        kind: "email_change",
        subject: t.t("mail-email-change-subject"),
        heading: t.t("mail-email-change-subject"),
        paragraphs: vec![
            t.t1("mail-email-change-link", "ttl", minutes(t, link_ttl)),
            t.t("mail-email-change-code"),
        ],
        action: Some((t.t("mail-email-change-action"), link)),
        code: Some(code),
        footer: t.t("mail-not-you"),
    }
}

/// To the old address, once the change took effect.
pub fn email_changed(t: &Tr, new_email: &str, account_url: String) -> MailContent {
    MailContent {
        kind: "email_changed",
        subject: t.t("mail-email-changed-subject"),
        heading: t.t("mail-email-changed-heading"),
        paragraphs: vec![t.t1("mail-email-changed", "email", new_email)],
        action: Some((t.t("mail-review-account"), account_url)),
        code: None,
        footer: t.t("mail-secure-account"),
    }
}

pub fn account_deleted(t: &Tr, retention_days: i64) -> MailContent {
    MailContent {
        kind: "account_deleted",
        subject: t.t("mail-deleted-subject"),
        heading: t.t("mail-deleted-subject"),
        paragraphs: vec![
            t.t("mail-deleted"),
            t.n("mail-deleted-erased", "days", retention_days),
        ],
        action: None,
        code: None,
        footer: t.t("mail-deleted-footer"),
    }
}

/// The text of an SMS one-time code; `purpose` names its message (`sms-verify-phone`, ...).
pub fn sms_code(t: &Tr, purpose: &str, code: &str) -> String {
    t.t1(purpose, "code", code)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::minutes;
    use crate::i18n::{Catalog, Tr};

    #[test]
    fn durations_read_as_people_write_them() {
        let t = Tr::default_of(&Arc::new(Catalog::load("en", None).unwrap()));
        assert_eq!(minutes(&t, 30), "1 minute");
        assert_eq!(minutes(&t, 60), "1 minute");
        assert_eq!(minutes(&t, 600), "10 minutes");
        assert_eq!(minutes(&t, 3600), "1 hour");
        assert_eq!(minutes(&t, 86_400), "24 hours");
    }
}
