//! The admin REST API at `/admin/v1`: JSON, RFC 9457 problem details for every error, a
//! permission checked on every call against what the caller holds now (caller.rs), `ETag` and
//! `If-Match` on changes, `Location` on creation, and an OpenAPI 3.1 document generated from
//! these handlers (utoipa) with its docs page served from our own origin. Built on the
//! management services (manage/, authn's administrative operations) and store readers.

mod accounts;
mod api_keys;
mod audit;
mod caller;
mod clients;
mod etag;
mod extract;
mod groups;
mod identity_providers;
mod keys;
mod page;
mod problem;
mod roles;
mod users;

use axum::Router;
use axum::extract::FromRef;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use caller::{Caller, CallerKind};
pub use problem::Problem;

use crate::authn::Accounts;
use crate::http::origin::ClientOrigin;
use crate::manage::{ApiKeys, Clients, IdentityProviders, Keys, Roles};
use crate::oidc::Provider;

/// What the admin API's handlers are given.
#[derive(Clone)]
pub struct Admin {
    pub provider: Provider,
    pub accounts: Accounts,
    pub clients: Clients,
    pub roles: Roles,
    pub api_keys: ApiKeys,
    pub keys: Keys,
    pub identity_providers: IdentityProviders,
}

impl Admin {
    pub fn now(&self) -> i64 {
        self.provider.now()
    }

    /// How recent a person's sign-in must be for a sensitive operation: the account pages'
    /// sudo window.
    pub fn recent(&self) -> i64 {
        self.provider.config.sudo_window
    }

    pub fn tr(&self) -> crate::i18n::Tr {
        crate::i18n::Tr::of(&self.provider.messages, "en")
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portcullis admin API",
        version = "1",
        description = "Manage users, roles, groups, clients, signing keys, identity providers, consents and the audit log. \
            Authenticate with an API key (`Authorization: Bearer pcak_…`) or an access token issued by \
            this provider for the admin API (`resource` = this API's URL). Errors are RFC 9457 problem details."
    ),
    modifiers(&Bearer),
    security(("bearer" = [])),
    components(schemas(problem::Details, problem::FieldError)),
    tags(
        (name = "users"), (name = "roles"), (name = "groups"), (name = "clients"),
        (name = "keys"), (name = "audit"), (name = "api-keys"), (name = "identity-providers")
    )
)]
struct ApiDoc;

struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The API's routes and its OpenAPI document.
fn api<S>() -> (Router<S>, utoipa::openapi::OpenApi)
where
    S: Clone + Send + Sync + 'static,
    Admin: FromRef<S>,
{
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get, users::update, users::delete))
        .routes(routes!(accounts::lock))
        .routes(routes!(accounts::unlock))
        .routes(routes!(accounts::password_reset))
        .routes(routes!(accounts::verification))
        .routes(routes!(accounts::export))
        .routes(routes!(accounts::sessions, accounts::end_sessions))
        .routes(routes!(accounts::end_session))
        .routes(routes!(accounts::factors, accounts::reset_factors))
        .routes(routes!(accounts::consents))
        .routes(routes!(accounts::revoke_consent))
        .routes(routes!(accounts::user_audit))
        .routes(routes!(roles::of_user))
        .routes(routes!(roles::assign, roles::unassign))
        .routes(routes!(groups::of_user))
        .routes(routes!(roles::list, roles::create))
        .routes(routes!(roles::get, roles::update, roles::delete))
        .routes(routes!(roles::permissions))
        .routes(routes!(groups::list, groups::create))
        .routes(routes!(groups::get, groups::update, groups::delete))
        .routes(routes!(groups::add_member, groups::remove_member))
        .routes(routes!(groups::grant_role, groups::revoke_role))
        .routes(routes!(clients::list, clients::create))
        .routes(routes!(clients::get, clients::update, clients::delete))
        .routes(routes!(clients::rotate_secret))
        .routes(routes!(clients::service_roles))
        .routes(routes!(clients::grant_service_role, clients::revoke_service_role))
        .routes(routes!(keys::list))
        .routes(routes!(keys::rotate))
        .routes(routes!(audit::query))
        .routes(routes!(api_keys::list, api_keys::create))
        .routes(routes!(api_keys::revoke))
        .routes(routes!(identity_providers::list, identity_providers::create))
        .routes(routes!(
            identity_providers::get,
            identity_providers::update,
            identity_providers::delete
        ))
        .split_for_parts()
}

/// The routes, `GET /admin/v1/openapi.json` and the docs page at `/admin/v1/docs/`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Admin: FromRef<S>,
{
    let (router, openapi) = api::<S>();
    router
        .layer(axum::middleware::from_fn(stamp_origin))
        .merge(utoipa_swagger_ui::SwaggerUi::new("/admin/v1/docs").url("/admin/v1/openapi.json", openapi))
}

/// The management services take an actor, not an origin (the command line has none): the
/// entries an admin call makes get the caller's address, user agent and request id from here.
async fn stamp_origin(
    ClientOrigin(origin): ClientOrigin,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    crate::audit::with_request_origin(origin, next.run(req)).await
}
