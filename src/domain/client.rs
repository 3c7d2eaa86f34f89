use serde::{Deserialize, Serialize};

use super::{Scope, UnixTime};

/// RFC 7591 §2 `grant_types` values Portcullis implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    AuthorizationCode,
    RefreshToken,
    ClientCredentials,
}

impl GrantType {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantType::AuthorizationCode => "authorization_code",
            GrantType::RefreshToken => "refresh_token",
            GrantType::ClientCredentials => "client_credentials",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "authorization_code" => Some(GrantType::AuthorizationCode),
            "refresh_token" => Some(GrantType::RefreshToken),
            "client_credentials" => Some(GrantType::ClientCredentials),
            _ => None,
        }
    }
}

/// OIDC Discovery `token_endpoint_auth_methods_supported` values Portcullis implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenEndpointAuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    PrivateKeyJwt,
    None,
}

impl TokenEndpointAuthMethod {
    pub const ALL: [TokenEndpointAuthMethod; 4] = [
        TokenEndpointAuthMethod::ClientSecretBasic,
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::PrivateKeyJwt,
        TokenEndpointAuthMethod::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenEndpointAuthMethod::ClientSecretBasic => "client_secret_basic",
            TokenEndpointAuthMethod::ClientSecretPost => "client_secret_post",
            TokenEndpointAuthMethod::PrivateKeyJwt => "private_key_jwt",
            TokenEndpointAuthMethod::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn uses_secret(self) -> bool {
        matches!(
            self,
            TokenEndpointAuthMethod::ClientSecretBasic | TokenEndpointAuthMethod::ClientSecretPost
        )
    }
}

/// A registered relying party (OAuth 2.0 client).
#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    /// Keyed hash of the client secret; never the secret itself.
    pub secret_hash: Option<String>,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub grant_types: Vec<GrantType>,
    pub scope: Scope,
    pub auth_method: TokenEndpointAuthMethod,
    /// A JWK Set (JSON text) for private_key_jwt.
    pub jwks: Option<String>,
    pub jwks_uri: Option<String>,
    /// First-party clients skip the consent page.
    pub first_party: bool,
    /// Every user signing in to this client must pass a second factor.
    pub require_mfa: bool,
    pub created_at: UnixTime,
    /// The client's home page (OIDC Dynamic Client Registration §2 `client_uri`), shown on
    /// the pages.
    pub client_uri: Option<String>,
    /// Changes whenever the logo does; `None` when the client has no logo. Pages show the
    /// logo as `/clients/{client_id}/logo?v={logo_version}`, so a new logo is fetched at once
    /// although the old one may be cached for a day.
    pub logo_version: Option<String>,
    /// Pages about the client (RFC 7591 §2), shown on the consent page.
    pub links: ClientLinks,
}

/// A client's logo and documents at its own site (RFC 7591 §2 `logo_uri`, `policy_uri`,
/// `tos_uri`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientLinks {
    pub logo_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
}

impl Client {
    pub fn allows_grant(&self, g: GrantType) -> bool {
        self.grant_types.contains(&g)
    }

    pub fn is_public(&self) -> bool {
        self.auth_method == TokenEndpointAuthMethod::None
    }

    /// The path of the client's logo, with its version for cache busting; `None` without one.
    pub fn logo_path(&self) -> Option<String> {
        self.logo_version
            .as_ref()
            .map(|v| format!("/clients/{}/logo?v={v}", self.client_id))
    }
}
