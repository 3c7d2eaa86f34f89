//! The order in which an authorization request is checked. Read it as a table: each line is one
//! check, in `checks.rs`. Until the redirect_uri is proven an error is shown on a page; after it,
//! errors are sent to the client.

use serde_json::{Map, Value};

use super::AuthorizeError;
use super::checks::{self, Checking};
use super::params::Params;
use crate::domain::{AuthorizationRequest, Client};
use crate::oidc::{Provider, tokens};

/// What the checks need from the server besides the request and its client.
pub struct Policy<'a> {
    /// RFC 7636: PKCE for confidential clients too (always required of public ones).
    pub require_pkce: bool,
    /// The claims of an `id_token_hint`, when it is an ID token this issuer signed.
    pub verify_id_token_hint: &'a dyn Fn(&str) -> Option<Map<String, Value>>,
}

/// Loads the client (the only I/O), then runs the checks.
pub async fn validate(
    p: &Provider,
    params: Params,
) -> Result<(Client, AuthorizationRequest), AuthorizeError> {
    let client = checks::load_client(p, &params).await?;
    let verify = |hint: &str| tokens::verify_id_token_hint(p, hint);
    let policy = Policy {
        require_pkce: p.config.require_pkce,
        verify_id_token_hint: &verify,
    };
    check(params, client, &policy)
}

/// The checks of a request whose client is known, in order. Pure: no I/O.
pub fn check(
    params: Params,
    client: Client,
    policy: &Policy<'_>,
) -> Result<(Client, AuthorizationRequest), AuthorizeError> {
    let mut r = Checking::new(params, client);
    // -- errors are shown on an error page --
    checks::check_redirect_uri(&mut r)?;
    // -- from here on, errors go to the proven redirect_uri --
    checks::read_state(&mut r)?;
    checks::check_response_mode(&mut r)?;
    checks::refuse_request_objects(&r)?;
    checks::check_response_type(&r)?;
    checks::check_scope(&mut r)?;
    checks::check_pkce(&mut r, policy.require_pkce)?;
    checks::check_prompt(&mut r)?;
    checks::check_max_age(&mut r)?;
    checks::check_id_token_hint(&mut r, policy.verify_id_token_hint)?;
    checks::check_claims(&mut r)?;
    checks::read_hints(&mut r)?;
    Ok(r.finish())
}

#[cfg(test)]
mod tests;
