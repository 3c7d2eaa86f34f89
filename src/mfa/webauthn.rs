//! Passkeys and security keys: WebAuthn (W3C Web Authentication Level 2, with Level 3's
//! passkey conventions) through webauthn-rs. One credential model for both; what differs is
//! how a credential is asked for at registration, and so what it proves:
//!
//! - a **passkey** is registered with user verification required and a discoverable
//!   credential preferred: it can sign the user in without a password (a discoverable
//!   authentication, the login page's passkey button or autofill) and, verified, is two
//!   factors in itself;
//! - a **security key** is registered as a roaming authenticator with user verification
//!   preferred: a second factor after the password.
//!
//! `Method::WebAuthn { hardware }` says "a key bound to hardware the user carries" (RFC 8176
//! `hwk`): a credential registered as a security key whose authenticator does not declare it
//! backup eligible (the BE flag, WebAuthn §6.1.3, signed by the authenticator). A passkey, or
//! anything that may be synced to a cloud account, is `swk`. Which attachment the browser used
//! is not signed, so it is not asked.
//!
//! Each ceremony's server state stays in the cache (`ceremony.rs`) and is taken once, so a
//! challenge is answered at most once; an assertion's signature counter must go up (when the
//! authenticator keeps one), checked by webauthn-rs against the state and by the store against
//! the row in the statement that records the use.
//!
//! What goes to the browser is webauthn-rs's JSON for `navigator.credentials.create()` /
//! `.get()` (`{"publicKey": {…}}`, binary members in base64url: the page decodes them, or
//! hands `publicKey` to `PublicKeyCredential.parse…OptionsFromJSON`); what comes back is the
//! credential serialised the same way (`PublicKeyCredential.toJSON()`).

mod aaguid;
mod ceremony;
mod relying_party;

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;
use webauthn_rs::Webauthn;
use webauthn_rs::prelude::{
    AuthenticatorAttachment, Credential, Passkey, PublicKeyCredential, RegisterPublicKeyCredential,
    SecurityKey, WebauthnError,
};
use webauthn_rs_core::proto::ResidentKeyRequirement;

use super::{MfaError, Result, authenticator_name};
use crate::cache::Cache;
use crate::crypto::secrets::random_token;
use crate::domain::{AuditEntry, Clock, Method, UnixTime};
use crate::store::mfa::{WebAuthnRecord, WebAuthnUse};
use crate::store::{Store, StoreError};
use ceremony::{Ceremonies, Registration, State};

pub use ceremony::LIFETIME as CEREMONY_LIFETIME;
pub use relying_party::RelyingParty;

/// Credentials one user may have: each is listed in every second-factor challenge.
pub const MAX_CREDENTIALS: usize = 10;

/// How a credential was asked for at registration; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Passkey,
    SecurityKey,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Passkey => "passkey",
            CredentialKind::SecurityKey => "security_key",
        }
    }

    fn parse(s: &str) -> Result<CredentialKind> {
        match s {
            "passkey" => Ok(CredentialKind::Passkey),
            "security_key" => Ok(CredentialKind::SecurityKey),
            other => Err(StoreError::Corrupt(format!("mfa_webauthn.kind {other:?}")).into()),
        }
    }
}

/// One of a user's credentials, as the account page lists it (public key material is not part
/// of it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WebAuthnCredential {
    pub id: String,
    pub name: String,
    pub kind: CredentialKind,
    /// Whether the browser said it made a discoverable credential (credProps); None when it
    /// did not say. Unsigned: for display, never for a decision.
    pub discoverable: Option<bool>,
    /// The authenticator model as reported at registration; not proven (see `aaguid.rs`).
    pub aaguid: Option<Uuid>,
    /// Whether the authenticator verified the user (PIN, biometric) at registration.
    pub user_verified: bool,
    /// Whether the credential may be synced off its device (a synced passkey).
    pub backup_eligible: bool,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

impl WebAuthnCredential {
    fn of(r: &WebAuthnRecord) -> Result<WebAuthnCredential> {
        Ok(WebAuthnCredential {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: CredentialKind::parse(&r.kind)?,
            discoverable: r.discoverable,
            aaguid: r.aaguid.as_deref().and_then(|a| Uuid::parse_str(a).ok()),
            user_verified: r.user_verified,
            backup_eligible: r.backup_eligible,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        })
    }

    /// What using it proves, as registered: user verification, and a hardware-bound key.
    pub fn method(&self) -> Method {
        Method::WebAuthn {
            user_verified: self.user_verified,
            hardware: self.kind == CredentialKind::SecurityKey && !self.backup_eligible,
        }
    }

