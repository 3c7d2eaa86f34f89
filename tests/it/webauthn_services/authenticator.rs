//! A software authenticator that behaves like a passkey provider where webauthn-authenticator-rs's
//! soft authenticators behave like U2F keys: it keeps each credential it makes as discoverable
//! (with its RP ID and user handle), declines to register while it holds an excluded credential
//! (WebAuthn §6.3.2 step 3), answers a challenge with no allowCredentials with its credential
//! for that RP and returns the user handle, and reports credProps like a browser. One that can
//! verify the user does so when verification is preferred, as a platform authenticator or a
//! key with a PIN does (the soft ones only when it is required). Signing is left to the
//! wrapped authenticator.

use webauthn_authenticator_rs::AuthenticatorBackendHashedClientData;
use webauthn_authenticator_rs::error::{CtapError, WebauthnCError};
use webauthn_rs_core::proto::{
    AllowCredentials, CredProps, PublicKeyCredential, PublicKeyCredentialCreationOptions,
    PublicKeyCredentialRequestOptions, RegisterPublicKeyCredential, UserVerificationPolicy,
};

pub struct Resident<A> {
    pub inner: A,
    /// Whether it can verify the user (the wrapped one must then be built to do so).
    verifies_user: bool,
    held: Vec<Held>,
}

struct Held {
    rp_id: String,
    credential_id: Vec<u8>,
    user_handle: Vec<u8>,
}

impl<A> Resident<A> {
    pub fn new(inner: A, verifies_user: bool) -> Self {
        Resident {
            inner,
            verifies_user,
            held: Vec::new(),
        }
    }

    /// The verification it performs when the relying party asks for `policy`.
    fn verification(&self, policy: UserVerificationPolicy) -> UserVerificationPolicy {
        match policy {
            UserVerificationPolicy::Preferred if self.verifies_user => UserVerificationPolicy::Required,
            other => other,
        }
    }
}

impl<A: AuthenticatorBackendHashedClientData> AuthenticatorBackendHashedClientData for Resident<A> {
    fn perform_register(
        &mut self,
        client_data_hash: Vec<u8>,
        mut options: PublicKeyCredentialCreationOptions,
        timeout_ms: u32,
    ) -> Result<RegisterPublicKeyCredential, WebauthnCError> {
        if let Some(selection) = options.authenticator_selection.as_mut() {
            selection.user_verification = self.verification(selection.user_verification);
        }
        let excluded = options
            .exclude_credentials
            .iter()
            .flatten()
            .any(|d| self.held.iter().any(|h| h.credential_id == d.id));
        if excluded {
            return Err(WebauthnCError::Ctap(CtapError::Ctap2CredentialExcluded));
        }
        let (rp_id, user_handle) = (options.rp.id.clone(), options.user.id.clone());
        let mut reg = self
            .inner
            .perform_register(client_data_hash, options, timeout_ms)?;
        self.held.push(Held {
            rp_id,
            credential_id: reg.raw_id.clone(),
            user_handle,
        });
        reg.extensions.cred_props = Some(CredProps { rk: Some(true) });
        Ok(reg)
    }

    fn perform_auth(
        &mut self,
        client_data_hash: Vec<u8>,
        mut options: PublicKeyCredentialRequestOptions,
        timeout_ms: u32,
    ) -> Result<PublicKeyCredential, WebauthnCError> {
        options.user_verification = self.verification(options.user_verification);
        if options.allow_credentials.is_empty() {
            let held = self
                .held
                .iter()
                .rev()
                .find(|h| h.rp_id == options.rp_id)
                .ok_or(WebauthnCError::Ctap(CtapError::Ctap2NoCredentials))?;
            options.allow_credentials = vec![AllowCredentials {
                type_: "public-key".into(),
                id: held.credential_id.clone(),
                transports: None,
            }];
        }
        let mut assertion = self.inner.perform_auth(client_data_hash, options, timeout_ms)?;
        assertion.response.user_handle = self
            .held
            .iter()
            .find(|h| h.credential_id == assertion.raw_id)
            .map(|h| h.user_handle.clone());
        Ok(assertion)
    }
}
