//! Roles and groups (RBAC): what the roles service stores and refuses, and the `roles` scope's
//! claims in the ID token, the access token and userinfo.

use portcullis::manage::ManageError;
use portcullis::manage::roles::NewRole;

use crate::support::*;

fn role(name: &str, client_id: Option<&str>) -> NewRole {
    NewRole {
        name: name.into(),
        client_id: client_id.map(Into::into),
        ..NewRole::default()
    }
}

async fn claims_of(app: &TestApp, jwt: &serde_json::Value) -> serde_json::Value {
    app.claims(jwt.as_str().unwrap()).await
}

#[tokio::test]
async fn the_roles_scope_names_global_roles_the_client_s_own_and_groups_everywhere() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let other = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("roles@example.com").await;
    let roles = &app.state.roles;
    let editor = roles.create(role("editor", None), "test").await.unwrap();
    let billing = roles
        .create(role("billing-admin", Some(&client.id)), "test")
        .await
        .unwrap();
    let crm = roles
        .create(role("crm-viewer", Some(&other.id)), "test")
        .await
        .unwrap();
    for r in [&editor, &billing, &crm] {
        assert!(roles.assign(&user, r, "test").await.unwrap());
    }
    assert!(
        !roles.assign(&user, &editor, "test").await.unwrap(),
        "held already"
    );
    let staff = roles.create_group("staff", None, "test").await.unwrap();
    let auditor = roles.find("auditor", None).await.unwrap();
    assert!(
        roles
            .set_group_role(&staff, &auditor, true, "test")
            .await
            .unwrap()
    );
    assert!(roles.set_member(&staff, &user, true, "test").await.unwrap());

    let browser = app.browser();
    let tokens = login_and_tokens(
        &app,
        &client,
        &browser,
        &user.email,
        "openid roles offline_access",
    )
    .await;
    let expected_roles = serde_json::json!(["auditor", "billing-admin", "editor"]);
    let id = claims_of(&app, &tokens["id_token"]).await;
    assert_eq!(id["roles"], expected_roles, "{id}");
    assert_eq!(id["groups"], serde_json::json!(["staff"]));
    let access = claims_of(&app, &tokens["access_token"]).await;
    assert_eq!(access["roles"], expected_roles, "{access}");
    assert_eq!(access["groups"], serde_json::json!(["staff"]));
    let info: serde_json::Value = userinfo(&app, tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(info["roles"], expected_roles, "{info}");

    // A change reaches the next token: the refreshed one no longer names the role.
    assert!(roles.unassign(&user, &editor, "test").await.unwrap());
    assert!(roles.set_member(&staff, &user, false, "test").await.unwrap());
    let resp = refresh(&app, &client, tokens["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(resp.status(), 200);
    let again: serde_json::Value = resp.json().await.unwrap();
    let id = claims_of(&app, &again["id_token"]).await;
    assert_eq!(id["roles"], serde_json::json!(["billing-admin"]), "{id}");
    assert_eq!(id["groups"], serde_json::json!([]));

    let assigned = audited(&app, Some(&user.id), "role.assigned").await;
    assert_eq!(assigned.len(), 3, "the repeated assignment changed nothing");
}

#[tokio::test]
async fn without_the_roles_scope_no_token_names_a_role() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let user = app.create_user("plain@example.com").await;
    let admin = app.state.roles.find("admin", None).await.unwrap();
    app.state.roles.assign(&user, &admin, "test").await.unwrap();
    let tokens = login_and_tokens(&app, &client, &app.browser(), &user.email, "openid").await;
    for t in ["id_token", "access_token"] {
        let c = claims_of(&app, &tokens[t]).await;
        assert!(c.get("roles").is_none() && c.get("groups").is_none(), "{t}: {c}");
    }
    let discovery: serde_json::Value = app
        .http()
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let scopes = discovery["scopes_supported"].as_array().unwrap();
    assert!(scopes.iter().any(|s| s == "roles"), "{scopes:?}");
    let claims = discovery["claims_supported"].as_array().unwrap();
    assert!(claims.iter().any(|s| s == "roles") && claims.iter().any(|s| s == "groups"));
}

#[tokio::test]
async fn role_rules_refuse_bad_names_unknown_permissions_and_changes_to_built_ins() {
    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let roles = &app.state.roles;
    fn bad<T: std::fmt::Debug>(e: Result<T, ManageError>, what: &str) {
        match e {
            Err(ManageError::Invalid(msg)) => assert!(msg.contains(what), "{msg}"),
            other => panic!("{other:?}"),
        }
    }
    bad(roles.create(role("has space", None), "test").await, "name");
    bad(roles.create(role("", None), "test").await, "name");
    let unknown = NewRole {
        permissions: vec!["users:read".into(), "users:fly".into()],
        ..role("pilot", None)
    };
    bad(roles.create(unknown, "test").await, "users:fly");
    assert!(matches!(
        roles.create(role("x", Some("no-such-client")), "test").await,
        Err(ManageError::NotFound(_))
    ));

    // One name among global roles, and one per client, but the same name in both.
    roles.create(role("viewer", None), "test").await.unwrap();
    assert!(matches!(
        roles.create(role("viewer", None), "test").await,
        Err(ManageError::Conflict(_))
    ));
    let mine = roles
        .create(role("viewer", Some(&client.id)), "test")
        .await
        .unwrap();
    assert_eq!(roles.find("viewer", Some(&client.id)).await.unwrap(), mine);
    assert!(matches!(
        roles.create(role("admin", None), "test").await,
        Err(ManageError::Conflict(_))
    ));

    let admin = roles.find("admin", None).await.unwrap();
    assert!(admin.builtin && admin.permissions.contains(&"keys:write".to_string()));
    bad(roles.delete(&admin, "test").await, "built in");
    assert!(roles.find("admin", None).await.is_ok());

    // Deleting a client deletes its roles.
    app.state.clients.delete(&client.id, "test").await.unwrap();
    assert!(matches!(
        roles.find("viewer", Some(&client.id)).await,
        Err(ManageError::NotFound(_))
    ));
}

/// A role that requires MFA makes its holders (directly or through a group) set up and pass a
/// second factor at sign-in, whatever the client; others sign in with the password alone.
#[tokio::test]
async fn a_role_that_requires_mfa_asks_its_holders_for_a_second_factor() {
    use crate::mfa_login::{enrol_during_login, id_token_claims, sign_in};

    let app = TestApp::spawn().await;
    let client = app.create_client(ClientSpec::default()).await;
    let roles = &app.state.roles;
    let finance = NewRole {
        require_mfa: true,
        ..role("finance", None)
    };
    let finance = roles.create(finance, "test").await.unwrap();
    let direct = app.create_user("direct@example.com").await;
    roles.assign(&direct, &finance, "test").await.unwrap();
    let member = app.create_user("member@example.com").await;
    let team = roles.create_group("treasury", None, "test").await.unwrap();
    roles.set_group_role(&team, &finance, true, "test").await.unwrap();
    roles.set_member(&team, &member, true, "test").await.unwrap();
    let other = app.create_user("other@example.com").await;

    for user in [&direct, &member] {
        let browser = app.browser();
        let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
        let resp = sign_in(&browser, &url, &user.email).await;
        if let Err(r) = &resp {
            assert_eq!(r.status(), 200);
        }
        let cb = enrol_during_login(&app, &browser, resp).await;
        let claims = id_token_claims(&app, &client, &cb, &verifier).await;
        assert_eq!(claims["acr"], "2", "{}", user.email);
    }
    let browser = app.browser();
    let (url, verifier) = authorize_url(&app, &client, "openid", &[]);
    let cb = sign_in(&browser, &url, &other.email)
        .await
        .expect("no second step");
    assert_eq!(id_token_claims(&app, &client, &cb, &verifier).await["acr"], "1");
}
