//! Rate limits per IP address and per account, counted in the cache so every node shares one
//! budget when Redis is configured. Fixed windows aligned to the clock: one atomic increment per
//! check, and the answer's Retry-After is the time left in the window.
//!
//! Budgets that must count only failures are kept two ways. A login per account is counted
//! before the attempt and refunded when it succeeds: parallel guesses at a password cannot slip
//! past a check made before any of them ends, and a user who signs in often never spends it.
//! Failed client authentications per IP are counted after they fail and checked before each
//! attempt: a busy client's many parallel requests never count against it, and the few guesses
//! that may slip past the check in parallel are still counted (secrets are 256-bit random).
//! Every refusal is audited.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::audit::{Audit, Event};
use crate::cache::{Cache, CacheError};
use crate::config::{RateLimit, RateLimited, RateLimits};
use crate::crypto::secrets::sha256_hex;
use crate::domain::{Clock, Origin, UnixTime};
use crate::metrics::Metrics;

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
    audit: Option<Audit>,
    metrics: Option<Metrics>,
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
        RateLimiter {
            cache,
            clock,
            limits,
            audit: None,
            metrics: None,
        }
    }

    /// Records every refusal in `audit`.
    pub fn with_audit(mut self, audit: Audit) -> RateLimiter {
        self.audit = Some(audit);
        self
    }

    /// Counts every refusal in `metrics`.
    pub fn with_metrics(mut self, metrics: Metrics) -> RateLimiter {
        self.metrics = Some(metrics);
        self
    }

    /// Counts one `what` from `origin`'s IP and against `account` (an e-mail address, a user id
    /// or a client id); refuses when either budget is spent. Both are counted even when the
    /// first is over, so a spent IP budget cannot be used to probe an account's.
    pub async fn check(
        &self,
        what: RateLimited,
        origin: &Origin,
        account: Option<&str>,
    ) -> Result<(), RateLimitError> {
        self.check_budgets(what, origin, origin.ip.as_deref(), account)
            .await
    }

    /// Counts against `account` only, for an action whose IP budget was counted already.
    pub async fn check_account(
        &self,
        what: RateLimited,
        origin: &Origin,
        account: &str,
    ) -> Result<(), RateLimitError> {
        self.check_budgets(what, origin, None, Some(account)).await
    }

    async fn check_budgets(
        &self,
        what: RateLimited,
        origin: &Origin,
        ip: Option<&str>,
        account: Option<&str>,
    ) -> Result<(), RateLimitError> {
        let (per_ip, per_account) = self.limits.get(what);
        let mut worst: Option<(Limited, &str)> = None;
        let mut keep = |l: Option<Limited>, by| {
            if let Some(l) = l
                && worst.is_none_or(|(w, _)| l > w)
            {
                worst = Some((l, by));
            }
        };
        if let (Some(limit), Some(ip)) = (per_ip, ip) {
            keep(self.count(&ip_key(what, ip), limit).await?, "ip");
        }
        if let (Some(limit), Some(account)) = (per_account, account) {
            keep(self.count(&account_key(what, account), limit).await?, "account");
        }
        let Some((limited, by)) = worst else {
            return Ok(());
        };
        self.refused(what, origin, by, limited).await;
        Err(RateLimitError::Limited(limited))
    }

    /// Counts and audits a refusal.
    async fn refused(&self, what: RateLimited, origin: &Origin, by: &str, limited: Limited) {
        if let Some(m) = &self.metrics {
            m.rate_limited(what.name(), by);
        }
        if let Some(audit) = &self.audit {
            audit
                .record(
                    Event::failure("rate_limit.refused").origin(origin).detail(
                        json!({ "action": what.name(), "by": by, "retry_after": limited.retry_after }),
                    ),
                )
                .await;
        }
    }

    /// Gives back what [`Self::check`] counted against `account`: the attempt succeeded.
    pub async fn refund_account(&self, what: RateLimited, account: &str) -> Result<(), CacheError> {
        match self.limits.get(what).1 {
            Some(limit) => self.uncount(&account_key(what, account), limit).await,
            None => Ok(()),
        }
    }

    /// Refuses when `origin`'s IP has already spent its budget for `what`, counting nothing.
    pub async fn check_spent_ip(&self, what: RateLimited, origin: &Origin) -> Result<(), RateLimitError> {
        let (Some(limit), Some(ip)) = (self.limits.get(what).0, origin.ip.as_deref()) else {
            return Ok(());
        };
        let (window, retry_after) = window(self.clock.now(), limit.window);
        if self
            .cache
            .count(&format!("{}:{window}", ip_key(what, ip)))
            .await?
            < limit.max
        {
            return Ok(());
        }
        self.refused(what, origin, "ip", Limited { retry_after }).await;
        Err(RateLimitError::Limited(Limited { retry_after }))
    }

    /// Counts one `what` against `origin`'s IP after the fact (a failure), refusing nothing.
    pub async fn count_ip(&self, what: RateLimited, origin: &Origin) -> Result<(), CacheError> {
        if let (Some(limit), Some(ip)) = (self.limits.get(what).0, origin.ip.as_deref()) {
            self.count(&ip_key(what, ip), limit).await?;
        }
        Ok(())
    }

    async fn count(&self, key: &str, limit: RateLimit) -> Result<Option<Limited>, CacheError> {
        let (window, retry_after) = window(self.clock.now(), limit.window);
        let n = self
            .cache
            .incr(
                &format!("{key}:{window}"),
                Duration::from_secs(limit.window as u64),
            )
            .await?;
        Ok((n > limit.max).then_some(Limited { retry_after }))
    }

    async fn uncount(&self, key: &str, limit: RateLimit) -> Result<(), CacheError> {
        let (window, _) = window(self.clock.now(), limit.window);
        self.cache.decr(&format!("{key}:{window}")).await
    }
}

