//! Sign-ins through other services on the security page: the identities linked to the account,
//! linking another (a round trip to the upstream) and unlinking (never the last way in). Both
//! changes need a recent sign-in, like every change of how the account signs in.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;

use super::security::{page, sudo};
use super::{AccountForm, Chrome, outcome};
use crate::authn::Accounts;
use crate::domain::Resume;
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::{self, field};
use crate::login_ui::upstream::{self, Upstreams};
use crate::oidc::Provider;
use crate::web::outcome::binding_cookie;

const PAGE: &str = "/account/security";

/// "Link Google": off to the upstream, in an interaction of this browser.
pub async fn post_link(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    State(u): State<Upstreams>,
    jar: CookieJar,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let c = match u.federation.connection(&field(&params, "provider")).await {
        Ok(c) => c,
        Err(e) => return upstream::failure(&s.t, &e),
    };
    let (i, binding) = match p.interactions.create(Resume::Account, None).await {
        Ok(created) => created,
        Err(e) => return flow::failure(&s.t, &crate::authn::AuthnError::Cache(e)),
    };
    match u.begin(&c, &i.id, Some(s.user.id.clone())).await {
        Ok(url) => (jar.add(binding_cookie(&p, &i.id, binding)), Redirect::to(&url)).into_response(),
        Err(e) => upstream::failure(&s.t, &e),
    }
}

pub async fn post_unlink(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let result = accounts
        .unlink(
            &s.user,
            &field(&params, "provider"),
            &field(&params, "subject"),
            &origin,
        )
        .await;
    match outcome(Chrome::new(&p, &s, PAGE), result, "linked-removed") {
        Ok(c) => page(&accounts, &s, c).await,
        Err(r) => r,
    }
}
