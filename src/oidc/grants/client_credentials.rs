//! RFC 6749 §4.4: the client acts on its own behalf; an access token only.

use crate::domain::{Client, Scope};
use crate::oidc::authorize::Params;
use crate::oidc::tokens::{AccessTokenSubject, TokenResponse, issue_access_token};
use crate::oidc::{OAuthError, Provider};

/// `audience`: the access token's, from the request's `resource` (see resource.rs).
pub async fn exchange(
    p: &Provider,
    client: &Client,
    params: &Params,
    audience: Option<&str>,
) -> Result<TokenResponse, OAuthError> {
    let scope = granted_scope(client, params.single("scope")?)?;
    let subject = AccessTokenSubject {
        sub: &client.client_id,
        auth_time: None,
        acr: None,
        sid: None,
        roles: None,
    };
    let at = issue_access_token(p, &client.client_id, subject, &scope, audience)?;
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

/// RFC 6749 §3.3: the requested scope, every value registered for the client; all of the
/// client's scope when none is requested. OpenID scopes ask for user claims, which have no
/// meaning without a user, so they are never granted here.
fn granted_scope(client: &Client, requested: Option<&str>) -> Result<Scope, OAuthError> {
    let user_scopes = ["openid", "offline_access", "roles"];
    let allowed = client.scope.retain(|s| !user_scopes.contains(&s));
    let Some(requested) = requested.map(Scope::parse) else {
        return Ok(allowed);
    };
    if let Some(bad) = requested.iter().find(|s| !allowed.contains(s)) {
        return Err(OAuthError::invalid_scope(format!(
            "the client may not request scope {bad}"
        )));
    }
    Ok(requested)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GrantType, TokenEndpointAuthMethod};

    fn service() -> Client {
        Client {
            client_id: "svc".into(),
            secret_hash: None,
            name: "Service".into(),
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![],
            grant_types: vec![GrantType::ClientCredentials],
            scope: Scope::parse("api:read api:write openid offline_access"),
            auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
            jwks: None,
            jwks_uri: None,
            first_party: true,
            require_mfa: false,
            created_at: 0,
            client_uri: None,
            logo_version: None,
            links: Default::default(),
        }
    }

    #[test]
    fn no_scope_asked_gives_the_clients_api_scopes() {
        assert_eq!(
            granted_scope(&service(), None),
            Ok(Scope::parse("api:read api:write"))
        );
    }

    #[test]
    fn a_registered_subset_is_granted_as_asked() {
        assert_eq!(
            granted_scope(&service(), Some("api:read")),
            Ok(Scope::parse("api:read"))
        );
    }

    #[test]
    fn unregistered_and_user_scopes_are_invalid_scope() {
        for asked in [
            "api:admin",
            "api:read api:admin",
            "openid",
            "offline_access",
            "API:READ",
        ] {
            let e = granted_scope(&service(), Some(asked));
            assert!(matches!(e, Err(OAuthError::InvalidScope(_))), "{asked}: {e:?}");
        }
    }
}