fn ip_key(what: RateLimited, ip: &str) -> String {
    format!("rl:{}:ip:{ip}", what.name())
}

/// Hashed: keys must not spell out e-mail addresses in Redis.
fn account_key(what: RateLimited, account: &str) -> String {
    let id = sha256_hex(account.trim().to_lowercase().as_bytes());
    format!("rl:{}:acct:{}", what.name(), &id[..32])
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

    fn from(ip: Option<&str>) -> Origin {
        Origin {
            ip: ip.map(str::to_owned),
            ..Origin::default()
        }
    }

    async fn login(l: &RateLimiter, ip: Option<&str>, account: Option<&str>) -> Result<(), Limited> {
        match l.check(RateLimited::Login, &from(ip), account).await {
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

    #[tokio::test]
    async fn a_refunded_attempt_does_not_spend_the_budget() {
        let (l, _) = limiter(Some("100/60"), Some("3/60"));
        // A user who signs in often: each success gives its count back.
        for _ in 0..10 {
            assert_eq!(
                login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
                Ok(())
            );
            l.refund_account(RateLimited::Login, "ADA@example.com ")
                .await
                .unwrap();
        }
        // A guesser's failures are not refunded.
        for _ in 0..3 {
            assert_eq!(
                login(&l, Some("192.0.2.1"), Some("ada@example.com")).await,
                Ok(())
            );
        }
        assert!(
            login(&l, Some("192.0.2.1"), Some("ada@example.com"))
                .await
                .is_err()
        );
        // A refund never takes a counter below zero or creates one.
        l.refund_account(RateLimited::Login, "bob@example.com")
            .await
            .unwrap();
        for _ in 0..3 {
            assert_eq!(
                login(&l, Some("192.0.2.2"), Some("bob@example.com")).await,
                Ok(())
            );
        }
        assert!(
            login(&l, Some("192.0.2.2"), Some("bob@example.com"))
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn failures_counted_after_the_fact_refuse_once_spent() {
        let (l, clock) = limiter(Some("2/60"), None);
        let (guesser, other) = (from(Some("192.0.2.1")), from(Some("192.0.2.2")));
        for _ in 0..2 {
            l.check_spent_ip(RateLimited::Login, &guesser).await.unwrap();
            l.count_ip(RateLimited::Login, &guesser).await.unwrap();
        }
        let refused = l.check_spent_ip(RateLimited::Login, &guesser).await;
        assert!(matches!(
            refused,
            Err(RateLimitError::Limited(Limited { retry_after: 20 }))
        ));
        // Checking counts nothing: another address, and the next window, start afresh.
        for _ in 0..5 {
            l.check_spent_ip(RateLimited::Login, &other).await.unwrap();
        }
        clock.advance(20);
        l.check_spent_ip(RateLimited::Login, &guesser).await.unwrap();
    }
}
