//! The operator's brand: its name instead of "Portcullis" on every page and in mail, its logo,
//! favicon, colours and footer links, all served from our own origin.

use crate::support::*;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32"><rect width="120" height="32" fill="#0b6e4f"/></svg>"##;

async fn branded() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.svg");
    std::fs::write(&logo, LOGO).unwrap();
    let app = TestApp::spawn_with(|c| {
        c.brand_name = Some("Acme Cloud".into());
        c.brand_primary_color = Some("#0b6e4f".into());
        c.brand_logo_file = Some(logo.clone());
        c.brand_favicon_file = Some(logo.clone());
        c.brand_privacy_url = Some("https://acme.example/privacy".into());
        c.brand_support_url = Some("mailto:help@acme.example".into());
    })
    .await;
    (app, dir)
}

#[tokio::test]
async fn no_page_or_mail_says_portcullis_once_the_operator_names_the_product() {
    let (app, _dir) = branded().await;
    let user = app.create_user("brand@example.com").await;
    let browser = app.browser();
    let login = browser.page("/login").await;
    let pages = [
        login.html.clone(),
        browser.page("/register").await.html,
        browser.page("/forgot-password").await.html,
        browser.page("/login?interaction=nope").await.html,
        Page::from(
            app.http()
                .get(app.url("/no-such-page"))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap(),
        )
        .await
        .html,
    ];
    for html in &pages {
        assert!(!html.contains("Portcullis"), "{html}");
        assert!(html.contains("Acme Cloud"), "{html}");
        assert!(html.contains("src=\"/brand/logo?v="), "{html}");
        assert!(html.contains("rel=\"icon\" href=\"/brand/favicon?v="), "{html}");
        assert!(html.contains("href=\"/brand/theme.css?v="), "{html}");
        assert!(html.contains("href=\"https://acme.example/privacy\""), "{html}");
        assert!(html.contains("href=\"mailto:help@acme.example\""), "{html}");
    }
    assert!(
        login.html.contains("<title>Sign in · Acme Cloud</title>"),
        "{}",
        login.html
    );

    let forgot = browser.page("/forgot-password").await;
    let mut form = form_inputs(&forgot.html, "/forgot-password");
    form.extend([
        ("email".into(), user.email.clone()),
        ("channel".into(), "email".into()),
    ]);
    browser.post_form("/forgot-password", &form).await;
    let mail = app.mail(&user.email, "Reset your password").await;
    assert!(!mail.text.contains("Portcullis"), "{}", mail.text);
}

#[tokio::test]
async fn brand_files_come_from_our_origin_and_an_svg_runs_nothing() {
    let (app, _dir) = branded().await;
    let login = app.browser().page("/login").await;
    let path = |name: &str| {
        let start = login.html.find(&format!("/brand/{name}?v=")).unwrap();
        login.html[start..].split('"').next().unwrap().to_owned()
    };
    let logo = app.http().get(app.url(&path("logo"))).send().await.unwrap();
    assert_eq!(logo.status(), 200);
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    let csp = logo.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    assert_eq!(logo.headers()["x-content-type-options"], "nosniff");
    assert!(
        logo.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(logo.text().await.unwrap(), LOGO);

    let theme = app.http().get(app.url(&path("theme.css"))).send().await.unwrap();
    assert_eq!(theme.status(), 200);
    let css = theme.text().await.unwrap();
    assert!(css.contains("--accent: #0b6e4f"), "{css}");
    assert!(
        css.contains("prefers-color-scheme: dark"),
        "dark mode keeps its own accent: {css}"
    );

    let favicon = app.http().get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(favicon.status(), 200);
    let missing = app.http().get(app.url("/brand/custom.css")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn unbranded_pages_name_portcullis_and_load_no_theme() {
    let app = TestApp::spawn().await;
    let login = app.browser().page("/login").await;
    assert!(
        login.html.contains("<title>Sign in · Portcullis</title>"),
        "{}",
        login.html
    );
    assert!(!login.html.contains("/brand/"), "{}", login.html);
    let r = app.http().get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_client_logo_and_name_show_where_the_user_signs_in_and_consents() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let logo = portcullis::domain::ClientLogo::from_bytes(LOGO.as_bytes().to_vec()).unwrap();
    app.store()
        .clients()
        .set_client_logo(&client.id, &logo, "v1", 0, &app.entry("client.updated"))
        .await
        .unwrap();
    let mut c = app.store().clients().client(&client.id).await.unwrap().unwrap();
    assert_eq!(c.logo_version.as_deref(), Some("v1"));
    c.client_uri = Some("https://rp.example/".into());
    app.store()
        .clients()
        .update_client(&c, &app.entry("client.updated"))
        .await
        .unwrap();
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid email", &[]);
    let login = browser.page(&url).await;
    assert!(login.html.contains("to continue to Test RP"), "{}", login.html);
    assert!(
        login
            .html
            .contains(&format!("src=\"/clients/{}/logo?v=", client.id)),
        "{}",
        login.html
    );
    let user = app.create_user("logo@example.com").await;
    let consent = browser
        .expect_page(browser.submit_login(&login, &user.email, PASSWORD).await)
        .await;
    assert!(
        consent
            .html
            .contains(&format!("src=\"/clients/{}/logo?v=", client.id)),
        "{}",
        consent.html
    );
}
