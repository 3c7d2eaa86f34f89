//! The signing-key lifecycle: the first key on first run, rotation, and each node's periodic
//! reload so that keys added by another node or by `portcullis keys rotate` are published and used.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::crypto::CryptoError;
use crate::crypto::encryption::MasterKey;
use crate::crypto::keyring::{self, KeySet, Keyring};
use crate::domain::{Clock, SigningKeyRecord};
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
    let records = store.signing_keys().await?;
    let set = KeySet::from_records(&records, master, now, config.max_signed_token_ttl())?;
    if set.active(now).is_some() {
        return Ok(set);
    }
    let first = keyring::generate(master, now, now)?;
    store.insert_signing_key(&first).await?;
    tracing::info!(kid = %first.kid, "generated the first signing key");
    let records = store.signing_keys().await?;
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
) -> Result<SigningKeyRecord, KeyError> {
    let next = keyring::generate(master, now, now + activate_in.max(0))?;
    store.rotate_signing_key(&next).await?;
    tracing::info!(kid = %next.kid, activates_at = next.activates_at, "signing key rotated");
    Ok(next)
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

/// Reloads the keyring every `key_refresh_interval` seconds until the process ends.
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
            if let Err(e) = reload(&keyring, &store, &master, &config, clock.as_ref()).await {
                tracing::warn!(error = %e, "keyring reload failed; keeping the current keys");
            }
        }
    });
}
