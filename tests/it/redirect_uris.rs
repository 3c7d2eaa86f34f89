//! Exact string matching of `redirect_uri` (OIDC Core §3.1.2.1, RFC 9700 §4.1.3) and
//! `post_logout_redirect_uri` (RP-Initiated Logout 1.0 §3): a URI that differs from a registered
//! one in any character is refused on our own error page, and nothing is sent to it.

use reqwest::Method;

use crate::support::*;

/// Registered redirect URIs of different shapes: loopback with a port, https with a port and a
/// two-segment path, https on the default port with a query, and a bare root path.
const REGISTERED: [&str; 4] = [
    REDIRECT_URI,
    "https://rp.example:8443/auth/cb",
    "https://app.example/callback?tenant=acme",
    "http://localhost/",
];

/// Registered post-logout URIs: the default one and one with a query and a port.
const POST_LOGOUT_REGISTERED: [&str; 2] = [POST_LOGOUT_URI, "https://app.example:8443/bye?tenant=acme"];

/// Spellings of a URI that is not `registered` but that a lenient comparison
/// (prefix, case-insensitive, normalised, parsed) could take for it, each with a name.
fn variants(registered: &str) -> Vec<(String, String)> {
    let u = url::Url::parse(registered).unwrap();
    let scheme = u.scheme();
    let host = u.host_str().unwrap();
    let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
    let effective_port = u.port_or_known_default().unwrap();
    let path = u.path();
    let query = u.query().map(|q| format!("?{q}")).unwrap_or_default();
    let authority = format!("{host}{port}");
    let uri = |scheme: &str, authority: &str, path: &str, query: &str| {
        format!("{scheme}://{authority}{path}{query}")
    };
    assert_eq!(
        uri(scheme, &authority, path, &query),
        registered,
        "the variants are built from the parts of the registered URI"
    );
    let (dir, last) = path.rsplit_once('/').unwrap();

    let mut v: Vec<(&str, String)> = vec![
        // Path.
        (
            "an extra path segment",
            uri(
                scheme,
                &authority,
                &format!("{}/extra", path.trim_end_matches('/')),
                &query,
            ),
        ),
        (
            "characters appended to the path",
            uri(scheme, &authority, &format!("{path}x"), &query),
        ),
        (
            "a doubled first slash",
            uri(scheme, &authority, &format!("/{path}"), &query),
        ),
        (
            "a dot-dot segment",
            uri(scheme, &authority, &format!("{path}/../{last}"), &query),
        ),
        (
            "a dot segment",
            uri(scheme, &authority, &format!("{dir}/./{last}"), &query),
        ),
        (
            "a percent-encoded dot segment",
            uri(scheme, &authority, &format!("{dir}/%2e/{last}"), &query),
        ),
        (
            "the first path slash percent-encoded",
            uri(scheme, &authority, &format!("%2F{}", &path[1..]), &query),
        ),
        (
            "a backslash for the first path slash",
            uri(scheme, &authority, &format!("\\{}", &path[1..]), &query),
        ),
        // Query and fragment.
        ("a fragment", format!("{registered}#frag")),
        ("an empty fragment", format!("{registered}#")),
        // Scheme.
        (
            "an upper-case scheme",
            uri(&scheme.to_uppercase(), &authority, path, &query),
        ),
        (
            "the other scheme",
            uri(
                if scheme == "https" { "http" } else { "https" },
                &authority,
                path,
                &query,
            ),
        ),
        (
            "no scheme (scheme-relative)",
            format!("//{authority}{path}{query}"),
        ),
        ("no scheme at all", format!("{authority}{path}{query}")),
        // Authority.
        (
            "userinfo before the host",
            uri(scheme, &format!("attacker@{authority}"), path, &query),
        ),
        (
            "the registered authority as userinfo of another host",
            uri(scheme, &format!("{authority}@evil.example"), path, &query),
        ),
        (
            "another host with the registered host as a prefix",
            uri(scheme, &format!("{host}.evil.example{port}"), path, &query),
        ),
        (
            "the host with a trailing dot",
            uri(scheme, &format!("{host}.{port}"), path, &query),
        ),
        (
            "another port",
            uri(scheme, &format!("{host}:{}", effective_port + 1), path, &query),
        ),
        // Whitespace and control characters around or inside it.
        ("a leading space", format!(" {registered}")),
        ("a trailing space", format!("{registered} ")),
        ("a trailing tab", format!("{registered}\t")),
        ("a trailing newline", format!("{registered}\n")),
        ("a trailing NUL byte", format!("{registered}\0")),
        ("a trailing percent-encoded NUL", format!("{registered}%00")),
        // Prefixes of it.
        (
            "a prefix of the registered URI",
            registered[..registered.len() - 1].to_owned(),
        ),
        ("the registered origin only", format!("{scheme}://{authority}")),
    ];
    if path.len() > 1 && path.ends_with('/') {
        v.push((
            "the trailing slash removed",
            uri(scheme, &authority, &path[..path.len() - 1], &query),
        ));
    } else if path == "/" {
        v.push(("the root path removed", uri(scheme, &authority, "", &query)));
    } else {
        v.push((
            "a trailing slash added",
            uri(scheme, &authority, &format!("{path}/"), &query),
        ));
    }
    if let Some(i) = path.find(|c: char| c.is_ascii_alphanumeric()) {
        let encoded = format!("{}%{:02X}{}", &path[..i], path.as_bytes()[i], &path[i + 1..]);
        v.push((
            "a path character percent-encoded",
            uri(scheme, &authority, &encoded, &query),
        ));
    }
    if path.to_uppercase() != path {
        v.push((
            "an upper-case path",
            uri(scheme, &authority, &path.to_uppercase(), &query),
        ));
    }
    if host.to_uppercase() != host {
        v.push((
            "an upper-case host",
            uri(scheme, &authority.to_uppercase(), path, &query),
        ));
    }
    match u.port() {
        None => {
            v.push((
                "the default port spelled out",
                uri(scheme, &format!("{host}:{effective_port}"), path, &query),
            ));
            v.push(("an empty port", uri(scheme, &format!("{host}:"), path, &query)));
        }
        Some(p) => v.push((
            "the port with a leading zero",
            uri(scheme, &format!("{host}:0{p}"), path, &query),
        )),
    }
    match u.query() {
        None => {
            v.push(("a query where none was registered", format!("{registered}?x=1")));
            v.push(("an empty query", format!("{registered}?")));
        }
        Some(_) => {
            v.push(("an extra query parameter", format!("{registered}&x=1")));
            v.push(("a query value changed", format!("{registered}x")));
            v.push(("the registered query removed", uri(scheme, &authority, path, "")));
            v.push((
                "the registered query repeated",
                format!("{registered}&{}", &query[1..]),
            ));
        }
    }
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        v.push((
            "the IPv4 host as one number",
            uri(scheme, &format!("{}{port}", u32::from(ip)), path, &query),
        ));
        v.push((
            "the IPv4 host IPv6-mapped",
            uri(scheme, &format!("[::ffff:{ip}]{port}"), path, &query),
        ));
        v.push((
            "localhost for the loopback address",
            uri(scheme, &format!("localhost{port}"), path, &query),
        ));
    }
    if host == "localhost" {
        v.push((
            "the loopback address for localhost",
            uri(scheme, &format!("127.0.0.1{port}"), path, &query),
        ));
    }
    for (name, variant) in &v {
        assert_ne!(
            variant, registered,
            "variant {name:?} is the registered URI itself"
        );
    }
    v.into_iter().map(|(n, u)| (n.to_owned(), u)).collect()
}