    /// Whether it can sign the user in without a password: a passkey that verified the user
    /// and that the browser did not call non-discoverable.
    pub fn is_passwordless(&self) -> bool {
        self.kind == CredentialKind::Passkey && self.user_verified && self.discoverable != Some(false)
    }
}

/// A verified assertion (WebAuthn §7.2): who, with which credential, proving what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAssertion {
    pub user_id: String,
    /// The id of the credential used (ours, as in [`WebAuthnCredential::id`]).
    pub credential_id: String,
    /// `Method::WebAuthn`: user verification as this assertion reported it, and whether the
    /// credential is a hardware-bound security key.
    pub method: Method,
}

/// Registration and use of the users' WebAuthn credentials for one relying party (the
/// issuer's host).
#[derive(Clone)]
pub struct WebAuthn {
    store: Store,
    webauthn: Arc<Webauthn>,
    ceremonies: Ceremonies,
    clock: Arc<dyn Clock>,
    /// Authenticator models that may register; any when empty.
    aaguids: Arc<[Uuid]>,
}

impl WebAuthn {
    /// The service for `issuer`'s relying party (see [`RelyingParty::of_issuer`]), shown to
    /// users as `rp_name`; `aaguid_allow_list`, when not empty, limits registration to those
    /// authenticator models. [`MfaError::RelyingParty`] for an issuer WebAuthn cannot serve
    /// (an IP address, or plain http off localhost).
    pub fn new(
        store: Store,
        cache: Arc<dyn Cache>,
        clock: Arc<dyn Clock>,
        issuer: &str,
        rp_name: &str,
        aaguid_allow_list: Vec<Uuid>,
    ) -> Result<WebAuthn> {
        let webauthn = RelyingParty::of_issuer(issuer)?.webauthn(rp_name)?;
        Ok(WebAuthn {
            store,
            webauthn: Arc::new(webauthn),
            ceremonies: Ceremonies {
                cache,
                clock: clock.clone(),
            },
            clock,
            aaguids: aaguid_allow_list.into(),
        })
    }

    /// Starts registering a credential of `kind` for the user (WebAuthn §7.1): the options
    /// for `navigator.credentials.create()`, and the ceremony id to finish with. The user's
    /// credentials are excluded, so an authenticator that holds one declines to make another.
    /// `user_name` (the e-mail address) and `display_name` are what the authenticator shows.
    pub async fn start_registration(
        &self,
        user_id: &str,
        user_name: &str,
        display_name: &str,
        kind: CredentialKind,
    ) -> Result<(serde_json::Value, String)> {
        let existing = self.store.mfa().user_webauthn(user_id).await?;
        if existing.len() >= MAX_CREDENTIALS {
            return Err(MfaError::Invalid("problem-webauthn-too-many"));
        }
        let user_name = user_name.trim();
        if user_name.is_empty() {
            return Err(MfaError::Invalid("problem-webauthn-user-name"));
        }
        let display_name = match display_name.trim() {
            "" => user_name,
            d => d,
        };
        // One handle per user, so that every credential of theirs names the same account.
        let user_handle = match existing.first() {
            Some(r) => Uuid::parse_str(&r.user_handle)
                .map_err(|e| StoreError::Corrupt(format!("mfa_webauthn.user_handle: {e}")))?,
            None => Uuid::new_v4(),
        };
        let exclude = existing
            .iter()
            .map(|r| stored_credential(r).map(|c| c.cred_id))
            .collect::<Result<Vec<_>>>()?;
        let exclude = (!exclude.is_empty()).then_some(exclude);
        let (challenge, registration) = match kind {
            CredentialKind::Passkey => {
                let (mut challenge, state) = self
                    .webauthn
                    .start_passkey_registration(user_handle, user_name, display_name, exclude)
                    .map_err(not_started)?;
                // Signing in without a password needs a discoverable credential. webauthn-rs
                // asks for none (it spares security keys' few slots); a passkey asks for one
                // where the authenticator can make it ("preferred", WebAuthn §5.4.6).
                if let Some(selection) = challenge.public_key.authenticator_selection.as_mut() {
                    selection.resident_key = Some(ResidentKeyRequirement::Preferred);
                }
                (challenge, Registration::Passkey(state))
            }
            CredentialKind::SecurityKey => {
                let (mut challenge, state) = self
                    .webauthn
                    .start_securitykey_registration(
                        user_handle,
                        user_name,
                        display_name,
                        exclude,
                        None,
                        Some(AuthenticatorAttachment::CrossPlatform),
                    )
                    .map_err(not_started)?;
                // webauthn-rs asks for credProtect `userVerificationRequired` while verification
                // is only preferred; Chromium refuses that pair outright (webauthn-rs#490), so
                // the protection policy is left to the authenticator's default.
                if let Some(ext) = challenge.public_key.extensions.as_mut() {
                    ext.cred_protect = None;
                }
                (challenge, Registration::SecurityKey(state))
            }
        };
        let challenge = serde_json::to_value(&challenge).map_err(not_started)?;
        let id = self
            .ceremonies
            .put(
                Some(user_id),
                State::Registration {
                    user_handle,
                    registration,
                },
            )
            .await?;
        Ok((challenge, id))
    }

