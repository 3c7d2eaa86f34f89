//! Grants and the tokens issued under them: refresh tokens (one rotation family per grant) and
//! the access-token records that make revocation possible.

use crate::store::{GrantReader, GrantStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::Result;
use crate::domain::{Scope, UnixTime};

#[derive(Debug, Clone)]
pub struct Grant {
    pub id: String,
    pub user_id: String,
    pub client_id: String,
    pub session_id: String,
    /// offline_access: the grant outlives the SSO session.
    pub offline: bool,
    pub scope: Scope,
    pub claims: Option<String>,
    pub auth_time: UnixTime,
    pub acr: String,
    pub amr: Vec<String>,
    pub created_at: UnixTime,
    pub revoked_at: Option<UnixTime>,
}

#[derive(Debug, Clone)]
pub struct RefreshTokenRecord {
    pub token_hash: String,
    pub grant_id: String,
    pub client_id: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub rotated_at: Option<UnixTime>,
}

/// What happened when a refresh token was presented for rotation.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// First use: the token is now rotated.
    Rotated,
    /// Already rotated, but within the grace window for concurrent requests.
    WithinGrace,
    /// Already rotated before the grace window: a replay.
    Reused,
}

macro_rules! grant_columns {
    () => {
        "id, user_id, client_id, session_id, offline, scope, claims, auth_time, acr, amr, created_at, revoked_at"
    };
}

