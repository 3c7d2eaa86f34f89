//! OpenTelemetry traces over OTLP/HTTP with the JSON encoding (the OTLP specification's
//! `application/json` form, accepted by the OpenTelemetry Collector, Jaeger and Tempo), off
//! unless `PORTCULLIS_OTLP_ENDPOINT` is set.
//!
//! A `tracing` layer: every span becomes an OTLP span with its fields as attributes (the
//! request span carries the method, the route's path, the status and the request id), children
//! keep their parent, and a request arriving with a W3C `traceparent` joins the caller's trace.
//! Finished spans go through a bounded queue to one task that posts them in batches; when the
//! collector is slow or down, spans are dropped (and counted in the log), never requests slowed.
//!
//! Written here rather than with `opentelemetry-otlp`, which would bring a second HTTP client
//! (reqwest 0.13) and the gRPC stack (tonic, prost) for one POST of JSON.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::RngCore;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Subscriber, warn};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// Spans waiting to be sent; past this, new ones are dropped.
const QUEUE: usize = 4096;
/// Spans per request to the collector.
const BATCH: usize = 512;
/// How long a finished span may wait for its batch.
const FLUSH_EVERY: Duration = Duration::from_secs(2);

/// One span as it is being recorded.
struct SpanData {
    trace_id: [u8; 16],
    span_id: [u8; 8],
    parent_span_id: Option<[u8; 8]>,
    name: &'static str,
    start: u64,
    attributes: HashMap<&'static str, Value>,
}

/// The layer; [`OtlpLayer::new`] also starts the exporting task.
pub struct OtlpLayer {
    finished: mpsc::Sender<Value>,
}

impl OtlpLayer {
    /// Exports to `endpoint` (`http://collector:4318`; `/v1/traces` is appended) as `service`.
    /// Needs a Tokio runtime.
    pub fn new(endpoint: &str, service: &str, http: reqwest::Client) -> OtlpLayer {
        let (finished, queue) = mpsc::channel(QUEUE);
        let url = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
        tokio::spawn(export(url, service.to_owned(), http, queue));
        OtlpLayer { finished }
    }
}

fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default()
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// W3C Trace Context: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
fn parse_traceparent(v: &str) -> Option<([u8; 16], [u8; 8])> {
    let parts: Vec<&str> = v.trim().split('-').collect();
    let [version, trace, parent, _flags] = parts.as_slice() else {
        return None;
    };
    let unhex = |s: &str, out: &mut [u8]| -> Option<()> {
        if s.len() != out.len() * 2 {
            return None;
        }
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(())
    };
    let (mut t, mut p) = ([0u8; 16], [0u8; 8]);
    unhex(trace, &mut t)?;
    unhex(parent, &mut p)?;
    (*version == "00" && t != [0; 16] && p != [0; 8]).then_some((t, p))
}

struct Fields<'a>(&'a mut HashMap<&'static str, Value>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name(), json!({ "stringValue": format!("{value:?}") }));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name(), json!({ "stringValue": value }));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0
            .insert(field.name(), json!({ "intValue": value.to_string() }));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0
            .insert(field.name(), json!({ "intValue": value.to_string() }));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name(), json!({ "boolValue": value }));
    }
}

