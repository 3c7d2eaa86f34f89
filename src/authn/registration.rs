//! Sign-up and e-mail verification. A sign-up with an address that already has an account gets
//! the same answer as a new one (no account enumeration); the owner of the address is told by
//! mail instead.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Accounts, AuthnError, Problem, Result, is_plausible_email, normalize_email, password_policy};
use crate::audit::Event;
use crate::cache::one_time::Purpose;
use crate::config::RateLimited;
use crate::crypto::secrets::random_token;
use crate::domain::{Origin, User};
use crate::notify::messages;
use crate::store::StoreError;

/// The sign-up form.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// The language of the sign-up page: the account's `locale`, and so its mail's language.
    pub locale: Option<String>,
    /// The sign-in (interaction id) waiting for this sign-up: the mail's link leads back to it.
    pub continue_in: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct EmailProof {
    user_id: String,
    email: String,
}

const MAX_NAME_LEN: usize = 200;

/// E.164: `+`, then 7 to 15 digits; spaces, dashes, dots and brackets are dropped first.
pub fn normalize_phone(raw: &str) -> Option<String> {
    let s: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = s.strip_prefix('+')?;
    let ok = (7..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    ok.then_some(s)
}

/// A display name: trimmed, no control characters, bounded.
pub fn clean_name(raw: Option<&str>) -> std::result::Result<Option<String>, Problem> {
    let Some(name) = raw.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > MAX_NAME_LEN || name.contains(char::is_control) {
        return Err(Problem::counting("problem-name-too-long", "max", MAX_NAME_LEN));
    }
    Ok(Some(name.to_owned()))
}

impl Accounts {
    /// Registers an account, or pretends to. Returns the id of the account the browser now waits
    /// to verify (kept server-side, never shown).
    pub async fn sign_up(&self, form: SignUp, origin: &Origin) -> Result<String> {
        if !self.config.signup_enabled {
            return Err(AuthnError::SignupDisabled);
        }
        let email = normalize_email(&form.email);
        self.limits.check(RateLimited::Signup, origin, None).await?;
        let mut problems = Vec::new();
        if !is_plausible_email(&email) {
            problems.push(Problem::new("problem-email-invalid"));
        }
        let name = clean_name(form.name.as_deref()).unwrap_or_else(|m| {
            problems.push(m);
            None
        });
        let phone = match form.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => normalize_phone(p).or_else(|| {
                problems.push(Problem::new("problem-phone-invalid"));
                None
            }),
        };
        if form.password != form.password_confirm {
            problems.push(Problem::new("problem-passwords-differ"));
        } else {
            let context = [email.as_str(), name.as_deref().unwrap_or("")];
            problems.extend(password_policy::check(&self.config, &form.password, &context));
        }
        if !problems.is_empty() {
            return Err(AuthnError::Invalid(problems));
        }
        // Per address only once the form is valid: fixing typos is not abuse, mailing is.
        self.limits
            .check_account(RateLimited::Signup, origin, &email)
            .await?;
        // Hash first, whatever happens next: every branch below costs the same time.
        let hash = self.passwords.hash(form.password).await?;
        let now = self.now();
        let mut user = User::new(random_token(16), email.clone(), now);
        user.password_hash = Some(hash.clone());
        user.password_changed_at = Some(now);
        user.name = name.clone();
        user.locale = form.locale.clone();
        user.phone_number = phone.clone();
        let registered = self.audit.entry(
            Event::success("account.registered")
                .by_user(&user.id)
                .origin(origin),
        );
        let existing = match self.store.users().insert_user(&user, &registered).await {
            Ok(()) => None,
            Err(StoreError::Conflict) => self.store.users().user_by_email(&email).await?,
            Err(e) => return Err(e.into()),
        };
        let Some(existing) = existing else {
            self.send_email_verification(&user, form.continue_in.as_deref())
                .await?;
            return Ok(user.id);
        };
        // An account that was never verified belongs to nobody yet: the newest sign-up replaces
        // it, and only the mailbox's owner can complete it.
        let repeated = self.audit.entry(
            Event::success("account.registered")
                .by_user(&existing.id)
                .origin(origin)
                .detail(json!({ "repeated": true })),
        );
        if !existing.email_verified
            && self
                .store
                .users()
                .replace_unverified_signup(
                    &existing.id,
                    &hash,
                    name.as_deref(),
                    phone.as_deref(),
                    now,
                    &repeated,
                )
                .await?
        {
            self.send_email_verification(&existing, form.continue_in.as_deref())
                .await?;
            return Ok(existing.id);
        }
        self.audit
            .record(
                Event::failure("account.registered")
                    .subject(&existing.id)
                    .origin(origin)
                    .detail(json!({ "reason": "email_taken" })),
            )
            .await;
        self.notifier.mail(
            &existing.email,
            messages::signup_existing(&self.mail_tr(&existing), self.url("/account")),
        );
        Ok(existing.id)
    }

    /// Mails a verification link and code for the user's current address.
    pub async fn send_email_verification(&self, user: &User, continue_in: Option<&str>) -> Result<()> {
        let proof = EmailProof {
            user_id: user.id.clone(),
            email: user.email.clone(),
        };
        let c = &self.config;
        let token = self
            .codes
            .issue_link(Purpose::VerifyEmail, &proof, c.email_verification_link_ttl)
            .await?;
        let code = self
            .codes
            .issue_code(
                Purpose::VerifyEmail,
                &user.id,
                &proof,
                c.email_verification_code_ttl,
            )
            .await?;
        let link = self.mail_link("/verify-email", &token, continue_in);
        self.notifier.mail(
            &user.email,
            messages::verify_email(
                &self.mail_tr(user),
                link,
                code,
                c.email_verification_link_ttl,
                c.email_verification_code_ttl,
            ),
        );
        Ok(())
    }

    /// Sends a fresh verification mail to an unverified account, within the OTP budget.
    pub async fn resend_email_verification(
        &self,
        user_id: &str,
        origin: &Origin,
        continue_in: Option<&str>,
    ) -> Result<()> {
        self.limits.check(RateLimited::Otp, origin, Some(user_id)).await?;
        match self.store.users().user_by_id(user_id).await? {
            Some(u) if !u.email_verified && u.is_active() => {
                self.send_email_verification(&u, continue_in).await
            }
            _ => Ok(()),
        }
    }

    /// Whether a verification link is live (the page asks to confirm before using it, so mail
    /// scanners that fetch links do not use them up).
    pub async fn email_link_is_live(&self, token: &str) -> Result<bool> {
        Ok(self
            .codes
            .peek_link::<EmailProof>(Purpose::VerifyEmail, token)
            .await?
            .is_some())
    }

    pub async fn verify_email_link(&self, token: &str, origin: &Origin) -> Result<User> {
        self.limits.check(RateLimited::Verify, origin, None).await?;
        let proof: EmailProof = self
            .codes
            .redeem_link(Purpose::VerifyEmail, token)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        self.codes
            .revoke_code(Purpose::VerifyEmail, &proof.user_id)
            .await?;
        self.complete_email_verification(proof, "link", origin).await
    }

    pub async fn verify_email_code(&self, user_id: &str, code: &str, origin: &Origin) -> Result<User> {
        self.limits
            .check(RateLimited::Verify, origin, Some(user_id))
            .await?;
        let proof: EmailProof = self
            .codes
            .redeem_code(Purpose::VerifyEmail, user_id, code)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        self.complete_email_verification(proof, "code", origin).await
    }

    async fn complete_email_verification(
        &self,
        proof: EmailProof,
        method: &str,
        origin: &Origin,
    ) -> Result<User> {
        let entry = self.audit.entry(
            Event::success("email.verified")
                .by_user(&proof.user_id)
                .origin(origin)
                .detail(json!({ "method": method })),
        );
        if !self
            .store
            .users()
            .verify_email(&proof.user_id, &proof.email, self.now(), &entry)
            .await?
        {
            return Err(AuthnError::InvalidCode);
        }
        self.store
            .users()
            .user_by_id(&proof.user_id)
            .await?
            .ok_or(AuthnError::InvalidCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_e164() {
        assert_eq!(
            normalize_phone("+44 20 7946-0958").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(normalize_phone("020 7946 0958"), None);
        assert_eq!(normalize_phone("+12"), None);
        assert_eq!(normalize_phone("+1 555 abc 0100"), None);
    }
}
