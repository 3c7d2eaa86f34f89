//! The server's half of a ceremony between its start and its finish: webauthn-rs's state
//! (the challenge, and for an authentication the credentials it may use), kept in the cache
//! under a random ceremony id and taken out once.
//!
//! webauthn-rs warns that this state must stay on the server: a client holding it could
//! replay an old challenge with its signed answer. It is therefore never sent to the browser;
//! only its id is, and `take` deletes it, so each challenge is answered at most once.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyAuthentication, PasskeyRegistration, SecurityKeyAuthentication,
    SecurityKeyRegistration,
};

use super::CredentialKind;
use crate::cache::{Cache, CacheError};
use crate::crypto::secrets::token256;
use crate::domain::{Clock, UnixTime};

/// Seconds a ceremony may take: the authenticator timeout WebAuthn §5.4.1 recommends (and
/// webauthn-rs's default), time enough to find a key, plug it in and type its PIN.
pub const LIFETIME: u64 = 300;

/// A ceremony in progress.
#[derive(Serialize, Deserialize)]
pub(super) struct Ceremony {
    /// The user it was started for; none for a discoverable authentication, whose user is
    /// learned from the credential.
    pub user_id: Option<String>,
    pub expires_at: UnixTime,
    pub state: State,
}

#[derive(Serialize, Deserialize)]
pub(super) enum State {
    /// A registration (WebAuthn §7.1), with the user handle given to the authenticator.
    Registration {
        user_handle: Uuid,
        registration: Registration,
    },
    /// A second factor of a known user whose credentials are all passkeys.
    Passkeys(PasskeyAuthentication),
    /// A second factor of a known user with at least one security key.
    SecurityKeys(SecurityKeyAuthentication),
    /// A passwordless sign-in: any discoverable credential, user verification required.
    Discoverable(DiscoverableAuthentication),
}

#[derive(Serialize, Deserialize)]
pub(super) enum Registration {
    Passkey(PasskeyRegistration),
    SecurityKey(SecurityKeyRegistration),
}

impl Registration {
    pub fn kind(&self) -> CredentialKind {
        match self {
            Registration::Passkey(_) => CredentialKind::Passkey,
            Registration::SecurityKey(_) => CredentialKind::SecurityKey,
        }
    }
}

fn key(id: &str) -> String {
    format!("webauthn:ceremony:{id}")
}

/// Where ceremonies are kept, and for how long they count.
#[derive(Clone)]
pub(super) struct Ceremonies {
    pub cache: Arc<dyn Cache>,
    pub clock: Arc<dyn Clock>,
}

impl Ceremonies {
    /// Keeps a ceremony for [`LIFETIME`] seconds; its id, 256 random bits, for the browser.
    pub async fn put(&self, user_id: Option<&str>, state: State) -> Result<String, CacheError> {
        let id = token256();
        let ceremony = Ceremony {
            user_id: user_id.map(str::to_owned),
            expires_at: self.clock.now() + LIFETIME as i64,
            state,
        };
        let json = serde_json::to_vec(&ceremony).map_err(|_| CacheError::Encode)?;
        self.cache
            .set(&key(&id), &json, Duration::from_secs(LIFETIME))
            .await?;
        Ok(id)
    }

    /// Takes the ceremony `id` out of the cache: a second call finds nothing. None when it is
    /// unknown, taken already or past its time (by our clock, not only the cache's expiry).
    pub async fn take(&self, id: &str) -> Result<Option<Ceremony>, CacheError> {
        if id.is_empty() || id.len() > 64 {
            return Ok(None);
        }
        let Some(raw) = self.cache.take(&key(id)).await? else {
            return Ok(None);
        };
        // A state written by another version of webauthn-rs that no longer reads: the user
        // starts again, as after an expiry.
        let Ok(ceremony) = serde_json::from_slice::<Ceremony>(&raw) else {
            return Ok(None);
        };
        Ok((self.clock.now() <= ceremony.expires_at).then_some(ceremony))
    }
}