impl<S> Layer<S> for OtlpLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut attributes = HashMap::new();
        attrs.record(&mut Fields(&mut attributes));
        let parent = span
            .parent()
            .and_then(|p| p.extensions().get::<SpanData>().map(|d| (d.trace_id, d.span_id)));
        let (trace_id, parent_span_id) = match parent {
            Some((trace, parent)) => (trace, Some(parent)),
            None => match attributes
                .remove("traceparent")
                .and_then(|v| v["stringValue"].as_str().and_then(parse_traceparent))
            {
                Some((trace, remote_parent)) => (trace, Some(remote_parent)),
                None => (random(), None),
            },
        };
        attributes.remove("traceparent");
        span.extensions_mut().insert(SpanData {
            trace_id,
            span_id: random(),
            parent_span_id,
            name: attrs.metadata().name(),
            start: now_nanos(),
            attributes,
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(data) = span.extensions_mut().get_mut::<SpanData>()
        {
            values.record(&mut Fields(&mut data.attributes));
            data.attributes.remove("traceparent");
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(d) = span.extensions_mut().remove::<SpanData>() else {
            return;
        };
        let mut attributes: Vec<Value> = d
            .attributes
            .into_iter()
            .filter(|(_, v)| v["stringValue"] != "")
            .map(|(k, v)| json!({ "key": k, "value": v }))
            .collect();
        attributes.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
        let mut otlp = json!({
            "traceId": hex(&d.trace_id),
            "spanId": hex(&d.span_id),
            "name": d.name,
            // SPAN_KIND_SERVER for a request, INTERNAL for the rest.
            "kind": if d.parent_span_id.is_none() || d.name == "request" { 2 } else { 1 },
            "startTimeUnixNano": d.start.to_string(),
            "endTimeUnixNano": now_nanos().to_string(),
            "attributes": attributes,
        });
        if let Some(p) = d.parent_span_id {
            otlp["parentSpanId"] = json!(hex(&p));
        }
        // A full queue means the collector is behind: drop rather than slow requests down.
        let _ = self.finished.try_send(otlp);
    }
}

/// Posts finished spans in batches until the layer is dropped.
async fn export(url: String, service: String, http: reqwest::Client, mut queue: mpsc::Receiver<Value>) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let first = tokio::time::timeout(FLUSH_EVERY, queue.recv_many(&mut batch, BATCH)).await;
        if matches!(first, Ok(0)) {
            return;
        }
        if batch.is_empty() {
            continue;
        }
        let body = json!({
            "resourceSpans": [{
                "resource": { "attributes": [
                    { "key": "service.name", "value": { "stringValue": service } },
                    { "key": "service.version", "value": { "stringValue": env!("CARGO_PKG_VERSION") } },
                ]},
                "scopeSpans": [{
                    "scope": { "name": "portcullis" },
                    "spans": std::mem::take(&mut batch),
                }],
            }],
        });
        match http.post(&url).json(&body).send().await {
            Ok(r) if r.status().is_success() => {}
            Ok(r) => warn!(status = %r.status(), "OTLP collector refused a batch of spans"),
            Err(e) => {
                warn!(error = %e.without_url(), "OTLP collector unreachable; a batch of spans was dropped")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::layer::SubscriberExt;

    #[test]
    fn traceparent_is_read_as_w3c_trace_context_says() {
        let (t, p) = parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").unwrap();
        assert_eq!(hex(&t), "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(hex(&p), "00f067aa0ba902b7");
        for bad in [
            "",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01",
        ] {
            assert!(parse_traceparent(bad).is_none(), "{bad}");
        }
    }

    /// A collector stand-in: answers 200 to every POST and hands over each body.
    async fn collector() -> (String, mpsc::Receiver<(String, Value)>) {
        let (tx, rx) = mpsc::channel(16);
        let app = axum::Router::new().route(
            "/v1/traces",
            axum::routing::post(
                move |headers: axum::http::HeaderMap, axum::Json(body): axum::Json<Value>| {
                    let tx = tx.clone();
                    async move {
                        let ct = headers
                            .get("content-type")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_owned();
                        let _ = tx.send((ct, body)).await;
                        "{}"
                    }
                },
            ),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (url, rx)
    }

    #[tokio::test]
    async fn spans_reach_the_collector_with_parents_attributes_and_the_callers_trace() {
        let (url, mut received) = collector().await;
        let layer = OtlpLayer::new(&url, "portcullis-test", reqwest::Client::new());
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            let request = tracing::info_span!(
                "request",
                method = "GET",
                path = "/userinfo",
                request_id = "req-123",
                traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                status = tracing::field::Empty,
            );
            request.in_scope(|| {
                let _inner = tracing::info_span!("store.query", table = "users").entered();
            });
            request.record("status", 200u64);
        });
        let (content_type, body) = tokio::time::timeout(Duration::from_secs(10), received.recv())
            .await
            .expect("no batch reached the collector")
            .unwrap();
        assert_eq!(content_type, "application/json");
        let resource = &body["resourceSpans"][0];
        assert_eq!(
            resource["resource"]["attributes"][0],
            json!({ "key": "service.name", "value": { "stringValue": "portcullis-test" } })
        );
        let spans = resource["scopeSpans"][0]["spans"].as_array().unwrap();
        let by_name = |n: &str| spans.iter().find(|s| s["name"] == n).unwrap().clone();
        let (request, inner) = (by_name("request"), by_name("store.query"));
        assert_eq!(request["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(request["parentSpanId"], "00f067aa0ba902b7");
        assert_eq!(inner["traceId"], request["traceId"]);
        assert_eq!(inner["parentSpanId"], request["spanId"]);
        let attrs = request["attributes"].as_array().unwrap();
        let attr = |k: &str| attrs.iter().find(|a| a["key"] == k).map(|a| a["value"].clone());
        assert_eq!(attr("request_id"), Some(json!({ "stringValue": "req-123" })));
        assert_eq!(attr("status"), Some(json!({ "intValue": "200" })));
        assert_eq!(attr("traceparent"), None);
        let (start, end): (u64, u64) = (
            request["startTimeUnixNano"].as_str().unwrap().parse().unwrap(),
            request["endTimeUnixNano"].as_str().unwrap().parse().unwrap(),
        );
        assert!(start > 0 && end >= start);
    }
}
