//! Client authentication as requests carry it (RFC 6749 §2.3.1, RFC 7521 §4.2): the
//! credentials read from the Authorization header and the form, checked by
//! `oidc::client_auth`. Shared by the token, introspection and revocation endpoints.

use axum::http::HeaderMap;
use base64::Engine;

use crate::oidc::authorize::Params;
use crate::oidc::client_auth::{self, ClientCredentials};
use crate::oidc::{OAuthError, Provider, paths};

/// Authenticates the client of a request to one of our endpoints at `path`.
pub async fn authenticate_client(
    p: &Provider,
    headers: &HeaderMap,
    params: &Params,
    path: &str,
) -> Result<crate::domain::Client, OAuthError> {
    let creds = credentials(headers, params)?;
    // RFC 7523 §3: the audience identifies the server; accept the issuer, the token endpoint
    // (OIDC Core §9) and the endpoint being called.
    let audiences = [
        p.issuer().to_owned(),
        p.config.url(paths::TOKEN),
        p.config.url(path),
    ];
    client_auth::authenticate(p, &creds, &audiences).await
}

/// Collects the client credentials a request carries (RFC 6749 §2.3.1, RFC 7521 §4.2).
pub fn credentials(headers: &HeaderMap, params: &Params) -> Result<ClientCredentials, OAuthError> {
    let one = |name: &'static str| params.single(name).map(|v| v.map(str::to_owned));
    Ok(ClientCredentials {
        basic: basic_auth(headers)?,
        client_id: one("client_id")?,
        client_secret: one("client_secret")?,
        client_assertion_type: one("client_assertion_type")?,
        client_assertion: one("client_assertion")?,
    })
}

fn basic_auth(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    let bad = || OAuthError::invalid_client("the Authorization header is malformed");
    let value = value.to_str().map_err(|_| bad())?;
    let Some((scheme, encoded)) = value.split_once(' ') else {
        return Err(bad());
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(OAuthError::invalid_client(
            "only the Basic authorization scheme is supported here",
        ));
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| bad())?;
    let decoded = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = decoded.split_once(':').ok_or_else(bad)?;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    let unescape = |s: &str| form_urlencoded_decode(s).ok_or_else(bad);
    Ok(Some((unescape(id)?, unescape(secret)?)))
}

/// One `application/x-www-form-urlencoded` value: `+` is a space and `%XX` a byte. The whole
/// string is one value, so a literal `&` or `=` stays part of it (a secret is never cut short).
fn form_urlencoded_decode(s: &str) -> Option<String> {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|v| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_decoded() {
        let mut h = HeaderMap::new();
        let v = base64::engine::general_purpose::STANDARD.encode("my%20client:p%3Ass+word");
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Basic {v}").parse().unwrap(),
        );
        assert_eq!(
            basic_auth(&h).unwrap(),
            Some(("my client".into(), "p:ss word".into()))
        );
        h.insert(axum::http::header::AUTHORIZATION, "Basic !!!".parse().unwrap());
        assert!(basic_auth(&h).is_err());
    }

    fn basic(user_pass: &str) -> Result<Option<(String, String)>, OAuthError> {
        let mut h = HeaderMap::new();
        let v = base64::engine::general_purpose::STANDARD.encode(user_pass);
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Basic {v}").parse().unwrap(),
        );
        basic_auth(&h)
    }

    #[test]
    fn nothing_after_an_ampersand_or_equals_sign_is_dropped() {
        assert_eq!(
            basic("client:a&b=c%26d").unwrap(),
            Some(("client".into(), "a&b=c&d".into()))
        );
        assert_eq!(
            basic("cli%3Aent:s%2Bx+y%25").unwrap(),
            Some(("cli:ent".into(), "s+x y%".into()))
        );
        // Only the first colon separates: the secret may hold raw colons.
        assert_eq!(
            basic("client:a:b").unwrap(),
            Some(("client".into(), "a:b".into()))
        );
    }

    #[test]
    fn escapes_that_are_not_utf_8_are_malformed() {
        assert!(basic("client:%FF").is_err());
    }
}
