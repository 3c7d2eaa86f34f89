//! Account lockout. Tries are counted per e-mail address in the cache with one atomic increment
//! each, in a window that starts at the first failure; the try that reaches the threshold and
//! fails locks the account in the database for a time that doubles with each lockout.

use std::time::Duration;

use serde_json::json;

use super::{Accounts, Result};
use crate::audit::Event;
use crate::crypto::secrets::sha256_hex;
use crate::domain::{Origin, User};
use crate::notify::messages;

fn key(email: &str) -> String {
    format!("lockout:{}", &sha256_hex(email.as_bytes())[..32])
}

impl Accounts {
    /// Counts a try; returns its number in the window.
    pub(super) async fn begin_attempt(&self, email: &str) -> Result<u64> {
        let window = Duration::from_secs(self.config.lockout_window as u64);
        Ok(self.cache.incr(&key(email), window).await?)
    }

    /// After a successful login: forget failed tries and past lockouts.
    pub(super) async fn clear_attempts(&self, email: &str, user: &User) -> Result<()> {
        self.cache.delete(&key(email)).await?;
        if user.lockouts > 0 {
            self.store.unlock_user(&user.id).await?;
        }
        Ok(())
    }

    /// How long the next lockout of `user` lasts: the base duration, doubled per earlier one.
    pub fn lockout_duration(&self, user: &User) -> i64 {
        let doublings = user.lockouts.clamp(0, 20) as u32;
        self.config
            .lockout_duration
            .saturating_mul(1i64 << doublings)
            .min(self.config.lockout_max_duration)
    }

    pub(super) async fn lock(&self, user: &User, origin: &Origin) -> Result<()> {
        let duration = self.lockout_duration(user);
        let until = self.now() + duration;
        self.store.lock_user(&user.id, until, user.lockouts + 1).await?;
        // The lock now guards the account; the counter starts afresh when it ends.
        self.cache.delete(&key(&user.email)).await?;
        self.audit
            .record(
                Event::success("account.locked")
                    .subject(&user.id)
                    .actor("system")
                    .origin(origin)
                    .detail(json!({ "until": until, "lockouts": user.lockouts + 1 })),
            )
            .await;
        self.notifier.mail(
            &user.email,
            messages::account_locked(duration, self.url("/forgot-password")),
        );
        Ok(())
    }
}
