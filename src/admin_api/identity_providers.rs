//! `/admin/v1/identity-providers`: connections to upstream identity providers. The client
//! secret is written, never read back. Changing how people sign in is sensitive: a person's
//! token needs a recent sign-in for every change.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::etag::{check_if_match, created, tagged};
use super::extract::{Body, Path};
use super::page::List;
use super::problem::Errors;
use super::{Admin, Caller, Problem};
use crate::domain::{ClaimSync, IdentityProvider, LinkPolicy, ProviderKind};
use crate::manage::identity_providers::ConnectionChange;

#[derive(Debug, Serialize, ToSchema)]
pub struct IdentityProviderView {
    id: String,
    name: String,
    /// `oidc`, `oauth2`, `saml` or `telegram`.
    kind: String,
    enabled: bool,
    issuer: Option<String>,
    client_id: Option<String>,
    scopes: Vec<String>,
    /// `create`, `link` or `deny`: what a first sign-in without a linked account does.
    link_policy: String,
    trust_email: bool,
    trust_mfa: bool,
    /// `first_login` or `every_login`: when the upstream's claims are copied to the account.
    sync: String,
    domains: Vec<String>,
    group_roles: std::collections::BTreeMap<String, String>,
    /// Each attribute (`email`, `email_verified`, `name`, `given_name`, `family_name`,
    /// `phone_number`, `picture`, `groups`) and the claim it is read from.
    claim_names: std::collections::BTreeMap<String, String>,
    /// OpenID Connect: register this at the upstream.
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_uri: Option<String>,
    /// SAML: our entity ID and metadata (import it at the IdP), and our ACS.
    #[serde(skip_serializing_if = "Option::is_none")]
    sp_metadata_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acs_url: Option<String>,
    /// SAML: where the IdP's metadata is read again from.
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_requests: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_sha1: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_id_format: Option<String>,
    /// SAML: the one client IdP-initiated sign-ins go to (absent: they are refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    idp_initiated_client: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl IdentityProviderView {
    fn of(c: IdentityProvider, issuer: &str) -> IdentityProviderView {
        let s = c.settings;
        let saml = s.saml.as_ref();
        IdentityProviderView {
            redirect_uri: matches!(c.kind, ProviderKind::Oidc | ProviderKind::OAuth2)
                .then(|| crate::federation::redirect_uri(issuer, &c.id)),
            sp_metadata_url: saml.map(|_| crate::saml::entity_id(issuer, &c.id)),
            acs_url: saml.map(|_| crate::saml::acs_url(issuer, &c.id)),
            metadata_url: saml.and_then(|m| m.metadata_url.clone()),
            sign_requests: saml.map(|m| m.sign_requests),
            allow_sha1: saml.map(|m| m.allow_sha1),
            name_id_format: saml.map(|m| m.name_id_format.clone()),
            idp_initiated_client: saml.and_then(|m| m.idp_initiated_client.clone()),
            id: c.id,
            name: c.name,
            kind: c.kind.as_str().to_owned(),
            enabled: c.enabled,
            issuer: s.issuer,
            client_id: s.client_id,
            scopes: s.scopes,
            link_policy: s.link_policy.as_str().to_owned(),
            trust_email: s.trust_email,
            trust_mfa: s.trust_mfa,
            sync: match s.sync {
                ClaimSync::FirstLogin => "first_login",
                ClaimSync::EveryLogin => "every_login",
            }
            .to_owned(),
            domains: c.domains,
            group_roles: s.mapping.roles.clone(),
            claim_names: s.mapping.names(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A new connection, or the members of one to change (absent members stay as they are).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityProviderBody {
    /// `oidc`, `oauth2`, `saml` or `telegram` (required when creating; cannot change).
    kind: Option<String>,
    name: Option<String>,
    enabled: Option<bool>,
    issuer: Option<String>,
    client_id: Option<String>,
    /// Write-only.
    client_secret: Option<String>,
    scopes: Option<Vec<String>>,
    link_policy: Option<String>,
    trust_email: Option<bool>,
    trust_mfa: Option<bool>,
    sync: Option<String>,
    domains: Option<Vec<String>>,
    /// Upstream group → the name of a global role its members hold (the roles named are the
    /// connection's to give and take at every sign-in).
    group_roles: Option<std::collections::BTreeMap<String, String>>,
    /// Attribute → the claim it is read from (a dotted path into the claims, or a SAML
    /// attribute's name); attributes not named keep theirs.
    claim_names: Option<std::collections::BTreeMap<String, String>>,
    /// SAML: the IdP's metadata document; or `metadata_url`, read now and every six hours.
    saml_metadata: Option<String>,
    metadata_url: Option<String>,
    sign_requests: Option<bool>,
    allow_sha1: Option<bool>,
    /// `email`, `persistent` or `unspecified`.
    name_id_format: Option<String>,
    /// SAML: take IdP-initiated sign-ins for this client only (it needs a `client_uri`, where
    /// the browser goes next); `""` turns them off.
    idp_initiated_client: Option<String>,
    /// A known provider: `github` or `x` (kind `oauth2`: its endpoints, scopes and claims),
    /// `google` or `entra` (kind `oidc`: its issuer; `entra` with `tenant`).
    preset: Option<String>,
    tenant: Option<String>,
}

impl IdentityProviderBody {
    fn change(self) -> Result<ConnectionChange, Problem> {
        let link_policy = self
            .link_policy
            .map(|p| {
                LinkPolicy::parse(&p)
                    .ok_or_else(|| Problem::invalid("/link_policy", "link_policy is create, link or deny"))
            })
            .transpose()?;
        let sync = self
            .sync
            .map(|s| match s.as_str() {
                "first_login" => Ok(ClaimSync::FirstLogin),
                "every_login" => Ok(ClaimSync::EveryLogin),
                _ => Err(Problem::invalid("/sync", "sync is first_login or every_login")),
            })
            .transpose()?;
        Ok(ConnectionChange {
            name: self.name,
            enabled: self.enabled,
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: self.client_secret,
            scopes: self.scopes,
            link_policy,
            trust_email: self.trust_email,
            trust_mfa: self.trust_mfa,
            sync,
            mapping: None,
            oauth2: None,
            preset: self.preset,
            tenant: self.tenant,
            group_roles: self.group_roles,
            claim_names: self.claim_names,
            domains: self.domains,
            saml_metadata: self.saml_metadata,
            metadata_url: self.metadata_url,
            sign_requests: self.sign_requests,
            allow_sha1: self.allow_sha1,
            name_id_format: self.name_id_format,
            idp_initiated_client: self.idp_initiated_client,
        })
    }
}

#[utoipa::path(get, path = "/admin/v1/identity-providers", tag = "identity-providers",
    responses((status = 200, body = List<IdentityProviderView>), Errors))]
pub async fn list(
    State(admin): State<Admin>,
    caller: Caller,
) -> Result<axum::Json<List<IdentityProviderView>>, Problem> {
    caller.require("identity_providers:read")?;
    let issuer = admin.provider.issuer().to_owned();
    Ok(axum::Json(List {
        items: admin
            .identity_providers
            .list()
            .await?
            .into_iter()
            .map(|c| IdentityProviderView::of(c, &issuer))
            .collect(),
    }))
}

#[utoipa::path(post, path = "/admin/v1/identity-providers", tag = "identity-providers",
    request_body = IdentityProviderBody,
    responses((status = 201, body = IdentityProviderView, headers(("Location" = String))), Errors))]
