//! `/admin/v1/groups`: groups hold users and roles; a member holds the group's roles. Adding a
//! member or a role grants rights, so the caller must hold them.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::etag::{check_if_match, created, tagged};
use super::extract::{Body, Path, nullable};
use super::page::List;
use super::problem::Errors;
use super::roles::RoleView;
use super::users::find;
use super::{Admin, Caller, Problem};
use crate::store::roles::GroupRecord;

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupView {
    id: String,
    /// What tokens carry in `groups`.
    name: String,
    description: Option<String>,
    created_at: i64,
}

impl From<GroupRecord> for GroupView {
    fn from(g: GroupRecord) -> GroupView {
        GroupView {
            id: g.id,
            name: g.name,
            description: g.description,
            created_at: g.created_at,
        }
    }
}

/// A group with its roles and members.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetail {
    #[serde(flatten)]
    group: GroupView,
    roles: Vec<RoleView>,
    /// The members' user ids.
    members: Vec<String>,
}

#[utoipa::path(get, path = "/admin/v1/groups", tag = "groups",
    responses((status = 200, body = List<GroupView>), Errors))]
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
) -> Result<axum::Json<List<GroupView>>, Problem> {
    caller.require("groups:read")?;
    Ok(axum::Json(List {
        items: admin
            .roles
            .groups()
            .await?
            .into_iter()
            .map(GroupView::from)
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroupBody {
    /// 1-64 letters, digits, `-`, `_`, `.` or `:`.
    #[schema(pattern = "^[A-Za-z0-9._:-]{1,64}$")]
    name: String,
    description: Option<String>,
}

#[utoipa::path(post, path = "/admin/v1/groups", tag = "groups", request_body = NewGroupBody,
    responses((status = 201, body = GroupView, headers(("Location" = String), ("ETag" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(b): Body<NewGroupBody>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    let group = admin
        .roles
        .create_group(&b.name, b.description, &caller.actor)
        .await?;
    Ok(created(
        &format!("/admin/v1/groups/{}", group.id),
        GroupView::from(group),
    ))
}

#[utoipa::path(get, path = "/admin/v1/groups/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = GroupDetail, headers(("ETag" = String))), Errors))]
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("groups:read")?;
    let group = admin.roles.group_by_id(&id).await?;
    Ok(tagged(StatusCode::OK, detail(&admin, group).await?))
}

/// A JSON merge patch of a group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupPatch {
    /// What tokens carry from their next issuance.
    #[schema(pattern = "^[A-Za-z0-9._:-]{1,64}$")]
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    description: Option<Option<String>>,
}

/// Rename a group or change its description; with `If-Match`, only if nobody changed it since.
#[utoipa::path(patch, path = "/admin/v1/groups/{id}", tag = "groups", params(("id" = String, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version read")),
    request_body(content = GroupPatch, content_type = "application/merge-patch+json"),
    responses((status = 200, body = GroupDetail, headers(("ETag" = String))), Errors))]
pub async fn update(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(patch): Body<GroupPatch>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    let group = admin.roles.group_by_id(&id).await?;
    check_if_match(&headers, &detail(&admin, group.clone()).await?)?;
    let updated = admin
        .roles
        .update_group(&group, patch.name, patch.description, &caller.actor)
        .await?;
    Ok(tagged(StatusCode::OK, detail(&admin, updated).await?))
}

async fn detail(admin: &Admin, group: GroupRecord) -> Result<GroupDetail, Problem> {
    let (roles, members) = admin.roles.group_contents(&group).await?;
    Ok(GroupDetail {
        group: group.into(),
        roles: roles.into_iter().map(RoleView::from).collect(),
        members,
    })
}

/// Delete a group; its members no longer hold its roles.
#[utoipa::path(delete, path = "/admin/v1/groups/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), Errors))]
pub async fn delete(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    let group = admin.roles.group_by_id(&id).await?;
    admin.roles.delete_group(&group, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Add a user to the group; adding again changes nothing.
#[utoipa::path(put, path = "/admin/v1/groups/{id}/members/{user_id}", tag = "groups",
    params(("id" = String, Path), ("user_id" = String, Path)),
    responses((status = 204, description = "A member"), Errors))]
pub async fn add_member(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    let group = admin.roles.group_by_id(&id).await?;
    let user = find(&admin, &user_id).await?;
    let (roles, _) = admin.roles.group_contents(&group).await?;
    caller.may_grant(&roles)?;
    admin.roles.set_member(&group, &user, true, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Remove a user from the group; removing again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/groups/{id}/members/{user_id}", tag = "groups",
    params(("id" = String, Path), ("user_id" = String, Path)),
    responses((status = 204, description = "Not a member"), Errors))]
pub async fn remove_member(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    let group = admin.roles.group_by_id(&id).await?;
    let user = find(&admin, &user_id).await?;
    admin
        .roles
        .set_member(&group, &user, false, &caller.actor)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Give the group's members a role; a role grant.
#[utoipa::path(put, path = "/admin/v1/groups/{id}/roles/{role_id}", tag = "groups",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Granted"), Errors))]
pub async fn grant_role(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let group = admin.roles.group_by_id(&id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    caller.may_grant(std::slice::from_ref(&role))?;
    admin
        .roles
        .set_group_role(&group, &role, true, &caller.actor)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(delete, path = "/admin/v1/groups/{id}/roles/{role_id}", tag = "groups",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Not granted"), Errors))]
pub async fn revoke_role(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("groups:write")?;
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    let group = admin.roles.group_by_id(&id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    admin
        .roles
        .set_group_role(&group, &role, false, &caller.actor)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The groups the user is a member of.
#[utoipa::path(get, path = "/admin/v1/users/{id}/groups", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = List<GroupView>), Errors))]
pub async fn of_user(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<List<GroupView>>, Problem> {
    caller.require("groups:read")?;
    let user = find(&admin, &id).await?;
    Ok(axum::Json(List {
        items: admin
            .roles
            .groups_of_user(&user)
            .await?
            .into_iter()
            .map(GroupView::from)
            .collect(),
    }))
}
