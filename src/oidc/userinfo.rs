//! OIDC Core §5.3: the UserInfo endpoint.

use serde_json::{Map, Value};

use super::tokens::{AccessTokenClaims, verify_access_token};
use super::{OAuthError, Provider, claims};

/// Verifies a bearer access token and checks it was not revoked (nor its grant).
pub async fn authorize_bearer(p: &Provider, token: &str) -> Result<AccessTokenClaims, OAuthError> {
    let claims = verify_access_token(p, token)?;
    if p.store.access_token_revoked(&claims.jti).await?.unwrap_or(false) {
        return Err(OAuthError::invalid_token("the access token was revoked"));
    }
    Ok(claims)
}

/// The claims of the user an access token was issued for, by its scope and claims request.
pub async fn userinfo(p: &Provider, token: &str) -> Result<Map<String, Value>, OAuthError> {
    let at = authorize_bearer(p, token).await?;
    let scope = crate::domain::Scope::parse(&at.scope);
    if !scope.contains("openid") {
        return Err(OAuthError::InsufficientScope(
            "the access token does not have the openid scope".into(),
        ));
    }
    let user = p
        .store
        .user_by_id(&at.sub)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| OAuthError::invalid_token("the user of this access token no longer exists"))?;
    // The claims request travels with the grant; only tokens issued under one have it.
    let claims_request = match at.sid.is_some() {
        true => grant_claims_request(p, &at).await?,
        false => None,
    };
    Ok(claims::userinfo(&user, &scope, claims_request.as_ref()))
}

async fn grant_claims_request(p: &Provider, at: &AccessTokenClaims) -> Result<Option<Value>, OAuthError> {
    let Some(grant_id) = p.store.access_token_grant(&at.jti).await? else {
        return Ok(None);
    };
    let grant = p.store.grant(&grant_id).await?;
    Ok(grant
        .and_then(|g| g.claims)
        .and_then(|c| serde_json::from_str(&c).ok()))
}
