//! Consent: a third-party client asks the user once for each scope, and the answer is remembered
//! per user and per client; first-party clients never ask.

use std::collections::BTreeSet;

use crate::support::*;

const PROFILE: &str = "See your name and profile details";

/// Where an authorization request ends in `browser`: the redirect to the client, or a page.
async fn open(browser: &Browser, url: &str) -> Result<Callback, Page> {
    match browser.follow(browser.get(url).await).await {
        Ok(cb) => Ok(cb),
        Err(resp) => Err(Page::from(resp).await),
    }
}

/// Opens an authorization request of `client` for `scope` (with `extra` parameters), signs in as
/// `email` when asked, and returns the consent page it must end on.
async fn consent_page(
    app: &TestApp,
    browser: &Browser,
    client: &TestClient,
    email: &str,
    scope: &str,
    extra: &[(&str, &str)],
) -> Page {
    let (url, _) = authorize_url(app, client, scope, extra);
    let mut page = match open(browser, &url).await {
        Ok(cb) => panic!("{scope} {extra:?}: expected the consent page, got {}", cb.url),
        Err(page) => page,
    };
    if page.is_sign_in() {
        let resp = browser.submit_login(&page, email, PASSWORD).await;
        page = match browser.follow(resp).await {
            Ok(cb) => panic!(
                "{scope} {extra:?}: expected the consent page after sign-in, got {}",
                cb.url
            ),
            Err(resp) => Page::from(resp).await,
        };
    }
    assert_eq!(page.status, 200, "{scope} {extra:?}: {}", page.html);
    assert!(
        page.is_consent(),
        "{scope} {extra:?}: not the consent page: {}",
        page.html
    );
    page
}

/// Allows on `page`; returns the redirect to the client, which must carry a code.
async fn allow(browser: &Browser, page: &Page) -> Callback {
    let cb = browser
        .expect_redirect(browser.submit_consent(page, "allow").await)
        .await;
    assert!(cb.param("code").is_some(), "a code after allowing: {}", cb.url);
    cb
}

/// Signs in as `email` and allows `client` the `scope`.
async fn consent_to(app: &TestApp, browser: &Browser, client: &TestClient, email: &str, scope: &str) {
    let page = consent_page(app, browser, client, email, scope, &[]).await;
    allow(browser, &page).await;
}

/// Asserts that the request for `scope` (with `extra`) gets a code without any page.
async fn answered_without_asking(
    app: &TestApp,
    browser: &Browser,
    client: &TestClient,
    scope: &str,
    extra: &[(&str, &str)],
) {
    let (url, _) = authorize_url(app, client, scope, extra);
    match open(browser, &url).await {
        Ok(cb) => {
            assert!(cb.param("code").is_some(), "{scope} {extra:?}: {}", cb.url);
            assert_eq!(cb.param("state").as_deref(), Some("xyz"));
        }
        Err(page) => panic!(
            "{scope} {extra:?}: expected a code without asking, got a page ({}): {}",
            page.status, page.html
        ),
    }
}

/// The scopes the user has granted the client, if any.
async fn granted(app: &TestApp, user_id: &str, client: &TestClient) -> Option<BTreeSet<String>> {
    app.store()
        .consents()
        .consented_scope(user_id, &client.id)
        .await
        .unwrap()
        .map(|s| s.iter().map(str::to_owned).collect())
}

fn set(scope: &str) -> Option<BTreeSet<String>> {
    Some(scope.split(' ').map(str::to_owned).collect())
}

#[tokio::test]
async fn a_granted_scope_is_not_asked_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &client, &user.email, "openid email").await;
    assert_eq!(
        granted(&app, &user.id, &client).await,
        set("openid email"),
        "the consent is stored"
    );
    answered_without_asking(&app, &browser, &client, "openid email", &[]).await;
}

#[tokio::test]
async fn a_wider_scope_asks_again_for_it_and_then_covers_every_scope_granted() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let first = consent_page(&app, &browser, &client, &user.email, "openid email", &[]).await;
    assert!(
        !first.html.contains(PROFILE),
        "profile was not requested: {}",
        first.html
    );
    allow(&browser, &first).await;

    let wider = consent_page(&app, &browser, &client, &user.email, "openid email profile", &[]).await;
    assert!(
        wider.html.contains(PROFILE),
        "the new scope is listed: {}",
        wider.html
    );
    allow(&browser, &wider).await;
    assert_eq!(
        granted(&app, &user.id, &client).await,
        set("email openid profile"),
        "the consent covers every scope granted so far"
    );

    for narrower in ["openid profile", "openid email", "openid"] {
        answered_without_asking(&app, &browser, &client, narrower, &[]).await;
    }
}

#[tokio::test]
async fn consents_to_different_scopes_add_up() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &client, &user.email, "openid email").await;
    // Not a superset of what was granted, but it adds profile: asked, and added to the grant.
    consent_to(&app, &browser, &client, &user.email, "openid profile").await;
    assert_eq!(
        granted(&app, &user.id, &client).await,
        set("email openid profile"),
        "the consent covers every scope granted so far"
    );
    answered_without_asking(&app, &browser, &client, "openid email profile", &[]).await;
}

#[tokio::test]
async fn prompt_consent_asks_even_for_a_granted_scope() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &client, &user.email, "openid email").await;
    let again = consent_page(
        &app,
        &browser,
        &client,
        &user.email,
        "openid email",
        &[("prompt", "consent")],
    )
    .await;
    let cb = allow(&browser, &again).await;
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
}

