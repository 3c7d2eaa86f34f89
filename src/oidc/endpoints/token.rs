//! RFC 6749 §3.2: the token endpoint.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;

use serde_json::json;

use super::no_store;
use crate::audit::Event;
use crate::authn::RateLimitError;
use crate::config::RateLimited;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::authorize::Params;
use crate::oidc::client_auth::{self, ClientCredentials};
use crate::oidc::{OAuthError, Provider, grants, paths};

pub async fn post_token(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match form {
        Ok(Form(params)) => params,
        Err(e) => return e.into_response(),
    };
    let grant_type = params.get("grant_type").ok().flatten().unwrap_or("").to_owned();
    let claimed_client = credentials(&headers, &params)
        .ok()
        .and_then(|c| c.basic.map(|(id, _)| id).or(c.client_id));
    // Per IP, every request; and an IP that has failed client authentication too often is
    // refused before trying again. A client's own budget counts only its authenticated
    // requests, so wrong secrets sent under its id by someone else cannot spend it.
    if let Err(refused) = p.limits.check(RateLimited::Token, &origin, None).await {
        return refusal(refused);
    }
    if let Err(refused) = p
        .limits
        .check_spent_ip(RateLimited::ClientAuthFailure, &origin)
        .await
    {
        return refusal(refused);
    }
    let result = async {
        let client = match authenticate_client(&p, &headers, &params, paths::TOKEN).await {
            Ok(c) => c,
            Err(e) => {
                p.limits.count_ip(RateLimited::ClientAuthFailure, &origin).await?;
                return Err(e);
            }
        };
        if let Err(refused) = p
            .limits
            .check_account(RateLimited::Token, &origin, &client.client_id)
            .await
        {
            return Ok(Err(refusal(refused)));
        }
        let r = grants::exchange(&p, &client, &params).await;
        Ok::<_, OAuthError>(Ok((client, r)))
    }
    .await;
    // Refreshes are their own action; every other grant issues tokens.
    let action = if grant_type == "refresh_token" {
        "token.refreshed"
    } else {
        "token.issued"
    };
    let detail = |error: Option<&str>| json!({ "grant_type": grant_type, "error": error });
    match result {
        Ok(Err(refused)) => refused,
        Ok(Ok((client, Ok(r)))) => {
            let mut e = Event::success(action)
                .client(&client.client_id)
                .actor(&format!("client:{}", client.client_id))
                .origin(&origin)
                .detail(detail(None));
            if let Some(sub) = &r.subject {
                e = e.subject(sub);
            }
            // A token is never handed out unrecorded: the database is in trouble, so 503.
            if p.audit.commit(e).await.is_err() {
                return OAuthError::TemporarilyUnavailable.into_response();
            }
            p.metrics.tokens_issued(&grant_type, &client.client_id);
            no_store(Json(r).into_response())
        }
        Ok(Ok((client, Err(err)))) => {
            p.audit
                .record(
                    Event::failure(action)
                        .client(&client.client_id)
                        .actor(&format!("client:{}", client.client_id))
                        .origin(&origin)
                        .detail(detail(Some(err.code()))),
                )
                .await;
            err.into_response()
        }
        Err(err) => {
            let mut e = Event::failure(action)
                .origin(&origin)
                .detail(detail(Some(err.code())));
            if let Some(id) = claimed_client.as_deref().filter(|id| id.len() <= 128) {
                e = e.client(id);
            }
            p.audit.record(e).await;
            err.into_response()
        }
    }
}

fn refusal(e: RateLimitError) -> Response {
    match e {
        RateLimitError::Limited(l) => too_many_requests(l.retry_after),
        RateLimitError::Cache(e) => OAuthError::from(e).into_response(),
    }
}

/// 429 in the shape of an RFC 6749 error, with Retry-After.
fn too_many_requests(retry_after: u64) -> Response {
    let body = json!({
        "error": "temporarily_unavailable",
        "error_description": format!("too many requests; retry after {retry_after} seconds"),
    });
    let mut res = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    no_store(res)
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
