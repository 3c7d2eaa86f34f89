//! `/metrics` on the management listener only: request counts by route, token issuance by
//! grant and client, login outcomes, and the gauges read at scrape time.

use crate::support::*;

/// A free port for the management listener (bound and released: the server binds it again).
/// A port for a management listener, below the ephemeral range (32768 and up on Linux) that
/// every other test's listener is given from: a port taken from that range and let go could be
/// handed to another test's server before this one binds it.
fn free_port() -> u16 {
    use rand::Rng;
    loop {
        let port = rand::thread_rng().gen_range(20_000..30_000);
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

async fn scrape(url: &str) -> String {
    let resp = reqwest::get(url).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(
        crate::support::header(&resp, "content-type").starts_with("text/plain; version=0.0.4"),
        "{resp:?}"
    );
    resp.text().await.unwrap()
}

/// The value of the sample `series` (name and labels exactly as rendered), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.trim().parse().ok()))
}

#[tokio::test]
async fn metrics_are_served_on_the_management_listener_only() {
    let port = free_port();
    let app = TestApp::spawn_with(|c| c.management_listen = Some(format!("127.0.0.1:{port}"))).await;
    let management = format!("http://127.0.0.1:{port}");
    let service = app.create_client(ClientSpec::service()).await;
    for _ in 0..2 {
        let resp = token_request(&app, &service, &[("grant_type", "client_credentials")]).await;
        assert_eq!(resp.status(), 200);
    }
    let browser = app.browser();
    let page = browser.page("/login").await;
    browser.submit_login(&page, "nobody@example.com", "wrong").await;

    for path in ["/metrics", "/health/metrics"] {
        let text = scrape(&format!("{management}{path}")).await;
        let issued = format!(
            "portcullis_tokens_issued_total{{grant_type=\"client_credentials\",client_id=\"{}\"}}",
            service.id
        );
        assert_eq!(sample(&text, &issued), Some(2.0), "{text}");
        assert_eq!(
            sample(
                &text,
                "portcullis_http_requests_total{route=\"/token\",method=\"POST\",status=\"200\"}"
            ),
            Some(2.0),
            "{text}"
        );
        assert_eq!(
            sample(
                &text,
                "portcullis_logins_total{outcome=\"failure\",reason=\"invalid_credentials\"}"
            ),
            Some(1.0),
            "{text}"
        );
        assert!(
            text.contains("portcullis_http_request_duration_seconds_bucket{route=\"/token\",method=\"POST\",le=\"0.005\"}"),
            "{text}"
        );
        assert_eq!(sample(&text, "portcullis_db_up"), Some(1.0), "{text}");
        assert_eq!(sample(&text, "portcullis_cache_up"), Some(1.0), "{text}");
        assert!(
            sample(&text, "portcullis_signing_key_age_seconds").is_some(),
            "{text}"
        );
        assert!(sample(&text, "portcullis_audit_queue_depth").is_some(), "{text}");
        // Raw paths never become labels: a query or an id in a path would be unbounded.
        assert!(!text.contains("route=\"/login?"), "{text}");
    }
    let health = reqwest::get(format!("{management}/health/ready")).await.unwrap();
    assert_eq!(health.status(), 200);

    // Not on the public listener: metrics name clients and reveal traffic.
    for path in ["/metrics", "/health/metrics"] {
        let resp = app.http().get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{path}");
    }
    assert_eq!(
        app.http()
            .get(app.url("/health/live"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn unknown_paths_are_counted_under_one_label() {
    let port = free_port();
    let app = TestApp::spawn_with(|c| c.management_listen = Some(format!("127.0.0.1:{port}"))).await;
    for i in 0..3 {
        app.http()
            .get(app.url(&format!("/no-such-page-{i}")))
            .send()
            .await
            .unwrap();
    }
    let text = scrape(&format!("http://127.0.0.1:{port}/metrics")).await;
    assert_eq!(
        sample(
            &text,
            "portcullis_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}"
        ),
        Some(3.0),
        "{text}"
    );
    assert!(!text.contains("no-such-page"), "{text}");
}

#[tokio::test]
/// The dashboard in docs/ charts only what the server exports.
async fn every_metric_the_dashboard_charts_is_exported() {
    let port = free_port();
    let app = TestApp::spawn_with(|c| {
        c.management_listen = Some(format!("127.0.0.1:{port}"));
        c.lockout_threshold = Some(1);
        c.rate_limits.login_account = Some("2/10m".into());
    })
    .await;
    let user = app.create_user("charted@example.com").await;
    let service = app.create_client(ClientSpec::service()).await;
    token_request(&app, &service, &[("grant_type", "client_credentials")]).await;
    for _ in 0..3 {
        let browser = app.browser();
        let page = browser.page("/login").await;
        browser.submit_login(&page, &user.email, "wrong").await;
    }
    let text = scrape(&format!("http://127.0.0.1:{port}/metrics")).await;
    let dashboard = include_str!("../../docs/grafana-dashboard.json");
    let mut charted: Vec<&str> = dashboard
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("portcullis_"))
        .collect();
    charted.sort();
    charted.dedup();
    assert!(charted.len() >= 10, "{charted:?}");
    for name in charted {
        let exported = text
            .lines()
            .any(|l| !l.starts_with('#') && l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']));
        assert!(exported, "{name} is charted but not exported:\n{text}");
    }
}
