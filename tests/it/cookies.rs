//! The attributes of every cookie we set (RFC 6265bis): the SSO session, the interaction
//! binding, the anonymous forms' CSRF cookie, and the session cookie's removal at logout. Each
//! is checked over plain http (development on localhost) and with an https issuer.

use std::cell::RefCell;
use std::collections::BTreeMap;

use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::support::*;

const INTERACTION_TTL: i64 = 900;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Scheme {
    Http,
    Https,
}

const SCHEMES: [Scheme; 2] = [Scheme::Http, Scheme::Https];

async fn spawn(scheme: Scheme) -> TestApp {
    TestApp::spawn_with(|c| {
        c.interaction_ttl = Some(INTERACTION_TTL);
        if scheme == Scheme::Https {
            // The test server still speaks http, as behind a proxy that terminates TLS.
            c.issuer = Some("https://id.portcullis.test".into());
        }
    })
    .await
}

/// The name a cookie has under `scheme`: on https the `__Host-` prefix, so that a sibling
/// subdomain cannot plant or overwrite it; bare over plain http, where browsers would refuse it.
fn cookie_name(scheme: Scheme, name: &str) -> String {
    match scheme {
        Scheme::Http => name.to_owned(),
        Scheme::Https => format!("__Host-{name}"),
    }
}

/// The cookies a response sets, parsed.
fn parsed(resp: &reqwest::Response) -> Vec<Cookie<'static>> {
    set_cookies(resp)
        .into_iter()
        .map(|c| Cookie::parse(c.clone()).unwrap_or_else(|e| panic!("{c:?}: {e}")))
        .collect()
}

/// The one cookie named `name` that `resp` sets.
fn the_cookie(resp: &reqwest::Response, name: &str, what: &str) -> Cookie<'static> {
    let all = parsed(resp);
    let mut named = all.iter().filter(|c| c.name() == name);
    match (named.next(), named.next()) {
        (Some(c), None) => c.clone(),
        _ => panic!("{what}: expected one {name} cookie, got {:?}", set_cookies(resp)),
    }
}

/// A browser that keeps its cookies by hand: with an https issuer the server marks them Secure,
/// and reqwest's cookie store rightly does not send Secure cookies to the plain-http test server.
struct Agent {
    http: reqwest::Client,
    jar: RefCell<BTreeMap<String, String>>,
    /// Every cookie any response set, removals included.
    seen: RefCell<Vec<Cookie<'static>>>,
}

impl Agent {
    fn new(app: &TestApp) -> Agent {
        Agent {
            http: app.http(),
            jar: RefCell::default(),
            seen: RefCell::default(),
        }
    }

    fn keep(&self, resp: &reqwest::Response) {
        let mut jar = self.jar.borrow_mut();
        for c in parsed(resp) {
            self.seen.borrow_mut().push(c.clone());
            if c.value().is_empty() || c.max_age().is_some_and(|a| a.is_zero()) {
                jar.remove(c.name());
            } else {
                jar.insert(c.name().to_owned(), c.value().to_owned());
            }
        }
    }

