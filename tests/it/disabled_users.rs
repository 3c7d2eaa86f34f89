//! A disabled or deleted account stops at once: no sign-in (with the same answer as a wrong
//! password), no single sign-on from an existing session, and nothing issued before works any
//! more wherever we look at the database (code exchange, refresh, userinfo, introspection).

use portcullis::domain::{Origin, User};
use portcullis::login_ui::login::INVALID_CREDENTIALS;

use crate::sessions::assert_signed_out;
use crate::support::*;

/// How an account stops.
#[derive(Clone, Copy, Debug)]
enum Ending {
    /// An administrator disabled it (`users.disabled`).
    Disabled,
    /// The user deleted it (the account page's deletion: `deleted_at`, until it is purged).
    Deleted,
}

const ENDINGS: [Ending; 2] = [Ending::Disabled, Ending::Deleted];

impl Ending {
    async fn apply(self, app: &TestApp, user: &User) {
        match self {
            Ending::Disabled => disable_user(app, &user.id).await,
            Ending::Deleted => app
                .state
                .accounts
                .delete_account(user, PASSWORD, &Origin::default())
                .await
                .unwrap(),
        }
    }
}

async fn live_sessions(app: &TestApp, user: &User) -> usize {
    let now = portcullis::domain::Clock::now(app.clock.as_ref());
    app.store()
        .sessions()
        .user_sessions(&user.id, now)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_disabled_or_deleted_account_cannot_sign_in_and_gets_the_generic_answer() {
    for ending in ENDINGS {
        let app = TestApp::spawn().await;
        let user = app.create_user("ada@example.com").await;
        let client = app.create_client(ClientSpec::default()).await;
        ending.apply(&app, &user).await;

        let browser = app.browser();
        let (url, _) = authorize_url(&app, &client, "openid", &[]);
        let login = browser.page(&url).await;
        let resp = browser.submit_login(&login, &user.email, PASSWORD).await;
        assert!(!sets_session_cookie(&resp), "{ending:?}: no session cookie");
        assert!(
            resp.headers().get("location").is_none(),
            "{ending:?}: no redirect to the client"
        );
        let page = Page::from(resp).await;
        assert_eq!(page.status, 401, "{ending:?}: the status of a wrong password");
        let alert = page.html.split("role=\"alert\"").nth(1).unwrap_or_default();
        assert!(
            alert
                .split("</div>")
                .next()
                .unwrap_or_default()
                .contains(&english(INVALID_CREDENTIALS)),
            "{ending:?}: the message of a wrong password: {}",
            page.html
        );
        assert!(page.is_sign_in(), "{ending:?}");
        assert_eq!(live_sessions(&app, &user).await, 0, "{ending:?}: no session");
        let cb = prompt_none(&app, &client, &browser).await;
        assert_eq!(
            cb.param("error").as_deref(),
            Some("login_required"),
            "{ending:?}: {}",
            cb.url
        );
    }
}

#[tokio::test]
async fn an_existing_session_gives_no_single_sign_on_once_the_account_is_disabled_or_deleted() {
    for ending in ENDINGS {
        let app = TestApp::spawn().await;
        let user = app.create_user("ada@example.com").await;
        let client = app.create_client(ClientSpec::default()).await;
        let browser = app.browser();
        login_and_tokens(&app, &client, &browser, &user.email, "openid").await;
        ending.apply(&app, &user).await;
        assert_signed_out(&app, &client, &browser, &format!("{ending:?}")).await;
    }
}

#[tokio::test]
async fn a_code_issued_before_the_account_was_disabled_or_deleted_is_invalid_grant() {
    for ending in ENDINGS {
        let app = TestApp::spawn().await;
        let user = app.create_user("ada@example.com").await;
        let client = app.create_client(ClientSpec::default()).await;
        let browser = app.browser();
        let (url, verifier) = authorize_url(&app, &client, "openid offline_access", &[]);
        let code = browser.authorize(&url, &user.email).await.param("code").unwrap();
        ending.apply(&app, &user).await;

        let resp = exchange_code(&app, &client, &code, &verifier).await;
        assert_json_error(resp, 400, "invalid_grant", &format!("{ending:?}: no tokens")).await;
    }
}

#[tokio::test]
async fn the_tokens_of_a_disabled_or_deleted_account_stop_working_at_once() {
    for ending in ENDINGS {
        let app = TestApp::spawn().await;
        let user = app.create_user("ada@example.com").await;
        let client = app.create_client(ClientSpec::default()).await;
        let browser = app.browser();
        let online = login_and_tokens(&app, &client, &browser, &user.email, "openid email").await;
        let offline = login_and_tokens(
            &app,
            &client,
            &browser,
            &user.email,
            "openid email offline_access",
        )
        .await;
        ending.apply(&app, &user).await;

        for (kind, tokens) in [("online", &online), ("offline", &offline)] {
            let what = format!("{ending:?}, {kind}");
            let access = tokens["access_token"].as_str().unwrap();
            let refresh_token = tokens["refresh_token"].as_str().unwrap();

            let resp = refresh(&app, &client, refresh_token, None).await;
            assert_json_error(resp, 400, "invalid_grant", &format!("{what}: refresh")).await;

            let resp = userinfo(&app, access).await;
            assert!(
                header(&resp, "www-authenticate").contains("error=\"invalid_token\""),
                "{what}: userinfo challenge {:?}",
                header(&resp, "www-authenticate")
            );
            assert_json_error(resp, 401, "invalid_token", &format!("{what}: userinfo")).await;

            assert_eq!(
                introspect(&app, &client, access).await,
                serde_json::json!({ "active": false }),
                "{what}: the access token introspects inactive"
            );
            assert_eq!(
                introspect(&app, &client, refresh_token).await,
                serde_json::json!({ "active": false }),
                "{what}: the refresh token introspects inactive"
            );
        }
    }
}
