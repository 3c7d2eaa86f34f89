//! The pages' language: `ui_locales` (OIDC Core §3.1.2.1), then the language picked on a page
//! (cookie), then `Accept-Language`, then the default; `lang` and `dir` on every page; the
//! operator's message overrides.

use std::sync::Arc;

use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, HeaderValue};

use crate::support::*;

/// A browser that sends `headers` with every request, and `cookie` (`name=value`) to `app`.
fn browser_with(headers: &[(reqwest::header::HeaderName, &str)]) -> reqwest::Client {
    browser_with_cookie(headers, None)
}

fn browser_with_cookie(
    headers: &[(reqwest::header::HeaderName, &str)],
    cookie: Option<(&TestApp, &str)>,
) -> reqwest::Client {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
    }
    let jar = Arc::new(reqwest::cookie::Jar::default());
    if let Some((app, cookie)) = cookie {
        jar.add_cookie_str(cookie, &app.url("/").parse().unwrap());
    }
    reqwest::Client::builder()
        .cookie_provider(jar)
        .default_headers(map)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Opens `url`, following our own redirects, and returns the page's HTML.
async fn page(app: &TestApp, http: &reqwest::Client, url: &str) -> String {
    let mut resp = http.get(url).send().await.unwrap();
    while let Some(location) = resp
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .filter(|l| l.starts_with('/'))
        .map(str::to_owned)
    {
        resp = http.get(app.url(&location)).send().await.unwrap();
    }
    resp.text().await.unwrap()
}

fn login_heading(tag: &str) -> String {
    format!("<h1>{}</h1>", message(tag, "login-title"))
}

#[tokio::test]
async fn discovery_lists_every_shipped_language() {
    let app = TestApp::spawn().await;
    assert_eq!(
        crate::discovery::discovery(&app).await["ui_locales_supported"],
        serde_json::json!(["en", "de", "fr", "es", "pt-BR", "ar"])
    );
}

#[tokio::test]
async fn ui_locales_win_over_the_picked_language_and_accept_language() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let http = browser_with_cookie(
        &[(ACCEPT_LANGUAGE, "fr-CA,fr;q=0.9")],
        Some((&app, "portcullis_lang=es")),
    );
    // The first supported tag of the list wins (Klingon is not shipped).
    let (url, _) = authorize_url(&app, &client, "openid", &[("ui_locales", "tlh de-AT es")]);
    let html = page(&app, &http, &url).await;
    assert!(html.contains("<html lang=\"de\" dir=\"ltr\">"), "{html}");
    assert!(html.contains(&login_heading("de")), "{html}");

    // Without ui_locales, the picked language; without it, Accept-Language; else the default.
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let html = page(&app, &http, &url).await;
    assert!(html.contains("<html lang=\"es\""), "{html}");
    let html = page(&app, &browser_with(&[(ACCEPT_LANGUAGE, "ja, pt;q=0.5")]), &url).await;
    assert!(html.contains("<html lang=\"pt-BR\""), "{html}");
    assert!(html.contains(&login_heading("pt-BR")), "{html}");
    let html = page(&app, &browser_with(&[]), &url).await;
    assert!(html.contains("<html lang=\"en\""), "{html}");
}

#[tokio::test]
async fn arabic_pages_are_right_to_left() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("ui_locales", "ar")]);
    let html = page(&app, &browser_with(&[]), &url).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains(&login_heading("ar")), "{html}");
}

#[tokio::test]
async fn error_pages_speak_the_browsers_language() {
    let app = TestApp::spawn().await;
    let http = browser_with(&[(ACCEPT_LANGUAGE, "de")]);
    // No client_id: an error page, never a redirect.
    let html = page(&app, &http, &app.url("/authorize?response_type=code")).await;
    assert!(html.contains("<html lang=\"de\""), "{html}");
    assert!(
        html.contains(&format!("<h1>{}</h1>", message("de", "error-authorize-title"))),
        "{html}"
    );
}

