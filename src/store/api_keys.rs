//! API keys of the admin API and the roles they carry.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::audit::append;
use super::{ApiKeyReader, ApiKeyStore, Result};
use crate::domain::{ApiKey, AuditEntry, UnixTime};

macro_rules! columns {
    () => {
        "k.id, k.name, k.hint, k.owner_id, k.created_at, k.expires_at, k.last_used_at, k.revoked_at"
    };
}

fn key(row: &AnyRow) -> Result<ApiKey> {
    Ok(ApiKey {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        hint: row.try_get("hint")?,
        owner_id: row.try_get("owner_id")?,
        roles: Vec::new(),
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

impl ApiKeyStore {
    /// Stores a key (its hash) with its roles, in one transaction with `entry`.
    pub async fn insert_api_key(&self, k: &ApiKey, secret_hash: &str, entry: &AuditEntry) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query(
            "INSERT INTO api_keys (id, name, secret_hash, hint, owner_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&k.id)
        .bind(&k.name)
        .bind(secret_hash)
        .bind(&k.hint)
        .bind(&k.owner_id)
        .bind(k.created_at)
        .bind(k.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(super::conflict_or)?;
        for r in &k.roles {
            sqlx::query("INSERT INTO api_key_roles (key_id, role_id) VALUES ($1, $2)")
                .bind(&k.id)
                .bind(&r.id)
                .execute(&mut *tx)
                .await?;
        }
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Revokes a key; `false` when there is none or it was revoked already.
    pub async fn revoke_api_key(&self, id: &str, now: UnixTime, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Records a use (the caller decides how often).
    pub async fn touch_api_key(&self, id: &str, now: UnixTime) -> Result<()> {
        sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.store.writer)
            .await?;
        Ok(())
    }
}

impl ApiKeyReader {
    /// The key whose hash is `secret_hash`, with its roles.
    pub async fn api_key_by_hash(&self, secret_hash: &str) -> Result<Option<ApiKey>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM api_keys k WHERE k.secret_hash = $1"
        ))
        .bind(secret_hash)
        .fetch_optional(&self.store.pool)
        .await?;
        match row.as_ref().map(key).transpose()? {
            Some(k) => Ok(Some(self.with_roles(k).await?)),
            None => Ok(None),
        }
    }

    /// Every key, newest first, with its roles.
    pub async fn list_api_keys(&self) -> Result<Vec<ApiKey>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM api_keys k ORDER BY k.created_at DESC, k.id"
        ))
        .fetch_all(&self.store.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.with_roles(key(r)?).await?);
        }
        Ok(out)
    }

    async fn with_roles(&self, mut k: ApiKey) -> Result<ApiKey> {
        k.roles = self.store.roles().key_roles(&k.id).await?;
        Ok(k)
    }
}
