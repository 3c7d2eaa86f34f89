//! RFC 6749 §6 with rotation: every use returns a new refresh token. A rotated token presented
//! again after the grace window (for concurrent requests of one client) revokes the whole family
//! (RFC 9700 §4.14.2).

use crate::crypto::secrets::sha256_hex;
use crate::domain::{Client, Scope, UnixTime, User};
use crate::oidc::authorize::Params;
use crate::oidc::tokens::{self, TokenResponse};
use crate::oidc::{OAuthError, Provider};
use crate::store::{RefreshOutcome, RefreshTokenRecord};

/// `audience`: the access token's, from the request's `resource` (see resource.rs).
pub async fn exchange(
    p: &Provider,
    client: &Client,
    params: &Params,
    audience: Option<&str>,
) -> Result<TokenResponse, OAuthError> {
    let token = params
        .single("refresh_token")?
        .ok_or_else(|| OAuthError::invalid_request("refresh_token is missing"))?;
    let hash = sha256_hex(token.as_bytes());
    let now = p.now();
    let invalid = || OAuthError::invalid_grant("the refresh token is invalid");
    let record = p.store.grants().refresh_token(&hash).await?.ok_or_else(invalid)?;
    // Bound to its client: another client learns nothing, and the token is not burnt.
    if record.client_id != client.client_id {
        return Err(invalid());
    }
    let grant = p
        .store
        .grants()
        .grant(&record.grant_id)
        .await?
        .ok_or_else(invalid)?;
    if grant.revoked_at.is_some() {
        return Err(OAuthError::invalid_grant("the refresh token was revoked"));
    }
    if record.expires_at <= now {
        return Err(OAuthError::invalid_grant("the refresh token expired"));
    }
    if !grant.offline {
        let live = p
            .sessions
            .by_id(&grant.session_id)
            .await?
            .is_some_and(|s| p.sessions.is_active(&s, now));
        if !live {
            return Err(OAuthError::invalid_grant(
                "the session this refresh token belongs to has ended",
            ));
        }
    }
    let scope = narrowed_scope(&grant.scope, params.single("scope")?)?;
    let user = p
        .store
        .users()
        .user_by_id(&grant.user_id)
        .await?
        .filter(User::is_active)
        .ok_or_else(|| OAuthError::invalid_grant("the user is no longer active"))?;

    match p
        .store
        .grants()
        .rotate_refresh_token(&hash, now, p.config.refresh_reuse_grace_seconds)
        .await?
    {
        RefreshOutcome::Rotated | RefreshOutcome::WithinGrace => {}
        RefreshOutcome::Reused => {
            p.store.grants().revoke_grant(&grant.id, now).await?;
            tracing::warn!(client_id = %client.client_id, "rotated refresh token reused; its family is revoked");
            return Err(OAuthError::invalid_grant("the refresh token was already used"));
        }
    }

    let roles = super::role_claims(p, &grant.user_id, &client.client_id, &scope).await?;
    let at = super::access_token(p, client, &grant, &scope, roles.as_ref(), audience)?;
    let (new_token, new_hash) = tokens::new_refresh_token();
    let next = successor(&record, new_hash, now);
    p.store
        .grants()
        .insert_rotated_tokens(&grant.id, Some(&next), &super::access_token_row(&at, client))
        .await?;
    super::user_tokens(p, user, &grant, &scope, roles.as_ref(), None, at, Some(new_token))
}

/// RFC 6749 §6: the scope of the new tokens: the grant's, or a subset of it, never more.
fn narrowed_scope(granted: &Scope, requested: Option<&str>) -> Result<Scope, OAuthError> {
    let Some(requested) = requested.map(Scope::parse) else {
        return Ok(granted.clone());
    };
    if !requested.is_subset(granted) {
        return Err(OAuthError::invalid_scope(
            "the requested scope exceeds the original grant",
        ));
    }
    Ok(requested)
}

/// The token that replaces `used`. The family keeps the first token's expiry: rotation does not
/// extend a family's life.
fn successor(used: &RefreshTokenRecord, token_hash: String, now: UnixTime) -> RefreshTokenRecord {
    RefreshTokenRecord {
        token_hash,
        grant_id: used.grant_id.clone(),
        client_id: used.client_id.clone(),
        created_at: now,
        expires_at: used.expires_at,
        rotated_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_may_narrow_but_never_widen() {
        let granted = Scope::parse("openid email offline_access");
        assert_eq!(narrowed_scope(&granted, None), Ok(granted.clone()));
        assert_eq!(
            narrowed_scope(&granted, Some("openid")),
            Ok(Scope::parse("openid"))
        );
        for wider in ["openid profile", "openid email offline_access phone", "OPENID"] {
            let e = narrowed_scope(&granted, Some(wider));
            assert!(matches!(e, Err(OAuthError::InvalidScope(_))), "{wider}: {e:?}");
        }
    }

    #[test]
    fn a_rotated_token_keeps_its_familys_expiry() {
        let first = RefreshTokenRecord {
            token_hash: "h1".into(),
            grant_id: "g".into(),
            client_id: "rp".into(),
            created_at: 1_000,
            expires_at: 2_000,
            rotated_at: None,
        };
        let next = successor(&first, "h2".into(), 1_900);
        assert_eq!(next.expires_at, 2_000);
        assert_eq!((next.created_at, next.rotated_at), (1_900, None));
        assert_eq!((next.grant_id.as_str(), next.client_id.as_str()), ("g", "rp"));
        assert_eq!(next.token_hash, "h2");
    }
}
