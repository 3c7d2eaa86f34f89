//! Sign-up: the form, the "check your email" page with its code form, and the live password
//! check behind the form's script.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{self, InteractionForm, bound_interaction, field, interaction_csp};
use super::login::{InteractionQuery, client_name};
use super::pages::{self, CheckEmailPage, RegisterPage};
use crate::authn::{Accounts, AuthnError, SignUp, password_policy};
use crate::domain::Interaction;
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::oidc::authorize::interaction;
use crate::oidc::{OAuthError, Provider};

async fn render(p: &Provider, i: &Interaction, form: &SignUp, problems: Vec<String>) -> Response {
    let status = crate::login_ui::pages::status_for(&problems);
    let page = RegisterPage {
        css_url: pages::css_url(),
        script_url: assets::url("forms.js"),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client_name: client_name(p, i).await,
        email: form.email.clone(),
        name: form.name.clone().unwrap_or_default(),
        phone: form.phone.clone().unwrap_or_default(),
        min_length: p.config.password_min_length,
        problems,
    };
    interaction_csp((status, page).into_response(), i)
}

pub(super) fn check_email_page(
    i: &Interaction,
    email: &str,
    notice: Option<&str>,
    problems: Vec<String>,
) -> Response {
    let status = crate::login_ui::pages::status_for(&problems);
    let page = CheckEmailPage {
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        email: email.to_owned(),
        notice: notice.map(str::to_owned),
        problems,
    };
    interaction_csp((status, page).into_response(), i)
}

fn signup_disabled() -> Response {
    flow::failure(&AuthnError::SignupDisabled)
}

pub async fn get_register(
    State(p): State<Provider>,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    if !p.config.signup_enabled {
        return signup_disabled();
    }
    if q.interaction().is_empty() {
        return flow::start_account_interaction(&p, jar, "/register").await;
    }
    match bound_interaction(&p, &jar, q.interaction()).await {
        Ok(Some(i)) => render(&p, &i, &SignUp::default(), vec![]).await,
        Ok(None) => pages::expired_page(),
        Err(r) => r,
    }
}

pub async fn post_register(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, mut i, params): InteractionForm,
) -> Response {
    let optional = |n: &'static str| Some(field(&params, n)).filter(|v| !v.trim().is_empty());
    let form = SignUp {
        email: field(&params, "email").trim().to_owned(),
        password: field(&params, "password"),
        password_confirm: field(&params, "password_confirm"),
        name: optional("name"),
        phone: optional("phone"),
    };
    match accounts.sign_up(form.clone(), &origin).await {
        Ok(user_id) => {
            i.pending_user = Some(user_id);
            if let Err(e) = interaction::save(&p, &i).await {
                return pages::error_page(StatusCode::SERVICE_UNAVAILABLE, "Please try again", &e);
            }
            check_email_page(&i, &form.email.to_lowercase(), None, vec![])
        }
        Err(AuthnError::Invalid(problems)) => render(&p, &i, &form, problems).await,
        Err(e) => flow::failure(&e),
    }
}

/// The code from the verification mail: verifies the address and signs the user in, since this
/// browser just proved both the password (at sign-up or login) and the mailbox.
pub async fn post_verify_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params): InteractionForm,
) -> Response {
    let Some(user_id) = i.pending_user.clone() else {
        return pages::expired_page();
    };
    match accounts
        .verify_email_code(&user_id, &field(&params, "code"), &origin)
        .await
    {
        Ok(user) => flow::complete_login(&p, &accounts, jar, i, &user, origin).await,
        Err(AuthnError::InvalidCode) => {
            let email = pending_email(&accounts, &user_id).await;
            check_email_page(
                &i,
                &email,
                None,
                vec!["That code is wrong or has expired. Check the newest mail, or send a new code.".into()],
            )
        }
        Err(e) => flow::failure(&e),
    }
}

pub async fn post_resend(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, i, _): InteractionForm,
) -> Response {
    let Some(user_id) = i.pending_user.clone() else {
        return pages::expired_page();
    };
    match accounts.resend_email_verification(&user_id, &origin).await {
        Ok(()) => {
            let email = pending_email(&accounts, &user_id).await;
            check_email_page(&i, &email, Some("We sent a new link and code."), vec![])
        }
        Err(e) => flow::failure(&e),
    }
}

async fn pending_email(accounts: &Accounts, user_id: &str) -> String {
    match accounts.store.user_by_id(user_id).await {
        Ok(Some(u)) => u.email,
        _ => String::new(),
    }
}

/// The live password check: the same rules as on submit. Pure computation, no state.
pub async fn post_check_password(State(p): State<Provider>, form: Result<Form, OAuthError>) -> Response {
    let Ok(Form(params)) = form else {
        return OAuthError::invalid_request("a form body is required").into_response();
    };
    let email = field(&params, "email");
    let name = field(&params, "name");
    let problems = password_policy::check(&p.config, &field(&params, "password"), &[&email, &name]);
    Json(serde_json::json!({ "problems": problems })).into_response()
}
