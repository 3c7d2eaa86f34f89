//! Telegram Login through its redirect flow: the payload comes back signed with the bot token;
//! here it is signed by the test as Telegram signs it (HMAC-SHA-256 keyed with SHA-256 of the
//! token over the sorted data-check string). Valid, tampered, stale and replayed payloads.

use hmac::{Hmac, Mac};
use portcullis::domain::ProviderKind;
use portcullis::manage::identity_providers::ConnectionChange;
use sha2::{Digest, Sha256};

use super::connections;
use crate::support::*;

const TOKEN: &str = "4242424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/// A payload for Telegram user `id`, signed at `auth_date`.
fn payload(id: &str, auth_date: i64) -> Vec<(String, String)> {
    sign(vec![
        ("id".to_owned(), id.to_owned()),
        ("first_name".to_owned(), "Tina".to_owned()),
        ("username".to_owned(), "tina".to_owned()),
        ("auth_date".to_owned(), auth_date.to_string()),
    ])
}

/// `fields` with the hash Telegram adds: HMAC-SHA-256 over the sorted data-check string.
fn sign(mut fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut sorted = fields.clone();
    sorted.sort();
    let check: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut mac = Hmac::<Sha256>::new_from_slice(&Sha256::digest(TOKEN)).unwrap();
    mac.update(check.join("\n").as_bytes());
    let hash: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    fields.push(("hash".into(), hash));
    fields
}

struct Telegram {
    app: TestApp,
    id: String,
    rp: TestClient,
}

impl Telegram {
    async fn new() -> Telegram {
        let app = TestApp::spawn().await;
        let change = ConnectionChange {
            name: Some("Telegram".into()),
            client_secret: Some(TOKEN.into()),
            ..Default::default()
        };
        let c = connections(&app)
            .create(ProviderKind::Telegram, change, "test")
            .await
            .unwrap();
        assert_eq!(c.settings.client_id.as_deref(), Some("4242424242"), "the bot id");
        let rp = app.create_client(ClientSpec::default()).await;
        Telegram { app, id: c.id, rp }
    }

    /// Where Telegram was sent, followed: our return page's state.
    async fn state_from(&self, browser: &Browser, to_telegram: &str) -> String {
        let url = url::Url::parse(to_telegram).unwrap();
        assert_eq!(url.host_str(), Some("oauth.telegram.org"), "{url}");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["bot_id"], "4242424242");
        assert_eq!(q["origin"], self.app.base);
        let page = browser.page(&q["return_to"]).await;
        assert!(page.html.contains("telegram.js"), "{}", page.html);
        url::Url::parse(&q["return_to"])
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "state")
            .unwrap()
            .1
            .into_owned()
    }

    async fn post(&self, browser: &Browser, state: &str, fields: &[(String, String)]) -> reqwest::Response {
        let mut form = fields.to_vec();
        form.push(("state".into(), state.into()));
        browser
            .post_form(&format!("/login/upstream/{}/telegram", self.id), &form)
            .await
    }

    /// A sign-in of the relying party sent to Telegram by `idp_hint`: the browser and state.
    async fn start(&self) -> (Browser, String, String) {
        let (url, verifier) = authorize_url(&self.app, &self.rp, "openid", &[("idp_hint", self.id.as_str())]);
        let browser = self.app.browser();
        let resp = browser.get(&url).await;
        let resp = browser.get(&header(&resp, "location")).await;
        let state = self.state_from(&browser, &header(&resp, "location")).await;
        (browser, state, verifier)
    }
}

#[tokio::test]
async fn a_linked_telegram_account_signs_in_and_bad_payloads_do_not() {
    let t = Telegram::new().await;
    let user = t.app.create_user("tina@example.com").await;

    // Linked from the security page.
    let browser = t.app.account_browser("tina@example.com").await;
    let page = browser.page("/account/security").await;
    let form = form_inputs(&page.html, "/account/security/upstream/link");
    let resp = browser.post_form("/account/security/upstream/link", &form).await;
    let state = t.state_from(&browser, &header(&resp, "location")).await;
    let resp = t.post(&browser, &state, &payload("777", now())).await;
    assert_eq!(header(&resp, "location"), "/account/security");
    let links = t
        .app
        .store()
        .identity_providers()
        .links_of(&user.id)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].subject, "777");

    // A sign-in through Telegram finds the account.
    let (browser, state, verifier) = t.start().await;
    // Another payload than the linking's (a payload is taken once).
    let signed = payload("777", now() - 5);
    let cb = browser
        .expect_redirect(t.post(&browser, &state, &signed).await)
        .await;
    let resp = exchange_code(&t.app, &t.rp, &cb.param("code").unwrap(), &verifier).await;
    let tokens: serde_json::Value = resp.json().await.unwrap();
    let claims = t.app.claims(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["sub"], user.id.as_str());
    assert_eq!(claims["amr"], serde_json::json!(["fed"]));

    // The same payload again (it leaked): refused.
    let (browser, state, _) = t.start().await;
    assert_eq!(t.post(&browser, &state, &signed).await.status(), 400);
    // Tampered: another user's id under the hash.
    let (browser, state, _) = t.start().await;
    let mut tampered = payload("777", now() - 7);
    tampered[0].1 = "778".into();
    assert_eq!(t.post(&browser, &state, &tampered).await.status(), 400);
    // Stale: signed an hour ago.
    let (browser, state, _) = t.start().await;
    assert_eq!(
        t.post(&browser, &state, &payload("777", now() - 3600))
            .await
            .status(),
        400
    );
    // Without the state of a sign-in of this browser.
    let other = t.app.browser();
    assert_eq!(
        t.post(&other, "made-up", &payload("777", now())).await.status(),
        400
    );
}