    fn cookie_header(&self) -> String {
        let jar = self.jar.borrow();
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn get(&self, app: &TestApp, url: &str) -> reqwest::Response {
        let url = if url.starts_with('/') {
            app.url(url)
        } else {
            url.to_owned()
        };
        let resp = self
            .http
            .get(url)
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    async fn post(&self, app: &TestApp, path: &str, form: &[(String, String)]) -> reqwest::Response {
        let resp = self
            .http
            .post(app.url(path))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    /// Signs in through `client`: the response that sets the session cookie (a redirect to the
    /// client with a code) and the code's PKCE verifier.
    async fn sign_in(&self, app: &TestApp, client: &TestClient) -> (reqwest::Response, String) {
        let user = app.create_user("ada@example.com").await;
        let (url, verifier) = authorize_url(app, client, "openid", &[]);
        let started = self.get(app, &url).await;
        assert_eq!(started.status(), 303);
        let login = Page::from(self.get(app, &header(&started, "location")).await).await;
        assert!(login.is_sign_in(), "{}", login.html);
        let mut form = form_inputs(&login.html, "/login");
        form.push(("username".into(), user.email.clone()));
        form.push(("password".into(), PASSWORD.into()));
        let done = self.post(app, "/login", &form).await;
        assert_eq!(done.status(), 303);
        assert!(
            header(&done, "location").starts_with(REDIRECT_URI),
            "{}",
            header(&done, "location")
        );
        (done, verifier)
    }
}

/// HttpOnly, Path=/, no Domain (host-only), and Secure exactly when the issuer is https.
fn assert_host_wide_http_only(c: &Cookie, scheme: Scheme, what: &str) {
    assert_eq!(c.http_only(), Some(true), "{what}: HttpOnly: {c}");
    assert_eq!(c.path(), Some("/"), "{what}: Path: {c}");
    assert_eq!(c.domain(), None, "{what}: no Domain: {c}");
    assert_eq!(
        c.secure().unwrap_or(false),
        scheme == Scheme::Https,
        "{what}: Secure on https only: {c}"
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_host_only_and_secure_on_https() {
    for scheme in SCHEMES {
        let app = spawn(scheme).await;
        let client = app.create_client(ClientSpec::default()).await;
        let (signed_in, _) = Agent::new(&app).sign_in(&app, &client).await;
        let name = cookie_name(scheme, portcullis::authn::SESSION_COOKIE);
        let what = format!("{scheme:?} session cookie");
        let c = the_cookie(&signed_in, &name, &what);
        assert_eq!(c.value().len(), 43, "{what}: a 256-bit token: {c}");
        assert_host_wide_http_only(&c, scheme, &what);
        assert_eq!(c.same_site(), Some(SameSite::Lax), "{what}: SameSite: {c}");
        // Ends with the browser; the server enforces the idle timeout and absolute lifetime.
        assert!(
            c.max_age().is_none() && c.expires().is_none(),
            "{what}: a browser-session cookie: {c}"
        );
    }
}

#[tokio::test]
async fn the_interaction_cookie_is_http_only_lax_and_lives_as_long_as_the_interaction() {
    for scheme in SCHEMES {
        let app = spawn(scheme).await;
        let client = app.create_client(ClientSpec::default()).await;
        let (url, _) = authorize_url(&app, &client, "openid", &[]);
        let resp = Agent::new(&app).get(&app, &url).await;
        let location = header(&resp, "location");
        let id = location
            .strip_prefix("/login?interaction=")
            .unwrap_or_else(|| panic!("{scheme:?}: {location}"));
        let short: String = id.chars().take(12).collect();
        let name = cookie_name(scheme, &format!("portcullis_interaction_{short}"));
        let what = format!("{scheme:?} interaction cookie");
        let c = the_cookie(&resp, &name, &what);
        assert_host_wide_http_only(&c, scheme, &what);
        assert_eq!(c.same_site(), Some(SameSite::Lax), "{what}: SameSite: {c}");
        assert_eq!(
            c.max_age(),
            Some(time::Duration::seconds(INTERACTION_TTL)),
            "{what}: Max-Age is the interaction's lifetime: {c}"
        );
    }
}

#[tokio::test]
async fn the_anonymous_forms_csrf_cookie_is_http_only_strict_and_secure_on_https() {
    for scheme in SCHEMES {
        let app = spawn(scheme).await;
        let resp = Agent::new(&app).get(&app, "/forgot-password").await;
        assert_eq!(resp.status(), 200);
        let what = format!("{scheme:?} CSRF cookie");
        let c = the_cookie(&resp, &cookie_name(scheme, "portcullis_csrf"), &what);
        assert_eq!(c.value().len(), 43, "{what}: a 256-bit token: {c}");
        assert_host_wide_http_only(&c, scheme, &what);
        assert_eq!(c.same_site(), Some(SameSite::Strict), "{what}: SameSite: {c}");
    }
}

/// How the browser signs out at the end-session endpoint.
#[derive(Clone, Copy, Debug)]
enum Logout {
    /// GET with an id_token_hint: no confirmation.
    WithHint,
    /// Without a hint: the confirmation page, then its form.
    Confirmed,
}

#[tokio::test]
async fn logout_removes_the_session_cookie() {
    for scheme in SCHEMES {
        for logout in [Logout::WithHint, Logout::Confirmed] {
            let app = spawn(scheme).await;
            let client = app.create_client(ClientSpec::default()).await;
            let agent = Agent::new(&app);
            let (signed_in, verifier) = agent.sign_in(&app, &client).await;
            let resp = match logout {
                Logout::WithHint => {
                    let cb = url::Url::parse(&header(&signed_in, "location")).unwrap();
                    let code = cb.query_pairs().find(|(k, _)| k == "code").unwrap().1;
                    let tokens = exchange_code(&app, &client, &code, &verifier).await;
                    let tokens: serde_json::Value = tokens.json().await.unwrap();
                    let query = serde_urlencoded::to_string([
                        ("id_token_hint", tokens["id_token"].as_str().unwrap()),
                        ("post_logout_redirect_uri", POST_LOGOUT_URI),
                    ])
                    .unwrap();
                    agent.get(&app, &format!("/end_session?{query}")).await
                }
                Logout::Confirmed => {
                    let page = Page::from(agent.get(&app, "/end_session").await).await;
                    assert_eq!(page.status, 200, "{}", page.html);
                    agent
                        .post(&app, "/end_session/confirm", &hidden_inputs(&page.html))
                        .await
                }
            };
            let what = format!("{scheme:?}, {logout:?}: the session cookie's removal");
            assert!(
                resp.status().is_success() || resp.status().is_redirection(),
                "{what}: {}",
                resp.status()
            );
            let name = cookie_name(scheme, portcullis::authn::SESSION_COOKIE);
            let c = the_cookie(&resp, &name, &what);
            assert_eq!(c.value(), "", "{what}: {c}");
            assert_eq!(c.max_age(), Some(time::Duration::ZERO), "{what}: {c}");
            assert_eq!(c.path(), Some("/"), "{what}: the path it was set with: {c}");
            assert_eq!(c.domain(), None, "{what}: {c}");
            // A browser applies the removal of a `__Host-` cookie only if it is Secure too.
            assert_eq!(
                c.secure().unwrap_or(false),
                scheme == Scheme::Https,
                "{what}: Secure on https: {c}"
            );
            assert!(
                !agent.jar.borrow().contains_key(&name),
                "{what}: the browser dropped it"
            );
        }
    }
}

/// Browsers accept a `__Host-` cookie only with Secure, Path=/ and no Domain, and then only from
/// this very host: a sibling subdomain cannot plant or overwrite it (cookie tossing), which
/// matters most for the double-submit CSRF cookie.
#[tokio::test]
async fn every_cookie_is_host_prefixed_on_https_and_bare_on_http() {
    for scheme in SCHEMES {
        let app = spawn(scheme).await;
        let client = app.create_client(ClientSpec::default()).await;
        let agent = Agent::new(&app);
        agent.sign_in(&app, &client).await;
        agent.get(&app, "/forgot-password").await;
        let page = Page::from(agent.get(&app, "/end_session").await).await;
        agent
            .post(&app, "/end_session/confirm", &hidden_inputs(&page.html))
            .await;

        let seen = agent.seen.borrow();
        let names: Vec<&str> = seen.iter().map(|c| c.name()).collect();
        for base in ["portcullis_session", "portcullis_csrf", "portcullis_interaction_"] {
            assert!(
                names.iter().any(|n| n.starts_with(&cookie_name(scheme, base))),
                "{scheme:?}: {base} was set: {names:?}"
            );
        }
        for c in seen.iter() {
            let what = format!("{scheme:?}: {c}");
            match scheme {
                Scheme::Http => assert!(c.name().starts_with("portcullis_"), "{what}"),
                Scheme::Https => {
                    assert!(c.name().starts_with("__Host-portcullis_"), "{what}");
                    assert_eq!(c.secure(), Some(true), "{what}");
                    assert_eq!(c.path(), Some("/"), "{what}");
                    assert_eq!(c.domain(), None, "{what}");
                }
            }
        }
    }
}

/// On https a cookie counts only under its `__Host-` name: one a sibling subdomain tossed under
/// the bare name is ignored.
#[tokio::test]
async fn on_https_cookies_count_only_under_their_host_prefixed_names() {
    let app = spawn(Scheme::Https).await;
    let client = app.create_client(ClientSpec::default()).await;
    let agent = Agent::new(&app);
    agent.sign_in(&app, &client).await;
    let page = Page::from(agent.get(&app, "/forgot-password").await).await;
    let mut form = form_inputs(&page.html, "/forgot-password");
    form.push(("email".into(), "ada@example.com".into()));
    let jar = agent.jar.borrow().clone();
    let kept = |name: &str| {
        jar.get(name)
            .unwrap_or_else(|| panic!("no {name} cookie was set: {jar:?}"))
    };
    let (session, csrf) = (kept("__Host-portcullis_session"), kept("__Host-portcullis_csrf"));

    for (name, signed_in, csrf_ok) in [("__Host-", true, 200), ("", false, 400)] {
        let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "none")]);
        let resp = app
            .http()
            .get(url)
            .header("cookie", format!("{name}portcullis_session={session}"))
            .send()
            .await
            .unwrap();
        let location = header(&resp, "location");
        assert_eq!(
            location.contains("code="),
            signed_in,
            "the session cookie named {name}portcullis_session: {location}"
        );
        let resp = app
            .http()
            .post(app.url("/forgot-password"))
            .header("cookie", format!("{name}portcullis_csrf={csrf}"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.status(),
            csrf_ok,
            "the CSRF cookie named {name}portcullis_csrf"
        );
    }
}
