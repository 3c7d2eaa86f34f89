//! Access tokens as admin API credentials: RFC 8707 `resource` names the admin API as the
//! token's audience; people need a second factor and, for sensitive calls, a recent sign-in
//! (RFC 9470 challenges); service clients act with their service account's roles. Rights are
//! read on every call, never from the token.

use portcullis::domain::User;

use crate::mfa_login::{challenge, enrol_totp, post_code, sign_in};
use crate::support::*;

pub fn admin_resource(app: &TestApp) -> String {
    format!("{}/admin/v1", app.state.provider.issuer())
}

/// Signs `user` in to `client` (with their authenticator app when `mfa`) and exchanges the
/// code for a token whose audience is the admin API.
pub async fn human_token(app: &TestApp, client: &TestClient, user: &User, mfa: bool) -> String {
    let browser = app.browser();
    let (url, verifier) = authorize_url(app, client, "openid", &[]);
    let cb = match mfa {
        true => {
            let secret = enrol_totp(app, user).await;
            let page = challenge(&browser, &url, &user.email).await;
            browser
                .expect_redirect(post_code(&browser, &page, &app.totp_now(&secret)).await)
                .await
        }
        false => sign_in(&browser, &url, &user.email).await.expect("a callback"),
    };
    let code = cb.param("code").expect("a code");
    let resource = admin_resource(app);
    let resp = token_request(
        app,
        client,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", &verifier),
            ("resource", &resource),
        ],
    )
    .await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.claims(&token).await["aud"], resource);
    token
}

async fn call(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.http()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn grant(app: &TestApp, user: &User, role: &str) {
    let role = app.state.roles.find(role, None).await.unwrap();
    app.state.roles.assign(user, &role, "test").await.unwrap();
}

#[tokio::test]
async fn a_person_with_a_second_factor_calls_with_their_current_rights() {
    let app = TestApp::spawn().await;
    let console = app.create_client(ClientSpec::default()).await;
    let ada = app.create_user("ada@example.com").await;
    grant(&app, &ada, "auditor").await;
    let token = human_token(&app, &console, &ada, true).await;
    assert_eq!(call(&app, "/admin/v1/users", &token).await.status(), 200);

    // The token did not change; her rights did, and the next call sees it.
    let auditor = app.state.roles.find("auditor", None).await.unwrap();
    app.state.roles.unassign(&ada, &auditor, "test").await.unwrap();
    let resp = call(&app, "/admin/v1/users", &token).await;
    assert_eq!(resp.status(), 403);

    // The admin API's token is not for userinfo (RFC 9068 §4: check the audience).
    let resp = userinfo(&app, &token).await;
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn a_password_only_sign_in_is_asked_for_the_multi_factor_level() {
    let app = TestApp::spawn().await;
    let console = app.create_client(ClientSpec::default()).await;
    let bo = app.create_user("bo@example.com").await;
    grant(&app, &bo, "admin").await;
    let token = human_token(&app, &console, &bo, false).await;
    let resp = call(&app, "/admin/v1/users", &token).await;
    assert_eq!(resp.status(), 401);
    let challenge = header(&resp, "www-authenticate");
    assert!(
        challenge.contains("error=\"insufficient_user_authentication\""),
        "{challenge}"
    );
    assert!(challenge.contains("acr_values=\"2\""), "{challenge}");
}

#[tokio::test]
async fn sensitive_calls_need_a_recent_sign_in() {
    // A window shorter than the access token's life, to see the token read on after it.
    let app = TestApp::spawn_with(|c| c.sudo_window = Some(60)).await;
    let console = app.create_client(ClientSpec::default()).await;
    let ada = app.create_user("ada@example.com").await;
    let cy = app.create_user("cy@example.com").await;
    grant(&app, &ada, "admin").await;
    let token = human_token(&app, &console, &ada, true).await;
    let url = app.url(&format!("/admin/v1/users/{}/roles/auditor", cy.id));
    let assign = || app.http().put(&url).bearer_auth(&token).send();
    assert_eq!(assign().await.unwrap().status(), 204);
    let export = format!("/admin/v1/users/{}/export", cy.id);
    let resp = call(&app, &export, &token).await;
    assert_eq!(resp.status(), 200);
    let data: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(data["profile"]["email"], "cy@example.com");

    // Past the sudo window the token still reads, but grants no role.
    let window = app.state.provider.config.sudo_window;
    app.clock.advance(window + 1);
    assert_eq!(call(&app, "/admin/v1/users", &token).await.status(), 200);
    let resp = assign().await.unwrap();
    assert_eq!(resp.status(), 401);
    let challenge = header(&resp, "www-authenticate");
    assert!(challenge.contains(&format!("max_age={window}")), "{challenge}");
    assert_eq!(
        call(&app, &export, &token).await.status(),
        401,
        "an export is sensitive too"
    );
    let exported = audited(&app, Some(&cy.id), "account.exported").await;
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].actor.as_deref(), Some(ada.id.as_str()));
}

#[tokio::test]
async fn a_token_for_another_audience_or_from_elsewhere_is_refused() {
    let app = TestApp::spawn().await;
    let console = app.create_client(ClientSpec::default()).await;
    let ada = app.create_user("ada@example.com").await;
    grant(&app, &ada, "admin").await;
    let tokens = login_and_tokens(&app, &console, &app.browser(), &ada.email, "openid").await;
    let default_audience = tokens["access_token"].as_str().unwrap();
    let resp = call(&app, "/admin/v1/users", default_audience).await;
    assert_eq!(resp.status(), 401);
    assert_eq!(header(&resp, "www-authenticate"), "Bearer");
    assert_eq!(
        call(&app, "/admin/v1/users", "eyJhbGciOiJub25lIn0.e30.")
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn a_service_client_acts_with_its_service_account_roles() {
    let app = TestApp::spawn().await;
    let service = app.create_client(ClientSpec::service()).await;
    let resource = admin_resource(&app);
    let form = [
        ("grant_type", "client_credentials"),
        ("resource", resource.as_str()),
    ];
    let resp = token_request(&app, &service, &form).await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.claims(&token).await["aud"], resource);
    // No role yet: authenticated, permitted nothing.
    assert_eq!(call(&app, "/admin/v1/users", &token).await.status(), 403);

    let auditor = app.state.roles.find("auditor", None).await.unwrap();
    app.state
        .roles
        .set_client_role(&service.id, &auditor, true, "test")
        .await
        .unwrap();
    assert_eq!(call(&app, "/admin/v1/users", &token).await.status(), 200);
    let write = app
        .http()
        .post(app.url("/admin/v1/groups"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"name": "ops"}))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), 403, "an auditor reads only");
    let created = audited(&app, None, "role.assigned").await;
    assert_eq!(created[0].client_id.as_deref(), Some(service.id.as_str()));
}

#[tokio::test]
async fn only_first_party_clients_get_admin_api_tokens_and_unknown_resources_are_invalid_targets() {
    let app = TestApp::spawn().await;
    let third = app
        .create_client(ClientSpec {
            first_party: false,
            ..ClientSpec::service()
        })
        .await;
    let resource = admin_resource(&app);
    let resp = token_request(
        &app,
        &third,
        &[("grant_type", "client_credentials"), ("resource", &resource)],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "invalid_target");
    let resp = token_request(
        &app,
        &third,
        &[
            ("grant_type", "client_credentials"),
            ("resource", "https://elsewhere.example/"),
        ],
    )
    .await;
    assert_eq!(json_error(resp, 400).await, "invalid_target");
}