#[tokio::test]
async fn the_default_language_and_an_operators_override_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fr.ftl"), "login-title = Connexion à Acme\n").unwrap();
    let path = dir.path().to_owned();
    let app = TestApp::spawn_with(|c| {
        c.default_locale = Some("fr".into());
        c.messages_dir = Some(path);
    })
    .await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[]);
    let html = page(&app, &browser_with(&[]), &url).await;
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("<h1>Connexion à Acme</h1>"), "{html}");
    // The rest of the page keeps the shipped French.
    assert!(html.contains(&message("fr", "field-password")), "{html}");
}

/// Browsers get pages for unknown paths and wrong methods, in their language; API clients JSON.
#[tokio::test]
async fn browsers_get_404_and_405_pages_and_api_clients_json() {
    let app = TestApp::spawn().await;
    let browser = browser_with(&[
        (
            reqwest::header::ACCEPT,
            "text/html,application/xhtml+xml,*/*;q=0.8",
        ),
        (ACCEPT_LANGUAGE, "es"),
    ]);
    let resp = browser.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(resp.status(), 404);
    assert!(header(&resp, "content-type").starts_with("text/html"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\""), "{html}");
    assert!(html.contains(&message("es", "not-found-title")), "{html}");
    assert!(html.contains("href=\"/account\""), "{html}");

    let resp = browser.delete(app.url("/login")).send().await.unwrap();
    assert_eq!(resp.status(), 405);
    // RFC 9110 §15.5.6: a 405 names the methods the resource answers.
    assert!(header(&resp, "allow").contains("GET"), "{:?}", resp.headers());
    let html = resp.text().await.unwrap();
    assert!(
        html.contains(&message("es", "method-not-allowed-title")),
        "{html}"
    );

    let api = app.http();
    let resp = api.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(resp.status(), 404);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    let resp = api.delete(app.url("/token")).send().await.unwrap();
    assert_eq!(resp.status(), 405);
    assert!(header(&resp, "allow").contains("POST"), "{:?}", resp.headers());
}

/// Mail speaks the language the user last saw the pages in, wherever the mail is asked for.
#[tokio::test]
async fn mail_follows_the_language_of_the_last_sign_in() {
    let app = TestApp::spawn().await;
    let user = app.create_user("lang@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &client, "openid", &[("ui_locales", "de")]);
    app.browser().authorize(&url, &user.email).await;
    let stored = app.store().users().user_by_id(&user.id).await.unwrap().unwrap();
    assert_eq!(stored.locale.as_deref(), Some("de"));

    // Asked for from an English page, the reset mail is German.
    let b = app.browser();
    let page = b.page("/forgot-password").await;
    let mut form = form_inputs(&page.html, "/forgot-password");
    form.extend([
        ("email".into(), user.email.clone()),
        ("channel".into(), "email".into()),
    ]);
    assert_eq!(b.post_form("/forgot-password", &form).await.status(), 200);
    let mail = app.mail(&user.email, "").await;
    assert!(
        mail.text.contains(&message("de", "mail-reset-action")),
        "{}",
        mail.text
    );
}

/// zxcvbn's advice on a guessable password is said in the page's language, after the problem,
/// on the page and in the live check behind the form's script.
#[tokio::test]
async fn password_advice_speaks_the_pages_language() {
    let app = TestApp::spawn().await;
    let http = browser_with(&[(ACCEPT_LANGUAGE, "de")]);
    let html = page(&app, &http, &app.url("/register")).await;
    assert!(html.contains("<html lang=\"de\""), "{html}");
    let mut form = form_inputs(&html, "/register");
    form.extend([
        ("email".into(), "grace.hopper@example.com".into()),
        ("password".into(), "password123".into()),
        ("password_confirm".into(), "password123".into()),
        ("name".into(), "Grace Hopper".into()),
    ]);
    let resp = http.post(app.url("/register")).form(&form).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    let html = resp.text().await.unwrap();
    let said = [
        "policy-guessable",
        "advice-common-password",
        "advice-add-another-word",
    ]
    .map(|id| message("de", id))
    .join(" ");
    assert!(html.contains(&said), "{html}");
    assert!(!html.contains(&english("advice-add-another-word")), "{html}");

    let live: serde_json::Value = http
        .post(app.url("/register/check-password"))
        .form(&[
            ("password", "password123"),
            ("email", "grace.hopper@example.com"),
            ("name", "Grace Hopper"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(live["problems"], serde_json::json!([said]));
}
