//! The SSO sessions aggregate. The browser holds a random token; only its hash is stored.

use crate::store::{SessionReader, SessionStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::audit::append;
use super::{Result, StoreError};
use crate::domain::{AuditEntry, FactorUse, Method, Session, UnixTime};

macro_rules! columns {
    () => {
        "id, token_hash, user_id, auth_time, acr, amr, created_at, last_seen_at, expires_at, \
     ended_at, ip, user_agent, factors"
    };
}

fn session(row: &AnyRow) -> Result<Session> {
    Ok(Session {
        id: row.try_get("id")?,
        token_hash: row.try_get("token_hash")?,
        user_id: row.try_get("user_id")?,
        auth_time: row.try_get("auth_time")?,
        acr: row.try_get("acr")?,
        amr: super::json_list(row, "amr")?,
        factors: factors(row)?,
        created_at: row.try_get("created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        expires_at: row.try_get("expires_at")?,
        ended_at: row.try_get("ended_at")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
    })
}

/// A session from before factors were recorded ('[]') was a password login at its auth_time.
fn factors(row: &AnyRow) -> Result<Vec<FactorUse>> {
    let raw: String = row.try_get("factors")?;
    let mut f: Vec<FactorUse> =
        serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(format!("factors: {e}")))?;
    if f.is_empty() {
        f.push(FactorUse {
            method: Method::Password,
            at: row.try_get("auth_time")?,
        });
    }
    Ok(f)
}

impl SessionStore {
    /// Adds a session with the entry of the login that made it.
    pub async fn insert_session(&self, s: &Session, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(concat!(
            "INSERT INTO sessions (",
            columns!(),
            ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)"
        ))
        .bind(&s.id)
        .bind(&s.token_hash)
        .bind(&s.user_id)
        .bind(s.auth_time)
        .bind(&s.acr)
        .bind(super::to_json(&s.amr))
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .bind(s.expires_at)
        .bind(s.ended_at)
        .bind(&s.ip)
        .bind(&s.user_agent)
        .bind(super::to_json(&s.factors));
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Records a step-up in a live session: its new factors, `acr`, `amr` and `auth_time`, and
    /// a new token (the old cookie stops working, as after any change of privilege). `false`
    /// when the session ended meanwhile.
    pub async fn raise_session(&self, s: &Session, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE sessions SET token_hash = $1, auth_time = $2, acr = $3, amr = $4, factors = $5 \
             WHERE id = $6 AND user_id = $7 AND ended_at IS NULL",
        )
        .bind(&s.token_hash)
        .bind(s.auth_time)
        .bind(&s.acr)
        .bind(super::to_json(&s.amr))
        .bind(super::to_json(&s.factors))
        .bind(&s.id)
        .bind(&s.user_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    pub async fn touch_session(&self, id: &str, now: UnixTime) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&self.store.writer)
            .await?;
        Ok(())
    }

    /// Ends a session and revokes the grants bound to it (all but offline_access grants). The
    /// entry (a logout, a revocation) is kept if this call ended it; a session replaced by a
    /// new login ends without one.
    pub async fn end_session(&self, id: &str, now: UnixTime, entry: Option<&AuditEntry>) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        let ended = sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query(
            "UPDATE grants SET revoked_at = $1 WHERE session_id = $2 AND offline = 0 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let (1, Some(entry)) = (ended, entry) {
            append(&mut tx, entry).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl SessionReader {
    pub async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM sessions WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.store.pool)
        .await?;
        row.as_ref().map(session).transpose()
    }

    pub async fn session(&self, id: &str) -> Result<Option<Session>> {
        let row = sqlx::query(concat!("SELECT ", columns!(), " FROM sessions WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(session).transpose()
    }
}

impl SessionReader {
    /// The user's sessions that have not ended and are inside their absolute lifetime, newest
    /// first. (Idle ones are filtered by the caller, which knows the idle timeout.)
    pub async fn user_sessions(&self, user_id: &str, now: UnixTime) -> Result<Vec<Session>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM sessions WHERE user_id = $1 AND ended_at IS NULL AND expires_at > $2 \
             ORDER BY last_seen_at DESC, id"
        ))
        .bind(user_id)
        .bind(now)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(session).collect()
    }
}