pub async fn create(
    State(admin): State<Admin>,
    caller: Caller,
    Body(mut b): Body<IdentityProviderBody>,
) -> Result<Response, Problem> {
    caller.require_recent("identity_providers:write", admin.now(), admin.recent())?;
    let kind = match b.kind.take() {
        Some(k) => ProviderKind::parse(&k)
            .ok_or_else(|| Problem::invalid("/kind", "kind is oidc, oauth2, saml or telegram"))?,
        None => return Err(Problem::invalid("/kind", "kind is required")),
    };
    let c = admin
        .identity_providers
        .create(kind, b.change()?, &caller.actor)
        .await?;
    Ok(created(
        &format!("/admin/v1/identity-providers/{}", c.id),
        IdentityProviderView::of(c, admin.provider.issuer()),
    ))
}

#[utoipa::path(get, path = "/admin/v1/identity-providers/{id}", tag = "identity-providers",
    params(("id" = String, Path)), responses((status = 200, body = IdentityProviderView), Errors))]
pub async fn get(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require("identity_providers:read")?;
    let c = admin.identity_providers.get(&id).await?;
    Ok(tagged(
        StatusCode::OK,
        IdentityProviderView::of(c, admin.provider.issuer()),
    ))
}

#[utoipa::path(patch, path = "/admin/v1/identity-providers/{id}", tag = "identity-providers",
    params(("id" = String, Path)), request_body = IdentityProviderBody,
    responses((status = 200, body = IdentityProviderView), Errors))]
pub async fn update(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(b): Body<IdentityProviderBody>,
) -> Result<Response, Problem> {
    caller.require_recent("identity_providers:write", admin.now(), admin.recent())?;
    let current = admin.identity_providers.get(&id).await?;
    check_if_match(
        &headers,
        &IdentityProviderView::of(current.clone(), admin.provider.issuer()),
    )?;
    if b.kind.as_deref().is_some_and(|k| k != current.kind.as_str()) {
        return Err(Problem::invalid(
            "/kind",
            "the kind of a connection cannot change",
        ));
    }
    let change = IdentityProviderBody { kind: None, ..b }.change()?;
    let c = match admin.identity_providers.update(&id, change, &caller.actor).await {
        Ok(c) => c,
        Err(crate::manage::ManageError::NothingToChange) => current,
        Err(e) => return Err(e.into()),
    };
    Ok(tagged(
        StatusCode::OK,
        IdentityProviderView::of(c, admin.provider.issuer()),
    ))
}

/// Delete a connection and every account's link to it; deleting again changes nothing.
#[utoipa::path(delete, path = "/admin/v1/identity-providers/{id}", tag = "identity-providers",
    params(("id" = String, Path)), responses((status = 204, description = "Deleted"), Errors))]
pub async fn delete(
    State(admin): State<Admin>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    caller.require_recent("identity_providers:write", admin.now(), admin.recent())?;
    match admin.identity_providers.delete(&id, &caller.actor).await {
        Ok(()) | Err(crate::manage::ManageError::NotFound(_)) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => Err(e.into()),
    }
}
