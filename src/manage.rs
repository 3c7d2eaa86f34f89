//! Management: the services every face that administers Portcullis shares — the command line
//! now, the admin API and console next. Each one validates, writes through the store with its
//! audit entry in the same commit, and names who acted; no face validates or writes the store
//! itself. (Users are managed by `authn`'s administrative operations, which share the account
//! rules of the hosted pages.)

pub mod api_keys;
pub mod clients;
pub mod identity_providers;
pub mod keys;
pub mod presets;
pub mod registration;
pub mod roles;

pub use api_keys::ApiKeys;
pub use clients::Clients;
pub use identity_providers::IdentityProviders;
pub use keys::Keys;
pub use registration::Registrations;
pub use roles::Roles;

use crate::crypto::CryptoError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    /// The request breaks a rule; the message names the field.
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// A change that changes nothing.
    #[error("nothing to change")]
    NothingToChange,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

pub type Result<T> = std::result::Result<T, ManageError>;
