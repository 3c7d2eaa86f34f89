//! OpenID Connect RP-Initiated Logout 1.0 §2: the end-session endpoint and its confirmation.

use crate::http::origin::ClientOrigin;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;

use crate::authn::SESSION_COOKIE;
use crate::crypto::secrets::{ct_eq, hmac_hex};
use crate::http::params::{Form, QueryOrForm};
use crate::http::security::csp_with_form_targets;
use crate::i18n::Tr;
use crate::oidc::end_session::{self, Decision, LogoutRequest};
use crate::oidc::{OAuthError, Provider};
use crate::web::lang::Lang;
use crate::web::pages::{self, ClientFace, LogoutConfirmPage};

pub async fn end_session(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    jar: CookieJar,
    params: Result<QueryOrForm, OAuthError>,
) -> Response {
    let result = async {
        let QueryOrForm(params) = params?;
        let req = end_session::validate(&p, &params).await?;
        let cookie = jar
            .get(&p.config.cookie_name(SESSION_COOKIE))
            .map(|c| c.value().to_owned());
        let session = p.sessions.current(cookie.as_deref()).await?;
        Ok::<_, OAuthError>((req, session, cookie))
    }
    .await;
    let t = lang.tr();
    let (req, session, cookie) = match result {
        Ok(r) => r,
        Err(e) => return error(&t, &e),
    };
    match (end_session::decide(req, session.as_ref()), cookie) {
        (Decision::LogOut(req), _) => log_out(&p, &t, jar, session.as_ref(), &req, &origin).await,
        // Nothing to sign out of: finish as if signed out.
        (Decision::Confirm(req), _) if session.is_none() => log_out(&p, &t, jar, None, &req, &origin).await,
        (Decision::Confirm(req), Some(cookie)) => {
            let targets: Vec<String> = req.post_logout_redirect_uri.iter().cloned().collect();
            let page = LogoutConfirmPage::new(
                t,
                logout_csrf(&p, &cookie),
                req.client.as_ref().map(ClientFace::from),
                req.client.as_ref().map(|c| c.client_id.clone()),
                req.post_logout_redirect_uri.clone(),
                req.state.clone(),
            );
            pages::with_csp(page.into_response(), &csp_with_form_targets(&targets))
        }
        (Decision::Confirm(req), None) => log_out(&p, &t, jar, None, &req, &origin).await,
    }
}

/// The confirmation form's POST: checks CSRF, then signs out.
pub async fn post_confirm(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    jar: CookieJar,
    form: Result<Form, OAuthError>,
) -> Response {
    let result = async {
        let Form(params) = form?;
        let req = end_session::validate(&p, &params).await?;
        let cookie = jar
            .get(&p.config.cookie_name(SESSION_COOKIE))
            .map(|c| c.value().to_owned());
        let csrf = params.get("csrf").ok().flatten().unwrap_or("");
        let valid = cookie
            .as_deref()
            .is_some_and(|c| ct_eq(csrf, &logout_csrf(&p, c)));
        if !valid {
            return Err(OAuthError::invalid_request(
                "the sign-out form expired; please try again",
            ));
        }
        let session = p.sessions.current(cookie.as_deref()).await?;
        Ok((req, session))
    }
    .await;
    let t = lang.tr();
    match result {
        Ok((req, session)) => log_out(&p, &t, jar, session.as_ref(), &req, &origin).await,
        Err(e) => error(&t, &e),
    }
}

async fn log_out(
    p: &Provider,
    t: &Tr,
    jar: CookieJar,
    session: Option<&crate::store::Session>,
    req: &LogoutRequest,
    origin: &crate::domain::Origin,
) -> Response {
    if let Err(e) = end_session::log_out(p, session, origin).await {
        return error(t, &e);
    }
    // With the attributes it was set with: a `__Host-` cookie is removed only by a Secure one.
    let jar = jar.remove(
        Cookie::build(p.config.cookie_name(SESSION_COOKIE))
            .path("/")
            .secure(p.config.is_https()),
    );
    match req.redirect_url() {
        Some(url) => (jar, Redirect::to(&url)).into_response(),
        None => {
            let client = req.client.as_ref().map(ClientFace::from);
            (jar, pages::logged_out(t.clone(), client)).into_response()
        }
    }
}

/// CSRF token of the logout form, bound to the browser's session cookie.
fn logout_csrf(p: &Provider, session_cookie: &str) -> String {
    hmac_hex(
        p.master.secret_hash_key(),
        format!("logout-csrf:{session_cookie}").as_bytes(),
    )
}

fn error(t: &Tr, e: &OAuthError) -> Response {
    let status = if *e == OAuthError::ServerError {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    pages::error_page(t, status, &t.t("error-logout-title"), e)
}
