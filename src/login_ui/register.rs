//! Sign-up: the form, the "check your email" page with its code form, and the live password
//! check behind the form's script.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{self, InteractionForm, bound_interaction, field, interaction_csp};
use super::flow::{InteractionQuery, client_face};
use super::pages::{self, CheckEmailPage, RegisterPage};
use crate::authn::{Accounts, AuthnError, SignUp, password_policy};
use crate::domain::{Interaction, Method};
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::i18n::Tr;
use crate::oidc::{OAuthError, Provider};
use crate::web::lang::Lang;
use crate::web::problems::Problems;

async fn render(p: &Provider, t: Tr, i: &Interaction, form: &SignUp, problems: Problems) -> Response {
    let status = crate::web::pages::status_for(&problems);
    let page = RegisterPage {
        t,
        css_url: pages::css_url(),
        script_url: assets::url("forms.js"),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        email: form.email.clone(),
        name: form.name.clone().unwrap_or_default(),
        phone: form.phone.clone().unwrap_or_default(),
        min_length: p.config.password_min_length,
        problems,
    };
    interaction_csp((status, page).into_response(), i)
}

pub(super) fn check_email_page(
    t: Tr,
    i: &Interaction,
    email: &str,
    notice: Option<String>,
    problems: Problems,
) -> Response {
    let status = crate::web::pages::status_for(&problems);
    let page = CheckEmailPage {
        t,
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        email: email.to_owned(),
        notice,
        problems,
    };
    interaction_csp((status, page).into_response(), i)
}

fn signup_disabled(t: &Tr) -> Response {
    flow::failure(t, &AuthnError::SignupDisabled)
}

pub async fn get_register(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    if !p.config.signup_enabled {
        return signup_disabled(&lang.tr());
    }
    if q.interaction().is_empty() {
        return flow::start_account_interaction(&p, &lang.tr(), jar, "/register").await;
    }
    match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) => render(&p, lang.of(&i), &i, &SignUp::default(), Problems::default()).await,
        Ok(None) => pages::expired_page(&lang.tr()),
        Err(r) => r,
    }
}

pub async fn post_register(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, mut i, params, t): InteractionForm,
) -> Response {
    let optional = |n: &'static str| Some(field(&params, n)).filter(|v| !v.trim().is_empty());
    let form = SignUp {
        email: field(&params, "email").trim().to_owned(),
        password: field(&params, "password"),
        password_confirm: field(&params, "password_confirm"),
        name: optional("name"),
        phone: optional("phone"),
        locale: Some(t.lang().to_owned()),
        continue_in: Some(i.id.clone()),
    };
    match accounts.sign_up(form.clone(), &origin).await {
        Ok(user_id) => {
            i.pending_user = Some(user_id);
            if let Err(e) = p.interactions.save(&i).await {
                return flow::failure(&t, &AuthnError::Cache(e));
            }
            check_email_page(t, &i, &form.email.to_lowercase(), None, Problems::default())
        }
        Err(AuthnError::Invalid(problems)) => {
            let problems = Problems::say(&t, &problems);
            render(&p, t, &i, &form, problems).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// The code from the verification mail: verifies the address and signs the user in, since this
/// browser just proved both the password (at sign-up or login) and the mailbox.
pub async fn post_verify_code(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let Some(user_id) = i.pending_user.clone() else {
        return pages::expired_page(&t);
    };
    match accounts
        .verify_email_code(&user_id, &field(&params, "code"), &origin)
        .await
    {
        Ok(user) => flow::proved(&p, &t, &accounts, jar, i, &user, Method::Password, origin).await,
        Err(AuthnError::InvalidCode) => {
            let email = pending_email(&accounts, &user_id).await;
            let problems = Problems::one(&t, "code", "check-email-code-wrong");
            check_email_page(t, &i, &email, None, problems)
        }
        Err(e) => flow::failure(&t, &e),
    }
}

pub async fn post_resend(
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, i, _, t): InteractionForm,
) -> Response {
    let Some(user_id) = i.pending_user.clone() else {
        return pages::expired_page(&t);
    };
    match accounts
        .resend_email_verification(&user_id, &origin, Some(&i.id))
        .await
    {
        Ok(()) => {
            let email = pending_email(&accounts, &user_id).await;
            let notice = t.t("check-email-resent");
            check_email_page(t, &i, &email, Some(notice), Problems::default())
        }
        Err(e) => flow::failure(&t, &e),
    }
}

async fn pending_email(accounts: &Accounts, user_id: &str) -> String {
    match accounts.store.users().user_by_id(user_id).await {
        Ok(Some(u)) => u.email,
        _ => String::new(),
    }
}

/// The live password check: the same rules as on submit, in the page's language. Pure
/// computation, no state.
pub async fn post_check_password(
    State(p): State<Provider>,
    lang: Lang,
    form: Result<Form, OAuthError>,
) -> Response {
    let Ok(Form(params)) = form else {
        return OAuthError::invalid_request("a form body is required").into_response();
    };
    let email = field(&params, "email");
    let name = field(&params, "name");
    let problems = password_policy::check(&p.config, &field(&params, "password"), &[&email, &name]);
    let problems = Problems::say(&lang.tr(), &problems);
    Json(serde_json::json!({ "problems": problems.texts() })).into_response()
}
