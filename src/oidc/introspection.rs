//! RFC 7662: token introspection for authenticated clients.

use serde_json::{Map, Value, json};

use super::tokens::verify_access_token;
use super::{OAuthError, Provider};
use crate::crypto::secrets::sha256_hex;
use crate::domain::Client;

/// The introspection response. Anything expired, revoked, unknown or not the caller's to see is
/// `{"active": false}` and nothing more (RFC 7662 §2.2).
pub async fn introspect(
    p: &Provider,
    caller: &Client,
    token: &str,
    hint: Option<&str>,
) -> Result<Map<String, Value>, OAuthError> {
    let inactive = || {
        let mut m = Map::new();
        m.insert("active".into(), json!(false));
        m
    };
    // Try the hinted type first; the hint is only a hint (RFC 7662 §2.1).
    let active = if hint == Some("refresh_token") {
        match refresh(p, caller, token).await? {
            Some(m) => Some(m),
            None => access(p, token).await?,
        }
    } else {
        match access(p, token).await? {
            Some(m) => Some(m),
            None => refresh(p, caller, token).await?,
        }
    };
    Ok(active.unwrap_or_else(inactive))
}

async fn access(p: &Provider, token: &str) -> Result<Option<Map<String, Value>>, OAuthError> {
    let Ok(c) = verify_access_token(p, token) else {
        return Ok(None);
    };
    if p.store
        .grants()
        .access_token_revoked(&c.jti)
        .await?
        .unwrap_or(false)
    {
        return Ok(None);
    }
    // A disabled or deleted account's tokens stop at once, as at userinfo and the token endpoint.
    // Client-credentials tokens have the client as `sub`, not a user.
    let user = p.store.users().user_by_id(&c.sub).await?;
    if user.as_ref().is_some_and(|u| !u.is_active()) {
        return Ok(None);
    }
    let mut m = Map::new();
    m.insert("active".into(), json!(true));
    m.insert("token_type".into(), json!("Bearer"));
    m.insert("scope".into(), json!(c.scope));
    m.insert("client_id".into(), json!(c.client_id));
    m.insert("sub".into(), json!(c.sub));
    m.insert("aud".into(), json!(c.aud));
    m.insert("iss".into(), json!(c.iss));
    m.insert("exp".into(), json!(c.exp));
    m.insert("iat".into(), json!(c.iat));
    m.insert("jti".into(), json!(c.jti));
    if let Some(t) = c.auth_time {
        m.insert("auth_time".into(), json!(t));
    }
    if let Some(user) = user {
        m.insert("username".into(), json!(user.email));
    }
    Ok(Some(m))
}

/// Refresh tokens are introspectable only by the client they were issued to.
async fn refresh(
    p: &Provider,
    caller: &Client,
    token: &str,
) -> Result<Option<Map<String, Value>>, OAuthError> {
    let now = p.now();
    let Some(r) = p
        .store
        .grants()
        .refresh_token(&sha256_hex(token.as_bytes()))
        .await?
    else {
        return Ok(None);
    };
    if r.client_id != caller.client_id || r.expires_at <= now || r.rotated_at.is_some() {
        return Ok(None);
    }
    let Some(g) = p.store.grants().grant(&r.grant_id).await? else {
        return Ok(None);
    };
    if g.revoked_at.is_some() {
        return Ok(None);
    }
    if !p
        .store
        .users()
        .user_by_id(&g.user_id)
        .await?
        .is_some_and(|u| u.is_active())
    {
        return Ok(None);
    }
    if !g.offline
        && !p
            .sessions
            .by_id(&g.session_id)
            .await?
            .is_some_and(|s| p.sessions.is_active(&s, now))
    {
        return Ok(None);
    }
    let mut m = Map::new();
    m.insert("active".into(), json!(true));
    m.insert("token_type".into(), json!("refresh_token"));
    m.insert("scope".into(), json!(g.scope.to_string()));
    m.insert("client_id".into(), json!(r.client_id));
    m.insert("sub".into(), json!(g.user_id));
    m.insert("iss".into(), json!(p.issuer()));
    m.insert("exp".into(), json!(r.expires_at));
    m.insert("iat".into(), json!(r.created_at));
    Ok(Some(m))
}
