use std::time::Duration;

use redis::aio::ConnectionManager;

use super::{Cache, CacheError, Result};

/// Redis-backed cache shared by every node. Keys carry a prefix so one Redis can serve several
/// deployments (and tests).
#[derive(Clone)]
pub struct RedisCache {
    conn: ConnectionManager,
    prefix: String,
}

impl std::fmt::Debug for RedisCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCache")
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// Every Redis round trip is bounded: the connection manager otherwise retries silently.
const TIMEOUT: Duration = Duration::from_secs(3);

async fn timed<T>(f: impl std::future::Future<Output = redis::RedisResult<T>>) -> Result<T> {
    match tokio::time::timeout(TIMEOUT, f).await {
        Ok(r) => Ok(r?),
        Err(_) => Err(CacheError::Timeout),
    }
}

impl RedisCache {
    pub async fn connect(url: &str, prefix: &str) -> Result<Self> {
        let client = redis::Client::open(url)?;
        let conn = timed(ConnectionManager::new(client)).await?;
        Ok(Self {
            conn,
            prefix: prefix.to_owned(),
        })
    }

    fn key(&self, k: &str) -> String {
        format!("{}{}", self.prefix, k)
    }
}

fn millis(ttl: Duration) -> u64 {
    ttl.as_millis().clamp(1, u64::MAX as u128) as u64
}

#[async_trait::async_trait]
impl Cache for RedisCache {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let mut c = self.conn.clone();
        timed(redis::cmd("GET").arg(self.key(key)).query_async(&mut c)).await
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<()> {
        let mut c = self.conn.clone();
        timed(
            redis::cmd("SET")
                .arg(self.key(key))
                .arg(value)
                .arg("PX")
                .arg(millis(ttl))
                .query_async(&mut c),
        )
        .await
    }

    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> Result<bool> {
        let mut c = self.conn.clone();
        let r: Option<String> = timed(
            redis::cmd("SET")
                .arg(self.key(key))
                .arg(value)
                .arg("NX")
                .arg("PX")
                .arg(millis(ttl))
                .query_async(&mut c),
        )
        .await?;
        Ok(r.is_some())
    }

    async fn take(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let mut c = self.conn.clone();
        timed(redis::cmd("GETDEL").arg(self.key(key)).query_async(&mut c)).await
    }

    async fn delete(&self, key: &str) -> Result<()> {
        let mut c = self.conn.clone();
        timed(redis::cmd("DEL").arg(self.key(key)).query_async(&mut c)).await
    }

    async fn incr(&self, key: &str, ttl: Duration) -> Result<u64> {
        let mut c = self.conn.clone();
        let k = self.key(key);
        // INCR and the first PEXPIRE in one atomic pipeline; NX keeps the window fixed.
        let (n, _): (u64, i64) = timed(
            redis::pipe()
                .atomic()
                .cmd("INCR")
                .arg(&k)
                .cmd("PEXPIRE")
                .arg(&k)
                .arg(millis(ttl))
                .arg("NX")
                .query_async(&mut c),
        )
        .await?;
        Ok(n)
    }

    async fn decr(&self, key: &str) -> Result<()> {
        let mut c = self.conn.clone();
        // A plain DECR would create a counter without an expiry when the window has passed.
        let script = redis::Script::new(
            "local n = tonumber(redis.call('GET', KEYS[1]) or '0') \
             if n > 0 then redis.call('DECR', KEYS[1]) end return 0",
        );
        let _: i64 = timed(script.key(self.key(key)).invoke_async(&mut c)).await?;
        Ok(())
    }

    async fn count(&self, key: &str) -> Result<u64> {
        let mut c = self.conn.clone();
        let n: Option<u64> = timed(redis::cmd("GET").arg(self.key(key)).query_async(&mut c)).await?;
        Ok(n.unwrap_or(0))
    }

    async fn ping(&self) -> Result<()> {
        let mut c = self.conn.clone();
        let _: String = timed(redis::cmd("PING").query_async(&mut c)).await?;
        Ok(())
    }
}
