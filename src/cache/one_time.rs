//! One-time proofs kept in the cache with a time to live: links carrying a 256-bit token (stored
//! under its SHA-256) and 6-digit codes (stored as an HMAC under a key derived from the master
//! key, so a cache dump cannot be brute-forced offline). A code allows five guesses, counted
//! atomically; both are single use.

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Cache, CacheError};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{ct_eq, hmac_hex, sha256_hex, token256};

/// Wrong guesses a code survives.
pub const CODE_ATTEMPTS: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    VerifyPhone,
    /// A second factor at sign-in, sent by mail.
    SignInEmail,
    /// A second factor at sign-in, sent by text message.
    SignInSms,
    /// An address given at an upstream sign-in's review step, before any account holds it.
    ConfirmAddress,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
            Purpose::VerifyPhone => "verify_phone",
            Purpose::SignInEmail => "sign_in_email",
            Purpose::SignInSms => "sign_in_sms",
            Purpose::ConfirmAddress => "confirm_address",
        }
    }
}

#[derive(Clone)]
pub struct OneTimeCodes {
    cache: Arc<dyn Cache>,
    master: MasterKey,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredCode {
    mac: String,
    payload: serde_json::Value,
}

impl OneTimeCodes {
    pub fn new(cache: Arc<dyn Cache>, master: MasterKey) -> OneTimeCodes {
        OneTimeCodes { cache, master }
    }

    fn link_key(purpose: Purpose, token: &str) -> String {
        format!("otl:{}:{}", purpose.name(), sha256_hex(token.as_bytes()))
    }

    fn code_key(purpose: Purpose, subject: &str) -> String {
        format!("otc:{}:{subject}", purpose.name())
    }

    /// A new link token carrying `payload`, valid for `ttl` seconds.
    pub async fn issue_link<T: Serialize>(
        &self,
        purpose: Purpose,
        payload: &T,
        ttl: i64,
    ) -> Result<String, CacheError> {
        let token = token256();
        let json = serde_json::to_vec(payload).unwrap_or_default();
        self.cache
            .set(&Self::link_key(purpose, &token), &json, secs(ttl))
            .await?;
        Ok(token)
    }

    /// The payload of a live link, leaving it usable (for the page that asks to confirm).
    pub async fn peek_link<T: DeserializeOwned>(
        &self,
        purpose: Purpose,
        token: &str,
    ) -> Result<Option<T>, CacheError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let raw = self.cache.get(&Self::link_key(purpose, token)).await?;
        Ok(raw.and_then(|r| serde_json::from_slice(&r).ok()))
    }

    /// The payload of a live link, which is used up by this call.
    pub async fn redeem_link<T: DeserializeOwned>(
        &self,
        purpose: Purpose,
        token: &str,
    ) -> Result<Option<T>, CacheError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let raw = self.cache.take(&Self::link_key(purpose, token)).await?;
        Ok(raw.and_then(|r| serde_json::from_slice(&r).ok()))
    }

    /// A new 6-digit code for `subject` (replacing any earlier one), valid for `ttl` seconds.
    pub async fn issue_code<T: Serialize>(
        &self,
        purpose: Purpose,
        subject: &str,
        payload: &T,
        ttl: i64,
    ) -> Result<String, CacheError> {
        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
        let stored = StoredCode {
            mac: self.mac(purpose, subject, &code),
            payload: serde_json::to_value(payload).unwrap_or_default(),
        };
        let key = Self::code_key(purpose, subject);
        self.cache.delete(&format!("{key}:tries")).await?;
        self.cache
            .set(&key, &serde_json::to_vec(&stored).unwrap_or_default(), secs(ttl))
            .await?;
        Ok(code)
    }

    /// Checks a code; on a match the code is used up and its payload returned. After
    /// [`CODE_ATTEMPTS`] wrong guesses the code is destroyed.
    pub async fn redeem_code<T: DeserializeOwned>(
        &self,
        purpose: Purpose,
        subject: &str,
        code: &str,
    ) -> Result<Option<T>, CacheError> {
        let key = Self::code_key(purpose, subject);
        let tries = self.cache.incr(&format!("{key}:tries"), secs(3600)).await?;
        if tries > CODE_ATTEMPTS {
            self.cache.delete(&key).await?;
            return Ok(None);
        }
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(raw) = self.cache.get(&key).await? else {
            return Ok(None);
        };
        let Ok(stored) = serde_json::from_slice::<StoredCode>(&raw) else {
            return Ok(None);
        };
        if !(code.len() == 6 && ct_eq(&stored.mac, &self.mac(purpose, subject, &code))) {
            return Ok(None);
        }
        // Only the request that removes the code wins (two parallel correct guesses get one use).
        if self.cache.take(&key).await?.is_none() {
            return Ok(None);
        }
        self.cache.delete(&format!("{key}:tries")).await?;
        Ok(serde_json::from_value(stored.payload).ok())
    }

    /// Forgets any code for `subject` (after the matching link was used instead).
    pub async fn revoke_code(&self, purpose: Purpose, subject: &str) -> Result<(), CacheError> {
        self.cache.delete(&Self::code_key(purpose, subject)).await
    }

    fn mac(&self, purpose: Purpose, subject: &str, code: &str) -> String {
        hmac_hex(
            self.master.secret_hash_key(),
            format!("otc\0{}\0{subject}\0{code}", purpose.name()).as_bytes(),
        )
    }
}

fn secs(ttl: i64) -> Duration {
    Duration::from_secs(ttl.max(1) as u64)
}
