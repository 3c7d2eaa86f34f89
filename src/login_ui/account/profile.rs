//! Profile: name, e-mail address (changed only after the new one is verified) and phone number
//! (saved once the texted code comes back).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::{Chrome, SignedIn, checked_form, problems_of};
use crate::authn::Accounts;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::login_ui::flow::{self, field};
use crate::login_ui::verify_email::{TokenQuery, confirm_link_page, link_expired};
use crate::login_ui::{csrf, pages};
use crate::oidc::{OAuthError, Provider};

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

fn page(p: &Provider, s: &SignedIn, c: Option<Chrome>, pending: Pending) -> Response {
    let c = c.unwrap_or_else(|| Chrome::new(p, s, "/account"));
    let status = crate::login_ui::pages::status_for(&c.problems);
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

/// Re-reads the user after a change, so the page shows the new state.
async fn reload(p: &Provider, mut s: SignedIn) -> SignedIn {
    if let Ok(Some(u)) = p.store.user_by_id(&s.user.id).await {
        s.user = u;
    }
    s
}

pub async fn get_profile(State(p): State<Provider>, s: SignedIn) -> Response {
    page(&p, &s, None, Pending::Nothing)
}

pub async fn post_name(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match checked_form(&p, &s, form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let name = field(&params, "name");
    let chrome = match accounts.update_name(&s.user, Some(&name), &origin).await {
        Ok(()) => Chrome::new(&p, &s, "/account").status("Name saved."),
        Err(e) => match problems_of(e) {
            Ok(problems) => Chrome::new(&p, &s, "/account").problems(problems),
            Err(r) => return r,
        },
    };
    let s = reload(&p, s).await;
    page(&p, &s, Some(chrome), Pending::Nothing)
}

pub async fn post_email(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match checked_form(&p, &s, form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = accounts
        .request_email_change(
            &s.user,
            &field(&params, "new_email"),
            &field(&params, "password"),
            &origin,
        )
        .await;
    let c = Chrome::new(&p, &s, "/account");
    match result {
        Ok(()) => page(
            &p,
            &s,
            Some(c.status("Check the new address: open the link we sent, or enter its code here.")),
            Pending::EmailCode,
        ),
        Err(e) => match problems_of(e) {
            Ok(problems) => page(&p, &s, Some(c.problems(problems)), Pending::Nothing),
            Err(r) => r,
        },
    }
}

pub async fn post_email_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match checked_form(&p, &s, form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match accounts
        .confirm_email_change_code(&s.user, &field(&params, "code"), &origin)
        .await
    {
        Ok(_) => {
            let s = reload(&p, s).await;
            let c = Chrome::new(&p, &s, "/account").status("Your email address was changed.");
            page(&p, &s, Some(c), Pending::Nothing)
        }
        Err(e) => match problems_of(e) {
            Ok(problems) => {
                let c = Chrome::new(&p, &s, "/account").problems(problems);
                page(&p, &s, Some(c), Pending::EmailCode)
            }
            Err(r) => r,
        },
    }
}

/// The link from the new address's mail. It works in any browser (the link is the proof), after
/// a button press.
pub async fn get_email_confirm(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let live = accounts.email_change_link_is_live(&q.token).await;
    confirm_link_page(
        &p,
        jar,
        live,
        "Confirm your new email address",
        "Press the button to make this address your account's email address.",
        "/account/email/confirm",
        q.token,
    )
}

pub async fn post_email_confirm(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match csrf::posted_form(&p, &jar, form) {
        Ok(params) => params,
        Err(r) => return r,
    };
    match accounts
        .confirm_email_change_link(&field(&params, "token"), &origin)
        .await
    {
        Ok(_) => pages::message_page(
            StatusCode::OK,
            "Email address changed",
            "Your account now uses this address.",
            Some(("Go to your account", "/account")),
        ),
        Err(crate::authn::AuthnError::InvalidCode) => link_expired(),
        Err(crate::authn::AuthnError::Invalid(problems)) => pages::message_page(
            StatusCode::CONFLICT,
            "The address was not changed",
            &problems.join(" "),
            Some(("Go to your account", "/account")),
        ),
        Err(e) => flow::failure(&e),
    }
}

pub async fn post_phone(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match checked_form(&p, &s, form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let c = Chrome::new(&p, &s, "/account");
    match accounts
        .request_phone_change(&s.user, &field(&params, "phone"), &origin)
        .await
    {
        Ok(()) => page(
            &p,
            &s,
            Some(c.status("We texted a code to the new number. Enter it to save the number.")),
            Pending::PhoneCode,
        ),
        Err(e) => match problems_of(e) {
            Ok(problems) => page(&p, &s, Some(c.problems(problems)), Pending::Nothing),
            Err(r) => r,
        },
    }
}

pub async fn post_phone_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    let params = match checked_form(&p, &s, form) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match accounts
        .verify_phone(&s.user, &field(&params, "code"), &origin)
        .await
    {
        Ok(_) => {
            let s = reload(&p, s).await;
            let c = Chrome::new(&p, &s, "/account").status("Phone number verified.");
            page(&p, &s, Some(c), Pending::Nothing)
        }
        Err(e) => match problems_of(e) {
            Ok(problems) => {
                let c = Chrome::new(&p, &s, "/account").problems(problems);
                page(&p, &s, Some(c), Pending::PhoneCode)
            }
            Err(r) => r,
        },
    }
}

pub async fn post_phone_remove(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    s: SignedIn,
    form: Result<Form, OAuthError>,
) -> Response {
    if let Err(r) = checked_form(&p, &s, form) {
        return r;
    }
    if let Err(e) = accounts.remove_phone(&s.user, &origin).await {
        return flow::failure(&e);
    }
    let s = reload(&p, s).await;
    let c = Chrome::new(&p, &s, "/account").status("Phone number removed.");
    page(&p, &s, Some(c), Pending::Nothing)
}
