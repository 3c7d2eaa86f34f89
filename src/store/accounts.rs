//! Changes to a user's account: credentials, verification, lockout, profile, deletion.

use super::audit::append;
use super::{Result, UserStore};
use crate::domain::{AuditEntry, UnixTime};

/// Ends the user's sessions but `keep` and revokes the grants bound to them (with
/// `all_grants`, offline ones too); the number of sessions ended.
pub(super) async fn end_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: &str,
    keep: &str,
    all_grants: bool,
    now: UnixTime,
) -> Result<u64> {
    let ended =
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND id <> $3 AND ended_at IS NULL")
            .bind(now)
            .bind(user_id)
            .bind(keep)
            .execute(&mut **tx)
            .await?
            .rows_affected();
    let grants = if all_grants {
        "UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND session_id <> $3 AND revoked_at IS NULL"
    } else {
        "UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND session_id <> $3 AND offline = 0 AND revoked_at IS NULL"
    };
    sqlx::query(grants)
        .bind(now)
        .bind(user_id)
        .bind(keep)
        .execute(&mut **tx)
        .await?;
    Ok(ended)
}

impl UserStore {
    /// Sets a new password hash and clears any lockout (the user proved who they are); ends
    /// every other session of the user (all but `keep`) and revokes every grant bound to them,
    /// offline ones too; forgets the user's remembered devices; with `verified_email`, marks
    /// that address verified if it is still the user's (a reset by mail proves the mailbox).
    /// One transaction, with `entry`.
    pub async fn set_password(
        &self,
        user_id: &str,
        hash: &str,
        now: UnixTime,
        keep: Option<&str>,
        verified_email: Option<&str>,
        entry: &AuditEntry,
    ) -> Result<()> {
        let keep = keep.unwrap_or("");
        let mut tx = self.store.writer.begin().await?;
        sqlx::query(
            "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2, \
             locked_until = NULL, lockouts = 0 WHERE id = $3",
        )
        .bind(hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        end_sessions(&mut tx, user_id, keep, true, now).await?;
        // A new password forgets the devices that skipped the second factor.
        sqlx::query("DELETE FROM remembered_devices WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if let Some(email) = verified_email {
            sqlx::query("UPDATE users SET email_verified = 1 WHERE id = $1 AND email = $2")
                .bind(user_id)
                .bind(email)
                .execute(&mut *tx)
                .await?;
        }
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks `email` verified, if it is still the user's address; `true` when it was.
    pub async fn verify_email(
        &self,
        user_id: &str,
        email: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE users SET email_verified = 1, updated_at = $1 WHERE id = $2 AND email = $3 AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(email);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Replaces the address with a verified new one. `Conflict` when another account has it.
    pub async fn change_email(
        &self,
        user_id: &str,
        email: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query("UPDATE users SET email = $1, email_verified = 1, updated_at = $2 WHERE id = $3")
            .bind(email)
            .bind(now)
            .bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    pub async fn set_name(
        &self,
        user_id: &str,
        name: Option<&str>,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query("UPDATE users SET name = $1, updated_at = $2 WHERE id = $3")
            .bind(name)
            .bind(now)
            .bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// The picture an upstream that owns the profile gives (`None`: it gives none now).
    pub async fn set_picture(
        &self,
        user_id: &str,
        picture: Option<&str>,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query("UPDATE users SET picture = $1, updated_at = $2 WHERE id = $3")
            .bind(picture)
            .bind(now)
            .bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Remembers the language the user's pages were last shown in (the `locale` claim), for
    /// the mail we send them. A preference taken from the pages, not an action: no entry.
    pub async fn set_locale(&self, user_id: &str, locale: &str, now: UnixTime) -> Result<()> {
        sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
            .bind(locale)
            .bind(now)
            .bind(user_id)
            .execute(&self.store.writer)
            .await?;
        Ok(())
    }

    pub async fn set_phone(
        &self,
        user_id: &str,
        phone: Option<&str>,
        verified: bool,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query(
            "UPDATE users SET phone_number = $1, phone_number_verified = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(phone)
        .bind(verified as i64)
        .bind(now)
        .bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Replaces the password of an account that was never verified (a repeated sign-up), and
    /// drops its links to upstream identities: whoever made the account through an upstream
    /// that named this address without proving it must not keep a way into the account the
    /// mailbox's owner is about to verify (pre-account takeover).
    pub async fn replace_unverified_signup(
        &self,
        user_id: &str,
        hash: &str,
        name: Option<&str>,
        phone: Option<&str>,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE users SET password_hash = $1, name = $2, phone_number = $3, phone_number_verified = 0, \
             password_changed_at = $4, updated_at = $4 WHERE id = $5 AND email_verified = 0 AND deleted_at IS NULL",
        )
        .bind(hash)
        .bind(name)
        .bind(phone)
        .bind(now)
        .bind(user_id);
        let mut tx = self.store.writer.begin().await?;
        if q.execute(&mut *tx).await?.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM federated_identities WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn lock_user(
        &self,
        user_id: &str,
        until: UnixTime,
        lockouts: i64,
        entry: &AuditEntry,
    ) -> Result<()> {
        let q = sqlx::query("UPDATE users SET locked_until = $1, lockouts = $2 WHERE id = $3")
            .bind(until)
            .bind(lockouts)
            .bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Lifts a lockout and forgets past ones. After a successful login it needs no entry of
    /// its own (the login's says it); an administrator's unlock brings one.
    /// Ends a lock at once (an operator's unlock). The count of lockouts stays: it names the
    /// lockout counter of the next round of tries (see authn/lockout.rs), and a successful
    /// sign-in resets it.
    pub async fn lift_lock(&self, user_id: &str, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query("UPDATE users SET locked_until = NULL WHERE id = $1").bind(user_id);
        self.store.change(q, entry).await?;
        Ok(())
    }

    pub async fn unlock_user(&self, user_id: &str, entry: Option<&AuditEntry>) -> Result<()> {
        let q = sqlx::query("UPDATE users SET locked_until = NULL, lockouts = 0 WHERE id = $1").bind(user_id);
        match entry {
            Some(entry) => {
                self.store.change(q, entry).await?;
            }
            None => {
                q.execute(&self.store.writer).await?;
            }
        }
        Ok(())
    }

    /// Ends every session of the user except `keep`, and revokes every grant (refresh tokens and
    /// access tokens) bound to the ended sessions; with `all_grants`, offline grants too. The
    /// entry is made from the number of sessions ended.
    pub async fn end_user_sessions(
        &self,
        user_id: &str,
        keep: Option<&str>,
        all_grants: bool,
        now: UnixTime,
        entry: impl FnOnce(u64) -> AuditEntry,
    ) -> Result<u64> {
        let mut tx = self.store.writer.begin().await?;
        let ended = end_sessions(&mut tx, user_id, keep.unwrap_or(""), all_grants, now).await?;
        append(&mut tx, &entry(ended)).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// An administrator's change of name, address and its verified flag, in one statement.
    /// `Conflict` when another account has the address; `false` when there is no such user.
    pub async fn update_profile(
        &self,
        user_id: &str,
        name: Option<&str>,
        email: &str,
        email_verified: bool,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE users SET name = $1, email = $2, email_verified = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(name)
        .bind(email)
        .bind(email_verified as i64)
        .bind(now)
        .bind(user_id);
        Ok(self.store.change(q, entry).await? == 1)
    }

    /// Disables (or enables again) an account. Disabling ends every session and revokes every
    /// grant, offline ones too, in the same transaction: nothing issued before keeps working.
    /// A deleted account cannot be enabled; `false` when nothing changed.
    pub async fn set_user_disabled(
        &self,
        user_id: &str,
        disabled: bool,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let mut tx = self.store.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3 AND disabled <> $1 AND deleted_at IS NULL",
        )
        .bind(disabled as i64)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed && disabled {
            end_sessions(&mut tx, user_id, "", true, now).await?;
        }
        if changed {
            append(&mut tx, entry).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Deletion by the user: the account can no longer sign in, every session ends, every grant
    /// and consent is revoked at once. The row stays until [`Store::purge_deleted_users`].
    pub async fn mark_user_deleted(&self, user_id: &str, now: UnixTime, entry: &AuditEntry) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query("UPDATE users SET deleted_at = $1, disabled = 1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM consents WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // The upstream identities are free at once: signing in through them again makes a new
        // account, never the deleted one back.
        sqlx::query("DELETE FROM federated_identities WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Erases accounts deleted before `before`.
    pub async fn purge_deleted_users(&self, before: UnixTime) -> Result<u64> {
        self.purge_users(
            "UPDATE audit_log SET ip = NULL, user_agent = NULL WHERE subject_id IN \
             (SELECT id FROM users WHERE deleted_at IS NOT NULL AND deleted_at < $1)",
            "DELETE FROM users WHERE deleted_at IS NOT NULL AND deleted_at < $1",
            before,
        )
        .await
    }

    /// Erases sign-ups created before `before` whose address was never verified.
    pub async fn purge_unverified_users(&self, before: UnixTime) -> Result<u64> {
        self.purge_users(
            "UPDATE audit_log SET ip = NULL, user_agent = NULL WHERE subject_id IN \
             (SELECT id FROM users WHERE email_verified = 0 AND deleted_at IS NULL AND created_at < $1 \
             AND id NOT IN (SELECT user_id FROM federated_identities))",
            // An account made through a connection signs in there, whatever its address.
            "DELETE FROM users WHERE email_verified = 0 AND deleted_at IS NULL AND created_at < $1 \
             AND id NOT IN (SELECT user_id FROM federated_identities)",
            before,
        )
        .await
    }
}

impl UserStore {
    /// Erases users in one transaction: the user row and everything hanging off it go (by
    /// cascade); the audit trail keeps its entries under the now meaningless user id, and
    /// `forget_origins` drops their IP address and user agent first.
    async fn purge_users(
        &self,
        forget_origins: &'static str,
        delete: &'static str,
        before: UnixTime,
    ) -> Result<u64> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query(forget_origins).bind(before).execute(&mut *tx).await?;
        let r = sqlx::query(delete).bind(before).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(r.rows_affected())
    }
}
