//! Profile: name, e-mail address (changed only after the new one is verified) and phone number
//! (saved once the texted code comes back).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::security::sudo_second_factor;
use super::{AccountForm, Chrome, SignedIn, outcome};
use crate::authn::{Accounts, AuthnError};
use crate::http::origin::ClientOrigin;
use crate::login_ui::csrf::BrowserForm;
use crate::login_ui::flow::{self, field};
use crate::login_ui::verify_email::{TokenQuery, confirm_link_page, link_expired};
use crate::oidc::Provider;
use crate::web::lang::Lang;
use crate::web::pages;
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "account/profile.html")]
struct ProfilePage {
    c: Chrome,
    name: String,
    email_verified: bool,
    phone: Option<String>,
    phone_verified: bool,
    email_code_form: bool,
    phone_code_form: bool,
}

/// Which code form to show after a request.
#[derive(PartialEq)]
enum Pending {
    Nothing,
    EmailCode,
    PhoneCode,
}

fn page(s: &SignedIn, c: Chrome, pending: Pending) -> Response {
    let status = crate::web::pages::status_for(&c.problems);
    let page = ProfilePage {
        c,
        name: s.user.name.clone().unwrap_or_default(),
        email_verified: s.user.email_verified,
        phone: s.user.phone_number.clone(),
        phone_verified: s.user.phone_number_verified,
        email_code_form: pending == Pending::EmailCode,
        phone_code_form: pending == Pending::PhoneCode,
    };
    (status, page).into_response()
}

/// The page after a change: on success the user is read again (so the page shows the new state)
/// with `done` and the `next` code form; on a mistake the problems and the `retry` form.
async fn after<T>(
    p: &Provider,
    mut s: SignedIn,
    result: Result<T, AuthnError>,
    done: &str,
    next: Pending,
    retry: Pending,
) -> Response {
    let pending = if result.is_ok() {
        if let Ok(Some(u)) = p.store.users().user_by_id(&s.user.id).await {
            s.user = u;
        }
        next
    } else {
        retry
    };
    match outcome(Chrome::new(p, &s, "/account"), result, done) {
        Ok(c) => page(&s, c, pending),
        Err(r) => r,
    }
}

pub async fn get_profile(State(p): State<Provider>, s: SignedIn) -> Response {
    page(&s, Chrome::new(&p, &s, "/account"), Pending::Nothing)
}

pub async fn post_name(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let name = field(&params, "name");
    let result = accounts.update_name(&s.user, Some(&name), &origin).await;
    after(
        &p,
        s,
        result,
        "profile-name-saved",
        Pending::Nothing,
        Pending::Nothing,
    )
    .await
}

pub async fn post_email(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo_second_factor(&accounts, &s, "/account").await {
        return r;
    }
    let result = accounts
        .request_email_change(
            &s.user,
            &field(&params, "new_email"),
            &field(&params, "password"),
            &origin,
        )
        .await;
    let done = "profile-email-check";
    after(&p, s, result, done, Pending::EmailCode, Pending::Nothing).await
}

pub async fn post_email_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let result = accounts
        .confirm_email_change_code(&s.user, &field(&params, "code"), &origin)
        .await;
    let done = "profile-email-changed";
    after(&p, s, result, done, Pending::Nothing, Pending::EmailCode).await
}
/// The link from the new address's mail. It works in any browser (the link is the proof), after
/// a button press.
pub async fn get_email_confirm(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let live = accounts.email_change_link_is_live(&q.token).await;
    confirm_link_page(
        &p,
        lang.tr(),
        jar,
        live,
        "profile-email-confirm-title",
        "profile-email-confirm",
        "/account/email/confirm",
        q.token,
        String::new(),
    )
}

pub async fn post_email_confirm(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    BrowserForm(_, params, t): BrowserForm,
) -> Response {
    let to_account = t.t("profile-go-to-account");
    match accounts
        .confirm_email_change_link(&field(&params, "token"), &origin)
        .await
    {
        Ok(_) => pages::message_page(
            &t,
            StatusCode::OK,
            &t.t("profile-email-done-title"),
            &t.t("profile-email-done"),
            Some((&to_account, "/account")),
        ),
        Err(AuthnError::InvalidCode) => link_expired(&t),
        Err(AuthnError::Invalid(problems)) => pages::message_page(
            &t,
            StatusCode::CONFLICT,
            &t.t("profile-email-failed-title"),
            &Problems::say(&t, &problems).texts().join(" "),
            Some((&to_account, "/account")),
        ),
        Err(e) => flow::failure(&t, &e),
    }
}

pub async fn post_phone(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let result = accounts
        .request_phone_change(&s.user, &field(&params, "phone"), &origin)
        .await;
    let done = "profile-phone-sent";
    after(&p, s, result, done, Pending::PhoneCode, Pending::Nothing).await
}

pub async fn post_phone_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let result = accounts
        .verify_phone(&s.user, &field(&params, "code"), &origin)
        .await;
    let done = "profile-phone-verified";
    after(&p, s, result, done, Pending::Nothing, Pending::PhoneCode).await
}

pub async fn post_phone_remove(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, _): AccountForm,
) -> Response {
    let result = accounts.remove_phone(&s.user, &origin).await;
    after(
        &p,
        s,
        result,
        "profile-phone-removed",
        Pending::Nothing,
        Pending::Nothing,
    )
    .await
}