/// The review page's form at `path`, posted with `fields` over its own.
async fn post_review(
    browser: &Browser,
    html: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = form_inputs(html, action);
    for (k, v) in fields {
        form.retain(|(name, _)| name != k);
        form.push(((*k).to_owned(), (*v).to_owned()));
    }
    browser.post_form(action, &form).await
}

#[tokio::test]
async fn telegram_gives_no_address_so_the_user_gives_one_and_proves_it_before_an_account_is_made() {
    let t = Telegram::new().await;
    let (browser, state, verifier) = t.start().await;
    let mut signed = payload("999", now());
    signed.pop();
    signed.push(("photo_url".into(), "https://t.me/i/userpic/320/tina.jpg".into()));
    let signed = sign(signed);
    let resp = t.post(&browser, &state, &signed).await;
    let review = header(&resp, "location");
    assert!(
        review.starts_with("/login/upstream/review?interaction="),
        "{review}"
    );
    let page = browser.page(&review).await;
    assert_eq!(page.status, 200);
    assert!(
        page.html.contains("Telegram did not share your email address"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("value=\"Tina\""),
        "the upstream's name is offered: {}",
        page.html
    );

    // Not an address: said, and nothing is sent.
    let action = "/login/upstream/review";
    let bad = Page::from(post_review(&browser, &page.html, action, &[("email", "tina")]).await).await;
    assert_eq!(bad.status, 400);
    assert!(bad.html.contains("aria-invalid=\"true\""), "{}", bad.html);

    // An address: a code goes there; no account exists until it comes back.
    let sent = Page::from(
        post_review(
            &browser,
            &page.html,
            action,
            &[("email", "Tina@Example.com"), ("name", "Tina L.")],
        )
        .await,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    assert!(sent.html.contains("tina@example.com"), "{}", sent.html);
    assert!(
        t.app
            .store()
            .users()
            .user_by_email("tina@example.com")
            .await
            .unwrap()
            .is_none()
    );
    let mail = t.app.mail("tina@example.com", "Confirm your email address").await;

    // A wrong code is refused; the right one makes the account, its address verified.
    let verify = "/login/upstream/review/verify";
    let wrong = if mail.code() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = Page::from(post_review(&browser, &sent.html, verify, &[("code", wrong)]).await).await;
    assert_eq!(refused.status, 400);
    assert!(
        t.app
            .store()
            .users()
            .user_by_email("tina@example.com")
            .await
            .unwrap()
            .is_none()
    );
    let resp = post_review(&browser, &refused.html, verify, &[("code", &mail.code())]).await;
    let cb = browser.expect_redirect(resp).await;
    let user = t
        .app
        .store()
        .users()
        .user_by_email("tina@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(user.email_verified, "the address was proved by its code");
    assert_eq!(
        user.name.as_deref(),
        Some("Tina L."),
        "as corrected at the review"
    );
    assert_eq!(
        user.picture.as_deref(),
        Some("https://t.me/i/userpic/320/tina.jpg")
    );
    let links = t
        .app
        .store()
        .identity_providers()
        .links_of(&user.id)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].subject, "999");
    let resp = exchange_code(&t.app, &t.rp, &cb.param("code").unwrap(), &verifier).await;
    let tokens: serde_json::Value = resp.json().await.unwrap();
    let claims = t.app.claims(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["sub"], user.id.as_str());
}

#[tokio::test]
async fn an_address_given_at_review_that_has_an_account_links_only_with_its_password() {
    let t = Telegram::new().await;
    let owner = t.app.create_user("owner@example.com").await;
    let (browser, state, _) = t.start().await;
    let resp = t.post(&browser, &state, &payload("555", now())).await;
    let page = browser.page(&header(&resp, "location")).await;
    let sent = Page::from(
        post_review(
            &browser,
            &page.html,
            "/login/upstream/review",
            &[("email", "owner@example.com")],
        )
        .await,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let code = t
        .app
        .mail("owner@example.com", "Confirm your email address")
        .await
        .code();
    let resp = post_review(
        &browser,
        &sent.html,
        "/login/upstream/review/verify",
        &[("code", &code)],
    )
    .await;
    // The mailbox is proved, the account is not: its password is asked for, nothing linked yet.
    let link = header(&resp, "location");
    assert!(link.starts_with("/login/upstream/link?interaction="), "{link}");
    let links = t
        .app
        .store()
        .identity_providers()
        .links_of(&owner.id)
        .await
        .unwrap();
    assert!(links.is_empty());
    let page = browser.page(&link).await;
    assert!(page.html.contains("owner@example.com"), "{}", page.html);
}
