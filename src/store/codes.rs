//! Authorization codes (RFC 6749 §4.1.2): stored hashed, single use.

use crate::store::CodeStore;
use sqlx::Row;

use super::Result;
use crate::domain::{Scope, UnixTime};

#[derive(Debug, Clone)]
pub struct AuthorizationCodeRecord {
    pub code_hash: String,
    pub grant_id: String,
    pub client_id: String,
    pub user_id: String,
    pub session_id: String,
    pub redirect_uri: String,
    pub scope: Scope,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub claims: Option<String>,
    pub auth_time: UnixTime,
    pub acr: String,
    pub amr: Vec<String>,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

impl CodeStore {
    pub async fn insert_code(&self, c: &AuthorizationCodeRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO authorization_codes (code_hash, grant_id, client_id, user_id, session_id, redirect_uri, \
             scope, nonce, code_challenge, claims, auth_time, acr, amr, created_at, expires_at) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
        )
        .bind(&c.code_hash)
        .bind(&c.grant_id)
        .bind(&c.client_id)
        .bind(&c.user_id)
        .bind(&c.session_id)
        .bind(&c.redirect_uri)
        .bind(c.scope.to_string())
        .bind(&c.nonce)
        .bind(&c.code_challenge)
        .bind(&c.claims)
        .bind(c.auth_time)
        .bind(&c.acr)
        .bind(super::to_json(&c.amr))
        .bind(c.created_at)
        .bind(c.expires_at)
        .execute(&self.store.writer)
        .await?;
        Ok(())
    }

    /// Marks the code used, atomically. `Ok(Ok(code))` for the first use; `Ok(Err(Some(code)))`
    /// when it was already used (a replay); `Ok(Err(None))` when no such code exists.
    pub async fn consume_code(
        &self,
        code_hash: &str,
        now: UnixTime,
    ) -> Result<std::result::Result<AuthorizationCodeRecord, Option<AuthorizationCodeRecord>>> {
        let first_use = sqlx::query(
            "UPDATE authorization_codes SET consumed_at = $1 WHERE code_hash = $2 AND consumed_at IS NULL",
        )
        .bind(now)
        .bind(code_hash)
        .execute(&self.store.writer)
        .await?
        .rows_affected()
            == 1;
        let row = sqlx::query(
            "SELECT code_hash, grant_id, client_id, user_id, session_id, redirect_uri, scope, nonce, \
             code_challenge, claims, auth_time, acr, amr, created_at, expires_at \
             FROM authorization_codes WHERE code_hash = $1",
        )
        .bind(code_hash)
        .fetch_optional(&self.store.writer)
        .await?;
        let Some(r) = row else { return Ok(Err(None)) };
        let code = AuthorizationCodeRecord {
            code_hash: r.try_get("code_hash")?,
            grant_id: r.try_get("grant_id")?,
            client_id: r.try_get("client_id")?,
            user_id: r.try_get("user_id")?,
            session_id: r.try_get("session_id")?,
            redirect_uri: r.try_get("redirect_uri")?,
            scope: Scope::parse(&r.try_get::<String, _>("scope")?),
            nonce: r.try_get("nonce")?,
            code_challenge: r.try_get("code_challenge")?,
            claims: r.try_get("claims")?,
            auth_time: r.try_get("auth_time")?,
            acr: r.try_get("acr")?,
            amr: super::json_list(&r, "amr")?,
            created_at: r.try_get("created_at")?,
            expires_at: r.try_get("expires_at")?,
        };
        Ok(if first_use { Ok(code) } else { Err(Some(code)) })
    }
}
