//! RFC 8707 resource indicators: which resource server an access token is for (its `aud`).
//! Two are ours: this provider itself (userinfo, the default, RFC 9068 §3) and the admin API.
//! The audience is chosen at the token request (RFC 8707 §2.2), for every grant.

use crate::domain::{Client, OAuthError, Params};

/// Where the admin API lives under the issuer.
pub const ADMIN_API_PATH: &str = "/admin/v1";

/// The admin API's resource identifier: its URL.
pub fn admin_api(issuer: &str) -> String {
    format!("{}{ADMIN_API_PATH}", issuer.trim_end_matches('/'))
}

/// The audience of an access token for `client`, from the request's `resource` parameters:
/// `None` for the default. Only a first-party client (registered as trusted by an
/// administrator) may ask for the admin API: a token for it carries its user's admin rights.
pub fn audience(issuer: &str, client: &Client, params: &Params) -> Result<Option<String>, OAuthError> {
    let mut asked = params.all("resource");
    asked.sort_unstable();
    asked.dedup();
    let resource = match asked.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        _ => {
            return Err(OAuthError::invalid_target(
                "ask for one resource per access token",
            ));
        }
    };
    // RFC 8707 §2: an absolute URI without a fragment.
    let parsed = url::Url::parse(resource)
        .map_err(|_| OAuthError::invalid_target("resource must be an absolute URI"))?;
    if parsed.fragment().is_some() {
        return Err(OAuthError::invalid_target("resource must not have a fragment"));
    }
    if resource == issuer {
        return Ok(None);
    }
    if resource != admin_api(issuer) {
        return Err(OAuthError::invalid_target("unknown resource"));
    }
    if !client.first_party {
        return Err(OAuthError::invalid_target(
            "only a first-party client may ask for the admin API",
        ));
    }
    Ok(Some(resource.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GrantType, Scope, TokenEndpointAuthMethod};

    const ISSUER: &str = "https://id.example.com";

    fn client(first_party: bool) -> Client {
        Client {
            client_id: "c".into(),
            secret_hash: None,
            name: "C".into(),
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![],
            grant_types: vec![GrantType::ClientCredentials],
            scope: Scope::parse(""),
            auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
            jwks: None,
            jwks_uri: None,
            first_party,
            require_mfa: false,
            created_at: 0,
            client_uri: None,
            logo_version: None,
            links: Default::default(),
        }
    }

    fn params(resources: &[&str]) -> Params {
        Params::new(
            resources
                .iter()
                .map(|r| ("resource".to_owned(), r.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_admin_api_is_for_first_party_clients_only() {
        let admin = admin_api(ISSUER);
        assert_eq!(
            audience(ISSUER, &client(true), &params(&[&admin])),
            Ok(Some(admin.clone()))
        );
        assert!(matches!(
            audience(ISSUER, &client(false), &params(&[&admin])),
            Err(OAuthError::InvalidTarget(_))
        ));
    }

    #[test]
    fn no_resource_or_the_issuer_is_the_default_audience() {
        assert_eq!(audience(ISSUER, &client(false), &params(&[])), Ok(None));
        assert_eq!(audience(ISSUER, &client(false), &params(&[ISSUER])), Ok(None));
    }

    #[test]
    fn unknown_relative_fragmented_or_several_resources_are_invalid_targets() {
        let admin = admin_api(ISSUER);
        let fragment = format!("{admin}#x");
        for asked in [
            vec!["https://api.example.com/"],
            vec!["/admin/v1"],
            vec![fragment.as_str()],
            vec![admin.as_str(), ISSUER],
        ] {
            assert!(
                matches!(
                    audience(ISSUER, &client(true), &params(&asked)),
                    Err(OAuthError::InvalidTarget(_))
                ),
                "{asked:?}"
            );
        }
    }
}
