//! Remembered consent: which scopes a user has granted a client.

use sqlx::Row;

use super::{Result, Store};
use crate::domain::{Scope, UnixTime};

impl Store {
    pub async fn consented_scope(&self, user_id: &str, client_id: &str) -> Result<Option<Scope>> {
        let row = sqlx::query("SELECT scope FROM consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id)
            .bind(client_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>("scope"))
            .transpose()?
            .map(|s| Scope::parse(&s)))
    }

    /// Records consent to `scope`, adding to what was granted before.
    pub async fn grant_consent(
        &self,
        user_id: &str,
        client_id: &str,
        scope: &Scope,
        now: UnixTime,
    ) -> Result<()> {
        let merged = match self.consented_scope(user_id, client_id).await? {
            Some(before) => before.union(scope),
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
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
