//! Account lockout. Tries (passwords and second-factor codes alike) are counted per e-mail
//! address in the cache with one atomic increment each, in a window that starts at the first
//! failure; the try that reaches the threshold and fails locks the account in the database for a
//! time that doubles with each lockout.
//!
//! Each round of tries has its own counter, named by the number of lockouts before it: a lock
//! starts the next round's counter at zero without touching the current one, so tries already
//! under way when the lock lands still draw numbers past the threshold and are refused, and
//! exactly `threshold` tries of a round are ever checked.

use std::time::Duration;

use serde_json::json;

use super::{Accounts, Result};
use crate::audit::Event;
use crate::crypto::secrets::sha256_hex;
use crate::domain::{Origin, User};
use crate::notify::messages;

/// What one login try may do, given its number in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Check the password.
    Check,
    /// Check the password, and lock the account if it is wrong: this try reaches the threshold.
    CheckThenLock,
    /// Refuse without checking: earlier tries reached the threshold.
    Refuse,
}

impl Attempt {
    pub fn nth(attempt: u64, threshold: u64) -> Attempt {
        match attempt.cmp(&threshold) {
            std::cmp::Ordering::Less => Attempt::Check,
            std::cmp::Ordering::Equal => Attempt::CheckThenLock,
            std::cmp::Ordering::Greater => Attempt::Refuse,
        }
    }
}

/// How long a lockout lasts after `earlier` lockouts: `base`, doubled for each, at most `max`.
pub fn lockout_duration(base: i64, max: i64, earlier: i64) -> i64 {
    let doublings = earlier.clamp(0, 20) as u32;
    base.saturating_mul(1i64 << doublings).min(max)
}

/// The counter of the round of tries after `round` lockouts.
fn key(email: &str, round: i64) -> String {
    format!("lockout:{}:{round}", &sha256_hex(email.as_bytes())[..32])
}

impl Accounts {
    /// Counts a try of the round after `round` lockouts (the account's `lockouts` as read
    /// before the try; 0 for an unknown address); returns its number in the window.
    pub(super) async fn begin_attempt(&self, email: &str, round: i64) -> Result<u64> {
        let window = Duration::from_secs(self.config.lockout_window as u64);
        Ok(self.cache.incr(&key(email, round), window).await?)
    }

    /// Uncounts a try that succeeded, keeping the failures of the window.
    pub(super) async fn give_back_attempt(&self, email: &str, round: i64) -> Result<()> {
        Ok(self.cache.decr(&key(email, round)).await?)
    }

    /// After a successful login: forget failed tries and past lockouts. Every round's counter
    /// goes, since the lockouts start again from zero.
    pub(super) async fn clear_attempts(&self, email: &str, user: &User) -> Result<()> {
        for round in 0..=user.lockouts.clamp(0, 64) {
            self.cache.delete(&key(email, round)).await?;
        }
        if user.lockouts > 0 {
            self.store.users().unlock_user(&user.id, None).await?;
        }
        Ok(())
    }

    pub(super) async fn lock(&self, user: &User, origin: &Origin) -> Result<()> {
        let c = &self.config;
        let duration = lockout_duration(c.lockout_duration, c.lockout_max_duration, user.lockouts);
        let until = self.now() + duration;
        let entry = self.audit.entry(
            Event::success("account.locked")
                .subject(&user.id)
                .actor("system")
                .origin(origin)
                .detail(json!({ "until": until, "lockouts": user.lockouts + 1 })),
        );
        self.store
            .users()
            .lock_user(&user.id, until, user.lockouts + 1, &entry)
            .await?;
        self.metrics.lockout();
        self.notifier.mail(
            &user.email,
            messages::account_locked(&self.mail_tr(user), duration, self.url("/forgot-password")),
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_below_the_threshold_are_checked_and_the_last_one_locks() {
        assert_eq!(Attempt::nth(1, 5), Attempt::Check);
        assert_eq!(Attempt::nth(4, 5), Attempt::Check);
        assert_eq!(Attempt::nth(5, 5), Attempt::CheckThenLock);
        assert_eq!(Attempt::nth(6, 5), Attempt::Refuse);
        assert_eq!(Attempt::nth(50, 5), Attempt::Refuse);
    }

    #[test]
    fn each_lockout_doubles_up_to_the_maximum() {
        assert_eq!(lockout_duration(900, 86_400, 0), 900);
        assert_eq!(lockout_duration(900, 86_400, 1), 1_800);
        assert_eq!(lockout_duration(900, 86_400, 2), 3_600);
        assert_eq!(lockout_duration(900, 86_400, 6), 57_600);
        assert_eq!(lockout_duration(900, 86_400, 7), 86_400);
        assert_eq!(lockout_duration(900, 86_400, 1_000), 86_400);
        assert_eq!(lockout_duration(900, 86_400, -3), 900);
        assert_eq!(lockout_duration(i64::MAX / 2, i64::MAX, 20), i64::MAX);
    }
}
