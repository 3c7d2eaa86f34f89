//! Second factors: TOTP authenticators, recovery codes, WebAuthn credentials and the channels
//! of codes sent by mail or text message, one file per table. Every read and write is scoped by
//! the user's id, so one user's request can never reach another's factors; the one look-up
//! without a user is a WebAuthn credential by its credential ID, which is how a passwordless
//! sign-in learns who is signing in.

mod channels;
mod recovery_codes;
mod setup;
mod totp;
mod webauthn;

pub use channels::ChannelRecord;
pub use setup::SetupRecord;
pub use totp::TotpRecord;
pub use webauthn::{WebAuthnRecord, WebAuthnUse};

use super::Result;
use super::accounts::end_sessions;
use super::audit::append;
use crate::domain::{AuditEntry, UnixTime};
use crate::store::MfaStore;

/// How to remove a user's factors of each kind, named as its count is in [`FactorsRemoved`]
/// (and so in the audit entry and the command's output). A new kind of factor adds its table
/// here, and a reset removes it too.
const FACTOR_TABLES: [(&str, &str); 4] = [
    ("totp", "DELETE FROM mfa_totp WHERE user_id = $1"),
    ("webauthn", "DELETE FROM mfa_webauthn WHERE user_id = $1"),
    ("channels", "DELETE FROM mfa_channels WHERE user_id = $1"),
    (
        "recovery_codes",
        "DELETE FROM mfa_recovery_codes WHERE user_id = $1",
    ),
];

/// What [`Store::reset_factors`] removed: rows per kind of factor, and sessions ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactorsRemoved {
    /// `(kind, rows)` for every kind of factor, in [`FACTOR_TABLES`]' order.
    pub factors: Vec<(&'static str, u64)>,
    pub sessions_ended: u64,
}

impl FactorsRemoved {
    /// Rows removed of one kind (`totp`, `recovery_codes`).
    pub fn of(&self, kind: &str) -> u64 {
        self.factors
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    pub fn any(&self) -> bool {
        self.factors.iter().any(|(_, n)| *n > 0)
    }

    /// `{"totp": n, "recovery_codes": m}`, for the audit entry and the command's output.
    pub fn counts(&self) -> serde_json::Value {
        self.factors
            .iter()
            .map(|(k, n)| ((*k).to_owned(), serde_json::Value::from(*n)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

impl MfaStore {
    /// Removes every second factor of the user and ends all their sessions (revoking the
    /// grants bound to them; offline grants stay, as they belong to applications, not to a
    /// sign-in), in one transaction with the entry `entry` makes of what was removed. A user
    /// with no factor is left as they are, sessions included, and no entry is written: the
    /// result says nothing was removed.
    pub async fn reset_factors(
        &self,
        user_id: &str,
        now: UnixTime,
        entry: impl FnOnce(&FactorsRemoved) -> AuditEntry,
    ) -> Result<FactorsRemoved> {
        let mut tx = self.store.writer.begin().await?;
        let mut removed = FactorsRemoved::default();
        for (kind, delete) in FACTOR_TABLES {
            let n = sqlx::query(delete)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            removed.factors.push((kind, n));
        }
        if !removed.any() {
            tx.rollback().await?;
            return Ok(removed);
        }
        removed.sessions_ended = end_sessions(&mut tx, user_id, "", false, now).await?;
        append(&mut tx, &entry(&removed)).await?;
        tx.commit().await?;
        Ok(removed)
    }
}
