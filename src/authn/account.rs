//! What a signed-in user does to their own account: profile, e-mail and phone changes (each
//! verified before it takes effect), password change, sessions, connected applications, their
//! activity, export of their data and deletion.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::registration::{clean_name, normalize_phone};
use super::{Accounts, AuthnError, Result, is_plausible_email, normalize_email};
use crate::audit::Event;
use crate::cache::one_time::Purpose;
use crate::config::RateLimited;
use crate::domain::{AuditEntry, Device, Origin, User, device};
use crate::mfa::Factors;
use crate::notify::messages;
use crate::store::{ConsentRecord, Session, StoreError};

/// A session as the sessions page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    pub device: Device,
    pub ip: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

/// GDPR Art. 15/20: everything we hold about the user, machine-readable.
#[derive(Debug, Serialize)]
pub struct DataExport {
    pub exported_at: i64,
    pub profile: serde_json::Value,
    pub sessions: Vec<SessionView>,
    pub consents: Vec<ConsentRecord>,
    /// Authenticator apps by name and times, and the recovery codes left: what the user set
    /// up, never a secret or a code.
    pub second_factors: Factors,
    pub activity: Vec<AuditEntry>,
}

#[derive(Serialize, Deserialize)]
struct EmailChange {
    user_id: String,
    old_email: String,
    new_email: String,
}

#[derive(Serialize, Deserialize)]
struct PhoneChange {
    phone: String,
}

/// Entries shown on the activity page and exported.
const ACTIVITY_LIMIT: i64 = 200;

impl Accounts {
    /// Re-authentication for sensitive changes: the current password, under the login rate
    /// limit and lockout.
    async fn reauthenticate(&self, user: &User, password: &str, origin: &Origin) -> Result<()> {
        match self.password_login(&user.email, password, origin).await {
            Ok(u) if u.id == user.id => Ok(()),
            Ok(_) | Err(AuthnError::InvalidCredentials) => {
                Err(AuthnError::invalid("problem-current-password"))
            }
            Err(e) => Err(e),
        }
    }

