//! Pure types shared by every layer. Nothing here performs I/O or imports another module of ours.

mod audit;
mod authentication;
mod client;
mod client_logo;
mod clock;
mod identity_provider;
mod interaction;
mod oauth_error;
mod params;
pub mod rbac;
mod scope;
mod session;
mod user;
mod user_agent;

pub use audit::AuditEntry;
pub use authentication::{Authentication, FactorUse, Level, Method, amr, fresh};
pub use client::{Client, ClientLinks, GrantType, TokenEndpointAuthMethod};
pub use client_logo::{ClientLogo, LogoError, MAX_LOGO_BYTES};
pub use clock::{Clock, SystemClock, TestClock};
pub use identity_provider::{
    ClaimMapping, ClaimSync, FederatedIdentity, IdentityProvider, LinkPolicy, OAuth2Endpoints, PendingLink,
    PendingReview, ProviderKind, ProviderSettings, SamlSettings, UpstreamProfile,
};
pub use interaction::{AuthorizationRequest, Interaction, LoginResult, Prompt, ResponseMode, Resume};
pub use oauth_error::OAuthError;
pub use params::{DuplicateParam, Params};
pub use rbac::{ApiKey, Role};
pub use scope::Scope;
pub use session::Session;
pub use user::{AccountState, Address, User};
pub use user_agent::{Device, describe_user_agent, device};

/// Where a request came from: for sessions, the audit log and rate limits.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The `x-request-id` of the request, to find its log lines.
    pub request_id: Option<String>,
}

/// A duration as people type it: `30s`, `30m`, `24h`, `90d`, or plain seconds.
pub fn parse_duration(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    let (n, unit) = s.split_at(s.len().checked_sub(1)?);
    let unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.parse::<i64>().ok()?.checked_mul(unit)
}

/// Seconds since the Unix epoch: every time stored or compared in Portcullis.
pub type UnixTime = i64;

/// A signing key as stored: the private key sealed under the master key.
#[derive(Debug, Clone)]
pub struct SigningKeyRecord {
    pub kid: String,
    pub alg: String,
    pub private_key_sealed: Vec<u8>,
    /// The public JWK, JSON text.
    pub public_jwk: String,
    pub created_at: UnixTime,
    /// From this time the key signs; before it the key is only published ("next" key).
    pub activates_at: UnixTime,
    /// From this time the key no longer signs; it stays published while its tokens live.
    pub retired_at: Option<UnixTime>,
}
