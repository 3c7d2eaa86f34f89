//! "Don't ask again on this device": a browser that passed a second factor may skip it for
//! `PORTCULLIS_REMEMBER_DEVICE_TTL`, for logins whose only reason to ask is the MFA policy. It
//! never answers an explicit request (`acr_values`, an essential `acr`, `max_age`); a password
//! change or reset forgets every device; the account page lists them and forgets one.

use serde_json::json;

use super::{Accounts, AuthnError, Result};
use crate::audit::Event;
use crate::crypto::secrets::{random_token, sha256_hex, token256};
use crate::domain::{Origin, UnixTime, User};
use crate::store::{DeviceRecord, Store, StoreError};

/// The cookie holding a remembered device's token; on https `Config::cookie_name` gives it the
/// `__Host-` prefix.
pub const DEVICE_COOKIE: &str = "portcullis_device";

/// Whether the browser holding `token` is a remembered device of `user_id` at `now`.
pub async fn remembers(
    store: &Store,
    token: Option<&str>,
    user_id: &str,
    now: UnixTime,
) -> std::result::Result<bool, StoreError> {
    let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= 128) else {
        return Ok(false);
    };
    let device = store
        .devices()
        .device_by_token_hash(&sha256_hex(token.as_bytes()))
        .await?;
    Ok(device.is_some_and(|d| d.user_id == user_id && d.expires_at > now))
}

impl Accounts {
    /// Remembers this browser for the user; the cookie value and its lifetime. `None` when the
    /// deployment does not offer it.
    pub async fn remember_device(&self, user: &User, origin: &Origin) -> Result<Option<(String, i64)>> {
        let Some(ttl) = self.config.remember_device else {
            return Ok(None);
        };
        let token = token256();
        let now = self.now();
        let d = DeviceRecord {
            id: random_token(16),
            user_id: user.id.clone(),
            token_hash: sha256_hex(token.as_bytes()),
            created_at: now,
            expires_at: now + ttl,
            ip: origin.ip.clone(),
            user_agent: origin
                .user_agent
                .as_ref()
                .map(|ua| ua.chars().take(512).collect()),
        };
        let entry = self.audit.entry(
            Event::success("mfa.device.remembered")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "device": d.id, "until": d.expires_at })),
        );
        self.store.devices().insert_device(&d, &entry).await?;
        Ok(Some((token, ttl)))
    }

    pub async fn remembered_devices(&self, user: &User) -> Result<Vec<DeviceRecord>> {
        Ok(self.store.devices().user_devices(&user.id, self.now()).await?)
    }

    /// Forgets one of the user's devices; `InvalidCode` when it is not theirs.
    pub async fn forget_device(&self, user: &User, id: &str, origin: &Origin) -> Result<()> {
        let entry = self.audit.entry(
            Event::success("mfa.device.forgotten")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "device": id })),
        );
        match self.store.devices().delete_device(&user.id, id, &entry).await? {
            true => Ok(()),
            false => Err(AuthnError::InvalidCode),
        }
    }
}
