//! Relying parties as operators manage them: register, change, give a new secret, delete.
//! A new client and a changed one pass the same metadata rules (metadata.rs); every change
//! commits with its audit entry, which names who made it. Secrets are returned once and stored
//! as keyed hashes only.

pub mod metadata;

use std::sync::Arc;

use serde_json::json;

use super::{ManageError, Result};
use crate::audit::{self, Event};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{random_id, sha256_hex, token256};
use crate::domain::{
    AuditEntry, Client, ClientLinks, ClientLogo, Clock, GrantType, Scope, TokenEndpointAuthMethod,
};
use crate::store::{ClientStore, Store, StoreError};

#[derive(Clone)]
pub struct Clients {
    clients: ClientStore,
    master: MasterKey,
    clock: Arc<dyn Clock>,
}

/// A client to register: its metadata, and optionally the id and secret it is to have (else
/// random ones: 16 bytes of id, 256 bits of secret).
#[derive(Debug, Clone)]
pub struct NewClient {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    /// Empty: the authorization_code and refresh_token grants.
    pub grant_types: Vec<GrantType>,
    pub scope: Scope,
    pub auth_method: TokenEndpointAuthMethod,
    /// A JWK Set (JSON text) for private_key_jwt.
    pub jwks: Option<String>,
    pub jwks_uri: Option<String>,
    pub first_party: bool,
    pub require_mfa: bool,
    pub client_uri: Option<String>,
    pub logo: Option<ClientLogo>,
    /// `logo_uri`, `policy_uri`, `tos_uri`.
    pub links: ClientLinks,
}

/// Changes to a client: `None` leaves a field as it is; lists replace the stored ones.
#[derive(Debug, Clone, Default)]
pub struct ClientChanges {
    pub name: Option<String>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub scope: Option<Scope>,
    pub grant_types: Option<Vec<GrantType>>,
    pub first_party: Option<bool>,
    pub require_mfa: Option<bool>,
    /// `Some("")` removes it.
    pub client_uri: Option<String>,
    pub logo: Option<ClientLogo>,
    /// The client's keys for private_key_jwt: a JWK Set (JSON text), or where to fetch it;
    /// `Some(None)` removes it.
    pub jwks: Option<Option<String>>,
    pub jwks_uri: Option<Option<String>>,
    /// Replaces `logo_uri`, `policy_uri` and `tos_uri` together.
    pub links: Option<ClientLinks>,
}

/// What a change stored, and warnings that did not stop it (plain http outside loopback).
#[derive(Debug, Clone)]
pub struct Stored {
    pub client: Client,
    /// The secret, when one was made: shown once, never stored.
    pub secret: Option<String>,
    pub warnings: Vec<String>,
}

impl Clients {
    pub fn new(store: &Store, master: MasterKey, clock: Arc<dyn Clock>) -> Clients {
        Clients {
            clients: store.clients(),
            master,
            clock,
        }
    }

    pub async fn list(&self) -> Result<Vec<Client>> {
        Ok(self.clients.list_clients().await?)
    }

    pub async fn get(&self, client_id: &str) -> Result<Client> {
        self.clients
            .client(client_id)
            .await?
            .ok_or_else(|| not_found(client_id))
    }

    pub async fn create(&self, new: NewClient, actor: &str) -> Result<Stored> {
        let secret = match (new.auth_method.uses_secret(), new.client_secret) {
            (true, Some(s)) if s.is_empty() => return Err(invalid("client_secret must not be empty")),
            (true, Some(s)) => Some(s),
            (true, None) => Some(token256()),
            (false, Some(_)) => {
                return Err(invalid(format!(
                    "{} clients have no secret",
                    new.auth_method.as_str()
                )));
            }
            (false, None) => None,
        };
        let grant_types = match new.grant_types.is_empty() {
            true => vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
            false => dedup(new.grant_types),
        };
        let client = Client {
            client_id: new.client_id.unwrap_or_else(|| random_id(16)),
            secret_hash: secret.as_deref().map(|s| self.master.client_secret_hash(s)),
            name: new.name,
            redirect_uris: new.redirect_uris,
            post_logout_redirect_uris: new.post_logout_redirect_uris,
            grant_types,
            scope: new.scope,
            auth_method: new.auth_method,
            jwks: new.jwks,
            jwks_uri: new.jwks_uri,
            first_party: new.first_party,
            require_mfa: new.require_mfa,
            created_at: self.clock.now(),
            client_uri: new.client_uri.filter(|u| !u.trim().is_empty()),
            logo_version: None,
            links: new.links,
        };
        let warnings = metadata::check(&client).map_err(|e| ManageError::Invalid(e.0))?;
        let entry = self.entry(Event::success("client.created").client(&client.client_id), actor);
        self.clients
            .insert_client(&client, &entry)
            .await
            .map_err(|e| match e {
                StoreError::Conflict => {
                    ManageError::Conflict(format!("client {} already exists", client.client_id))
                }
                e => e.into(),
            })?;
        if let Some(logo) = &new.logo {
            self.save_logo(&client.client_id, logo, actor).await?;
        }
        Ok(Stored {
            client: self.get(&client.client_id).await?,
            secret,
            warnings,
        })
    }

