//! Codes sent by mail or text message as a second factor, to the user's verified address or
//! phone: six digits, five minutes, five guesses, kept only as an HMAC in the cache (see
//! `cache::one_time`). The user turns a channel on; this service issues and checks the codes,
//! and the caller delivers them (mail and SMS are the notifier's business).

use std::sync::Arc;

use super::{MfaError, Result};
use crate::cache::Cache;
use crate::cache::one_time::{OneTimeCodes, Purpose};
use crate::crypto::encryption::MasterKey;
use crate::domain::{AuditEntry, Clock, Method};
use crate::store::Store;
use crate::store::mfa::ChannelRecord;

/// Seconds a code lives.
pub const CODE_TTL: i64 = 300;

/// Where a code is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    /// The name stored and posted in forms.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn method(self) -> Method {
        match self {
            Channel::Email => Method::EmailCode,
            Channel::Sms => Method::SmsCode,
        }
    }

    pub fn of(method: Method) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.method() == method)
    }

    fn purpose(self) -> Purpose {
        match self {
            Channel::Email => Purpose::SignInEmail,
            Channel::Sms => Purpose::SignInSms,
        }
    }
}

#[derive(Clone)]
pub struct DeliveredCodes {
    store: Store,
    codes: OneTimeCodes,
    clock: Arc<dyn Clock>,
}

impl DeliveredCodes {
    pub fn new(
        store: Store,
        cache: Arc<dyn Cache>,
        master: MasterKey,
        clock: Arc<dyn Clock>,
    ) -> DeliveredCodes {
        DeliveredCodes {
            store,
            codes: OneTimeCodes::new(cache, master),
            clock,
        }
    }

    /// The channels the user turned on.
    pub async fn channels(&self, user_id: &str) -> Result<Vec<ChannelRecord>> {
        Ok(self.store.mfa().mfa_channels(user_id).await?)
    }

    pub async fn is_on(&self, user_id: &str, channel: Channel) -> Result<bool> {
        Ok(self
            .channels(user_id)
            .await?
            .iter()
            .any(|c| c.channel == channel.name()))
    }

    /// Turns `channel` on, with `entry`. The caller has checked the address or phone is
    /// verified.
    pub async fn turn_on(&self, user_id: &str, channel: Channel, entry: &AuditEntry) -> Result<()> {
        self.store
            .mfa()
            .add_mfa_channel(user_id, channel.name(), self.clock.now(), entry)
            .await?;
        Ok(())
    }

    /// Turns `channel` off, with `entry`; [`MfaError::NotFound`] when it was not on.
    pub async fn turn_off(&self, user_id: &str, channel: Channel, entry: &AuditEntry) -> Result<()> {
        match self
            .store
            .mfa()
            .delete_mfa_channel(user_id, channel.name(), entry)
            .await?
        {
            true => Ok(()),
            false => Err(MfaError::NotFound),
        }
    }

    /// A new code for the user's `channel`, replacing any earlier one, for the caller to
    /// deliver; [`MfaError::NotFound`] when the channel is not on.
    pub async fn issue(&self, user_id: &str, channel: Channel) -> Result<String> {
        if !self.is_on(user_id, channel).await? {
            return Err(MfaError::NotFound);
        }
        Ok(self
            .codes
            .issue_code(channel.purpose(), user_id, &(), CODE_TTL)
            .await?)
    }

    /// A code to prove the user receives messages on `channel` before turning it on.
    pub async fn issue_for_setup(&self, user_id: &str, channel: Channel) -> Result<String> {
        Ok(self
            .codes
            .issue_code(channel.purpose(), user_id, &(), CODE_TTL)
            .await?)
    }

    /// Turns `channel` on once `code` (from [`Self::issue_for_setup`]) comes back, with `entry`.
    pub async fn confirm_setup(
        &self,
        user_id: &str,
        channel: Channel,
        code: &str,
        entry: &AuditEntry,
    ) -> Result<()> {
        let matched = self
            .codes
            .redeem_code::<()>(channel.purpose(), user_id, code)
            .await?
            .is_some();
        if !matched {
            return Err(MfaError::InvalidCode);
        }
        self.turn_on(user_id, channel, entry).await
    }

    /// Whether `code` is the live code of the user's `channel`; if so it is used up, and the
    /// use is recorded with `entry`. Five wrong guesses destroy the code.
    pub async fn verify(
        &self,
        user_id: &str,
        channel: Channel,
        code: &str,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let matched = self
            .codes
            .redeem_code::<()>(channel.purpose(), user_id, code)
            .await?
            .is_some();
        if !matched {
            return Ok(false);
        }
        // False when the channel was turned off meanwhile: the code no longer counts.
        Ok(self
            .store
            .mfa()
            .use_mfa_channel(user_id, channel.name(), self.clock.now(), entry)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_round_trip_through_their_names_and_methods() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.name()), Some(c));
            assert_eq!(Channel::of(c.method()), Some(c));
        }
        assert_eq!(Channel::parse("fax"), None);
        assert_eq!(Channel::of(Method::Totp), None);
    }
}
