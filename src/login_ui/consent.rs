//! The consent page: which client asks for what, allow or deny.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{InteractionForm, bound_interaction, field, interaction_csp};
use super::lang::Lang;
use super::login::InteractionQuery;
use super::pages::{self, ConsentPage};
use crate::domain::Interaction;
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::authorize;
use crate::oidc::endpoints::authorize::respond;
use crate::oidc::{OAuthError, Provider};

async fn render(p: &Provider, t: Tr, i: &Interaction) -> Response {
    let (Some(login), Some(req)) = (&i.login, &i.request) else {
        return pages::expired_page(&t);
    };
    let (client, user) = match (
        p.store.client(&req.client_id).await,
        p.store.user_by_id(&login.user_id).await,
    ) {
        (Ok(Some(c)), Ok(Some(u))) => (c, u),
        _ => return pages::expired_page(&t),
    };
    let scopes = req
        .scope
        .iter()
        .filter_map(|s| pages::describe_scope(&t, s))
        .collect();
    let page = ConsentPage::new(t, i.id.clone(), i.csrf.clone(), client.name, user.email, scopes);
    interaction_csp(page.into_response(), i)
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
