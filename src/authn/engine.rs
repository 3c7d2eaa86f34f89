//! The authentication engine. A sign-in is a state machine: a first factor (a password, later a
//! passkey or an upstream provider), then whatever the demand still requires (a second factor,
//! the enrolment of one), then done. The checks here are pure, so a protocol's prompt policy
//! lists them in its order (see `oidc/authorize/policy.rs`); at the end the engine alone makes
//! the SSO session and says what it is worth (`acr`, `amr`).

use serde_json::json;

use super::{Accounts, Result};
use crate::audit::Event;
use crate::config::MfaRequired;
use crate::domain::{
    Authentication, FactorUse, FederatedIdentity, Level, Method, Origin, PendingLink, Session, UnixTime,
    User, amr, fresh,
};

/// What the request being answered demands of the authentication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Demand {
    /// The level the user must reach: the deployment's, the client's or the user's own MFA
    /// policy, or an essential `acr` claim. Unreached, a second factor is asked for, or the
    /// enrolment of one.
    pub required: Option<Level>,
    /// A level the client would like (`acr_values`): asked for when the user has a factor that
    /// reaches it, and otherwise let go (OIDC Core §3.1.2.1: the values are voluntary).
    pub preferred: Option<Level>,
    /// Factors proved longer ago than this many seconds do not count (OIDC `max_age`).
    pub max_age: Option<i64>,
    /// Authenticate again even inside a session (`prompt=login`, `max_age=0`).
    pub reauthenticate: bool,
    /// The request is for this user (the `sub` of an `id_token_hint`): a session of someone
    /// else does not answer it.
    pub user_id: Option<String>,
    /// The client asked for this authentication itself (`acr_values`, an essential `acr`,
    /// `max_age`): a remembered device does not answer it.
    pub explicit: bool,
    /// An essential `acr` claim requires the level: a grace period does not put off the
    /// set-up of a factor that reaches it.
    pub insisted: bool,
}

/// Who the request would be answered for: the browser's SSO session, or the authentication this
/// interaction has gathered.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub user_id: &'a str,
    /// The account, or `None` when it is gone.
    pub user: Option<&'a User>,
    pub factors: &'a [FactorUse],
    /// Proved within this interaction, not brought along by an older session.
    pub here: bool,
}

/// What the user must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Prove who they are: password or passkey.
    Login,
    /// Prove one more factor, one they have.
    Factor,
    /// Set up a second factor, then use it.
    Enrol(Enrolment),
}

/// Why the user is asked to set up a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enrolment {
    /// The demand requires one now.
    Required,
    /// The MFA policy requires one, but the user may put it off until then (the grace period).
    Deferrable { until: UnixTime },
    /// Nothing requires one: the guided set-up is offered, and may be put off.
    Offered,
}

/// Where a user without a second factor stands on setting one up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Setup {
    /// The MFA policy's requirement may be put off until then (`PORTCULLIS_MFA_GRACE_PERIOD`).
    pub grace_until: Option<UnixTime>,
    /// It is time to offer the set-up (after sign-up, then every
    /// `PORTCULLIS_MFA_OFFER_INTERVAL`).
    pub offer_due: bool,
    /// The user put it off in this sign-in.
    pub put_off: bool,
}

/// The facts one decision is made on.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub subject: Option<Subject<'a>>,
    pub demand: &'a Demand,
    /// The methods the user has set up, beyond the password.
    pub enrolled: &'a [Method],
    /// The browser is a remembered device of the user: the MFA policy alone does not ask it
    /// for a second factor.
    pub remembered: bool,
    pub setup: Setup,
    pub now: UnixTime,
}

/// The level an MFA policy requires of a user: multi-factor when the deployment requires it of
/// everyone, when `requires` (the client requires it of its users, or a role the user holds
/// does), or when the user has set up a second factor (recovery codes alone do not count: they
/// only stand in for one).
pub fn policy_level(deployment: MfaRequired, requires: bool, enrolled: &[Method]) -> Option<Level> {
    (deployment == MfaRequired::All || requires || has_second_factor(enrolled)).then_some(Level::MultiFactor)
}

/// Whether the user has set up a second factor: recovery codes alone do not count, as they
/// only stand in for one.
pub fn has_second_factor(enrolled: &[Method]) -> bool {
    enrolled.iter().any(|m| *m != Method::RecoveryCode)
}

/// Whether `factors` were proved recently enough for a sensitive change ("sudo mode"): a first
/// factor within `window` seconds, and a second one too when the user has one set up.
pub fn recent_enough(factors: &[FactorUse], enrolled: &[Method], now: UnixTime, window: i64) -> bool {
    let recent = fresh(factors, now - window);
    let first = recent.iter().any(|f| is_first_factor(f.method));
    let second = !has_second_factor(enrolled) || Level::of(&recent) >= Level::MultiFactor;
    first && second
}

