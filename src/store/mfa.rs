//! Second factors: TOTP authenticators and recovery codes, one file per table. Every read and
//! write is scoped by the user's id, so one user's request can never reach another's factors.

mod recovery_codes;
mod totp;

pub use totp::TotpRecord;
