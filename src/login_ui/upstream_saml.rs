//! The SAML endpoints of a connection: our SP metadata, and the Assertion Consumer Service.
//! The IdP posts the response from its own site, so the browser sends no SameSite=Lax cookie
//! with it: the ACS checks the response, keeps what it says for a minute, and sends the
//! browser on (a top-level GET, which carries the cookies) to where the sign-in is bound to it.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::bound_interaction;
use super::pages;
use super::upstream::{Upstreams, conclude, failure, from_saml};
use crate::authn::Accounts;
use crate::federation::mapping;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::Provider;
use crate::saml::SamlError;
use crate::web::lang::Lang;

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
    let i = match bound_interaction(&p, &lang.tr(), &jar, &pending.interaction_id).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(&lang.tr()),
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let c = match u.federation.connection(&id).await {
        Ok(c) => c,
        Err(e) => return failure(&t, &e),
    };
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
