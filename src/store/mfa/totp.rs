//! The `mfa_totp` table: a user's authenticator apps (RFC 6238), their secrets sealed.

use crate::store::{MfaReader, MfaStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::domain::{AuditEntry, UnixTime};
use crate::store::Result;

/// A TOTP authenticator as stored.
#[derive(Clone)]
pub struct TotpRecord {
    pub id: String,
    pub user_id: String,
    pub name: String,
    /// The shared secret sealed with [`crate::crypto::encryption::MasterKey::encrypt`].
    pub secret_sealed: Vec<u8>,
    /// The last time step a code was accepted for (RFC 6238 §5.2).
    pub last_step: Option<i64>,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

// The sealed secret stays out of logs even though it is ciphertext.
impl std::fmt::Debug for TotpRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpRecord")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("name", &self.name)
            .field("last_step", &self.last_step)
            .field("created_at", &self.created_at)
            .field("last_used_at", &self.last_used_at)
            .finish_non_exhaustive()
    }
}

macro_rules! columns {
    () => {
        "id, user_id, name, secret, last_step, created_at, last_used_at"
    };
}

fn record(row: &AnyRow) -> Result<TotpRecord> {
    Ok(TotpRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("name")?,
        secret_sealed: row.try_get("secret")?,
        last_step: row.try_get("last_step")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

impl MfaStore {
    /// Adds an authenticator with the entry of its enrolment. An id already taken (the same
    /// enrolment confirmed twice) is [`crate::store::StoreError::Conflict`].
    pub async fn insert_totp(&self, r: &TotpRecord, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(concat!(
            "INSERT INTO mfa_totp (",
            columns!(),
            ") VALUES ($1,$2,$3,$4,$5,$6,$7)"
        ))
        .bind(&r.id)
        .bind(&r.user_id)
        .bind(&r.name)
        .bind(&r.secret_sealed)
        .bind(r.last_step)
        .bind(r.created_at)
        .bind(r.last_used_at);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Records that a code of `step` was accepted, only if no code of that step or a later one
    /// was accepted before: of two requests carrying the same code, one changes the row and the
    /// other finds the step taken (PostgreSQL re-checks the condition after the first commits;
    /// SQLite has one writer). The entry commits with the use, and only then.
    pub async fn use_totp_step(
        &self,
        user_id: &str,
        id: &str,
        step: i64,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE mfa_totp SET last_step = $1, last_used_at = $2 \
             WHERE id = $3 AND user_id = $4 AND (last_step IS NULL OR last_step < $1)",
        )
        .bind(step)
        .bind(now)
        .bind(id)
        .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Renames one of the user's authenticators; false when the user has none with that id.
    pub async fn rename_totp(&self, user_id: &str, id: &str, name: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("UPDATE mfa_totp SET name = $1 WHERE id = $2 AND user_id = $3")
            .bind(name)
            .bind(id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Removes one of the user's authenticators; false when the user has none with that id.
    pub async fn delete_totp(&self, user_id: &str, id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM mfa_totp WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }
}

impl MfaReader {
    /// The user's authenticators, oldest first.
    pub async fn user_totps(&self, user_id: &str) -> Result<Vec<TotpRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM mfa_totp WHERE user_id = $1 ORDER BY created_at, id"
        ))
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(record).collect()
    }
}
