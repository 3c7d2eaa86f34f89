//! `/admin/v1/roles` and `/admin/v1/permissions`: custom roles (global or of one client),
//! the built-in ones, and who holds them. Granting a role is sensitive: a person needs a recent
//! sign-in, and nobody grants a permission they do not hold.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::etag::{check_if_match, created, tagged};
use super::extract::{Body, Path, nullable};
use super::page::List;
use super::problem::Errors;
use super::users::find;
use super::{Admin, Caller, Problem};
use crate::domain::Role;
use crate::domain::rbac::PERMISSIONS;
use crate::manage::roles::{NewRole, RoleChange};

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleView {
    id: String,
    /// What tokens carry in `roles`.
    name: String,
    /// The application the role belongs to; null for a global role.
    client_id: Option<String>,
    description: Option<String>,
    permissions: Vec<String>,
    /// Holders pass a second factor at every sign-in.
    require_mfa: bool,
    /// Built-in roles cannot be changed or deleted.
    builtin: bool,
    created_at: i64,
}

impl From<Role> for RoleView {
    fn from(r: Role) -> RoleView {
        RoleView {
            id: r.id,
            name: r.name,
            client_id: r.client_id,
            description: r.description,
            permissions: r.permissions,
            require_mfa: r.require_mfa,
            builtin: r.builtin,
            created_at: r.created_at,
        }
    }
}

/// Every role: built-in first, then global, then by client.
#[utoipa::path(get, path = "/admin/v1/roles", tag = "roles",
    responses((status = 200, body = List<RoleView>), Errors))]
pub async fn list(State(admin): State<Admin>, caller: Caller) -> Result<axum::Json<List<RoleView>>, Problem> {
    caller.require("roles:read")?;
    let roles = admin.roles.list().await?;
    Ok(axum::Json(List {
        items: roles.into_iter().map(RoleView::from).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoleBody {
    /// 1-64 letters, digits, `-`, `_`, `.` or `:`.
    #[schema(pattern = "^[A-Za-z0-9._:-]{1,64}$")]
    name: String,
    /// Make it a role of this application.
    client_id: Option<String>,
    description: Option<String>,
    #[serde(default)]
    permissions: Vec<String>,
    #[serde(default)]
    require_mfa: bool,
}

/// Create a custom role.
#[utoipa::path(post, path = "/admin/v1/roles", tag = "roles", request_body = NewRoleBody,
    responses((status = 201, body = RoleView, headers(("Location" = String), ("ETag" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(b): Body<NewRoleBody>,
) -> Result<Response, Problem> {
    caller.require("roles:write")?;
    let new = NewRole {
        name: b.name,
        client_id: b.client_id,
        description: b.description,
        permissions: b.permissions,
        require_mfa: b.require_mfa,
    };
    let role = admin.roles.create(new, &caller.actor).await?;
    Ok(created(
        &format!("/admin/v1/roles/{}", role.id),
        RoleView::from(role),
    ))
}

#[utoipa::path(get, path = "/admin/v1/roles/{id}", tag = "roles", params(("id" = String, Path)),
    responses((status = 200, body = RoleView, headers(("ETag" = String))), Errors))]
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("roles:read")?;
    Ok(tagged(
        StatusCode::OK,
        RoleView::from(admin.roles.by_id(&id).await?),
    ))
}

/// A JSON merge patch of a custom role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolePatch {
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    description: Option<Option<String>>,
    permissions: Option<Vec<String>>,
    require_mfa: Option<bool>,
}

/// Change a custom role; its holders' rights change at once (tokens at their next issuance).
/// Widening a role is granting: the caller must hold what it adds.
#[utoipa::path(patch, path = "/admin/v1/roles/{id}", tag = "roles", params(("id" = String, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version read")),
    request_body(content = RolePatch, content_type = "application/merge-patch+json"),
    responses((status = 200, body = RoleView, headers(("ETag" = String))), Errors))]
pub async fn update(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(patch): Body<RolePatch>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let role = admin.roles.by_id(&id).await?;
    check_if_match(&headers, &RoleView::from(role.clone()))?;
    if role.builtin {
        return Err(Problem::conflict(format!("{} is built in", role.name)));
    }
    if let Some(p) = &patch.permissions {
        let widened = Role {
            permissions: p.clone(),
            ..role.clone()
        };
        caller.may_grant(&[widened])?;
    }
    let change = RoleChange {
        description: patch.description,
        permissions: patch.permissions,
        require_mfa: patch.require_mfa,
    };
    let updated = admin.roles.update(&role, change, &caller.actor).await?;
    Ok(tagged(StatusCode::OK, RoleView::from(updated)))
}

/// Delete a custom role; whoever held it no longer does.
#[utoipa::path(delete, path = "/admin/v1/roles/{id}", tag = "roles", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), Errors))]
pub async fn delete(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let role = admin.roles.by_id(&id).await?;
    if role.builtin {
        return Err(Problem::conflict(format!("{} is built in", role.name)));
    }
    admin.roles.delete(&role, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionView {
    /// `resource:action`.
    name: String,
}

/// Every permission a role may hold.
#[utoipa::path(get, path = "/admin/v1/permissions", tag = "roles",
    responses((status = 200, body = List<PermissionView>), Errors))]
pub async fn permissions(caller: Caller) -> Result<axum::Json<List<PermissionView>>, Problem> {
    caller.require("roles:read")?;
    Ok(axum::Json(List {
        items: PERMISSIONS
            .iter()
            .map(|p| PermissionView {
                name: (*p).to_owned(),
            })
            .collect(),
    }))
}

/// A user's roles: given directly, and all they hold (through groups too).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserRolesView {
    direct: Vec<RoleView>,
    effective: Vec<RoleView>,
}

#[utoipa::path(get, path = "/admin/v1/users/{id}/roles", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = UserRolesView), Errors))]
pub async fn of_user(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<UserRolesView>, Problem> {
    caller.require("roles:read")?;
    let user = find(&admin, &id).await?;
    Ok(axum::Json(UserRolesView {
        direct: admin
            .roles
            .direct_of_user(&user)
            .await?
            .into_iter()
            .map(RoleView::from)
            .collect(),
        effective: admin
            .roles
            .of_user(&user)
            .await?
            .into_iter()
            .map(RoleView::from)
            .collect(),
    }))
}

/// Give the user a role; giving it again changes nothing.
#[utoipa::path(put, path = "/admin/v1/users/{id}/roles/{role_id}", tag = "users",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Held"), Errors))]
pub async fn assign(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let user = find(&admin, &id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    caller.may_grant(std::slice::from_ref(&role))?;
    admin.roles.assign(&user, &role, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Take a role from the user (one given directly); taking it again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/users/{id}/roles/{role_id}", tag = "users",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Not held directly"), Errors))]
pub async fn unassign(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let user = find(&admin, &id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    admin.roles.unassign(&user, &role, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