/// The parameters of a code + PKCE authorization request of `client` for `redirect_uri`, and
/// the PKCE verifier.
fn auth_params(client: &TestClient, redirect_uri: &str) -> (Vec<(String, String)>, String) {
    let (verifier, challenge) = pkce();
    let params = [
        ("response_type", "code"),
        ("client_id", client.id.as_str()),
        ("redirect_uri", redirect_uri),
        ("scope", "openid"),
        ("state", "xyz"),
        ("nonce", "n-0S6_WzA2Mj"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let params = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (params, verifier)
}

/// Sends `params` to `path` in `browser`, in the query (GET) or as a form (POST).
async fn send(
    browser: &Browser,
    method: &Method,
    path: &str,
    params: &[(String, String)],
) -> reqwest::Response {
    if *method == Method::POST {
        browser.post_form(path, params).await
    } else {
        browser
            .get(&format!(
                "{path}?{}",
                serde_urlencoded::to_string(params).unwrap()
            ))
            .await
    }
}

/// Asserts our error page for an unproven target: 400, HTML, `title`, `invalid_request`, a
/// message naming the parameter, no Location, no cookie change and nothing (a form, a refresh)
/// that sends the browser on.
async fn assert_error_page(resp: reqwest::Response, title: &str, param: &str, what: &str) {
    let status = resp.status();
    let location = header(&resp, "location");
    let refresh = header(&resp, "refresh");
    let content_type = header(&resp, "content-type");
    let cookies = set_cookies(&resp);
    let html = resp.text().await.unwrap();
    assert_eq!(status, 400, "{what}: status; page: {html}");
    assert_eq!(location, "", "{what}: redirected");
    assert_eq!(refresh, "", "{what}: a Refresh header");
    assert!(
        content_type.starts_with("text/html"),
        "{what}: content type {content_type}"
    );
    assert!(
        html.contains(&format!("<h1>{title}</h1>")),
        "{what}: not our error page: {html}"
    );
    assert!(
        html.contains("<code>invalid_request</code>"),
        "{what}: error code: {html}"
    );
    assert!(
        html.contains(&format!("{param} is not registered for this client")),
        "{what}: the page does not say why: {html}"
    );
    assert!(!html.contains("<form"), "{what}: the page holds a form: {html}");
    assert!(
        !html.to_ascii_lowercase().contains("http-equiv"),
        "{what}: a meta refresh: {html}"
    );
    assert!(cookies.is_empty(), "{what}: cookies changed: {cookies:?}");
}

/// A browser with an SSO session (ada signed in through a client registered for REDIRECT_URI):
/// an accepted redirect_uri would get a code at once, without a login page in between.
async fn signed_in(app: &TestApp) -> Browser {
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(app, &client, "openid", &[]);
    let cb = browser.authorize(&url, &user.email).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);
    browser
}

/// Control: the exact registered URI gets the code, at that very URI (its query kept).
async fn assert_exact_uri_gets_a_code(
    browser: &Browser,
    client: &TestClient,
    registered: &str,
    method: &Method,
) {
    let (params, _) = auth_params(client, registered);
    let resp = send(browser, method, "/authorize", &params).await;
    assert_eq!(
        resp.status(),
        303,
        "{method} {registered}: the exact URI is accepted"
    );
    let location = header(&resp, "location");
    let sep = if registered.contains('?') { '&' } else { '?' };
    assert!(
        location.starts_with(&format!("{registered}{sep}")),
        "{method} {registered}: the response goes to the registered URI: {location}"
    );
    let cb = Callback {
        url: url::Url::parse(&location).unwrap(),
    };
    assert!(cb.param("code").is_some(), "{method} {registered}: {location}");
}

#[tokio::test]
async fn any_variant_of_the_redirect_uri_is_an_error_page_never_a_redirect() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    for registered in REGISTERED {
        let client = app
            .create_client_with_uris(ClientSpec::default(), &[registered], &[])
            .await;
        for method in [Method::GET, Method::POST] {
            assert_exact_uri_gets_a_code(&browser, &client, registered, &method).await;
            for (name, variant) in variants(registered) {
                let (params, _) = auth_params(&client, &variant);
                let resp = send(&browser, &method, "/authorize", &params).await;
                let what = format!("{method} /authorize, registered {registered:?}, {name}: {variant:?}");
                assert_error_page(resp, "This sign-in request is not valid", "redirect_uri", &what).await;
            }
        }
    }
}

