//! Second factors: TOTP authenticators, recovery codes and the channels of codes sent by mail
//! or text message, one file per table. Every read and
//! write is scoped by the user's id, so one user's request can never reach another's factors.

mod channels;
mod recovery_codes;
mod totp;

pub use channels::ChannelRecord;
pub use totp::TotpRecord;
