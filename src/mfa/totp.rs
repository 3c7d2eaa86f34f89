//! Authenticator apps: time-based one-time passwords (RFC 6238) with HMAC-SHA-1, 6 digits and
//! a 30-second time step, the parameters every app understands. A user may have several named
//! authenticators; their 160-bit secrets are sealed under the master key.
//!
//! Enrolment writes nothing until the user proves the app works: [`Totp::begin`] makes a
//! secret and hands it to the browser sealed ([`pending`]), and [`Totp::confirm`] stores it
//! only with a correct code. Each code is accepted once (RFC 6238 §5.2): the step it belongs
//! to is recorded with a conditional update, and codes of that step or earlier are refused.

mod pending;
mod qr;

use std::sync::Arc;

use totp_rs::{Algorithm, Builder, Secret};

use super::{CodeFactor, MfaError, Result, authenticator_name};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::random_token;
use crate::domain::{AuditEntry, Clock, Method, UnixTime};
use crate::store::mfa::TotpRecord;
use crate::store::{Store, StoreError};

pub use pending::LIFETIME as ENROLMENT_LIFETIME;

/// The time step X of RFC 6238 §4.1, in seconds (T0 = 0, the Unix epoch).
pub const PERIOD: i64 = 30;
/// Digits of a code (RFC 4226 §5.3).
pub const DIGITS: u8 = 6;
/// Steps accepted on either side of the current one: the one step of clock drift and typing
/// delay RFC 6238 §5.2 recommends, and no more.
pub const SKEW: i64 = 1;
/// Authenticators one user may have: a code is checked against each of them.
pub const MAX_AUTHENTICATORS: usize = 10;
/// Characters of the labels in the otpauth URI: keeps the QR code small enough to scan.
const MAX_ISSUER_CHARS: usize = 64;
const MAX_ACCOUNT_CHARS: usize = 254;

/// An enrolment for the page to show: the QR code to scan, the secret for typing it in by
/// hand, and the token to post back with the first code.
pub struct TotpEnrolment {
    /// The secret in base32 (RFC 4648), for apps that cannot scan.
    pub secret_base32: String,
    /// The `otpauth://totp/…` URI the QR code encodes.
    pub otpauth_uri: String,
    /// The QR code as an `<svg>` element, safe to put in the page as it is.
    pub qr_svg: String,
    /// The sealed enrolment, for a hidden form field; see [`Totp::confirm`].
    pub pending: String,
    pub expires_at: UnixTime,
}

// Holds the secret: never printed.
impl std::fmt::Debug for TotpEnrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpEnrolment")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// One of a user's authenticators, as the account page lists it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TotpAuthenticator {
    pub id: String,
    pub name: String,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

