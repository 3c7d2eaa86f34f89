//! Every 503 says when to come back: answers made while the database or the cache is in trouble
//! carry `Retry-After`, whichever handler made them (a JSON error, a page, the readiness probe).

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Seconds a client is asked to wait when the database or the cache is in trouble.
pub const RETRY_AFTER_UNAVAILABLE: u64 = 5;

/// Gives a 503 without `Retry-After` the default one.
pub fn retry_after(res: &mut Response) {
    if res.status() == StatusCode::SERVICE_UNAVAILABLE && !res.headers().contains_key(header::RETRY_AFTER) {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_UNAVAILABLE));
    }
}

/// [`retry_after`] as a middleware, for routers without the [`super::edge`] stack.
pub async fn layer(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    retry_after(&mut res);
    res
}
