//! Interactions: the pending authorization request a sign-in or consent page belongs to. Each
//! lives `interaction_ttl` by our clock, belongs to one tab, and finishes once.

use crate::support::*;

const EXPIRED: &str = "This sign-in link has expired";

/// The sign-in page of a fresh authorization request in `browser`.
async fn sign_in_page(app: &TestApp, client: &TestClient, browser: &Browser, state: &str) -> Page {
    let (url, _) = authorize_url(app, client, "openid", &[]);
    let page = browser.page(&with_param(&url, "state", state)).await;
    assert!(page.is_sign_in(), "{}", page.html);
    page
}

/// A refused form: the page that says the sign-in expired, and no session.
async fn assert_expired(resp: reqwest::Response, what: &str) {
    assert!(!sets_session_cookie(&resp), "{what}: a session was started");
    let page = Page::from(resp).await;
    assert_eq!(page.status, 400, "{what}: {}", page.html);
    assert!(page.html.contains(EXPIRED), "{what}: {}", page.html);
}

#[tokio::test]
async fn a_sign_in_page_lives_the_interaction_lifetime_by_our_clock() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    app.create_user("ada@example.com").await;
    let ttl = app.state.provider.config.interaction_ttl;
    let (in_time, too_late) = (app.browser(), app.browser());
    let open = sign_in_page(&app, &client, &in_time, "in-time").await;
    let stale = sign_in_page(&app, &client, &too_late, "too-late").await;

    app.clock.advance(ttl - 1);
    let resp = in_time.submit_login(&open, "ada@example.com", PASSWORD).await;
    let cb = in_time.expect_redirect(resp).await;
    assert_eq!(cb.param("state").as_deref(), Some("in-time"));
    assert!(cb.param("code").is_some(), "{}", cb.url);

    app.clock.advance(1);
    let resp = too_late.submit_login(&stale, "ada@example.com", PASSWORD).await;
    assert_expired(resp, "a sign-in after the interaction's lifetime").await;
}

#[tokio::test]
async fn two_tabs_sign_in_at_once_and_each_returns_to_its_own_request() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    app.create_user("ada@example.com").await;
    let browser = app.browser();
    let first = sign_in_page(&app, &client, &browser, "first-tab").await;
    let second = sign_in_page(&app, &client, &browser, "second-tab").await;

    for (page, state) in [(&second, "second-tab"), (&first, "first-tab")] {
        let resp = browser.submit_login(page, "ada@example.com", PASSWORD).await;
        let cb = browser.expect_redirect(resp).await;
        assert_eq!(cb.param("state").as_deref(), Some(state), "{}", cb.url);
        assert!(cb.param("code").is_some(), "{}", cb.url);
    }
}

#[tokio::test]
async fn a_finished_sign_in_cannot_be_submitted_again() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    app.create_user("ada@example.com").await;
    let browser = app.browser();
    let page = sign_in_page(&app, &client, &browser, "once").await;
    let resp = browser.submit_login(&page, "ada@example.com", PASSWORD).await;
    browser.expect_redirect(resp).await;

    let again = browser.submit_login(&page, "ada@example.com", PASSWORD).await;
    assert_expired(again, "the same sign-in form posted twice").await;
}

#[tokio::test]
async fn a_finished_consent_cannot_be_submitted_again() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::third_party()).await;
    app.create_user("ada@example.com").await;
    let browser = app.browser();
    let page = sign_in_page(&app, &client, &browser, "once").await;
    let resp = browser.submit_login(&page, "ada@example.com", PASSWORD).await;
    let consent = Page::from(browser.follow(resp).await.unwrap_err()).await;
    let resp = browser.submit_consent(&consent, "allow").await;
    let cb = browser.expect_redirect(resp).await;
    assert!(cb.param("code").is_some(), "{}", cb.url);

    let again = browser.submit_consent(&consent, "allow").await;
    assert_expired(again, "the same consent form posted twice").await;
}
