//! Forgotten password: ask for a link or an SMS code, then choose a new password. The answer
//! to the request is the same whether or not the account exists.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::csrf::{self, BrowserForm};
use super::flow::{self, field};
use super::pages::{self, ForgotPasswordPage, ResetPasswordPage};
use super::verify_email::{TokenQuery, link_expired};
use crate::authn::{Accounts, AuthnError, ResetChannel, is_plausible_email};
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::oidc::Provider;

const RESET_DONE: &str =
    "Your password was changed and you were signed out everywhere. Sign in with the new password.";

fn forgot_page(jar: CookieJar, p: &Provider, email: String, problems: Vec<String>) -> Response {
    let status = crate::login_ui::pages::status_for(&problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ForgotPasswordPage {
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

fn reset_page(jar: CookieJar, p: &Provider, f: ResetForm) -> Response {
    let status = crate::login_ui::pages::status_for(&f.problems);
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = ResetPasswordPage {
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

fn done() -> Response {
    pages::message_page(
        StatusCode::OK,
        "Password changed",
        RESET_DONE,
        Some(("Sign in", "/account")),
    )
}

pub async fn get_forgot(State(p): State<Provider>, jar: CookieJar) -> Response {
    forgot_page(jar, &p, String::new(), vec![])
}

pub async fn post_forgot(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(jar, params): BrowserForm,
) -> Response {
    let email = field(&params, "email").trim().to_lowercase();
    if !is_plausible_email(&email) {
        return forgot_page(
            jar,
            &p,
            email,
            vec!["Enter an email address like name@example.com.".into()],
        );
    }
    let channel = if field(&params, "channel") == "sms" {
        ResetChannel::Sms
    } else {
        ResetChannel::Email
    };
    if let Err(e) = accounts.forgot_password(&email, channel, &origin).await {
        return flow::failure(&e);
    }
    match channel {
        ResetChannel::Email => pages::message_page(
            StatusCode::OK,
            "Check your email",
            "If an account uses that address, we have sent it a link to choose a new password. The link works once, for a limited time.",
            Some(("Back to sign in", "/account")),
        ),
        ResetChannel::Sms => reset_page(
            jar,
            &p,
            ResetForm {
                by_code: true,
                token: String::new(),
                email,
                notice: Some("If the account has a verified phone number, we have sent it a code.".into()),
                problems: vec![],
            },
        ),
    }
}

pub async fn get_reset(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    match accounts.reset_link_is_live(&q.token).await {
        Ok(true) => reset_page(
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
        Ok(false) => link_expired(),
        Err(e) => flow::failure(&e),
    }
}

pub async fn post_reset(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(jar, params): BrowserForm,
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
        Ok(_) => done(),
        Err(AuthnError::Invalid(problems)) => reset_page(
            jar,
            &p,
            ResetForm {
                by_code: false,
                token,
                email: String::new(),
                notice: None,
                problems,
            },
        ),
        Err(AuthnError::InvalidCode) => link_expired(),
        Err(e) => flow::failure(&e),
    }
}

pub async fn post_reset_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(jar, params): BrowserForm,
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
        Ok(_) => return done(),
        Err(AuthnError::Invalid(problems)) => problems,
        Err(AuthnError::InvalidCode) => vec!["That code is wrong or has expired.".into()],
        Err(e) => return flow::failure(&e),
    };
    reset_page(
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
