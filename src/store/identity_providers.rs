//! Upstream identity providers (connections), the e-mail domains they claim, and the federated
//! identities linking accounts to them.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::audit::append;
use super::{IdentityProviderReader, IdentityProviderStore, Result, StoreError, flag, to_json};
use crate::domain::{AuditEntry, FederatedIdentity, IdentityProvider, ProviderKind, UnixTime, User};

macro_rules! columns {
    () => {
        "p.id, p.name, p.kind, p.enabled, p.settings, p.created_at, p.updated_at"
    };
}

fn provider(row: &AnyRow) -> Result<IdentityProvider> {
    let kind: String = row.try_get("kind")?;
    let settings: String = row.try_get("settings")?;
    Ok(IdentityProvider {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: ProviderKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("kind: {kind}")))?,
        enabled: flag(row, "enabled")?,
        settings: serde_json::from_str(&settings)
            .map_err(|e| StoreError::Corrupt(format!("settings: {e}")))?,
        domains: Vec::new(),
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn identity(row: &AnyRow) -> Result<FederatedIdentity> {
    Ok(FederatedIdentity {
        provider_id: row.try_get("provider_id")?,
        subject: row.try_get("subject")?,
        user_id: row.try_get("user_id")?,
        email: row.try_get("email")?,
        created_at: row.try_get("created_at")?,
        last_login_at: row.try_get("last_login_at")?,
    })
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn put_domains(tx: &mut Tx<'_>, id: &str, domains: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM identity_provider_domains WHERE provider_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for d in domains {
        sqlx::query("INSERT INTO identity_provider_domains (domain, provider_id) VALUES ($1, $2)")
            .bind(d)
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(super::conflict_or)?;
    }
    Ok(())
}

async fn insert_link(tx: &mut Tx<'_>, link: &FederatedIdentity) -> Result<()> {
    sqlx::query(
        "INSERT INTO federated_identities (provider_id, subject, user_id, email, created_at, last_login_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&link.provider_id)
    .bind(&link.subject)
    .bind(&link.user_id)
    .bind(&link.email)
    .bind(link.created_at)
    .bind(link.last_login_at)
    .execute(&mut **tx)
    .await
    .map_err(super::conflict_or)?;
    Ok(())
}

impl IdentityProviderStore {
    /// Adds a connection with its sealed secret and domains. `Conflict` when the id or a
    /// domain is taken.
    pub async fn insert_provider(
        &self,
        p: &IdentityProvider,
        secret_sealed: Option<&[u8]>,
        entry: &AuditEntry,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query(
            "INSERT INTO identity_providers (id, name, kind, enabled, settings, secret_sealed, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&p.id)
        .bind(&p.name)
        .bind(p.kind.as_str())
        .bind(p.enabled as i64)
        .bind(to_json(&p.settings))
        .bind(secret_sealed)
        .bind(p.created_at)
        .bind(p.updated_at)
        .execute(&mut *tx)
        .await
        .map_err(super::conflict_or)?;
        put_domains(&mut tx, &p.id, &p.domains).await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a connection's name, state, settings and domains, and its secret when
    /// `secret_sealed` is given. `false` when there is none; `Conflict` when a domain is taken.
    pub async fn update_provider(
        &self,
        p: &IdentityProvider,
        secret_sealed: Option<&[u8]>,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        let n = sqlx::query(
            "UPDATE identity_providers SET name = $1, enabled = $2, settings = $3, updated_at = $4, \
             secret_sealed = COALESCE($5, secret_sealed) WHERE id = $6",
        )
        .bind(&p.name)
        .bind(p.enabled as i64)
        .bind(to_json(&p.settings))
        .bind(p.updated_at)
        .bind(secret_sealed)
        .bind(&p.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        put_domains(&mut tx, &p.id, &p.domains).await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes a connection and every link to it. `false` when there is none.
    pub async fn delete_provider(&self, id: &str, entry: &AuditEntry) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        // Explicit, not left to ON DELETE CASCADE: SQLite enforces foreign keys per connection.
        for sql in [
            "DELETE FROM federated_identities WHERE provider_id = $1",
            "DELETE FROM identity_provider_domains WHERE provider_id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        let n = sqlx::query("DELETE FROM identity_providers WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Makes an account with its first link, in one transaction with `entry`. `Conflict` when
    /// the address or the upstream identity is taken meanwhile.
    pub async fn insert_federated_user(
        &self,
        u: &User,
        link: &FederatedIdentity,
        entry: &AuditEntry,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        super::users::insert(u)
            .execute(&mut *tx)
            .await
            .map_err(super::conflict_or)?;
        insert_link(&mut tx, link).await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Links an account to an upstream identity. `Conflict` when the identity is linked.
    pub async fn insert_link(&self, link: &FederatedIdentity, entry: &AuditEntry) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        insert_link(&mut tx, link).await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a link of `user_id`, unless it is the account's last way to sign in (no
    /// password, no passkey, no other link): checked in the deleting statement, so two
    /// parallel unlinks cannot both pass. `false` when nothing was removed.
    pub async fn unlink(
        &self,
        user_id: &str,
        provider_id: &str,
        subject: &str,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "DELETE FROM federated_identities WHERE user_id = $1 AND provider_id = $2 AND subject = $3 \
             AND (EXISTS (SELECT 1 FROM users WHERE id = $1 AND password_hash IS NOT NULL) \
                  OR EXISTS (SELECT 1 FROM mfa_webauthn w WHERE w.user_id = $1 AND w.kind = 'passkey') \
                  OR (SELECT COUNT(*) FROM federated_identities f WHERE f.user_id = $1) > 1)",
        )
        .bind(user_id)
        .bind(provider_id)
        .bind(subject);
        Ok(self.store.change(q, entry).await? == 1)
    }

    pub async fn touch_link(&self, provider_id: &str, subject: &str, now: UnixTime) -> Result<()> {
        sqlx::query(
            "UPDATE federated_identities SET last_login_at = $1 WHERE provider_id = $2 AND subject = $3",
        )
        .bind(now)
        .bind(provider_id)
        .bind(subject)
        .execute(&self.store.writer)
        .await?;
        Ok(())
    }
}

impl IdentityProviderReader {
    pub async fn provider(&self, id: &str) -> Result<Option<IdentityProvider>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM identity_providers p WHERE p.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.store.pool)
        .await?;
        match row.as_ref().map(provider).transpose()? {
            Some(p) => Ok(Some(self.with_domains(p).await?)),
            None => Ok(None),
        }
    }

    /// The connection's sealed secret, if it has one.
    pub async fn provider_secret(&self, id: &str) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query("SELECT secret_sealed FROM identity_providers WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        Ok(match row {
            Some(r) => r.try_get("secret_sealed")?,
            None => None,
        })
    }

    /// Every connection, by name.
    pub async fn providers(&self) -> Result<Vec<IdentityProvider>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM identity_providers p ORDER BY p.name, p.id"
        ))
        .fetch_all(&self.store.pool)
        .await?;
        let mut out = rows.iter().map(provider).collect::<Result<Vec<_>>>()?;
        // Every domain in one query (the login page lists the connections at each render).
        let domains =
            sqlx::query("SELECT domain, provider_id FROM identity_provider_domains ORDER BY domain")
                .fetch_all(&self.store.pool)
                .await?;
        for d in &domains {
            let id: String = d.try_get("provider_id")?;
            if let Some(p) = out.iter_mut().find(|p| p.id == id) {
                p.domains.push(d.try_get("domain")?);
            }
        }
        Ok(out)
    }

    /// The connection claiming the e-mail domain `domain` (lower-case).
    pub async fn provider_for_domain(&self, domain: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT provider_id FROM identity_provider_domains WHERE domain = $1")
            .bind(domain)
            .fetch_optional(&self.store.pool)
            .await?;
        Ok(row.map(|r| r.try_get("provider_id")).transpose()?)
    }

    pub async fn link(&self, provider_id: &str, subject: &str) -> Result<Option<FederatedIdentity>> {
        let row = sqlx::query("SELECT * FROM federated_identities WHERE provider_id = $1 AND subject = $2")
            .bind(provider_id)
            .bind(subject)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(identity).transpose()
    }

    /// The links of an account, oldest first.
    pub async fn links_of(&self, user_id: &str) -> Result<Vec<FederatedIdentity>> {
        let rows = sqlx::query(
            "SELECT * FROM federated_identities WHERE user_id = $1 ORDER BY created_at, provider_id, subject",
        )
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(identity).collect()
    }

    async fn with_domains(&self, mut p: IdentityProvider) -> Result<IdentityProvider> {
        let rows = sqlx::query(
            "SELECT domain FROM identity_provider_domains WHERE provider_id = $1 ORDER BY domain",
        )
        .bind(&p.id)
        .fetch_all(&self.store.pool)
        .await?;
        p.domains = rows
            .iter()
            .map(|r| r.try_get("domain"))
            .collect::<std::result::Result<_, _>>()?;
        Ok(p)
    }
}