/// Whether a user who has a second factor proved one within `window` seconds; true for a user
/// without one. Changes that already ask for the current password (password, e-mail, deletion,
/// export) ask for this too, so the password alone never suffices where a second factor exists.
pub fn second_factor_recent(factors: &[FactorUse], enrolled: &[Method], now: UnixTime, window: i64) -> bool {
    !has_second_factor(enrolled) || Level::of(&fresh(factors, now - window)) >= Level::MultiFactor
}

/// Methods that can begin a sign-in on their own.
fn is_first_factor(m: Method) -> bool {
    matches!(
        m,
        Method::Password
            | Method::Federated { .. }
            | Method::WebAuthn {
                user_verified: true,
                ..
            }
    )
}

impl Facts<'_> {
    /// The subject's factors that still count under `max_age`.
    fn usable(&self) -> Vec<FactorUse> {
        let since = self.demand.max_age.map_or(UnixTime::MIN, |m| self.now - m);
        self.subject.map(|s| fresh(s.factors, since)).unwrap_or_default()
    }

    fn level(&self) -> Level {
        Level::of(&self.usable())
    }

    /// Whether one more use of an enrolled method would reach `level`.
    fn reachable(&self, level: Level) -> bool {
        let usable = self.usable();
        self.enrolled.iter().any(|m| {
            let mut with = usable.clone();
            with.push(FactorUse {
                method: *m,
                at: self.now,
            });
            Level::of(&with) >= level
        })
    }

    /// No one is signed in, the account can no longer sign in, the request is for someone
    /// else, asks to authenticate again, or the first factor is older than `max_age`.
    pub fn login_needed(&self) -> bool {
        let Some(s) = self.subject else {
            return true;
        };
        !s.user.is_some_and(User::is_active)
            || self.demand.user_id.as_deref().is_some_and(|u| u != s.user_id)
            || (self.demand.reauthenticate && !s.here)
            || !self.usable().iter().any(|f| is_first_factor(f.method))
    }

    /// The level falls short of what is required, or of what is preferred and within reach,
    /// and one of the user's factors reaches it.
    pub fn factor_needed(&self) -> bool {
        let level = self.level();
        let short_of = |l: Option<Level>| l.is_some_and(|l| level < l && self.reachable(l));
        (short_of(self.demand.required) && !self.waived()) || short_of(self.demand.preferred)
    }

    /// A remembered device answers the MFA policy, never what the client asked for.
    fn waived(&self) -> bool {
        self.remembered && !self.demand.explicit
    }

    /// Whether the user is to set up a second factor: the level falls short of what is
    /// required, no factor the user has reaches it, and it is the multi-factor level (one that
    /// requires a phishing-resistant level is told it is unmet, see `unreachable`); or nothing
    /// requires one, but the set-up is due to be offered.
    pub fn enrolment(&self) -> Option<Enrolment> {
        let short = self
            .demand
            .required
            .is_some_and(|l| self.level() < l && !self.reachable(l) && l <= Level::MultiFactor)
            && !self.waived();
        if short {
            return Some(match self.setup.grace_until {
                Some(until) if self.now < until && !self.demand.insisted => Enrolment::Deferrable { until },
                _ => Enrolment::Required,
            });
        }
        (self.setup.offer_due && !has_second_factor(self.enrolled)).then_some(Enrolment::Offered)
    }

    /// The set-up must happen now, or may and should be offered: at a sign-in (not to an SSO
    /// session answering another request) where the user has not put it off yet.
    pub fn enrolment_needed(&self) -> bool {
        match self.enrolment() {
            Some(Enrolment::Required) => true,
            Some(_) => self.subject.is_some_and(|s| s.here) && !self.setup.put_off,
            None => false,
        }
    }

    /// The required level is out of reach: no factor the user has reaches it, and none that
    /// can be set up during a login would (a phishing-resistant level needs a passkey).
    pub fn unreachable(&self) -> bool {
        self.demand
            .required
            .is_some_and(|l| self.level() < l && !self.reachable(l) && l > Level::MultiFactor)
    }

    /// The first step the user must still take, in the engine's order; `None` when the
    /// authentication answers the demand.
    pub fn next(&self) -> Option<Step> {
        if self.login_needed() {
            Some(Step::Login)
        } else if self.factor_needed() {
            Some(Step::Factor)
        } else if self.enrolment_needed() {
            self.enrolment().map(Step::Enrol)
        } else {
            None
        }
    }
}

