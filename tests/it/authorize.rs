//! Authorization endpoint: errors are a page until the client and redirect_uri are proven, then
//! redirected with error, error_description, state and iss.

use portcullis::domain::TokenEndpointAuthMethod;

use crate::support::*;

#[tokio::test]
async fn unknown_redirect_uri_is_an_error_page_never_a_redirect() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = url.replace("127.0.0.1%3A9%2Fcb", "evil.example%2Fcb");
    let resp = app.browser().get(&url).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(resp.text().await.unwrap().contains("redirect_uri"));
}

#[tokio::test]
async fn unsupported_response_type_is_redirected_with_state_and_iss() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = url.replace("response_type=code", "response_type=token");
    let cb = app
        .browser()
        .follow(app.browser().get(&url).await)
        .await
        .expect("a redirect");
    assert_eq!(cb.param("error").as_deref(), Some("unsupported_response_type"));
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
}

/// Opens `url` in a fresh browser and expects an error redirect to the client carrying
/// `error`, the request's state and the issuer.
async fn expect_error_redirect(app: &TestApp, url: &str, error: &str) -> Callback {
    let cb = app.browser().redirect(url).await;
    assert_eq!(
        cb.url.as_str().split(['?', '#']).next(),
        Some(REDIRECT_URI),
        "{}",
        cb.url
    );
    assert_eq!(cb.param("error").as_deref(), Some(error), "{}", cb.url);
    assert!(cb.param("code").is_none(), "{}", cb.url);
    assert_eq!(
        cb.param("iss"),
        Some(app.base.clone()),
        "RFC 9207 iss: {}",
        cb.url
    );
    cb
}

async fn expect_error_redirect_with_state(app: &TestApp, url: &str, error: &str) {
    let cb = expect_error_redirect(app, url, error).await;
    assert_eq!(cb.param("state").as_deref(), Some("xyz"), "{}", cb.url);
}

/// Expects an error page: 400, no Location, nothing sent to the client.
async fn expect_error_page(app: &TestApp, url: &str) -> String {
    let resp = app.browser().get(url).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(header(&resp, "content-type").starts_with("text/html"));
    resp.text().await.unwrap()
}

/// Logs `email` in through `client` in `browser` (an SSO session afterwards).
async fn sign_in(app: &TestApp, client: &TestClient, browser: &Browser, email: &str) -> Callback {
    let (url, _) = authorize_url(app, client, "openid", &[]);
    let cb = browser.authorize(&url, email).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);
    cb
}

#[tokio::test]
async fn unknown_client_id_is_an_error_page_never_a_redirect() {
    let app = TestApp::spawn().await;
    let (url, _) = authorize_url(&app, &unknown_client(), "openid", &[]);
    let html = expect_error_page(&app, &url).await;
    assert!(html.contains("invalid_client"), "{html}");
}

#[tokio::test]
async fn missing_client_id_is_an_error_page() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let html = expect_error_page(&app, &without_param(&url, "client_id")).await;
    assert!(html.contains("invalid_request"), "{html}");
}

#[tokio::test]
async fn duplicate_client_id_is_an_error_page() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("client_id", client.id.as_str())]);
    let html = expect_error_page(&app, &url).await;
    assert!(html.contains("invalid_request"), "{html}");
}

#[tokio::test]
async fn missing_response_type_is_redirected_as_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    expect_error_redirect_with_state(&app, &without_param(&url, "response_type"), "invalid_request").await;
}

#[tokio::test]
async fn scope_not_registered_for_the_client_is_invalid_scope() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client(ClientSpec {
            scope: "openid email",
            ..Default::default()
        })
        .await;
    let (url, _) = authorize_url(&app, &client, "openid phone", &[]);
    expect_error_redirect_with_state(&app, &url, "invalid_scope").await;
}

#[tokio::test]
async fn plain_code_challenge_method_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = with_param(&url, "code_challenge_method", "plain");
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn public_client_without_code_challenge_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app
        .create_client(ClientSpec {
            auth_method: TokenEndpointAuthMethod::None,
            ..Default::default()
        })
        .await;
    assert!(client.secret.is_none());
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = without_param(&without_param(&url, "code_challenge"), "code_challenge_method");
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn require_pkce_refuses_a_confidential_client_without_pkce() {
    // Control: by default a confidential client may leave PKCE out (it is sent to log in).
    let lax = TestApp::spawn().await;
    let client = lax.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&lax, &client, "openid", &[]);
    let url = without_param(&without_param(&url, "code_challenge"), "code_challenge_method");
    assert!(lax.browser().page(&url).await.is_login_form());

    let app = TestApp::spawn_with(|c| c.require_pkce = Some(true)).await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let url = without_param(&without_param(&url, "code_challenge"), "code_challenge_method");
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn prompt_none_without_a_session_is_login_required() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "none")]);
    expect_error_redirect_with_state(&app, &url, "login_required").await;
}

