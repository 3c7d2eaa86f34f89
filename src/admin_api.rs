//! The admin REST API at `/admin/v1`: JSON, RFC 9457 problem details for every error, and a
//! permission checked on every call against what the caller holds now (see caller.rs). Built
//! on the management services (manage/) and read-only store handles.

mod caller;
mod problem;
mod users;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::get;

pub use caller::Caller;
pub use problem::Problem;

use crate::manage::ApiKeys;
use crate::store::Store;

/// What the admin API's handlers are given.
#[derive(Clone)]
pub struct Admin {
    pub api_keys: ApiKeys,
    pub store: Store,
    pub clock: std::sync::Arc<dyn crate::domain::Clock>,
}

impl Admin {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Admin: FromRef<S>,
{
    Router::new()
        .route("/admin/v1/users", get(users::list))
        .route("/admin/v1/users/{id}", get(users::get))
}
