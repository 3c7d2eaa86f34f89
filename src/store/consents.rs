//! Remembered consent: which scopes a user has granted a client.

use crate::store::{ConsentReader, ConsentStore};
use sqlx::Row;

use super::Result;
use super::audit::append;
use crate::domain::{AuditEntry, Scope, UnixTime};

impl ConsentStore {
    /// Records consent to `scope`, adding to what was granted before.
    pub async fn grant_consent(
        &self,
        user_id: &str,
        client_id: &str,
        scope: &Scope,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        // Read inside the transaction: two consents at once must not lose either's scopes.
        let before: Option<String> =
            sqlx::query_scalar("SELECT scope FROM consents WHERE user_id = $1 AND client_id = $2")
                .bind(user_id)
                .bind(client_id)
                .fetch_optional(&mut *tx)
                .await?;
        let merged = match before {
            Some(before) => Scope::parse(&before).union(scope),
            None => scope.clone(),
        };
        sqlx::query(
            "INSERT INTO consents (user_id, client_id, scope, granted_at) VALUES ($1,$2,$3,$4) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
        )
        .bind(user_id)
        .bind(client_id)
        .bind(merged.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl ConsentReader {
    pub async fn consented_scope(&self, user_id: &str, client_id: &str) -> Result<Option<Scope>> {
        let row = sqlx::query("SELECT scope FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .fetch_optional(&self.store.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>("scope"))
            .transpose()?
            .map(|s| Scope::parse(&s)))
    }
}

/// A client the user consented to, for the account page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConsentRecord {
    pub client_id: String,
    pub client_name: String,
    pub scope: String,
    pub granted_at: UnixTime,
}

impl ConsentStore {
    /// Withdraws consent and revokes everything the client holds for the user (its refresh and
    /// access tokens stop working at once). `true` when there was a consent.
    pub async fn revoke_consent(
        &self,
        user_id: &str,
        client_id: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        let r = sqlx::query("DELETE FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND client_id = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
        let revoked = r.rows_affected() == 1;
        if revoked {
            append(&mut tx, entry).await?;
        }
        tx.commit().await?;
        Ok(revoked)
    }
}

impl ConsentReader {
    pub async fn user_consents(&self, user_id: &str) -> Result<Vec<ConsentRecord>> {
        let rows = sqlx::query(
            "SELECT c.client_id, k.name, c.scope, c.granted_at FROM consents c \
             JOIN clients k ON k.client_id = c.client_id WHERE c.user_id = $1 ORDER BY k.name, c.client_id",
        )
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ConsentRecord {
                    client_id: r.try_get("client_id")?,
                    client_name: r.try_get("name")?,
                    scope: r.try_get("scope")?,
                    granted_at: r.try_get("granted_at")?,
                })
            })
            .collect()
    }
}
