//! The `mfa_setup` table: where a user without a second factor stands on setting one up.

use crate::store::{MfaReader, MfaStore};
use sqlx::Row;

use crate::domain::{AuditEntry, UnixTime};
use crate::store::Result;

/// When the guided set-up was last put off, and since when the MFA policy has required a
/// factor of the user (the start of the grace period). Both `None` for a user never asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetupRecord {
    pub offered_at: Option<UnixTime>,
    pub required_since: Option<UnixTime>,
}

impl MfaStore {
    /// The user put the set-up off at `now`.
    pub async fn mfa_setup_put_off(&self, user_id: &str, now: UnixTime, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO mfa_setup (user_id, offered_at) VALUES ($1, $2) \
             ON CONFLICT (user_id) DO UPDATE SET offered_at = excluded.offered_at",
        )
        .bind(user_id)
        .bind(now);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// The MFA policy requires a factor of the user from `now`, unless it already did: the
    /// grace period starts once.
    pub async fn mfa_required_from(&self, user_id: &str, now: UnixTime) -> Result<()> {
        sqlx::query(
            "INSERT INTO mfa_setup (user_id, required_since) VALUES ($1, $2) \
             ON CONFLICT (user_id) DO UPDATE \
             SET required_since = COALESCE(mfa_setup.required_since, excluded.required_since)",
        )
        .bind(user_id)
        .bind(now)
        .execute(&self.store.writer)
        .await?;
        Ok(())
    }
}

impl MfaReader {
    pub async fn mfa_setup(&self, user_id: &str) -> Result<SetupRecord> {
        let row = sqlx::query("SELECT offered_at, required_since FROM mfa_setup WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&self.store.pool)
            .await?;
        match row {
            Some(r) => Ok(SetupRecord {
                offered_at: r.try_get("offered_at")?,
                required_since: r.try_get("required_since")?,
            }),
            None => Ok(SetupRecord::default()),
        }
    }
}
