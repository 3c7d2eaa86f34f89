//! `/admin/v1/users`: list (cursor pagination) and read.

use axum::Json;
use axum::extract::{Path, Query, State};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Admin, Caller, Problem};
use crate::domain::User;

const MAX_LIMIT: i64 = 200;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    limit: Option<String>,
    cursor: Option<String>,
}

/// `GET /admin/v1/users?limit=&cursor=`: `{"items": [...], "next_cursor": ...}`, oldest first;
/// `next_cursor` is null on the last page.
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, Problem> {
    caller.require("users:read")?;
    let limit = match q.limit.as_deref() {
        None => 50,
        Some(l) => l
            .parse::<i64>()
            .ok()
            .filter(|l| (1..=MAX_LIMIT).contains(l))
            .ok_or_else(|| Problem::invalid("#/query/limit", format!("limit must be 1-{MAX_LIMIT}")))?,
    };
    let after = q.cursor.as_deref().map(decode_cursor).transpose()?;
    let users = admin
        .store
        .users()
        .reader()
        .page_users(after.as_ref().map(|(t, id)| (*t, id.as_str())), limit + 1)
        .await?;
    let more = users.len() as i64 > limit;
    let page: Vec<&User> = users.iter().take(limit as usize).collect();
    let next = match (more, page.last()) {
        (true, Some(u)) => Some(encode_cursor(u)),
        _ => None,
    };
    Ok(Json(json!({
        "items": page.iter().map(|u| describe(u, admin.now())).collect::<Vec<_>>(),
        "next_cursor": next,
    })))
}

/// `GET /admin/v1/users/{id}`.
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    caller.require("users:read")?;
    let user = admin
        .store
        .users()
        .reader()
        .user_by_id(&id)
        .await?
        .ok_or_else(|| Problem::not_found("such user"))?;
    Ok(Json(describe(&user, admin.now())))
}

/// A cursor is opaque to callers: the position after the last user of a page.
fn encode_cursor(u: &User) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", u.created_at, u.id))
}

fn decode_cursor(c: &str) -> Result<(i64, String), Problem> {
    let bad = || Problem::invalid("#/query/cursor", "cursor is not one this API gave");
    let raw = URL_SAFE_NO_PAD.decode(c).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (at, id) = text.split_once(':').ok_or_else(bad)?;
    Ok((at.parse().map_err(|_| bad())?, id.to_owned()))
}

/// A user as the API shows one: never a password hash or any other secret.
fn describe(u: &User, now: i64) -> Value {
    let state = if u.deleted_at.is_some() {
        "deleted"
    } else if u.disabled {
        "disabled"
    } else if u.is_locked(now) {
        "locked"
    } else {
        "active"
    };
    json!({
        "id": u.id,
        "email": u.email,
        "email_verified": u.email_verified,
        "name": u.name,
        "given_name": u.given_name,
        "family_name": u.family_name,
        "phone_number": u.phone_number,
        "phone_number_verified": u.phone_number_verified,
        "locale": u.locale,
        "state": state,
        "created_at": u.created_at,
        "updated_at": u.updated_at,
    })
}
