//! SAML 2.0 service provider towards enterprise identity providers (samael, over xmlsec): the
//! AuthnRequest by HTTP-Redirect (signed when the connection says so), the response at our ACS
//! by HTTP-POST, checked by samael (signature by a certificate of the IdP's metadata with an
//! allowed algorithm, Audience, Recipient, Destination of a signed Response, InResponseTo,
//! NotBefore/NotOnOrAfter with a small skew; unsigned parts are dropped before reading, which
//! defeats signature wrapping) and here (metadata must carry a signing certificate, one answer
//! per request, assertion IDs kept to refuse replays). An encrypted assertion is decrypted with
//! the connection's SP key. IdP-initiated responses are refused unless the connection names the
//! one client they are for, and then must answer no request.

pub mod attributes;
pub mod metadata;

use std::sync::Arc;
use std::time::Duration;

use openssl::pkey::{PKey, Private};
use samael::crypto::{AllowedSignatureAlgorithm, CertificateDer};
use samael::metadata::{EntityDescriptor, HTTP_REDIRECT_BINDING};
use samael::schema::Assertion;
use samael::service_provider::{ServiceProvider, ServiceProviderBuilder};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::cache::{Cache, CacheError};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{random_token, sha256_hex};
use crate::domain::{Clock, IdentityProvider, SamlSettings, UnixTime, UpstreamProfile};
use crate::store::{IdentityProviderReader, Store, StoreError};

/// How long a sign-in at the IdP may take, from the redirect to the ACS.
const ROUND_TRIP: Duration = Duration::from_secs(600);
/// How long a checked response waits for the browser's next request.
const HELD: Duration = Duration::from_secs(120);
/// Clock skew allowed between the IdP and us.
const SKEW_SECONDS: i64 = 60;
/// How long after its IssueInstant a response is still taken.
const MAX_ISSUE_DELAY_SECONDS: i64 = 300;

#[derive(Debug, thiserror::Error)]
pub enum SamlError {
    #[error("unknown or disabled connection")]
    UnknownConnection,
    /// The RelayState is unknown, used, expired or for another connection.
    #[error("unknown or expired relay state")]
    UnknownState,
    #[error("connection settings: {0}")]
    Config(String),
    /// The response failed a check; the detail is for the log only.
    #[error("SAML response rejected: {0}")]
    Rejected(String),
    /// The assertion was seen before.
    #[error("SAML assertion replayed")]
    Replayed,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

pub type Result<T> = std::result::Result<T, SamlError>;

/// Our entity ID for connection `id`: the URL of our SP metadata.
pub fn entity_id(issuer: &str, id: &str) -> String {
    format!("{}/saml/{id}/metadata", issuer.trim_end_matches('/'))
}

/// Our Assertion Consumer Service for connection `id` (HTTP-POST).
pub fn acs_url(issuer: &str, id: &str) -> String {
    format!("{}/saml/{id}/acs", issuer.trim_end_matches('/'))
}

/// A sign-in at the IdP under way, kept under its RelayState until the ACS.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub provider_id: String,
    /// Empty for an IdP-initiated sign-in: no sign-in of ours asked for it.
    pub interaction_id: String,
    /// The AuthnRequest's ID: the response's InResponseTo must be this (empty: IdP-initiated,
    /// and the response must answer no request).
    pub request_id: String,
    /// Started from the account pages to link this IdP to the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_for: Option<String>,
}

/// What a checked response says.
#[derive(Debug, Clone)]
pub struct Asserted {
    pub pending: Pending,
    /// The NameID.
    pub subject: String,
    /// The attributes (by name, friendly name and the usual aliases), and `amr`/`acr` from the
    /// AuthnContextClassRef.
    pub claims: Map<String, Value>,
}

#[derive(Clone)]
pub struct Saml {
    providers: IdentityProviderReader,
    cache: Arc<dyn Cache>,
    master: MasterKey,
    clock: Arc<dyn Clock>,
    issuer: String,
}

