//! What RP-initiated logout really does, beyond the page it shows: the session ends on the
//! server (not only in the browser), its online tokens die with it, `state` comes back exactly,
//! and nothing is ended without proof of the user or the user's confirmation.

use portcullis::authn::SESSION_COOKIE;

use crate::support::*;

const EMAIL: &str = "ada@example.com";

/// A browser signed in as ada through `client` with `scope`: the browser, the session cookie's
/// value (as a copy kept elsewhere would be) and the token response.
async fn sign_in(app: &TestApp, client: &TestClient, scope: &str) -> (Browser, String, serde_json::Value) {
    let browser = app.browser();
    let (url, verifier) = authorize_url(app, client, scope, &[]);
    let login = browser.page(&url).await;
    let resp = browser.submit_login(&login, EMAIL, PASSWORD).await;
    let prefix = format!("{SESSION_COOKIE}=");
    let cookie = set_cookies(&resp)
        .iter()
        .find_map(|c| {
            c.strip_prefix(&prefix)
                .map(|rest| rest.split(';').next().unwrap().to_owned())
        })
        .filter(|v| !v.is_empty())
        .expect("the login sets the session cookie");
    let cb = browser.expect_redirect(resp).await;
    let tokens = redeem(app, client, &cb, &verifier).await;
    (browser, cookie, tokens)
}

/// Exchanges the code of `cb` (asserting success).
async fn redeem(app: &TestApp, client: &TestClient, cb: &Callback, verifier: &str) -> serde_json::Value {
    let code = cb.param("code").unwrap_or_else(|| panic!("a code: {}", cb.url));
    let resp = exchange_code(app, client, &code, verifier).await;
    let status = resp.status();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

/// Another grant in the same SSO session (no login page).
async fn more_tokens(
    app: &TestApp,
    client: &TestClient,
    browser: &Browser,
    scope: &str,
) -> serde_json::Value {
    let (url, verifier) = authorize_url(app, client, scope, &[]);
    let cb = browser.redirect(&url).await;
    redeem(app, client, &cb, &verifier).await
}

/// prompt=none sent with `cookie` as the session cookie, from a client that kept a copy of it.
async fn prompt_none_with_cookie(app: &TestApp, client: &TestClient, cookie: &str) -> Callback {
    let (url, _) = authorize_url(app, client, "openid", &[("prompt", "none")]);
    let resp = app
        .http()
        .get(url)
        .header("cookie", format!("{SESSION_COOKIE}={cookie}"))
        .send()
        .await
        .unwrap();
    let location = header(&resp, "location");
    Callback {
        url: url::Url::parse(&location).unwrap_or_else(|_| panic!("a redirect to the client: {location:?}")),
    }
}

fn end_session_url(app: &TestApp, params: &[(&str, &str)]) -> String {
    app.url(&format!(
        "/end_session?{}",
        serde_urlencoded::to_string(params).unwrap()
    ))
}

fn str_of<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

async fn assert_alive(app: &TestApp, client: &TestClient, browser: &Browser, what: &str) {
    let cb = prompt_none(app, client, browser).await;
    assert!(
        cb.param("code").is_some(),
        "{what}: the session did not survive: {}",
        cb.url
    );
}

/// The confirmation page of /end_session (a 200 page with the confirm form), nothing ended.
async fn assert_confirmation_page(resp: reqwest::Response, what: &str) -> Page {
    let cookies = set_cookies(&resp);
    let page = Page::from(resp).await;
    assert_eq!(page.status, 200, "{what}: {}", page.html);
    assert_eq!(page.header("location"), "", "{what}: redirected");
    assert!(cookies.is_empty(), "{what}: cookies changed: {cookies:?}");
    form_inputs(&page.html, "/end_session/confirm");
    page
}

#[tokio::test]
async fn logout_with_an_id_token_hint_ends_the_session_on_the_server_not_only_in_the_browser() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, cookie, tokens) = sign_in(&app, &client, "openid").await;
    // Control: a copy of the cookie is as good as the browser's.
    let cb = prompt_none_with_cookie(&app, &client, &cookie).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);

    let resp = browser
        .get(&end_session_url(
            &app,
            &[("id_token_hint", str_of(&tokens, "id_token"))],
        ))
        .await;
    assert_eq!(resp.status(), 200, "the signed-out page");

    let cb = prompt_none_with_cookie(&app, &client, &cookie).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "the old cookie still opens the session: {}",
        cb.url
    );
    assert!(cb.param("code").is_none(), "{}", cb.url);
}

