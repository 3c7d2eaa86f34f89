//! The link in the verification mail. Opening it shows a button; pressing it verifies (mail
//! scanners that fetch links must not use them up).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::csrf::{self, BrowserForm};
use super::flow::{self, field};
use super::pages;
use crate::authn::{Accounts, AuthnError};
use crate::http::origin::ClientOrigin;
use crate::oidc::Provider;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

pub fn link_expired() -> Response {
    pages::message_page(
        StatusCode::BAD_REQUEST,
        "This link has expired",
        "The link was already used or is too old. Sign in to get a new one.",
        Some(("Sign in", "/account")),
    )
}

pub async fn get_verify_email(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let live = accounts.email_link_is_live(&q.token).await;
    confirm_link_page(
        &p,
        jar,
        live,
        "Confirm your email address",
        "Press the button to confirm that this address is yours.",
        "/verify-email",
        q.token,
    )
}

/// The page behind a one-time link: a button that posts its token to `action`, or "expired".
pub fn confirm_link_page(
    p: &Provider,
    jar: CookieJar,
    live: Result<bool, AuthnError>,
    title: &'static str,
    message: &'static str,
    action: &'static str,
    token: String,
) -> Response {
    match live {
        Ok(true) => {}
        Ok(false) => return link_expired(),
        Err(e) => return flow::failure(&e),
    }
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = pages::ConfirmPage {
        css_url: pages::css_url(),
        title,
        message,
        action,
        token,
        csrf,
        button: "Confirm",
    };
    (jar, page).into_response()
}

pub async fn post_verify_email(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(_, params): BrowserForm,
) -> Response {
    match accounts
        .verify_email_link(&field(&params, "token"), &origin)
        .await
    {
        Ok(_) => pages::message_page(
            StatusCode::OK,
            "Email verified",
            "Thank you. Your email address is verified and you can sign in.",
            Some(("Continue", "/account")),
        ),
        Err(AuthnError::InvalidCode) => link_expired(),
        Err(e) => flow::failure(&e),
    }
}
