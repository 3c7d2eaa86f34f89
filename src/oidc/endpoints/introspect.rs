//! RFC 7662 §2: the introspection endpoint, for authenticated (confidential) clients.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::client_auth::authenticate_client;
use super::no_store;
use crate::http::params::Form;
use crate::oidc::{OAuthError, Provider, introspection, paths};

pub async fn post_introspect(
    State(p): State<Provider>,
    headers: HeaderMap,
    form: Result<Form, OAuthError>,
) -> Response {
    let result = async {
        let Form(params) = form?;
        let client = authenticate_client(&p, &headers, &params, paths::INTROSPECT).await?;
        if client.is_public() {
            return Err(OAuthError::invalid_client(
                "public clients may not introspect tokens",
            ));
        }
        let token = params
            .single("token")?
            .ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
        introspection::introspect(&p, &client, token, params.single("token_type_hint")?).await
    }
    .await;
    match result {
        Ok(body) => no_store(Json(body).into_response()),
        Err(e) => e.into_response(),
    }
}
