//! Passkeys and security keys (WebAuthn): signing in with a passkey alone, a key as the second
//! factor, and adding or removing them on the account page. The ceremonies are `mfa::webauthn`'s;
//! here are the rules around them: rate limits, lockout, audit, mail.

use serde_json::{Value, json};

use super::{Accounts, AuthnError, Result};
use crate::audit::Event;
use crate::config::RateLimited;
use crate::domain::{AuditEntry, Method, Origin, User};
use crate::mfa::{CredentialKind, MfaError, WebAuthn, WebAuthnCredential};

/// A ceremony that failed: refused, replayed or expired. The user may simply try again.
fn refused(e: MfaError) -> AuthnError {
    match e {
        MfaError::Ceremony | MfaError::Refused(_) | MfaError::NotFound => {
            tracing::info!(error = %e, "a WebAuthn ceremony was refused");
            AuthnError::InvalidCode
        }
        e => e.into(),
    }
}

impl Accounts {
    fn webauthn(&self) -> Result<&WebAuthn> {
        self.mfa
            .webauthn
            .as_ref()
            .ok_or_else(|| AuthnError::invalid("problem-webauthn-unavailable"))
    }

    /// Starts a sign-in with a passkey alone (the button, or autofill): a discoverable
    /// ceremony, user verification required.
    pub async fn begin_passkey_login(&self, origin: &Origin) -> Result<(Value, String)> {
        self.limits.check_spent_ip(RateLimited::Login, origin).await?;
        Ok(self.webauthn()?.start_authentication(None).await?)
    }

    /// Finishes a passkey sign-in: the user the credential belongs to, and what it proved. An
    /// unknown credential, a failed ceremony or an account that cannot sign in (disabled,
    /// locked) are one answer.
    pub async fn passkey_login(
        &self,
        ceremony: &str,
        response: &Value,
        origin: &Origin,
    ) -> Result<(User, Method)> {
        self.limits.check(RateLimited::Login, origin, None).await?;
        let entry = |user_id: &str| {
            self.audit.entry(
                Event::success("login.factor")
                    .by_user(user_id)
                    .origin(origin)
                    .detail(json!({ "method": "webauthn", "passwordless": true })),
            )
        };
        let failed = |reason: &'static str, user: Option<&str>| {
            self.metrics.login("failure", reason);
            let e = Event::failure("login.passkey")
                .origin(origin)
                .detail(json!({ "reason": reason }));
            match user {
                Some(u) => e.subject(u),
                None => e,
            }
        };
        let verified = match self
            .webauthn()?
            .finish_authentication(ceremony, None, response, entry)
            .await
        {
            Ok(v) => v,
            Err(e) => {
                self.audit.record(failed("refused", None)).await;
                return Err(match refused(e) {
                    AuthnError::InvalidCode => AuthnError::InvalidCredentials,
                    e => e,
                });
            }
        };
        match self.store.users().user_by_id(&verified.user_id).await? {
            Some(u) if u.is_active() && !u.is_locked(self.now()) => Ok((u, verified.method)),
            _ => {
                self.audit
                    .record(failed("inactive", Some(&verified.user_id)))
                    .await;
                Err(AuthnError::InvalidCredentials)
            }
        }
    }

    /// Starts a key as the second factor for `user_id`: their credentials are allowed.
    pub async fn begin_webauthn_factor(&self, user_id: &str) -> Result<(Value, String)> {
        Ok(self.webauthn()?.start_authentication(Some(user_id)).await?)
    }

    /// Finishes a key as the second factor, counted in the lockout like a code.
    pub async fn webauthn_factor(
        &self,
        user_id: &str,
        ceremony: &str,
        response: &Value,
        origin: &Origin,
    ) -> Result<Method> {
        let webauthn = self.webauthn()?;
        let any_key = Method::WebAuthn {
            user_verified: false,
            hardware: false,
        };
        self.counted_factor(user_id, any_key, origin, async |user, used| {
            match webauthn
                .finish_authentication(ceremony, Some(&user.id), response, |_| used.clone())
                .await
            {
                Ok(v) => Ok(Some(v.method)),
                Err(e) => match refused(e) {
                    AuthnError::InvalidCode => Ok(None),
                    e => Err(e),
                },
            }
        })
        .await
    }

    /// Starts adding a passkey or a security key for the user.
    pub async fn begin_webauthn_registration(
        &self,
        user: &User,
        kind: CredentialKind,
    ) -> Result<(Value, String)> {
        let display = user.name.as_deref().unwrap_or(&user.email);
        Ok(self
            .webauthn()?
            .start_registration(&user.id, &user.email, display, kind)
            .await?)
    }

    /// Adds the credential the browser made; returns it and, when the user had no recovery
    /// codes, a new set to show.
    pub async fn add_webauthn(
        &self,
        user: &User,
        ceremony: &str,
        response: &Value,
        name: &str,
        origin: &Origin,
    ) -> Result<(WebAuthnCredential, Option<Vec<String>>)> {
        let entry = self.webauthn_entry("mfa.enrolled", user, origin);
        let credential = self
            .webauthn()?
            .finish_registration(&user.id, ceremony, response, name, &entry)
            .await
            .map_err(refused)?;
        self.mail_security_change(user, "mail-security-webauthn-added");
        let codes = match self.mfa.recovery_codes.remaining(&user.id).await? {
            0 => Some(self.new_recovery_codes(user, origin).await?),
            _ => None,
        };
        Ok((credential, codes))
    }

    pub async fn webauthn_credentials(&self, user: &User) -> Result<Vec<WebAuthnCredential>> {
        match &self.mfa.webauthn {
            Some(w) => Ok(w.list(&user.id).await?),
            None => Ok(Vec::new()),
        }
    }

    pub async fn rename_webauthn(&self, user: &User, id: &str, name: &str, origin: &Origin) -> Result<()> {
        let entry = self.webauthn_entry("mfa.renamed", user, origin);
        Ok(self.webauthn()?.rename(&user.id, id, name, &entry).await?)
    }

    pub async fn remove_webauthn(&self, user: &User, id: &str, origin: &Origin) -> Result<()> {
        let entry = self.webauthn_entry("mfa.removed", user, origin);
        self.webauthn()?.remove(&user.id, id, &entry).await?;
        self.void_orphaned_recovery_codes(user, origin).await?;
        self.mail_security_change(user, "mail-security-webauthn-removed");
        Ok(())
    }

    fn webauthn_entry(&self, action: &'static str, user: &User, origin: &Origin) -> AuditEntry {
        self.audit.entry(
            Event::success(action)
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "method": "webauthn" })),
        )
    }
}
