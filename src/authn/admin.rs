//! What an administrator does to an account (the command line today, the admin API next):
//! the same service functions the user's own reset and deletion run, with the administrator as
//! the actor of the audit entry. No mail is sent, as the administrator acts knowingly, except
//! when second factors are removed: the user learns that their sign-in got weaker from the
//! mail, which is waited for, since a short-lived command would end before a background
//! delivery finished.

use serde_json::json;

use super::registration::clean_name;
use super::{
    Accounts, AuthnError, DataExport, Problem, Result, is_plausible_email, normalize_email, password_policy,
};
use crate::audit::Event;
use crate::crypto::secrets::random_token;
use crate::domain::{Session, User};
use crate::mfa::Factors;
use crate::notify::messages;
use crate::store::mfa::FactorsRemoved;

/// What [`Accounts::admin_reset_mfa`] did.
#[derive(Debug, Clone)]
pub struct MfaReset {
    pub removed: FactorsRemoved,
    /// Whether the mail telling the user was delivered (or written to the outbox).
    pub mailed: bool,
}

/// A change to a user's profile; `None` leaves the field as it is.
#[derive(Debug, Default, Clone)]
pub struct ProfileChange {
    /// `Some(None)` removes the name.
    pub name: Option<Option<String>>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
}

/// An account an administrator creates.
#[derive(Debug, Default, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: Option<String>,
    /// None: the user sets one through a password reset (or signs in another way).
    pub password: Option<String>,
    pub email_verified: bool,
    /// Accept a password the policy would refuse.
    pub skip_policy: bool,
    /// Mail the user a link to choose their password (see `recovery::INVITATION_TTL`).
    pub invite: bool,
}

impl Accounts {
    /// Creates an account. The address is normalised and must look like one; the password,
    /// when given, follows the policy unless `skip_policy`. `Store(Conflict)` when another
    /// account has the address.
    pub async fn admin_create(&self, new: NewUser, actor: &str) -> Result<User> {
        let email = normalize_email(&new.email);
        if !is_plausible_email(&email) {
            return Err(AuthnError::invalid("problem-email-invalid"));
        }
        let name = clean_name(new.name.as_deref()).map_err(|p| AuthnError::Invalid(vec![p]))?;
        let now = self.now();
        let mut user = User::new(random_token(16), email, now);
        if let Some(password) = new.password {
            // Even the policy skipped, a password is not empty.
            if !new.skip_policy || password.is_empty() {
                let problems = self.password_problems(&user.email, name.as_deref(), &password);
                if !problems.is_empty() {
                    return Err(AuthnError::Invalid(problems));
                }
            }
            user.password_hash = Some(self.passwords.hash(password).await?);
            user.password_changed_at = Some(now);
        }
        user.email_verified = new.email_verified;
        user.name = name;
        let entry = self
            .audit
            .entry(Event::success("account.created").subject(&user.id).actor(actor));
        self.store.users().insert_user(&user, &entry).await?;
        if new.invite {
            self.mail_reset_link(&user, true, None).await?;
        }
        Ok(user)
    }

    /// Mails the user a link to choose a new password, as "forgot password" does; nothing
    /// changes until they use it. Refused for an account that cannot sign in.
    pub async fn admin_send_password_reset(&self, user: &User, actor: &str) -> Result<()> {
        if !user.is_active() {
            return Err(AuthnError::InvalidCredentials);
        }
        self.mail_reset_link(user, false, None).await?;
        self.audit
            .record(
                Event::success("password.reset_requested")
                    .subject(&user.id)
                    .actor(actor)
                    .detail(json!({ "channel": "email" })),
            )
            .await;
        Ok(())
    }

    /// Mails a fresh verification link and code; `false` when the address is verified already
    /// (nothing is sent).
    pub async fn admin_send_verification(&self, user: &User, actor: &str) -> Result<bool> {
        if user.email_verified || !user.is_active() {
            return Ok(false);
        }
        self.send_email_verification(user, None).await?;
        self.audit
            .record(
                Event::success("email.verification_sent")
                    .subject(&user.id)
                    .actor(actor),
            )
            .await;
        Ok(true)
    }

