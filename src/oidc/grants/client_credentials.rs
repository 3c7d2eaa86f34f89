//! RFC 6749 §4.4: the client acts on its own behalf; an access token only.

use crate::domain::{Client, Scope};
use crate::oidc::authorize::Params;
use crate::oidc::tokens::{AccessTokenSubject, TokenResponse, issue_access_token};
use crate::oidc::{OAuthError, Provider};

pub async fn exchange(p: &Provider, client: &Client, params: &Params) -> Result<TokenResponse, OAuthError> {
    // OpenID scopes ask for user claims, which have no meaning without a user.
    let user_scopes = ["openid", "offline_access"];
    let allowed = client.scope.retain(|s| !user_scopes.contains(&s));
    let scope = match params.single("scope")? {
        None => allowed,
        Some(s) => {
            let requested = Scope::parse(s);
            if let Some(bad) = requested.iter().find(|s| !allowed.contains(s)) {
                return Err(OAuthError::invalid_scope(format!(
                    "the client may not request scope {bad}"
                )));
            }
            requested
        }
    };
    let subject = AccessTokenSubject {
        sub: &client.client_id,
        auth_time: None,
        acr: None,
        sid: None,
    };
    let at = issue_access_token(p, &client.client_id, subject, &scope)?;
    Ok(TokenResponse {
        access_token: at.token,
        token_type: "Bearer",
        expires_in: p.config.access_token_ttl,
        scope: scope.to_string(),
        refresh_token: None,
        id_token: None,
        subject: None,
    })
}
