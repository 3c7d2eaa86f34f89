//! API keys of the admin API: made with roles and an optional expiry, shown once, stored as a
//! keyed hash, recognisable by their prefix (so secret scanners and people can tell one), and
//! revocable. A key's rights are its roles' permissions, never more than its owner's.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::json;

use super::{ManageError, Result};
use crate::audit::{self, Event};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{hmac_hex, random_id, token256};
use crate::domain::rbac::permissions_of;
use crate::domain::{ApiKey, AuditEntry, Clock, Role, User};
use crate::store::{ApiKeyStore, RoleReader, Store, UserReader};

/// Every key begins with this.
pub const PREFIX: &str = "pcak_";

/// How often a key's last use is written.
const TOUCH_EVERY: i64 = 60;

/// The longest life a key may be given: five years.
const MAX_LIFETIME: i64 = 5 * 365 * 86_400;

#[derive(Clone)]
pub struct ApiKeys {
    keys: ApiKeyStore,
    roles: RoleReader,
    users: UserReader,
    master: MasterKey,
    clock: Arc<dyn Clock>,
}

/// A key to make.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    pub name: String,
    pub roles: Vec<Role>,
    /// Seconds from now; `None`: the key does not expire.
    pub expires_in: Option<i64>,
    /// The user making it through the API; `None` from the command line.
    pub owner: Option<User>,
}

/// Who a presented key speaks for, and what it may do now.
#[derive(Debug, Clone)]
pub struct KeyHolder {
    pub key: ApiKey,
    pub permissions: BTreeSet<String>,
}

impl KeyHolder {
    /// The audit log's actor of what the key does.
    pub fn actor(&self) -> String {
        format!("api_key:{}", self.key.id)
    }
}

impl ApiKeys {
    pub fn new(store: &Store, master: MasterKey, clock: Arc<dyn Clock>) -> ApiKeys {
        ApiKeys {
            keys: store.api_keys(),
            roles: store.roles().reader(),
            users: store.users().reader(),
            master,
            clock,
        }
    }

    /// Makes a key; returns it with the secret, which is not kept.
    pub async fn create(&self, new: NewApiKey, actor: &str) -> Result<(ApiKey, String)> {
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.contains(char::is_control) {
            return Err(ManageError::Invalid("name must be 1-100 characters".into()));
        }
        if new.roles.is_empty() {
            return Err(ManageError::Invalid("a key needs at least one role".into()));
        }
        if let Some(s) = new.expires_in
            && !(1..=MAX_LIFETIME).contains(&s)
        {
            return Err(ManageError::Invalid(
                "expires must be between one second and five years".into(),
            ));
        }
        let now = self.clock.now();
        let secret = format!("{PREFIX}{}", token256());
        let key = ApiKey {
            id: random_id(12),
            name: name.to_owned(),
            hint: secret[..PREFIX.len() + 6].to_owned(),
            owner_id: new.owner.map(|u| u.id),
            roles: new.roles,
            created_at: now,
            expires_at: new.expires_in.map(|s| now + s),
            last_used_at: None,
            revoked_at: None,
        };
        let roles: Vec<&str> = key.roles.iter().map(|r| r.name.as_str()).collect();
        let entry = self.entry(
            Event::success("api_key.created").detail(json!({
                "key": key.id, "name": key.name, "roles": roles,
                "owner": key.owner_id, "expires_at": key.expires_at,
            })),
            actor,
        );
        self.keys
            .insert_api_key(&key, &self.hash(&secret), &entry)
            .await?;
        Ok((key, secret))
    }

    pub async fn list(&self) -> Result<Vec<ApiKey>> {
        Ok(self.keys.list_api_keys().await?)
    }

    pub async fn revoke(&self, id: &str, actor: &str) -> Result<()> {
        let entry = self.entry(
            Event::success("api_key.revoked").detail(json!({ "key": id })),
            actor,
        );
        match self.keys.revoke_api_key(id, self.clock.now(), &entry).await? {
            true => Ok(()),
            false => Err(ManageError::NotFound(format!("no usable key {id}"))),
        }
    }

    /// The holder of a presented key, when it is one of ours and usable: its rights are its
    /// roles' permissions, cut down to its owner's current ones (an owner who lost a role, or
    /// can no longer sign in, takes it from their keys too). Read on every call, so a role
    /// change applies at once.
    pub async fn authenticate(&self, presented: &str) -> Result<Option<KeyHolder>> {
        if !presented.starts_with(PREFIX) {
            return Ok(None);
        }
        // Looked up by its keyed hash: the database never compares the secret itself.
        let Some(key) = self.keys.api_key_by_hash(&self.hash(presented)).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        if !key.is_usable(now) {
            return Ok(None);
        }
        let mut permissions = permissions_of(&key.roles);
        if let Some(owner) = &key.owner_id {
            match self.users.user_by_id(owner).await?.filter(User::is_active) {
                Some(u) => {
                    let theirs = permissions_of(&self.roles.user_roles(&u.id).await?);
                    permissions.retain(|p| theirs.contains(p));
                }
                None => return Ok(None),
            }
        }
        // A write at most once a minute per key: a busy script's calls stay reads.
        if key.last_used_at.is_none_or(|t| now - t >= TOUCH_EVERY) {
            self.keys.touch_api_key(&key.id, now).await?;
        }
        Ok(Some(KeyHolder { key, permissions }))
    }

    fn hash(&self, secret: &str) -> String {
        hmac_hex(self.master.secret_hash_key(), secret.as_bytes())
    }

    fn entry(&self, event: Event, actor: &str) -> AuditEntry {
        audit::entry(event.actor(actor), self.clock.now())
    }
}