    /// Everything held about the user (GDPR Art. 15/20), as the account page exports it, for an
    /// administrator answering the user's request; audited with the administrator as actor.
    pub async fn admin_export(&self, user: &User, actor: &str) -> Result<DataExport> {
        let export = self.data_export(user, "").await?;
        self.audit
            .record(Event::success("account.exported").subject(&user.id).actor(actor))
            .await;
        Ok(export)
    }

    /// The user's live sessions, newest first.
    pub async fn admin_sessions(&self, user: &User) -> Result<Vec<Session>> {
        let now = self.now();
        let mut live: Vec<Session> = self
            .store
            .sessions()
            .user_sessions(&user.id, now)
            .await?
            .into_iter()
            .filter(|s| self.sessions.is_active(s, now))
            .collect();
        live.sort_by_key(|s| std::cmp::Reverse(s.created_at));
        Ok(live)
    }

    /// Ends one of the user's sessions. `None` when it is not theirs; `Some(false)` when it had
    /// ended already.
    pub async fn admin_end_session(
        &self,
        user: &User,
        session_id: &str,
        actor: &str,
    ) -> Result<Option<bool>> {
        let Some(s) = self.store.sessions().session(session_id).await? else {
            return Ok(None);
        };
        if s.user_id != user.id {
            return Ok(None);
        }
        if s.ended_at.is_some() {
            return Ok(Some(false));
        }
        let entry = self.audit.entry(
            Event::success("session.revoked")
                .subject(&user.id)
                .actor(actor)
                .detail(json!({ "sid": s.id })),
        );
        self.sessions.end(&s.id, Some(entry)).await?;
        Ok(Some(true))
    }

    /// Ends every session of the user and revokes the grants bound to them (offline grants stay,
    /// as at a sign-out); how many ended.
    pub async fn admin_end_sessions(&self, user: &User, actor: &str) -> Result<u64> {
        let entry = |count| {
            self.audit.entry(
                Event::success("session.revoked")
                    .subject(&user.id)
                    .actor(actor)
                    .detail(json!({ "all": true, "count": count })),
            )
        };
        Ok(self
            .store
            .users()
            .end_user_sessions(&user.id, None, false, self.now(), entry)
            .await?)
    }

    /// Withdraws the user's consent to a client and revokes what the client holds for them;
    /// `false` when there was none.
    pub async fn admin_revoke_consent(&self, user: &User, client_id: &str, actor: &str) -> Result<bool> {
        let entry = self.audit.entry(
            Event::success("consent.revoked")
                .subject(&user.id)
                .client(client_id)
                .actor(actor),
        );
        Ok(self
            .store
            .consents()
            .revoke_consent(&user.id, client_id, self.now(), &entry)
            .await?)
    }

    /// Lifts a lockout after failed sign-ins; whether the account was locked.
    pub async fn admin_unlock(&self, user: &User, actor: &str) -> Result<bool> {
        let was_locked = user.is_locked(self.now());
        let entry = self
            .audit
            .entry(Event::success("account.unlocked").subject(&user.id).actor(actor));
        self.store.users().lift_lock(&user.id, &entry).await?;
        Ok(was_locked)
    }

    /// The password policy sign-up applies (length, strength, not built from the user's own
    /// address or name); its problems when it fails.
    pub fn password_problems(&self, email: &str, name: Option<&str>, password: &str) -> Vec<Problem> {
        password_policy::check(&self.config, password, &[email, name.unwrap_or("")])
    }

    /// Sets the password as a reset does: every session ends, every grant (refresh tokens
    /// included) is revoked and the lockout is lifted. The policy applies unless `skip_policy`.
    pub async fn admin_set_password(
        &self,
        user: &User,
        password: &str,
        skip_policy: bool,
        actor: &str,
    ) -> Result<()> {
        if password.is_empty() {
            let min = self.config.password_min_length;
            return Err(AuthnError::Invalid(vec![Problem::counting(
                "policy-too-short",
                "min",
                min,
            )]));
        }
        if !skip_policy {
            let problems = self.password_problems(&user.email, user.name.as_deref(), password);
            if !problems.is_empty() {
                return Err(AuthnError::Invalid(problems));
            }
        }
        let entry = self.audit.entry(
            Event::success("password.reset")
                .subject(&user.id)
                .actor(actor)
                .detail(json!({ "channel": "admin", "sessions_ended": true, "policy_skipped": skip_policy })),
        );
        self.replace_password(user, password, None, &entry).await
    }

