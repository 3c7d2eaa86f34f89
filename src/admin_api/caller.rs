//! Who calls the admin API, and what they may do now: read from the request's credentials on
//! every call, so a role change applies to the next call.

use std::collections::BTreeSet;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use super::{Admin, Problem};

/// An authenticated caller (an API key today; Portcullis access tokens next).
#[derive(Debug, Clone)]
pub struct Caller {
    /// The audit log's actor of what the caller does.
    pub actor: String,
    permissions: BTreeSet<String>,
}

impl Caller {
    /// `Ok` when the caller holds `permission`, else the 403 problem.
    pub fn require(&self, permission: &str) -> Result<(), Problem> {
        match self.permissions.contains(permission) {
            true => Ok(()),
            false => Err(Problem::forbidden(permission)),
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
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(Problem::unauthenticated)?;
        let holder = admin
            .api_keys
            .authenticate(bearer)
            .await?
            .ok_or_else(Problem::unauthenticated)?;
        Ok(Caller {
            actor: holder.actor(),
            permissions: holder.permissions,
        })
    }
}
