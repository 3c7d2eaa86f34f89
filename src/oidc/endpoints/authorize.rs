//! OIDC Core §3.1.2: the authorization endpoint (GET and POST).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::authn::SESSION_COOKIE;
use crate::domain::ResponseMode;
use crate::http::params::QueryOrForm;
use crate::i18n::Tr;
use crate::login_ui::lang::Lang;
use crate::login_ui::pages;
use crate::oidc::authorize::{self, AuthorizationResponse, AuthorizeError, Outcome, Step, interaction};
use crate::oidc::{OAuthError, Provider};

pub async fn authorize(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    params: Result<QueryOrForm, OAuthError>,
) -> Response {
    let QueryOrForm(params) = match params {
        Ok(p) => p,
        Err(e) => {
            let t = lang.tr();
            return pages::error_page(
                &t,
                StatusCode::BAD_REQUEST,
                &t.t("error-invalid-request-title"),
                &e,
            );
        }
    };
    let t = lang.with_ui_locales(params.get("ui_locales").ok().flatten());
    let session = jar
        .get(&p.config.cookie_name(SESSION_COOKIE))
        .map(|c| c.value().to_owned());
    let client_id = params.get("client_id").ok().flatten().map(str::to_owned);
    match authorize::authorize(&p, params, session.as_deref()).await {
        // The request cannot go back to the client; the error page links its home page, which
        // the operator registered (never anything the request says).
        Err(AuthorizeError::Page(e)) => {
            let client = match client_id {
                Some(id) => p.store.client(&id).await.ok().flatten(),
                None => None,
            };
            page_error(&t, &e, client.as_ref().map(pages::ClientFace::from))
        }
        outcome => respond(&p, &t, jar, outcome),
    }
}

fn page_error(t: &Tr, e: &OAuthError, client: Option<pages::ClientFace>) -> Response {
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
    let name = p
        .config
        .cookie_name(&interaction::binding_cookie_name(interaction_id));
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(p.config.interaction_ttl))
        .build()
}
