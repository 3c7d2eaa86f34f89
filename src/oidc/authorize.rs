//! The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2): validation as a pipeline of
//! small checks (see `pipeline.rs`), then a decision: answer the client now, or hand the user to
//! the hosted pages through an [`Interaction`] and resume it when they are done.

mod checks;
mod decide;
mod params;
mod pipeline;
pub mod policy;
mod respond;

pub use decide::{Outcome, authorize, cancel, consent, pending_step, resume_after_login};
pub use params::{DuplicateParam, Params};
pub use policy::Step;
pub use respond::AuthorizationResponse;

use super::OAuthError;

/// Why an authorization request ended without a code.
#[derive(Debug)]
pub enum AuthorizeError {
    /// The client or redirect_uri is not proven: shown on an error page, never redirected.
    Page(OAuthError),
    /// Sent to the client's redirect_uri (RFC 6749 §4.1.2.1).
    Redirect(AuthorizationResponse),
}

impl From<crate::store::StoreError> for AuthorizeError {
    fn from(e: crate::store::StoreError) -> Self {
        AuthorizeError::Page(e.into())
    }
}

impl From<OAuthError> for AuthorizeError {
    fn from(e: OAuthError) -> Self {
        AuthorizeError::Page(e)
    }
}
