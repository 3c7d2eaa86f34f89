//! The management services every administrative face shares (manage/): what they store, what
//! they refuse, and who the audit log says acted.

use portcullis::domain::{GrantType, Scope, TokenEndpointAuthMethod};
use portcullis::manage::ManageError;
use portcullis::manage::clients::{ClientChanges, NewClient};

use crate::support::*;

fn service(name: &str) -> NewClient {
    NewClient {
        client_id: None,
        client_secret: None,
        name: name.into(),
        redirect_uris: vec![],
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::ClientCredentials, GrantType::ClientCredentials],
        scope: Scope::parse("api:read"),
        auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
        jwks: None,
        jwks_uri: None,
        first_party: true,
        require_mfa: false,
        client_uri: None,
        logo: None,
        links: Default::default(),
    }
}

#[tokio::test]
async fn a_created_client_works_at_once_keeps_only_a_hash_and_names_its_creator() {
    let app = TestApp::spawn().await;
    let stored = app
        .state
        .clients
        .create(service("Billing"), "admin-user-1")
        .await
        .unwrap();
    let secret = stored.secret.clone().unwrap();
    assert!(secret.len() >= 43, "256 bits: {secret}");
    assert_eq!(stored.client.grant_types, vec![GrantType::ClientCredentials]);
    let kept = stored.client.secret_hash.clone().unwrap();
    assert!(!kept.contains(&secret), "only a hash is stored");

    let client = TestClient {
        id: stored.client.client_id.clone(),
        secret: Some(secret),
    };
    let resp = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(resp.status(), 200);

    let created = audited(&app, None, "client.created").await;
    let entry = created
        .iter()
        .find(|e| e.client_id.as_deref() == Some(stored.client.client_id.as_str()))
        .unwrap();
    assert_eq!(entry.actor.as_deref(), Some("admin-user-1"));
}

#[tokio::test]
async fn a_change_that_breaks_the_metadata_rules_changes_nothing() {
    let app = TestApp::spawn().await;
    let clients = &app.state.clients;
    let stored = clients.create(service("Billing"), "test").await.unwrap();
    let id = stored.client.client_id.clone();
    let bad = ClientChanges {
        name: Some("Renamed".into()),
        grant_types: Some(vec![GrantType::AuthorizationCode]),
        ..ClientChanges::default()
    };
    match clients.update(&id, bad, "test").await {
        Err(ManageError::Invalid(msg)) => assert!(msg.contains("redirect_uris"), "{msg}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(clients.get(&id).await.unwrap().name, "Billing");
    assert!(audited(&app, None, "client.updated").await.is_empty());

    match clients.update(&id, ClientChanges::default(), "test").await {
        Err(ManageError::NothingToChange) => {}
        other => panic!("{other:?}"),
    }
    let renamed = ClientChanges {
        name: Some("Invoices".into()),
        ..ClientChanges::default()
    };
    let stored = clients.update(&id, renamed, "test").await.unwrap();
    assert_eq!(stored.client.name, "Invoices");
    let updated = audited(&app, None, "client.updated").await;
    assert_eq!(updated.len(), 1);
    assert_eq!(updated[0].detail["fields"], serde_json::json!(["client_name"]));
}

#[tokio::test]
async fn secrets_are_refused_where_the_auth_method_has_none() {
    let app = TestApp::spawn().await;
    let clients = &app.state.clients;
    let public = NewClient {
        auth_method: TokenEndpointAuthMethod::None,
        grant_types: vec![GrantType::AuthorizationCode],
        redirect_uris: vec!["https://rp.example/cb".into()],
        client_secret: Some("s3cret".into()),
        ..service("SPA")
    };
    assert!(matches!(
        clients.create(public.clone(), "test").await,
        Err(ManageError::Invalid(msg)) if msg.contains("no secret")
    ));
    let stored = clients
        .create(
            NewClient {
                client_secret: None,
                ..public
            },
            "test",
        )
        .await
        .unwrap();
    assert_eq!(stored.secret, None);
    assert!(matches!(
        clients.rotate_secret(&stored.client.client_id, "test").await,
        Err(ManageError::Invalid(msg)) if msg.contains("no secret to rotate")
    ));
    assert!(matches!(
        clients.delete("nobody", "test").await,
        Err(ManageError::NotFound(_))
    ));
}
