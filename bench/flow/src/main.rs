//! Load driver for the Portcullis benchmark: drives complete OAuth 2.0 flows against a running
//! server, concurrently, and reports how many completed per second with their latency
//! percentiles. Three modes:
//!
//! - **flows** (default): authorization code + PKCE (S256) for a user who is already signed
//!   in. One flow = `GET /authorize` with the SSO session cookie (a first-party client gets an
//!   immediate 303 to its redirect_uri carrying `?code=…`, which is never requested) +
//!   `POST /token` (authorization_code, code_verifier, client_secret_basic) answered 200.
//! - **`--login`**: a complete login per iteration from a fresh browser, through the login page
//!   and, for users with an authenticator app, the challenge page, to the tokens (see
//!   `login.rs`). The users come from `--users FILE` (see `users.rs`); a user is signed in by
//!   one worker at a time, and an app user at most once per 30-second step (each code works
//!   once), so the file needs more app users than the run makes logins in 30 s. The file is
//!   written back with the steps the run used.
//! - **`--enrol`**: set-up, not timed: gives every user of `--users FILE` without one an
//!   authenticator app through the account pages (see `enrol.rs`) and writes the keys to the
//!   file.
//!
//! Usage:
//!   portcullis-bench-flow --base-url http://127.0.0.1:8080 \
//!       --client-id ID --client-secret SECRET \
//!       --redirect-uri http://127.0.0.1/bench/callback \
//!       --cookie 'portcullis_session=…' \
//!       --concurrency 16 --duration 10s [--scope 'openid profile email']
//!   portcullis-bench-flow --login --users FILE --base-url … --client-id … --client-secret … \
//!       --redirect-uri … --concurrency 16 --duration 10s
//!   portcullis-bench-flow --enrol --users FILE --base-url … [--concurrency 4]
//!
//! `--cookie` is either a complete Cookie header (`name=value; …`) or just the
//! value of the `portcullis_session` cookie.
//!
//! The last line printed is machine-readable:
//!   RESULT flows_per_sec=… p50_ms=… p99_ms=… max_ms=… mean_ms=… flows=… errors=…
//!   RESULT logins_per_sec=… p50_ms=… p99_ms=… max_ms=… mean_ms=… logins=… errors=… \
//!          waited_ms=… waits=…          (time workers waited for a user the pool could give)
//!   RESULT enrolled=… errors=…

mod browser;
mod enrol;
mod login;
mod totp;
mod users;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore as _;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION};
use sha2::{Digest as _, Sha256};

use crate::users::{Pool, User};

const SESSION_COOKIE: &str = "portcullis_session";
const MAX_REPORTED_ERRORS: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flow,
    Login,
    Enrol,
}

struct Config {
    mode: Mode,
    base_url: String,
    client_id: String,
    redirect_uri: String,
    cookie: String,
    users: Option<String>,
    scope: String,
    basic_auth: String,
    concurrency: usize,
    duration: Duration,
}

fn usage() -> &'static str {
    "usage: portcullis-bench-flow --base-url URL --client-id ID --client-secret SECRET \
     --redirect-uri URI --cookie COOKIE [--concurrency N] [--duration 10s] [--scope SCOPE]\n\
     \x20      portcullis-bench-flow --login --users FILE --base-url URL --client-id ID \
     --client-secret SECRET --redirect-uri URI [--concurrency N] [--duration 10s] [--scope SCOPE]\n\
     \x20      portcullis-bench-flow --enrol --users FILE --base-url URL [--concurrency N]"
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
    let mut mode = Mode::Flow;
    let mut base_url = None;
    let mut client_id = None;
    let mut client_secret = None;
    let mut redirect_uri = None;
    let mut cookie = None;
    let mut users = None;
    let mut scope = "openid profile email".to_string();
    let mut concurrency = 1usize;
    let mut duration = Duration::from_secs(10);

    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "-h" | "--help" => {
                println!("{}", usage());
                std::process::exit(0);
            }
            "--login" => {
                mode = Mode::Login;
                continue;
            }
            "--enrol" => {
                mode = Mode::Enrol;
                continue;
            }
            _ => {}
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
            "--users" => users = Some(value()?),
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
    if mode != Mode::Flow && users.is_none() {
        return Err("--login and --enrol need --users FILE".into());
    }
    let (client_id, client_secret, redirect_uri) = if mode == Mode::Enrol {
        (String::new(), String::new(), String::new())
    } else {
        (
            client_id.ok_or("--client-id is required")?,
            client_secret.ok_or("--client-secret is required")?,
            redirect_uri.ok_or("--redirect-uri is required")?,
        )
    };
    let cookie = match (mode, cookie) {
        (Mode::Flow, None) => return Err("--cookie is required".into()),
        (Mode::Flow, Some(c)) if !c.starts_with(&format!("{SESSION_COOKIE}=")) && !c.contains(';') => {
            format!("{SESSION_COOKIE}={c}")
        }
        (_, c) => c.unwrap_or_default(),
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
        mode,
        base_url: base_url.trim_end_matches('/').to_string(),
        client_id,
        redirect_uri,
        cookie,
        users,
        scope,
        basic_auth,
        concurrency,
        duration,
    })
}

