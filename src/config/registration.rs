//! `[registration]`: dynamic client registration (RFC 7591) and the policy every registered
//! client must meet, whether it came with an initial access token or by open registration.

use serde::Deserialize;

use super::{ConfigError, bad};
use crate::domain::{GrantType, TokenEndpointAuthMethod};

/// From the environment: `PORTCULLIS_REGISTRATION__MODE=open`.
#[derive(Debug, Default, Deserialize)]
pub struct RegistrationFile {
    /// `off`, `token` (an initial access token is needed; the default) or `open`.
    pub mode: Option<String>,
    /// Space- or comma-separated.
    pub redirect_schemes: Option<String>,
    pub redirect_hosts: Option<String>,
    pub grant_types: Option<String>,
    pub scopes: Option<String>,
    pub auth_methods: Option<String>,
    pub max_clients: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationMode {
    Off,
    /// With an initial access token an administrator issued.
    Token,
    /// Anyone may register, under the policy.
    Open,
}

/// What a registered client may ask for.
#[derive(Debug, Clone)]
pub struct Registration {
    pub mode: RegistrationMode,
    /// Redirect URI schemes (`https`; `http` is for loopback addresses only, RFC 8252 §7.3, and
    /// a private-use scheme such as `com.example.app` for native apps).
    pub redirect_schemes: Vec<String>,
    /// Hosts redirect URIs may name; any when empty (loopback addresses are always allowed).
    pub redirect_hosts: Vec<String>,
    pub grant_types: Vec<GrantType>,
    pub scopes: Vec<String>,
    pub auth_methods: Vec<TokenEndpointAuthMethod>,
    /// The most clients that may have registered themselves.
    pub max_clients: i64,
}

fn words(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Registration {
    pub(super) fn from_file(f: RegistrationFile) -> Result<Registration, ConfigError> {
        let mode = match f.mode.as_deref().unwrap_or("token") {
            "off" => RegistrationMode::Off,
            "token" => RegistrationMode::Token,
            "open" => RegistrationMode::Open,
            other => {
                return Err(bad(
                    "registration.mode",
                    format!("{other:?} is off, token or open"),
                ));
            }
        };
        let grant_types = words(
            f.grant_types
                .as_deref()
                .unwrap_or("authorization_code refresh_token"),
        )
        .iter()
        .map(|g| {
            GrantType::parse(g)
                .ok_or_else(|| bad("registration.grant_types", format!("{g:?} is not a grant type")))
        })
        .collect::<Result<_, _>>()?;
        let auth_methods = words(
            f.auth_methods
                .as_deref()
                .unwrap_or("client_secret_basic client_secret_post private_key_jwt none"),
        )
        .iter()
        .map(|m| {
            TokenEndpointAuthMethod::parse(m).ok_or_else(|| {
                bad(
                    "registration.auth_methods",
                    format!("{m:?} is not an auth method"),
                )
            })
        })
        .collect::<Result<_, _>>()?;
        let max_clients = f.max_clients.unwrap_or(1000);
        if max_clients < 0 {
            return Err(bad("registration.max_clients", "must not be negative"));
        }
        Ok(Registration {
            mode,
            redirect_schemes: words(f.redirect_schemes.as_deref().unwrap_or("https http")),
            redirect_hosts: words(f.redirect_hosts.as_deref().unwrap_or("")),
            grant_types,
            scopes: words(
                f.scopes
                    .as_deref()
                    .unwrap_or("openid profile email phone address offline_access"),
            ),
            auth_methods,
            max_clients,
        })
    }
}
