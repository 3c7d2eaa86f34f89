//! Telegram Login's way back: Telegram sends the browser to our page with the signed payload in
//! the fragment; the page's script posts it here with our state, and the payload is checked
//! with the bot token (federation/telegram.rs) before it signs anyone in.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::bound_interaction;
use super::pages::{self, TelegramPage};
use super::upstream::{Upstreams, conclude, failure};
use crate::authn::Accounts;
use crate::federation::FederationError;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::Provider;
use crate::web::lang::Lang;

#[derive(Deserialize)]
pub struct StateQuery {
    #[serde(default)]
    state: String,
}

/// `GET /login/upstream/{id}/telegram?state=…`: the page that posts the fragment's payload.
pub async fn get_return(
    State(u): State<Upstreams>,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<StateQuery>,
) -> Response {
    let t = lang.tr();
    let c = match u.federation.connection(&id).await {
        Ok(c) => c,
        Err(e) => return failure(&t, &e),
    };
    let page = TelegramPage {
        title: t.t1("telegram-title", "name", &c.name),
        css_url: pages::css_url(),
        action: format!("/login/upstream/{id}/telegram"),
        state: q.state,
        script: crate::http::assets::url("telegram.js"),
        t,
    };
    page.into_response()
}

/// `POST /login/upstream/{id}/telegram`: the payload, with our state.
#[allow(clippy::too_many_arguments)] // an axum handler's extractors
pub async fn post_return(
    State(p): State<Provider>,
    State(u): State<Upstreams>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    jar: CookieJar,
    Path(id): Path<String>,
    Form(params): Form,
) -> Response {
    let f = &u.federation;
    let fields: Vec<(String, String)> = params
        .pairs()
        .iter()
        .filter(|(k, _)| k != "state")
        .cloned()
        .collect();
    let state = params.get("state").ok().flatten().unwrap_or("").to_owned();
    let pending = match f.take(&id, &state).await {
        Ok(pending) => pending,
        Err(FederationError::UnknownState) => return pages::expired_page(&lang.tr()),
        Err(e) => return failure(&lang.tr(), &e),
    };
    let i = match bound_interaction(&p, &lang.tr(), &jar, &pending.interaction_id).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(&lang.tr()),
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let answer = match f.finish_telegram(pending, &fields).await {
        Ok(a) => a,
        Err(e) => {
            if let Ok(c) = f.connection(&id).await {
                f.refused(&c, e.reason(), &origin).await;
                let back = format!("/login?interaction={}", i.id);
                let label = t.t("link-other-way");
                let message = t.t1("upstream-failed", "name", &c.name);
                tracing::warn!(error = %e, connection = %id, "Telegram sign-in refused");
                return pages::message_page(
                    &t,
                    axum::http::StatusCode::BAD_REQUEST,
                    &t.t("upstream-failed-title"),
                    &message,
                    Some((&label, &back)),
                );
            }
            return failure(&t, &e);
        }
    };
    let link_for = answer.pending.link_for.clone();
    conclude(
        &p,
        f,
        &accounts,
        jar,
        i,
        &t,
        &answer.provider,
        &answer.profile,
        link_for,
        origin,
    )
    .await
}
