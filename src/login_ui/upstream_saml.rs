//! The SAML endpoints of a connection: our SP metadata, and the Assertion Consumer Service.
//! The IdP posts the response from its own site, so the browser sends no SameSite=Lax cookie
//! with it: the ACS checks the response, keeps what it says for a minute, and sends the
//! browser on (a top-level GET, which carries the cookies) to where the sign-in is bound to it.
//! An IdP-initiated response (a connection may take them for one client) has no sign-in yet:
//! the continue step starts one in this browser, which ends at the client's page.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::{self, bound_interaction};
use super::pages;
use super::upstream::{Upstreams, conclude, failure, from_saml};
use crate::authn::{Accounts, AuthnError};
use crate::domain::{IdentityProvider, Interaction, Resume};
use crate::federation::FederationError;
use crate::federation::mapping;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::Provider;
use crate::saml::SamlError;
use crate::web::lang::Lang;
use crate::web::outcome::binding_cookie;

/// `GET /saml/{id}/metadata`: what the IdP's administrator imports.
pub async fn get_metadata(State(u): State<Upstreams>, lang: Lang, Path(id): Path<String>) -> Response {
    match u.saml.sp_metadata(&id).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/samlmetadata+xml")], xml).into_response(),
        Err(e) => failure(&lang.tr(), &from_saml(e)),
    }
}

/// `POST /saml/{id}/acs`: the IdP's response (HTTP-POST binding: `SAMLResponse`, `RelayState`).
pub async fn post_acs(
    State(u): State<Upstreams>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    Path(id): Path<String>,
    Form(params): Form,
) -> Response {
    let t = lang.tr();
    let field = |name: &'static str| params.get(name).ok().flatten().unwrap_or("").to_owned();
    let asserted = match u
        .saml
        .consume(&id, &field("SAMLResponse"), &field("RelayState"))
        .await
    {
        Ok(a) => a,
        Err(SamlError::UnknownState) => return pages::expired_page(&t),
        Err(e) => {
            let reason = match &e {
                SamlError::Replayed => "replayed",
                SamlError::Rejected(_) => "rejected",
                _ => "internal",
            };
            tracing::warn!(error = %e, connection = %id, "SAML response refused");
            if let Ok(c) = u.federation.connection(&id).await {
                u.federation.refused(&c, reason, &origin).await;
                if matches!(e, SamlError::Rejected(_) | SamlError::Replayed) {
                    let message = t.t1("upstream-failed", "name", &c.name);
                    return pages::message_page(
                        &t,
                        StatusCode::BAD_REQUEST,
                        &t.t("upstream-failed-title"),
                        &message,
                        None,
                    );
                }
            }
            return failure(&t, &from_saml(e));
        }
    };
    let c = match u.federation.connection(&id).await {
        Ok(c) => c,
        Err(e) => return failure(&t, &e),
    };
    let Some(profile) = mapping::profile(&asserted.subject, &asserted.claims, &c.settings.mapping) else {
        return failure(&t, &from_saml(SamlError::Rejected("unusable NameID".into())));
    };
    match u.saml.hold(&asserted.pending, &profile).await {
        Ok(key) => Redirect::to(&format!("/login/upstream/{id}/continue?k={key}")).into_response(),
        Err(e) => failure(&t, &from_saml(e)),
    }
}

#[derive(Deserialize)]
pub struct ContinueQuery {
    #[serde(default)]
    k: String,
}

/// `GET /login/upstream/{id}/continue?k=…`: the checked response, in the browser that started
/// the sign-in.
#[allow(clippy::too_many_arguments)] // an axum handler's extractors
pub async fn get_continue(
    State(p): State<Provider>,
    State(u): State<Upstreams>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(q): Query<ContinueQuery>,
) -> Response {
    let (pending, profile) = match u.saml.collect(&id, &q.k).await {
        Ok(held) => held,
        Err(SamlError::UnknownState) => return pages::expired_page(&lang.tr()),
        Err(e) => return failure(&lang.tr(), &from_saml(e)),
    };
    let c = match u.federation.connection(&id).await {
        Ok(c) => c,
        Err(e) => return failure(&lang.tr(), &e),
    };
    let (jar, i) = match pending.interaction_id.as_str() {
        "" => match initiated(&p, &lang, jar, &c).await {
            Ok(started) => started,
            Err(r) => return r,
        },
        bound => match bound_interaction(&p, &lang.tr(), &jar, bound).await {
            Ok(Some(i)) => (jar, i),
            Ok(None) => return pages::expired_page(&lang.tr()),
            Err(r) => return r,
        },
    };
    let t = lang.of(&i);
    conclude(
        &p,
        &u.federation,
        &accounts,
        jar,
        i,
        &t,
        &c,
        &profile,
        pending.link_for,
        origin,
    )
    .await
}

/// The sign-in an IdP-initiated response starts in this browser: for the connection's one
/// client, which the browser goes on to once signed in.
async fn initiated(
    p: &Provider,
    lang: &Lang,
    jar: CookieJar,
    c: &IdentityProvider,
) -> Result<(CookieJar, Interaction), Response> {
    let t = lang.tr();
    let client_id = c
        .settings
        .saml
        .as_ref()
        .and_then(|s| s.idp_initiated_client.clone());
    let client = match client_id {
        Some(id) => p.store.clients().client(&id).await,
        None => Ok(None),
    };
    let (client_id, uri) = match client {
        Ok(Some(client)) => match client.client_uri {
            Some(uri) => (client.client_id, uri),
            None => return Err(failure(&t, &FederationError::Config("no client_uri".into()))),
        },
        Ok(None) => return Err(failure(&t, &FederationError::Config("no such client".into()))),
        Err(e) => return Err(failure(&t, &FederationError::Store(e))),
    };
    match p
        .interactions
        .create(Resume::Client { client_id, uri }, None)
        .await
    {
        Ok((i, binding)) => Ok((jar.add(binding_cookie(p, &i.id, binding)), i)),
        Err(e) => Err(flow::failure(&t, &AuthnError::Cache(e))),
    }
}
