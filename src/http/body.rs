//! The request body within a deadline: read whole before any handler runs, so a client that
//! trickles its body (a byte now and then, which an idle timer would never catch) is cut off at
//! the body-read timeout with a 408, and a body past the size limit gets a 413.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Largest body accepted: forms and JSON far above any legitimate request.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The request with its body read whole, or the refusal to answer instead.
pub async fn read_within(deadline: Duration, req: Request) -> Result<Request, Response> {
    let h = req.headers();
    if !h.contains_key(header::CONTENT_LENGTH) && !h.contains_key(header::TRANSFER_ENCODING) {
        // RFC 9112 §6.3: without either there is no body to wait for.
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(deadline, axum::body::to_bytes(body, MAX_BODY_BYTES)).await {
        Ok(Ok(bytes)) => Ok(Request::from_parts(parts, Body::from(bytes))),
        Ok(Err(_)) => Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is too large or broken",
        )),
        Err(_) => Err(refuse(
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time",
        )),
    }
}

/// An RFC 6749-shaped error, and the connection closed: what is left of the body is unread.
fn refuse(status: StatusCode, description: &'static str) -> Response {
    let body = serde_json::json!({ "error": "invalid_request", "error_description": description });
    let mut res = (status, axum::Json(body)).into_response();
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}
