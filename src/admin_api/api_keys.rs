//! `/admin/v1/api-keys`: keys for scripts and back ends. A key made here belongs to the
//! caller's user (or the calling key's): its rights never exceed that user's. The secret is in
//! the creation answer only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::etag::created;
use super::extract::{Body, Path};
use super::page::List;
use super::problem::Errors;
use super::users::find;
use super::{Admin, Caller, Problem};
use crate::domain::{ApiKey, parse_duration};
use crate::manage::ManageError;
use crate::manage::api_keys::NewApiKey;

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyView {
    id: String,
    name: String,
    /// The key's last characters, to recognise it.
    hint: String,
    /// The user whose rights bound the key's; null for a key made by an operator.
    owner_id: Option<String>,
    /// Role ids.
    roles: Vec<String>,
    created_at: i64,
    expires_at: Option<i64>,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl From<ApiKey> for ApiKeyView {
    fn from(k: ApiKey) -> ApiKeyView {
        ApiKeyView {
            id: k.id,
            name: k.name,
            hint: k.hint,
            owner_id: k.owner_id,
            roles: k.roles.into_iter().map(|r| r.id).collect(),
            created_at: k.created_at,
            expires_at: k.expires_at,
            last_used_at: k.last_used_at,
            revoked_at: k.revoked_at,
        }
    }
}

#[utoipa::path(get, path = "/admin/v1/api-keys", tag = "api-keys",
    responses((status = 200, body = List<ApiKeyView>), Errors))]
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
) -> Result<axum::Json<List<ApiKeyView>>, Problem> {
    caller.require("api_keys:write")?;
    Ok(axum::Json(List {
        items: admin
            .api_keys
            .list()
            .await?
            .into_iter()
            .map(ApiKeyView::from)
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKeyBody {
    name: String,
    /// Role ids; the caller must hold every permission they carry.
    roles: Vec<String>,
    /// A duration (`90d`, `12h`); none: the key does not expire.
    expires_in: Option<String>,
}

/// A key just made: `key` is shown here only.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewApiKeyView {
    #[serde(flatten)]
    key_info: ApiKeyView,
    /// Send as `Authorization: Bearer <key>`.
    key: String,
}

#[utoipa::path(post, path = "/admin/v1/api-keys", tag = "api-keys", request_body = NewApiKeyBody,
    responses((status = 201, body = NewApiKeyView, headers(("Location" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(b): Body<NewApiKeyBody>,
) -> Result<Response, Problem> {
    caller.require("api_keys:write")?;
    let mut roles = Vec::with_capacity(b.roles.len());
    for id in &b.roles {
        roles.push(admin.roles.by_id(id).await?);
    }
    caller.may_grant(&roles)?;
    let expires_in = b
        .expires_in
        .as_deref()
        .map(|d| {
            parse_duration(d).filter(|d| *d > 0).ok_or_else(|| {
                Problem::invalid("/expires_in", "expires_in is a duration like 90d, 12h or 30m")
            })
        })
        .transpose()?;
    let owner = match caller.key_owner() {
        Some(id) => Some(find(&admin, id).await?),
        None => None,
    };
    let new = NewApiKey {
        name: b.name,
        roles,
        expires_in,
        owner,
    };
    let (key, secret) = admin.api_keys.create(new, &caller.actor).await?;
    Ok(created(
        &format!("/admin/v1/api-keys/{}", key.id),
        NewApiKeyView {
            key_info: key.into(),
            key: secret,
        },
    ))
}

/// Revoke a key; it stops working at once. Revoking again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/api-keys/{id}", tag = "api-keys", params(("id" = String, Path)),
    responses((status = 204, description = "Revoked"), Errors))]
pub async fn revoke(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("api_keys:write")?;
    let keys = admin.api_keys.list().await?;
    let Some(key) = keys.iter().find(|k| k.id == id) else {
        return Err(Problem::not_found("API key"));
    };
    if key.revoked_at.is_none() {
        match admin.api_keys.revoke(&id, &caller.actor).await {
            Ok(()) | Err(ManageError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
