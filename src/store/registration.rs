//! Dynamic client registration (RFC 7591 / 7592): initial access tokens and the registration
//! access tokens of the clients registered with them, each stored as a keyed hash.

use super::audit::append;
use super::{ClientReader, ClientStore, Result, conflict_or};
use crate::domain::{AuditEntry, Client, UnixTime};

impl ClientStore {
    /// Stores an initial access token good for `uses` registrations until `expires_at`.
    pub async fn insert_initial_access_token(
        &self,
        id: &str,
        token_hash: &str,
        uses: i64,
        expires_at: Option<UnixTime>,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO initial_access_tokens (id, token_hash, uses_left, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(token_hash)
        .bind(uses)
        .bind(expires_at)
        .bind(now);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Registers `c` with its registration access token, in one commit with its entry and, when
    /// `initial_token_hash` is given, spending one use of that token: an atomic decrement, so
    /// parallel registrations cannot spend more uses than it has. `false` (nothing stored) when
    /// the token is unknown, used up or expired. `Conflict` when the client id is taken.
    pub async fn register_client(
        &self,
        c: &Client,
        registration_token_hash: &str,
        initial_token_hash: Option<&str>,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        if let Some(hash) = initial_token_hash {
            let spent = sqlx::query(
                "UPDATE initial_access_tokens SET uses_left = uses_left - 1 \
                 WHERE token_hash = $1 AND uses_left > 0 AND (expires_at IS NULL OR expires_at > $2)",
            )
            .bind(hash)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if spent == 0 {
                return Ok(false);
            }
        }
        super::clients::insert(c)
            .execute(&mut *tx)
            .await
            .map_err(conflict_or)?;
        sqlx::query("UPDATE clients SET registration_token_hash = $1 WHERE client_id = $2")
            .bind(registration_token_hash)
            .bind(&c.client_id)
            .execute(&mut *tx)
            .await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Replaces the registration access token of a registered client (RFC 7592 §2.2).
    pub async fn set_registration_token_hash(&self, client_id: &str, hash: &str) -> Result<()> {
        sqlx::query("UPDATE clients SET registration_token_hash = $1 WHERE client_id = $2")
            .bind(hash)
            .bind(client_id)
            .execute(&self.store.writer)
            .await?;
        Ok(())
    }
}

impl ClientReader {
    /// Whether `initial_token_hash` names a token with uses left, unexpired at `now`.
    pub async fn initial_access_token_usable(&self, hash: &str, now: UnixTime) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM initial_access_tokens \
             WHERE token_hash = $1 AND uses_left > 0 AND (expires_at IS NULL OR expires_at > $2)",
        )
        .bind(hash)
        .bind(now)
        .fetch_one(&self.store.pool)
        .await?;
        Ok(n > 0)
    }

    /// The hash of a client's registration access token; `None` for a client an administrator
    /// registered (it has none).
    pub async fn registration_token_hash(&self, client_id: &str) -> Result<Option<String>> {
        let hash: Option<Option<String>> =
            sqlx::query_scalar("SELECT registration_token_hash FROM clients WHERE client_id = $1")
                .bind(client_id)
                .fetch_optional(&self.store.pool)
                .await?;
        Ok(hash.flatten())
    }

    /// How many clients registered themselves.
    pub async fn count_registered_clients(&self) -> Result<i64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE registration_token_hash IS NOT NULL")
                .fetch_one(&self.store.pool)
                .await?;
        Ok(n)
    }
}
