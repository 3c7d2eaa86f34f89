//! Rate limits per IP address and per account, counted in the cache so every node shares one
//! budget when Redis is configured. Fixed windows aligned to the clock: one atomic increment per
//! check, and the answer's Retry-After is the time left in the window.

use std::sync::Arc;
use std::time::Duration;

use crate::cache::{Cache, CacheError};
use crate::config::{RateLimit, RateLimited, RateLimits};
use crate::crypto::secrets::sha256_hex;
use crate::domain::Clock;

/// Over the limit: try again in `retry_after` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        let now = self.clock.now();
        let window = now.div_euclid(limit.window);
        let key = format!("rl:{}:{scope}:{id}:{window}", what.name());
        let n = self
            .cache
            .incr(&key, Duration::from_secs(limit.window as u64))
            .await?;
        Ok((n > limit.max).then(|| Limited {
            retry_after: ((window + 1) * limit.window - now).max(1) as u64,
        }))
    }
}

impl PartialOrd for Limited {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Limited {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.retry_after.cmp(&other.retry_after)
    }
}
