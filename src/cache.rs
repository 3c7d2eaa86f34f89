//! Short-lived shared state: interactions, replay guards, later OTPs and rate-limit counters.
//! The only module that speaks to Redis. In-process by default; Redis when configured, so that
//! several nodes share one view.

mod memory;
pub mod one_time;
mod redis;

use std::time::Duration;

pub use memory::MemoryCache;
pub use redis::RedisCache;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("redis: {0}")]
    Redis(#[from] ::redis::RedisError),
    #[error("redis: timed out")]
    Timeout,
    #[error("a value could not be encoded for the cache")]
    Encode,
}

pub type Result<T> = std::result::Result<T, CacheError>;

#[async_trait::async_trait]
pub trait Cache: Send + Sync + std::fmt::Debug {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>>;
    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<()>;
    /// Sets only if absent; `true` when this call set it. Used as a one-time-use guard.
    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> Result<bool>;
    /// Gets and deletes in one step.
    async fn take(&self, key: &str) -> Result<Option<Vec<u8>>>;
    async fn delete(&self, key: &str) -> Result<()>;
    /// Increments a counter that expires `ttl` after its first increment; returns the new value.
    async fn incr(&self, key: &str, ttl: Duration) -> Result<u64>;
    /// Takes one back from a live counter; never creates one, never goes below zero.
    async fn decr(&self, key: &str) -> Result<()>;
    /// A counter's value; 0 when it does not exist (or has expired).
    async fn count(&self, key: &str) -> Result<u64>;
    async fn ping(&self) -> Result<()>;
}
