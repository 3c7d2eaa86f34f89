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
use crate::domain::{Method, Origin, User};
use crate::notify::messages;

/// Recovery codes left at which the user is told to make new ones.
pub const FEW_RECOVERY_CODES: usize = 2;

impl Accounts {
    /// Checks `code` as the user's `method` (a TOTP code or a recovery code). A wrong, used or
    /// expired code, a locked account and too many tries are one answer: `InvalidCode`.
    pub async fn second_factor(
        &self,
        user_id: &str,
        method: Method,
        code: &str,
        origin: &Origin,
    ) -> Result<()> {
        let Some(user) = self.store.user_by_id(user_id).await?.filter(User::is_active) else {
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
        // Reserve a try before looking at the code: parallel guesses past the threshold are
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
        let accepted = match method {
            Method::Totp => self.mfa.totp.verify(&user.id, code, &used).await?,
            Method::RecoveryCode => match self.mfa.recovery_codes.redeem(&user.id, code, &used).await? {
                Some(left) => {
                    self.mail_recovery_code_used(&user, left);
                    true
                }
                None => false,
            },
            _ => false,
        };
        if !accepted {
            self.audit.record(failed("invalid_code")).await;
            if attempt == Attempt::CheckThenLock {
                self.lock(&user, origin).await?;
            }
            return Err(AuthnError::InvalidCode);
        }
        self.limits
            .refund_account(RateLimited::Login, &user.email)
            .await?;
        Ok(())
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
