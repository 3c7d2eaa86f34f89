//! Second factors: one provider per file, each checking the codes of one [`Method`] behind the
//! [`CodeFactor`] trait, so the login asks for "a code" without knowing how it is checked.
//!
//! - [`totp`]: authenticator apps (RFC 6238), several per user, secrets sealed under the master
//!   key, each code accepted once.
//! - [`recovery_codes`]: ten single-use codes that stand in for a lost authenticator, stored
//!   only as keyed hashes.
//!
//! - [`webauthn`]: passkeys and security keys (WebAuthn), a second factor or, for a passkey, a
//!   way in without a password. Not a [`CodeFactor`]: it answers a challenge, not a code.
//!
//! E-mail and SMS codes come later beside these. The services decide whether a code or an
//! assertion is right; how often a user may try (rate limits, lockout) is the login's business.
//!
//! Errors: [`MfaError::InvalidCode`] is a wrong, used or expired code, [`MfaError::Invalid`]
//! is form input the user can fix (a message id of the catalogue), [`MfaError::NotFound`] an
//! authenticator the user does not have; for WebAuthn, [`MfaError::Ceremony`] is a ceremony to
//! start again and [`MfaError::Refused`] an assertion or registration that does not verify
//! (both the client's doing, not a 500). [`MfaError::RelyingParty`] and the rest are failures
//! of the configuration or the foundations below, which the faces log and answer with their
//! internal error.

pub mod delivered;
pub mod recovery_codes;
pub mod totp;
pub mod webauthn;

use std::future::Future;
use std::sync::Arc;

use crate::cache::{Cache, CacheError};
use crate::crypto::CryptoError;
use crate::crypto::encryption::MasterKey;
use crate::domain::{AuditEntry, Clock, Method};
use crate::store::{Store, StoreError};

pub use delivered::{Channel, DeliveredCodes};
pub use recovery_codes::RecoveryCodes;
pub use totp::{Totp, TotpAuthenticator, TotpEnrolment};
pub use webauthn::{CredentialKind, VerifiedAssertion, WebAuthn, WebAuthnCredential};

