//! What an operator does to one account: lock and unlock, mail a reset or a verification, end
//! sessions, see and reset second factors, withdraw consents, read the account's audit trail.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::audit::AuditView;
use super::extract::{Path, Query};
use super::page::{List, MAX_LIMIT, Page, decode_cursor, limit, page};
use super::problem::Errors;
use super::users::find;
use super::{Admin, Caller, Problem};
use crate::domain::Session;
use crate::store::AuditFilter;

fn done() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

fn accepted() -> Response {
    StatusCode::ACCEPTED.into_response()
}

/// Disable the account: it cannot sign in, its sessions end and its grants are revoked.
#[utoipa::path(post, path = "/admin/v1/users/{id}/lock", tag = "users", params(("id" = String, Path)),
    responses((status = 204, description = "Locked (or already)"), Errors))]
pub async fn lock(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:write")?;
    let user = find(&admin, &id).await?;
    admin
        .accounts
        .admin_set_disabled(&user, true, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(done())
}

/// Lift a lockout after failed sign-ins, and enable a disabled account (which needs
/// `users:write` besides `users:unlock`).
#[utoipa::path(post, path = "/admin/v1/users/{id}/unlock", tag = "users", params(("id" = String, Path)),
    responses((status = 204, description = "Unlocked (or already)"), Errors))]
pub async fn unlock(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:unlock")?;
    let user = find(&admin, &id).await?;
    if user.disabled {
        caller.require("users:write")?;
    }
    let tr = admin.tr();
    let a = &admin.accounts;
    if user.is_locked(admin.now()) || user.lockouts > 0 {
        a.admin_unlock(&user, &caller.actor)
            .await
            .map_err(|e| Problem::from_authn(e, &tr))?;
    }
    if user.disabled {
        a.admin_set_disabled(&user, false, &caller.actor)
            .await
            .map_err(|e| Problem::from_authn(e, &tr))?;
    }
    Ok(done())
}

/// Mail the user a link to choose a new password; nothing changes until they use it.
#[utoipa::path(post, path = "/admin/v1/users/{id}/password-reset", tag = "users",
    params(("id" = String, Path)), responses((status = 202, description = "Mail sent"), Errors))]
pub async fn password_reset(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:write")?;
    let user = find(&admin, &id).await?;
    admin
        .accounts
        .admin_send_password_reset(&user, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(accepted())
}

/// Mail a fresh verification link and code; 409 when the address is verified already.
#[utoipa::path(post, path = "/admin/v1/users/{id}/verification", tag = "users",
    params(("id" = String, Path)), responses((status = 202, description = "Mail sent"), Errors))]
pub async fn verification(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("users:verify")?;
    let user = find(&admin, &id).await?;
    let sent = admin
        .accounts
        .admin_send_verification(&user, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    match sent {
        true => Ok(accepted()),
        false => Err(Problem::conflict(
            "the address is verified already, or the account cannot sign in",
        )),
    }
}

/// Everything held about the user (GDPR Art. 15/20), as the account page exports it: profile,
/// sessions, consents, second factors (never a secret) and activity. Sensitive: a person needs a
/// recent sign-in.
#[utoipa::path(get, path = "/admin/v1/users/{id}/export", tag = "users", params(("id" = String, Path)),
    responses((status = 200, description = "The export", body = Object), Errors))]
pub async fn export(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<crate::authn::DataExport>, Problem> {
    caller.require_recent("users:read", admin.now(), admin.recent())?;
    let user = find(&admin, &id).await?;
    let export = admin
        .accounts
        .admin_export(&user, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(axum::Json(export))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// The session id, the ID tokens' `sid`.
    id: String,
    auth_time: i64,
    acr: String,
    amr: Vec<String>,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
    ip: Option<String>,
    user_agent: Option<String>,
}

impl From<Session> for SessionView {
    fn from(s: Session) -> SessionView {
        SessionView {
            id: s.id,
            auth_time: s.auth_time,
            acr: s.acr,
            amr: s.amr,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
            ip: s.ip,
            user_agent: s.user_agent,
        }
    }
}

/// The user's live sessions, newest first.
#[utoipa::path(get, path = "/admin/v1/users/{id}/sessions", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = List<SessionView>), Errors))]
pub async fn sessions(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<List<SessionView>>, Problem> {
    caller.require("sessions:read")?;
    let user = find(&admin, &id).await?;
    let live = admin
        .accounts
        .admin_sessions(&user)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(axum::Json(List {
        items: live.into_iter().map(SessionView::from).collect(),
    }))
}

/// End every session of the user (the grants bound to them are revoked).
#[utoipa::path(delete, path = "/admin/v1/users/{id}/sessions", tag = "users", params(("id" = String, Path)),
    responses((status = 204, description = "Ended"), Errors))]
pub async fn end_sessions(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("sessions:write")?;
    let user = find(&admin, &id).await?;
    admin
        .accounts
        .admin_end_sessions(&user, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(done())
}

/// End one session of the user; ending it again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/users/{id}/sessions/{sid}", tag = "users",
    params(("id" = String, Path), ("sid" = String, Path)),
    responses((status = 204, description = "Ended"), Errors))]
