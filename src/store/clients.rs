//! The clients (relying parties) aggregate.

use std::time::Instant;

use sqlx::Row;
use sqlx::any::AnyRow;

use super::client_cache::Lookup;
use super::{ClientReader, ClientStore, Result, StoreError, flag, json_list, to_json};
use crate::domain::{
    AuditEntry, Client, ClientLinks, ClientLogo, GrantType, Scope, TokenEndpointAuthMethod, UnixTime,
};

macro_rules! columns {
    () => {
        "client_id, secret_hash, name, redirect_uris, post_logout_redirect_uris, grant_types, \
     scope, auth_method, jwks, jwks_uri, first_party, created_at, client_uri, require_mfa, \
     logo_uri, policy_uri, tos_uri"
    };
}

/// The columns of a read: the stored ones and the version of the client's logo.
macro_rules! select {
    () => {
        concat!(
            "SELECT ",
            columns!(),
            ", (SELECT l.version FROM client_logos l WHERE l.client_id = clients.client_id) AS logo_version \
             FROM clients"
        )
    };
}

fn client(row: &AnyRow) -> Result<Client> {
    let grant_types = json_list(row, "grant_types")?
        .iter()
        .map(|g| GrantType::parse(g).ok_or_else(|| StoreError::Corrupt(format!("grant type {g}"))))
        .collect::<Result<_>>()?;
    let method: String = row.try_get("auth_method")?;
    Ok(Client {
        client_id: row.try_get("client_id")?,
        secret_hash: row.try_get("secret_hash")?,
        name: row.try_get("name")?,
        redirect_uris: json_list(row, "redirect_uris")?,
        post_logout_redirect_uris: json_list(row, "post_logout_redirect_uris")?,
        grant_types,
        scope: Scope::parse(&row.try_get::<String, _>("scope")?),
        auth_method: TokenEndpointAuthMethod::parse(&method)
            .ok_or_else(|| StoreError::Corrupt(format!("auth method {method}")))?,
        jwks: row.try_get("jwks")?,
        jwks_uri: row.try_get("jwks_uri")?,
        first_party: flag(row, "first_party")?,
        require_mfa: flag(row, "require_mfa")?,
        created_at: row.try_get("created_at")?,
        client_uri: row.try_get("client_uri")?,
        logo_version: row.try_get("logo_version")?,
        links: ClientLinks {
            logo_uri: row.try_get("logo_uri")?,
            policy_uri: row.try_get("policy_uri")?,
            tos_uri: row.try_get("tos_uri")?,
        },
    })
}

/// The INSERT of a client's row.
pub(super) fn insert(c: &Client) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
    let grants: Vec<&str> = c.grant_types.iter().map(|g| g.as_str()).collect();
    sqlx::query(concat!(
        "INSERT INTO clients (",
        columns!(),
        ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"
    ))
    .bind(&c.client_id)
    .bind(&c.secret_hash)
    .bind(&c.name)
    .bind(to_json(&c.redirect_uris))
    .bind(to_json(&c.post_logout_redirect_uris))
    .bind(to_json(&grants))
    .bind(c.scope.to_string())
    .bind(c.auth_method.as_str())
    .bind(&c.jwks)
    .bind(&c.jwks_uri)
    .bind(c.first_party as i64)
    .bind(c.created_at)
    .bind(&c.client_uri)
    .bind(c.require_mfa as i64)
    .bind(&c.links.logo_uri)
    .bind(&c.links.policy_uri)
    .bind(&c.links.tos_uri)
}

impl ClientStore {
    /// Registers a client with the entry of its creation. `Conflict` when the id is taken.
    pub async fn insert_client(&self, c: &Client, entry: &AuditEntry) -> Result<()> {
        self.store.change(insert(c), entry).await?;
        Ok(())
    }