#[tokio::test]
async fn prompt_none_for_a_third_party_client_not_yet_consented_is_consent_required() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let first = app.create_client(ClientSpec::default()).await;
    let third = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    sign_in(&app, &first, &browser, &user.email).await;
    let (url, _) = authorize_url(&app, &third, "openid", &[("prompt", "none")]);
    let cb = browser.redirect(&url).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("consent_required"),
        "{}",
        cb.url
    );
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
    assert!(cb.param("code").is_none());
}

#[tokio::test]
async fn prompt_none_combined_with_login_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "none login")]);
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn non_numeric_max_age_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("max_age", "abc")]);
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn request_object_is_request_not_supported() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(
        &app,
        &client,
        "openid",
        &[("request", "eyJhbGciOiJub25lIn0.e30.")],
    );
    expect_error_redirect_with_state(&app, &url, "request_not_supported").await;
}

#[tokio::test]
async fn repeated_state_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("state", "other")]);
    let cb = expect_error_redirect(&app, &url, "invalid_request").await;
    // Neither value may be echoed as if it were the request's state.
    assert!(
        !matches!(cb.param("state").as_deref(), Some("xyz") | Some("other")),
        "{}",
        cb.url
    );
}

#[tokio::test]
async fn response_mode_fragment_puts_the_response_in_the_fragment() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("response_mode", "fragment")]);
    let cb = app.browser().authorize(&url, &user.email).await;
    assert!(cb.url.query().is_none(), "nothing in the query: {}", cb.url);
    let frag: Vec<(String, String)> =
        url::form_urlencoded::parse(cb.url.fragment().expect("a fragment").as_bytes())
            .into_owned()
            .collect();
    let get = |k: &str| frag.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert!(get("code").is_some_and(|c| !c.is_empty()), "{}", cb.url);
    assert_eq!(get("state").as_deref(), Some("xyz"));
    assert_eq!(get("iss"), Some(app.base.clone()));
}

#[tokio::test]
async fn response_mode_form_post_returns_an_auto_submitting_form() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("response_mode", "form_post")]);
    let login = browser.page(&url).await;
    let resp = browser.submit_login(&login, &user.email, PASSWORD).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers().get("location").is_none());
    let page = Page::from(resp).await;
    assert!(page.header("content-type").starts_with("text/html"));

    assert_eq!(tag_attr(&page.html, "<form", "method").as_deref(), Some("post"));
    assert_eq!(
        tag_attr(&page.html, "<form", "action").as_deref(),
        Some(REDIRECT_URI)
    );
    let inputs = hidden_inputs(&page.html);
    let get = |k: &str| inputs.iter().find(|(n, _)| n == k).map(|(_, v)| html_unescape(v));
    let code = get("code").expect("a hidden code input");
    assert_eq!(get("state").as_deref(), Some("xyz"));
    assert_eq!(get("iss"), Some(app.base.clone()));
    assert!(page.html.contains("<noscript>"), "{}", page.html);
    let form = page
        .html
        .split("<form")
        .nth(1)
        .unwrap()
        .split("</form>")
        .next()
        .unwrap();
    assert!(
        form.contains("<button type=\"submit\""),
        "a button for browsers without JavaScript"
    );

    let csp = page.header("content-security-policy");
    assert!(!csp.is_empty());
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let form_action = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("form-action"))
        .unwrap_or_else(|| panic!("no form-action: {csp}"));
    assert!(
        form_action.split(' ').any(|s| s == "http://127.0.0.1:9"),
        "form-action must allow the client origin: {csp}"
    );

    let resp = exchange_code(&app, &client, &code, &verifier).await;
    assert_eq!(resp.status(), 200, "the form_post code is a real code");
}

#[tokio::test]
async fn unknown_extra_parameters_are_ignored() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, verifier) = authorize_url(
        &app,
        &client,
        "openid",
        &[("foo", "bar"), ("x-custom", "1"), ("display_mode", "weird")],
    );
    let cb = app.browser().authorize(&url, &user.email).await;
    assert!(cb.param("error").is_none(), "{}", cb.url);
    let code = cb.param("code").expect("a code");
    assert_eq!(exchange_code(&app, &client, &code, &verifier).await.status(), 200);
}