impl Saml {
    pub fn new(
        store: &Store,
        cache: Arc<dyn Cache>,
        master: MasterKey,
        clock: Arc<dyn Clock>,
        issuer: &str,
    ) -> Saml {
        Saml {
            providers: store.identity_providers().reader(),
            cache,
            master,
            clock,
            issuer: issuer.trim_end_matches('/').to_owned(),
        }
    }

    pub fn entity_id(&self, id: &str) -> String {
        entity_id(&self.issuer, id)
    }

    pub fn acs_url(&self, id: &str) -> String {
        acs_url(&self.issuer, id)
    }

    /// The enabled SAML connection `id`.
    pub async fn connection(&self, id: &str) -> Result<IdentityProvider> {
        self.providers
            .provider(id)
            .await?
            .filter(|c| c.enabled && c.settings.saml.is_some())
            .ok_or(SamlError::UnknownConnection)
    }

    /// Our SP metadata for connection `id` (it exists even while disabled, so the IdP side can
    /// be set up first).
    pub async fn sp_metadata(&self, id: &str) -> Result<String> {
        let c = self
            .providers
            .provider(id)
            .await?
            .ok_or(SamlError::UnknownConnection)?;
        let s = settings(&c)?;
        Ok(metadata::sp_metadata(&self.entity_id(id), &self.acs_url(id), s))
    }

    /// The URL to send the browser to: an AuthnRequest for interaction `interaction_id`.
    pub async fn begin(
        &self,
        c: &IdentityProvider,
        interaction_id: &str,
        link_for: Option<String>,
    ) -> Result<String> {
        let s = settings(c)?;
        let key = self.sp_key(c).await?;
        let sp = self.service_provider(c, s, key.clone(), false)?;
        let sso = sp.sso_binding_location(HTTP_REDIRECT_BINDING).ok_or_else(|| {
            SamlError::Config("the IdP metadata has no HTTP-Redirect sign-on service".into())
        })?;
        let mut request = sp
            .make_authentication_request(&sso)
            .map_err(|e| SamlError::Config(format!("AuthnRequest: {e}")))?;
        // samael's own IDs carry 32 bits; an ID is an NCName, so it begins with a letter.
        request.id = format!("id-{}", crate::crypto::secrets::token256());
        let relay_state = random_token(24);
        let url = match s.sign_requests {
            true => request.signed_redirect(&relay_state, &key),
            false => request.redirect(&relay_state),
        }
        .map_err(|e| SamlError::Config(format!("AuthnRequest: {e}")))?
        .ok_or_else(|| SamlError::Config("AuthnRequest without a destination".into()))?;
        let pending = Pending {
            provider_id: c.id.clone(),
            interaction_id: interaction_id.to_owned(),
            request_id: request.id,
            link_for,
        };
        let value = serde_json::to_vec(&pending).map_err(|_| CacheError::Encode)?;
        self.cache
            .set(&state_key(&relay_state), &value, ROUND_TRIP)
            .await?;
        Ok(url.to_string())
    }

    /// Checks the response posted to connection `provider_id`'s ACS for the sign-in its
    /// `relay_state` names (taken: it answers once). A RelayState of no sign-in of ours is an
    /// IdP-initiated sign-in: refused unless the connection takes them, and then only for a
    /// response that answers no request (one that answers a request belongs to the browser
    /// that made it).
    pub async fn consume(&self, provider_id: &str, response: &str, relay_state: &str) -> Result<Asserted> {
        let pending = self.take_pending(relay_state).await?;
        let c = self.connection(provider_id).await?;
        let s = settings(&c)?;
        let pending = match pending {
            Some(p) if p.provider_id == provider_id => p,
            Some(_) => return Err(SamlError::UnknownState),
            None if s.idp_initiated_client.is_some() => Pending {
                provider_id: provider_id.to_owned(),
                interaction_id: String::new(),
                request_id: String::new(),
                link_for: None,
            },
            None => return Err(SamlError::UnknownState),
        };
        let solicited = !pending.request_id.is_empty();
        let sp = self.service_provider(&c, s, self.sp_key(&c).await?, !solicited)?;
        let (response, request_id) = (response.trim().to_owned(), pending.request_id.clone());
        // xmlsec is blocking C: off the async workers.
        let assertion = tokio::task::spawn_blocking(move || {
            let ids = [request_id.as_str()];
            let assertion = sp
                .parse_base64_response(&response, solicited.then_some(&ids[..]))
                .map_err(|e| SamlError::Rejected(e.to_string()))?;
            if !solicited && answers_a_request(&response, &assertion) {
                return Err(SamlError::Rejected(
                    "an IdP-initiated response answers a request".into(),
                ));
            }
            Ok(assertion)
        })
        .await
        .map_err(|e| SamlError::Rejected(format!("validation: {e}")))??;
        self.first_use(&assertion).await?;
        let (subject, claims) =
            attributes::claims(&assertion).ok_or_else(|| SamlError::Rejected("no NameID".into()))?;
        Ok(Asserted {
            pending,
            subject,
            claims,
        })
    }

