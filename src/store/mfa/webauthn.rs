//! The `mfa_webauthn` table: a user's passkeys and security keys (WebAuthn credentials). Only
//! public key material is kept, so nothing here is sealed.

use crate::store::{MfaReader, MfaStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::domain::{AuditEntry, UnixTime};
use crate::store::{Result, flag};

/// A WebAuthn credential as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAuthnRecord {
    pub id: String,
    pub user_id: String,
    pub name: String,
    /// The credential ID in base64url without padding.
    pub credential_id: String,
    /// The user handle the authenticator holds (a UUID, hyphenated).
    pub user_handle: String,
    /// The webauthn-rs `Credential` as JSON.
    pub credential: String,
    /// `passkey` or `security_key`.
    pub kind: String,
    /// What the browser said of the credential's discoverability (credProps.rk), if anything.
    pub discoverable: Option<bool>,
    pub aaguid: Option<String>,
    pub user_verified: bool,
    pub backup_eligible: bool,
    pub sign_count: i64,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

/// What an accepted assertion changes in its credential.
#[derive(Debug, Clone)]
pub struct WebAuthnUse<'a> {
    /// The credential JSON with the assertion's counter and backup flags.
    pub credential: &'a str,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub at: UnixTime,
}

macro_rules! columns {
    () => {
        "id, user_id, name, credential_id, user_handle, credential, kind, discoverable, aaguid, \
         user_verified, backup_eligible, sign_count, created_at, last_used_at"
    };
}

fn record(row: &AnyRow) -> Result<WebAuthnRecord> {
    let discoverable: Option<i64> = row.try_get("discoverable")?;
    Ok(WebAuthnRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("name")?,
        credential_id: row.try_get("credential_id")?,
        user_handle: row.try_get("user_handle")?,
        credential: row.try_get("credential")?,
        kind: row.try_get("kind")?,
        discoverable: discoverable.map(|d| d != 0),
        aaguid: row.try_get("aaguid")?,
        user_verified: flag(row, "user_verified")?,
        backup_eligible: flag(row, "backup_eligible")?,
        sign_count: row.try_get("sign_count")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

impl MfaStore {
    /// Adds a credential with the entry of its registration. A credential ID already stored
    /// (for this user or another) is [`crate::store::StoreError::Conflict`].
    pub async fn insert_webauthn(&self, r: &WebAuthnRecord, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(concat!(
            "INSERT INTO mfa_webauthn (",
            columns!(),
            ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)"
        ))
        .bind(&r.id)
        .bind(&r.user_id)
        .bind(&r.name)
        .bind(&r.credential_id)
        .bind(&r.user_handle)
        .bind(&r.credential)
        .bind(&r.kind)
        .bind(r.discoverable.map(i64::from))
        .bind(&r.aaguid)
        .bind(i64::from(r.user_verified))
        .bind(i64::from(r.backup_eligible))
        .bind(r.sign_count)
        .bind(r.created_at)
        .bind(r.last_used_at);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Records an accepted assertion: the new credential state and the time of use, with the
    /// entry. Only if the signature counter went up (or the authenticator keeps none, both
    /// counts zero): of two assertions carrying the same count (a cloned authenticator, or two
    /// ceremonies that read the credential before either finished), one changes the row and
    /// the other gets false. False too when the credential was removed meanwhile.
    pub async fn use_webauthn(
        &self,
        user_id: &str,
        id: &str,
        u: &WebAuthnUse<'_>,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE mfa_webauthn SET credential = $1, sign_count = $2, backup_eligible = $3, last_used_at = $4 \
             WHERE id = $5 AND user_id = $6 AND (sign_count < $2 OR (sign_count = 0 AND $2 = 0))",
        )
        .bind(u.credential)
        .bind(u.sign_count)
        .bind(i64::from(u.backup_eligible))
        .bind(u.at)
        .bind(id)
        .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Renames one of the user's credentials; false when the user has none with that id.
    pub async fn rename_webauthn(
        &self,
        user_id: &str,
        id: &str,
        name: &str,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query("UPDATE mfa_webauthn SET name = $1 WHERE id = $2 AND user_id = $3")
            .bind(name)
            .bind(id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Removes one of the user's credentials; false when the user has none with that id.
    pub async fn delete_webauthn(&self, user_id: &str, id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM mfa_webauthn WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }
}

impl MfaReader {
    /// The user's credentials, oldest first.
    pub async fn user_webauthn(&self, user_id: &str) -> Result<Vec<WebAuthnRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM mfa_webauthn WHERE user_id = $1 ORDER BY created_at, id"
        ))
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(record).collect()
    }

    /// The credential with this credential ID, whoever's it is: how a passwordless sign-in,
    /// which starts without a user, finds one.
    pub async fn webauthn_by_credential_id(&self, credential_id: &str) -> Result<Option<WebAuthnRecord>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM mfa_webauthn WHERE credential_id = $1"
        ))
        .bind(credential_id)
        .fetch_optional(&self.store.pool)
        .await?;
        row.as_ref().map(record).transpose()
    }
}
