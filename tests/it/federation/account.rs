//! Linked sign-ins on the account's security page: linking another from there, unlinking, and
//! never unlinking the last way in.

use super::{Federated, open, submit, through_upstream};
use crate::support::*;

/// The security page of `browser`, answered at `at`.
async fn security(f: &Federated, browser: &Browser) -> (String, Page) {
    let at = f.down.url("/account/security");
    (at.clone(), browser.page(&at).await)
}

#[tokio::test]
async fn a_signed_in_user_links_an_upstream_and_then_signs_in_with_it() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@upstream.example").await;
    let local = f.down.create_user("ann@example.com").await;
    let browser = f.down.account_browser("ann@example.com").await;

    let (at, page) = security(&f, &browser).await;
    assert!(page.html.contains("Link Upstream"), "{}", page.html);
    let form = form_inputs(&page.html, "/account/security/upstream/link");
    let resp = browser.post_form("/account/security/upstream/link", &form).await;
    let (login_at, login) = super::walk(&browser, resp, at).await.page();
    assert!(
        login_at.starts_with(&f.up.base),
        "{login_at} {} {}",
        login.status,
        login.html
    );
    let (back, page) = submit(
        &browser,
        &login_at,
        &login,
        "/login",
        &[("username", "ann@upstream.example"), ("password", PASSWORD)],
    )
    .await
    .page();
    assert!(back.ends_with("/account/security"), "{back}");
    assert!(page.html.contains("ann@upstream.example"), "{}", page.html);
    let links = f
        .down
        .store()
        .identity_providers()
        .links_of(&local.id)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    let activity = browser.page("/account/activity").await;
    assert!(
        activity
            .html
            .contains("A sign-in with another service was linked to your account"),
        "{}",
        activity.html
    );

    // A fresh browser signs in through the upstream as the account that linked it, though
    // the addresses differ.
    let (url, verifier) = f.authorize_url();
    let cb = through_upstream(&f, &f.down.browser(), &url, "ann@upstream.example")
        .await
        .callback();
    let resp = exchange_code(&f.down, &f.rp, &cb.param("code").unwrap(), &verifier).await;
    let tokens: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        f.down.claims(tokens["id_token"].as_str().unwrap()).await["sub"],
        local.id.as_str()
    );

    // The account has a password: the link may go.
    let (_, page) = security(&f, &browser).await;
    let form = form_inputs(&page.html, "/account/security/upstream/unlink");
    let page = Page::from(
        browser
            .post_form("/account/security/upstream/unlink", &form)
            .await,
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("The sign-in was unlinked."), "{}", page.html);
    assert!(
        f.down
            .store()
            .identity_providers()
            .links_of(&local.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_last_way_to_sign_in_cannot_be_unlinked() {
    let f = Federated::new(|_| {}).await;
    f.up.create_user("ann@example.com").await;
    // Signed in to the account pages through the upstream: an account made just in time,
    // with no password.
    let browser = f.down.browser();
    let (at, login) = open(&browser, &f.down.url("/login")).await.page();
    let start =
        tag_attr(&login.html, "<a class=\"button secondary\"", "href").expect("a connection's button");
    let button = url::Url::parse(&at)
        .unwrap()
        .join(&html_unescape(&start))
        .unwrap();
    let (up_at, up_login) = open(&browser, button.as_str()).await.page();
    let (back, _) = submit(
        &browser,
        &up_at,
        &up_login,
        "/login",
        &[("username", "ann@example.com"), ("password", PASSWORD)],
    )
    .await
    .page();
    assert!(back.ends_with("/account"), "{back}");

    let (_, page) = security(&f, &browser).await;
    let form = form_inputs(&page.html, "/account/security/upstream/unlink");
    let page = Page::from(
        browser
            .post_form("/account/security/upstream/unlink", &form)
            .await,
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.html);
    assert!(
        page.html.contains("This is your only way to sign in."),
        "{}",
        page.html
    );
    let user = f
        .down
        .store()
        .users()
        .user_by_email("ann@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        f.down
            .store()
            .identity_providers()
            .links_of(&user.id)
            .await
            .unwrap()
            .len(),
        1
    );
}
