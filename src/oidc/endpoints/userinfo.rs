//! OIDC Core §5.3: the UserInfo endpoint, with bearer tokens per RFC 6750 §2.1 (header) and
//! §2.2 (form body).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::params::parse_pairs;
use crate::oidc::{OAuthError, Provider, userinfo as protocol};

pub async fn userinfo(
    State(p): State<Provider>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = match bearer_token(&method, &headers, &body) {
        Ok(Some(t)) => t,
        // RFC 6750 §3.1: a request with no token gets a challenge without an error code.
        Ok(None) => return challenge(&p, None),
        Err(e) => return challenge(&p, Some(e)),
    };
    match protocol::userinfo(&p, &token).await {
        Ok(claims) => Json(claims).into_response(),
        Err(e) => challenge(&p, Some(e)),
    }
}

fn bearer_token(method: &Method, headers: &HeaderMap, body: &Bytes) -> Result<Option<String>, OAuthError> {
    let from_header = match headers.get(header::AUTHORIZATION) {
        Some(v) => {
            let v = v
                .to_str()
                .map_err(|_| OAuthError::invalid_request("the Authorization header is malformed"))?;
            match v.split_once(' ') {
                Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => {
                    Some(t.trim().to_owned())
                }
                _ => {
                    return Err(OAuthError::invalid_request(
                        "the Authorization header must use the Bearer scheme",
                    ));
                }
            }
        }
        None => None,
    };
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let from_body = if *method == Method::POST && is_form {
        let pairs = parse_pairs(body)?;
        let mut tokens = pairs
            .into_iter()
            .filter(|(k, _)| k == "access_token")
            .map(|(_, v)| v);
        let first = tokens.next();
        if tokens.next().is_some() {
            return Err(OAuthError::invalid_request("access_token is repeated"));
        }
        first
    } else {
        None
    };
    match (from_header, from_body) {
        // RFC 6750 §2: a client must not use more than one method.
        (Some(_), Some(_)) => Err(OAuthError::invalid_request(
            "the access token was sent more than once",
        )),
        (a, b) => Ok(a.or(b)),
    }
}

/// RFC 6750 §3: the WWW-Authenticate challenge.
fn challenge(p: &Provider, e: Option<OAuthError>) -> Response {
    let realm = p.issuer().replace('"', "");
    let (status, value, body) = match &e {
        None => (
            StatusCode::UNAUTHORIZED,
            format!("Bearer realm=\"{realm}\""),
            serde_json::json!({}),
        ),
        Some(e) => {
            let status = match e {
                OAuthError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
                _ => StatusCode::from_u16(e.status()).unwrap_or(StatusCode::UNAUTHORIZED),
            };
            let desc = e.description().unwrap_or("").replace(['"', '\\'], "");
            let value = format!(
                "Bearer realm=\"{realm}\", error=\"{}\", error_description=\"{desc}\"",
                e.code()
            );
            (
                status,
                value,
                serde_json::json!({"error": e.code(), "error_description": desc}),
            )
        }
    };
    let mut res = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    res
}
