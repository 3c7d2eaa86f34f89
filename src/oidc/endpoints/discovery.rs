//! OIDC Discovery 1.0 §4 and the JWK Set (RFC 7517 §5).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::config::JWKS_MAX_AGE;
use crate::oidc::Provider;

/// The body is shared, not copied: both documents are rendered once (per key set).
fn json_cached(body: Bytes) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn get_discovery(State(p): State<Provider>) -> Response {
    json_cached(p.discovery.clone())
}

pub async fn get_jwks(State(p): State<Provider>) -> Response {
    let jwks = p.keyring.snapshot().jwks_json();
    let mut res = json_cached(jwks);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/jwk-set+json"),
    );
    // Keys change on rotation: a short cache keeps relying parties in step, and the next key
    // is published longer than this before it signs.
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={JWKS_MAX_AGE}")) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    res
}
