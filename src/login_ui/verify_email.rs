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
use crate::domain::Method;
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::web::lang::Lang;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
    /// The sign-in the link leads back to, if it began in one.
    #[serde(default)]
    pub interaction: String,
}

pub fn link_expired(t: &Tr) -> Response {
    pages::message_page(
        t,
        StatusCode::BAD_REQUEST,
        &t.t("verify-expired-title"),
        &t.t("verify-expired"),
        Some((&t.t("register-sign-in"), "/account")),
    )
}

pub async fn get_verify_email(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let live = accounts.email_link_is_live(&q.token).await;
    let t = flow::detour(&p, &lang.tr(), &jar, &q.interaction).await.tr(&lang);
    confirm_link_page(
        &p,
        t,
        jar,
        live,
        "verify-confirm-title",
        "verify-confirm",
        "/verify-email",
        q.token,
        q.interaction,
    )
}

/// The page behind a one-time link: a button that posts its token to `action`, or "expired".
/// `title` and `message` are message ids.
#[allow(clippy::too_many_arguments)] // the page's parts, each used once
pub fn confirm_link_page(
    p: &Provider,
    t: Tr,
    jar: CookieJar,
    live: Result<bool, AuthnError>,
    title: &'static str,
    message: &'static str,
    action: &'static str,
    token: String,
    interaction: String,
) -> Response {
    match live {
        Ok(true) => {}
        Ok(false) => return link_expired(&t),
        Err(e) => return flow::failure(&t, &e),
    }
    let (jar, csrf) = csrf::for_browser(p, jar);
    let page = pages::ConfirmPage {
        css_url: pages::css_url(),
        title: t.t(title),
        message: t.t(message),
        action,
        token,
        csrf,
        interaction,
        button: t.t("verify-confirm-button"),
        t,
    };
    (jar, page).into_response()
}

/// Verifies the address. Opened in the browser that signed up and waits at "check your
/// email", it completes that sign-in as the code would: this browser proved the password and
/// now the mailbox.
pub async fn post_verify_email(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    BrowserForm(jar, params, _): BrowserForm,
) -> Response {
    let d = flow::detour(&p, &lang.tr(), &jar, &field(&params, "interaction")).await;
    let t = d.tr(&lang);
    match accounts
        .verify_email_link(&field(&params, "token"), &origin)
        .await
    {
        Ok(user) => match d {
            flow::Detour::Resume(i) if i.pending_user.as_deref() == Some(user.id.as_str()) => {
                flow::proved(&p, &t, &accounts, jar, *i, &user, Method::Password, origin).await
            }
            d => flow::detour_done(&t, &d, "verify-done-title", "verify-done"),
        },
        Err(AuthnError::InvalidCode) => link_expired(&t),
        Err(e) => flow::failure(&t, &e),
    }
}
