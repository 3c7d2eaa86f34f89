//! What each mail says. One text and one HTML template render every message, so all mail looks
//! alike and a new message is a function here.

use askama::Template;

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

const NOT_YOU: &str = "If you did not ask for this, you can ignore this message.";
const SECURE_ACCOUNT: &str =
    "If this was not you, reset your password at once and review the sessions on your account page.";

/// A duration in words for people: "1 minute", "15 minutes", "1 hour", "24 hours".
pub fn minutes(seconds: i64) -> String {
    match seconds {
        s if s >= 7200 => format!("{} hours", s / 3600),
        s if s >= 3600 => "1 hour".into(),
        s if s < 120 => "1 minute".into(),
        s => format!("{} minutes", s / 60),
    }
}

pub fn verify_email(link: String, code: String, link_ttl: i64, code_ttl: i64) -> MailContent {
    MailContent {
        kind: "verify_email",
        subject: "Verify your email address".into(),
        heading: "Verify your email address".into(),
        paragraphs: vec![
            format!(
                "Open this link to verify your address. It works once, within {}.",
                minutes(link_ttl)
            ),
            format!(
                "Or enter this code on the page where you signed up. It expires in {}.",
                minutes(code_ttl)
            ),
        ],
        action: Some(("Verify email address".into(), link)),
        code: Some(code),
        footer: NOT_YOU.into(),
    }
}

/// To the owner of an address someone tried to sign up with again.
pub fn signup_existing(login_url: String) -> MailContent {
    MailContent {
        kind: "signup_existing",
        subject: "Someone tried to sign up with your email address".into(),
        heading: "You already have an account".into(),
        paragraphs: vec![
            "Someone, perhaps you, tried to create an account with this email address. It already has one, so nothing was changed.".into(),
            "If you forgot your password, use \"Forgot your password?\" on the sign-in page.".into(),
        ],
        action: Some(("Sign in".into(), login_url)),
        code: None,
        footer: NOT_YOU.into(),
    }
}

pub fn password_reset(link: String, ttl: i64) -> MailContent {
    MailContent {
        kind: "password_reset",
        subject: "Reset your password".into(),
        heading: "Reset your password".into(),
        paragraphs: vec![format!(
            "Open this link to choose a new password. It works once, within {}.",
            minutes(ttl)
        )],
        action: Some(("Choose a new password".into(), link)),
        code: None,
        footer: NOT_YOU.into(),
    }
}

pub fn password_changed(reset: bool, account_url: String) -> MailContent {
    let what = if reset { "reset" } else { "changed" };
    MailContent {
        kind: "password_changed",
        subject: format!("Your password was {what}"),
        heading: format!("Your password was {what}"),
        paragraphs: vec![if reset {
            "Your password was reset and every session and application sign-in was ended.".into()
        } else {
            "Your password was changed. Your other sessions were signed out.".into()
        }],
        action: Some(("Review your account".into(), account_url)),
        code: None,
        footer: SECURE_ACCOUNT.into(),
    }
}

pub fn account_locked(lock_seconds: i64, reset_url: String) -> MailContent {
    MailContent {
        kind: "account_locked",
        subject: "Your account was locked after failed sign-ins".into(),
        heading: "Your account is locked for now".into(),
        paragraphs: vec![
            format!(
                "There were several failed attempts to sign in to your account, so sign-in is blocked for {}.",
                minutes(lock_seconds)
            ),
            "If these attempts were not yours, someone may know or be guessing your password: choose a new one.".into(),
        ],
        action: Some(("Reset your password".into(), reset_url)),
        code: None,
        footer: "If it was you, wait and try again, or reset your password.".into(),
    }
}

pub fn email_change(link: String, code: String, link_ttl: i64) -> MailContent {
    MailContent {
        kind: "email_change",
        subject: "Confirm your new email address".into(),
        heading: "Confirm your new email address".into(),
        paragraphs: vec![
            format!(
                "Open this link to make this your account's email address. It works once, within {}.",
                minutes(link_ttl)
            ),
            "Or enter this code on your account page.".into(),
        ],
        action: Some(("Confirm email address".into(), link)),
        code: Some(code),
        footer: NOT_YOU.into(),
    }
}

/// To the old address, once the change took effect.
pub fn email_changed(new_email: &str, account_url: String) -> MailContent {
    MailContent {
        kind: "email_changed",
        subject: "Your account's email address was changed".into(),
        heading: "Your email address was changed".into(),
        paragraphs: vec![format!(
            "Your account now uses {new_email}. Mail will no longer be sent to this address."
        )],
        action: Some(("Review your account".into(), account_url)),
        code: None,
        footer: SECURE_ACCOUNT.into(),
    }
}

pub fn account_deleted(retention_days: i64) -> MailContent {
    MailContent {
        kind: "account_deleted",
        subject: "Your account was deleted".into(),
        heading: "Your account was deleted".into(),
        paragraphs: vec![
            "Your account was deleted and every sign-in to applications was ended.".into(),
            format!(
                "Your personal data will be erased within {retention_days} days; the security log keeps only an anonymous identifier."
            ),
        ],
        action: None,
        code: None,
        footer: "If you did not do this, contact the administrator of this service at once.".into(),
    }
}

/// The text of an SMS one-time code.
pub fn sms_code(code: &str, purpose: &str) -> String {
    format!("{code} is your code to {purpose}. Do not share it with anyone.")
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(minutes(30), "1 minute");
        assert_eq!(minutes(60), "1 minute");
        assert_eq!(minutes(600), "10 minutes");
        assert_eq!(minutes(3600), "1 hour");
        assert_eq!(minutes(86_400), "24 hours");
    }
}
