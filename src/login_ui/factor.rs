//! The challenge after the first factor: a code from one of the user's second factors, with the
//! others under "try another way". Every code is posted in an input named `code`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::{self, InteractionForm, bound_interaction, client_face, field, interaction_csp};
use super::pages::{self, ClientFace};
use crate::authn::engine::method_name;
use crate::authn::{Accounts, AuthnError};
use crate::domain::{Interaction, Method};
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "login/factor.html")]
struct FactorPage {
    t: Tr,
    css_url: String,
    interaction: String,
    csrf: String,
    client: Option<ClientFace>,
    /// The method's name, posted back.
    method: &'static str,
    intro: &'static str,
    label: &'static str,
    numeric: bool,
    /// "Try another way": a label (message id) and a link for each other method.
    others: Vec<(&'static str, String)>,
    problems: Problems,
    cancellable: bool,
}

/// The methods a code is typed for, in the order they are offered.
const CODE_METHODS: [Method; 2] = [Method::Totp, Method::RecoveryCode];

fn parse_method(name: &str) -> Option<Method> {
    CODE_METHODS.into_iter().find(|m| method_name(*m) == name)
}

async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    method: Method,
    offered: &[Method],
    problems: Problems,
) -> Response {
    let (intro, label, numeric) = match method {
        Method::RecoveryCode => ("factor-intro-recovery", "factor-recovery-code", false),
        _ => ("factor-intro-totp", "factor-code", true),
    };
    let others = offered
        .iter()
        .filter(|m| **m != method)
        .map(|m| {
            let label = match m {
                Method::RecoveryCode => "factor-use-recovery",
                _ => "factor-use-totp",
            };
            (
                label,
                format!("/login/factor?interaction={}&method={}", i.id, method_name(*m)),
            )
        })
        .collect();
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    let page = FactorPage {
        t,
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        method: method_name(method),
        intro,
        label,
        numeric,
        others,
        problems,
        cancellable: i.authorization().is_some(),
    };
    interaction_csp((status, page).into_response(), i)
}

/// The user's code-taking factors; `Err` is the answer when there is nothing to challenge.
async fn offered(p: &Provider, t: &Tr, i: &Interaction) -> Result<(String, Vec<Method>), Response> {
    let Some(auth) = i.authentication.as_ref() else {
        return Err(pages::expired_page(t));
    };
    let enrolled = p
        .mfa
        .enrolled(&auth.user_id)
        .await
        .map_err(|e| flow::failure(t, &e.into()))?;
    let offered: Vec<Method> = CODE_METHODS
        .into_iter()
        .filter(|m| enrolled.contains(m))
        .collect();
    Ok((auth.user_id.clone(), offered))
}

#[derive(Deserialize)]
pub struct FactorQuery {
    #[serde(default)]
    interaction: String,
    #[serde(default)]
    method: String,
}

pub async fn get_factor(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<FactorQuery>,
) -> Response {
    let i = match bound_interaction(&p, &lang.tr(), &jar, &q.interaction).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(&lang.tr()),
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let (_, offered) = match offered(&p, &t, &i).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let chosen = parse_method(&q.method).filter(|m| offered.contains(m));
    match chosen.or_else(|| offered.first().copied()) {
        Some(method) => render(&p, t, &i, method, &offered, Problems::default()).await,
        // Nothing to challenge with: the factor must be set up first.
        None => Redirect::to(&format!("/login/enrol?interaction={}", i.id)).into_response(),
    }
}

pub async fn post_factor(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let (user_id, offered) = match offered(&p, &t, &i).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Some(method) = parse_method(&field(&params, "method")).filter(|m| offered.contains(m)) else {
        return pages::expired_page(&t);
    };
    match accounts
        .second_factor(&user_id, method, &field(&params, "code"), &origin)
        .await
    {
        Ok(()) => match p.store.user_by_id(&user_id).await {
            Ok(Some(user)) => flow::proved(&p, &t, &accounts, jar, i, &user, method, origin).await,
            Ok(None) => pages::expired_page(&t),
            Err(e) => flow::failure(&t, &AuthnError::Store(e)),
        },
        Err(AuthnError::InvalidCode) => {
            let problems = Problems::one(&t, "code", "factor-code-wrong");
            render(&p, t, &i, method, &offered, problems).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}
