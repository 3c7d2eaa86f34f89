//! Signing keys as operators manage them: list them with their state, add the next one. The
//! lifecycle itself (first key, scheduled rotation, each node's reload) is `jobs::keys`.

use std::sync::Arc;

use serde_json::json;

use super::{ManageError, Result};
use crate::audit::{self, Event};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::domain::{Clock, SigningKeyRecord, UnixTime};
use crate::jobs::keys::{self, KeyError};
use crate::store::Store;

#[derive(Clone)]
pub struct Keys {
    store: Store,
    master: MasterKey,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
}

/// Where a key is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyState {
    /// Published, not signing yet.
    Next,
    Active,
    /// No longer signing; published while its tokens live.
    Retired,
}

impl KeyState {
    pub fn of(k: &SigningKeyRecord, now: UnixTime) -> KeyState {
        match k.retired_at {
            Some(t) if t <= now => KeyState::Retired,
            _ if k.activates_at > now => KeyState::Next,
            _ => KeyState::Active,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Next => "next",
            KeyState::Active => "active",
            KeyState::Retired => "retired",
        }
    }
}

impl Keys {
    pub fn new(store: Store, master: MasterKey, config: Arc<Config>, clock: Arc<dyn Clock>) -> Keys {
        Keys {
            store,
            master,
            config,
            clock,
        }
    }

    /// Every stored key with its state; the first key is made when there is none, as the
    /// server would at start-up.
    pub async fn list(&self) -> Result<Vec<(SigningKeyRecord, KeyState)>> {
        let now = self.clock.now();
        keys::load(&self.store, &self.master, &self.config, now)
            .await
            .map_err(key_error)?;
        let all = self.store.keys().signing_keys().await?;
        Ok(all
            .into_iter()
            .map(|k| {
                let state = KeyState::of(&k, now);
                (k, state)
            })
            .collect())
    }

    /// Adds a key that signs from `activate_in` seconds on (emergencies; the schedule is
    /// `PORTCULLIS_KEY_ROTATION_PERIOD`); the current one retires when it does.
    pub async fn rotate(&self, activate_in: i64, actor: &str) -> Result<SigningKeyRecord> {
        let now = self.clock.now();
        keys::rotate(&self.store, &self.master, now, activate_in, |next| {
            audit::entry(
                Event::success("key.rotated")
                    .actor(actor)
                    .detail(json!({"kid": next.kid, "activates_at": next.activates_at})),
                now,
            )
        })
        .await
        .map_err(key_error)
    }
}

fn key_error(e: KeyError) -> ManageError {
    match e {
        KeyError::Store(e) => ManageError::Store(e),
        KeyError::Crypto(e) => ManageError::Crypto(e),
    }
}
