//! Authentication and the account's life: password login with lockout, sign-up and e-mail
//! verification, recovery, SSO sessions, rate limits, and the changes a user makes to their own
//! account. One service, [`Accounts`], with a file per concern.

mod account;
mod address_proof;
mod admin;
pub mod devices;
pub mod engine;
pub mod interactions;
pub mod linked;
mod lockout;
mod login;
pub mod mfa_policy;
mod passkeys;
pub mod password_policy;
pub mod rate_limit;
mod recovery;
mod registration;
pub mod second_factor;
mod security;
pub mod sessions;
pub mod setup;

use crate::metrics::Metrics;
use std::sync::Arc;

pub use account::{DataExport, SessionView};
pub use admin::{MfaReset, NewUser, ProfileChange};
pub use rate_limit::{Limited, RateLimitError, RateLimiter};
pub use recovery::ResetChannel;
pub use registration::{SignUp, clean_name};
pub use sessions::{SESSION_COOKIE, Sessions};

use crate::audit::Audit;
use crate::cache::one_time::OneTimeCodes;
use crate::cache::{Cache, CacheError};
use crate::config::Config;
use crate::crypto::CryptoError;
use crate::crypto::password::PasswordHasherPool;
use crate::domain::Clock;
use crate::notify::Notifier;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AuthnError {
    /// Unknown user, wrong password, locked or disabled account: one answer.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password was right but the e-mail address is not verified yet.
    #[error("e-mail address not verified")]
    EmailUnverified { user_id: String },
    #[error("too many attempts")]
    RateLimited(Limited),
    /// Form input the user can fix.
    #[error("invalid input")]
    Invalid(Vec<Problem>),
    /// A code or link that is wrong, used or expired.
    #[error("invalid or expired code")]
    InvalidCode,
    #[error("sign-up is turned off")]
    SignupDisabled,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl From<crate::mfa::MfaError> for AuthnError {
    fn from(e: crate::mfa::MfaError) -> Self {
        use crate::mfa::MfaError;
        match e {
            MfaError::InvalidCode | MfaError::NotFound | MfaError::Ceremony | MfaError::Refused(_) => {
                AuthnError::InvalidCode
            }
            MfaError::RelyingParty(_) => AuthnError::invalid("problem-webauthn-unavailable"),
            MfaError::Invalid(id) => AuthnError::invalid(id),
            MfaError::Store(e) => AuthnError::Store(e),
            MfaError::Crypto(e) => AuthnError::Crypto(e),
            MfaError::Cache(e) => AuthnError::Cache(e),
        }
    }
}

impl From<RateLimitError> for AuthnError {
    fn from(e: RateLimitError) -> Self {
        match e {
            RateLimitError::Limited(l) => AuthnError::RateLimited(l),
            RateLimitError::Cache(c) => AuthnError::Cache(c),
        }
    }
}

impl AuthnError {
    pub fn invalid(id: &'static str) -> AuthnError {
        AuthnError::Invalid(vec![Problem::new(id)])
    }
}

/// Something the user can fix: a message id of the catalogue (see i18n), with the number it
/// counts when it has one, and advice on fixing it (more message ids, said after it). Pages say
/// it in their own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: &'static str,
    pub count: Option<(&'static str, i64)>,
    /// Message ids of advice, said in this order after the problem: for a guessable password,
    /// zxcvbn's warning and first suggestion (see [`password_policy::advice`]).
    pub advice: Vec<&'static str>,
}

impl Problem {
    pub fn new(id: &'static str) -> Problem {
        Problem {
            id,
            count: None,
            advice: Vec::new(),
        }
    }

    pub fn counting(id: &'static str, name: &'static str, n: usize) -> Problem {
        Problem {
            count: Some((name, i64::try_from(n).unwrap_or(i64::MAX))),
            ..Problem::new(id)
        }
    }
}

pub type Result<T> = std::result::Result<T, AuthnError>;

/// Everything the account services need, behind one `Arc` (see [`crate::oidc::Provider`]).
#[derive(Clone)]
pub struct Accounts(Arc<AccountsParts>);

impl Accounts {
    pub fn new(parts: AccountsParts) -> Accounts {
        Accounts(Arc::new(parts))
    }

    /// The same services sending mail and SMS through `notifier`.
    pub fn with_notifier(&self, notifier: Notifier) -> Accounts {
        Accounts::new(AccountsParts {
            notifier,
            ..(*self.0).clone()
        })
    }
}

impl std::ops::Deref for Accounts {
    type Target = AccountsParts;
    fn deref(&self) -> &AccountsParts {
        &self.0
    }
}

#[derive(Clone)]
pub struct AccountsParts {
    pub store: Store,
    pub cache: Arc<dyn Cache>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub passwords: PasswordHasherPool,
    pub sessions: Sessions,
    pub codes: OneTimeCodes,
    pub limits: RateLimiter,
    pub notifier: Notifier,
    pub audit: Audit,
    pub metrics: Metrics,
    pub messages: Arc<crate::i18n::Catalog>,
    pub mfa: crate::mfa::Mfa,
}

impl Accounts {
    fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The language of mail and text messages to `user`: the one their pages were last shown
    /// in (their `locale`), else the deployment's default.
    fn mail_tr(&self, user: &crate::domain::User) -> crate::i18n::Tr {
        crate::i18n::negotiate::negotiate(&self.messages, user.locale.as_deref(), None, None)
    }

    /// Absolute URL of one of our pages.
    fn url(&self, path: &str) -> String {
        self.config.url(path)
    }

    /// A one-time link for a mail. `continue_in` names the sign-in that waits for it, so the
    /// page the link opens can lead back there (when it is opened in the same browser).
    fn mail_link(&self, path: &str, token: &str, continue_in: Option<&str>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("token", token);
        if let Some(id) = continue_in {
            query.append_pair("interaction", id);
        }
        self.url(&format!("{path}?{}", query.finish()))
    }
}

/// E-mail addresses are compared trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The longest address SMTP can carry (RFC 5321 §4.5.3.1.3: a 256-octet path less its angle
/// brackets).
pub const MAX_EMAIL_LEN: usize = 254;

/// A plausible address: one `@`, something on both sides, no spaces, not too long. (Whether it
/// exists is proven by the verification mail.)
pub fn is_plausible_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !e.contains(|c: char| c.is_whitespace() || c.is_control())
                && e.len() <= MAX_EMAIL_LEN
        }
        None => false,
    }
}
