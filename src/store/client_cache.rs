//! A few seconds' copy of the clients this process has read.
//!
//! Every token, introspection and revocation request reads its client. On SQLite each read is a
//! hand-off to a database thread and back, and those context switches were a fifth of the CPU
//! of `POST /token` (bench/README.md): more than the request's own work apart from signing. A
//! client changes rarely, so a copy that lives [`TTL`] answers instead.
//!
//! This process's own changes (the store's writes) take effect at once: they forget the copy,
//! and a generation number keeps a read that raced with a change from storing what it read.
//! Changes made by another process or node take effect here within [`TTL`]; unknown ids are
//! never remembered, so a new client works everywhere at once.

use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use crate::domain::Client;

/// How long a copy answers. Also the longest a client deleted on another node keeps working.
pub const TTL: Duration = Duration::from_secs(2);
/// Bounds memory when many distinct clients are read within one TTL.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub struct ClientCache {
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Bumped by every change, so that reads started before it do not store what they read.
    generation: u64,
    entries: HashMap<String, (Instant, Arc<Client>)>,
}

pub enum Lookup {
    Hit(Arc<Client>),
    /// Read the database, then [`ClientCache::fill`] with this generation.
    Miss(u64),
}

impl ClientCache {
    pub fn lookup(&self, client_id: &str, now: Instant) -> Lookup {
        let inner = self.read();
        match inner.entries.get(client_id) {
            Some((read_at, c)) if now.duration_since(*read_at) < TTL => Lookup::Hit(Arc::clone(c)),
            _ => Lookup::Miss(inner.generation),
        }
    }

    /// Remembers `client`, read at `read_at`, unless a change happened since `generation`.
    pub fn fill(&self, generation: u64, client: &Client, read_at: Instant) {
        let mut inner = self.write();
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner
                .entries
                .retain(|_, (at, _)| read_at.duration_since(*at) < TTL);
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.clear();
            }
        }
        inner
            .entries
            .insert(client.client_id.clone(), (read_at, Arc::new(client.clone())));
    }

    /// Forgets `client_id` after a change to it.
    pub fn forget(&self, client_id: &str) {
        let mut inner = self.write();
        inner.generation += 1;
        inner.entries.remove(client_id);
    }

    // A panic while holding the lock leaves a map that is still consistent: keep using it.
    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Scope, TokenEndpointAuthMethod};

    fn client(id: &str, name: &str) -> Client {
        Client {
            client_id: id.into(),
            secret_hash: Some("h".into()),
            name: name.into(),
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![],
            grant_types: vec![],
            scope: Scope::parse("api"),
            auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
            jwks: None,
            jwks_uri: None,
            first_party: false,
            require_mfa: false,
            created_at: 0,
            client_uri: None,
            logo_version: None,
            links: Default::default(),
        }
    }

    fn hit_name(l: Lookup) -> Option<String> {
        match l {
            Lookup::Hit(c) => Some(c.name.clone()),
            Lookup::Miss(_) => None,
        }
    }

    fn generation(l: Lookup) -> u64 {
        match l {
            Lookup::Miss(g) => g,
            Lookup::Hit(_) => panic!("expected a miss"),
        }
    }

    #[test]
    fn a_copy_answers_until_the_ttl_passes() {
        let cache = ClientCache::default();
        let t0 = Instant::now();
        let g = generation(cache.lookup("a", t0));
        cache.fill(g, &client("a", "A"), t0);
        assert_eq!(
            hit_name(cache.lookup("a", t0 + TTL - Duration::from_millis(1))),
            Some("A".into())
        );
        assert_eq!(hit_name(cache.lookup("a", t0 + TTL)), None);
        assert_eq!(hit_name(cache.lookup("b", t0)), None);
    }

    #[test]
    fn a_change_forgets_the_copy_and_a_read_that_raced_with_it_is_not_stored() {
        let cache = ClientCache::default();
        let t0 = Instant::now();
        let g = generation(cache.lookup("a", t0));
        cache.fill(g, &client("a", "old"), t0);
        cache.forget("a");
        assert_eq!(hit_name(cache.lookup("a", t0)), None);

        // A read began before the next change and finished after it: what it read is stale.
        let raced = generation(cache.lookup("a", t0));
        cache.forget("a");
        cache.fill(raced, &client("a", "stale"), t0);
        assert_eq!(hit_name(cache.lookup("a", t0)), None);
    }

    #[test]
    fn memory_stays_bounded() {
        let cache = ClientCache::default();
        let t0 = Instant::now();
        for i in 0..MAX_ENTRIES + 5 {
            cache.fill(0, &client(&i.to_string(), "c"), t0);
        }
        assert!(cache.read().entries.len() <= MAX_ENTRIES);
    }
}