    /// Finishes a registration the user started (WebAuthn §7.1 steps 5–27, by webauthn-rs):
    /// stores the new credential under `name`, with `entry`.
    ///
    /// Errors: [`MfaError::Ceremony`] when `ceremony_id` is unknown, expired, finished already
    /// (each is used once, whatever the outcome) or another user's; [`MfaError::Refused`] when
    /// the response does not verify; `Invalid` for the name, a model not on the allow-list
    /// (`problem-webauthn-authenticator-not-allowed`), a credential registered already
    /// (`problem-webauthn-already-registered`) or too many.
    pub async fn finish_registration(
        &self,
        user_id: &str,
        ceremony_id: &str,
        response: &serde_json::Value,
        name: &str,
        entry: &AuditEntry,
    ) -> Result<WebAuthnCredential> {
        // Before the ceremony is taken, so that a name to fix does not cost the user a touch.
        let name = authenticator_name(name)?;
        let ceremony = self
            .ceremonies
            .take(ceremony_id)
            .await?
            .ok_or(MfaError::Ceremony)?;
        let State::Registration {
            user_handle,
            registration,
        } = ceremony.state
        else {
            return Err(MfaError::Ceremony);
        };
        if ceremony.user_id.as_deref() != Some(user_id) {
            return Err(MfaError::Ceremony);
        }
        let reg: RegisterPublicKeyCredential = serde_json::from_value(response.clone()).map_err(refused)?;
        let credential: Credential = match &registration {
            Registration::Passkey(state) => self
                .webauthn
                .finish_passkey_registration(&reg, state)
                .map(Credential::from),
            Registration::SecurityKey(state) => self
                .webauthn
                .finish_securitykey_registration(&reg, state)
                .map(Credential::from),
        }
        .map_err(refused)?;
        let aaguid = aaguid::of_registration(&reg);
        if !aaguid::allowed(&self.aaguids, aaguid) {
            return Err(MfaError::Invalid("problem-webauthn-authenticator-not-allowed"));
        }
        if self.store.mfa().user_webauthn(user_id).await?.len() >= MAX_CREDENTIALS {
            return Err(MfaError::Invalid("problem-webauthn-too-many"));
        }
        let record = WebAuthnRecord {
            id: random_token(16),
            user_id: user_id.to_owned(),
            name,
            credential_id: URL_SAFE_NO_PAD.encode(&credential.cred_id),
            user_handle: user_handle.to_string(),
            credential: credential_json(&credential)?,
            kind: registration.kind().as_str().to_owned(),
            discoverable: reg.extensions.cred_props.as_ref().and_then(|p| p.rk),
            aaguid: aaguid.map(|a| a.to_string()),
            user_verified: credential.user_verified,
            backup_eligible: credential.backup_eligible,
            sign_count: i64::from(credential.counter),
            created_at: self.clock.now(),
            last_used_at: None,
        };
        match self.store.mfa().insert_webauthn(&record, entry).await {
            Ok(()) => WebAuthnCredential::of(&record),
            // WebAuthn §7.1 step 26: a credential ID registered already, to anyone, is refused.
            Err(StoreError::Conflict) => Err(MfaError::Invalid("problem-webauthn-already-registered")),
            Err(e) => Err(e.into()),
        }
    }

