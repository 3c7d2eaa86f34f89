//! The hosted pages: login, consent, logout and error pages, with CSRF protection.
//!
//! Every form carries a CSRF token: interaction pages use the interaction's own token (and the
//! interaction is bound to the browser by a cookie), the logout page one derived from the
//! session cookie.

pub mod consent;
pub mod login;
pub mod pages;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::get;

use crate::authn::Authenticator;
use crate::oidc::Provider;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Provider: FromRef<S>,
    Authenticator: FromRef<S>,
{
    Router::new()
        .route("/login", get(login::get_login).post(login::post_login))
        .route("/consent", get(consent::get_consent).post(consent::post_consent))
}
