//! `/admin/v1/clients`: relying parties and services, with RFC 7591 metadata names. A secret
//! is shown once, when made (on creation or rotation); only its keyed hash is stored.

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
use super::{Admin, Caller, Problem};
use crate::domain::{Client, ClientLinks, GrantType, Scope, TokenEndpointAuthMethod};
use crate::manage::ManageError;
use crate::manage::clients::{ClientChanges, NewClient};

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientView {
    client_id: String,
    client_name: String,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    grant_types: Vec<String>,
    scope: String,
    token_endpoint_auth_method: String,
    /// The client's JWK Set for private_key_jwt.
    #[schema(value_type = Option<Object>)]
    jwks: Option<serde_json::Value>,
    jwks_uri: Option<String>,
    client_uri: Option<String>,
    logo_uri: Option<String>,
    policy_uri: Option<String>,
    tos_uri: Option<String>,
    /// Trusted: no consent page, and may ask for admin API tokens.
    first_party: bool,
    require_mfa: bool,
    created_at: i64,
}

impl From<Client> for ClientView {
    fn from(c: Client) -> ClientView {
        ClientView {
            client_id: c.client_id,
            client_name: c.name,
            redirect_uris: c.redirect_uris,
            post_logout_redirect_uris: c.post_logout_redirect_uris,
            grant_types: c.grant_types.iter().map(|g| g.as_str().to_owned()).collect(),
            scope: c.scope.to_string(),
            token_endpoint_auth_method: c.auth_method.as_str().to_owned(),
            jwks: c.jwks.and_then(|j| serde_json::from_str(&j).ok()),
            jwks_uri: c.jwks_uri,
            client_uri: c.client_uri,
            logo_uri: c.links.logo_uri,
            policy_uri: c.links.policy_uri,
            tos_uri: c.links.tos_uri,
            first_party: c.first_party,
            require_mfa: c.require_mfa,
            created_at: c.created_at,
        }
    }
}

/// A client just made or given a new secret: the secret is in this answer only.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientWithSecret {
    #[serde(flatten)]
    client: ClientView,
    client_secret: Option<String>,
    /// Accepted, but worth a look (plain http outside loopback).
    warnings: Vec<String>,
}

fn grants(names: Vec<String>) -> Result<Vec<GrantType>, Problem> {
    names
        .iter()
        .map(|g| {
            GrantType::parse(g)
                .ok_or_else(|| Problem::invalid("/grant_types", format!("grant type {g:?} is not supported")))
        })
        .collect()
}

fn auth_method(name: &str) -> Result<TokenEndpointAuthMethod, Problem> {
    TokenEndpointAuthMethod::parse(name).ok_or_else(|| {
        Problem::invalid(
            "/token_endpoint_auth_method",
            format!("token_endpoint_auth_method {name:?} is not supported"),
        )
    })
}

