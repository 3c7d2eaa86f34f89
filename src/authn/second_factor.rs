//! Second factors at sign-in. A code is checked by its provider (`mfa/`), and failures count in
//! the same lockout as wrong passwords, with the same atomic guarantee: each try reserves its
//! number before the code is looked at, so parallel guesses past the threshold are refused
//! unchecked.

use serde_json::json;

use super::engine::method_name;
use super::lockout::Attempt;
use super::{Accounts, AuthnError, Result};
use crate::audit::Event;
use crate::config::RateLimited;
use crate::domain::{AuditEntry, Method, Origin, User};
use crate::mfa::Channel;
use crate::mfa::delivered::CODE_TTL;
use crate::notify::messages;

/// Recovery codes left at which the user is told to make new ones.
pub const FEW_RECOVERY_CODES: usize = 2;

impl Accounts {
    /// Checks `code` as the user's `method` (a TOTP code, a code sent by mail or text message,
    /// or a recovery code). A wrong, used or expired code, a locked account and too many tries
    /// are one answer: `InvalidCode`.
    pub async fn second_factor(
        &self,
        user_id: &str,
        method: Method,
        code: &str,
        origin: &Origin,
    ) -> Result<()> {
        self.counted_factor(user_id, method, origin, async |user, used| {
            let accepted = match method {
                Method::Totp => self.mfa.totp.verify(&user.id, code, used).await?,
                Method::EmailCode | Method::SmsCode => match Channel::of(method) {
                    Some(c) => self.mfa.delivered.verify(&user.id, c, code, used).await?,
                    None => false,
                },
                Method::RecoveryCode => match self.mfa.recovery_codes.redeem(&user.id, code, used).await? {
                    Some(left) => {
                        self.mail_recovery_code_used(user, left);
                        true
                    }
                    None => false,
                },
                Method::Password | Method::WebAuthn { .. } | Method::Federated { .. } => false,
            };
            Ok(accepted.then_some(method))
        })
        .await
        .map(|_| ())
    }

    /// One try of a second factor for `user_id`, counted in the lockout: `check` looks at the
    /// proof (committing `used`, the use's entry, when it accepts it) and says what it proved.
    pub(super) async fn counted_factor(
        &self,
        user_id: &str,
        method: Method,
        origin: &Origin,
        check: impl AsyncFnOnce(&User, &AuditEntry) -> Result<Option<Method>>,
    ) -> Result<Method> {
        let Some(user) = self
            .store
            .users()
            .user_by_id(user_id)
            .await?
            .filter(User::is_active)
        else {
            return Err(AuthnError::InvalidCode);
        };
        self.limits
            .check(RateLimited::Login, origin, Some(&user.email))
            .await?;
        let failed = |reason: &'static str| {
            self.metrics.login("failure", reason);
            Event::failure("login.factor")
                .subject(&user.id)
                .origin(origin)
                .detail(json!({ "method": method_name(method), "reason": reason }))
        };
        if user.is_locked(self.now()) {
            self.audit.record(failed("locked")).await;
            return Err(AuthnError::InvalidCode);
        }
        // Reserve a try before looking at the proof: parallel guesses past the threshold are
        // refused unchecked, and a lock landing meanwhile leaves this round's count in place.
        let attempt = Attempt::nth(
            self.begin_attempt(&user.email, user.lockouts).await?,
            self.config.lockout_threshold,
        );
        if attempt == Attempt::Refuse {
            self.audit.record(failed("too_many_attempts")).await;
            return Err(AuthnError::InvalidCode);
        }
        let used = self.audit.entry(
            Event::success("login.factor")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "method": method_name(method) })),
        );
        let Some(proved) = check(&user, &used).await? else {
            self.audit.record(failed("invalid_code")).await;
            if attempt == Attempt::CheckThenLock {
                self.lock(&user, origin).await?;
            }
            return Err(AuthnError::InvalidCode);
        };
        self.limits
            .refund_account(RateLimited::Login, &user.email)
            .await?;
        Ok(proved)
    }

    /// Sends a sign-in code to the user's `channel`: their verified address, or their verified
    /// phone. Under the code rate limit; returns where it went, partly hidden, for the page.
    pub async fn send_sign_in_code(
        &self,
        user_id: &str,
        channel: Channel,
        origin: &Origin,
    ) -> Result<String> {
        self.send_code(user_id, channel, false, origin).await
    }

    /// Sends a code to prove the user receives messages on `channel`, before turning it on.
    pub async fn send_setup_code(&self, user_id: &str, channel: Channel, origin: &Origin) -> Result<String> {
        self.send_code(user_id, channel, true, origin).await
    }

    async fn send_code(
        &self,
        user_id: &str,
        channel: Channel,
        setup: bool,
        origin: &Origin,
    ) -> Result<String> {
        let Some(user) = self
            .store
            .users()
            .user_by_id(user_id)
            .await?
            .filter(User::is_active)
        else {
            return Err(AuthnError::InvalidCode);
        };
        let to = destination(&user, channel).ok_or_else(|| AuthnError::invalid(unverified(channel)))?;
        self.limits
            .check(RateLimited::Otp, origin, Some(&user.id))
            .await?;
        let code = match setup {
            true => self.mfa.delivered.issue_for_setup(&user.id, channel).await?,
            false => self.mfa.delivered.issue(&user.id, channel).await?,
        };
        let t = self.mail_tr(&user);
        match channel {
            Channel::Email => self
                .notifier
                .mail(&to, messages::sign_in_code(&t, code, CODE_TTL)),
            Channel::Sms => self
                .notifier
                .sms(&to, messages::sms_code(&t, "sms-sign-in", &code)),
        }
        self.audit
            .record(
                Event::success("login.factor.code_sent")
                    .by_user(&user.id)
                    .origin(origin)
                    .detail(json!({ "channel": channel.name() })),
            )
            .await;
        Ok(masked(&to))
    }

    /// Tells the user their sign-in methods changed (`what`: the message saying how).
    pub fn mail_security_change(&self, user: &User, what: &'static str) {
        let t = self.mail_tr(user);
        self.notifier.mail(
            &user.email,
            messages::security_changed(&t, what, self.url("/account/security")),
        );
    }

    fn mail_recovery_code_used(&self, user: &User, left: usize) {
        let t = self.mail_tr(user);
        self.notifier.mail(
            &user.email,
            messages::recovery_code_used(
                &t,
                left,
                left <= FEW_RECOVERY_CODES,
                self.url("/account/security"),
            ),
        );
    }
}

/// The problem of a channel whose address or phone is not verified.
pub fn unverified(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "security-email-unverified",
        Channel::Sms => "security-sms-no-phone",
    }
}

/// Where codes of `channel` go for `user`: a verified address or phone only.
pub fn destination(user: &User, channel: Channel) -> Option<String> {
    match channel {
        Channel::Email => user.email_verified.then(|| user.email.clone()),
        Channel::Sms => user.phone_number.clone().filter(|_| user.phone_number_verified),
    }
}

/// An address or number with most of it hidden, for a page that says where a code went:
/// `a•••@example.com`, `•••••••58`.
pub fn masked(to: &str) -> String {
    match to.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => {
            let n = to.chars().count();
            let tail: String = to.chars().skip(n.saturating_sub(2)).collect();
            format!("{}{tail}", "•".repeat(n.saturating_sub(2).min(9)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn destinations_are_mostly_hidden() {
        assert_eq!(masked("ada@example.com"), "a•••@example.com");
        assert_eq!(masked("+442079460958"), "•••••••••58");
        assert_eq!(masked("12"), "12");
    }
}
