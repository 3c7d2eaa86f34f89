//! The guided set-up of a second factor, for users who have none: offered after sign-up and
//! then at most every `PORTCULLIS_MFA_OFFER_INTERVAL` at a login, and put off with "Not now";
//! or required by the MFA policy, which `PORTCULLIS_MFA_GRACE_PERIOD` lets a user put off for a
//! while, counted from the first time it was asked of them.

use super::engine::{Setup, has_second_factor};
use super::{Accounts, Result};
use crate::audit::Event;
use crate::config::Config;
use crate::domain::{Method, Origin, UnixTime, User};
use crate::store::{Store, StoreError};

/// Where the user stands: the end of their grace period, and whether the offer is due.
/// `sign_in`: the user is signing in (else an SSO session answers a request, where nothing is
/// offered); `put_off`: they put the set-up off in this sign-in already.
pub async fn state(
    store: &Store,
    config: &Config,
    user_id: &str,
    enrolled: &[Method],
    (sign_in, put_off): (bool, bool),
    now: UnixTime,
) -> std::result::Result<Setup, StoreError> {
    let grace = config.mfa_grace_period;
    let every = if sign_in { config.mfa_offer_interval } else { 0 };
    if has_second_factor(enrolled) || (grace == 0 && every == 0) {
        return Ok(Setup {
            put_off,
            ..Setup::default()
        });
    }
    let r = store.mfa().mfa_setup(user_id).await?;
    Ok(Setup {
        // Not asked yet: the period would start now.
        grace_until: (grace > 0).then(|| r.required_since.unwrap_or(now) + grace),
        offer_due: every > 0 && r.offered_at.is_none_or(|t| now - t >= every),
        put_off,
    })
}

impl Accounts {
    /// The set-up page was shown because the MFA policy requires a factor: the grace period
    /// starts, unless it already has.
    pub async fn setup_required(&self, user: &User) -> Result<()> {
        if self.config.mfa_grace_period > 0 {
            self.store.mfa().mfa_required_from(&user.id, self.now()).await?;
        }
        Ok(())
    }

    /// "Not now": the offer waits for its interval, audited.
    pub async fn put_setup_off(&self, user: &User, origin: &Origin) -> Result<()> {
        let entry = self.audit.entry(
            Event::success("mfa.setup.put_off")
                .by_user(&user.id)
                .origin(origin),
        );
        Ok(self
            .store
            .mfa()
            .mfa_setup_put_off(&user.id, self.now(), &entry)
            .await?)
    }
}