/// Every client.
#[utoipa::path(get, path = "/admin/v1/clients", tag = "clients",
    responses((status = 200, body = List<ClientView>), Errors))]
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
) -> Result<axum::Json<List<ClientView>>, Problem> {
    caller.require("clients:read")?;
    Ok(axum::Json(List {
        items: admin
            .clients
            .list()
            .await?
            .into_iter()
            .map(ClientView::from)
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClientBody {
    /// Random when left out.
    client_id: Option<String>,
    client_name: String,
    #[serde(default)]
    redirect_uris: Vec<String>,
    #[serde(default)]
    post_logout_redirect_uris: Vec<String>,
    /// Default: authorization_code and refresh_token.
    #[serde(default)]
    grant_types: Vec<String>,
    /// Default: `openid profile email offline_access`.
    scope: Option<String>,
    /// Default: client_secret_basic.
    token_endpoint_auth_method: Option<String>,
    #[schema(value_type = Option<Object>)]
    jwks: Option<serde_json::Value>,
    jwks_uri: Option<String>,
    client_uri: Option<String>,
    /// Shown on the consent page when no logo was uploaded.
    logo_uri: Option<String>,
    policy_uri: Option<String>,
    tos_uri: Option<String>,
    #[serde(default)]
    first_party: bool,
    #[serde(default)]
    require_mfa: bool,
}

/// Register a client; its secret (when it has one) is in this answer only.
#[utoipa::path(post, path = "/admin/v1/clients", tag = "clients", request_body = NewClientBody,
    responses((status = 201, body = ClientWithSecret, headers(("Location" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(b): Body<NewClientBody>,
) -> Result<Response, Problem> {
    caller.require("clients:write")?;
    let new = NewClient {
        client_id: b.client_id,
        client_secret: None,
        name: b.client_name,
        redirect_uris: b.redirect_uris,
        post_logout_redirect_uris: b.post_logout_redirect_uris,
        grant_types: grants(b.grant_types)?,
        scope: Scope::parse(
            b.scope
                .as_deref()
                .unwrap_or("openid profile email offline_access"),
        ),
        auth_method: auth_method(
            b.token_endpoint_auth_method
                .as_deref()
                .unwrap_or("client_secret_basic"),
        )?,
        jwks: b.jwks.map(|j| j.to_string()),
        jwks_uri: b.jwks_uri,
        first_party: b.first_party,
        require_mfa: b.require_mfa,
        client_uri: b.client_uri,
        logo: None,
        links: ClientLinks {
            logo_uri: b.logo_uri,
            policy_uri: b.policy_uri,
            tos_uri: b.tos_uri,
        },
    };
    let stored = admin.clients.create(new, &caller.actor).await?;
    let location = format!("/admin/v1/clients/{}", stored.client.client_id);
    Ok(created(
        &location,
        ClientWithSecret {
            client: stored.client.into(),
            client_secret: stored.secret,
            warnings: stored.warnings,
        },
    ))
}

#[utoipa::path(get, path = "/admin/v1/clients/{id}", tag = "clients", params(("id" = String, Path)),
    responses((status = 200, body = ClientView, headers(("ETag" = String))), Errors))]
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("clients:read")?;
    Ok(tagged(
        StatusCode::OK,
        ClientView::from(admin.clients.get(&id).await?),
    ))
}

/// A JSON merge patch of a client; lists replace the stored ones.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    client_name: Option<String>,
    redirect_uris: Option<Vec<String>>,
    post_logout_redirect_uris: Option<Vec<String>>,
    grant_types: Option<Vec<String>>,
    scope: Option<String>,
    /// `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Object>)]
    jwks: Option<Option<serde_json::Value>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    jwks_uri: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    client_uri: Option<Option<String>>,
    /// `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    logo_uri: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    policy_uri: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    tos_uri: Option<Option<String>>,
    first_party: Option<bool>,
    require_mfa: Option<bool>,
}

/// Change a client's metadata (the same rules as at registration).
#[utoipa::path(patch, path = "/admin/v1/clients/{id}", tag = "clients", params(("id" = String, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version read")),
    request_body(content = ClientPatch, content_type = "application/merge-patch+json"),
    responses((status = 200, body = ClientView, headers(("ETag" = String))), Errors))]
pub async fn update(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(p): Body<ClientPatch>,
) -> Result<Response, Problem> {
    caller.require("clients:write")?;
    let client = admin.clients.get(&id).await?;
    let links = match (&p.logo_uri, &p.policy_uri, &p.tos_uri) {
        (None, None, None) => None,
        _ => Some(ClientLinks {
            logo_uri: p.logo_uri.clone().unwrap_or(client.links.logo_uri.clone()),
            policy_uri: p.policy_uri.clone().unwrap_or(client.links.policy_uri.clone()),
            tos_uri: p.tos_uri.clone().unwrap_or(client.links.tos_uri.clone()),
        }),
    };
    check_if_match(&headers, &ClientView::from(client))?;
    let changes = ClientChanges {
        name: p.client_name,
        redirect_uris: p.redirect_uris,
        post_logout_redirect_uris: p.post_logout_redirect_uris,
        scope: p.scope.as_deref().map(Scope::parse),
        grant_types: p.grant_types.map(grants).transpose()?,
        first_party: p.first_party,
        require_mfa: p.require_mfa,
        client_uri: p.client_uri.map(Option::unwrap_or_default),
        logo: None,
        jwks: p.jwks.map(|j| j.map(|j| j.to_string())),
        jwks_uri: p.jwks_uri,
        links,
    };
    let client = match admin.clients.update(&id, changes, &caller.actor).await {
        Ok(stored) => stored.client,
        Err(ManageError::NothingToChange) => admin.clients.get(&id).await?,
        Err(e) => return Err(e.into()),
    };
    Ok(tagged(StatusCode::OK, ClientView::from(client)))
}

/// Delete a client and everything issued to it.
#[utoipa::path(delete, path = "/admin/v1/clients/{id}", tag = "clients", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), Errors))]
pub async fn delete(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("clients:write")?;
    admin.clients.delete(&id, &caller.actor).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewSecret {
    client_id: String,
    /// Shown once; the old secret stopped working.
    client_secret: String,
}

/// Give the client a new secret; the old one stops working at once.
#[utoipa::path(post, path = "/admin/v1/clients/{id}/secret", tag = "clients", params(("id" = String, Path)),
    responses((status = 200, body = NewSecret), Errors))]
pub async fn rotate_secret(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<NewSecret>, Problem> {
    caller.require("clients:write")?;
    admin.clients.get(&id).await?;
    let client_secret = admin.clients.rotate_secret(&id, &caller.actor).await?;
    Ok(axum::Json(NewSecret {
        client_id: id,
        client_secret,
    }))
}

/// The roles of the client's service account: what it may do at this API with a
/// client_credentials token.
#[utoipa::path(get, path = "/admin/v1/clients/{id}/roles", tag = "clients", params(("id" = String, Path)),
    responses((status = 200, body = List<RoleView>), Errors))]
pub async fn service_roles(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<List<RoleView>>, Problem> {
    caller.require("roles:read")?;
    admin.clients.get(&id).await?;
    Ok(axum::Json(List {
        items: admin
            .roles
            .of_client(&id)
            .await?
            .into_iter()
            .map(RoleView::from)
            .collect(),
    }))
}

/// Give the client's service account a role; a role grant.
#[utoipa::path(put, path = "/admin/v1/clients/{id}/roles/{role_id}", tag = "clients",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Held"), Errors))]
pub async fn grant_service_role(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    admin.clients.get(&id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    caller.may_grant(std::slice::from_ref(&role))?;
    admin
        .roles
        .set_client_role(&id, &role, true, &caller.actor)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(delete, path = "/admin/v1/clients/{id}/roles/{role_id}", tag = "clients",
    params(("id" = String, Path), ("role_id" = String, Path)),
    responses((status = 204, description = "Not held"), Errors))]
pub async fn revoke_service_role(
    State(admin): State<Admin>,
    caller: Caller,
    Path((id, role_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    caller.require_recent("roles:write", admin.now(), admin.recent())?;
    admin.clients.get(&id).await?;
    let role = admin.roles.by_id(&role_id).await?;
    admin
        .roles
        .set_client_role(&id, &role, false, &caller.actor)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
