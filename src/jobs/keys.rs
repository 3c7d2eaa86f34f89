//! The signing-key lifecycle: the first key on first run, rotation, and each node's periodic
//! reload so that keys added by another node or by `portcullis keys rotate` are published and used.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::audit::Event;
use crate::config::Config;
use crate::crypto::CryptoError;
use crate::crypto::encryption::MasterKey;
use crate::crypto::keyring::{self, KeySet, Keyring};
use crate::domain::{AuditEntry, Clock, SigningKeyRecord};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

/// Loads the keyring, creating the first key when the database has none that can sign.
pub async fn load(store: &Store, master: &MasterKey, config: &Config, now: i64) -> Result<KeySet, KeyError> {
    let records = store.keys().signing_keys().await?;
    let set = KeySet::from_records(&records, master, now, config.max_signed_token_ttl())?;
    if set.active(now).is_some() {
        return Ok(set);
    }
    let first = keyring::generate(master, now, now)?;
    store.keys().insert_signing_key(&first).await?;
    tracing::info!(kid = %first.kid, "generated the first signing key");
    let records = store.keys().signing_keys().await?;
    Ok(KeySet::from_records(
        &records,
        master,
        now,
        config.max_signed_token_ttl(),
    )?)
}

/// Adds a new key that starts signing `activate_in` seconds from now; the current key retires
/// then, and stays published while tokens it signed can still be valid.
pub async fn rotate(
    store: &Store,
    master: &MasterKey,
    now: i64,
    activate_in: i64,
    entry: impl FnOnce(&SigningKeyRecord) -> AuditEntry,
) -> Result<SigningKeyRecord, KeyError> {
    let next = keyring::generate(master, now, now + activate_in.max(0))?;
    store.keys().rotate_signing_key(&next, &entry(&next)).await?;
    tracing::info!(kid = %next.kid, activates_at = next.activates_at, "signing key rotated");
    Ok(next)
}

/// The key a scheduled rotation would replace: the newest unretired key, when it has signed
/// (or will sign) for `period` seconds by `now + lead`. `lead` is how long the next key is
/// published before it signs: every JWKS cache and every node's keyring must have seen it.
pub fn rotation_due(
    records: &[SigningKeyRecord],
    now: i64,
    period: i64,
    lead: i64,
) -> Option<&SigningKeyRecord> {
    let newest = records.iter().max_by_key(|r| (r.activates_at, r.created_at))?;
    (newest.retired_at.is_none() && now + lead >= newest.activates_at + period).then_some(newest)
}

/// Publishes the next key when the current one's period is nearly over. Several nodes may run
/// this at once: one rotates, the others find it done. Returns the new key, if this call made it.
pub async fn rotate_if_due(
    store: &Store,
    master: &MasterKey,
    config: &Config,
    now: i64,
) -> Result<Option<SigningKeyRecord>, KeyError> {
    let records = store.keys().signing_keys().await?;
    let lead = config.key_publish_ahead();
    let Some(current) = rotation_due(&records, now, config.key_rotation_period, lead) else {
        return Ok(None);
    };
    let activates_at = (current.activates_at + config.key_rotation_period).max(now + lead);
    let next = keyring::generate(master, now, activates_at)?;
    let entry = crate::audit::entry(
        Event::success("key.rotated")
            .actor("system")
            .detail(json!({ "kid": next.kid, "activates_at": activates_at, "scheduled": true })),
        now,
    );
    if !store
        .keys()
        .rotate_signing_key_after(&current.kid, &next, &entry)
        .await?
    {
        return Ok(None);
    }
    tracing::info!(kid = %next.kid, activates_at, retiring = %current.kid, "scheduled signing-key rotation");
    Ok(Some(next))
}

pub async fn reload(
    keyring: &Keyring,
    store: &Store,
    master: &MasterKey,
    config: &Config,
    clock: &dyn Clock,
) -> Result<(), KeyError> {
    let set = load(store, master, config, clock.now()).await?;
    keyring.replace(set);
    Ok(())
}

/// Every `key_refresh_interval` seconds until the process ends: rotates when due, then reloads
/// the keyring.
pub fn spawn_refresh(
    keyring: Arc<Keyring>,
    store: Store,
    master: MasterKey,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(config.key_refresh_interval as u64));
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = rotate_if_due(&store, &master, &config, clock.now()).await {
                tracing::warn!(error = %e, "scheduled key rotation failed; trying again later");
            }
            if let Err(e) = reload(&keyring, &store, &master, &config, clock.as_ref()).await {
                tracing::warn!(error = %e, "keyring reload failed; keeping the current keys");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn key(kid: &str, activates_at: i64, retired_at: Option<i64>) -> SigningKeyRecord {
        SigningKeyRecord {
            kid: kid.into(),
            alg: "RS256".into(),
            private_key_sealed: Vec::new(),
            public_jwk: String::new(),
            created_at: activates_at,
            activates_at,
            retired_at,
        }
    }

    #[test]
    fn the_next_key_is_due_one_lead_before_the_period_ends() {
        let keys = [key("a", 0, None)];
        let lead = 70;
        assert!(rotation_due(&keys, 90 * DAY - lead - 1, 90 * DAY, lead).is_none());
        assert_eq!(
            rotation_due(&keys, 90 * DAY - lead, 90 * DAY, lead).map(|k| k.kid.as_str()),
            Some("a")
        );
        assert!(rotation_due(&[], 0, 90 * DAY, lead).is_none());
    }

    #[test]
    fn a_published_next_key_is_not_rotated_again() {
        // "a" retires when "b" starts signing: the period is b's from then on.
        let keys = [key("a", 0, Some(90 * DAY)), key("b", 90 * DAY, None)];
        assert!(rotation_due(&keys, 90 * DAY - 10, 90 * DAY, 70).is_none());
        assert!(rotation_due(&keys, 180 * DAY - 71, 90 * DAY, 70).is_none());
        assert_eq!(
            rotation_due(&keys, 180 * DAY - 70, 90 * DAY, 70).map(|k| k.kid.as_str()),
            Some("b")
        );
    }

    #[test]
    fn an_emergency_rotation_restarts_the_period() {
        // `keys rotate` at day 10: the new key's period runs from its activation.
        let keys = [key("a", 0, Some(10 * DAY)), key("b", 10 * DAY, None)];
        assert!(rotation_due(&keys, 91 * DAY, 90 * DAY, 70).is_none());
        assert!(rotation_due(&keys, 100 * DAY - 70, 90 * DAY, 70).is_some());
    }
}
