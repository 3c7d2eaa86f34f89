//! The order in which an authorization request is checked. Read it as a table: each line is one
//! check, in `checks.rs`. Until the redirect_uri is proven an error is shown on a page; after it,
//! errors are sent to the client.

use super::AuthorizeError;
use super::checks;
use super::params::Params;
use crate::domain::{AuthorizationRequest, Client};
use crate::oidc::Provider;

pub async fn validate(
    p: &Provider,
    params: Params,
) -> Result<(Client, AuthorizationRequest), AuthorizeError> {
    // -- errors are shown on an error page --
    let mut r = checks::load_client(p, params).await?;
    checks::check_redirect_uri(&mut r)?;
    // -- from here on, errors go to the proven redirect_uri --
    checks::read_state(&mut r)?;
    checks::check_response_mode(&mut r)?;
    checks::refuse_request_objects(&r)?;
    checks::check_response_type(&r)?;
    checks::check_scope(&mut r)?;
    checks::check_pkce(p, &mut r)?;
    checks::check_prompt(&mut r)?;
    checks::check_max_age(&mut r)?;
    checks::check_id_token_hint(p, &mut r)?;
    checks::check_claims(&mut r)?;
    checks::read_hints(&mut r)?;
    Ok(r.finish())
}
