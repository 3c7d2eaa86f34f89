//! Rate limits per IP address and per account, counted in the cache so every node shares one
//! budget when Redis is configured. Fixed windows aligned to the clock: one atomic increment per
//! check, and the answer's Retry-After is the time left in the window.

use std::sync::Arc;
use std::time::Duration;

use crate::cache::{Cache, CacheError};
use crate::config::{RateLimit, RateLimited, RateLimits};
use crate::crypto::secrets::sha256_hex;
use crate::domain::{Clock, UnixTime};

/// Over the limit: try again in `retry_after` seconds. Ordered by that wait, so the longer of
/// two refusals wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Limited {
    pub retry_after: u64,
}

#[derive(Clone)]
pub struct RateLimiter {
    cache: Arc<dyn Cache>,
    clock: Arc<dyn Clock>,
    limits: RateLimits,
}

#[derive(Debug, thiserror::Error)]
pub enum RateLimitError {
    #[error("rate limited")]
    Limited(Limited),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl RateLimiter {
    pub fn new(cache: Arc<dyn Cache>, clock: Arc<dyn Clock>, limits: RateLimits) -> RateLimiter {
        RateLimiter { cache, clock, limits }
    }

    /// Counts one `what` from `ip` against `account` (an e-mail address, a user id or a client
    /// id); refuses when either budget is spent. Both are counted even when the first is over,
    /// so a spent IP budget cannot be used to probe an account's.
    pub async fn check(
        &self,
        what: RateLimited,
        ip: Option<&str>,
        account: Option<&str>,
    ) -> Result<(), RateLimitError> {
        let (per_ip, per_account) = self.limits.get(what);
        let mut worst: Option<Limited> = None;
        if let (Some(limit), Some(ip)) = (per_ip, ip) {
            worst = worst.max(self.count(what, "ip", ip, limit).await?);
        }
        if let (Some(limit), Some(account)) = (per_account, account) {
            // Hashed: keys must not spell out e-mail addresses in Redis.
            let id = sha256_hex(account.trim().to_lowercase().as_bytes());
            worst = worst.max(self.count(what, "acct", &id[..32], limit).await?);
        }
        match worst {
            Some(l) => Err(RateLimitError::Limited(l)),
            None => Ok(()),
        }
    }

    async fn count(
        &self,
        what: RateLimited,
        scope: &str,
        id: &str,
        limit: RateLimit,
    ) -> Result<Option<Limited>, CacheError> {
        let (window, retry_after) = window(self.clock.now(), limit.window);
        let key = format!("rl:{}:{scope}:{id}:{window}", what.name());
        let n = self
            .cache
            .incr(&key, Duration::from_secs(limit.window as u64))
            .await?;
        Ok((n > limit.max).then_some(Limited { retry_after }))
    }
}

/// The fixed window of `length` seconds that `now` falls in, and the seconds left in it.
fn window(now: UnixTime, length: i64) -> (i64, u64) {
    let index = now.div_euclid(length);
    (index, ((index + 1) * length - now).max(1) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::MemoryCache;
    use crate::domain::TestClock;

    const START: i64 = 1_700_000_020; // 40 s into a minute

    fn limiter(per_ip: Option<&str>, per_account: Option<&str>) -> (RateLimiter, Arc<TestClock>) {
        let parse = |s: Option<&str>| {
            s.map(|s| {
                let (max, window) = s.split_once('/').unwrap_or_default();
                RateLimit {
                    max: max.parse().unwrap_or_default(),
                    window: window.parse().unwrap_or_default(),
                }
            })
        };
        let limits = RateLimits {
            login: (parse(per_ip), parse(per_account)),
            ..RateLimits::default()
        };
        let clock = Arc::new(TestClock::at(START));
        (
            RateLimiter::new(Arc::new(MemoryCache::new()), clock.clone(), limits),
            clock,
        )
    }

    async fn login(l: &RateLimiter, ip: Option<&str>, account: Option<&str>) -> Result<(), Limited> {
        match l.check(RateLimited::Login, ip, account).await {
            Ok(()) => Ok(()),
            Err(RateLimitError::Limited(x)) => Err(x),
            Err(RateLimitError::Cache(e)) => panic!("{e}"),
        }
    }

    #[test]
    fn windows_are_aligned_to_the_clock() {
        assert_eq!(window(120, 60), (2, 60));
        assert_eq!(window(179, 60), (2, 1));
        assert_eq!(window(180, 60), (3, 60));
        assert_eq!(window(START, 60), (START / 60, 20));
    }

    #[tokio::test]
    async fn an_ip_gets_its_budget_then_waits_for_the_next_window() {
        let (l, clock) = limiter(Some("3/60"), None);
        for n in 0..3 {
            let account = format!("user{n}@example.com");
            assert_eq!(login(&l, Some("192.0.2.1"), Some(&account)).await, Ok(()));
        }
        let refused = login(&l, Some("192.0.2.1"), Some("other@example.com")).await;
        assert_eq!(refused, Err(Limited { retry_after: 20 }));
        assert_eq!(
            login(&l, Some("192.0.2.2"), Some("other@example.com")).await,
            Ok(())
        );
        clock.advance(20);
        assert_eq!(
            login(&l, Some("192.0.2.1"), Some("other@example.com")).await,
            Ok(())
        );
    }

    #[tokio::test]
    async fn an_account_gets_its_budget_whatever_the_ip_and_however_its_written() {
        let (l, _) = limiter(None, Some("2/60"));
        assert_eq!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
            Ok(())
        );
        assert_eq!(
            login(&l, Some("192.0.2.2"), Some(" ADA@example.com")).await,
            Ok(())
        );
        assert!(
            login(&l, Some("192.0.2.3"), Some("ada@example.com"))
                .await
                .is_err()
        );
        assert_eq!(
            login(&l, Some("192.0.2.3"), Some("bob@example.com")).await,
            Ok(())
        );
    }

    #[tokio::test]
    async fn a_spent_ip_budget_still_counts_against_the_account() {
        let (l, _) = limiter(Some("1/60"), Some("3/60"));
        assert_eq!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
            Ok(())
        );
        assert!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com"))
                .await
                .is_err()
        );
        assert!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com"))
                .await
                .is_err()
        );
        // Three counted for the account although two were refused by the IP limit.
        assert!(
            login(&l, Some("192.0.2.9"), Some("ada@example.com"))
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn the_longer_wait_is_answered_when_both_budgets_are_spent() {
        let (l, _) = limiter(Some("1/60"), Some("1/3600"));
        assert_eq!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
            Ok(())
        );
        let refused = login(&l, Some("192.0.2.1"), Some("ada@example.com")).await;
        assert_eq!(
            refused,
            Err(Limited {
                retry_after: 3600 - (START % 3600) as u64
            })
        );
    }

    #[tokio::test]
    async fn limits_that_are_off_or_without_a_key_count_nothing() {
        let (l, _) = limiter(None, None);
        for _ in 0..100 {
            assert_eq!(
                login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
                Ok(())
            );
        }
        let (l, _) = limiter(Some("1/60"), Some("1/60"));
        for _ in 0..3 {
            assert_eq!(login(&l, None, None).await, Ok(()));
        }
    }
}
