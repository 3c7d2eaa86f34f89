//! `/admin/v1/users`: search with cursors, read, create (with a password or an invitation),
//! change (If-Match), delete.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::etag::{check_if_match, created, tagged};
use super::extract::{Body, Path, Query, nullable};
use super::page::{MAX_LIMIT, Page, decode_cursor, limit, page, time};
use super::problem::Errors;
use super::{Admin, Caller, Problem};
use crate::authn::{NewUser, ProfileChange};
use crate::domain::{AccountState, User};
use crate::store::UserFilter;
use axum::extract::State;

/// A user as the API shows one: never a password hash or any other secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub phone_number: Option<String>,
    pub phone_number_verified: bool,
    pub locale: Option<String>,
    pub state: AccountState,
    /// Whether the user has a password (else they sign in another way, or not yet).
    pub has_password: bool,
    /// The end of a lockout after failed sign-ins.
    pub locked_until: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl UserView {
    pub fn of(u: &User, now: i64) -> UserView {
        UserView {
            id: u.id.clone(),
            email: u.email.clone(),
            email_verified: u.email_verified,
            name: u.name.clone(),
            given_name: u.given_name.clone(),
            family_name: u.family_name.clone(),
            phone_number: u.phone_number.clone(),
            phone_number_verified: u.phone_number_verified,
            locale: u.locale.clone(),
            state: u.state(now),
            has_password: u.password_hash.is_some(),
            locked_until: u.locked_until.filter(|t| *t > now),
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// A piece of the e-mail address or the name, in any case.
    q: Option<String>,
    /// The exact e-mail address.
    email: Option<String>,
    /// Without it, every user but the deleted ones.
    #[param(value_type = Option<AccountState>)]
    state: Option<String>,
    /// Users holding this role (its id), directly or through a group.
    role: Option<String>,
    /// Members of this group (its id).
    group: Option<String>,
    /// Created at or after this time (Unix seconds).
    #[param(value_type = Option<i64>)]
    created_after: Option<String>,
    /// Created before this time (Unix seconds).
    #[param(value_type = Option<i64>)]
    created_before: Option<String>,
    /// Also count every match (`total`); costs a second query.
    #[param(value_type = Option<bool>)]
    total: Option<String>,
}

/// Search users, oldest first.
#[utoipa::path(get, path = "/admin/v1/users", tag = "users", params(UserQuery),
    responses((status = 200, body = Page<UserView>), Errors))]
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
    Query(q): Query<UserQuery>,
) -> Result<axum::Json<Page<UserView>>, Problem> {
    caller.require("users:read")?;
    let limit = limit(q.limit.as_deref(), MAX_LIMIT)?;
    let after = q.cursor.as_deref().map(decode_cursor).transpose()?;
    let state = q
        .state
        .as_deref()
        .map(|s| {
            AccountState::parse(s).ok_or_else(|| {
                Problem::invalid(
                    "#/query/state",
                    "state is one of active, locked, disabled, deleted",
                )
            })
        })
        .transpose()?;
    let total = match q.total.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(Problem::invalid("#/query/total", "total is true or false")),
    };
    let now = admin.now();
    let filter = UserFilter {
        text: q.q.filter(|t| !t.trim().is_empty()),
        email: q.email,
        state,
        role_id: q.role,
        group_id: q.group,
        created_from: time(q.created_after.as_deref(), "created_after")?,
        created_before: time(q.created_before.as_deref(), "created_before")?,
        now,
    };
    let users = admin.provider.store.users().reader();
    let rows = users
        .search_users(
            &filter,
            after.as_ref().map(|(t, id)| (*t, id.as_str())),
            limit + 1,
        )
        .await?;
    let mut out = page(
        rows,
        limit,
        |u| (u.created_at, u.id.clone()),
        |u| UserView::of(&u, now),
    );
    if total {
        out.total = Some(users.count_users(&filter).await?);
    }
    Ok(axum::Json(out))
}

/// The user `id`, or 404.
pub async fn find(admin: &Admin, id: &str) -> Result<User, Problem> {
    admin
        .provider
        .store
        .users()
        .reader()
        .user_by_id(id)
        .await?
        .ok_or_else(|| Problem::not_found("user"))
}

/// Read a user; the `ETag` is the version to send back in `If-Match`.
#[utoipa::path(get, path = "/admin/v1/users/{id}", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = UserView, headers(("ETag" = String))), Errors))]
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:read")?;
    let user = find(&admin, &id).await?;
    Ok(tagged(StatusCode::OK, UserView::of(&user, admin.now())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    #[schema(format = Email)]
    email: String,
    name: Option<String>,
    /// Follows the password policy. Leave out to invite, or to let the user set one by reset.
    #[schema(format = Password, write_only)]
    password: Option<String>,
    #[serde(default)]
    email_verified: bool,
    /// Mail the user a link to choose their password (valid 3 days); not with `password`.
    #[serde(default)]
    invite: bool,
}

/// Create a user, with a password or an invitation mail.
#[utoipa::path(post, path = "/admin/v1/users", tag = "users", request_body = NewUserBody,
    responses((status = 201, body = UserView, headers(("Location" = String), ("ETag" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(b): Body<NewUserBody>,
) -> Result<Response, Problem> {
    caller.require("users:write")?;
    if b.invite && b.password.is_some() {
        return Err(Problem::invalid("/invite", "invite or set a password, not both"));
    }
    let new = NewUser {
        email: b.email,
        name: b.name,
        password: b.password,
        email_verified: b.email_verified,
        skip_policy: false,
        invite: b.invite,
    };
    let user = admin
        .accounts
        .admin_create(new, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(created(
        &format!("/admin/v1/users/{}", user.id),
        UserView::of(&user, admin.now()),
    ))
}

/// A JSON merge patch (RFC 7396) of a user's profile.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    name: Option<Option<String>>,
    /// A new address is unverified unless `email_verified` says otherwise.
    #[schema(format = Email)]
    email: Option<String>,
    email_verified: Option<bool>,
}

/// Change a user's name or address; with `If-Match`, only if nobody changed it since.
#[utoipa::path(patch, path = "/admin/v1/users/{id}", tag = "users", params(("id" = String, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version read")),
    request_body(content = UserPatch, content_type = "application/merge-patch+json"),
    responses((status = 200, body = UserView, headers(("ETag" = String))), Errors))]
pub async fn update(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(patch): Body<UserPatch>,
) -> Result<Response, Problem> {
    caller.require("users:write")?;
    let user = find(&admin, &id).await?;
    let now = admin.now();
    check_if_match(&headers, &UserView::of(&user, now))?;
    if user.deleted_at.is_some() {
        return Err(Problem::conflict("the account is deleted"));
    }
    if patch.name.is_none() && patch.email.is_none() && patch.email_verified.is_none() {
        return Ok(tagged(StatusCode::OK, UserView::of(&user, now)));
    }
    let change = ProfileChange {
        name: patch.name,
        email: patch.email,
        email_verified: patch.email_verified,
    };
    let updated = admin
        .accounts
        .admin_update_profile(&user, change, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(tagged(StatusCode::OK, UserView::of(&updated, now)))
}

/// Delete a user as their own deletion does: sign-in, sessions, grants and consents end at
/// once; personal data is purged after the retention period. Deleting again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/users/{id}", tag = "users", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), Errors))]
pub async fn delete(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:write")?;
    let user = find(&admin, &id).await?;
    if user.deleted_at.is_none() {
        admin
            .accounts
            .admin_delete(&user, &caller.actor)
            .await
            .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