#[tokio::test]
async fn a_redirect_uri_registered_for_another_client_is_an_error_page() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    let other = "https://other.example/cb";
    let client = app.create_client(ClientSpec::default()).await;
    app.create_client_with_uris(ClientSpec::default(), &[other], &[])
        .await;
    let (params, _) = auth_params(&client, other);
    let resp = send(&browser, &Method::GET, "/authorize", &params).await;
    assert_error_page(resp, "This sign-in request is not valid", "redirect_uri", other).await;
}

/// OIDC Core §3.1.2.1: redirect_uri is required; with several registered there is no default.
#[tokio::test]
async fn a_missing_redirect_uri_is_an_error_page_when_it_cannot_be_inferred() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    let single = app.create_client(ClientSpec::default()).await;
    let several = app
        .create_client_with_uris(ClientSpec::default(), &[REDIRECT_URI, REGISTERED[1]], &[])
        .await;
    for (what, client, scope) in [
        ("an OpenID request of a client with one URI", &single, "openid"),
        ("an OAuth request of a client with two URIs", &several, "profile"),
    ] {
        let (params, _) = auth_params(client, REDIRECT_URI);
        let params: Vec<(String, String)> = params
            .into_iter()
            .filter(|(k, _)| k != "redirect_uri")
            .map(|(k, v)| {
                if k == "scope" {
                    (k, scope.to_owned())
                } else {
                    (k, v)
                }
            })
            .collect();
        let resp = send(&browser, &Method::GET, "/authorize", &params).await;
        let location = header(&resp, "location");
        let status = resp.status();
        let html = resp.text().await.unwrap();
        assert_eq!(status, 400, "{what}: {html}");
        assert_eq!(location, "", "{what}: redirected");
        assert!(html.contains("<code>invalid_request</code>"), "{what}: {html}");
        assert!(html.contains("redirect_uri is missing"), "{what}: {html}");
    }
}

