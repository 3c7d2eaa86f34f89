//! The per-request edge, in one middleware (one boxed future and one clone of the route's
//! service per request, where a layer for each job cost one of each): the client address behind
//! trusted proxies, the body deadline, request metrics, `Retry-After` on every 503, and the
//! security headers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use tower_http::request_id::RequestId;

use super::{body, forwarded, outage, request_id, security};
use crate::metrics::Metrics;

pub struct Edge {
    pub https: bool,
    pub trusted_proxies: Arc<[IpNet]>,
    pub body_read_timeout: Duration,
    pub metrics: Metrics,
}

pub async fn handle(edge: Arc<Edge>, mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    if let Some(addr) = forwarded::resolve(&edge.trusted_proxies, &mut req) {
        tracing::Span::current().record("client", tracing::field::display(addr.ip));
    }
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().clone();
    let id = req
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .map(str::to_owned)
        .unwrap_or_default();
    let mut res = match body::read_within(edge.body_read_timeout, req).await {
        Ok(req) => request_id::scope(id, next.run(req)).await,
        Err(refused) => refused,
    };
    outage::retry_after(&mut res);
    security::apply(edge.https, res.headers_mut());
    // Routes are the router's patterns, never raw paths: label values stay bounded.
    edge.metrics.request(
        &route,
        method.as_str(),
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}