#[tokio::test]
async fn login_hint_prefills_the_username() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("login_hint", "ada@example.com")]);
    let page = app.browser().page(&url).await;
    assert!(page.is_login_form());
    assert_eq!(
        tag_attr(&page.html, "<input id=\"username\"", "value").as_deref(),
        Some("ada@example.com"),
        "{}",
        page.html
    );
}

#[tokio::test]
async fn prompt_login_with_a_live_session_shows_the_login_form_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    sign_in(&app, &client, &browser, &user.email).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("prompt", "login")]);
    let page = browser.page(&url).await;
    assert_eq!(page.status, 200);
    assert!(page.is_login_form(), "{}", page.html);
}

#[tokio::test]
async fn max_age_zero_with_a_live_session_shows_the_login_form_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    sign_in(&app, &client, &browser, &user.email).await;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("max_age", "0")]);
    let resp = browser.get(&url).await;
    let page = match browser.follow(resp).await {
        Ok(cb) => panic!(
            "max_age=0 must re-authenticate (OIDC Core §3.1.2.1), got {}",
            cb.url
        ),
        Err(resp) => Page::from(resp).await,
    };
    assert!(page.is_login_form(), "{}", page.html);
    let cb = browser
        .expect_redirect(browser.submit_login(&page, &user.email, PASSWORD).await)
        .await;
    let resp = exchange_code(&app, &client, &cb.param("code").unwrap(), &verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    let claims = app.claims(tokens["id_token"].as_str().unwrap()).await;
    assert!(
        claims["auth_time"].is_i64(),
        "max_age requires auth_time: {claims}"
    );
}

#[tokio::test]
async fn a_second_client_in_the_same_browser_gets_single_sign_on() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let a = app.create_client(ClientSpec::default()).await;
    let b = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    sign_in(&app, &a, &browser, &user.email).await;

    let (url, verifier) = authorize_url(&app, &b, "openid", &[]);
    let cb = browser.redirect(&url).await; // no page: no password asked
    let code = cb.param("code").expect("a code without logging in again");
    let resp = exchange_code(&app, &b, &code, &verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        app.claims(tokens["id_token"].as_str().unwrap()).await["sub"],
        user.id
    );

    let cb = prompt_none(&app, &b, &browser).await;
    assert!(cb.param("error").is_none(), "{}", cb.url);
    assert!(cb.param("code").is_some());
}

/// Logs in through a third-party client's authorization request and returns the consent page
/// it leads to, with the PKCE verifier.
async fn consent_page(
    app: &TestApp,
    browser: &Browser,
    client: &TestClient,
    email: &str,
    scope: &str,
) -> (Page, String) {
    let (url, verifier) = authorize_url(app, client, scope, &[]);
    let login = browser.page(&url).await;
    let resp = browser.submit_login(&login, email, PASSWORD).await;
    match browser.follow(resp).await {
        Ok(cb) => panic!("a third-party client needs consent, got {}", cb.url),
        Err(r) => (Page::from(r).await, verifier),
    }
}

#[tokio::test]
async fn third_party_client_asks_consent_once() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let (consent, verifier) = consent_page(&app, &browser, &client, &user.email, "openid email").await;
    assert_eq!(consent.status, 200);
    let allow = consent
        .html
        .find("name=\"decision\" value=\"allow\"")
        .expect("an allow button");
    let deny = consent
        .html
        .find("name=\"decision\" value=\"deny\"")
        .expect("a deny button");
    assert!(allow < deny, "allow comes first");
    let cb = browser
        .expect_redirect(browser.submit_consent(&consent, "allow").await)
        .await;
    let code = cb.param("code").expect("a code after consent");
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(exchange_code(&app, &client, &code, &verifier).await.status(), 200);

    // The second time the consent is remembered.
    let (url, _) = authorize_url(&app, &client, "openid email", &[]);
    let cb = browser.redirect(&url).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);
}

#[tokio::test]
async fn claims_parameter_adds_claims_to_the_id_token_and_userinfo() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let claims = r#"{"id_token":{"email":null},"userinfo":{"name":null}}"#;
    let (url, verifier) = authorize_url(&app, &client, "openid", &[("claims", claims)]);
    let cb = app.browser().authorize(&url, &user.email).await;
    let resp = exchange_code(&app, &client, &cb.param("code").unwrap(), &verifier).await;
    assert_eq!(resp.status(), 200);
    let tokens: serde_json::Value = resp.json().await.unwrap();
    let id = app.claims(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(id["email"], "ada@example.com", "{id}");

    let resp = userinfo(&app, tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(resp.status(), 200);
    let info: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(info["sub"], user.id);
    assert_eq!(info["name"], "Ada Lovelace", "{info}");
}

#[tokio::test]
async fn invalid_claims_json_is_invalid_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("claims", "{not json")]);
    expect_error_redirect_with_state(&app, &url, "invalid_request").await;
}

