//! The `/metrics` scrape, with the gauges read at scrape time (requests are counted in
//! [`super::edge`]).

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// `GET /metrics`: the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let p = &state.provider;
    let m = &p.metrics;
    let (size, idle) = p.store.pool_stats();
    m.gauge(
        "portcullis_db_pool_connections",
        &[("state", "open")],
        size as f64,
    );
    m.gauge(
        "portcullis_db_pool_connections",
        &[("state", "idle")],
        idle as f64,
    );
    let db_up = p.store.ping().await.is_ok();
    m.gauge("portcullis_db_up", &[], f64::from(u8::from(db_up)));
    let cache_up = p.cache.ping().await.is_ok();
    m.gauge("portcullis_cache_up", &[], f64::from(u8::from(cache_up)));
    let now = p.clock.now();
    if let Some(key) = p.keyring.snapshot().active(now) {
        m.gauge(
            "portcullis_signing_key_age_seconds",
            &[],
            (now - key.activates_at) as f64,
        );
    }
    m.gauge("portcullis_audit_queue_depth", &[], p.audit.queue_depth() as f64);
    let mut res = m.render().into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    res
}