pub async fn end_session(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, sid)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("sessions:write")?;
    let user = find(&admin, &id).await?;
    match admin
        .accounts
        .admin_end_session(&user, &sid, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?
    {
        Some(_) => Ok(done()),
        None => Err(Problem::not_found("session of this user")),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthenticatorView {
    id: String,
    name: String,
    /// `totp`, `passkey` or `security_key`.
    kind: String,
    created_at: i64,
    last_used_at: Option<i64>,
}

/// A user's second factors, without any secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactorsView {
    authenticators: Vec<AuthenticatorView>,
    /// Channels of sign-in codes turned on (`email`, `sms`).
    channels: Vec<String>,
    recovery_codes_left: usize,
}

/// The user's second factors.
#[utoipa::path(get, path = "/admin/v1/users/{id}/mfa", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = FactorsView), Errors))]
pub async fn factors(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<FactorsView>, Problem> {
    caller.require("users:read")?;
    let user = find(&admin, &id).await?;
    let f = admin
        .accounts
        .admin_factors(&user)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    let totp = f.totp.into_iter().map(|t| AuthenticatorView {
        id: t.id,
        name: t.name,
        kind: "totp".into(),
        created_at: t.created_at,
        last_used_at: t.last_used_at,
    });
    let keys = f.keys.into_iter().map(|k| AuthenticatorView {
        id: k.id,
        name: k.name,
        kind: k.kind.as_str().into(),
        created_at: k.created_at,
        last_used_at: k.last_used_at,
    });
    Ok(axum::Json(FactorsView {
        authenticators: totp.chain(keys).collect(),
        channels: f.channels,
        recovery_codes_left: f.recovery_codes_left,
    }))
}

/// Remove every second factor of the user (a lost phone) and end their sessions; the user is
/// told by mail.
#[utoipa::path(delete, path = "/admin/v1/users/{id}/mfa", tag = "users", params(("id" = String, Path)),
    responses((status = 204, description = "Removed (or there were none)"), Errors))]
pub async fn reset_factors(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require_recent("users:write", admin.now(), admin.recent())?;
    let user = find(&admin, &id).await?;
    admin
        .accounts
        .admin_reset_mfa(&user, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(done())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    client_id: String,
    client_name: String,
    scope: String,
    granted_at: i64,
}

/// The applications the user consented to.
#[utoipa::path(get, path = "/admin/v1/users/{id}/consents", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = List<ConsentView>), Errors))]
pub async fn consents(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<List<ConsentView>>, Problem> {
    caller.require("consents:read")?;
    let user = find(&admin, &id).await?;
    let all = admin
        .provider
        .store
        .consents()
        .reader()
        .user_consents(&user.id)
        .await?;
    Ok(axum::Json(List {
        items: all
            .into_iter()
            .map(|c| ConsentView {
                client_id: c.client_id,
                client_name: c.client_name,
                scope: c.scope,
                granted_at: c.granted_at,
            })
            .collect(),
    }))
}

/// Withdraw the user's consent to a client: what the client holds for them is revoked at
/// once. Withdrawing again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/users/{id}/consents/{client_id}", tag = "users",
    params(("id" = String, Path), ("client_id" = String, Path)),
    responses((status = 204, description = "Withdrawn"), Errors))]
pub async fn revoke_consent(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, client_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require("consents:write")?;
    let user = find(&admin, &id).await?;
    admin
        .accounts
        .admin_revoke_consent(&user, &client_id, &caller.actor)
        .await
        .map_err(|e| Problem::from_authn(e, &admin.tr()))?;
    Ok(done())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrailQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    cursor: Option<String>,
}

/// What happened to the user, newest first.
#[utoipa::path(get, path = "/admin/v1/users/{id}/audit", tag = "users",
    params(("id" = String, Path), TrailQuery), responses((status = 200, body = Page<AuditView>), Errors))]
pub async fn user_audit(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<TrailQuery>,
) -> Result<axum::Json<Page<AuditView>>, Problem> {
    caller.require("audit:read")?;
    let user = find(&admin, &id).await?;
    let limit = limit(q.limit.as_deref(), MAX_LIMIT)?;
    let before = q.cursor.as_deref().map(decode_cursor).transpose()?;
    let filter = AuditFilter {
        subject_id: Some(user.id),
        ..AuditFilter::default()
    };
    let rows = admin
        .provider
        .store
        .audit()
        .reader()
        .search_audit(
            &filter,
            before.as_ref().map(|(t, id)| (*t, id.as_str())),
            limit + 1,
        )
        .await?;
    Ok(axum::Json(page(
        rows,
        limit,
        |e| (e.at, e.id.clone()),
        AuditView::from,
    )))
}
