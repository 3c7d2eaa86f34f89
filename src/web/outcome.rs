//! The protocol's decision about an authorization request, as HTTP: a response to the client
//! in its response mode, a hosted page to go to (with the interaction's binding cookie), or an
//! error page. The authorization endpoint and the hosted pages that resume interactions share it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::pages;
use crate::authn::interactions::binding_cookie_name;
use crate::domain::{OAuthError, ResponseMode};
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::oidc::authorize::{AuthorizationResponse, AuthorizeError, Outcome, Step};

/// An error page for a request that cannot go back to its client; `client` gives its way on.
pub fn page_error(t: &Tr, e: &OAuthError, client: Option<pages::ClientFace>) -> Response {
    let status = if *e == OAuthError::ServerError {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    pages::error_page_for(t, status, &t.t("error-authorize-title"), e, client)
}

/// Turns the protocol's decision into HTTP: a response to the client, a hosted page, or an
/// error page. Shared with the hosted pages, which resume interactions.
pub fn respond(p: &Provider, t: &Tr, jar: CookieJar, outcome: Result<Outcome, AuthorizeError>) -> Response {
    match outcome {
        Ok(Outcome::Respond(r)) | Err(AuthorizeError::Redirect(r)) => (jar, deliver(p, t, r)).into_response(),
        Ok(Outcome::Interact {
            interaction,
            binding,
            step,
        }) => {
            let jar = match binding {
                Some(b) => jar.add(binding_cookie(p, &interaction.id, b)),
                None => jar,
            };
            let page = match step {
                Step::Login => "/login",
                Step::Factor => "/login/factor",
                Step::Enrol => "/login/enrol",
                Step::Consent => "/consent",
                Step::Register => "/register",
            };
            (
                jar,
                Redirect::to(&format!("{page}?interaction={}", interaction.id)),
            )
                .into_response()
        }
        Err(AuthorizeError::Page(e)) => page_error(t, &e, None),
    }
}

/// RFC 6749 §4.1.2 delivered in the request's response mode, with `iss` (RFC 9207).
pub fn deliver(p: &Provider, t: &Tr, r: AuthorizationResponse) -> Response {
    let r = r.with_iss(p.issuer());
    match r.response_mode {
        ResponseMode::FormPost => pages::form_post(t.clone(), r.redirect_uri, r.params),
        ResponseMode::Query | ResponseMode::Fragment => Redirect::to(&r.redirect_url()).into_response(),
    }
}

pub fn binding_cookie(p: &Provider, interaction_id: &str, value: String) -> Cookie<'static> {
    let name = p.config.cookie_name(&binding_cookie_name(interaction_id));
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(p.config.interaction_ttl))
        .build()
}