    /// Replaces the client's metadata (everything but its id, secret, logo and creation time)
    /// with `c`'s; `false` when there is no such client. This process forgets its copy at
    /// once; other nodes read the change within the cache's TTL (see client_cache.rs).
    pub async fn update_client(&self, c: &Client, entry: &AuditEntry) -> Result<bool> {
        let grants: Vec<&str> = c.grant_types.iter().map(|g| g.as_str()).collect();
        let q = sqlx::query(
            "UPDATE clients SET name = $1, redirect_uris = $2, post_logout_redirect_uris = $3, \
             grant_types = $4, scope = $5, auth_method = $6, jwks = $7, jwks_uri = $8, \
             first_party = $9, client_uri = $10, require_mfa = $11, logo_uri = $12, policy_uri = $13, \
             tos_uri = $14 WHERE client_id = $15",
        )
        .bind(&c.name)
        .bind(to_json(&c.redirect_uris))
        .bind(to_json(&c.post_logout_redirect_uris))
        .bind(to_json(&grants))
        .bind(c.scope.to_string())
        .bind(c.auth_method.as_str())
        .bind(&c.jwks)
        .bind(&c.jwks_uri)
        .bind(c.first_party as i64)
        .bind(&c.client_uri)
        .bind(c.require_mfa as i64)
        .bind(&c.links.logo_uri)
        .bind(&c.links.policy_uri)
        .bind(&c.links.tos_uri)
        .bind(&c.client_id);
        let updated = self.store.change(q, entry).await? > 0;
        self.store.clients.forget(&c.client_id);
        Ok(updated)
    }

    /// Replaces the hash of the client's secret: the old secret stops working here at once.
    pub async fn set_client_secret_hash(
        &self,
        client_id: &str,
        secret_hash: &str,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query("UPDATE clients SET secret_hash = $1 WHERE client_id = $2")
            .bind(secret_hash)
            .bind(client_id);
        let updated = self.store.change(q, entry).await? > 0;
        self.store.clients.forget(client_id);
        Ok(updated)
    }

    /// Stores (or replaces) the client's logo under `version`.
    pub async fn set_client_logo(
        &self,
        client_id: &str,
        logo: &ClientLogo,
        version: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO client_logos (client_id, content_type, body, version, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id) DO UPDATE SET \
             content_type = excluded.content_type, body = excluded.body, version = excluded.version, \
             updated_at = excluded.updated_at",
        )
        .bind(client_id)
        .bind(logo.content_type)
        .bind(logo.body.clone())
        .bind(version)
        .bind(now);
        self.store.change(q, entry).await?;
        self.store.clients.forget(client_id);
        Ok(())
    }

    /// Deletes a client and, by cascade, its consents, codes, grants and tokens.
    pub async fn delete_client(&self, client_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM clients WHERE client_id = $1").bind(client_id);
        let deleted = self.store.change(q, entry).await? > 0;
        self.store.clients.forget(client_id);
        Ok(deleted)
    }
}

impl ClientReader {
    /// The client's logo: its content type and bytes.
    pub async fn client_logo(&self, client_id: &str) -> Result<Option<(String, Vec<u8>)>> {
        let row = sqlx::query("SELECT content_type, body FROM client_logos WHERE client_id = $1")
            .bind(client_id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.map(|r| Ok((r.try_get("content_type")?, r.try_get("body")?)))
            .transpose()
    }

    /// The client `client_id`; a copy read within the last seconds when there is one.
    pub async fn client(&self, client_id: &str) -> Result<Option<Client>> {
        let generation = match self.store.clients.lookup(client_id, Instant::now()) {
            Lookup::Hit(c) => return Ok(Some(Client::clone(&c))),
            Lookup::Miss(generation) => generation,
        };
        let read_at = Instant::now();
        let found = self.read_client(client_id).await?;
        if let Some(c) = &found {
            self.store.clients.fill(generation, c, read_at);
        }
        Ok(found)
    }

    async fn read_client(&self, client_id: &str) -> Result<Option<Client>> {
        let row = sqlx::query(concat!(select!(), " WHERE client_id = $1"))
            .bind(client_id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(client).transpose()
    }

    pub async fn list_clients(&self) -> Result<Vec<Client>> {
        let rows = sqlx::query(concat!(select!(), " ORDER BY created_at, client_id"))
            .fetch_all(&self.store.pool)
            .await?;
        rows.iter().map(client).collect()
    }
}
