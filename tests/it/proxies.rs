//! Trusted proxies: from a listed proxy network, `Forwarded` or `X-Forwarded-For` names the
//! client for rate limits, the audit log and sessions; from anyone else those headers are
//! ignored, so a client cannot choose the address it is counted and recorded under.

use std::net::{IpAddr, Ipv4Addr};

use crate::support::*;

/// A browser connecting from 127.0.0.`n` (the proxy, or someone who is not one).
fn from(app: &TestApp, n: u8) -> Browser {
    Browser {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base: app.base.clone(),
    }
}

/// A failed sign-in sent with `headers`; its status.
async fn try_sign_in(app: &TestApp, browser: &Browser, headers: &[(&str, &str)]) -> u16 {
    let page = browser.page("/login").await;
    let mut form = form_inputs(&page.html, "/login");
    let probe = format!(
        "probe-{}@example.com",
        portcullis::crypto::secrets::random_token(6).to_lowercase()
    );
    form.extend([("username".into(), probe), ("password".into(), "wrong".into())]);
    let mut req = browser.http.post(app.url("/login")).form(&form);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().await.unwrap().status().as_u16()
}

/// A failed sign-in sent with `headers`; the address its audit entry recorded.
async fn recorded_ip(app: &TestApp, browser: &Browser, headers: &[(&str, &str)]) -> String {
    assert_eq!(try_sign_in(app, browser, headers).await, 401);
    let entries = audited(app, None, "login.password").await;
    entries[0].ip.clone().unwrap_or_default()
}

#[tokio::test]
async fn a_trusted_proxy_names_the_client_and_anyone_else_is_ignored() {
    let app = TestApp::spawn_with(|c| c.trusted_proxies = Some("127.0.0.3/32".into())).await;
    let proxy = from(&app, 3);
    assert_eq!(
        recorded_ip(&app, &proxy, &[("x-forwarded-for", "198.51.100.7")]).await,
        "198.51.100.7"
    );
    assert_eq!(
        recorded_ip(
            &app,
            &proxy,
            &[("forwarded", "for=\"[2001:db8::7]:4711\";proto=https")]
        )
        .await,
        "2001:db8::7"
    );
    // What the client wrote itself sits left of what the proxy appended.
    assert_eq!(
        recorded_ip(&app, &proxy, &[("x-forwarded-for", "6.6.6.6, 198.51.100.8")]).await,
        "198.51.100.8"
    );
    // The same headers from an address that is not a proxy of ours.
    let stranger = from(&app, 4);
    assert_eq!(
        recorded_ip(&app, &stranger, &[("x-forwarded-for", "198.51.100.7")]).await,
        "127.0.0.4"
    );
    assert_eq!(
        recorded_ip(&app, &stranger, &[("forwarded", "for=198.51.100.7")]).await,
        "127.0.0.4"
    );
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_change_nothing() {
    let app = TestApp::spawn().await;
    assert_eq!(
        recorded_ip(&app, &from(&app, 3), &[("x-forwarded-for", "198.51.100.7")]).await,
        "127.0.0.3"
    );
}

#[tokio::test]
/// Behind the proxy, each client has its own per-IP budget (not one for the whole site).
async fn per_ip_limits_count_the_forwarded_client() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies = Some("127.0.0.3/32".into());
        c.rate_limits.login_ip = Some("2/10m".into());
        c.rate_limits.login_account = Some("off".into());
    })
    .await;
    let proxy = from(&app, 3);
    let client = [("x-forwarded-for", "198.51.100.20")];
    for _ in 0..2 {
        recorded_ip(&app, &proxy, &client).await;
    }
    assert_eq!(
        try_sign_in(&app, &proxy, &client).await,
        429,
        "the third try of one client"
    );
    // Another client behind the same proxy still has its budget.
    assert_eq!(
        recorded_ip(&app, &proxy, &[("x-forwarded-for", "198.51.100.21")]).await,
        "198.51.100.21"
    );
}
