//! Change password: the current one first (re-authentication), then the new one twice.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::security::sudo_second_factor;
use super::{AccountForm, Chrome, SignedIn, outcome};
use crate::authn::Accounts;
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::field;
use crate::oidc::Provider;

#[derive(Template, WebTemplate)]
#[template(path = "account/password.html")]
struct PasswordPage {
    c: Chrome,
    min_length: usize,
    forms_script: String,
}

fn page(p: &Provider, c: Chrome) -> Response {
    let status = crate::web::pages::status_for(&c.problems);
    let page = PasswordPage {
        c,
        min_length: p.config.password_min_length,
        forms_script: assets::url("forms.js"),
    };
    (status, page).into_response()
}

pub async fn get_password(State(p): State<Provider>, s: SignedIn) -> Response {
    page(&p, Chrome::new(&p, &s, "/account/password"))
}

pub async fn post_password(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo_second_factor(&accounts, &s, "/account/password").await {
        return r;
    }
    let result = accounts
        .change_password(
            &s.user,
            &s.session.id,
            &field(&params, "current_password"),
            &field(&params, "password"),
            &field(&params, "password_confirm"),
            &origin,
        )
        .await;
    let c = Chrome::new(&p, &s, "/account/password");
    match outcome(c, result, "password-changed") {
        Ok(c) => page(&p, c),
        Err(r) => r,
    }
}
