//! Telegram Login's way back: Telegram sends the browser to our page with the signed payload in
//! the fragment; the page's script posts it here with our state, and the payload is checked
//! with the bot token (federation/telegram.rs) before it signs anyone in.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::pages::{self, TelegramPage};
use super::upstream::{Upstreams, conclude, failure, refused, returning};
use crate::authn::Accounts;
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
    let (pending, i) = match returning(&p, f, &lang, &jar, &id, &state).await {
        Ok(back) => back,
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let answer = match f.finish_telegram(pending, &fields).await {
        Ok(a) => a,
        Err(e) => return refused(f, &t, &i, &id, &e, &origin).await,
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
