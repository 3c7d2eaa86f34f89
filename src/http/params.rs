//! Request parameters from the query string or a form body, kept as ordered pairs so repeated
//! parameters can be refused (RFC 6749 §3.1). A malformed body is our error, never axum's text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{Method, header};

use crate::domain::{OAuthError, Params};

/// Largest accepted form body: far above any legitimate OAuth request.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn parse_pairs(raw: &[u8]) -> Result<Vec<(String, String)>, OAuthError> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(raw).map_err(|_| {
        OAuthError::invalid_request("the parameters are not valid application/x-www-form-urlencoded")
    })
}

/// Query parameters for GET, form body for POST (the authorization and end-session endpoints
/// accept both, OIDC Core §3.1.2.1).
pub struct QueryOrForm(pub Params);

/// A form body only (token, introspection, revocation endpoints).
pub struct Form(pub Params);

async fn form_body<S: Send + Sync>(req: Request, state: &S) -> Result<Params, OAuthError> {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
        });
    if !is_form {
        return Err(OAuthError::invalid_request(
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    let body = Bytes::from_request(req, state)
        .await
        .map_err(|_| OAuthError::invalid_request("the request body could not be read"))?;
    if body.len() > MAX_FORM_BYTES {
        return Err(OAuthError::invalid_request("the request body is too large"));
    }
    Ok(Params::new(parse_pairs(&body)?))
}

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = OAuthError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Form(form_body(req, state).await?))
    }
}

impl<S: Send + Sync> FromRequest<S> for QueryOrForm {
    type Rejection = OAuthError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if req.method() == Method::POST {
            return Ok(QueryOrForm(form_body(req, state).await?));
        }
        let q = req.uri().query().unwrap_or("");
        Ok(QueryOrForm(Params::new(parse_pairs(q.as_bytes())?)))
    }
}
