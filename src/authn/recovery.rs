//! Forgotten passwords: a single-use link by mail, or a code by SMS to a verified phone. The
//! answer is the same whether or not the account exists. A reset ends every session and revokes
//! every grant of the user, and tells them by mail.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Accounts, AuthnError, Result, normalize_email, password_policy};
use crate::audit::Event;
use crate::cache::one_time::Purpose;
use crate::config::RateLimited;
use crate::crypto::secrets::sha256_hex;
use crate::domain::{AuditEntry, Origin, User};
use crate::notify::messages;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetChannel {
    Email,
    Sms,
}

/// How long the link of an invitation (an account an administrator made) works: the invited
/// may not read their mail the same hour.
pub const INVITATION_TTL: i64 = 3 * 24 * 3600;

#[derive(Serialize, Deserialize)]
struct ResetProof {
    user_id: String,
}

/// SMS codes are asked for and entered by e-mail address: the code's subject is derived from it.
fn sms_subject(email: &str) -> String {
    sha256_hex(email.as_bytes())[..32].to_owned()
}

impl Accounts {
    /// Sends a reset link or code when the account exists. `continue_in` names the sign-in the
    /// link should lead back to.
    pub async fn forgot_password(
        &self,
        email: &str,
        channel: ResetChannel,
        origin: &Origin,
        continue_in: Option<&str>,
    ) -> Result<()> {
        let email = normalize_email(email);
        self.limits
            .check(RateLimited::Recovery, origin, Some(&email))
            .await?;
        let Some(user) = self
            .store
            .users()
            .user_by_email(&email)
            .await?
            .filter(User::is_active)
        else {
            return Ok(());
        };
        match channel {
            ResetChannel::Email => self.mail_reset_link(&user, false, continue_in).await?,
            ResetChannel::Sms => {
                let Some(phone) = user
                    .phone_number
                    .as_deref()
                    .filter(|_| user.phone_number_verified)
                else {
                    return Ok(());
                };
                let code = self
                    .codes
                    .issue_code(
                        Purpose::ResetPassword,
                        &sms_subject(&email),
                        &ResetProof {
                            user_id: user.id.clone(),
                        },
                        self.config.sms_code_ttl,
                    )
                    .await?;
                self.notifier.sms(
                    phone,
                    messages::sms_code(&self.mail_tr(&user), "sms-reset-password", &code),
                );
            }
        }
        self.audit
            .record(
                Event::success("password.reset_requested")
                    .by_user(&user.id)
                    .origin(origin)
                    .detail(json!({ "channel": if channel == ResetChannel::Sms { "sms" } else { "email" } })),
            )
            .await;
        Ok(())
    }

    /// Mails `user` a single-use link to choose a password; an `invitation` is worded as a
    /// welcome and lives longer ([`INVITATION_TTL`]). Opening it proves the mailbox.
    pub(super) async fn mail_reset_link(
        &self,
        user: &User,
        invitation: bool,
        continue_in: Option<&str>,
    ) -> Result<()> {
        let ttl = match invitation {
            true => INVITATION_TTL,
            false => self.config.password_reset_ttl,
        };
        let proof = ResetProof {
            user_id: user.id.clone(),
        };
        let token = self.codes.issue_link(Purpose::ResetPassword, &proof, ttl).await?;
        let link = self.mail_link("/reset-password", &token, continue_in);
        let tr = self.mail_tr(user);
        let mail = match invitation {
            true => messages::invitation(&tr, link, ttl),
            false => messages::password_reset(&tr, link, ttl),
        };
        self.notifier.mail(&user.email, mail);
        Ok(())
    }

    pub async fn reset_link_is_live(&self, token: &str) -> Result<bool> {
        Ok(self
            .codes
            .peek_link::<ResetProof>(Purpose::ResetPassword, token)
            .await?
            .is_some())
    }

    pub async fn reset_with_link(
        &self,
        token: &str,
        password: &str,
        confirm: &str,
        origin: &Origin,
    ) -> Result<User> {
        self.limits.check(RateLimited::Verify, origin, None).await?;
        let proof: ResetProof = self
            .codes
            .peek_link(Purpose::ResetPassword, token)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        let user = self.reset_target(&proof.user_id).await?;
        self.check_new_password(&user, password, confirm)?;
        // Used up only once the new password is acceptable, so a typo does not burn the link.
        self.codes
            .redeem_link::<ResetProof>(Purpose::ResetPassword, token)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        self.complete_reset(user, password, "email", origin).await
    }

    pub async fn reset_with_code(
        &self,
        email: &str,
        code: &str,
        password: &str,
        confirm: &str,
        origin: &Origin,
    ) -> Result<User> {
        let email = normalize_email(email);
        self.limits
            .check(RateLimited::Verify, origin, Some(&email))
            .await?;
        // The password is judged before the code is used up, so a weak choice does not burn it.
        let mut context = User::new(String::new(), email.clone(), 0);
        if let Some(u) = self.store.users().user_by_email(&email).await? {
            context = u;
        }
        self.check_new_password(&context, password, confirm)?;
        let proof: ResetProof = self
            .codes
            .redeem_code(Purpose::ResetPassword, &sms_subject(&email), code)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        let user = self.reset_target(&proof.user_id).await?;
        self.complete_reset(user, password, "sms", origin).await
    }

    async fn reset_target(&self, user_id: &str) -> Result<User> {
        self.store
            .users()
            .user_by_id(user_id)
            .await?
            .filter(User::is_active)
            .ok_or(AuthnError::InvalidCode)
    }

    pub(super) fn check_new_password(&self, user: &User, password: &str, confirm: &str) -> Result<()> {
        if password != confirm {
            return Err(AuthnError::invalid("problem-passwords-differ"));
        }
        let context = [user.email.as_str(), user.name.as_deref().unwrap_or("")];
        let problems = password_policy::check(&self.config, password, &context);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AuthnError::Invalid(problems))
        }
    }

    async fn complete_reset(
        &self,
        user: User,
        password: &str,
        channel: &str,
        origin: &Origin,
    ) -> Result<User> {
        let entry = self.audit.entry(
            Event::success("password.reset")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "channel": channel, "sessions_ended": true })),
        );
        // Resetting by mail proves the mailbox: an unverified account becomes verified.
        let proven = (channel == "email" && !user.email_verified).then_some(user.email.as_str());
        self.replace_password(&user, password, proven, &entry).await?;
        self.notifier.mail(
            &user.email,
            messages::password_changed(&self.mail_tr(&user), true, self.url("/account")),
        );
        Ok(user)
    }

    /// What every reset does, whoever asks for it (the user by link or code, an administrator):
    /// the new password, every session ended and every grant revoked (whoever knew the old
    /// password is out), and the lockout lifted. `entry` is committed with the change.
    pub(super) async fn replace_password(
        &self,
        user: &User,
        password: &str,
        proven_email: Option<&str>,
        entry: &AuditEntry,
    ) -> Result<()> {
        let hash = self.passwords.hash(password.to_owned()).await?;
        self.store
            .users()
            .set_password(&user.id, &hash, self.now(), None, proven_email, entry)
            .await?;
        self.clear_attempts(&user.email, user).await?;
        Ok(())
    }
}
