use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Cache, Result};

/// The in-process cache of the embedded default. Entries expire lazily on read and in a sweep
/// every 1,024 writes, so memory stays bounded by what is live.
#[derive(Debug, Default)]
pub struct MemoryCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<String, (Vec<u8>, Instant)>,
    writes: u64,
}

impl MemoryCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner, Instant) -> T) -> T {
        let mut guard = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        f(&mut guard, Instant::now())
    }
}

impl Inner {
    fn live(&mut self, key: &str, now: Instant) -> Option<&mut (Vec<u8>, Instant)> {
        if self.map.get(key).is_some_and(|(_, exp)| *exp <= now) {
            self.map.remove(key);
        }
        self.map.get_mut(key)
    }

    fn wrote(&mut self, now: Instant) {
        self.writes += 1;
        if self.writes.is_multiple_of(1024) {
            self.map.retain(|_, (_, exp)| *exp > now);
        }
    }
}

#[async_trait::async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.with(|m, now| m.live(key, now).map(|(v, _)| v.clone())))
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<()> {
        self.with(|m, now| {
            m.map.insert(key.to_owned(), (value.to_vec(), now + ttl));
            m.wrote(now);
        });
        Ok(())
    }

    async fn set_if_absent(&self, key: &str, value: &[u8], ttl: Duration) -> Result<bool> {
        Ok(self.with(|m, now| {
            if m.live(key, now).is_some() {
                return false;
            }
            m.map.insert(key.to_owned(), (value.to_vec(), now + ttl));
            m.wrote(now);
            true
        }))
    }

    async fn take(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.with(|m, now| {
            let v = m.live(key, now).map(|(v, _)| std::mem::take(v));
            m.map.remove(key);
            v
        }))
    }

    async fn delete(&self, key: &str) -> Result<()> {
        self.with(|m, _| m.map.remove(key));
        Ok(())
    }

    async fn incr(&self, key: &str, ttl: Duration) -> Result<u64> {
        Ok(self.with(|m, now| {
            let n = match m.live(key, now) {
                Some((v, _)) => {
                    let n = u64::from_le_bytes(v.as_slice().try_into().unwrap_or([0; 8])) + 1;
                    *v = n.to_le_bytes().to_vec();
                    n
                }
                None => {
                    m.map
                        .insert(key.to_owned(), (1u64.to_le_bytes().to_vec(), now + ttl));
                    1
                }
            };
            m.wrote(now);
            n
        }))
    }

    async fn decr(&self, key: &str) -> Result<()> {
        self.with(|m, now| {
            if let Some((v, _)) = m.live(key, now) {
                let n = u64::from_le_bytes(v.as_slice().try_into().unwrap_or([0; 8]));
                *v = n.saturating_sub(1).to_le_bytes().to_vec();
            }
        });
        Ok(())
    }

    async fn count(&self, key: &str) -> Result<u64> {
        Ok(self.with(|m, now| {
            m.live(key, now)
                .map(|(v, _)| u64::from_le_bytes(v.as_slice().try_into().unwrap_or([0; 8])))
                .unwrap_or(0)
        }))
    }

    async fn ping(&self) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn expiry_take_and_counters() {
        let c = MemoryCache::new();
        c.set("a", b"1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(c.take("a").await.unwrap().as_deref(), Some(&b"1"[..]));
        assert_eq!(c.take("a").await.unwrap(), None);
        c.set("b", b"1", Duration::from_millis(1)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(c.get("b").await.unwrap(), None);
        assert!(c.set_if_absent("c", b"", Duration::from_secs(60)).await.unwrap());
        assert!(!c.set_if_absent("c", b"", Duration::from_secs(60)).await.unwrap());
        assert_eq!(c.incr("n", Duration::from_secs(60)).await.unwrap(), 1);
        assert_eq!(c.incr("n", Duration::from_secs(60)).await.unwrap(), 2);
    }
}
