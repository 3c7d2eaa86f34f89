//! An address proved by a code mailed to it before any account holds it: the review step of an
//! upstream sign-in that gave none. The code is keyed by the sign-in (the interaction), so it
//! proves the address to that sign-in alone.

use super::{Accounts, AuthnError, Problem, Result, is_plausible_email, normalize_email};
use crate::cache::one_time::Purpose;
use crate::config::RateLimited;
use crate::domain::Origin;
use crate::i18n::negotiate::negotiate;
use crate::notify::messages;

impl Accounts {
    /// Mails a code to `email` for sign-in `interaction_id`, in language `locale`; returns the
    /// address as kept (trimmed, lower-cased). A new code replaces the one sent before.
    pub async fn send_address_code(
        &self,
        interaction_id: &str,
        email: &str,
        locale: &str,
        origin: &Origin,
    ) -> Result<String> {
        let email = normalize_email(email);
        if !is_plausible_email(&email) {
            return Err(AuthnError::Invalid(vec![Problem::new("problem-email-invalid")]));
        }
        // A mail costs what a sign-up's does: the same budgets, per client and per address.
        self.limits.check(RateLimited::Signup, origin, None).await?;
        self.limits
            .check_account(RateLimited::Signup, origin, &email)
            .await?;
        let ttl = self.config.email_verification_code_ttl;
        let code = self
            .codes
            .issue_code(Purpose::ConfirmAddress, interaction_id, &email, ttl)
            .await?;
        let t = negotiate(&self.messages, Some(locale), None, None);
        self.notifier
            .mail(&email, messages::confirm_address(&t, code, ttl));
        Ok(email)
    }

    /// The address the code of sign-in `interaction_id` was mailed to, when `code` is that code
    /// (five guesses, then a new code is needed).
    pub async fn prove_address(&self, interaction_id: &str, code: &str, origin: &Origin) -> Result<String> {
        self.limits
            .check(RateLimited::Verify, origin, Some(interaction_id))
            .await?;
        self.codes
            .redeem_code(Purpose::ConfirmAddress, interaction_id, code.trim())
            .await?
            .ok_or(AuthnError::InvalidCode)
    }
}
