//! Scheduled signing-key rotation: the next key is published in the JWKS at least one JWKS
//! cache lifetime before it signs, the retired key stays while its tokens live, and nodes
//! rotating at the same moment rotate once.

use std::collections::BTreeSet;

use portcullis::domain::Clock;
use portcullis::jobs::keys::{reload, rotate_if_due};

use crate::support::*;

const DAY: i64 = 86_400;

async fn kids(app: &TestApp) -> BTreeSet<String> {
    crate::discovery::kids(&crate::discovery::jwks(app).await)
}

async fn signing_kid(app: &TestApp, client: &TestClient) -> String {
    let resp = token_request(app, client, &[("grant_type", "client_credentials")]).await;
    let body: serde_json::Value = resp.json().await.unwrap();
    let jwt = body["access_token"].as_str().unwrap();
    app.verify_jwt(jwt).await.header["kid"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn tick(app: &TestApp) -> Option<String> {
    let p = &app.state.provider;
    let made = rotate_if_due(app.store(), &p.master, &p.config, app.clock.now())
        .await
        .unwrap();
    reload(&p.keyring, app.store(), &p.master, &p.config, app.clock.as_ref())
        .await
        .unwrap();
    made.map(|k| k.kid)
}

#[tokio::test]
async fn the_next_key_is_published_a_cache_lifetime_before_it_signs() {
    let app = TestApp::spawn_with(|c| c.key_rotation_period = Some(30 * DAY)).await;
    let service = app.create_client(ClientSpec::service()).await;
    let first = signing_kid(&app, &service).await;
    let lead = app.state.provider.config.key_publish_ahead();
    assert!(lead > portcullis::config::JWKS_MAX_AGE, "lead {lead}");

    app.clock.advance(30 * DAY - lead - 1);
    assert_eq!(
        tick(&app).await,
        None,
        "rotated before the period was nearly over"
    );
    app.clock.advance(1);
    let next = tick(&app).await.expect("no rotation at the end of the period");
    assert_eq!(tick(&app).await, None, "rotated twice in one period");
    assert_eq!(kids(&app).await, BTreeSet::from([first.clone(), next.clone()]));
    // Published, not yet signing: caches that fetched the JWKS before now still verify.
    assert_eq!(signing_kid(&app, &service).await, first);

    app.clock.advance(lead);
    tick(&app).await;
    assert_eq!(signing_kid(&app, &service).await, next);
    // The retired key stays published while tokens it signed can still be valid...
    let ttl = app.state.provider.config.max_signed_token_ttl();
    app.clock.advance(ttl);
    tick(&app).await;
    assert!(
        kids(&app).await.contains(&first),
        "retired key withdrawn while its tokens live"
    );
    // ...and goes after.
    app.clock.advance(1);
    tick(&app).await;
    assert_eq!(kids(&app).await, BTreeSet::from([next.clone()]));
    let rotations = audited(&app, None, "key.rotated").await;
    assert_eq!(rotations.len(), 1, "{rotations:?}");
    assert_eq!(rotations[0].detail["kid"], next.as_str());
}

#[tokio::test]
async fn nodes_rotating_at_the_same_moment_rotate_once() {
    let a = TestApp::spawn_with(|c| c.key_rotation_period = Some(30 * DAY)).await;
    let b = a.node_beside(|c| c.key_rotation_period = Some(30 * DAY)).await;
    a.clock.advance(30 * DAY);
    let (x, y) = tokio::join!(tick(&a), tick(&b));
    assert_eq!(
        [x.is_some(), y.is_some()].iter().filter(|made| **made).count(),
        1,
        "a: {x:?}, b: {y:?}"
    );
    let (x, y) = tokio::join!(tick(&a), tick(&b));
    assert_eq!((x, y), (None, None));
    assert_eq!(kids(&a).await, kids(&b).await);
    assert_eq!(kids(&a).await.len(), 2);
}