    /// The sign-in `relay_state` names, taken; `None` when it names none of ours.
    async fn take_pending(&self, relay_state: &str) -> Result<Option<Pending>> {
        if relay_state.is_empty() || relay_state.len() > 80 {
            return Ok(None);
        }
        match self.cache.take(&state_key(relay_state)).await? {
            Some(raw) => serde_json::from_slice(&raw)
                .map(Some)
                .map_err(|_| SamlError::UnknownState),
            None => Ok(None),
        }
    }

    /// Keeps what a checked response said for the step that reads it in the browser's own
    /// request; returns the one-time key.
    pub async fn hold(&self, pending: &Pending, profile: &UpstreamProfile) -> Result<String> {
        let key = random_token(24);
        let value = serde_json::to_vec(&(pending, profile)).map_err(|_| CacheError::Encode)?;
        self.cache.set(&held_key(&key), &value, HELD).await?;
        Ok(key)
    }

    /// What [`Self::hold`] kept under `key` for connection `provider_id`, taken.
    pub async fn collect(&self, provider_id: &str, key: &str) -> Result<(Pending, UpstreamProfile)> {
        if key.is_empty() || key.len() > 80 {
            return Err(SamlError::UnknownState);
        }
        let raw = self
            .cache
            .take(&held_key(key))
            .await?
            .ok_or(SamlError::UnknownState)?;
        let (pending, profile): (Pending, UpstreamProfile) =
            serde_json::from_slice(&raw).map_err(|_| SamlError::UnknownState)?;
        if pending.provider_id != provider_id {
            return Err(SamlError::UnknownState);
        }
        Ok((pending, profile))
    }

    /// Keeps the assertion's ID until it expires: the same assertion twice is a replay.
    async fn first_use(&self, a: &Assertion) -> Result<()> {
        let now: UnixTime = self.clock.now();
        let until = a
            .conditions
            .as_ref()
            .and_then(|c| c.not_on_or_after)
            .map_or(now + MAX_ISSUE_DELAY_SECONDS, |t| t.timestamp());
        let ttl = (until - now + SKEW_SECONDS).clamp(SKEW_SECONDS, 86_400) as u64;
        let key = format!(
            "saml:assertion:{}",
            sha256_hex(format!("{}\n{}", a.issuer.value.clone().unwrap_or_default(), a.id).as_bytes())
        );
        match self
            .cache
            .set_if_absent(&key, b"1", Duration::from_secs(ttl))
            .await?
        {
            true => Ok(()),
            false => Err(SamlError::Replayed),
        }
    }

    async fn sp_key(&self, c: &IdentityProvider) -> Result<PKey<Private>> {
        let sealed = self
            .providers
            .provider_secret(&c.id)
            .await?
            .ok_or_else(|| SamlError::Config("the connection has no SP key".into()))?;
        let pem = self
            .master
            .decrypt(&sealed)
            .map_err(|_| SamlError::Config("the SP key cannot be unsealed".into()))?;
        PKey::private_key_from_pem(&pem).map_err(|e| SamlError::Config(format!("SP key: {e}")))
    }