    /// Starts an authentication (WebAuthn §7.2): the options for
    /// `navigator.credentials.get()` and the ceremony id.
    ///
    /// With a user (a second factor, or a passkey after the user typed their address) the
    /// challenge lists that user's credentials; [`MfaError::NotFound`] when they have none.
    /// Without one (a passwordless sign-in) it lists none, requires user verification, and
    /// carries `mediation: "conditional"` for autofill; a page offering a button instead drops
    /// that member when calling `get()` (the server's checks do not depend on it).
    pub async fn start_authentication(&self, user_id: Option<&str>) -> Result<(serde_json::Value, String)> {
        let (challenge, state) = match user_id {
            None => {
                let (challenge, state) = self
                    .webauthn
                    .start_discoverable_authentication()
                    .map_err(not_started)?;
                (challenge, State::Discoverable(state))
            }
            Some(user_id) => {
                let records = self.store.mfa().user_webauthn(user_id).await?;
                if records.is_empty() {
                    return Err(MfaError::NotFound);
                }
                let passkeys = records
                    .iter()
                    .filter(|r| r.kind == CredentialKind::Passkey.as_str())
                    .count();
                let credentials = records
                    .iter()
                    .map(stored_credential)
                    .collect::<Result<Vec<_>>>()?;
                if passkeys == records.len() {
                    let keys: Vec<Passkey> = credentials.into_iter().map(Passkey::from).collect();
                    let (challenge, state) = self
                        .webauthn
                        .start_passkey_authentication(&keys)
                        .map_err(not_started)?;
                    (challenge, State::Passkeys(state))
                } else {
                    // User verification preferred: what a security key asks. A passkey among
                    // them still has to verify the user, as webauthn-rs enforces the policy it
                    // was registered with.
                    let keys: Vec<SecurityKey> = credentials.into_iter().map(SecurityKey::from).collect();
                    let (mut challenge, state) = self
                        .webauthn
                        .start_securitykey_authentication(&keys)
                        .map_err(not_started)?;
                    // The "security-key" hint would steer the browser away from the passkeys
                    // on this device.
                    if passkeys > 0 {
                        challenge.public_key.hints = None;
                    }
                    (challenge, State::SecurityKeys(state))
                }
            }
        };
        let challenge = serde_json::to_value(&challenge).map_err(not_started)?;
        let id = self.ceremonies.put(user_id, state).await?;
        Ok((challenge, id))
    }

    /// Verifies an assertion (WebAuthn §7.2 steps 5–24, by webauthn-rs) for the ceremony
    /// `ceremony_id`, started for `user_id` (None: a passwordless sign-in, whose user is the
    /// owner of the credential, checked against the user handle the authenticator returns).
    /// On success the credential's counter, backup state and last use are updated with the
    /// entry `entry_for(user_id)` in one statement.
    ///
    /// Errors: [`MfaError::Ceremony`] when the ceremony is unknown, expired, finished already
    /// (each is used once, whatever the outcome) or was started for someone else;
    /// [`MfaError::Refused`] when the assertion does not verify: a bad signature, another
    /// challenge (a replayed assertion), another origin or RP ID, no user verification where
    /// required, an unknown credential or another user's, a user handle that is not the
    /// credential's, or a signature counter that did not go up (a possibly cloned
    /// authenticator, logged as a warning).
    pub async fn finish_authentication(
        &self,
        ceremony_id: &str,
        user_id: Option<&str>,
        response: &serde_json::Value,
        entry_for: impl FnOnce(&str) -> AuditEntry,
    ) -> Result<VerifiedAssertion> {
        let ceremony = self
            .ceremonies
            .take(ceremony_id)
            .await?
            .ok_or(MfaError::Ceremony)?;
        if ceremony.user_id.as_deref() != user_id || matches!(ceremony.state, State::Registration { .. }) {
            return Err(MfaError::Ceremony);
        }
        let assertion: PublicKeyCredential = serde_json::from_value(response.clone()).map_err(refused)?;
        let record = self
            .store
            .mfa()
            .webauthn_by_credential_id(&URL_SAFE_NO_PAD.encode(&assertion.raw_id))
            .await?
            .ok_or_else(|| refused("unknown credential"))?;
        // §7.2 step 6: the credential is the identified user's, and a user handle, present
        // (as it must be when no user was identified), names the same user.
        if user_id.is_some_and(|u| u != record.user_id) {
            return Err(refused("another user's credential"));
        }
        match assertion.get_user_unique_id() {
            Some(handle) => {
                let handle = Uuid::from_slice(handle).ok().map(|h| h.to_string());
                if handle.as_deref() != Some(record.user_handle.as_str()) {
                    return Err(refused("the user handle is not the credential's"));
                }
            }
            None if user_id.is_none() => return Err(refused("no user handle")),
            None => {}
        }
        let stored = stored_credential(&record)?;
        let result = match ceremony.state {
            State::Passkeys(state) => self.webauthn.finish_passkey_authentication(&assertion, &state),
            State::SecurityKeys(state) => self
                .webauthn
                .finish_securitykey_authentication(&assertion, &state),
            State::Discoverable(state) => self
                .webauthn
                .finish_discoverable_authentication_v2(&assertion, state, &stored),
            State::Registration { .. } => return Err(MfaError::Ceremony),
        };
        let result = result.map_err(|e| {
            if matches!(e, WebauthnError::CredentialPossibleCompromise) {
                counter_warning(&record.id);
            }
            refused(e)
        })?;
        // webauthn-rs's update: the counter only goes up; backup state follows the
        // authenticator, and backup eligibility may only be gained.
        let mut updated = Passkey::from(stored);
        updated.update_credential(&result);
        let updated = Credential::from(updated);
        let used = self
            .store
            .mfa()
            .use_webauthn(
                &record.user_id,
                &record.id,
                &WebAuthnUse {
                    credential: &credential_json(&updated)?,
                    sign_count: i64::from(result.counter()),
                    backup_eligible: updated.backup_eligible,
                    at: self.clock.now(),
                },
                &entry_for(&record.user_id),
            )
            .await?;
        if !used {
            counter_warning(&record.id);
            return Err(refused("the signature counter did not go up"));
        }
        let hardware =
            CredentialKind::parse(&record.kind)? == CredentialKind::SecurityKey && !updated.backup_eligible;
        Ok(VerifiedAssertion {
            user_id: record.user_id,
            credential_id: record.id,
            method: Method::WebAuthn {
                user_verified: result.user_verified(),
                hardware,
            },
        })
    }

