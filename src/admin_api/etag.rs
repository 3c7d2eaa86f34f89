//! Versions of a resource (RFC 9110 §8.8.3): an `ETag` on every read and write, and `If-Match`
//! on a change refused with 412 when it names another version than the current one.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Problem;

/// A strong validator: a digest of the representation, so any change to what a caller sees
/// changes it.
pub fn tag_of<T: Serialize>(v: &T) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `Ok` when there is no `If-Match`, or it names `current` (or `*`).
pub fn check_if_match<T: Serialize>(headers: &HeaderMap, current: &T) -> Result<(), Problem> {
    let Some(wanted) = headers.get(header::IF_MATCH) else {
        return Ok(());
    };
    let wanted = wanted.to_str().map_err(|_| Problem::stale())?;
    let tag = tag_of(current);
    let matches = wanted.split(',').map(str::trim).any(|w| w == "*" || w == tag);
    match matches {
        true => Ok(()),
        false => Err(Problem::stale()),
    }
}

/// `v` as JSON with its `ETag`.
pub fn tagged<T: Serialize>(status: StatusCode, v: T) -> Response {
    let tag = tag_of(&v);
    let mut resp = (status, Json(v)).into_response();
    if let Ok(t) = HeaderValue::from_str(&tag) {
        resp.headers_mut().insert(header::ETAG, t);
    }
    resp
}

/// 201 with `Location` and the created resource with its `ETag`.
pub fn created<T: Serialize>(location: &str, v: T) -> Response {
    let mut resp = tagged(StatusCode::CREATED, v);
    if let Ok(l) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, l);
    }
    resp
}
