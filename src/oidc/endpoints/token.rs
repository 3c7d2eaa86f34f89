//! RFC 6749 §3.2: the token endpoint.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;

use super::no_store;
use crate::http::params::Form;
use crate::oidc::authorize::Params;
use crate::oidc::client_auth::{self, ClientCredentials};
use crate::oidc::{OAuthError, Provider, grants, paths};

pub async fn post_token(
    State(p): State<Provider>,
    headers: HeaderMap,
    form: Result<Form, OAuthError>,
) -> Response {
    match token(&p, &headers, form).await {
        Ok(r) => no_store(Json(r).into_response()),
        Err(e) => e.into_response(),
    }
}

async fn token(
    p: &Provider,
    headers: &HeaderMap,
    form: Result<Form, OAuthError>,
) -> Result<crate::oidc::tokens::TokenResponse, OAuthError> {
    let Form(params) = form?;
    let client = authenticate_client(p, headers, &params, paths::TOKEN).await?;
    grants::exchange(p, &client, &params).await
}

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

fn form_urlencoded_decode(s: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&format!("v={s}")).ok()?;
    pairs.into_iter().next().map(|(_, v)| v)
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
}
