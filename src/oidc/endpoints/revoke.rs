//! RFC 7009 §2: the revocation endpoint.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::client_auth::authenticate_client;
use super::no_store;
use crate::audit::Event;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::{OAuthError, Provider, paths, revocation};

pub async fn post_revoke(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    form: Result<Form, OAuthError>,
) -> Response {
    let result = async {
        let Form(params) = form?;
        let client = authenticate_client(&p, &headers, &params, paths::REVOKE).await?;
        let token = params
            .single("token")?
            .ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
        revocation::revoke(&p, &client, token, params.single("token_type_hint")?).await?;
        Ok::<_, OAuthError>(client)
    }
    .await;
    match result {
        Ok(client) => {
            p.audit
                .record(
                    Event::success("token.revoked")
                        .client(&client.client_id)
                        .actor(&format!("client:{}", client.client_id))
                        .origin(&origin),
                )
                .await;
            no_store(StatusCode::OK.into_response())
        }
        Err(e) => e.into_response(),
    }
}
