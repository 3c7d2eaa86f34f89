//! WebAuthn at sign-in: a passkey alone (the login page's button and autofill), or a passkey or
//! security key as the second factor. The page's script asks for a ceremony's options here as
//! JSON, then posts the browser's answer in the page's form.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::flow::{self, InteractionForm, field};
use super::login::render;
use crate::authn::{Accounts, AuthnError};
use crate::http::origin::ClientOrigin;
use crate::oidc::Provider;
use crate::web::problems::Problems;

/// A ceremony's options for the script, or why there are none.
pub fn options(result: Result<(Value, String), AuthnError>) -> Response {
    match result {
        Ok((options, ceremony)) => Json(json!({ "options": options, "ceremony": ceremony })).into_response(),
        Err(AuthnError::RateLimited(l)) => {
            let mut res = (
                StatusCode::TOO_MANY_REQUESTS,
                Json(json!({ "error": "too_many_requests" })),
            )
                .into_response();
            if let Ok(v) = axum::http::HeaderValue::from_str(&l.retry_after.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            res
        }
        Err(AuthnError::Invalid(_) | AuthnError::InvalidCode) => {
            (StatusCode::BAD_REQUEST, Json(json!({ "error": "unavailable" }))).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "a WebAuthn ceremony could not start");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "error": "temporarily_unavailable" })),
            )
                .into_response()
        }
    }
}

/// The browser's answer, as posted in the form.
pub fn credential(params: &crate::domain::Params) -> Value {
    serde_json::from_str(&field(params, "credential")).unwrap_or(Value::Null)
}

/// `POST /login/passkey/options`: a discoverable ceremony for the button or autofill.
pub async fn post_passkey_options(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(..): InteractionForm,
) -> Response {
    options(accounts.begin_passkey_login(&origin).await)
}

/// `POST /login/passkey`: the passkey's answer; the user it names is signed in with it.
pub async fn post_passkey(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let result = accounts
        .passkey_login(&field(&params, "ceremony"), &credential(&params), &origin)
        .await;
    match result {
        Ok((user, method)) => flow::proved(&p, &t, &accounts, jar, i, &user, method, origin).await,
        Err(AuthnError::InvalidCredentials) => {
            let problems = Problems::one(&t, "", "login-passkey-failed");
            render(&p, t, &i, String::new(), StatusCode::UNAUTHORIZED, problems, None).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// `POST /login/factor/webauthn/options`: the user's keys, as the second factor.
pub async fn post_factor_options(
    State(accounts): State<Accounts>,
    InteractionForm(_, i, _, _): InteractionForm,
) -> Response {
    match i.authentication.as_ref() {
        Some(a) => options(accounts.begin_webauthn_factor(&a.user_id).await),
        None => options(Err(AuthnError::InvalidCode)),
    }
}