impl Accounts {
    /// Ends an authentication: starts the SSO session it earned, committed with the login's
    /// audit entry, and ends `current` (the session this browser had, so a login never
    /// inherits one: no session fixation). A step-up raises `current` instead, when it is the
    /// session the step-up began in. Returns the session and its new cookie value.
    pub async fn establish(
        &self,
        auth: &Authentication,
        origin: &Origin,
        current: Option<&Session>,
    ) -> Result<(Session, String)> {
        // The login succeeded: its failed tries are forgotten.
        if let Some(user) = self.store.users().user_by_id(&auth.user_id).await? {
            self.clear_attempts(&user.email, &user).await?;
        }
        if let Some(link) = auth.link.as_ref().filter(|l| l.user_id == auth.user_id) {
            self.link_upstream(link, origin).await?;
        }
        if let Some(s) =
            current.filter(|s| auth.session_id.as_deref() == Some(&s.id) && s.user_id == auth.user_id)
        {
            let level = Level::of(&auth.factors);
            // What the user proved for this step-up, not what the session had before.
            let proved: Vec<FactorUse> = auth
                .factors
                .iter()
                .filter(|f| !s.factors.contains(f))
                .copied()
                .collect();
            let raised = self
                .sessions
                .raise(s.clone(), auth.factors.clone(), |s| {
                    self.audit.entry(
                        Event::success("login.step_up")
                            .by_user(&auth.user_id)
                            .origin(origin)
                            .detail(json!({
                                "sid": s.id,
                                "acr": level.acr(),
                                "amr": s.amr,
                                "methods": methods(&proved),
                            })),
                    )
                })
                .await?;
            if let Some(raised) = raised {
                return Ok(raised);
            }
        }
        if let Some(old) = current {
            self.sessions.end(&old.id, None).await?;
        }

        let level = Level::of(&auth.factors);
        let amr = amr(&auth.factors);
        let first = auth.factors.first().map_or(Method::Password, |f| f.method);
        let (session, token) = self
            .sessions
            .create(&auth.user_id, auth.factors.clone(), origin.clone(), |s| {
                self.audit.entry(
                    Event::success(login_action(first))
                        .by_user(&auth.user_id)
                        .origin(origin)
                        .detail(json!({
                            "sid": s.id,
                            "mfa": level >= Level::MultiFactor,
                            "acr": level.acr(),
                            "amr": amr,
                            "methods": methods(&auth.factors),
                        })),
                )
            })
            .await?;
        self.metrics.login("success", method_name(first));
        Ok((session, token))
    }
}

impl Accounts {
    /// Links the upstream identity the user brought to this sign-in, now that the account is
    /// proved (its password and second factor). Linked meanwhile elsewhere, it stays there.
    async fn link_upstream(&self, link: &PendingLink, origin: &Origin) -> Result<()> {
        let now = self.now();
        let identity = FederatedIdentity {
            provider_id: link.provider_id.clone(),
            subject: link.subject.clone(),
            user_id: link.user_id.clone(),
            email: link.email.clone(),
            created_at: now,
            last_login_at: Some(now),
        };
        let entry = self.audit.entry(
            Event::success("federation.linked")
                .by_user(&link.user_id)
                .origin(origin)
                .detail(json!({ "connection": link.provider_id, "upstream_subject": link.subject })),
        );
        match self
            .store
            .identity_providers()
            .insert_link(&identity, &entry)
            .await
        {
            Err(crate::store::StoreError::Conflict) => {
                tracing::warn!(connection = %link.provider_id, "the upstream identity was linked meanwhile");
                Ok(())
            }
            r => Ok(r?),
        }
    }
}

/// The name a method has in the audit log and the metrics.
pub fn method_name(m: Method) -> &'static str {
    match m {
        Method::Password => "password",
        Method::Totp => "totp",
        Method::EmailCode => "email_code",
        Method::SmsCode => "sms_code",
        Method::RecoveryCode => "recovery_code",
        Method::WebAuthn { .. } => "webauthn",
        Method::Federated { .. } => "federated",
    }
}

/// The methods of `factors` by their audit names, for the entry of a login or step-up (what
/// the user proved at that moment): `amr` alone cannot say how the user signed in, as an
/// authenticator app and a recovery code are both `otp` (RFC 8176 has no value for the
/// latter), and the activity page names which it was.
fn methods(factors: &[FactorUse]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for name in factors.iter().map(|f| method_name(f.method)) {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The audit action of a login that began with `first`.
fn login_action(first: Method) -> &'static str {
    match first {
        Method::WebAuthn { .. } => "login.passkey",
        Method::Federated { .. } => "login.federated",
        _ => "login.password",
    }
}

#[cfg(test)]
mod tests;
