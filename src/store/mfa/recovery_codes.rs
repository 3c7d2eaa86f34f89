//! The `mfa_recovery_codes` table: a user's current set of single-use recovery codes, kept
//! only as keyed hashes.

use crate::domain::{AuditEntry, UnixTime};
use crate::store::Result;
use crate::store::audit::append;
use crate::store::{MfaReader, MfaStore};

impl MfaStore {
    /// Replaces the user's recovery codes with `code_hashes` in one transaction, with the
    /// entry: from its commit on, no code of the old set is accepted.
    pub async fn replace_recovery_codes(
        &self,
        user_id: &str,
        code_hashes: &[String],
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<()> {
        let mut tx = self.store.writer.begin().await?;
        sqlx::query("DELETE FROM mfa_recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO mfa_recovery_codes (user_id, code_hash, created_at) VALUES ($1,$2,$3)")
                .bind(user_id)
                .bind(hash)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(crate::store::conflict_or)?;
        }
        append(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks the user's unused code with this hash used. Of two requests redeeming the same
    /// code, one changes the row and the other finds it used (see [`Store::use_totp_step`]).
    /// The entry commits with the use, and only then.
    pub async fn use_recovery_code(
        &self,
        user_id: &str,
        code_hash: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE mfa_recovery_codes SET used_at = $1 \
             WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(code_hash);
        Ok(self.store.change(q, entry).await? == 1)
    }
}

impl MfaReader {
    /// How many of the user's recovery codes are still unused.
    pub async fn unused_recovery_codes(&self, user_id: &str) -> Result<i64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.store.pool)
        .await?;
        Ok(n)
    }
}
