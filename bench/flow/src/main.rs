//! Drives complete OAuth 2.0 authorization-code + PKCE (S256) flows against a
//! running Portcullis server for an already-logged-in user, and reports
//! flows per second and per-flow latency percentiles.
//!
//! One flow = `GET /authorize` (with the SSO session cookie; a first-party
//! client gets an immediate 303 to its redirect_uri carrying `?code=…`, which
//! is never requested) + `POST /token` (authorization_code, code_verifier,
//! client_secret_basic) answered 200 with an access token.
//!
//! Usage:
//!   portcullis-bench-flow --base-url http://127.0.0.1:8080 \
//!       --client-id ID --client-secret SECRET \
//!       --redirect-uri http://127.0.0.1/bench/callback \
//!       --cookie 'portcullis_session=…' \
//!       --concurrency 16 --duration 10s [--scope 'openid profile email']
//!
//! `--cookie` is either a complete Cookie header (`name=value; …`) or just the
//! value of the `portcullis_session` cookie.
//!
//! The last line printed is machine-readable:
//!   RESULT flows_per_sec=… p50_ms=… p99_ms=… max_ms=… mean_ms=… flows=… errors=…

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore as _;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION};
use sha2::{Digest as _, Sha256};

const SESSION_COOKIE: &str = "portcullis_session";
const MAX_REPORTED_ERRORS: usize = 5;

struct Config {
    base_url: String,
    client_id: String,
    redirect_uri: String,
    cookie: String,
    scope: String,
    basic_auth: String,
    concurrency: usize,
    duration: Duration,
}

fn usage() -> &'static str {
    "usage: portcullis-bench-flow --base-url URL --client-id ID --client-secret SECRET \
     --redirect-uri URI --cookie COOKIE [--concurrency N] [--duration 10s] [--scope SCOPE]"
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, mult) = if let Some(v) = s.strip_suffix("ms") {
        (v, 0.001)
    } else if let Some(v) = s.strip_suffix('s') {
        (v, 1.0)
    } else if let Some(v) = s.strip_suffix('m') {
        (v, 60.0)
    } else if let Some(v) = s.strip_suffix('h') {
        (v, 3600.0)
    } else {
        (s, 1.0)
    };
    let n: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("invalid duration: {s:?}"))?;
    if !n.is_finite() || n <= 0.0 {
        return Err(format!("duration must be positive: {s:?}"));
    }
    Ok(Duration::from_secs_f64(n * mult))
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
/// This is also the `application/x-www-form-urlencoded` encoding RFC 6749
/// §2.3.1 requires for client_secret_basic credentials (for the characters
/// that matter here).
fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn pct_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| pct_decode(v))
    })
}

fn parse_args() -> Result<Config, String> {
    let mut base_url = None;
    let mut client_id = None;
    let mut client_secret = None;
    let mut redirect_uri = None;
    let mut cookie = None;
    let mut scope = "openid profile email".to_string();
    let mut concurrency = 1usize;
    let mut duration = Duration::from_secs(10);

    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            println!("{}", usage());
            std::process::exit(0);
        }
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (flag, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--base-url" => base_url = Some(value()?),
            "--client-id" => client_id = Some(value()?),
            "--client-secret" => client_secret = Some(value()?),
            "--redirect-uri" => redirect_uri = Some(value()?),
            "--cookie" => cookie = Some(value()?),
            "--scope" => scope = value()?,
            "--concurrency" | "-c" => {
                concurrency = value()?
                    .parse()
                    .map_err(|_| "--concurrency must be a positive integer".to_string())?;
                if concurrency == 0 {
                    return Err("--concurrency must be at least 1".into());
                }
            }
            "--duration" | "-d" => duration = parse_duration(&value()?)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }

    let base_url = base_url.ok_or("--base-url is required")?;
    let client_id = client_id.ok_or("--client-id is required")?;
    let client_secret = client_secret.ok_or("--client-secret is required")?;
    let redirect_uri = redirect_uri.ok_or("--redirect-uri is required")?;
    let cookie = cookie.ok_or("--cookie is required")?;
    let cookie = if cookie.starts_with(&format!("{SESSION_COOKIE}=")) || cookie.contains(';') {
        cookie
    } else {
        format!("{SESSION_COOKIE}={cookie}")
    };
    let basic_auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            pct(&client_id),
            pct(&client_secret)
        ))
    );

    Ok(Config {
        base_url: base_url.trim_end_matches('/').to_string(),
        client_id,
        redirect_uri,
        cookie,
        scope,
        basic_auth,
        concurrency,
        duration,
    })
}

