//! Password login. Wrong e-mail, wrong password and a locked account are one answer, and each
//! costs the same argon2 time (unknown users are checked against a dummy hash).

use serde_json::json;

use super::lockout::Attempt;
use super::password_policy::MAX_PASSWORD_LEN;
use super::{Accounts, AuthnError, MAX_EMAIL_LEN, RateLimitError, Result, normalize_email};
use crate::audit::Event;
use crate::config::RateLimited;
use crate::domain::{Origin, User};

impl Accounts {
    pub async fn password_login(&self, email: &str, password: &str, origin: &Origin) -> Result<User> {
        let email = normalize_email(email);
        if let Err(e) = self.limits.check(RateLimited::Login, origin, Some(&email)).await {
            if matches!(e, RateLimitError::Limited(_)) {
                self.metrics.login("failure", "rate_limited");
            }
            return Err(e.into());
        }
        let failed = |reason: &'static str, user: Option<&User>| {
            self.metrics.login("failure", reason);
            let mut e = Event::failure("login.password")
                .origin(origin)
                .detail(json!({ "reason": reason }));
            if let Some(u) = user {
                e = e.subject(&u.id);
            }
            e
        };
        // No account has such a password or address: refused without a try counted against one.
        if password.is_empty() || password.len() > MAX_PASSWORD_LEN || email.len() > MAX_EMAIL_LEN {
            self.passwords.verify(String::new(), None).await?;
            self.audit.record(failed("malformed", None)).await;
            return Err(AuthnError::InvalidCredentials);
        }
        let user = self.store.users().user_by_email(&email).await?;
        let now = self.now();
        if let Some(u) = user.as_ref().filter(|u| u.is_locked(now)) {
            self.passwords.verify(String::new(), None).await?;
            self.audit.record(failed("locked", Some(u))).await;
            return Err(AuthnError::InvalidCredentials);
        }
        // Reserve a try before looking at the password: parallel guesses past the threshold
        // are refused without being checked.
        let round = user.as_ref().map_or(0, |u| u.lockouts);
        let attempt = Attempt::nth(
            self.begin_attempt(&email, round).await?,
            self.config.lockout_threshold,
        );
        if attempt == Attempt::Refuse {
            self.passwords.verify(String::new(), None).await?;
            self.audit
                .record(failed("too_many_attempts", user.as_ref()))
                .await;
            return Err(AuthnError::InvalidCredentials);
        }
        // A lock landing meanwhile starts the next round's counter (see lockout.rs): this try
        // was numbered in the round it read, so at most `threshold` tries of it are checked.
        let hash = user
            .as_ref()
            .filter(|u| u.is_active())
            .and_then(|u| u.password_hash.clone());
        let matched = self.passwords.verify(password.to_owned(), hash).await?;
        let user = match user {
            Some(u) if matched => u,
            user => {
                self.audit
                    .record(failed("invalid_credentials", user.as_ref()))
                    .await;
                if attempt == Attempt::CheckThenLock
                    && let Some(u) = user.as_ref().filter(|u| u.is_active())
                {
                    self.lock(u, origin).await?;
                }
                return Err(AuthnError::InvalidCredentials);
            }
        };
        // The account's login budget counts failures only: a right password gives its try back.
        self.limits.refund_account(RateLimited::Login, &email).await?;
        if self.config.require_verified_email && !user.email_verified {
            self.clear_attempts(&email, &user).await?;
            self.audit.record(failed("email_unverified", Some(&user))).await;
            return Err(AuthnError::EmailUnverified { user_id: user.id });
        }
        // A right password gives its try back, but the failed tries stay until the whole login
        // succeeds (see `establish`): wrong second-factor codes after it count towards the lock.
        self.give_back_attempt(&email, round).await?;
        Ok(user)
    }
}