#[tokio::test]
async fn a_repeated_redirect_uri_is_an_error_page_never_a_redirect_to_either() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    let client = app.create_client(ClientSpec::default()).await;
    for second in [REDIRECT_URI, "https://evil.example/cb"] {
        let (mut params, _) = auth_params(&client, REDIRECT_URI);
        params.push(("redirect_uri".into(), second.into()));
        let resp = send(&browser, &Method::GET, "/authorize", &params).await;
        let location = header(&resp, "location");
        let status = resp.status();
        let html = resp.text().await.unwrap();
        assert_eq!(status, 400, "{second}: {html}");
        assert_eq!(location, "", "{second}: redirected");
        assert!(html.contains("<code>invalid_request</code>"), "{second}: {html}");
        assert!(html.contains("redirect_uri is repeated"), "{second}: {html}");
    }
}

/// Gets a code for `redirect_uri` in `browser` (which has an SSO session); returns it with the
/// PKCE verifier.
async fn code_for(browser: &Browser, client: &TestClient, redirect_uri: &str) -> (String, String) {
    let (params, verifier) = auth_params(client, redirect_uri);
    let resp = send(browser, &Method::GET, "/authorize", &params).await;
    let location = header(&resp, "location");
    assert!(
        location.starts_with(redirect_uri),
        "a code for {redirect_uri}: {location}"
    );
    let cb = Callback {
        url: url::Url::parse(&location).unwrap(),
    };
    (cb.param("code").expect("a code"), verifier)
}

/// Exchanges `code` with `redirect_uri` (None: the parameter left out); the status and body.
async fn exchange(
    app: &TestApp,
    client: &TestClient,
    code: &str,
    verifier: &str,
    redirect_uri: Option<&str>,
) -> (u16, serde_json::Value) {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("code_verifier", verifier),
    ];
    if let Some(r) = redirect_uri {
        form.push(("redirect_uri", r));
    }
    let resp = token_request(app, client, &form).await;
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[track_caller]
fn assert_invalid_grant_without_tokens(status: u16, body: &serde_json::Value, what: &str) {
    assert_eq!(status, 400, "{what}: {body}");
    assert_eq!(body["error"], "invalid_grant", "{what}: {body}");
    for token in ["access_token", "id_token", "refresh_token"] {
        assert!(body.get(token).is_none(), "{what}: {token} issued: {body}");
    }
}

