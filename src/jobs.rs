//! Background work and the key lifecycle: keyring loading and rotation, expiry sweeps.

pub mod keys;
pub mod sweep;
