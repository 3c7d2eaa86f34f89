//! The rules a client's metadata follows, checked the same way when a client is registered and
//! when it is changed (RFC 6749 §2 and §3.1.2, RFC 7591 §2, OpenID Connect RP-Initiated
//! Logout §3.1). The clients service calls [`check`] on every client it is about to store.

use crate::domain::{Client, GrantType, TokenEndpointAuthMethod};

/// Why a client cannot be stored; the message names the metadata field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidClientMetadata(pub String);

fn invalid(msg: impl Into<String>) -> InvalidClientMetadata {
    InvalidClientMetadata(msg.into())
}

/// Checks `c` as it would be stored. `Ok` carries warnings that do not stop it (plain http
/// outside loopback), for the operator to read.
pub fn check(c: &Client) -> Result<Vec<String>, InvalidClientMetadata> {
    let mut warnings = Vec::new();
    if c.client_id.is_empty() || c.client_id.len() > 255 || c.client_id.contains(':') {
        // A ':' would make client_secret_basic's `id:secret` ambiguous (RFC 6749 §2.3.1).
        return Err(invalid("client_id must be 1-255 characters without ':'"));
    }
    if c.name.trim().is_empty() {
        return Err(invalid("client_name must not be empty"));
    }
    if c.grant_types.is_empty() {
        return Err(invalid("grant_types must name at least one grant"));
    }
    if c.allows_grant(GrantType::AuthorizationCode) && c.redirect_uris.is_empty() {
        return Err(invalid(
            "redirect_uris: at least one is required for the authorization_code grant",
        ));
    }
    if c.allows_grant(GrantType::ClientCredentials) && c.is_public() {
        return Err(invalid(
            "a public client (token_endpoint_auth_method none) cannot use client_credentials",
        ));
    }
    for u in &c.redirect_uris {
        warnings.extend(check_uri("redirect_uris", u)?);
    }
    for u in &c.post_logout_redirect_uris {
        warnings.extend(check_uri("post_logout_redirect_uris", u)?);
    }
    if let Some(jwks) = &c.jwks {
        josekit::jwk::JwkSet::from_bytes(jwks.as_bytes())
            .map_err(|e| invalid(format!("jwks is not a JWK Set: {e}")))?;
    }
    if let Some(u) = &c.jwks_uri {
        warnings.extend(check_uri("jwks_uri", u)?);
    }
    if c.jwks.is_some() && c.jwks_uri.is_some() {
        return Err(invalid("jwks and jwks_uri must not both be given (RFC 7591 §2)"));
    }
    if c.auth_method == TokenEndpointAuthMethod::PrivateKeyJwt && c.jwks.is_none() && c.jwks_uri.is_none() {
        return Err(invalid("private_key_jwt needs jwks or jwks_uri"));
    }
    match (c.auth_method.uses_secret(), &c.secret_hash) {
        (true, None) => {
            return Err(invalid(format!(
                "{} clients need a secret",
                c.auth_method.as_str()
            )));
        }
        (false, Some(_)) => {
            return Err(invalid(format!(
                "{} clients have no secret",
                c.auth_method.as_str()
            )));
        }
        _ => {}
    }
    let links = &c.links;
    for (field, uri) in [
        ("client_uri", &c.client_uri),
        ("logo_uri", &links.logo_uri),
        ("policy_uri", &links.policy_uri),
        ("tos_uri", &links.tos_uri),
    ] {
        if let Some(u) = uri {
            web_page(field, u)?;
        }
    }
    Ok(warnings)
}

/// A link or image the pages show: a web address, never `javascript:` or `data:`.
fn web_page(field: &str, u: &str) -> Result<(), InvalidClientMetadata> {
    let parsed =
        url::Url::parse(u).map_err(|e| invalid(format!("{field} {u:?} is not an absolute URL: {e}")))?;
    match parsed.scheme() {
        "https" | "http" => Ok(()),
        _ => Err(invalid(format!("{field} {u:?} must be an https URL"))),
    }
}

/// RFC 6749 §3.1.2: absolute, no fragment. Plain http is for loopback development only.
fn check_uri(field: &str, uri: &str) -> Result<Option<String>, InvalidClientMetadata> {
    let u =
        url::Url::parse(uri).map_err(|e| invalid(format!("{field}: {uri:?} is not an absolute URI: {e}")))?;
    if u.fragment().is_some() {
        return Err(invalid(format!("{field}: {uri:?} must not have a fragment")));
    }
    let loopback = matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    Ok((u.scheme() == "http" && !loopback)
        .then(|| format!("{field}: {uri} uses plain http; use https outside development")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scope;

    fn client() -> Client {
        Client {
            client_id: "rp".into(),
            secret_hash: Some("h".into()),
            name: "RP".into(),
            redirect_uris: vec!["https://rp.example/cb".into()],
            post_logout_redirect_uris: vec![],
            grant_types: vec![GrantType::AuthorizationCode],
            scope: Scope::parse("openid"),
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

    fn error(change: impl FnOnce(&mut Client)) -> String {
        let mut c = client();
        change(&mut c);
        check(&c).unwrap_err().0
    }

    #[test]
    fn a_sound_client_passes_and_plain_http_only_warns() {
        assert_eq!(check(&client()), Ok(vec![]));
        let mut c = client();
        c.redirect_uris = vec!["http://rp.example/cb".into(), "http://127.0.0.1:9/cb".into()];
        c.client_uri = Some("https://rp.example".into());
        let warnings = check(&c).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn broken_metadata_is_refused_with_the_field_named() {
        assert!(error(|c| c.redirect_uris.clear()).contains("redirect_uris"));
        assert!(error(|c| c.redirect_uris = vec!["/cb".into()]).contains("redirect_uris"));
        assert!(error(|c| c.redirect_uris = vec!["https://rp.example/cb#x".into()]).contains("fragment"));
        assert!(
            error(|c| c.post_logout_redirect_uris = vec!["nope".into()])
                .contains("post_logout_redirect_uris")
        );
        assert!(error(|c| c.client_id = "a:b".into()).contains("client_id"));
        assert!(error(|c| c.name = " ".into()).contains("client_name"));
        assert!(error(|c| c.client_uri = Some("javascript:alert(1)".into())).contains("client_uri"));
        assert!(error(|c| c.client_uri = Some("rp.example".into())).contains("client_uri"));
        assert!(error(|c| c.secret_hash = None).contains("need a secret"));
        let e = error(|c| {
            c.auth_method = TokenEndpointAuthMethod::None;
            c.secret_hash = None;
            c.grant_types = vec![GrantType::ClientCredentials];
        });
        assert!(e.contains("client_credentials"), "{e}");
        let e = error(|c| {
            c.auth_method = TokenEndpointAuthMethod::PrivateKeyJwt;
            c.secret_hash = None;
        });
        assert!(e.contains("jwks"), "{e}");
    }
}
