//! The signing keys aggregate.

use crate::store::{KeyReader, KeyStore};
use sqlx::Row;

use super::Result;
use super::audit::append;
use crate::domain::{AuditEntry, SigningKeyRecord};

impl KeyStore {
    pub async fn insert_signing_key(&self, k: &SigningKeyRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at, activates_at, retired_at) \
             VALUES ($1,$2,$3,$4,$5,$6,$7)",
        )
        .bind(&k.kid)
        .bind(&k.alg)
        .bind(&k.private_key_sealed)
        .bind(&k.public_jwk)
        .bind(k.created_at)
        .bind(k.activates_at)
        .bind(k.retired_at)
        .execute(&self.store.writer)
        .await?;
        Ok(())
    }

    /// Adds `next` and retires every other unretired key at the moment `next` starts signing.
    pub async fn rotate_signing_key(&self, next: &SigningKeyRecord, entry: &AuditEntry) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query("UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL")
            .bind(next.activates_at)
            .execute(&mut *tx)
            .await?;
        add_next_key(&mut tx, next, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Scheduled rotation: adds `next` and retires `current` when `next` starts signing, only
    /// if `current` is still the newest unretired key. Of several nodes rotating at once, the
    /// first commits and the others find `current` retired and add nothing (PostgreSQL
    /// re-checks the row after the first commit; SQLite has one writer).
    pub async fn rotate_signing_key_after(
        &self,
        current: &str,
        next: &SigningKeyRecord,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        let retired =
            sqlx::query("UPDATE signing_keys SET retired_at = $1 WHERE kid = $2 AND retired_at IS NULL")
                .bind(next.activates_at)
                .bind(current)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if retired != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        add_next_key(&mut tx, next, entry).await?;
        tx.commit().await?;
        Ok(true)
    }
}

impl KeyReader {
    pub async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>> {
        let rows = sqlx::query(
            "SELECT kid, alg, private_key, public_jwk, created_at, activates_at, retired_at \
             FROM signing_keys ORDER BY activates_at, created_at",
        )
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SigningKeyRecord {
                    kid: r.try_get("kid")?,
                    alg: r.try_get("alg")?,
                    private_key_sealed: r.try_get("private_key")?,
                    public_jwk: r.try_get("public_jwk")?,
                    created_at: r.try_get("created_at")?,
                    activates_at: r.try_get("activates_at")?,
                    retired_at: r.try_get("retired_at")?,
                })
            })
            .collect()
    }
}

/// Inserts the key that signs from `next.activates_at`, with the rotation's audit entry.
async fn add_next_key(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    next: &SigningKeyRecord,
    entry: &AuditEntry,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at, activates_at, retired_at) \
         VALUES ($1,$2,$3,$4,$5,$6,NULL)",
    )
    .bind(&next.kid)
    .bind(&next.alg)
    .bind(&next.private_key_sealed)
    .bind(&next.public_jwk)
    .bind(next.created_at)
    .bind(next.activates_at)
    .execute(&mut **tx)
    .await?;
    append(tx, entry).await
}