/// One complete flow. Returns Err with a short description on any deviation.
async fn one_flow(http: &reqwest::Client, cfg: &Config) -> Result<(), String> {
    let verifier = random_token(32); // 43 characters, RFC 7636 §4.1
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let state = random_token(12);
    let nonce = random_token(12);

    let authorize = format!(
        "{}/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&nonce={}&code_challenge={}&code_challenge_method=S256",
        cfg.base_url,
        pct(&cfg.client_id),
        pct(&cfg.redirect_uri),
        pct(&cfg.scope),
        state,
        nonce,
        challenge
    );
    let resp = http
        .get(&authorize)
        .header(COOKIE, &cfg.cookie)
        .send()
        .await
        .map_err(|e| format!("GET /authorize: {e}"))?;
    let status = resp.status();
    let location = resp
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // Drain the body so the connection goes back to the pool.
    let _ = resp.bytes().await;
    if !status.is_redirection() {
        return Err(format!("GET /authorize: expected 303, got {status}"));
    }
    let location = location.ok_or("GET /authorize: redirect without Location")?;
    if !location.starts_with(&cfg.redirect_uri) {
        return Err(format!(
            "GET /authorize: redirected to {location:?}, not the redirect_uri (session cookie not accepted?)"
        ));
    }
    if let Some(err) = query_param(&location, "error") {
        return Err(format!("GET /authorize: error={err}"));
    }
    if query_param(&location, "state").as_deref() != Some(state.as_str()) {
        return Err("GET /authorize: state mismatch".into());
    }
    let code = query_param(&location, "code").ok_or("GET /authorize: no code in redirect")?;

    let resp = http
        .post(format!("{}/token", cfg.base_url))
        .header(AUTHORIZATION, &cfg.basic_auth)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={}",
            pct(&code),
            pct(&cfg.redirect_uri),
            verifier
        ))
        .send()
        .await
        .map_err(|e| format!("POST /token: {e}"))?;
    let status = resp.status();
    let body = resp.bytes().await.map_err(|e| format!("POST /token body: {e}"))?;
    if status != reqwest::StatusCode::OK {
        return Err(format!(
            "POST /token: {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        ));
    }
    if !body.windows(14).any(|w| w == b"\"access_token\"") {
        return Err("POST /token: 200 without access_token".into());
    }
    Ok(())
}

struct WorkerResult {
    latencies_us: Vec<u64>,
    errors: u64,
    error_samples: Vec<String>,
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let idx = rank.clamp(1, sorted.len()) - 1;
    sorted[idx] as f64 / 1000.0
}

#[tokio::main]
async fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("error: {e}\n{}", usage());
            return ExitCode::from(2);
        }
    };

    let http = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(cfg.concurrency)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: building HTTP client: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!(
        "portcullis-bench-flow: {} concurrency={} duration={:.2}s",
        cfg.base_url,
        cfg.concurrency,
        cfg.duration.as_secs_f64()
    );

    let start = Instant::now();
    let deadline = start + cfg.duration;
    let mut handles = Vec::with_capacity(cfg.concurrency);
    for _ in 0..cfg.concurrency {
        let http = http.clone();
        let cfg = cfg.clone();
        handles.push(tokio::spawn(async move {
            let mut res = WorkerResult {
                latencies_us: Vec::with_capacity(4096),
                errors: 0,
                error_samples: Vec::new(),
            };
            while Instant::now() < deadline {
                let t0 = Instant::now();
                match one_flow(&http, &cfg).await {
                    Ok(()) => res.latencies_us.push(t0.elapsed().as_micros() as u64),
                    Err(e) => {
                        res.errors += 1;
                        if res.error_samples.len() < MAX_REPORTED_ERRORS {
                            res.error_samples.push(e);
                        }
                        // Do not spin on a hard failure (server down etc).
                        if res.errors > 1000 && res.latencies_us.is_empty() {
                            break;
                        }
                    }
                }
            }
            res
        }));
    }

    let mut latencies = Vec::new();
    let mut errors = 0u64;
    let mut samples = Vec::new();
    for h in handles {
        match h.await {
            Ok(r) => {
                latencies.extend(r.latencies_us);
                errors += r.errors;
                for s in r.error_samples {
                    if samples.len() < MAX_REPORTED_ERRORS && !samples.contains(&s) {
                        samples.push(s);
                    }
                }
            }
            Err(e) => {
                errors += 1;
                samples.push(format!("worker panicked: {e}"));
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort_unstable();

    let flows = latencies.len();
    let fps = flows as f64 / elapsed;
    let p50 = percentile(&latencies, 50.0);
    let p99 = percentile(&latencies, 99.0);
    let max = latencies.last().map_or(f64::NAN, |v| *v as f64 / 1000.0);
    let mean = if flows == 0 {
        f64::NAN
    } else {
        latencies.iter().sum::<u64>() as f64 / flows as f64 / 1000.0
    };

    for s in &samples {
        eprintln!("flow error: {s}");
    }
    println!("flows: {flows}  errors: {errors}  elapsed: {elapsed:.2}s");
    println!("flows/s: {fps:.1}");
    println!("latency per flow: p50 {p50:.3} ms  p99 {p99:.3} ms  mean {mean:.3} ms  max {max:.3} ms");
    println!(
        "RESULT flows_per_sec={fps:.1} p50_ms={p50:.3} p99_ms={p99:.3} max_ms={max:.3} mean_ms={mean:.3} flows={flows} errors={errors}"
    );

    if flows == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn query_parsing() {
        let loc = "http://127.0.0.1/cb?code=a%2Bb%3D&state=xyz#frag";
        assert_eq!(query_param(loc, "code").as_deref(), Some("a+b="));
        assert_eq!(query_param(loc, "state").as_deref(), Some("xyz"));
        assert_eq!(query_param(loc, "error"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3s").unwrap(), Duration::from_secs(3));
        assert_eq!(parse_duration("1m").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("10").unwrap(), Duration::from_secs(10));
        assert!(parse_duration("x").is_err());
    }
}
