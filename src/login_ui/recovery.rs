//! Forgotten password: ask for a link or an SMS code, then choose a new password. The answer
//! to the request is the same whether or not the account exists.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::csrf::{self, BrowserForm};
use super::flow::{self, field};
use super::lang::Lang;
use super::pages::{self, ForgotPasswordPage, ResetPasswordPage};
use super::verify_email::{TokenQuery, link_expired};
use crate::authn::{Accounts, AuthnError, ResetChannel, is_plausible_email};
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::Provider;

fn forgot_page(t: Tr, jar: CookieJar, p: &Provider, email: String, problems: Vec<String>) -> Response {
    let status = crate::login_ui::pages::status_for(&problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ForgotPasswordPage {
        t,
        css_url: pages::css_url(),
        csrf,
        email,
        problems,
    };
    (status, jar, page).into_response()
}

struct ResetForm {
    by_code: bool,
    token: String,
    email: String,
    notice: Option<String>,
    problems: Vec<String>,
}

fn reset_page(t: Tr, jar: CookieJar, p: &Provider, f: ResetForm) -> Response {
    let status = crate::login_ui::pages::status_for(&f.problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ResetPasswordPage {
        t,
        css_url: pages::css_url(),
        script_url: assets::url("forms.js"),
        csrf,
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

fn done(t: &Tr) -> Response {
    pages::message_page(
        t,
        StatusCode::OK,
        &t.t("reset-done-title"),
        &t.t("reset-done"),
        Some((&t.t("register-sign-in"), "/account")),
    )
}

pub async fn get_forgot(State(p): State<Provider>, lang: Lang, jar: CookieJar) -> Response {
    forgot_page(lang.tr(), jar, &p, String::new(), vec![])
}

pub async fn post_forgot(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(jar, params, t): BrowserForm,
) -> Response {
    let email = field(&params, "email").trim().to_lowercase();
    if !is_plausible_email(&email) {
        let problem = t.t("problem-email-invalid");
        return forgot_page(t, jar, &p, email, vec![problem]);
    }
    let channel = if field(&params, "channel") == "sms" {
        ResetChannel::Sms
    } else {
        ResetChannel::Email
    };
    if let Err(e) = accounts.forgot_password(&email, channel, &origin).await {
        return flow::failure(&t, &e);
    }
    match channel {
        ResetChannel::Email => pages::message_page(
            &t,
            StatusCode::OK,
            &t.t("forgot-sent-title"),
            &t.t("forgot-sent"),
            Some((&t.t("link-back-to-sign-in"), "/account")),
        ),
        ResetChannel::Sms => reset_page(
            t.clone(),
            jar,
            &p,
            ResetForm {
                by_code: true,
                token: String::new(),
                email,
                notice: Some(t.t("forgot-sms-sent")),
                problems: vec![],
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
    let t = lang.tr();
    match accounts.reset_link_is_live(&q.token).await {
        Ok(true) => reset_page(
            t,
            jar,
            &p,
            ResetForm {
                by_code: false,
                token: q.token,
                email: String::new(),
                notice: None,
                problems: vec![],
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
    BrowserForm(jar, params, t): BrowserForm,
) -> Response {
    let token = field(&params, "token");
    let result = accounts
        .reset_with_link(
            &token,
            &field(&params, "password"),
            &field(&params, "password_confirm"),
            &origin,
        )
        .await;
    match result {
        Ok(_) => done(&t),
        Err(AuthnError::Invalid(problems)) => reset_page(
            t.clone(),
            jar,
            &p,
            ResetForm {
                by_code: false,
                token,
                email: String::new(),
                notice: None,
                problems: flow::say(&t, &problems),
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
    BrowserForm(jar, params, t): BrowserForm,
) -> Response {
    let email = field(&params, "email").trim().to_lowercase();
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
        Ok(_) => return done(&t),
        Err(AuthnError::Invalid(problems)) => flow::say(&t, &problems),
        Err(AuthnError::InvalidCode) => vec![t.t("problem-code-wrong")],
        Err(e) => return flow::failure(&t, &e),
    };
    reset_page(
        t,
        jar,
        &p,
        ResetForm {
            by_code: true,
            token: String::new(),
            email,
            notice: None,
            problems,
        },
    )
}
