//! Interactions: pending authentications waiting for the hosted pages, kept in the cache. Each
//! is bound to the browser that started it by a cookie whose hash it stores. A protocol starts
//! one (an OIDC authorization request today) and the pages resume it; nothing here is specific
//! to a protocol.

use std::sync::Arc;
use std::time::Duration;

use crate::cache::{Cache, CacheError};
use crate::crypto::secrets::{ct_eq, random_token, sha256_hex, token256};
use crate::domain::{Clock, Interaction, LoginResult, Resume};

fn key(id: &str) -> String {
    format!("interaction:{id}")
}

/// Cookie name binding a browser to one interaction. Per interaction, so two tabs signing in at
/// once do not overwrite each other's binding.
pub fn binding_cookie_name(interaction_id: &str) -> String {
    let short: String = interaction_id.chars().take(12).collect();
    format!("portcullis_interaction_{short}")
}

#[derive(Clone)]
pub struct Interactions {
    cache: Arc<dyn Cache>,
    clock: Arc<dyn Clock>,
    /// Seconds an interaction lasts from its start.
    ttl: i64,
}

impl Interactions {
    pub fn new(cache: Arc<dyn Cache>, clock: Arc<dyn Clock>, ttl: i64) -> Interactions {
        Interactions { cache, clock, ttl }
    }

    /// Starts an interaction; returns it and the browser-binding cookie value.
    pub async fn create(
        &self,
        resume: Resume,
        login: Option<LoginResult>,
    ) -> Result<(Interaction, String), CacheError> {
        let binding = token256();
        let i = Interaction {
            id: random_token(24),
            browser_binding: sha256_hex(binding.as_bytes()),
            csrf: token256(),
            resume,
            login,
            authentication: None,
            pending_user: None,
            upstream_link: None,
            upstream_review: None,
            created_at: self.clock.now(),
        };
        self.save(&i).await?;
        Ok((i, binding))
    }

    pub async fn save(&self, i: &Interaction) -> Result<(), CacheError> {
        let json = serde_json::to_vec(i).map_err(|_| CacheError::Encode)?;
        // An interaction saved in its last second still gets a cache entry; `load` refuses it.
        let ttl = i.time_left(self.clock.now(), self.ttl).max(1) as u64;
        self.cache.set(&key(&i.id), &json, Duration::from_secs(ttl)).await
    }

    /// The interaction `id`, if it exists, has time left and belongs to the browser holding
    /// `binding`.
    pub async fn load(&self, id: &str, binding: Option<&str>) -> Result<Option<Interaction>, CacheError> {
        if id.is_empty() || id.len() > 64 {
            return Ok(None);
        }
        let Some(raw) = self.cache.get(&key(id)).await? else {
            return Ok(None);
        };
        let Ok(i) = serde_json::from_slice::<Interaction>(&raw) else {
            return Ok(None);
        };
        let bound = binding.is_some_and(|b| ct_eq(&sha256_hex(b.as_bytes()), &i.browser_binding));
        let live = i.time_left(self.clock.now(), self.ttl) > 0;
        Ok((bound && live).then_some(i))
    }

    /// Ends an interaction; it cannot be resumed twice.
    pub async fn finish(&self, id: &str) -> Result<bool, CacheError> {
        Ok(self.cache.take(&key(id)).await?.is_some())
    }
}