    pub async fn change_password(
        &self,
        user: &User,
        session_id: &str,
        current: &str,
        new: &str,
        confirm: &str,
        origin: &Origin,
    ) -> Result<()> {
        self.check_new_password(user, new, confirm)?;
        self.reauthenticate(user, current, origin).await?;
        let hash = self.passwords.hash(new.to_owned()).await?;
        let now = self.now();
        let entry = self.audit.entry(
            Event::success("password.changed")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "other_sessions_ended": true })),
        );
        // Whoever knew the old password is signed out everywhere but here.
        self.store
            .users()
            .set_password(&user.id, &hash, now, Some(session_id), None, &entry)
            .await?;
        self.notifier.mail(
            &user.email,
            messages::password_changed(&self.mail_tr(user), false, self.url("/account")),
        );
        Ok(())
    }

    pub async fn update_name(&self, user: &User, name: Option<&str>, origin: &Origin) -> Result<()> {
        let name = clean_name(name).map_err(|p| AuthnError::Invalid(vec![p]))?;
        if name == user.name {
            return Ok(());
        }
        let entry = self.audit.entry(
            Event::success("profile.updated")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "fields": ["name"] })),
        );
        self.store
            .users()
            .set_name(&user.id, name.as_deref(), self.now(), &entry)
            .await?;
        Ok(())
    }

    /// Sends a code to a new phone number; the number is saved once the code comes back.
    pub async fn request_phone_change(&self, user: &User, phone: &str, origin: &Origin) -> Result<()> {
        let phone = normalize_phone(phone).ok_or_else(|| AuthnError::invalid("problem-phone-invalid"))?;
        self.limits
            .check(RateLimited::Otp, origin, Some(&user.id))
            .await?;
        let code = self
            .codes
            .issue_code(
                Purpose::VerifyPhone,
                &user.id,
                &PhoneChange { phone: phone.clone() },
                self.config.sms_code_ttl,
            )
            .await?;
        self.notifier.sms(
            &phone,
            messages::sms_code(&self.mail_tr(user), "sms-verify-phone", &code),
        );
        self.audit
            .record(Event::success("phone.code_sent").by_user(&user.id).origin(origin))
            .await;
        Ok(())
    }

    pub async fn verify_phone(&self, user: &User, code: &str, origin: &Origin) -> Result<String> {
        self.limits
            .check(RateLimited::Verify, origin, Some(&user.id))
            .await?;
        let change: PhoneChange = self
            .codes
            .redeem_code(Purpose::VerifyPhone, &user.id, code)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        let entry = self.audit.entry(
            Event::success("profile.updated")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "fields": ["phone_number"], "verified": true })),
        );
        self.store
            .users()
            .set_phone(&user.id, Some(&change.phone), true, self.now(), &entry)
            .await?;
        Ok(change.phone)
    }

    pub async fn remove_phone(&self, user: &User, origin: &Origin) -> Result<()> {
        let entry = self.audit.entry(
            Event::success("profile.updated")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "fields": ["phone_number"], "removed": true })),
        );
        self.store
            .users()
            .set_phone(&user.id, None, false, self.now(), &entry)
            .await?;
        Ok(())
    }

    /// Starts an e-mail change: the new address gets a link and a code; nothing changes until
    /// one of them comes back. An address that belongs to another account gets the same answer.
    pub async fn request_email_change(
        &self,
        user: &User,
        new_email: &str,
        password: &str,
        origin: &Origin,
    ) -> Result<()> {
        let new_email = normalize_email(new_email);
        if !is_plausible_email(&new_email) {
            return Err(AuthnError::invalid("problem-email-invalid"));
        }
        if new_email == user.email {
            return Err(AuthnError::invalid("problem-email-same"));
        }
        self.reauthenticate(user, password, origin).await?;
        self.limits
            .check(RateLimited::Otp, origin, Some(&user.id))
            .await?;
        self.audit
            .record(
                Event::success("email.change_requested")
                    .by_user(&user.id)
                    .origin(origin),
            )
            .await;
        if self.store.users().user_by_email(&new_email).await?.is_some() {
            return Ok(());
        }
        let change = EmailChange {
            user_id: user.id.clone(),
            old_email: user.email.clone(),
            new_email: new_email.clone(),
        };
        let ttl = self.config.email_verification_link_ttl;
        let token = self.codes.issue_link(Purpose::ChangeEmail, &change, ttl).await?;
        let code = self
            .codes
            .issue_code(
                Purpose::ChangeEmail,
                &user.id,
                &change,
                self.config.email_verification_code_ttl,
            )
            .await?;
        let link = self.url(&format!("/account/email/confirm?token={token}"));
        self.notifier.mail(
            &new_email,
            messages::email_change(&self.mail_tr(user), link, code, ttl),
        );
        Ok(())
    }

    pub async fn email_change_link_is_live(&self, token: &str) -> Result<bool> {
        Ok(self
            .codes
            .peek_link::<EmailChange>(Purpose::ChangeEmail, token)
            .await?
            .is_some())
    }

    pub async fn confirm_email_change_link(&self, token: &str, origin: &Origin) -> Result<User> {
        self.limits.check(RateLimited::Verify, origin, None).await?;
        let change: EmailChange = self
            .codes
            .redeem_link(Purpose::ChangeEmail, token)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        self.codes
            .revoke_code(Purpose::ChangeEmail, &change.user_id)
            .await?;
        self.apply_email_change(change, origin).await
    }

    pub async fn confirm_email_change_code(&self, user: &User, code: &str, origin: &Origin) -> Result<User> {
        self.limits
            .check(RateLimited::Verify, origin, Some(&user.id))
            .await?;
        let change: EmailChange = self
            .codes
            .redeem_code(Purpose::ChangeEmail, &user.id, code)
            .await?
            .ok_or(AuthnError::InvalidCode)?;
        self.apply_email_change(change, origin).await
    }

    async fn apply_email_change(&self, change: EmailChange, origin: &Origin) -> Result<User> {
        let user = self
            .store
            .users()
            .user_by_id(&change.user_id)
            .await?
            .filter(|u| u.is_active() && u.email == change.old_email)
            .ok_or(AuthnError::InvalidCode)?;
        let entry = self.audit.entry(
            Event::success("email.changed")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "verified": true })),
        );
        match self
            .store
            .users()
            .change_email(&user.id, &change.new_email, self.now(), &entry)
            .await
        {
            Ok(()) => {}
            Err(StoreError::Conflict) => {
                return Err(AuthnError::invalid("problem-email-taken"));
            }
            Err(e) => return Err(e.into()),
        }
        self.notifier.mail(
            &change.old_email,
            messages::email_changed(&self.mail_tr(&user), &change.new_email, self.url("/account")),
        );
        Ok(self.store.users().user_by_id(&user.id).await?.unwrap_or(user))
    }

    /// The user's live sessions, this one first.
    pub async fn sessions_of(&self, user: &User, current: &str) -> Result<Vec<SessionView>> {
        let now = self.now();
        let mut list: Vec<SessionView> = self
            .store
            .sessions()
            .user_sessions(&user.id, now)
            .await?
            .into_iter()
            .filter(|s| self.sessions.is_active(s, now))
            .map(|s: Session| SessionView {
                current: s.id == current,
                device: device(s.user_agent.as_deref()),
                id: s.id,
                ip: s.ip,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
            })
            .collect();
        list.sort_by_key(|s| !s.current);
        Ok(list)
    }

    /// Ends one of the user's own sessions; `false` when it is not theirs or already over.
    pub async fn revoke_session(&self, user: &User, session_id: &str, origin: &Origin) -> Result<bool> {
        let Some(s) = self.store.sessions().session(session_id).await? else {
            return Ok(false);
        };
        if s.user_id != user.id || s.ended_at.is_some() {
            return Ok(false);
        }
        let entry = self.audit.entry(
            Event::success("session.revoked")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "sid": s.id })),
        );
        self.sessions.end(&s.id, Some(entry)).await?;
        Ok(true)
    }

    pub async fn revoke_other_sessions(&self, user: &User, current: &str, origin: &Origin) -> Result<u64> {
        let entry = |count| {
            self.audit.entry(
                Event::success("session.revoked")
                    .by_user(&user.id)
                    .origin(origin)
                    .detail(json!({ "all_others": true, "count": count })),
            )
        };
        let n = self
            .store
            .users()
            .end_user_sessions(&user.id, Some(current), false, self.now(), entry)
            .await?;
        Ok(n)
    }

    pub async fn connected_apps(&self, user: &User) -> Result<Vec<ConsentRecord>> {
        Ok(self.store.consents().user_consents(&user.id).await?)
    }

    pub async fn revoke_app(&self, user: &User, client_id: &str, origin: &Origin) -> Result<bool> {
        let entry = self.audit.entry(
            Event::success("consent.revoked")
                .by_user(&user.id)
                .client(client_id)
                .origin(origin),
        );
        Ok(self
            .store
            .consents()
            .revoke_consent(&user.id, client_id, self.now(), &entry)
            .await?)
    }

    pub async fn activity(&self, user: &User) -> Result<Vec<AuditEntry>> {
        Ok(self
            .store
            .audit()
            .audit_entries(Some(&user.id), 0, ACTIVITY_LIMIT)
            .await?)
    }

    pub async fn export(&self, user: &User, current: &str, origin: &Origin) -> Result<DataExport> {
        let export = self.data_export(user, current).await?;
        self.audit
            .record(
                Event::success("account.exported")
                    .by_user(&user.id)
                    .origin(origin),
            )
            .await;
        Ok(export)
    }

    /// Everything held about `user` (the export of the account page and of the admin API);
    /// `current` marks the session asking, if any.
    pub(super) async fn data_export(&self, user: &User, current: &str) -> Result<DataExport> {
        Ok(DataExport {
            exported_at: self.now(),
            profile: json!({
                "sub": user.id,
                "email": user.email,
                "email_verified": user.email_verified,
                "name": user.name,
                "given_name": user.given_name,
                "family_name": user.family_name,
                "preferred_username": user.preferred_username,
                "picture": user.picture,
                "locale": user.locale,
                "phone_number": user.phone_number,
                "phone_number_verified": user.phone_number_verified,
                "address": user.address,
                "created_at": user.created_at,
                "updated_at": user.updated_at,
                "password_changed_at": user.password_changed_at,
            }),
            sessions: self.sessions_of(user, current).await?,
            consents: self.connected_apps(user).await?,
            second_factors: self.mfa.factors(&user.id).await?,
            activity: self.activity(user).await?,
        })
    }

    /// Deletes the account after re-authentication: sign-in, sessions, grants and consents end at
    /// once; personal data is purged after the retention period by the sweep.
    pub async fn delete_account(&self, user: &User, password: &str, origin: &Origin) -> Result<()> {
        self.reauthenticate(user, password, origin).await?;
        let entry = self
            .audit
            .entry(Event::success("account.deleted").by_user(&user.id).origin(origin));
        self.end_account(user, &entry).await?;
        let days = self.config.deleted_account_retention / 86_400;
        self.notifier
            .mail(&user.email, messages::account_deleted(&self.mail_tr(user), days));
        Ok(())
    }

    /// What every deletion does, whoever asks for it (the user, an administrator): sign-in,
    /// sessions, grants and consents end at once; the sweep purges the personal data after
    /// the retention period. `entry` is committed with the change.
    pub(super) async fn end_account(&self, user: &User, entry: &AuditEntry) -> Result<()> {
        self.store
            .users()
            .mark_user_deleted(&user.id, self.now(), entry)
            .await?;
        Ok(())
    }
}
