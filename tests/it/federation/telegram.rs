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
    let mut fields = vec![
        ("id".to_owned(), id.to_owned()),
        ("first_name".to_owned(), "Tina".to_owned()),
        ("username".to_owned(), "tina".to_owned()),
        ("auth_date".to_owned(), auth_date.to_string()),
    ];
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

#[tokio::test]
async fn telegram_gives_no_address_so_an_unlinked_user_is_told_so() {
    let t = Telegram::new().await;
    let (browser, state, _) = t.start().await;
    let page = Page::from(t.post(&browser, &state, &payload("999", now())).await).await;
    assert_eq!(page.status, 403, "{}", page.html);
    assert!(
        page.html.contains("Telegram did not share an email address"),
        "{}",
        page.html
    );
}