#[tokio::test]
async fn logout_after_confirmation_ends_the_session_on_the_server_not_only_in_the_browser() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, cookie, _) = sign_in(&app, &client, "openid").await;
    let page = assert_confirmation_page(browser.get("/end_session").await, "no hint").await;
    let resp = browser
        .post_form(
            "/end_session/confirm",
            &form_inputs(&page.html, "/end_session/confirm"),
        )
        .await;
    assert_eq!(resp.status(), 200, "the signed-out page");
    let cb = prompt_none_with_cookie(&app, &client, &cookie).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "the old cookie still opens the session: {}",
        cb.url
    );
}

#[tokio::test]
async fn after_logout_the_sessions_online_tokens_are_dead_and_its_offline_ones_live() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, online) = sign_in(&app, &client, "openid").await;
    let offline = more_tokens(&app, &client, &browser, "openid offline_access").await;
    for (what, token) in [
        ("online access token", str_of(&online, "access_token")),
        ("online refresh token", str_of(&online, "refresh_token")),
        ("offline access token", str_of(&offline, "access_token")),
    ] {
        assert_eq!(
            introspect(&app, &client, token).await["active"],
            true,
            "before logout: {what}"
        );
    }

    let resp = browser
        .get(&end_session_url(
            &app,
            &[("id_token_hint", str_of(&online, "id_token"))],
        ))
        .await;
    assert_eq!(resp.status(), 200, "the signed-out page");

    for (what, token) in [
        ("online access token", str_of(&online, "access_token")),
        ("online refresh token", str_of(&online, "refresh_token")),
    ] {
        let body = introspect(&app, &client, token).await;
        assert_eq!(
            body,
            serde_json::json!({ "active": false }),
            "after logout: {what}"
        );
    }
    let resp = userinfo(&app, str_of(&online, "access_token")).await;
    assert_eq!(
        json_error(resp, 401).await,
        "invalid_token",
        "userinfo with the online access token"
    );
    let resp = refresh(&app, &client, str_of(&online, "refresh_token"), None).await;
    assert_eq!(
        json_error(resp, 400).await,
        "invalid_grant",
        "the online refresh token"
    );

    // offline_access is the user's consent to outlive the session.
    assert_eq!(
        introspect(&app, &client, str_of(&offline, "access_token")).await["active"],
        true,
        "after logout: offline access token"
    );
    assert_eq!(
        userinfo(&app, str_of(&offline, "access_token")).await.status(),
        200
    );
    let resp = refresh(&app, &client, str_of(&offline, "refresh_token"), None).await;
    assert_eq!(resp.status(), 200, "the offline refresh token");
}

#[tokio::test]
async fn logout_ends_only_this_browsers_session() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (laptop, _, laptop_tokens) = sign_in(&app, &client, "openid").await;
    let (phone, _, phone_tokens) = sign_in(&app, &client, "openid").await;
    let resp = laptop
        .get(&end_session_url(
            &app,
            &[("id_token_hint", str_of(&laptop_tokens, "id_token"))],
        ))
        .await;
    assert_eq!(resp.status(), 200, "the signed-out page");
    assert_alive(&app, &client, &phone, "the other browser").await;
    let resp = refresh(&app, &client, str_of(&phone_tokens, "refresh_token"), None).await;
    assert_eq!(resp.status(), 200, "the other browser's online refresh token");
}

#[tokio::test]
async fn state_comes_back_to_the_post_logout_uri_exactly() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let with_query = "https://app.example:8443/bye?tenant=acme";
    let client = app
        .create_client_with_uris(
            ClientSpec::default(),
            &[REDIRECT_URI],
            &[POST_LOGOUT_URI, with_query],
        )
        .await;
    let state = "a b&c=d/é+%20?#\"'<x>";
    for (target, state, expected) in [
        (
            POST_LOGOUT_URI,
            Some(state),
            vec![("state".to_owned(), state.to_owned())],
        ),
        (
            with_query,
            Some(state),
            vec![
                ("tenant".to_owned(), "acme".to_owned()),
                ("state".to_owned(), state.to_owned()),
            ],
        ),
        (POST_LOGOUT_URI, None, vec![]),
        (with_query, None, vec![("tenant".to_owned(), "acme".to_owned())]),
    ] {
        let what = format!("{target} with state {state:?}");
        let (browser, _, tokens) = sign_in(&app, &client, "openid").await;
        let mut params = vec![
            ("id_token_hint", str_of(&tokens, "id_token")),
            ("post_logout_redirect_uri", target),
        ];
        if let Some(s) = state {
            params.push(("state", s));
        }
        let resp = browser.get(&end_session_url(&app, &params)).await;
        assert_eq!(resp.status(), 303, "{what}");
        // Lossy: a raw (unencoded) state would not be a valid header string.
        let location = String::from_utf8_lossy(resp.headers()["location"].as_bytes()).into_owned();
        match state {
            Some(_) => {
                let sep = if target.contains('?') { '&' } else { '?' };
                assert!(
                    location.starts_with(&format!("{target}{sep}")),
                    "{what}: {location}"
                );
            }
            None => assert_eq!(location, target, "{what}: nothing added"),
        }
        let url = url::Url::parse(&location).unwrap();
        assert!(url.fragment().is_none(), "{what}: {location}");
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(pairs, expected, "{what}: {location}");
    }
}

