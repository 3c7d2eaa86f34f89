//! OpenID Connect Discovery 1.0 §3: provider metadata, listing exactly what is supported.

use serde_json::{Value, json};

use super::claims::{CLAIMS_SUPPORTED, MORE_CLAIMS_SUPPORTED, SCOPES_SUPPORTED};
use super::paths;
use crate::config::Config;
use crate::crypto::jws::CLIENT_ASSERTION_ALGS;
use crate::domain::{Level, TokenEndpointAuthMethod};
use crate::mfa::webauthn::RelyingParty;

/// The levels users can reach, lowest first: the phishing-resistant one needs passkeys, which
/// need an issuer WebAuthn can serve (a domain name, not an IP address).
fn acr_values_supported(config: &Config) -> Vec<&'static str> {
    let passkeys = RelyingParty::of_issuer(&config.issuer).is_ok();
    Level::ALL
        .into_iter()
        .filter(|l| *l != Level::PhishingResistant || passkeys)
        .map(Level::acr)
        .collect()
}

pub fn metadata(config: &Config) -> Value {
    let url = |p: &str| config.url(p);
    let auth_methods: Vec<&str> = TokenEndpointAuthMethod::ALL.iter().map(|m| m.as_str()).collect();
    let claims: Vec<&str> = CLAIMS_SUPPORTED
        .iter()
        .chain(MORE_CLAIMS_SUPPORTED.iter())
        .copied()
        .collect();
    let mut prompts = vec!["none", "login", "consent", "select_account"];
    if config.signup_enabled {
        prompts.push("create");
    }
    let mut m = json!({
        "issuer": config.issuer,
        "authorization_endpoint": url(paths::AUTHORIZE),
        "token_endpoint": url(paths::TOKEN),
        "userinfo_endpoint": url(paths::USERINFO),
        "jwks_uri": url(paths::JWKS),
        "introspection_endpoint": url(paths::INTROSPECT),
        "revocation_endpoint": url(paths::REVOKE),
        "end_session_endpoint": url(paths::END_SESSION),
        "scopes_supported": SCOPES_SUPPORTED,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "token_endpoint_auth_signing_alg_values_supported": CLIENT_ASSERTION_ALGS,
        "introspection_endpoint_auth_methods_supported": auth_methods[..3],
        "introspection_endpoint_auth_signing_alg_values_supported": CLIENT_ASSERTION_ALGS,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_signing_alg_values_supported": CLIENT_ASSERTION_ALGS,
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": claims,
        "claim_types_supported": ["normal"],
        "claims_parameter_supported": true,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "require_request_uri_registration": false,
        "prompt_values_supported": prompts,
        "acr_values_supported": acr_values_supported(config),
        "display_values_supported": ["page"],
        "ui_locales_supported": crate::i18n::Catalog::tags(),
        "claims_locales_supported": ["en"],
        "authorization_response_iss_parameter_supported": true,
        "frontchannel_logout_supported": false,
        "backchannel_logout_supported": false,
    });
    if config.registration.mode != crate::config::RegistrationMode::Off {
        m["registration_endpoint"] = url(paths::REGISTRATION).into();
    }
    m
}
