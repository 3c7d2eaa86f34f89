//! Background work and the key lifecycle: keyring loading and rotation, expiry sweeps, SAML
//! metadata refresh.

pub mod keys;
pub mod saml_metadata;
pub mod sweep;
