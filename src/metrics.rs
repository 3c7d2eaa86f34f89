//! Prometheus metrics: one registry per server (in [`crate::AppState`], never a global, so two
//! nodes in one test process count apart), rendered in the text exposition format at
//! `/metrics` on the management listener.
//!
//! Names follow Prometheus conventions (`_total` counters, `_seconds` histograms) and every
//! name is listed in the README. Labels are bounded: routes are the router's patterns, never
//! raw paths; clients are registered client ids; reasons are fixed words.

use std::sync::Arc;

use metrics::{Key, Label, Level, Metadata, Recorder};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

static METADATA: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, Some(module_path!()));

/// Request latency buckets, in seconds: from a cached JWKS (tens of µs) to a slow page.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Clone)]
pub struct Metrics {
    recorder: Arc<PrometheusRecorder>,
    handle: PrometheusHandle,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

fn labels(pairs: &[(&'static str, &str)]) -> Vec<Label> {
    pairs.iter().map(|(k, v)| Label::new(*k, v.to_string())).collect()
}

impl Metrics {
    pub fn new() -> Metrics {
        // Buckets for a name suffix cannot be refused (only an empty list is); were they, the
        // histograms would render as summaries.
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        Metrics {
            recorder: Arc::new(recorder),
            handle,
        }
    }

    fn counter(&self, name: &'static str, pairs: &[(&'static str, &str)], n: u64) {
        self.recorder
            .register_counter(&Key::from_parts(name, labels(pairs)), &METADATA)
            .increment(n);
    }

    /// A gauge read at scrape time.
    pub fn gauge(&self, name: &'static str, pairs: &[(&'static str, &str)], value: f64) {
        self.recorder
            .register_gauge(&Key::from_parts(name, labels(pairs)), &METADATA)
            .set(value);
    }

    /// One HTTP request answered: `route` is the matched pattern (`/token`, `/static/{name}`) or
    /// `unmatched`.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        self.counter(
            "portcullis_http_requests_total",
            &[("route", route), ("method", method), ("status", &status)],
            1,
        );
        self.recorder
            .register_histogram(
                &Key::from_parts(
                    "portcullis_http_request_duration_seconds",
                    labels(&[("route", route), ("method", method)]),
                ),
                &METADATA,
            )
            .record(seconds);
    }

    /// Tokens issued at the token endpoint, by grant type and client.
    pub fn tokens_issued(&self, grant_type: &str, client_id: &str) {
        self.counter(
            "portcullis_tokens_issued_total",
            &[("grant_type", grant_type), ("client_id", client_id)],
            1,
        );
    }

    /// A sign-in attempt's outcome: `success`, or `failure` with a fixed reason.
    pub fn login(&self, outcome: &str, reason: &str) {
        self.counter(
            "portcullis_logins_total",
            &[("outcome", outcome), ("reason", reason)],
            1,
        );
    }

    pub fn lockout(&self) {
        self.counter("portcullis_lockouts_total", &[], 1);
    }

    /// A refusal by a rate limit: which action, and which budget (`ip` or `account`).
    pub fn rate_limited(&self, action: &str, by: &str) {
        self.counter(
            "portcullis_rate_limit_refusals_total",
            &[("action", action), ("by", by)],
            1,
        );
    }

    /// Folds recorded histogram samples into their buckets every few seconds until the process
    /// ends. The recorder keeps samples until they are folded, so without this a server nobody
    /// scrapes would grow by every request it answers.
    pub fn spawn_upkeep(&self) {
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
            loop {
                tick.tick().await;
                handle.run_upkeep();
            }
        });
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        self.handle.render()
    }
}
