//! OIDC Core §5.3: the UserInfo endpoint.

use serde_json::{Map, Value};

use super::tokens::verify_access_token;
use super::{OAuthError, Provider, claims};

/// The claims of the user an access token was issued for, by its scope and claims request.
pub async fn userinfo(p: &Provider, token: &str) -> Result<Map<String, Value>, OAuthError> {
    let at = verify_access_token(p, token)?;
    // RFC 9068 §4: a token for another resource (the admin API) is not for userinfo.
    if at.aud != p.issuer() {
        return Err(OAuthError::invalid_token(
            "the access token is for another resource",
        ));
    }
    let scope = crate::domain::Scope::parse(&at.scope);
    if !scope.contains("openid") {
        return Err(OAuthError::InsufficientScope(
            "the access token does not have the openid scope".into(),
        ));
    }
    let found = p.store.users().user_for_access_token(&at.jti, &at.sub).await?;
    let Some(t) = found.filter(|t| t.user.is_active()) else {
        return Err(OAuthError::invalid_token(
            "the user of this access token no longer exists",
        ));
    };
    if t.revoked {
        return Err(OAuthError::invalid_token("the access token was revoked"));
    }
    let claims_request = t.claims_request.and_then(|c| serde_json::from_str(&c).ok());
    let mut out = claims::userinfo(&t.user, &scope, claims_request.as_ref());
    if let Some(r) = super::grants::role_claims(p, &t.user.id, &at.client_id, &scope).await? {
        claims::put_roles(&mut out, &r);
    }
    Ok(out)
}
