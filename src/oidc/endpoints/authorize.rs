//! OIDC Core §3.1.2: the authorization endpoint (GET and POST).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;

use crate::authn::SESSION_COOKIE;
use crate::authn::devices::DEVICE_COOKIE;
use crate::http::params::QueryOrForm;
use crate::oidc::authorize::{self, AuthorizeError};
use crate::oidc::{OAuthError, Provider};
use crate::web::lang::Lang;
use crate::web::{outcome, pages};

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
    let device = jar
        .get(&p.config.cookie_name(DEVICE_COOKIE))
        .map(|c| c.value().to_owned());
    match authorize::authorize(&p, params, session.as_deref(), device.as_deref()).await {
        // The request cannot go back to the client; the error page links its home page, which
        // the operator registered (never anything the request says).
        Err(AuthorizeError::Page(e)) => {
            let client = match client_id {
                Some(id) => p.store.clients().client(&id).await.ok().flatten(),
                None => None,
            };
            outcome::page_error(&t, &e, client.as_ref().map(pages::ClientFace::from))
        }
        outcome => outcome::respond(&p, &t, jar, outcome),
    }
}
