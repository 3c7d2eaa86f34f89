//! Pages that speak to people: a language picker that returns to the page, error pages with
//! the request id and a way on, form problems beside their fields.

use crate::support::*;

#[tokio::test]
async fn a_picked_language_is_remembered_and_the_picker_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let login = browser.page("/login").await;
    let here = form_inputs(&login.html, "/language")
        .into_iter()
        .find(|(n, _)| n == "return")
        .map(|(_, v)| v)
        .expect("the page offers a language picker");
    assert!(here.starts_with("/login?interaction="), "{here}");
    let resp = browser
        .get(&format!("/language?lang=de&return={}", urlencoding(&here)))
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], here.as_str());
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("portcullis_lang=de;"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let again = browser.page(&here).await;
    assert!(again.html.contains("<html lang=\"de\""), "{}", again.html);
    assert!(
        again
            .html
            .contains(&format!("<h1>{}</h1>", message("de", "login-title")))
    );

    // Only paths of this site: anything else goes to the account, never elsewhere.
    for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let resp = browser
            .get(&format!("/language?lang=fr&return={}", urlencoding(evil)))
            .await;
        assert_eq!(resp.status(), 303);
        assert_eq!(resp.headers()["location"], "/account", "{evil}");
    }
    // An unknown language changes nothing.
    let resp = browser.get("/language?lang=tlh&return=/login").await;
    assert!(resp.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn a_language_the_request_fixes_offers_no_picker() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid", &[("ui_locales", "fr")]);
    let login = browser.page(&url).await;
    assert!(login.html.contains("<html lang=\"fr\""), "{}", login.html);
    assert!(!login.html.contains("action=\"/language\""), "{}", login.html);
}

#[tokio::test]
async fn error_pages_give_the_request_id_and_a_way_on() {
    let app = TestApp::spawn().await;
    let resp = app.browser().get("/login?interaction=no-such-sign-in").await;
    let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    let page = Page::from(resp).await;
    assert_eq!(page.status, 400);
    assert!(page.html.contains(&format!("<code>{id}</code>")), "{}", page.html);
    assert!(page.html.contains(&english("error-request-id")), "{}", page.html);
    assert!(page.html.contains("href=\"/account\""), "{}", page.html);
}

#[tokio::test]
async fn every_problem_shows_beside_its_field_and_what_was_typed_stays_but_the_password() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let register = browser.page("/register").await;
    let mut form = form_inputs(&register.html, "/register");
    form.extend([
        ("email".into(), "not-an-address".into()),
        ("password".into(), "short".into()),
        ("password_confirm".into(), "different".into()),
        ("name".into(), "Grace".into()),
    ]);
    let page = Page::from(browser.post_form("/register", &form).await).await;
    assert_eq!(page.status, 400, "{}", page.html);
    for (field, problem) in [
        ("email", "problem-email-invalid"),
        ("password_confirm", "problem-passwords-differ"),
    ] {
        let input = page
            .html
            .split("<input")
            .find(|t| t.contains(&format!("id=\"{field}\"")))
            .unwrap();
        assert!(input.contains("aria-invalid=\"true\""), "{input}");
        assert!(input.contains(&format!("{field}-problem")), "{input}");
        let beside = format!("id=\"{field}-problem\">{}", english(problem));
        assert!(page.html.contains(&beside), "{beside}: {}", page.html);
    }
    assert!(page.html.contains("value=\"not-an-address\""));
    assert!(page.html.contains("value=\"Grace\""));
    assert!(!page.html.contains("value=\"short\"") && !page.html.contains("value=\"different\""));
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