impl From<&TotpRecord> for TotpAuthenticator {
    fn from(r: &TotpRecord) -> Self {
        TotpAuthenticator {
            id: r.id.clone(),
            name: r.name.clone(),
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

#[derive(Clone)]
pub struct Totp {
    store: Store,
    master: MasterKey,
    clock: Arc<dyn Clock>,
}

impl Totp {
    pub fn new(store: Store, master: MasterKey, clock: Arc<dyn Clock>) -> Totp {
        Totp { store, master, clock }
    }

    /// Starts an enrolment for `user_id`: a new secret, labelled in the app with
    /// `account_label` (the user's e-mail address) under `issuer_label` (the brand's name).
    /// Nothing is stored; the enrolment lives [`ENROLMENT_LIFETIME`] seconds in `pending`.
    pub async fn begin(
        &self,
        user_id: &str,
        account_label: &str,
        issuer_label: &str,
    ) -> Result<TotpEnrolment> {
        if self.store.mfa().user_totps(user_id).await?.len() >= MAX_AUTHENTICATORS {
            return Err(MfaError::Invalid("problem-totp-too-many"));
        }
        let secret = Secret::generate();
        let expires_at = self.clock.now() + ENROLMENT_LIFETIME;
        let pending = pending::seal(
            &self.master,
            &random_token(16),
            user_id,
            secret.as_bytes(),
            expires_at,
        )?;
        present(&secret, pending, expires_at, account_label, issuer_label)
    }

    /// The enrolment of `pending` again, for a page that must show it once more (the code
    /// typed was wrong): the same secret, so an app that scanned it keeps working.
    pub fn reopen(
        &self,
        user_id: &str,
        pending: &str,
        account_label: &str,
        issuer_label: &str,
    ) -> Result<TotpEnrolment> {
        let p = pending::open(&self.master, pending, user_id, self.clock.now())
            .ok_or(MfaError::Invalid("problem-totp-enrolment-expired"))?;
        let secret = Secret::new(p.secret.into_boxed_slice());
        present(
            &secret,
            pending.to_owned(),
            p.expires_at,
            account_label,
            issuer_label,
        )
    }

    /// Adds the authenticator of `pending` under `name` if `code` is its current code, with
    /// the enrolment's audit entry. The confirming code counts as used.
    ///
    /// A token that is not this user's, has expired or was confirmed already is
    /// `Invalid("problem-totp-enrolment-expired")`: the user starts again.
    pub async fn confirm(
        &self,
        user_id: &str,
        pending: &str,
        name: &str,
        code: &str,
        entry: &AuditEntry,
    ) -> Result<TotpAuthenticator> {
        let name = authenticator_name(name)?;
        let now = self.clock.now();
        let pending = pending::open(&self.master, pending, user_id, now)
            .ok_or(MfaError::Invalid("problem-totp-enrolment-expired"))?;
        let code = normalize_code(code).ok_or(MfaError::InvalidCode)?;
        let step = accepted_step(&pending.secret, &code, now, None).ok_or(MfaError::InvalidCode)?;
        if self.store.mfa().user_totps(user_id).await?.len() >= MAX_AUTHENTICATORS {
            return Err(MfaError::Invalid("problem-totp-too-many"));
        }
        let record = TotpRecord {
            id: pending.id,
            user_id: user_id.to_owned(),
            name,
            secret_sealed: self.master.encrypt(&pending.secret)?,
            last_step: Some(step),
            created_at: now,
            last_used_at: None,
        };
        match self.store.mfa().insert_totp(&record, entry).await {
            Ok(()) => Ok(TotpAuthenticator::from(&record)),
            Err(StoreError::Conflict) => Err(MfaError::Invalid("problem-totp-enrolment-expired")),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether `code` is the current code of one of the user's authenticators and unused; if
    /// so it is used up, with `entry`. Of parallel requests with one code, one gets `true`.
    /// Spaces in the code are ignored; anything but six digits is refused without a look-up.
    pub async fn verify(&self, user_id: &str, code: &str, entry: &AuditEntry) -> Result<bool> {
        let Some(code) = normalize_code(code) else {
            return Ok(false);
        };
        let now = self.clock.now();
        for a in self.store.mfa().user_totps(user_id).await? {
            let secret = self.master.decrypt(&a.secret_sealed)?;
            let Some(step) = accepted_step(&secret, &code, now, a.last_step) else {
                continue;
            };
            // False: a parallel request took this step first.
            if self
                .store
                .mfa()
                .use_totp_step(user_id, &a.id, step, now, entry)
                .await?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The user's authenticators, oldest first.
    pub async fn list(&self, user_id: &str) -> Result<Vec<TotpAuthenticator>> {
        let records = self.store.mfa().user_totps(user_id).await?;
        Ok(records.iter().map(TotpAuthenticator::from).collect())
    }

    /// Renames one of the user's authenticators; [`MfaError::NotFound`] if the user has none
    /// with that id (another user's included).
    pub async fn rename(&self, user_id: &str, id: &str, name: &str, entry: &AuditEntry) -> Result<()> {
        let name = authenticator_name(name)?;
        if !self.store.mfa().rename_totp(user_id, id, &name, entry).await? {
            return Err(MfaError::NotFound);
        }
        Ok(())
    }

    /// Removes one of the user's authenticators; [`MfaError::NotFound`] if the user has none
    /// with that id (another user's included).
    pub async fn remove(&self, user_id: &str, id: &str, entry: &AuditEntry) -> Result<()> {
        if !self.store.mfa().delete_totp(user_id, id, entry).await? {
            return Err(MfaError::NotFound);
        }
        Ok(())
    }
}

impl CodeFactor for Totp {
    fn method(&self) -> Method {
        Method::Totp
    }

    async fn enrolled(&self, user_id: &str) -> Result<bool> {
        Ok(!self.store.mfa().user_totps(user_id).await?.is_empty())
    }

    async fn verify(&self, user_id: &str, code: &str, entry: &AuditEntry) -> Result<bool> {
        Totp::verify(self, user_id, code, entry).await
    }
}

/// `text` for the otpauth label: no colon (it separates issuer from account, Key Uri Format)
/// and no control characters, at most `max` characters.
fn label(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .filter(|c| *c != ':' && !c.is_control())
        .take(max)
        .collect();
    clean.trim().to_owned()
}

/// What a page shows of an enrolment: the otpauth URI of `secret` and its QR code.
fn present(
    secret: &Secret,
    pending: String,
    expires_at: UnixTime,
    account_label: &str,
    issuer_label: &str,
) -> Result<TotpEnrolment> {
    let issuer = label(issuer_label, MAX_ISSUER_CHARS);
    // The labels are cleaned of what the Key URI format refuses, so only an empty account
    // label fails here.
    let otpauth_uri = generator(secret.as_bytes())
        .with_issuer((!issuer.is_empty()).then_some(issuer))
        .with_account_name(label(account_label, MAX_ACCOUNT_CHARS))
        .build()
        .and_then(|totp| totp.to_url())
        .map_err(|_| MfaError::Invalid("problem-totp-label"))?;
    let qr_svg = qr::svg(&otpauth_uri).ok_or(MfaError::Invalid("problem-totp-label"))?;
    Ok(TotpEnrolment {
        secret_base32: secret.to_base32(),
        otpauth_uri,
        qr_svg,
        pending,
        expires_at,
    })
}

/// The parameters of every code we make and check; [`Secret::generate`] makes the 160-bit
/// secrets RFC 4226 §4 recommends.
fn generator(secret: &[u8]) -> Builder {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_step_duration(PERIOD as u64)
        .with_secret(secret)
}

/// The six digits of a typed code, spaces removed ("123 456" as apps show it).
fn normalize_code(typed: &str) -> Option<String> {
    let digits = usize::from(DIGITS);
    if typed.len() > 4 * digits {
        return None;
    }
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == digits && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The time step T of RFC 6238 §4.2 at `now`.
fn time_step(now: UnixTime) -> i64 {
    now.div_euclid(PERIOD)
}

/// The step in `now`'s window (±[`SKEW`]) whose code is `code`, if it comes after
/// `last_step`. Should a code belong to two steps, the later one is taken, so that the same
/// code is not accepted again at the later step.
///
/// Each step is checked on its own (the library's skew is 0) because a step at or before
/// `last_step` is spent whatever its code. The library compares codes in constant time.
fn accepted_step(secret: &[u8], code: &str, now: UnixTime, last_step: Option<i64>) -> Option<i64> {
    // Fails only for a secret under 128 bits, which a sealed secret of ours never is.
    let totp = generator(secret).with_skew(0).build().ok()?;
    let t = time_step(now);
    let mut accepted = None;
    for step in (t - SKEW)..=(t + SKEW) {
        if step < 0 || last_step.is_some_and(|last| step <= last) {
            continue;
        }
        if totp.check(code, step as u64 * PERIOD as u64).is_some() {
            accepted = Some(step);
        }
    }
    accepted
}

#[cfg(test)]
mod tests;