#[derive(Debug, thiserror::Error)]
pub enum MfaError {
    /// A code that is wrong, already used or out of its time window.
    #[error("invalid or expired code")]
    InvalidCode,
    /// The user has no authenticator with that id.
    #[error("no such authenticator")]
    NotFound,
    /// Form input the user can fix: a message id of the catalogue.
    #[error("invalid input: {0}")]
    Invalid(&'static str),
    /// A WebAuthn ceremony that is unknown, expired, finished already or not this user's:
    /// the browser starts a new one.
    #[error("unknown or expired WebAuthn ceremony")]
    Ceremony,
    /// A WebAuthn response that does not verify; the reason is for the log.
    #[error("WebAuthn response refused: {0}")]
    Refused(String),
    /// WebAuthn cannot be offered as configured (the issuer is no relying party), or
    /// webauthn-rs failed to make a challenge.
    #[error("WebAuthn relying party: {0}")]
    RelyingParty(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

pub type Result<T> = std::result::Result<T, MfaError>;

/// A second factor the user proves by typing a code.
///
/// The futures are `Send` so that axum handlers can await them; the trait is used through
/// generics or a match on the method, not as `dyn`.
pub trait CodeFactor {
    /// The method a code of this factor proves, for the session's `amr` and `acr`.
    fn method(&self) -> Method;

    /// Whether the user has set this factor up, so that a login may ask for it.
    fn enrolled(&self, user_id: &str) -> impl Future<Output = Result<bool>> + Send;

    /// Whether `code` is one of the user's valid codes. A code is accepted once: it is used up
    /// by the call that accepts it, and `entry` (the use's audit entry) commits with that, so a
    /// refused code records nothing; the caller records the refusal.
    fn verify(
        &self,
        user_id: &str,
        code: &str,
        entry: &AuditEntry,
    ) -> impl Future<Output = Result<bool>> + Send;
}

/// The code-taking factors, built from the same foundations as the other services.
#[derive(Clone)]
pub struct Mfa {
    pub totp: Totp,
    pub delivered: DeliveredCodes,
    pub recovery_codes: RecoveryCodes,
    /// Passkeys and security keys; `None` when the issuer cannot be a WebAuthn relying party
    /// (an IP address: browsers refuse those as RP IDs).
    pub webauthn: Option<WebAuthn>,
}

impl Mfa {
    pub fn new(
        store: Store,
        cache: Arc<dyn Cache>,
        master: MasterKey,
        clock: Arc<dyn Clock>,
        webauthn: Option<WebAuthn>,
    ) -> Mfa {
        Mfa {
            webauthn,
            totp: Totp::new(store.clone(), master.clone(), clock.clone()),
            delivered: DeliveredCodes::new(store.clone(), cache, master.clone(), clock.clone()),
            recovery_codes: RecoveryCodes::new(store, master, clock),
        }
    }

    /// The user's factors as they may be shown to the user or an operator: no secret, no
    /// code, not even a hash.
    pub async fn factors(&self, user_id: &str) -> Result<Factors> {
        let keys = match &self.webauthn {
            Some(w) => w.list(user_id).await?,
            None => Vec::new(),
        };
        let channels = self.delivered.channels(user_id).await?;
        Ok(Factors {
            totp: self.totp.list(user_id).await?,
            keys,
            channels: channels.into_iter().map(|c| c.channel).collect(),
            recovery_codes_left: self.recovery_codes.remaining(user_id).await?,
        })
    }

    /// The second-factor methods the user has set up, in the order a challenge offers them.
    pub async fn enrolled(&self, user_id: &str) -> Result<Vec<Method>> {
        let mut methods = Vec::new();
        if self.totp.enrolled(user_id).await? {
            methods.push(Method::Totp);
        }
        if let Some(w) = &self.webauthn {
            for c in w.list(user_id).await? {
                let method = c.method();
                if !methods.contains(&method) {
                    methods.push(method);
                }
            }
        }
        for c in self.delivered.channels(user_id).await? {
            methods.extend(Channel::parse(&c.channel).map(Channel::method));
        }
        if self.recovery_codes.enrolled(user_id).await? {
            methods.push(Method::RecoveryCode);
        }
        Ok(methods)
    }
}

/// A user's second factors: each authenticator app and key by name and times, the channels of
/// codes, and how many recovery codes are left. Serialised as it is for the data export and `portcullis user mfa list`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Factors {
    pub totp: Vec<TotpAuthenticator>,
    /// Passkeys and security keys.
    pub keys: Vec<WebAuthnCredential>,
    /// Channels of sign-in codes turned on (`email`, `sms`).
    pub channels: Vec<String>,
    pub recovery_codes_left: usize,
}

/// The longest name of an authenticator, in characters: enough for "Work phone (Authy)".
pub const MAX_NAME_CHARS: usize = 64;

/// A name the user gave one of their authenticators, trimmed; control characters (a newline
/// pasted in) are refused rather than shown in a list.
fn authenticator_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(MfaError::Invalid("problem-mfa-name-required"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(MfaError::Invalid("problem-mfa-name-too-long"));
    }
    if name.chars().any(char::is_control) {
        return Err(MfaError::Invalid("problem-mfa-name-invalid"));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(authenticator_name("  Phone ").unwrap(), "Phone");
        assert_eq!(
            authenticator_name(&"é".repeat(MAX_NAME_CHARS))
                .unwrap()
                .chars()
                .count(),
            64
        );
        for (name, id) in [
            ("", "problem-mfa-name-required"),
            ("   ", "problem-mfa-name-required"),
            (&"x".repeat(MAX_NAME_CHARS + 1)[..], "problem-mfa-name-too-long"),
            ("a\nb", "problem-mfa-name-invalid"),
        ] {
            assert!(
                matches!(authenticator_name(name), Err(MfaError::Invalid(i)) if i == id),
                "{name:?}"
            );
        }
    }
}
