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
use super::passkey::credential;
use crate::authn::engine::method_name;
use crate::authn::second_factor::{destination, masked};
use crate::authn::{Accounts, AuthnError};
use crate::domain::{Interaction, Method, User};
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::mfa::Channel;
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
    /// A passkey or security key: the page asks the browser for it instead of a code.
    webauthn: bool,
    webauthn_script: String,
    intro: String,
    /// For a code sent by mail or text message: where it goes, partly hidden (the page offers
    /// to send it).
    send_to: Option<String>,
    notice: Option<String>,
    /// Days "Don't ask again on this device" lasts, when the deployment offers it.
    remember_days: Option<i64>,
    label: &'static str,
    numeric: bool,
    /// "Try another way": a label (message id) and a link for each other method.
    others: Vec<(&'static str, String)>,
    problems: Problems,
    cancellable: bool,
}

/// Any passkey or security key, as the challenge offers them (one choice for all).
const ANY_KEY: Method = Method::WebAuthn {
    user_verified: false,
    hardware: false,
};

/// The second factors a challenge offers, in this order.
const CHALLENGE_METHODS: [Method; 5] = [
    Method::Totp,
    ANY_KEY,
    Method::EmailCode,
    Method::SmsCode,
    Method::RecoveryCode,
];

/// `m` is of the kind of `offered` (any WebAuthn credential is a key).
fn same_kind(m: Method, offered: Method) -> bool {
    std::mem::discriminant(&m) == std::mem::discriminant(&offered)
}

fn parse_method(name: &str) -> Option<Method> {
    CHALLENGE_METHODS.into_iter().find(|m| method_name(*m) == name)
}

/// What the challenge shows: the user's factors and where their codes would go.
struct Offer {
    user: User,
    methods: Vec<Method>,
}

impl Offer {
    fn send_to(&self, method: Method) -> Option<String> {
        Channel::of(method)
            .and_then(|c| destination(&self.user, c))
            .map(|to| masked(&to))
    }
}

async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    method: Method,
    offer: &Offer,
    problems: Problems,
    notice: Option<String>,
) -> Response {
    let send_to = offer.send_to(method);
    let (intro, label, numeric) = match method {
        Method::RecoveryCode => (t.t("factor-intro-recovery"), "factor-recovery-code", false),
        Method::WebAuthn { .. } => (t.t("factor-intro-webauthn"), "factor-code", false),
        Method::EmailCode | Method::SmsCode => (
            t.t1("factor-intro-sent", "to", send_to.as_deref().unwrap_or("")),
            "factor-code",
            true,
        ),
        _ => (t.t("factor-intro-totp"), "factor-code", true),
    };
    let others = offer
        .methods
        .iter()
        .filter(|m| **m != method)
        .map(|m| {
            let label = match m {
                Method::RecoveryCode => "factor-use-recovery",
                Method::EmailCode => "factor-use-email",
                Method::SmsCode => "factor-use-sms",
                Method::WebAuthn { .. } => "factor-use-webauthn",
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
        webauthn: same_kind(method, ANY_KEY),
        webauthn_script: crate::http::assets::url("webauthn.js"),
        intro,
        send_to,
        notice,
        remember_days: p.config.remember_device.map(|ttl| ttl / 86_400),
        label,
        numeric,
        others,
        problems,
        cancellable: i.authorization().is_some(),
    };
    interaction_csp((status, page).into_response(), i)
}

/// The user's code-taking factors (a channel only while its address or phone is verified).
async fn offered(p: &Provider, t: &Tr, i: &Interaction) -> Result<Offer, Response> {
    let Some(auth) = i.authentication.as_ref() else {
        return Err(pages::expired_page(t));
    };
    let user = match p.store.users().user_by_id(&auth.user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return Err(pages::expired_page(t)),
        Err(e) => return Err(flow::failure(t, &AuthnError::Store(e))),
    };
    let enrolled = p
        .mfa
        .enrolled(&auth.user_id)
        .await
        .map_err(|e| flow::failure(t, &e.into()))?;
    let methods = CHALLENGE_METHODS
        .into_iter()
        .filter(|m| enrolled.iter().any(|e| same_kind(*e, *m)))
        .filter(|m| !same_kind(*m, ANY_KEY) || p.mfa.webauthn.is_some())
        .filter(|m| Channel::of(*m).is_none_or(|c| destination(&user, c).is_some()))
        .collect();
    Ok(Offer { user, methods })
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
    let offer = match offered(&p, &t, &i).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let chosen = parse_method(&q.method).filter(|m| offer.methods.contains(m));
    match chosen.or_else(|| offer.methods.first().copied()) {
        Some(method) => render(&p, t, &i, method, &offer, Problems::default(), None).await,
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
    let offer = match offered(&p, &t, &i).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Some(method) = parse_method(&field(&params, "method")).filter(|m| offer.methods.contains(m)) else {
        return pages::expired_page(&t);
    };
    let result = match method {
        Method::WebAuthn { .. } => {
            let (ceremony, response) = (field(&params, "ceremony"), credential(&params));
            accounts
                .webauthn_factor(&offer.user.id, &ceremony, &response, &origin)
                .await
        }
        _ => accounts
            .second_factor(&offer.user.id, method, &field(&params, "code"), &origin)
            .await
            .map(|()| method),
    };
    match result {
        Ok(proved) => {
            let jar = match field(&params, "remember").as_str() {
                "yes" => match accounts.remember_device(&offer.user, &origin).await {
                    Ok(Some((token, ttl))) => jar.add(flow::device_cookie(&p, token, ttl)),
                    Ok(None) => jar,
                    Err(e) => return flow::failure(&t, &e),
                },
                _ => jar,
            };
            flow::proved(&p, &t, &accounts, jar, i, &offer.user, proved, origin).await
        }
        Err(AuthnError::InvalidCode) => {
            let wrong = if same_kind(method, ANY_KEY) {
                "webauthn-failed"
            } else {
                "factor-code-wrong"
            };
            let problems = Problems::one(&t, "code", wrong);
            render(&p, t, &i, method, &offer, problems, None).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// "Send code": a code by mail or text message, then the same page to enter it.
pub async fn post_send(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, i, params, t): InteractionForm,
) -> Response {
    let offer = match offered(&p, &t, &i).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let method = parse_method(&field(&params, "method")).filter(|m| offer.methods.contains(m));
    let Some((method, channel)) = method.and_then(|m| Channel::of(m).map(|c| (m, c))) else {
        return pages::expired_page(&t);
    };
    match accounts.send_sign_in_code(&offer.user.id, channel, &origin).await {
        Ok(to) => {
            let notice = t.t1("factor-code-sent", "to", to);
            render(&p, t, &i, method, &offer, Problems::default(), Some(notice)).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}
