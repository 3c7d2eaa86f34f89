//! The OpenID Connect / OAuth 2.0 protocol. Functions here take typed inputs and return typed
//! outcomes; the thin axum handlers in [`endpoints`] turn them into HTTP.

pub mod authorize;
pub mod claims;
pub mod client_auth;
pub mod discovery;
pub mod end_session;
pub mod endpoints;
pub mod error;
pub mod grants;
pub mod introspection;
pub mod pkce;
pub mod resource;
pub mod revocation;
pub mod tokens;
pub mod userinfo;

use crate::metrics::Metrics;
use std::sync::Arc;

use crate::audit::Audit;
use crate::authn::{RateLimiter, Sessions};
use crate::cache::Cache;
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::crypto::keyring::Keyring;
use crate::domain::Clock;
use crate::store::Store;

pub use error::OAuthError;

/// Everything the protocol needs, passed explicitly. One `Arc` to clone: axum clones the state
/// for every request, and cloning each service's handles cost more than serving discovery.
#[derive(Clone)]
pub struct Provider(Arc<ProviderParts>);

impl Provider {
    pub fn new(parts: ProviderParts) -> Provider {
        Provider(Arc::new(parts))
    }
}

impl std::ops::Deref for Provider {
    type Target = ProviderParts;
    fn deref(&self) -> &ProviderParts {
        &self.0
    }
}

pub struct ProviderParts {
    pub config: Arc<Config>,
    pub store: Store,
    pub cache: Arc<dyn Cache>,
    pub keyring: Arc<Keyring>,
    pub master: MasterKey,
    pub clock: Arc<dyn Clock>,
    pub sessions: Sessions,
    /// For fetching clients' `jwks_uri`.
    pub http: reqwest::Client,
    /// The discovery document, rendered once.
    pub discovery: bytes::Bytes,
    pub audit: Audit,
    /// The token endpoint's rate limits.
    pub limits: RateLimiter,
    pub metrics: Metrics,
    /// The pages' messages, in every shipped language.
    pub messages: Arc<crate::i18n::Catalog>,
    /// Sign-ins waiting for the hosted pages.
    pub interactions: crate::authn::interactions::Interactions,
    /// The second factors users set up: the prompt policy asks for them.
    pub mfa: crate::mfa::Mfa,
}

impl Provider {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub fn issuer(&self) -> &str {
        &self.config.issuer
    }
}

/// Paths of the protocol endpoints, relative to the issuer.
pub mod paths {
    pub const DISCOVERY: &str = "/.well-known/openid-configuration";
    pub const JWKS: &str = "/jwks";
    pub const AUTHORIZE: &str = "/authorize";
    pub const TOKEN: &str = "/token";
    pub const USERINFO: &str = "/userinfo";
    pub const INTROSPECT: &str = "/introspect";
    pub const REVOKE: &str = "/revoke";
    /// RFC 7591 §3; a client's registration is under it (RFC 7592).
    pub const REGISTRATION: &str = "/connect/register";
    pub const END_SESSION: &str = "/end_session";
    /// A client's logo (see endpoints/client_logo.rs).
    pub const CLIENT_LOGO: &str = "/clients/{client_id}/logo";
}