#[tokio::test]
async fn confirming_a_named_clients_logout_redirects_to_its_post_logout_uri_with_state() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, _) = sign_in(&app, &client, "openid").await;
    let url = end_session_url(
        &app,
        &[
            ("client_id", client.id.as_str()),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
            ("state", "bye now"),
        ],
    );
    let page = assert_confirmation_page(browser.get(&url).await, "client_id without a hint").await;
    assert_alive(&app, &client, &browser, "shown the confirmation page").await;
    let resp = browser
        .post_form(
            "/end_session/confirm",
            &form_inputs(&page.html, "/end_session/confirm"),
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(
        header(&resp, "location"),
        format!("{POST_LOGOUT_URI}?state=bye+now")
    );
    let cb = prompt_none(&app, &client, &browser).await;
    assert_eq!(cb.param("error").as_deref(), Some("login_required"), "{}", cb.url);
}

/// Replaces the signature of `jwt` with one that is not ours (the header and claims stay).
fn with_a_forged_signature(jwt: &str) -> String {
    use base64::Engine;
    let (signed, _) = jwt.rsplit_once('.').unwrap();
    let fake = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 256]);
    format!("{signed}.{fake}")
}

/// A hint that does not prove the session's user may not end the session without asking.
#[tokio::test]
async fn a_hint_that_does_not_prove_the_user_asks_for_confirmation_and_logs_nobody_out() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let eve = app.create_user("eve@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, tokens) = sign_in(&app, &client, "openid").await;
    let eves_token = login_and_tokens(&app, &client, &app.browser(), &eve.email, "openid").await;
    for (what, hint) in [
        (
            "an ID token with a forged signature",
            with_a_forged_signature(str_of(&tokens, "id_token")),
        ),
        (
            "an access token of the user",
            str_of(&tokens, "access_token").to_owned(),
        ),
        (
            "an ID token of another user",
            str_of(&eves_token, "id_token").to_owned(),
        ),
    ] {
        let resp = browser
            .get(&end_session_url(&app, &[("id_token_hint", &hint)]))
            .await;
        assert_confirmation_page(resp, what).await;
        assert_alive(&app, &client, &browser, what).await;
    }
}

/// A hint may come with its own client's `client_id` (RP-Initiated Logout §2): the pair proves the
/// user as the hint alone does, and the browser goes straight to the post-logout URI.
#[tokio::test]
async fn a_hint_with_its_own_client_id_logs_out_at_once() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, tokens) = sign_in(&app, &client, "openid").await;
    let url = end_session_url(
        &app,
        &[
            ("id_token_hint", str_of(&tokens, "id_token")),
            ("client_id", client.id.as_str()),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
        ],
    );
    let resp = browser.get(&url).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), POST_LOGOUT_URI);
    let cb = prompt_none(&app, &client, &browser).await;
    assert_eq!(cb.param("error").as_deref(), Some("login_required"), "{}", cb.url);
}

/// With a valid hint and no session in this browser (it already signed out, or never signed in
/// here) there is nothing to confirm: the browser goes back to the client at once.
#[tokio::test]
async fn a_hint_without_a_session_in_the_browser_goes_back_to_the_client_without_asking() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, tokens) = sign_in(&app, &client, "openid").await;
    let elsewhere = app.browser();
    let url = end_session_url(
        &app,
        &[
            ("id_token_hint", str_of(&tokens, "id_token")),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
            ("state", "s"),
        ],
    );
    let resp = elsewhere.get(&url).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), format!("{POST_LOGOUT_URI}?state=s"));
    assert_alive(&app, &client, &browser, "the session of another browser").await;
}

/// A browser whose session already ended (its cookie outlived it) has nothing to sign out of:
/// no confirmation, straight back to the client.
#[tokio::test]
async fn a_browser_whose_session_already_ended_goes_back_to_the_client_without_asking() {
    let app = TestApp::spawn().await;
    app.create_user(EMAIL).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (browser, _, _) = sign_in(&app, &client, "openid").await;
    app.clock
        .advance(app.state.provider.config.session_idle_timeout + 1);
    let url = end_session_url(
        &app,
        &[
            ("client_id", client.id.as_str()),
            ("post_logout_redirect_uri", POST_LOGOUT_URI),
            ("state", "s"),
        ],
    );
    let resp = browser.get(&url).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(header(&resp, "location"), format!("{POST_LOGOUT_URI}?state=s"));
}