#[tokio::test]
async fn id_token_hint_of_another_user_with_prompt_none_is_login_required() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let bob = app.create_user("bob@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let tokens = login_and_tokens(&app, &client, &app.browser(), &ada.email, "openid").await;
    let ada_hint = tokens["id_token"].as_str().unwrap().to_owned();

    let bobs_browser = app.browser();
    sign_in(&app, &client, &bobs_browser, &bob.email).await;
    let (url, _) = authorize_url(
        &app,
        &client,
        "openid",
        &[("prompt", "none"), ("id_token_hint", ada_hint.as_str())],
    );
    let cb = bobs_browser.redirect(&url).await;
    assert_eq!(cb.param("error").as_deref(), Some("login_required"), "{}", cb.url);
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
    assert!(cb.param("code").is_none());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer_and_no_session() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let login = browser.page(&url).await;

    let wrong_password = browser
        .submit_login(&login, &user.email, "not the password")
        .await;
    assert!(!sets_session_cookie(&wrong_password));
    let wrong_password = Page::from(wrong_password).await;
    let unknown_user = browser.submit_login(&login, "nobody@example.com", PASSWORD).await;
    assert!(!sets_session_cookie(&unknown_user));
    let unknown_user = Page::from(unknown_user).await;

    assert_eq!(wrong_password.status, 401);
    assert_eq!(unknown_user.status, 401);
    let message = english(portcullis::login_ui::login::INVALID_CREDENTIALS);
    let alert = |p: &Page| {
        p.html
            .split("role=\"alert\"")
            .nth(1)
            .and_then(|r| r.split_once('>'))
            .and_then(|(_, r)| r.split("</div>").next())
            .map(|t| html_unescape(strip_tags(t).trim()))
    };
    assert_eq!(
        alert(&wrong_password).as_deref(),
        Some(message.as_str()),
        "{}",
        wrong_password.html
    );
    assert_eq!(
        alert(&unknown_user).as_deref(),
        Some(message.as_str()),
        "{}",
        unknown_user.html
    );
    assert!(wrong_password.is_login_form() && unknown_user.is_login_form());

    let cb = prompt_none(&app, &client, &browser).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "no session was created"
    );
}

#[tokio::test]
async fn login_post_with_a_wrong_csrf_is_refused_and_creates_no_session() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let login = browser.page(&url).await;
    let mut form: Vec<(String, String)> = form_inputs(&login.html, "/login")
        .into_iter()
        .map(|(k, v)| if k == "csrf" { (k, "forged".into()) } else { (k, v) })
        .collect();
    assert!(form.iter().any(|(k, _)| k == "csrf"));
    form.push(("username".into(), user.email.clone()));
    form.push(("password".into(), PASSWORD.into()));
    let resp = browser.post_form("/login", &form).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(!sets_session_cookie(&resp));

    let cb = prompt_none(&app, &client, &browser).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("login_required"),
        "no session was created"
    );
}

#[tokio::test]
async fn login_page_is_accessible_and_locked_down() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let page = app.browser().page(&url).await;
    assert_eq!(page.status, 200);
    assert!(page.is_login_form());
    let html = &page.html;
    assert!(html.contains("<html lang=\""), "{html}");
    for input in ["username", "password"] {
        assert!(
            html.contains(&format!("<label for=\"{input}\"")),
            "label for {input}"
        );
        assert!(html.contains(&format!("id=\"{input}\"")), "input with id {input}");
    }
    let csp = page.header("content-security-policy");
    assert!(!csp.is_empty());
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!page.header("referrer-policy").is_empty());
    assert!(
        ["DENY", "SAMEORIGIN"].contains(&page.header("x-frame-options").to_uppercase().as_str()),
        "X-Frame-Options: {}",
        page.header("x-frame-options")
    );
}

#[tokio::test]
async fn an_interaction_cannot_be_resumed_from_another_browser() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let resp = app.browser().get(&url).await;
    assert_eq!(resp.status(), 303);
    let login_path = header(&resp, "location");
    assert!(login_path.contains("/login?interaction="), "{login_path}");

    let other = app.browser();
    let resp = other.get(&login_path).await;
    assert_eq!(resp.status(), 400);
    let html = resp.text().await.unwrap();
    assert!(!html.contains("name=\"password\""), "{html}");
}

/// The text of an HTML fragment.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
