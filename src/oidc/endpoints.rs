//! Thin axum handlers of the protocol endpoints: parse, call the protocol, shape the answer.

pub mod authorize;
pub mod client_auth;
pub mod client_logo;
pub mod discovery;
pub mod end_session;
pub mod introspect;
pub mod registration;
pub mod revoke;
pub mod token;
pub mod userinfo;

use axum::Router;
use axum::extract::FromRef;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::cors::{Any, CorsLayer};

use super::{OAuthError, Provider, paths};

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Provider: FromRef<S>,
{
    // Browser-based relying parties (public clients) call these from their own origin. No
    // cookies are involved, so any origin may.
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(3600));
    let cross_origin = Router::new()
        .route(paths::DISCOVERY, get(discovery::get_discovery))
        .route(paths::JWKS, get(discovery::get_jwks))
        .route(paths::TOKEN, post(token::post_token))
        .route(paths::USERINFO, get(userinfo::userinfo).post(userinfo::userinfo))
        .route(paths::REVOKE, post(revoke::post_revoke))
        .layer(cors);
    Router::new()
        .merge(cross_origin)
        .route(
            paths::AUTHORIZE,
            get(authorize::authorize).post(authorize::authorize),
        )
        .route(paths::INTROSPECT, post(introspect::post_introspect))
        .route(
            paths::END_SESSION,
            get(end_session::end_session).post(end_session::end_session),
        )
        .route("/end_session/confirm", post(end_session::post_confirm))
        .route(paths::CLIENT_LOGO, get(client_logo::get_client_logo))
        .route(paths::REGISTRATION, post(registration::post_register))
        .route(
            "/connect/register/{client_id}",
            get(registration::get_registration)
                .put(registration::put_registration)
                .delete(registration::delete_registration),
        )
}

/// RFC 6749 §5.2 JSON error body. Used by the token, introspection and revocation endpoints.
impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut body = serde_json::Map::new();
        body.insert("error".into(), self.code().into());
        if let Some(d) = self.description() {
            body.insert("error_description".into(), d.into());
        }
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let mut res = (status, axum::Json(body)).into_response();
        if matches!(self, OAuthError::InvalidClient(_)) {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"portcullis\""),
            );
        }
        no_store(res)
    }
}

/// RFC 6749 §5.1: token responses must not be cached.
pub fn no_store(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    res
}
