//! Internal failures (database, cache, crypto) become [`OAuthError::ServerError`] or
//! `TemporarilyUnavailable` here: the detail is logged and hidden from the response. The error
//! type itself is a pure protocol type (`domain::OAuthError`), so every layer can name it.

pub use crate::domain::OAuthError;

impl From<crate::store::StoreError> for OAuthError {
    fn from(e: crate::store::StoreError) -> Self {
        tracing::error!(error = %e, "store failure");
        if e.is_unavailable() {
            OAuthError::TemporarilyUnavailable
        } else {
            OAuthError::ServerError
        }
    }
}

impl From<crate::cache::CacheError> for OAuthError {
    fn from(e: crate::cache::CacheError) -> Self {
        tracing::error!(error = %e, "cache failure");
        OAuthError::TemporarilyUnavailable
    }
}

impl From<crate::crypto::CryptoError> for OAuthError {
    fn from(e: crate::crypto::CryptoError) -> Self {
        tracing::error!(error = %e, "crypto failure");
        OAuthError::ServerError
    }
}

impl From<crate::mfa::MfaError> for OAuthError {
    fn from(e: crate::mfa::MfaError) -> Self {
        use crate::mfa::MfaError;
        match e {
            MfaError::Store(e) => e.into(),
            MfaError::Cache(e) => e.into(),
            MfaError::Crypto(e) => e.into(),
            // Only reads reach the protocol: a code or a name is the pages' business.
            e => {
                tracing::error!(error = %e, "second-factor failure");
                OAuthError::ServerError
            }
        }
    }
}
