//! `GET /clients/{client_id}/logo`: the logo an operator uploaded for a client
//! (`portcullis client update --logo`), for the pages to show beside the client's name
//! (OIDC Dynamic Client Registration §2 `logo_uri` is where a relying party would host its own).
//!
//! An SVG may hold scripts. Shown through `<img>` it runs nothing; opened directly it is a
//! document of our origin, so it gets a sandboxing policy that lets it run nothing either.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::oidc::Provider;

/// No scripts, no requests, no plugins, no forms; inline styles only (SVGs use them), and a
/// sandbox so a document opened from this URL has an opaque origin.
const LOGO_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/// A day: the pages ask for `?v=<version>`, so a new logo has a new URL and shows at once.
const LOGO_CACHE: &str = "public, max-age=86400";

pub async fn get_client_logo(State(p): State<Provider>, Path(client_id): Path<String>) -> Response {
    match p.store.clients().client_logo(&client_id).await {
        Ok(Some((content_type, body))) => {
            let Ok(content_type) = HeaderValue::from_str(&content_type) else {
                tracing::error!(%client_id, "stored logo has an invalid content type");
                return StatusCode::NOT_FOUND.into_response();
            };
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static(LOGO_CSP),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static(LOGO_CACHE)),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading a client logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
