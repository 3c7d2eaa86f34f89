//! Forgotten password: ask for a link or an SMS code, then choose a new password. The answer
//! to the request is the same whether or not the account exists.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::csrf::{self, BrowserForm};
use super::flow::InteractionQuery;
use super::flow::{self, field};
use super::pages::{self, ForgotPasswordPage, ResetPasswordPage};
use super::verify_email::{TokenQuery, link_expired};
use crate::authn::{Accounts, AuthnError, ResetChannel, is_plausible_email};
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

fn forgot_page(
    t: Tr,
    jar: CookieJar,
    p: &Provider,
    interaction: String,
    email: String,
    problems: Problems,
) -> Response {
    let status = crate::web::pages::status_for(&problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ForgotPasswordPage {
        t,
        css_url: pages::css_url(),
        csrf,
        interaction,
        email,
        problems,
    };
    (status, jar, page).into_response()
}

struct ResetForm {
    interaction: String,
    by_code: bool,
    token: String,
    email: String,
    notice: Option<String>,
    problems: Problems,
}

fn reset_page(t: Tr, jar: CookieJar, p: &Provider, f: ResetForm) -> Response {
    let status = crate::web::pages::status_for(&f.problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ResetPasswordPage {
        t,
        css_url: pages::css_url(),
        script_url: assets::url("forms.js"),
        csrf,
        interaction: f.interaction,
        action: if f.by_code {
            "/reset-password/code"
        } else {
            "/reset-password"
        },
        by_code: f.by_code,
        token: f.token,
        email: f.email,
        min_length: p.config.password_min_length,
        notice: f.notice,
        problems: f.problems,
    };
    (status, jar, page).into_response()
}

/// The password is changed: back to the sign-in it interrupted, if this browser holds it.
fn done(t: &Tr, d: &flow::Detour) -> Response {
    flow::detour_done(t, d, "reset-done-title", "reset-done")
}

pub async fn get_forgot(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    let none = Problems::default();
    let t = flow::detour(&p, &lang.tr(), &jar, q.interaction())
        .await
        .tr(&lang);
    forgot_page(t, jar, &p, q.interaction().to_owned(), String::new(), none)
}

pub async fn post_forgot(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    BrowserForm(jar, params, _): BrowserForm,
) -> Response {
    let interaction = field(&params, "interaction");
    let t = flow::detour(&p, &lang.tr(), &jar, &interaction).await.tr(&lang);
    let email = field(&params, "email").trim().to_lowercase();
    if !is_plausible_email(&email) {
        let problems = Problems::one(&t, "email", "problem-email-invalid");
        return forgot_page(t, jar, &p, interaction, email, problems);
    }
    let channel = if field(&params, "channel") == "sms" {
        ResetChannel::Sms
    } else {
        ResetChannel::Email
    };
    let continue_in = Some(interaction.as_str()).filter(|i| !i.is_empty());
    if let Err(e) = accounts
        .forgot_password(&email, channel, &origin, continue_in)
        .await
    {
        return flow::failure(&t, &e);
    }
    let back = match continue_in {
        Some(id) => format!("/login?interaction={id}"),
        None => "/account".to_owned(),
    };
    match channel {
        ResetChannel::Email => pages::message_page(
            &t,
            StatusCode::OK,
            &t.t("forgot-sent-title"),
            &t.t("forgot-sent"),
            Some((&t.t("link-back-to-sign-in"), &back)),
        ),
        ResetChannel::Sms => reset_page(
            t.clone(),
            jar,
            &p,
            ResetForm {
                interaction,
                by_code: true,
                token: String::new(),
                email,
                notice: Some(t.t("forgot-sms-sent")),
                problems: Problems::default(),
            },
        ),
    }
}

pub async fn get_reset(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let t = flow::detour(&p, &lang.tr(), &jar, &q.interaction).await.tr(&lang);
    match accounts.reset_link_is_live(&q.token).await {
        Ok(true) => reset_page(
            t,
            jar,
            &p,
            ResetForm {
                interaction: q.interaction,
                by_code: false,
                token: q.token,
                email: String::new(),
                notice: None,
                problems: Problems::default(),
            },
        ),
        Ok(false) => link_expired(&lang.tr()),
        Err(e) => flow::failure(&lang.tr(), &e),
    }
}

pub async fn post_reset(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    BrowserForm(jar, params, _): BrowserForm,
) -> Response {
    let token = field(&params, "token");
    let interaction = field(&params, "interaction");
    let d = flow::detour(&p, &lang.tr(), &jar, &interaction).await;
    let t = d.tr(&lang);
    let result = accounts
        .reset_with_link(
            &token,
            &field(&params, "password"),
            &field(&params, "password_confirm"),
            &origin,
        )
        .await;
    match result {
        Ok(_) => done(&t, &d),
        Err(AuthnError::Invalid(problems)) => reset_page(
            t.clone(),
            jar,
            &p,
            ResetForm {
                interaction,
                by_code: false,
                token,
                email: String::new(),
                notice: None,
                problems: Problems::say(&t, &problems),
            },
        ),
        Err(AuthnError::InvalidCode) => link_expired(&t),
        Err(e) => flow::failure(&t, &e),
    }
}

pub async fn post_reset_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    BrowserForm(jar, params, _): BrowserForm,
) -> Response {
    let email = field(&params, "email").trim().to_lowercase();
    let interaction = field(&params, "interaction");
    let d = flow::detour(&p, &lang.tr(), &jar, &interaction).await;
    let t = d.tr(&lang);
    let result = accounts
        .reset_with_code(
            &email,
            &field(&params, "code"),
            &field(&params, "password"),
            &field(&params, "password_confirm"),
            &origin,
        )
        .await;
    let problems = match result {
        Ok(_) => return done(&t, &d),
        Err(AuthnError::Invalid(problems)) => Problems::say(&t, &problems),
        Err(AuthnError::InvalidCode) => Problems::one(&t, "code", "problem-code-wrong"),
        Err(e) => return flow::failure(&t, &e),
    };
    reset_page(
        t,
        jar,
        &p,
        ResetForm {
            interaction,
            by_code: true,
            token: String::new(),
            email,
            notice: None,
            problems,
        },
    )
}
