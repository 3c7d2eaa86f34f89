//! Second factors: TOTP authenticators, recovery codes, WebAuthn credentials and the channels
//! of codes sent by mail or text message, one file per table. Every read and write is scoped by
//! the user's id, so one user's request can never reach another's factors; the one look-up
//! without a user is a WebAuthn credential by its credential ID, which is how a passwordless
//! sign-in learns who is signing in.

mod channels;
mod recovery_codes;
mod totp;
mod webauthn;

pub use channels::ChannelRecord;
pub use totp::TotpRecord;
pub use webauthn::{WebAuthnRecord, WebAuthnUse};
