//! RFC 6749 §3.2: the token endpoint.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::client_auth::{authenticate_client, credentials};
use super::no_store;
use crate::audit::Event;
use crate::authn::RateLimitError;
use crate::config::RateLimited;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::{OAuthError, Provider, grants, paths};

pub async fn post_token(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    headers: HeaderMap,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match form {
        Ok(Form(params)) => params,
        Err(e) => return e.into_response(),
    };
    let grant_type = params.get("grant_type").ok().flatten().unwrap_or("").to_owned();
    let claimed_client = credentials(&headers, &params)
        .ok()
        .and_then(|c| c.basic.map(|(id, _)| id).or(c.client_id));
    // Per IP, every request; and an IP that has failed client authentication too often is
    // refused before trying again. A client's own budget counts only its authenticated
    // requests, so wrong secrets sent under its id by someone else cannot spend it.
    if let Err(refused) = p.limits.check(RateLimited::Token, &origin, None).await {
        return refusal(refused);
    }
    if let Err(refused) = p
        .limits
        .check_spent_ip(RateLimited::ClientAuthFailure, &origin)
        .await
    {
        return refusal(refused);
    }
    let result = async {
        let client = match authenticate_client(&p, &headers, &params, paths::TOKEN).await {
            Ok(c) => c,
            Err(e) => {
                p.limits.count_ip(RateLimited::ClientAuthFailure, &origin).await?;
                return Err(e);
            }
        };
        if let Err(refused) = p
            .limits
            .check_account(RateLimited::Token, &origin, &client.client_id)
            .await
        {
            return Ok(Err(refusal(refused)));
        }
        let r = grants::exchange(&p, &client, &params).await;
        Ok::<_, OAuthError>(Ok((client, r)))
    }
    .await;
    // Refreshes are their own action; every other grant issues tokens.
    let action = if grant_type == "refresh_token" {
        "token.refreshed"
    } else {
        "token.issued"
    };
    let detail = |error: Option<&str>| json!({ "grant_type": grant_type, "error": error });
    match result {
        Ok(Err(refused)) => refused,
        Ok(Ok((client, Ok(r)))) => {
            let mut e = Event::success(action)
                .client(&client.client_id)
                .actor(&format!("client:{}", client.client_id))
                .origin(&origin)
                .detail(detail(None));
            if let Some(sub) = &r.subject {
                e = e.subject(sub);
            }
            // A token is never handed out unrecorded: the database is in trouble, so 503.
            if p.audit.commit(e).await.is_err() {
                return OAuthError::TemporarilyUnavailable.into_response();
            }
            p.metrics.tokens_issued(&grant_type, &client.client_id);
            no_store(Json(r).into_response())
        }
        Ok(Ok((client, Err(err)))) => {
            p.audit
                .record(
                    Event::failure(action)
                        .client(&client.client_id)
                        .actor(&format!("client:{}", client.client_id))
                        .origin(&origin)
                        .detail(detail(Some(err.code()))),
                )
                .await;
            err.into_response()
        }
        Err(err) => {
            let mut e = Event::failure(action)
                .origin(&origin)
                .detail(detail(Some(err.code())));
            if let Some(id) = claimed_client.as_deref().filter(|id| id.len() <= 128) {
                e = e.client(id);
            }
            p.audit.record(e).await;
            err.into_response()
        }
    }
}

fn refusal(e: RateLimitError) -> Response {
    match e {
        RateLimitError::Limited(l) => too_many_requests(l.retry_after),
        RateLimitError::Cache(e) => OAuthError::from(e).into_response(),
    }
}

/// 429 in the shape of an RFC 6749 error, with Retry-After.
fn too_many_requests(retry_after: u64) -> Response {
    let body = json!({
        "error": "temporarily_unavailable",
        "error_description": format!("too many requests; retry after {retry_after} seconds"),
    });
    let mut res = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    no_store(res)
}