    /// The user's credentials, oldest first.
    pub async fn list(&self, user_id: &str) -> Result<Vec<WebAuthnCredential>> {
        let records = self.store.mfa().user_webauthn(user_id).await?;
        records.iter().map(WebAuthnCredential::of).collect()
    }

    /// Whether the user has a credential, so that a login may ask for one.
    pub async fn enrolled(&self, user_id: &str) -> Result<bool> {
        Ok(!self.store.mfa().user_webauthn(user_id).await?.is_empty())
    }

    /// Whether the user has a passkey that can sign them in without a password
    /// ([`WebAuthnCredential::is_passwordless`]), so the login page may offer it.
    pub async fn passwordless(&self, user_id: &str) -> Result<bool> {
        Ok(self
            .list(user_id)
            .await?
            .iter()
            .any(WebAuthnCredential::is_passwordless))
    }

    /// Renames one of the user's credentials; [`MfaError::NotFound`] if the user has none with
    /// that id (another user's included).
    pub async fn rename(&self, user_id: &str, id: &str, name: &str, entry: &AuditEntry) -> Result<()> {
        let name = authenticator_name(name)?;
        if !self
            .store
            .mfa()
            .rename_webauthn(user_id, id, &name, entry)
            .await?
        {
            return Err(MfaError::NotFound);
        }
        Ok(())
    }

    /// Removes one of the user's credentials; [`MfaError::NotFound`] if the user has none with
    /// that id (another user's included). The authenticator keeps its half; it no longer
    /// signs anyone in here.
    pub async fn remove(&self, user_id: &str, id: &str, entry: &AuditEntry) -> Result<()> {
        if !self.store.mfa().delete_webauthn(user_id, id, entry).await? {
            return Err(MfaError::NotFound);
        }
        Ok(())
    }
}

fn stored_credential(r: &WebAuthnRecord) -> Result<Credential> {
    serde_json::from_str(&r.credential)
        .map_err(|e| StoreError::Corrupt(format!("mfa_webauthn.credential: {e}")).into())
}

fn credential_json(c: &Credential) -> Result<String> {
    serde_json::to_string(c).map_err(|e| StoreError::Corrupt(format!("mfa_webauthn.credential: {e}")).into())
}

/// A response that does not verify; the reason is for the log (it names no secret).
fn refused(why: impl std::fmt::Display) -> MfaError {
    MfaError::Refused(why.to_string())
}

/// webauthn-rs could not make a challenge: a fault of the relying party, not of the user.
fn not_started(e: impl std::fmt::Display) -> MfaError {
    MfaError::RelyingParty(format!("starting a ceremony: {e}"))
}

/// WebAuthn §6.1.1: a counter that did not go up may mean two copies of one private key.
fn counter_warning(credential: &str) {
    tracing::warn!(
        credential,
        "WebAuthn signature counter did not go up: the authenticator may be cloned (or two sign-ins raced)"
    );
}
