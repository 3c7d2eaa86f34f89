//! The second factors a signed-in user manages on the account pages: adding and removing
//! authenticator apps, recovery codes, and re-authentication before such changes ("sudo
//! mode"). Every change is audited with the change and mailed to the user.

use serde_json::json;

use super::engine::has_second_factor;
use super::{Accounts, AuthnError, Result};
use crate::audit::Event;
use crate::domain::{AuditEntry, Authentication, Method, Origin, Session, User};
use crate::mfa::{Channel, TotpAuthenticator, TotpEnrolment};

impl Accounts {
    fn security_entry(&self, action: &'static str, user: &User, origin: &Origin) -> AuditEntry {
        self.audit.entry(
            Event::success(action)
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "method": "totp" })),
        )
    }

    /// Starts adding an authenticator app; `reopen` shows the enrolment of a token again.
    pub async fn begin_totp(&self, user: &User, reopen: Option<&str>) -> Result<TotpEnrolment> {
        let product = self.mail_tr(user).t("product-name");
        if let Some(pending) = reopen
            && let Ok(e) = self.mfa.totp.reopen(&user.id, pending, &user.email, &product)
        {
            return Ok(e);
        }
        Ok(self.mfa.totp.begin(&user.id, &user.email, &product).await?)
    }

    /// Activates the authenticator app of `pending` once `code` is its current code. Returns
    /// recovery codes to show when the user had none (their first factor).
    pub async fn add_totp(
        &self,
        user: &User,
        pending: &str,
        name: &str,
        code: &str,
        origin: &Origin,
    ) -> Result<Option<Vec<String>>> {
        let entry = self.security_entry("mfa.enrolled", user, origin);
        self.mfa
            .totp
            .confirm(&user.id, pending, name, code, &entry)
            .await?;
        self.mail_security_change(user, "mail-security-totp-added");
        if self.mfa.recovery_codes.remaining(&user.id).await? > 0 {
            return Ok(None);
        }
        Ok(Some(self.new_recovery_codes(user, origin).await?))
    }

    /// Removes one of the user's authenticator apps.
    pub async fn remove_totp(&self, user: &User, id: &str, origin: &Origin) -> Result<()> {
        let entry = self.security_entry("mfa.removed", user, origin);
        self.mfa.totp.remove(&user.id, id, &entry).await?;
        self.void_orphaned_recovery_codes(user, origin).await?;
        self.mail_security_change(user, "mail-security-totp-removed");
        Ok(())
    }

    /// With the last factor gone, the recovery codes that stood in for it go too.
    pub(super) async fn void_orphaned_recovery_codes(&self, user: &User, origin: &Origin) -> Result<()> {
        let enrolled = self.mfa.enrolled(&user.id).await?;
        if has_second_factor(&enrolled) || !enrolled.contains(&Method::RecoveryCode) {
            return Ok(());
        }
        let entry = self.audit.entry(
            Event::success("mfa.recovery_codes.voided")
                .by_user(&user.id)
                .origin(origin),
        );
        Ok(self.mfa.recovery_codes.void(&user.id, &entry).await?)
    }

    /// Turns codes by `channel` on once the code sent by [`Accounts::send_setup_code`] comes
    /// back. Returns recovery codes to show when the user had none.
    pub async fn turn_on_channel(
        &self,
        user: &User,
        channel: Channel,
        code: &str,
        origin: &Origin,
    ) -> Result<Option<Vec<String>>> {
        let entry = self.channel_entry("mfa.enrolled", user, channel, origin);
        self.mfa
            .delivered
            .confirm_setup(&user.id, channel, code, &entry)
            .await?;
        self.mail_security_change(user, channel_added(channel));
        if self.mfa.recovery_codes.remaining(&user.id).await? > 0 {
            return Ok(None);
        }
        Ok(Some(self.new_recovery_codes(user, origin).await?))
    }

    pub async fn turn_off_channel(&self, user: &User, channel: Channel, origin: &Origin) -> Result<()> {
        let entry = self.channel_entry("mfa.removed", user, channel, origin);
        self.mfa.delivered.turn_off(&user.id, channel, &entry).await?;
        self.void_orphaned_recovery_codes(user, origin).await?;
        self.mail_security_change(user, "mail-security-channel-off");
        Ok(())
    }

    fn channel_entry(
        &self,
        action: &'static str,
        user: &User,
        channel: Channel,
        origin: &Origin,
    ) -> AuditEntry {
        self.audit.entry(
            Event::success(action)
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "method": super::engine::method_name(channel.method()) })),
        )
    }

    pub async fn rename_totp(&self, user: &User, id: &str, name: &str, origin: &Origin) -> Result<()> {
        let entry = self.security_entry("mfa.renamed", user, origin);
        Ok(self.mfa.totp.rename(&user.id, id, name, &entry).await?)
    }

    pub async fn totp_authenticators(&self, user: &User) -> Result<Vec<TotpAuthenticator>> {
        Ok(self.mfa.totp.list(&user.id).await?)
    }

    /// A new set of recovery codes, voiding the old one; the user is told by mail.
    pub async fn new_recovery_codes(&self, user: &User, origin: &Origin) -> Result<Vec<String>> {
        let entry = self.audit.entry(
            Event::success("mfa.recovery_codes.generated")
                .by_user(&user.id)
                .origin(origin),
        );
        let codes = self.mfa.recovery_codes.generate(&user.id, &entry).await?;
        self.mail_security_change(user, "mail-security-recovery-generated");
        Ok(codes)
    }

    /// Adds `method`, just proved, to `session` (the first code of a new authenticator app
    /// proves the user holds it): returns the raised session and its new cookie value.
    pub async fn add_to_session(
        &self,
        session: &Session,
        method: Method,
        origin: &Origin,
    ) -> Result<(Session, String)> {
        let mut auth = Authentication::raising(session);
        auth.proved(method, self.now());
        self.establish(&auth, origin, Some(session)).await
    }

    /// Whether `session` was authenticated recently enough for a sensitive change.
    pub async fn is_recent(&self, user: &User, session: &Session) -> Result<bool> {
        let enrolled = self.mfa.enrolled(&user.id).await?;
        Ok(super::engine::recent_enough(
            &session.factors,
            &enrolled,
            self.now(),
            self.config.sudo_window,
        ))
    }

    /// Whether `session` holds a recent second factor, when the user has one (see
    /// [`super::engine::second_factor_recent`]).
    pub async fn second_factor_is_recent(&self, user: &User, session: &Session) -> Result<bool> {
        let enrolled = self.mfa.enrolled(&user.id).await?;
        Ok(super::engine::second_factor_recent(
            &session.factors,
            &enrolled,
            self.now(),
            self.config.sudo_window,
        ))
    }

    /// Re-authenticates the user of `session` for a sensitive change: the password, and a
    /// code of `method` when they have a second factor, both counted in the lockout. Raises
    /// the session with the fresh factors; returns it and its new cookie value.
    pub async fn sudo(
        &self,
        user: &User,
        session: &Session,
        password: &str,
        second: Option<(Method, &str)>,
        origin: &Origin,
    ) -> Result<(Session, String)> {
        let user = match self.password_login(&user.email, password, origin).await {
            Ok(u) => u,
            Err(AuthnError::EmailUnverified { .. }) => return Err(AuthnError::InvalidCredentials),
            Err(e) => return Err(e),
        };
        let mut auth = Authentication::raising(session);
        auth.proved(Method::Password, self.now());
        let enrolled = self.mfa.enrolled(&user.id).await?;
        if has_second_factor(&enrolled) {
            let (method, code) = second.ok_or(AuthnError::InvalidCode)?;
            let method = sudo_method(&enrolled, method);
            self.second_factor(&user.id, method, code, origin).await?;
            auth.proved(method, self.now());
        }
        self.establish(&auth, origin, Some(session)).await
    }
}

fn channel_added(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "mail-security-email-on",
        Channel::Sms => "mail-security-sms-on",
    }
}

/// The method a re-authentication code is checked as: a recovery code as such; a six-digit
/// code as the user's app when they have one, else as the code last sent to them.
fn sudo_method(enrolled: &[Method], asked: Method) -> Method {
    if asked == Method::RecoveryCode {
        return asked;
    }
    [Method::Totp, Method::EmailCode, Method::SmsCode]
        .into_iter()
        .find(|m| enrolled.contains(m))
        .unwrap_or(asked)
}
