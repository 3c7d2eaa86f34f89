//! Who calls the admin API, and what they may do now. Credentials are an API key, or an access
//! token this provider issued for the admin API (RFC 8707 audience): a person's, or a service
//! client's (client_credentials, acting with its service account's roles). Permissions are read
//! on every call, never from the token, so a role change applies to the next call.

use std::collections::BTreeSet;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use super::{Admin, Problem};
use crate::authn::RateLimitError;
use crate::config::RateLimited;
use crate::domain::Level;
use crate::domain::rbac::permissions_of;
use crate::domain::{Origin, Role, UnixTime};
use crate::http::origin::ClientOrigin;
use crate::oidc::resource;
use crate::oidc::tokens::verify_access_token;

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The audit log's actor of what the caller does: `api_key:<id>`, a user id, or
    /// `client:<id>`.
    pub actor: String,
    pub kind: CallerKind,
    permissions: BTreeSet<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerKind {
    /// An API key, made by `owner` (a user id) or by an operator (`None`).
    ApiKey { owner: Option<String> },
    /// A person, signed in at `auth_time`.
    User { id: String, auth_time: UnixTime },
    /// A client on its own behalf.
    Service { client_id: String },
}

impl Caller {
    /// `Ok` when the caller holds `permission`, else the 403 problem.
    pub fn require(&self, permission: &str) -> Result<(), Problem> {
        match self.permissions.contains(permission) {
            true => Ok(()),
            false => Err(Problem::forbidden(format!(
                "this call needs the {permission} permission"
            ))),
        }
    }

    /// For a sensitive operation (a role grant, key rotation, an export): the permission, and
    /// for a person a sign-in within `window` seconds (RFC 9470 `max_age`), as the account
    /// pages' sudo mode asks. Keys and services have no sign-in to renew.
    pub fn require_recent(&self, permission: &str, now: UnixTime, window: i64) -> Result<(), Problem> {
        self.require(permission)?;
        match &self.kind {
            CallerKind::User { auth_time, .. } if now - auth_time > window => {
                Err(Problem::insufficient_authentication(
                    "this operation needs a recent sign-in",
                    &format!("max_age={window}"),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Nobody grants what they do not hold: `Ok` when the caller holds every permission of
    /// `roles`.
    pub fn may_grant(&self, roles: &[Role]) -> Result<(), Problem> {
        let missing: Vec<String> = permissions_of(roles)
            .into_iter()
            .filter(|p| !self.permissions.contains(p))
            .collect();
        match missing.is_empty() {
            true => Ok(()),
            false => Err(Problem::forbidden(format!(
                "the caller cannot grant permissions it does not hold: {}",
                missing.join(", ")
            ))),
        }
    }

    /// The user an API key made by this caller belongs to: its rights never exceed theirs.
    pub fn key_owner(&self) -> Option<&str> {
        match &self.kind {
            CallerKind::ApiKey { owner } => owner.as_deref(),
            CallerKind::User { id, .. } => Some(id),
            CallerKind::Service { .. } => None,
        }
    }
}

impl<S> FromRequestParts<S> for Caller
where
    S: Send + Sync,
    Admin: FromRef<S>,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let admin = Admin::from_ref(state);
        let Ok(ClientOrigin(origin)) = ClientOrigin::from_request_parts(parts, state).await;
        let limits = &admin.provider.limits;
        // Every call counts against its IP first, unauthenticated ones included.
        limits
            .check(RateLimited::Admin, &origin, None)
            .await
            .map_err(limited)?;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(Problem::unauthenticated)?;
        let caller = match bearer.starts_with(crate::manage::api_keys::PREFIX) {
            true => key_caller(&admin, bearer, origin).await?,
            false => token_caller(&admin, bearer, origin).await?,
        };
        limits
            .check_account(RateLimited::Admin, &caller.origin, &caller.actor)
            .await
            .map_err(limited)?;
        Ok(caller)
    }
}

fn limited(e: RateLimitError) -> Problem {
    match e {
        RateLimitError::Limited(l) => Problem::too_many(l.retry_after),
        RateLimitError::Cache(e) => e.into(),
    }
}

async fn key_caller(admin: &Admin, key: &str, origin: Origin) -> Result<Caller, Problem> {
    let holder = admin
        .api_keys
        .authenticate(key)
        .await?
        .ok_or_else(Problem::unauthenticated)?;
    Ok(Caller {
        actor: holder.actor(),
        kind: CallerKind::ApiKey {
            owner: holder.key.owner_id.clone(),
        },
        permissions: holder.permissions,
        origin,
    })
}

/// An access token: ours, live, not revoked, issued for this API; then a person's (active,
/// signed in with a second factor) or a service client's.
async fn token_caller(admin: &Admin, token: &str, origin: Origin) -> Result<Caller, Problem> {
    let p = &admin.provider;
    let claims = verify_access_token(p, token).map_err(|_| Problem::unauthenticated())?;
    if claims.aud != resource::admin_api(p.issuer()) {
        return Err(Problem::unauthenticated());
    }
    if p.store
        .grants()
        .access_token_revoked(&claims.jti)
        .await?
        .unwrap_or(false)
    {
        return Err(Problem::unauthenticated());
    }
    // A deleted client's tokens stop with it.
    if p.store.clients().client(&claims.client_id).await?.is_none() {
        return Err(Problem::unauthenticated());
    }
    let roles = p.store.roles();
    if claims.auth_time.is_none() && claims.sub == claims.client_id {
        return Ok(Caller {
            actor: format!("client:{}", claims.client_id),
            kind: CallerKind::Service {
                client_id: claims.client_id.clone(),
            },
            permissions: permissions_of(&roles.client_roles(&claims.client_id).await?),
            origin,
        });
    }
    let user = p
        .store
        .users()
        .user_by_id(&claims.sub)
        .await?
        .filter(|u| u.is_active())
        .ok_or_else(Problem::unauthenticated)?;
    // People administer with a second factor, whatever their roles say about sign-in.
    let level = claims.acr.as_deref().and_then(Level::from_acr);
    if level.is_none_or(|l| l < Level::MultiFactor) {
        return Err(Problem::insufficient_authentication(
            "the admin API needs a sign-in with a second factor",
            &format!("acr_values=\"{}\"", Level::MultiFactor.acr()),
        ));
    }
    Ok(Caller {
        actor: user.id.clone(),
        kind: CallerKind::User {
            id: user.id.clone(),
            auth_time: claims.auth_time.unwrap_or(0),
        },
        permissions: permissions_of(&roles.user_roles(&user.id).await?),
        origin,
    })
}
