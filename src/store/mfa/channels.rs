//! The `mfa_channels` table: which of mail and text messages a user chose for second-factor
//! codes.

use crate::store::{MfaReader, MfaStore};
use sqlx::Row;

use crate::domain::{AuditEntry, UnixTime};
use crate::store::Result;

/// A user's chosen channel: its name ('email' or 'sms') and times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRecord {
    pub channel: String,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

impl MfaStore {
    /// Turns `channel` on for the user; false when it was on already.
    pub async fn add_mfa_channel(
        &self,
        user_id: &str,
        channel: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "INSERT INTO mfa_channels (user_id, channel, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, channel) DO NOTHING",
        )
        .bind(user_id)
        .bind(channel)
        .bind(now);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Turns `channel` off; false when it was not on.
    pub async fn delete_mfa_channel(&self, user_id: &str, channel: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM mfa_channels WHERE user_id = $1 AND channel = $2")
            .bind(user_id)
            .bind(channel);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Records a code of `channel` accepted at sign-in, with the use's entry.
    pub async fn use_mfa_channel(
        &self,
        user_id: &str,
        channel: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query("UPDATE mfa_channels SET last_used_at = $1 WHERE user_id = $2 AND channel = $3")
            .bind(now)
            .bind(user_id)
            .bind(channel);
        Ok(self.store.change(q, entry).await? == 1)
    }
}

impl MfaReader {
    pub async fn mfa_channels(&self, user_id: &str) -> Result<Vec<ChannelRecord>> {
        let rows = sqlx::query(
            "SELECT channel, created_at, last_used_at FROM mfa_channels WHERE user_id = $1 ORDER BY channel",
        )
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ChannelRecord {
                    channel: r.try_get("channel")?,
                    created_at: r.try_get("created_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                })
            })
            .collect()
    }
}