#[tokio::test]
async fn consent_is_per_user() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let bob = app.create_user("bob@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    consent_to(&app, &app.browser(), &client, &ada.email, "openid email").await;

    let bobs_browser = app.browser();
    consent_page(&app, &bobs_browser, &client, &bob.email, "openid email", &[]).await;
    assert_eq!(granted(&app, &bob.id, &client).await, None, "bob granted nothing");
}

#[tokio::test]
async fn consent_is_per_client() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let first = app.create_client(ClientSpec::third_party()).await;
    let second = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &first, &user.email, "openid email").await;

    // Signed in already: the second client's request goes straight to its consent page.
    let (url, _) = authorize_url(&app, &second, "openid email", &[]);
    match open(&browser, &url).await {
        Ok(cb) => panic!("another client must ask for consent, got {}", cb.url),
        Err(page) => assert!(page.is_consent(), "{}", page.html),
    }
    assert_eq!(
        granted(&app, &user.id, &second).await,
        None,
        "nothing granted to the second client"
    );
}

#[tokio::test]
async fn a_consent_removed_on_the_account_page_is_asked_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &client, &user.email, "openid email").await;

    let apps = browser.page("/account/apps").await;
    let form = form_inputs(&apps.html, "/account/apps/revoke");
    let done = Page::from(browser.post_form("/account/apps/revoke", &form).await).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Access removed"), "{}", done.html);
    assert_eq!(
        granted(&app, &user.id, &client).await,
        None,
        "the consent is gone"
    );

    consent_page(&app, &browser, &client, &user.email, "openid email", &[]).await;
}

/// The consent form of a request nobody has signed in to yet is refused: consent is a signed-in
/// user's answer, and the interaction has no user to give it for.
#[tokio::test]
async fn consent_posted_before_signing_in_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid email", &[]);
    let login = match open(&browser, &url).await {
        Ok(cb) => panic!("expected the sign-in page, got {}", cb.url),
        Err(page) => page,
    };
    assert!(login.is_sign_in(), "{}", login.html);
    let mut form = form_inputs(&login.html, "/login");
    form.push(("decision".into(), "allow".into()));
    let resp = browser.post_form("/consent", &form).await;
    assert_eq!(header(&resp, "location"), "", "no redirect to the client");
    let page = Page::from(resp).await;
    assert_eq!(page.status, 400, "{}", page.html);
    assert!(page.html.contains("not logged in"), "{}", page.html);
    assert_eq!(granted(&app, &user.id, &client).await, None);

    // The sign-in goes on, and asks for the consent the early form did not give.
    let resp = browser.submit_login(&login, &user.email, PASSWORD).await;
    let page = Page::from(browser.follow(resp).await.unwrap_err()).await;
    assert!(page.is_consent(), "{}", page.html);
}

#[tokio::test]
async fn prompt_none_with_a_scope_wider_than_granted_is_consent_required() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    consent_to(&app, &browser, &client, &user.email, "openid email").await;
    answered_without_asking(&app, &browser, &client, "openid email", &[("prompt", "none")]).await;

    let (url, _) = authorize_url(&app, &client, "openid email profile", &[("prompt", "none")]);
    let cb = browser.redirect(&url).await;
    assert_eq!(
        cb.param("error").as_deref(),
        Some("consent_required"),
        "{}",
        cb.url
    );
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
    assert!(cb.param("code").is_none(), "{}", cb.url);
    assert_eq!(
        granted(&app, &user.id, &client).await,
        set("email openid"),
        "the refused request changed the consent"
    );
}

#[tokio::test]
async fn denying_stores_no_consent_and_the_next_request_asks_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::third_party()).await;
    let browser = app.browser();
    let page = consent_page(&app, &browser, &client, &user.email, "openid email", &[]).await;
    let cb = browser
        .expect_redirect(browser.submit_consent(&page, "deny").await)
        .await;
    assert_eq!(cb.param("error").as_deref(), Some("access_denied"), "{}", cb.url);
    assert_eq!(cb.param("state").as_deref(), Some("xyz"));
    assert_eq!(cb.param("iss"), Some(app.base.clone()));
    assert!(cb.param("code").is_none(), "{}", cb.url);
    assert_eq!(
        granted(&app, &user.id, &client).await,
        None,
        "a denial stores no consent"
    );

    let grants = audited(&app, Some(&user.id), "consent.granted").await;
    assert_eq!(grants.len(), 0, "a denial is not recorded as a grant");

    consent_page(&app, &browser, &client, &user.email, "openid email", &[]).await;
}

#[tokio::test]
async fn a_first_party_client_never_asks_for_consent() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let client = app.create_client(ClientSpec::default()).await;
    let browser = app.browser();
    let (url, _) = authorize_url(&app, &client, "openid email", &[]);
    let login = browser.page(&url).await;
    assert!(login.is_sign_in(), "{}", login.html);
    let resp = browser.submit_login(&login, &user.email, PASSWORD).await;
    match browser.follow(resp).await {
        Ok(cb) => assert!(cb.param("code").is_some(), "{}", cb.url),
        Err(page) => panic!(
            "a first-party client must not ask: {}",
            Page::from(page).await.html
        ),
    }
    answered_without_asking(&app, &browser, &client, "openid email profile phone", &[]).await;
    answered_without_asking(
        &app,
        &browser,
        &client,
        "openid email profile address",
        &[("prompt", "none")],
    )
    .await;
    assert_eq!(
        granted(&app, &user.id, &client).await,
        None,
        "a first-party client stores no consent"
    );
}