fn grant(r: &AnyRow) -> Result<Grant> {
    Ok(Grant {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        client_id: r.try_get("client_id")?,
        session_id: r.try_get("session_id")?,
        offline: super::flag(r, "offline")?,
        scope: Scope::parse(&r.try_get::<String, _>("scope")?),
        claims: r.try_get("claims")?,
        auth_time: r.try_get("auth_time")?,
        acr: r.try_get("acr")?,
        amr: super::json_list(r, "amr")?,
        created_at: r.try_get("created_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

/// An access token issued under a grant, recorded so that revoking the grant revokes it.
#[derive(Debug, Clone)]
pub struct AccessTokenRow<'a> {
    pub jti: &'a str,
    pub client_id: &'a str,
    pub expires_at: UnixTime,
}

impl GrantStore {
    /// Creates a grant with its first tokens, in one transaction.
    pub async fn insert_grant(
        &self,
        g: &Grant,
        refresh: Option<&RefreshTokenRecord>,
        access: &AccessTokenRow<'_>,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query(concat!(
            "INSERT INTO grants (",
            grant_columns!(),
            ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
        ))
        .bind(&g.id)
        .bind(&g.user_id)
        .bind(&g.client_id)
        .bind(&g.session_id)
        .bind(g.offline as i64)
        .bind(g.scope.to_string())
        .bind(&g.claims)
        .bind(g.auth_time)
        .bind(&g.acr)
        .bind(super::to_json(&g.amr))
        .bind(g.created_at)
        .bind(g.revoked_at)
        .execute(&mut *tx)
        .await?;
        if let Some(r) = refresh {
            insert_refresh(&mut tx, r).await?;
        }
        insert_access(&mut tx, &g.id, access).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the tokens issued by a refresh: the new refresh token and access token.
    pub async fn insert_rotated_tokens(
        &self,
        grant_id: &str,
        refresh: Option<&RefreshTokenRecord>,
        access: &AccessTokenRow<'_>,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        insert_access(&mut tx, grant_id, access).await?;
        if let Some(r) = refresh {
            insert_refresh(&mut tx, r).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Revokes a grant: its refresh-token family and its access tokens stop working.
    pub async fn revoke_grant(&self, id: &str, now: UnixTime) -> Result<()> {
        sqlx::query("UPDATE grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&self.store.writer)
            .await?;
        Ok(())
    }

    /// Rotates a refresh token atomically: of two concurrent uses only one sees `Rotated`.
    pub async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        now: UnixTime,
        grace: i64,
    ) -> Result<RefreshOutcome> {
        let first = sqlx::query(
            "UPDATE refresh_tokens SET rotated_at = $1 WHERE token_hash = $2 AND rotated_at IS NULL",
        )
        .bind(now)
        .bind(token_hash)
        .execute(&self.store.writer)
        .await?
        .rows_affected()
            == 1;
        if first {
            return Ok(RefreshOutcome::Rotated);
        }
        let rotated_at: Option<i64> =
            sqlx::query("SELECT rotated_at FROM refresh_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.store.writer)
                .await?
                .map(|r| r.try_get("rotated_at"))
                .transpose()?
                .flatten();
        Ok(match rotated_at {
            Some(t) if now - t <= grace => RefreshOutcome::WithinGrace,
            _ => RefreshOutcome::Reused,
        })
    }

    /// RFC 7009: marks an access token revoked until it expires.
    pub async fn revoke_access_token(&self, a: &AccessTokenRow<'_>, now: UnixTime) -> Result<()> {
        sqlx::query(
            "INSERT INTO access_tokens (jti, grant_id, client_id, expires_at, revoked_at) VALUES ($1, NULL, $2, $3, $4) \
             ON CONFLICT (jti) DO UPDATE SET revoked_at = excluded.revoked_at",
        )
        .bind(a.jti)
        .bind(a.client_id)
        .bind(a.expires_at)
        .bind(now)
        .execute(&self.store.writer)
        .await?;
        Ok(())
    }
}

impl GrantReader {
    pub async fn grant(&self, id: &str) -> Result<Option<Grant>> {
        let row = sqlx::query(concat!("SELECT ", grant_columns!(), " FROM grants WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(grant).transpose()
    }

    pub async fn refresh_token(&self, token_hash: &str) -> Result<Option<RefreshTokenRecord>> {
        let row = sqlx::query(
            "SELECT token_hash, grant_id, client_id, created_at, expires_at, rotated_at \
             FROM refresh_tokens WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.store.pool)
        .await?;
        row.map(|r| {
            Ok(RefreshTokenRecord {
                token_hash: r.try_get("token_hash")?,
                grant_id: r.try_get("grant_id")?,
                client_id: r.try_get("client_id")?,
                created_at: r.try_get("created_at")?,
                expires_at: r.try_get("expires_at")?,
                rotated_at: r.try_get("rotated_at")?,
            })
        })
        .transpose()
    }

    /// The revocation state of an access token: `None` when there is no record of it (a
    /// self-contained token never revoked), else whether it or its grant was revoked.
    pub async fn access_token_revoked(&self, jti: &str) -> Result<Option<bool>> {
        let row = sqlx::query(
            "SELECT a.revoked_at AS token_revoked, g.revoked_at AS grant_revoked \
             FROM access_tokens a LEFT JOIN grants g ON g.id = a.grant_id WHERE a.jti = $1",
        )
        .bind(jti)
        .fetch_optional(&self.store.pool)
        .await?;
        row.map(|r| {
            let t: Option<i64> = r.try_get("token_revoked")?;
            let g: Option<i64> = r.try_get("grant_revoked")?;
            Ok(t.is_some() || g.is_some())
        })
        .transpose()
    }
}

async fn insert_refresh(tx: &mut sqlx::Transaction<'_, sqlx::Any>, r: &RefreshTokenRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, grant_id, client_id, created_at, expires_at, rotated_at) \
         VALUES ($1,$2,$3,$4,$5,$6)",
    )
    .bind(&r.token_hash)
    .bind(&r.grant_id)
    .bind(&r.client_id)
    .bind(r.created_at)
    .bind(r.expires_at)
    .bind(r.rotated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_access(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    grant_id: &str,
    a: &AccessTokenRow<'_>,
) -> Result<()> {
    sqlx::query("INSERT INTO access_tokens (jti, grant_id, client_id, expires_at) VALUES ($1,$2,$3,$4)")
        .bind(a.jti)
        .bind(grant_id)
        .bind(a.client_id)
        .bind(a.expires_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