    fn service_provider(
        &self,
        c: &IdentityProvider,
        s: &SamlSettings,
        key: PKey<Private>,
        idp_initiated: bool,
    ) -> Result<ServiceProvider> {
        let idp: EntityDescriptor = s
            .idp_metadata
            .parse()
            .map_err(|e| SamlError::Config(format!("IdP metadata: {e}")))?;
        let cert = openssl::x509::X509::from_pem(s.sp_certificate.as_bytes())
            .and_then(|x| x.to_der())
            .map_err(|e| SamlError::Config(format!("SP certificate: {e}")))?;
        // SHA-1 only when the connection allows it: `None` lets xmlsec take any algorithm it
        // knows (samael has no SHA-1 value to list).
        let allowed = (!s.allow_sha1).then(|| {
            vec![
                AllowedSignatureAlgorithm::RsaSha256,
                AllowedSignatureAlgorithm::RsaSha384,
                AllowedSignatureAlgorithm::RsaSha512,
                AllowedSignatureAlgorithm::EcdsaSha256,
            ]
        });
        let sp = ServiceProviderBuilder::default()
            .entity_id(self.entity_id(&c.id))
            .acs_url(self.acs_url(&c.id))
            .key(key)
            .certificate(CertificateDer::from(cert))
            .idp_metadata(idp)
            .authn_name_id_format(metadata::name_id_format(&s.name_id_format).to_owned())
            .allowed_signature_algorithms(allowed)
            .max_clock_skew(chrono::Duration::seconds(SKEW_SECONDS))
            .max_issue_delay(chrono::Duration::seconds(MAX_ISSUE_DELAY_SECONDS))
            .allow_idp_initiated(idp_initiated)
            .build()
            .map_err(|e| SamlError::Config(format!("service provider: {e}")))?;
        // samael takes an unsigned response when the metadata names no signing certificate.
        match sp.idp_signing_certs() {
            Ok(Some(certs)) if !certs.is_empty() => Ok(sp),
            _ => Err(SamlError::Config(
                "the IdP metadata has no signing certificate".into(),
            )),
        }
    }
}

/// Whether a response (checked) answers a request: its InResponseTo, or its assertion's.
fn answers_a_request(base64_response: &str, assertion: &Assertion) -> bool {
    use base64::Engine as _;
    let in_assertion = assertion
        .subject
        .iter()
        .flat_map(|s| s.subject_confirmations.iter().flatten())
        .any(|c| {
            c.subject_confirmation_data
                .as_ref()
                .is_some_and(|d| d.in_response_to.is_some())
        });
    let in_response = base64::engine::general_purpose::STANDARD
        .decode(base64_response.split_whitespace().collect::<String>())
        .ok()
        .and_then(|xml| String::from_utf8(xml).ok())
        .and_then(|xml| xml.parse::<samael::schema::Response>().ok())
        // Unreadable here, though checked above: count it as answering, to refuse it.
        .is_none_or(|r| r.in_response_to.is_some());
    in_assertion || in_response
}

/// Where the IdP's single sign-on service (HTTP-Redirect) is, by its metadata.
pub fn sso_location(s: &SamlSettings) -> Option<String> {
    let idp: EntityDescriptor = s.idp_metadata.parse().ok()?;
    idp.idp_sso_descriptors?
        .iter()
        .flat_map(|d| &d.single_sign_on_services)
        .find(|s| s.binding == HTTP_REDIRECT_BINDING)
        .map(|s| s.location.clone())
}

fn settings(c: &IdentityProvider) -> Result<&SamlSettings> {
    c.settings
        .saml
        .as_ref()
        .ok_or_else(|| SamlError::Config("not a SAML connection".into()))
}

fn held_key(key: &str) -> String {
    format!("saml:held:{}", sha256_hex(key.as_bytes()))
}

fn state_key(relay_state: &str) -> String {
    format!("saml:relay:{}", sha256_hex(relay_state.as_bytes()))
}
