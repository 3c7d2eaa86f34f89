//! Interactions: pending authorization requests waiting for the hosted pages, kept in the cache.
//! Each is bound to the browser that started it by a cookie whose hash it stores.

use std::time::Duration;

use crate::crypto::secrets::{ct_eq, random_token, sha256_hex, token256};
use crate::domain::{AuthorizationRequest, Interaction, LoginResult};
use crate::oidc::{OAuthError, Provider};

fn key(id: &str) -> String {
    format!("interaction:{id}")
}

/// Cookie name binding a browser to one interaction. Per interaction, so two tabs signing in at
/// once do not overwrite each other's binding.
pub fn binding_cookie_name(interaction_id: &str) -> String {
    let short: String = interaction_id.chars().take(12).collect();
    format!("portcullis_interaction_{short}")
}

/// Starts an interaction; returns it and the browser-binding cookie value.
pub async fn create(
    p: &Provider,
    request: Option<AuthorizationRequest>,
    login: Option<LoginResult>,
) -> Result<(Interaction, String), OAuthError> {
    let binding = token256();
    let i = Interaction {
        id: random_token(24),
        browser_binding: sha256_hex(binding.as_bytes()),
        csrf: token256(),
        request,
        login,
        pending_user: None,
        created_at: p.now(),
    };
    save(p, &i).await?;
    Ok((i, binding))
}

pub async fn save(p: &Provider, i: &Interaction) -> Result<(), OAuthError> {
    let json = serde_json::to_vec(i).map_err(|_| OAuthError::ServerError)?;
    // An interaction saved in its last second still gets a cache entry; `load` refuses it.
    let ttl = i.time_left(p.now(), p.config.interaction_ttl).max(1) as u64;
    p.cache.set(&key(&i.id), &json, Duration::from_secs(ttl)).await?;
    Ok(())
}

/// The interaction `id`, if it exists, has time left and belongs to the browser holding `binding`.
pub async fn load(p: &Provider, id: &str, binding: Option<&str>) -> Result<Option<Interaction>, OAuthError> {
    if id.is_empty() || id.len() > 64 {
        return Ok(None);
    }
    let Some(raw) = p.cache.get(&key(id)).await? else {
        return Ok(None);
    };
    let Ok(i) = serde_json::from_slice::<Interaction>(&raw) else {
        return Ok(None);
    };
    let bound = binding.is_some_and(|b| ct_eq(&sha256_hex(b.as_bytes()), &i.browser_binding));
    let live = i.time_left(p.now(), p.config.interaction_ttl) > 0;
    Ok((bound && live).then_some(i))
}

/// Ends an interaction; it cannot be resumed twice.
pub async fn finish(p: &Provider, id: &str) -> Result<bool, OAuthError> {
    Ok(p.cache.take(&key(id)).await?.is_some())
}
