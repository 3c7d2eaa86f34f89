//! RFC 7591 §3 (`POST /connect/register`) and RFC 7592 §2 (`GET`, `PUT`, `DELETE
//! /connect/register/{client_id}`): client registration and its management, with the bearer token of
//! each (an initial access token, a registration access token).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::no_store;
use crate::authn::RateLimitError;
use crate::config::RateLimited;
use crate::domain::Client;
use crate::http::origin::ClientOrigin;
use crate::manage::registration::{ClientMetadata, Registered, RegistrationError, Registrations};
use crate::oidc::{OAuthError, Provider, paths};

fn service(p: &Provider) -> Registrations {
    Registrations::new(
        &p.store,
        p.master.clone(),
        p.config.registration.clone(),
        p.clock.clone(),
    )
}

pub async fn post_register(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = bearer(&headers);
    // Open registration is counted per IP like sign-ups; a token's holder was vetted.
    if token.is_none()
        && let Err(e) = p.limits.check(RateLimited::Signup, &origin, None).await
    {
        return match e {
            RateLimitError::Limited(l) => {
                let mut r = OAuthError::TemporarilyUnavailable.into_response();
                *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(l.retry_after));
                r
            }
            RateLimitError::Cache(_) => OAuthError::TemporarilyUnavailable.into_response(),
        };
    }
    let meta = match metadata(&body) {
        Ok(m) => m,
        Err(e) => return e.into_response(),
    };
    match service(&p).register(meta, token.as_deref()).await {
        Ok(r) => answer(&p, StatusCode::CREATED, &r),
        Err(e) => refusal(e),
    }
}

pub async fn get_registration(
    State(p): State<Provider>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match managed(&p, &client_id, &headers).await {
        Ok(client) => answer(
            &p,
            StatusCode::OK,
            &Registered {
                client,
                client_secret: None,
                registration_access_token: None,
            },
        ),
        Err(e) => refusal(e),
    }
}

pub async fn put_registration(
    State(p): State<Provider>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let client = match managed(&p, &client_id, &headers).await {
        Ok(c) => c,
        Err(e) => return refusal(e),
    };
    let meta = match metadata(&body) {
        Ok(m) => m,
        Err(e) => return e.into_response(),
    };
    match service(&p).replace(&client, meta).await {
        Ok(r) => answer(&p, StatusCode::OK, &r),
        Err(e) => refusal(e),
    }
}

pub async fn delete_registration(
    State(p): State<Provider>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let client = match managed(&p, &client_id, &headers).await {
        Ok(c) => c,
        Err(e) => return refusal(e),
    };
    match service(&p).delete(&client).await {
        Ok(()) => no_store(StatusCode::NO_CONTENT.into_response()),
        Err(e) => refusal(e),
    }
}

async fn managed(p: &Provider, client_id: &str, headers: &HeaderMap) -> Result<Client, RegistrationError> {
    let token = bearer(headers).ok_or(RegistrationError::InvalidToken)?;
    service(p).authenticate(client_id, &token).await
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim().to_owned())
}

/// RFC 7591 §3.1: the body is a JSON object.
fn metadata(body: &Bytes) -> Result<ClientMetadata, OAuthError> {
    serde_json::from_slice(body)
        .map_err(|e| OAuthError::invalid_client_metadata(format!("the body is not client metadata: {e}")))
}

fn refusal(e: RegistrationError) -> Response {
    match e {
        RegistrationError::InvalidRedirectUri(m) => OAuthError::InvalidRedirectUri(m.into()).into_response(),
        RegistrationError::InvalidClientMetadata(m) => OAuthError::invalid_client_metadata(m).into_response(),
        // RFC 6750 §3.1 (RFC 7592 §2: a bad registration access token).
        RegistrationError::InvalidToken => {
            let mut r = OAuthError::invalid_token("the access token is not valid for this registration")
                .into_response();
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
            r
        }
        RegistrationError::AccessDenied(m) => {
            let mut r = OAuthError::AccessDenied(m.into()).into_response();
            *r.status_mut() = StatusCode::FORBIDDEN;
            r
        }
        RegistrationError::Store(e) => {
            tracing::error!(error = %e, "registration: the store failed");
            OAuthError::TemporarilyUnavailable.into_response()
        }
    }
}

/// RFC 7591 §3.2.1 / RFC 7592 §3: the client's metadata with what was made now.
fn answer(p: &Provider, status: StatusCode, r: &Registered) -> Response {
    let c = &r.client;
    let mut body = json!({
        "client_id": c.client_id,
        "client_id_issued_at": c.created_at,
        "client_name": c.name,
        "redirect_uris": c.redirect_uris,
        "post_logout_redirect_uris": c.post_logout_redirect_uris,
        "grant_types": c.grant_types.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        "response_types": if c.allows_grant(crate::domain::GrantType::AuthorizationCode) { vec!["code"] } else { vec![] },
        "token_endpoint_auth_method": c.auth_method.as_str(),
        "scope": c.scope.to_string(),
        "registration_client_uri": format!("{}{}/{}", p.issuer(), paths::REGISTRATION, c.client_id),
    });
    let optional = [
        ("client_uri", &c.client_uri),
        ("logo_uri", &c.links.logo_uri),
        ("policy_uri", &c.links.policy_uri),
        ("tos_uri", &c.links.tos_uri),
        ("jwks_uri", &c.jwks_uri),
        ("client_secret", &r.client_secret),
        ("registration_access_token", &r.registration_access_token),
    ];
    for (name, value) in optional {
        if let Some(v) = value {
            body[name] = json!(v);
        }
    }
    if let Some(jwks) = c
        .jwks
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
    {
        body["jwks"] = jwks;
    }
    if c.secret_hash.is_some() {
        // §3.2.1: required with a secret; 0 is "does not expire".
        body["client_secret_expires_at"] = json!(0);
    }
    no_store((status, axum::Json(body)).into_response())
}
