//! The token endpoint's grant types (RFC 6749 §4), one file each.

pub mod authorization_code;
pub mod client_credentials;
pub mod refresh_token;

use super::authorize::Params;
use super::tokens::TokenResponse;
use super::{OAuthError, Provider};
use crate::domain::{Client, GrantType};

/// RFC 6749 §5.1: dispatches on `grant_type` for an authenticated client.
pub async fn exchange(p: &Provider, client: &Client, params: &Params) -> Result<TokenResponse, OAuthError> {
    let grant_type =
        param(params, "grant_type")?.ok_or_else(|| OAuthError::invalid_request("grant_type is missing"))?;
    let g = GrantType::parse(grant_type).ok_or_else(|| {
        OAuthError::UnsupportedGrantType(format!("grant_type {grant_type} is not supported").into())
    })?;
    if !client.allows_grant(g) {
        return Err(OAuthError::UnauthorizedClient(
            format!("the client may not use the {grant_type} grant").into(),
        ));
    }
    match g {
        GrantType::AuthorizationCode => authorization_code::exchange(p, client, params).await,
        GrantType::RefreshToken => refresh_token::exchange(p, client, params).await,
        GrantType::ClientCredentials => client_credentials::exchange(p, client, params).await,
    }
}

/// A single-valued parameter; repeats are `invalid_request` (RFC 6749 §3.2).
pub fn param<'a>(params: &'a Params, name: &'static str) -> Result<Option<&'a str>, OAuthError> {
    params
        .get(name)
        .map_err(|d| OAuthError::invalid_request(format!("{} is repeated", d.0)))
}
