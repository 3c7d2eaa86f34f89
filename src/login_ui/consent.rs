//! The consent page: which client asks for what, allow or deny.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;

use super::flow::{self, InteractionForm, InteractionQuery, bound_interaction, field, interaction_csp};
use super::pages::{self, ClientFace, ConsentPage};
use crate::authn::{AuthnError, SESSION_COOKIE};
use crate::domain::{Interaction, Origin};
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::authorize;
use crate::oidc::end_session;
use crate::oidc::{OAuthError, Provider};
use crate::web::lang::Lang;
use crate::web::outcome::respond;

async fn render(p: &Provider, t: Tr, i: &Interaction) -> Response {
    let (Some(login), Some(req)) = (&i.login, i.authorization()) else {
        return pages::expired_page(&t);
    };
    let (client, user) = match (
        p.store.clients().client(&req.client_id).await,
        p.store.users().user_by_id(&login.user_id).await,
    ) {
        (Ok(Some(c)), Ok(Some(u))) => (c, u),
        _ => return pages::expired_page(&t),
    };
    let scopes = req
        .scope
        .iter()
        .filter_map(|s| pages::describe_scope(&t, s))
        .collect();
    let remote_logo = client
        .logo_path()
        .is_none()
        .then(|| client.links.logo_uri.clone())
        .flatten();
    let client = ClientFace::from(&client);
    let page = ConsentPage::new(t, i.id.clone(), i.csrf.clone(), client, user.email, scopes);
    let res = interaction_csp(page.into_response(), i);
    match remote_logo {
        // The client's own logo comes from its site: that origin joins img-src, nothing else.
        Some(logo) => crate::http::security::allow_image_from(res, &logo),
        None => res,
    }
}

pub async fn get_consent(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) => render(&p, lang.of(&i), &i).await,
        Ok(None) => pages::expired_page(&lang.tr()),
        Err(r) => r,
    }
}

pub async fn post_consent(
    State(p): State<Provider>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    // An interaction without a signed-in user or a request is refused by `authorize::consent`.
    let allow = match field(&params, "decision").as_str() {
        "allow" => true,
        "deny" => false,
        "switch" => return switch_account(&p, &t, jar, i, &origin).await,
        _ => {
            return pages::error_page(
                &t,
                StatusCode::BAD_REQUEST,
                &t.t("consent-choose"),
                &OAuthError::invalid_request("choose Allow or Deny"),
            );
        }
    };
    let outcome = authorize::consent(&p, i, allow, &origin).await;
    respond(&p, &t, jar, outcome)
}

/// "Not you?": signs this browser out and asks for another account, in the same sign-in.
async fn switch_account(
    p: &Provider,
    t: &Tr,
    jar: CookieJar,
    mut i: Interaction,
    origin: &Origin,
) -> Response {
    let session = match jar.get(&p.config.cookie_name(SESSION_COOKIE)) {
        Some(c) => p.sessions.current(Some(c.value())).await.ok().flatten(),
        None => None,
    };
    if let Err(e) = end_session::log_out(p, session.as_ref(), origin).await {
        return pages::error_page(t, StatusCode::SERVICE_UNAVAILABLE, &t.t("error-try-again"), &e);
    }
    i.login = None;
    if let Err(e) = p.interactions.save(&i).await {
        return flow::failure(t, &AuthnError::Cache(e));
    }
    let jar = jar.remove(
        Cookie::build(p.config.cookie_name(SESSION_COOKIE))
            .path("/")
            .secure(p.config.is_https()),
    );
    (jar, Redirect::to(&format!("/login?interaction={}", i.id))).into_response()
}
