//! Remembered devices: browsers that may skip the second factor for a while. Only the SHA-256 of
//! the browser's token is kept.

use crate::store::{DeviceReader, DeviceStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::Result;
use crate::domain::{AuditEntry, UnixTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRecord {
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

fn device(r: &AnyRow) -> Result<DeviceRecord> {
    Ok(DeviceRecord {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        token_hash: r.try_get("token_hash")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        ip: r.try_get("ip")?,
        user_agent: r.try_get("user_agent")?,
    })
}

macro_rules! columns {
    () => {
        "id, user_id, token_hash, created_at, expires_at, ip, user_agent"
    };
}

impl DeviceStore {
    pub async fn insert_device(&self, d: &DeviceRecord, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(concat!(
            "INSERT INTO remembered_devices (",
            columns!(),
            ") VALUES ($1,$2,$3,$4,$5,$6,$7)"
        ))
        .bind(&d.id)
        .bind(&d.user_id)
        .bind(&d.token_hash)
        .bind(d.created_at)
        .bind(d.expires_at)
        .bind(&d.ip)
        .bind(&d.user_agent);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Forgets one of the user's devices; false when the user has none with that id.
    pub async fn delete_device(&self, user_id: &str, id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM remembered_devices WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }
}

impl DeviceReader {
    pub async fn device_by_token_hash(&self, token_hash: &str) -> Result<Option<DeviceRecord>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM remembered_devices WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.store.pool)
        .await?;
        row.as_ref().map(device).transpose()
    }

    /// The user's devices still remembered at `now`, newest first.
    pub async fn user_devices(&self, user_id: &str, now: UnixTime) -> Result<Vec<DeviceRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM remembered_devices WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, id"
        ))
        .bind(user_id)
        .bind(now)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(device).collect()
    }
}