#[tokio::test]
async fn a_code_exchanged_with_any_variant_of_its_redirect_uri_is_invalid_grant_without_tokens() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    for registered in REGISTERED {
        let client = app
            .create_client_with_uris(ClientSpec::default(), &[registered], &[])
            .await;
        let (code, verifier) = code_for(&browser, &client, registered).await;
        let (status, body) = exchange(&app, &client, &code, &verifier, Some(registered)).await;
        assert_eq!(
            status, 200,
            "{registered}: the exact URI redeems the code: {body}"
        );
        for (name, variant) in variants(registered) {
            let (code, verifier) = code_for(&browser, &client, registered).await;
            let (status, body) = exchange(&app, &client, &code, &verifier, Some(&variant)).await;
            let what = format!("code for {registered:?} exchanged with {name}: {variant:?}");
            assert_invalid_grant_without_tokens(status, &body, &what);
        }
    }
}

#[tokio::test]
async fn with_several_registered_uris_a_code_is_redeemed_only_with_the_one_it_was_issued_for() {
    let app = TestApp::spawn().await;
    let browser = signed_in(&app).await;
    let [a, b] = [REGISTERED[0], REGISTERED[1]];
    let client = app
        .create_client_with_uris(ClientSpec::default(), &[a, b], &[])
        .await;
    for (issued_for, exchanged_with) in [(a, Some(b)), (b, Some(a)), (a, None), (b, None)] {
        let (code, verifier) = code_for(&browser, &client, issued_for).await;
        let (status, body) = exchange(&app, &client, &code, &verifier, exchanged_with).await;
        let what = format!("code for {issued_for} exchanged with {exchanged_with:?}");
        assert_invalid_grant_without_tokens(status, &body, &what);
    }
    for uri in [a, b] {
        let (code, verifier) = code_for(&browser, &client, uri).await;
        let (status, body) = exchange(&app, &client, &code, &verifier, Some(uri)).await;
        assert_eq!(status, 200, "code for {uri} exchanged with it: {body}");
        assert!(body["access_token"].is_string(), "{body}");
    }
}

/// A browser with an SSO session of `client`, and the ID token it got.
async fn signed_in_to(app: &TestApp, client: &TestClient, redirect_uri: &str) -> (Browser, String) {
    let user = app.create_user("ada@example.com").await;
    let browser = app.browser();
    let (params, verifier) = auth_params(client, redirect_uri);
    let url = app.url(&format!(
        "/authorize?{}",
        serde_urlencoded::to_string(&params).unwrap()
    ));
    let cb = browser.authorize(&url, &user.email).await;
    let code = cb.param("code").expect("a code");
    let (status, body) = exchange(app, client, &code, &verifier, Some(redirect_uri)).await;
    assert_eq!(status, 200, "{body}");
    (browser, body["id_token"].as_str().unwrap().to_owned())
}

/// The SSO session of `browser` is alive: prompt=none for `client` gets a code.
async fn assert_session_alive(browser: &Browser, client: &TestClient, redirect_uri: &str, what: &str) {
    let (mut params, _) = auth_params(client, redirect_uri);
    params.push(("prompt".into(), "none".into()));
    let resp = send(browser, &Method::GET, "/authorize", &params).await;
    let location = header(&resp, "location");
    let cb = Callback {
        url: url::Url::parse(&location).unwrap_or_else(|_| panic!("{what}: no redirect: {location:?}")),
    };
    assert!(
        cb.param("code").is_some(),
        "{what}: the session did not survive: {location}"
    );
}

#[tokio::test]
async fn any_variant_of_the_post_logout_uri_is_an_error_page_and_logs_nobody_out() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client_with_uris(ClientSpec::default(), &[REDIRECT_URI], &POST_LOGOUT_REGISTERED)
        .await;
    let (browser, id_token) = signed_in_to(&app, &client, REDIRECT_URI).await;
    for registered in POST_LOGOUT_REGISTERED {
        for (name, variant) in variants(registered) {
            // Proven by the ID token (would log out at once) or only named (would ask first).
            for (how, method, proof) in [
                ("id_token_hint", Method::GET, ("id_token_hint", id_token.as_str())),
                (
                    "id_token_hint",
                    Method::POST,
                    ("id_token_hint", id_token.as_str()),
                ),
                ("client_id", Method::GET, ("client_id", client.id.as_str())),
            ] {
                let params: Vec<(String, String)> = [
                    proof,
                    ("post_logout_redirect_uri", variant.as_str()),
                    ("state", "bye"),
                ]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                let resp = send(&browser, &method, "/end_session", &params).await;
                let what = format!(
                    "{method} /end_session with {how}, registered {registered:?}, {name}: {variant:?}"
                );
                assert_error_page(
                    resp,
                    "The sign-out request is not valid",
                    "post_logout_redirect_uri",
                    &what,
                )
                .await;
                assert_session_alive(&browser, &client, REDIRECT_URI, &what).await;
            }
        }
    }
}