    pub async fn update(&self, client_id: &str, changes: ClientChanges, actor: &str) -> Result<Stored> {
        let (changed, fields) = apply(self.get(client_id).await?, changes.clone());
        if fields.is_empty() && changes.logo.is_none() {
            return Err(ManageError::NothingToChange);
        }
        let warnings = metadata::check(&changed).map_err(|e| ManageError::Invalid(e.0))?;
        if !fields.is_empty() {
            let entry = self.entry(
                Event::success("client.updated")
                    .client(client_id)
                    .detail(json!({ "fields": fields })),
                actor,
            );
            if !self.clients.update_client(&changed, &entry).await? {
                return Err(not_found(client_id));
            }
        }
        if let Some(logo) = &changes.logo {
            self.save_logo(client_id, logo, actor).await?;
        }
        Ok(Stored {
            client: self.get(client_id).await?,
            secret: None,
            warnings,
        })
    }

    /// A new secret for a client that authenticates with one; the old one stops working.
    pub async fn rotate_secret(&self, client_id: &str, actor: &str) -> Result<String> {
        let client = self.get(client_id).await?;
        if !client.auth_method.uses_secret() {
            return Err(invalid(format!(
                "client {client_id} authenticates with {}: it has no secret to rotate",
                client.auth_method.as_str()
            )));
        }
        let secret = token256();
        let entry = self.entry(Event::success("client.secret_rotated").client(client_id), actor);
        let hash = self.master.client_secret_hash(&secret);
        match self
            .clients
            .set_client_secret_hash(client_id, &hash, &entry)
            .await?
        {
            true => Ok(secret),
            false => Err(not_found(client_id)),
        }
    }

    /// Deletes the client and everything issued to it.
    pub async fn delete(&self, client_id: &str, actor: &str) -> Result<()> {
        let entry = self.entry(Event::success("client.deleted").client(client_id), actor);
        match self.clients.delete_client(client_id, &entry).await? {
            true => Ok(()),
            false => Err(not_found(client_id)),
        }
    }

    /// Stores the logo with a version derived from its bytes (the pages' cache-busting key).
    async fn save_logo(&self, client_id: &str, logo: &ClientLogo, actor: &str) -> Result<()> {
        let version = sha256_hex(&logo.body)[..16].to_owned();
        let entry = self.entry(
            Event::success("client.updated")
                .client(client_id)
                .detail(json!({ "fields": ["logo"], "content_type": logo.content_type })),
            actor,
        );
        let now = self.clock.now();
        Ok(self
            .clients
            .set_client_logo(client_id, logo, &version, now, &entry)
            .await?)
    }

    fn entry(&self, event: Event, actor: &str) -> AuditEntry {
        audit::entry(event.actor(actor), self.clock.now())
    }
}

/// The client with `changes` applied, and the metadata names of the fields changed.
fn apply(mut c: Client, changes: ClientChanges) -> (Client, Vec<&'static str>) {
    let mut fields = Vec::new();
    if let Some(name) = changes.name {
        c.name = name;
        fields.push("client_name");
    }
    if let Some(uris) = changes.redirect_uris {
        c.redirect_uris = uris;
        fields.push("redirect_uris");
    }
    if let Some(uris) = changes.post_logout_redirect_uris {
        c.post_logout_redirect_uris = uris;
        fields.push("post_logout_redirect_uris");
    }
    if let Some(scope) = changes.scope {
        c.scope = scope;
        fields.push("scope");
    }
    if let Some(grants) = changes.grant_types {
        c.grant_types = dedup(grants);
        fields.push("grant_types");
    }
    if let Some(first_party) = changes.first_party {
        c.first_party = first_party;
        fields.push("first_party");
    }
    if let Some(require_mfa) = changes.require_mfa {
        c.require_mfa = require_mfa;
        fields.push("require_mfa");
    }
    if let Some(uri) = changes.client_uri {
        c.client_uri = Some(uri).filter(|u| !u.trim().is_empty());
        fields.push("client_uri");
    }
    if let Some(jwks) = changes.jwks {
        c.jwks = jwks;
        fields.push("jwks");
    }
    if let Some(uri) = changes.jwks_uri {
        c.jwks_uri = uri;
        fields.push("jwks_uri");
    }
    if let Some(links) = changes.links {
        c.links = links;
        fields.push("links");
    }
    (c, fields)
}

/// Each grant once, in the order given.
fn dedup(grants: Vec<GrantType>) -> Vec<GrantType> {
    let mut out = Vec::new();
    for g in grants {
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

fn invalid(msg: impl Into<String>) -> ManageError {
    ManageError::Invalid(msg.into())
}

fn not_found(client_id: &str) -> ManageError {
    ManageError::NotFound(format!("no client {client_id}"))
}
