//! The hosted login page: e-mail and password, then back to the authorization request.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::pages::{self, LoginPage};
use crate::authn::{ACR_PASSWORD, Authenticator, LoginError, SESSION_COOKIE};
use crate::crypto::secrets::ct_eq;
use crate::domain::{Interaction, LoginResult};
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::http::security::csp_with_form_targets;
use crate::oidc::authorize::{self, interaction};
use crate::oidc::endpoints::authorize::respond;
use crate::oidc::{OAuthError, Provider};

/// The one message for every failed login: it must not tell which part was wrong.
pub const INVALID_CREDENTIALS: &str = "The email address or password is incorrect.";

#[derive(Deserialize)]
pub struct InteractionQuery {
    #[serde(default)]
    interaction: String,
}

impl InteractionQuery {
    pub fn interaction(&self) -> &str {
        &self.interaction
    }
}

/// Loads the interaction named by `id` if this browser holds its binding cookie.
pub async fn bound_interaction(
    p: &Provider,
    jar: &CookieJar,
    id: &str,
) -> Result<Option<Interaction>, Response> {
    let binding = jar
        .get(&interaction::binding_cookie_name(id))
        .map(|c| c.value().to_owned());
    match interaction::load(p, id, binding.as_deref()).await {
        Ok(i) => Ok(i),
        Err(e) => Err(pages::error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Please try again",
            &e,
        )),
    }
}

/// A page of an interaction may post to us and then be redirected to the client.
pub fn interaction_csp(res: Response, i: &Interaction) -> Response {
    pages::with_csp(
        res,
        &csp_with_form_targets(std::slice::from_ref(&i.request.redirect_uri)),
    )
}

async fn render(p: &Provider, i: &Interaction, username: String, error: Option<&'static str>) -> Response {
    let client_name = match p.store.client(&i.request.client_id).await {
        Ok(Some(c)) => c.name,
        _ => String::new(),
    };
    let page = LoginPage::new(i.id.clone(), i.csrf.clone(), client_name, username, error);
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    interaction_csp((status, page).into_response(), i)
}

pub async fn get_login(
    State(p): State<Provider>,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    match bound_interaction(&p, &jar, q.interaction()).await {
        Ok(Some(i)) => {
            let hint = i
                .request
                .login_hint
                .clone()
                .filter(|h| h.contains('@'))
                .unwrap_or_default();
            render(&p, &i, hint, None).await
        }
        Ok(None) => pages::expired_page(),
        Err(r) => r,
    }
}

pub async fn post_login(
    State(p): State<Provider>,
    State(authn): State<Authenticator>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    form: Result<Form, OAuthError>,
) -> Response {
    let Ok(Form(params)) = form else {
        return pages::expired_page();
    };
    let field = |n: &'static str| params.get(n).ok().flatten().unwrap_or("").to_owned();
    let i = match bound_interaction(&p, &jar, &field("interaction")).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(),
        Err(r) => return r,
    };
    if !ct_eq(&field("csrf"), &i.csrf) {
        return pages::expired_page();
    }
    let username = field("username");
    let user = match authn.password_login(&username, &field("password")).await {
        Ok(u) => u,
        Err(LoginError::InvalidCredentials) => {
            tracing::info!(outcome = "failure", "password login failed");
            return render(&p, &i, username, Some(INVALID_CREDENTIALS)).await;
        }
        Err(e) => {
            tracing::error!(error = %e, "password login could not be checked");
            return pages::error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Please try again",
                &OAuthError::ServerError,
            );
        }
    };
    // A new login replaces whatever session this browser had (no session fixation).
    if let Some(old) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())
        && let Ok(Some(s)) = p.sessions.current(Some(&old)).await
    {
        let _ = p.sessions.end(&s.id).await;
    }
    let amr = vec!["pwd".to_owned()];
    let (session, token) = match p
        .sessions
        .create(&user.id, ACR_PASSWORD, amr.clone(), origin)
        .await
    {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "could not create a session");
            return pages::error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Please try again",
                &OAuthError::ServerError,
            );
        }
    };
    tracing::info!(outcome = "success", user_id = %user.id, sid = %session.id, "password login");
    let jar = jar.add(session_cookie(&p, token));
    let login = LoginResult {
        user_id: user.id,
        session_id: session.id,
        auth_time: session.auth_time,
        acr: ACR_PASSWORD.to_owned(),
        amr,
    };
    let outcome = authorize::resume_after_login(&p, i, login).await;
    respond(&p, jar, outcome)
}

/// The SSO session cookie: HttpOnly, SameSite=Lax, Secure on https; a browser-session cookie
/// (the server enforces idle and absolute lifetimes).
pub fn session_cookie(p: &Provider, token: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Lax)
        .build()
}
