//! API keys of the admin API: shown once and stored as a hash, recognisable, revocable,
//! expiring, and never worth more than their roles and their owner.

use portcullis::manage::ManageError;
use portcullis::manage::api_keys::{NewApiKey, PREFIX};
use portcullis::manage::roles::NewRole;

use crate::support::*;

async fn role(app: &TestApp, name: &str) -> portcullis::domain::Role {
    app.state.roles.find(name, None).await.unwrap()
}

fn new_key(name: &str, roles: Vec<portcullis::domain::Role>) -> NewApiKey {
    NewApiKey {
        name: name.into(),
        roles,
        expires_in: None,
        owner: None,
    }
}

#[tokio::test]
async fn a_key_is_shown_once_stored_as_a_hash_and_carries_its_roles_permissions() {
    let app = TestApp::spawn().await;
    let keys = &app.state.api_keys;
    let (key, secret) = keys
        .create(new_key("ci", vec![role(&app, "auditor").await]), "cli")
        .await
        .unwrap();
    assert!(
        secret.starts_with(PREFIX) && secret.len() >= PREFIX.len() + 43,
        "{secret}"
    );
    assert!(secret.starts_with(&key.hint));

    // Nothing stored holds the key itself.
    let mut db = database(&app).await;
    let stored: String = sqlx::query_scalar("SELECT secret_hash FROM api_keys WHERE id = $1")
        .bind(&key.id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert!(!stored.contains(&secret[PREFIX.len()..]));

    let holder = keys.authenticate(&secret).await.unwrap().expect("a usable key");
    assert!(holder.permissions.contains("audit:read"));
    assert!(!holder.permissions.contains("users:write"));
    assert_eq!(holder.actor(), format!("api_key:{}", key.id));
    let listed = keys.list().await.unwrap();
    assert!(listed[0].last_used_at.is_some(), "a use is recorded");

    // A wrong key, another prefix, a key one character off: none is anyone.
    let mut off = secret.clone();
    off.pop();
    off.push(if secret.ends_with('A') { 'B' } else { 'A' });
    for wrong in [off.as_str(), "pcak_", "Bearer", &secret[PREFIX.len()..]] {
        assert!(keys.authenticate(wrong).await.unwrap().is_none(), "{wrong}");
    }

    keys.revoke(&key.id, "cli").await.unwrap();
    assert!(keys.authenticate(&secret).await.unwrap().is_none(), "revoked");
    assert!(matches!(
        keys.revoke(&key.id, "cli").await,
        Err(ManageError::NotFound(_))
    ));
    assert_eq!(audited(&app, None, "api_key.revoked").await.len(), 1);
}

#[tokio::test]
async fn an_expired_key_stops_working() {
    let app = TestApp::spawn().await;
    let keys = &app.state.api_keys;
    let mut new = new_key("short", vec![role(&app, "support").await]);
    new.expires_in = Some(60);
    let (_, secret) = keys.create(new, "cli").await.unwrap();
    assert!(keys.authenticate(&secret).await.unwrap().is_some());
    app.clock.advance(61);
    assert!(keys.authenticate(&secret).await.unwrap().is_none());

    let mut forever = new_key("too long", vec![role(&app, "support").await]);
    forever.expires_in = Some(6 * 365 * 86_400);
    assert!(matches!(
        keys.create(forever, "cli").await,
        Err(ManageError::Invalid(_))
    ));
    assert!(matches!(
        keys.create(new_key("none", vec![]), "cli").await,
        Err(ManageError::Invalid(_))
    ));
}

#[tokio::test]
async fn a_key_is_never_worth_more_than_its_owner_now() {
    let app = TestApp::spawn().await;
    let owner = app.create_user("owner@example.com").await;
    let readers = app
        .state
        .roles
        .create(
            NewRole {
                name: "readers".into(),
                permissions: vec!["users:read".into(), "audit:read".into()],
                ..NewRole::default()
            },
            "test",
        )
        .await
        .unwrap();
    app.state.roles.assign(&owner, &readers, "test").await.unwrap();
    let mut new = new_key("mine", vec![role(&app, "admin").await]);
    new.owner = Some(owner.clone());
    let (_, secret) = app.state.api_keys.create(new, &owner.id).await.unwrap();
    let holder = app.state.api_keys.authenticate(&secret).await.unwrap().unwrap();
    let p: Vec<&str> = holder.permissions.iter().map(String::as_str).collect();
    assert_eq!(p, ["audit:read", "users:read"], "admin's key, a reader's rights");

    // The owner loses the role: the key loses it at once; the owner disabled: no key.
    app.state.roles.unassign(&owner, &readers, "test").await.unwrap();
    let holder = app.state.api_keys.authenticate(&secret).await.unwrap().unwrap();
    assert!(holder.permissions.is_empty());
    disable_user(&app, &owner.id).await;
    assert!(app.state.api_keys.authenticate(&secret).await.unwrap().is_none());
}
