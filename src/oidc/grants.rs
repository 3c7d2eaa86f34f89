//! The token endpoint's grant types (RFC 6749 §4), one file each.

pub mod authorization_code;
pub mod client_credentials;
pub mod refresh_token;

use super::authorize::Params;
use super::claims;
use super::tokens::{self, AccessTokenSubject, IdTokenInput, IssuedAccessToken, RoleClaims, TokenResponse};
use super::{OAuthError, Provider};
use crate::domain::rbac::token_role_names;
use crate::domain::{Client, GrantType};
use crate::domain::{Scope, User};
use crate::store::Grant;
use crate::store::grants::AccessTokenRow;

/// RFC 6749 §5.1: dispatches on `grant_type` for an authenticated client.
pub async fn exchange(p: &Provider, client: &Client, params: &Params) -> Result<TokenResponse, OAuthError> {
    let grant_type = params
        .single("grant_type")?
        .ok_or_else(|| OAuthError::invalid_request("grant_type is missing"))?;
    let g = GrantType::parse(grant_type).ok_or_else(|| {
        OAuthError::UnsupportedGrantType(format!("grant_type {grant_type} is not supported").into())
    })?;
    if !client.allows_grant(g) {
        return Err(OAuthError::UnauthorizedClient(
            format!("the client may not use the {grant_type} grant").into(),
        ));
    }
    // RFC 8707: judged before any grant is used up, so a wrong resource burns no code and
    // rotates no refresh token.
    let audience = super::resource::audience(p.issuer(), client, params)?;
    let audience = audience.as_deref();
    match g {
        GrantType::AuthorizationCode => authorization_code::exchange(p, client, params, audience).await,
        GrantType::RefreshToken => refresh_token::exchange(p, client, params, audience).await,
        GrantType::ClientCredentials => client_credentials::exchange(p, client, params, audience).await,
    }
}

/// The ID token of a token response, when `openid` is in `scope` (OIDC Core §3.1.3.3): the
/// authentication recorded in the grant; `nonce` only on the code exchange (OIDC Core §12.2).
fn id_token(
    p: &Provider,
    user: &User,
    grant: &Grant,
    scope: &Scope,
    roles: Option<&RoleClaims>,
    nonce: Option<&str>,
    access_token: &str,
) -> Result<Option<String>, OAuthError> {
    if !scope.contains("openid") {
        return Ok(None);
    }
    let claims_request = grant.claims.as_deref().and_then(|s| serde_json::from_str(s).ok());
    let mut extra = claims::id_token_extra(user, claims_request.as_ref());
    if let Some(r) = roles {
        claims::put_roles(&mut extra, r);
    }
    let input = IdTokenInput {
        sub: &user.id,
        client_id: &grant.client_id,
        nonce,
        auth_time: grant.auth_time,
        acr: &grant.acr,
        amr: &grant.amr,
        sid: &grant.session_id,
        access_token: Some(access_token),
        extra,
    };
    tokens::issue_id_token(p, input).map(Some)
}

/// The access token of a user's grant (the code and refresh grants): it carries how the user
/// authenticated, as the grant recorded it (RFC 9068 §2.2).
fn access_token(
    p: &Provider,
    client: &Client,
    grant: &Grant,
    scope: &Scope,
    roles: Option<&RoleClaims>,
    audience: Option<&str>,
) -> Result<IssuedAccessToken, OAuthError> {
    let subject = AccessTokenSubject {
        sub: &grant.user_id,
        auth_time: Some(grant.auth_time),
        acr: Some(&grant.acr),
        sid: Some(&grant.session_id),
        roles,
    };
    tokens::issue_access_token(p, &client.client_id, subject, scope, audience)
}

/// The record of an issued access token, so that revoking its grant revokes it.
fn access_token_row<'a>(at: &'a IssuedAccessToken, client: &'a Client) -> AccessTokenRow<'a> {
    AccessTokenRow {
        jti: &at.claims.jti,
        client_id: &client.client_id,
        expires_at: at.claims.exp,
    }
}

/// RFC 6749 §5.1 for a user's grant, once what it issued is stored: the access token, the ID
/// token when `openid` was granted, and the refresh token when there is one.
#[allow(clippy::too_many_arguments)]
fn user_tokens(
    p: &Provider,
    user: User,
    grant: &Grant,
    scope: &Scope,
    roles: Option<&RoleClaims>,
    nonce: Option<&str>,
    at: IssuedAccessToken,
    refresh_token: Option<String>,
) -> Result<TokenResponse, OAuthError> {
    let id_token = id_token(p, &user, grant, scope, roles, nonce, &at.token)?;
    Ok(TokenResponse {
        access_token: at.token,
        token_type: "Bearer",
        expires_in: p.config.access_token_ttl,
        scope: scope.to_string(),
        refresh_token,
        id_token,
        subject: Some(user.id),
    })
}

/// With the `roles` scope, the roles and groups the user holds now (role and group changes
/// reach tokens at their next issuance): global roles and `client_id`'s own, by name.
pub(super) async fn role_claims(
    p: &Provider,
    user_id: &str,
    client_id: &str,
    scope: &Scope,
) -> Result<Option<RoleClaims>, OAuthError> {
    if !scope.contains("roles") {
        return Ok(None);
    }
    let reader = p.store.roles().reader();
    let roles = reader.user_roles(user_id).await?;
    let groups = reader.user_groups(user_id).await?;
    Ok(Some(RoleClaims {
        roles: token_role_names(&roles, client_id),
        groups: groups.into_iter().map(|g| g.name).collect(),
    }))
}