/// A fresh authorization request: its URL, its `state` and the PKCE verifier.
fn authorize_request(cfg: &Config) -> (String, String, String) {
    let verifier = random_token(32); // 43 characters, RFC 7636 §4.1
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let state = random_token(12);
    let nonce = random_token(12);
    let url = format!(
        "{}/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&nonce={}&code_challenge={}&code_challenge_method=S256",
        cfg.base_url,
        pct(&cfg.client_id),
        pct(&cfg.redirect_uri),
        pct(&cfg.scope),
        state,
        nonce,
        challenge
    );
    (url, state, verifier)
}

/// `POST /token` with the code and its verifier, answered 200 with an access token.
async fn redeem_code(http: &reqwest::Client, cfg: &Config, code: &str, verifier: &str) -> Result<(), String> {
    let resp = http
        .post(format!("{}/token", cfg.base_url))
        .header(AUTHORIZATION, &cfg.basic_auth)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={}",
            pct(code),
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

/// One complete flow for the signed-in user. Returns Err with a short description on any
/// deviation.
async fn one_flow(http: &reqwest::Client, cfg: &Config) -> Result<(), String> {
    let (authorize, state, verifier) = authorize_request(cfg);
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
    redeem_code(http, cfg, &code, &verifier).await
}

#[derive(Default)]
struct WorkerResult {
    latencies_us: Vec<u64>,
    errors: u64,
    error_samples: Vec<String>,
}

impl WorkerResult {
    fn record(&mut self, t0: Instant, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.latencies_us.push(t0.elapsed().as_micros() as u64),
            Err(e) => {
                self.errors += 1;
                if self.error_samples.len() < MAX_REPORTED_ERRORS {
                    self.error_samples.push(e);
                }
            }
        }
    }

    /// Do not spin on a hard failure (server down etc).
    fn hopeless(&self) -> bool {
        self.errors > 1000 && self.latencies_us.is_empty()
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let idx = rank.clamp(1, sorted.len()) - 1;
    sorted[idx] as f64 / 1000.0
}

/// A worker of the timed modes: iterations until the deadline.
async fn worker(
    http: reqwest::Client,
    cfg: Arc<Config>,
    pool: Option<Arc<Pool>>,
    deadline: Instant,
) -> WorkerResult {
    let mut res = WorkerResult {
        latencies_us: Vec::with_capacity(4096),
        ..WorkerResult::default()
    };
    while Instant::now() < deadline && !res.hopeless() {
        match &pool {
            None => {
                let t0 = Instant::now();
                let outcome = one_flow(&http, &cfg).await;
                res.record(t0, outcome);
            }
            Some(pool) => {
                // Waiting for a user is not part of the login: the pool reports it apart.
                let Some(mut user) = pool.checkout(deadline).await else {
                    break;
                };
                let t0 = Instant::now();
                let outcome = login::one_login(&http, &cfg, &mut user).await;
                pool.give_back(user);
                res.record(t0, outcome);
            }
        }
    }
    res
}

async fn run_enrol(http: reqwest::Client, cfg: Arc<Config>, path: &str) -> ExitCode {
    let users = match users::read(path) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let todo: Vec<usize> = (0..users.len()).filter(|i| users[*i].secret.is_none()).collect();
    println!(
        "portcullis-bench-flow --enrol: {} concurrency={}: {} of {} users need an app",
        cfg.base_url,
        cfg.concurrency,
        todo.len(),
        users.len()
    );
    let users: Arc<Vec<tokio::sync::Mutex<User>>> =
        Arc::new(users.into_iter().map(tokio::sync::Mutex::new).collect());
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let todo = Arc::new(todo);
    let start = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..cfg.concurrency {
        let (http, cfg, users, next, todo) = (
            http.clone(),
            cfg.clone(),
            users.clone(),
            next.clone(),
            todo.clone(),
        );
        handles.push(tokio::spawn(async move {
            let mut res = WorkerResult::default();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&i) = todo.get(n) else { break };
                let mut user = users[i].lock().await;
                let t0 = Instant::now();
                let outcome = enrol::enrol(&http, &cfg.base_url, &mut user)
                    .await
                    .map_err(|e| format!("{}: {e}", user.email));
                res.record(t0, outcome);
                // Three failures and no success: the set-up is wrong, not one user.
                if res.latencies_us.is_empty() && res.errors >= 3 {
                    break;
                }
            }
            res
        }));
    }
    let mut enrolled = 0;
    let mut errors = 0;
    for h in handles {
        match h.await {
            Ok(r) => {
                enrolled += r.latencies_us.len();
                errors += r.errors;
                for s in r.error_samples {
                    eprintln!("enrol error: {s}");
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("enrol worker panicked: {e}");
            }
        }
    }
    let Ok(users) = Arc::try_unwrap(users) else {
        eprintln!("error: enrol workers still hold the users");
        return ExitCode::FAILURE;
    };
    let users: Vec<User> = users.into_iter().map(tokio::sync::Mutex::into_inner).collect();
    if let Err(e) = users::write(path, &users) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "enrolled {enrolled} in {:.1}s, errors {errors}",
        start.elapsed().as_secs_f64()
    );
    println!("RESULT enrolled={enrolled} errors={errors}");
    if errors == 0 && enrolled == todo.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
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

    let users_path = cfg.users.clone().unwrap_or_default();
    let pool = match cfg.mode {
        Mode::Enrol => return run_enrol(http, cfg, &users_path).await,
        Mode::Flow => None,
        Mode::Login => match users::read(&users_path) {
            Ok(u) => Some(Arc::new(Pool::new(u))),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let what = if pool.is_some() { "logins" } else { "flows" };

    println!(
        "portcullis-bench-flow{}: {} concurrency={} duration={:.2}s",
        if pool.is_some() { " --login" } else { "" },
        cfg.base_url,
        cfg.concurrency,
        cfg.duration.as_secs_f64()
    );

    let start = Instant::now();
    let deadline = start + cfg.duration;
    let handles: Vec<_> = (0..cfg.concurrency)
        .map(|_| tokio::spawn(worker(http.clone(), cfg.clone(), pool.clone(), deadline)))
        .collect();

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

    let n = latencies.len();
    let rate = n as f64 / elapsed;
    let p50 = percentile(&latencies, 50.0);
    let p99 = percentile(&latencies, 99.0);
    let max = latencies.last().map_or(f64::NAN, |v| *v as f64 / 1000.0);
    let mean = if n == 0 {
        f64::NAN
    } else {
        latencies.iter().sum::<u64>() as f64 / n as f64 / 1000.0
    };

    for s in &samples {
        eprintln!("{} error: {s}", &what[..what.len() - 1]);
    }
    println!("{what}: {n}  errors: {errors}  elapsed: {elapsed:.2}s");
    println!("{what}/s: {rate:.1}");
    println!(
        "latency per {}: p50 {p50:.3} ms  p99 {p99:.3} ms  mean {mean:.3} ms  max {max:.3} ms",
        &what[..what.len() - 1]
    );
    let mut result = format!(
        "RESULT {what}_per_sec={rate:.1} p50_ms={p50:.3} p99_ms={p99:.3} max_ms={max:.3} mean_ms={mean:.3} {what}={n} errors={errors}"
    );
    if let Some(pool) = pool {
        let (waited, waits) = pool.waited();
        if waits > 0 {
            println!(
                "waited {:.0} ms in all for a user to sign in as ({waits} times): the file needs more users",
                waited.as_secs_f64() * 1000.0
            );
        }
        result.push_str(&format!(
            " waited_ms={:.0} waits={waits}",
            waited.as_secs_f64() * 1000.0
        ));
        // The steps this run spent, for the next run with the same file.
        let users = Arc::try_unwrap(pool).map(Pool::into_users);
        match users.map(|u| users::write(&users_path, &u)) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            Err(_) => {
                eprintln!("error: workers still hold the pool");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{result}");

    if n == 0 {
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