    /// Disables the account (every session ends, every grant is revoked) or enables it again;
    /// `false` when it already was so (or, to enable, when it is deleted).
    pub async fn admin_set_disabled(&self, user: &User, disabled: bool, actor: &str) -> Result<bool> {
        let action = if disabled {
            "account.disabled"
        } else {
            "account.enabled"
        };
        let entry = self
            .audit
            .entry(Event::success(action).subject(&user.id).actor(actor));
        Ok(self
            .store
            .users()
            .set_user_disabled(&user.id, disabled, self.now(), &entry)
            .await?)
    }

    /// Deletes the account as the account page does, without the user's password.
    pub async fn admin_delete(&self, user: &User, actor: &str) -> Result<()> {
        let entry = self
            .audit
            .entry(Event::success("account.deleted").subject(&user.id).actor(actor));
        self.end_account(user, &entry).await
    }

    /// The user's second factors, as an operator may see them (no secret).
    pub async fn admin_factors(&self, user: &User) -> Result<Factors> {
        Ok(self.mfa.factors(&user.id).await?)
    }

    /// Removes all the user's second factors (a lost phone, a suspected compromise) and ends
    /// all their sessions, in one commit with the `mfa.reset` entry; then tells the user by
    /// mail. A user with no factor is left alone: nothing is ended, audited or mailed.
    ///
    /// Ending the sessions in the database is enough even when the caller (the command line)
    /// does not share the server's in-process cache: every node reads a session from the
    /// database on each request, so an ended one stops working on the next.
    pub async fn admin_reset_mfa(&self, user: &User, actor: &str) -> Result<MfaReset> {
        let removed = self
            .store
            .mfa()
            .reset_factors(&user.id, self.now(), |removed| {
                self.audit.entry(
                    Event::success("mfa.reset")
                        .subject(&user.id)
                        .actor(actor)
                        .detail(json!({
                            "removed": removed.counts(),
                            "sessions_ended": removed.sessions_ended,
                        })),
                )
            })
            .await?;
        if !removed.any() {
            return Ok(MfaReset {
                removed,
                mailed: false,
            });
        }
        let mail = messages::security_changed(
            &self.mail_tr(user),
            "mail-security-mfa-reset",
            self.url("/account/security"),
        );
        let mailed = self.notifier.mail_and_wait(&user.email, mail).await;
        Ok(MfaReset { removed, mailed })
    }

    /// Changes name, address and its verified flag. A new address is not verified unless
    /// `email_verified` says so. `Store(Conflict)` when another account has the address.
    pub async fn admin_update_profile(
        &self,
        user: &User,
        change: ProfileChange,
        actor: &str,
    ) -> Result<User> {
        let mut updated = user.clone();
        let mut fields = Vec::new();
        if let Some(name) = change.name {
            updated.name = clean_name(name.as_deref()).map_err(|p| AuthnError::Invalid(vec![p]))?;
            fields.push("name");
        }
        if let Some(email) = change.email {
            let email = normalize_email(&email);
            if !is_plausible_email(&email) {
                return Err(AuthnError::invalid("problem-email-invalid"));
            }
            if email != user.email {
                updated.email = email;
                updated.email_verified = false;
                fields.push("email");
            }
        }
        if let Some(verified) = change.email_verified {
            updated.email_verified = verified;
            fields.push("email_verified");
        }
        let entry = self.audit.entry(
            Event::success("profile.updated")
                .subject(&user.id)
                .actor(actor)
                .detail(json!({ "fields": fields })),
        );
        self.store
            .users()
            .update_profile(
                &updated.id,
                updated.name.as_deref(),
                &updated.email,
                updated.email_verified,
                self.now(),
                &entry,
            )
            .await?;
        Ok(updated)
    }
}