/// The confirmation form carries the post_logout_redirect_uri back: it is checked again.
#[tokio::test]
async fn a_confirmation_form_posted_with_another_post_logout_uri_is_refused_and_logs_nobody_out() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _) = signed_in_to(&app, &client, REDIRECT_URI).await;
    let query = serde_urlencoded::to_string([
        ("client_id", client.id.as_str()),
        ("post_logout_redirect_uri", POST_LOGOUT_URI),
        ("state", "bye"),
    ])
    .unwrap();
    let confirm = Page::from(browser.get(&format!("/end_session?{query}")).await).await;
    assert_eq!(confirm.status, 200, "{}", confirm.html);
    let form = form_inputs(&confirm.html, "/end_session/confirm");
    assert!(
        form.contains(&("post_logout_redirect_uri".into(), POST_LOGOUT_URI.into())),
        "the form carries the URI: {form:?}"
    );
    for (name, variant) in variants(POST_LOGOUT_URI) {
        let tampered: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| {
                let v = if k == "post_logout_redirect_uri" {
                    variant.clone()
                } else {
                    v.clone()
                };
                (k.clone(), v)
            })
            .collect();
        let resp = browser.post_form("/end_session/confirm", &tampered).await;
        let what = format!("confirmation posted with {name}: {variant:?}");
        assert_error_page(
            resp,
            "The sign-out request is not valid",
            "post_logout_redirect_uri",
            &what,
        )
        .await;
        assert_session_alive(&browser, &client, REDIRECT_URI, &what).await;
    }
}

#[tokio::test]
async fn a_post_logout_uri_registered_for_another_client_is_refused_and_logs_nobody_out() {
    let app = TestApp::spawn().await;
    let a = app.create_client(ClientSpec::default()).await;
    let b_uri = "http://127.0.0.1:9/b/logged-out";
    let b = app
        .create_client_with_uris(ClientSpec::default(), &[REDIRECT_URI], &[b_uri])
        .await;
    let (browser, a_token) = signed_in_to(&app, &a, REDIRECT_URI).await;
    for (what, params) in [
        (
            "A's id_token_hint with B's URI",
            vec![("id_token_hint", a_token.as_str())],
        ),
        (
            "A's id_token_hint, B's client_id and B's URI",
            vec![("id_token_hint", a_token.as_str()), ("client_id", b.id.as_str())],
        ),
        ("A's client_id with B's URI", vec![("client_id", a.id.as_str())]),
    ] {
        let mut params: Vec<(String, String)> = params
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        params.push(("post_logout_redirect_uri".into(), b_uri.into()));
        params.push(("state".into(), "bye".into()));
        let resp = send(&browser, &Method::GET, "/end_session", &params).await;
        let status = resp.status();
        let location = header(&resp, "location");
        let cookies = set_cookies(&resp);
        let html = resp.text().await.unwrap();
        assert_eq!(status, 400, "{what}: {html}");
        assert_eq!(location, "", "{what}: redirected");
        assert!(
            html.contains("<h1>The sign-out request is not valid</h1>"),
            "{what}: {html}"
        );
        assert!(html.contains("<code>invalid_request</code>"), "{what}: {html}");
        assert!(cookies.is_empty(), "{what}: cookies changed: {cookies:?}");
        assert_session_alive(&browser, &a, REDIRECT_URI, what).await;
    }
    // Control: B's URI with B's client_id is accepted (the user is asked to confirm).
    let query =
        serde_urlencoded::to_string([("client_id", b.id.as_str()), ("post_logout_redirect_uri", b_uri)])
            .unwrap();
    let page = Page::from(browser.get(&format!("/end_session?{query}")).await).await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(
        form_inputs(&page.html, "/end_session/confirm")
            .contains(&("post_logout_redirect_uri".into(), b_uri.into())),
        "{}",
        page.html
    );
}
