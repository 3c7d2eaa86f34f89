//! Your data: download everything (GDPR Art. 15/20) or delete the account (re-authentication).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::security::sudo_second_factor;
use super::{AccountForm, Chrome, SignedIn, with_problems};
use crate::authn::Accounts;
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::{self, field};
use crate::oidc::Provider;
use crate::web::pages;
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "account/data.html")]
struct DataPage {
    c: Chrome,
    retention_days: i64,
}

fn page(p: &Provider, c: Chrome) -> Response {
    let status = crate::web::pages::status_for(&c.problems);
    let page = DataPage {
        c,
        retention_days: p.config.deleted_account_retention / 86_400,
    };
    (status, page).into_response()
}

pub async fn get_data(State(p): State<Provider>, s: SignedIn) -> Response {
    page(&p, Chrome::new(&p, &s, "/account/data"))
}

pub async fn get_export(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
) -> Response {
    if let Err(r) = sudo_second_factor(&accounts, &s, "/account/data/export").await {
        return r;
    }
    let export = match accounts.export(&s.user, &s.session.id, &origin).await {
        Ok(e) => e,
        Err(e) => return flow::failure(&s.t, &e),
    };
    let body = match serde_json::to_vec_pretty(&export) {
        Ok(b) => b,
        Err(_) => return flow::server_error(&s.t),
    };
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"portcullis-account.json\""),
    );
    res
}

pub async fn post_delete(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo_second_factor(&accounts, &s, "/account/data").await {
        return r;
    }
    let c = Chrome::new(&p, &s, "/account/data");
    if field(&params, "confirm") != "yes" {
        return page(&p, c.problems(Problems::one(&s.t, "confirm", "data-delete-tick")));
    }
    match accounts
        .delete_account(&s.user, &field(&params, "password"), &origin)
        .await
    {
        Ok(()) => pages::message_page(
            &s.t,
            StatusCode::OK,
            &s.t.t("data-deleted-title"),
            &s.t.t("data-deleted"),
            None,
        ),
        Err(e) => match with_problems(c, e) {
            Ok(c) => page(&p, c),
            Err(r) => r,
        },
    }
}
