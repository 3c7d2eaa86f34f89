//! Authentication services: password login and SSO sessions.

mod login;
pub mod sessions;

pub use login::{Authenticator, LoginError};
pub use sessions::{SESSION_COOKIE, Sessions};

/// `acr` of a session established with a password alone.
pub const ACR_PASSWORD: &str = "1";
