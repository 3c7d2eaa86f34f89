//! The hosted login page: e-mail and password, then back to the authorization request (or to
//! the account pages when the sign-in is for them).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::{self, InteractionForm, bound_interaction, field, interaction_csp};
use super::pages::{self, LoginPage};
use super::register::check_email_page;
use crate::authn::{Accounts, AuthnError};
use crate::domain::Interaction;
use crate::http::origin::ClientOrigin;
use crate::oidc::{Provider, authorize::interaction};

/// The one message for every failed login: it must not tell which part was wrong.
pub const INVALID_CREDENTIALS: &str = "The email address or password is incorrect.";

#[derive(Deserialize)]
pub struct InteractionQuery {
    interaction: Option<String>,
}

impl InteractionQuery {
    pub fn interaction(&self) -> &str {
        self.interaction.as_deref().unwrap_or("")
    }
}

pub async fn client_name(p: &Provider, i: &Interaction) -> String {
    match &i.request {
        Some(r) => match p.store.client(&r.client_id).await {
            Ok(Some(c)) => c.name,
            _ => String::new(),
        },
        None => String::new(),
    }
}

async fn render(
    p: &Provider,
    i: &Interaction,
    username: String,
    status: StatusCode,
    problems: Vec<String>,
    notice: Option<String>,
) -> Response {
    let page = LoginPage {
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client_name: client_name(p, i).await,
        username,
        problems,
        notice,
        signup_enabled: p.config.signup_enabled,
    };
    interaction_csp((status, page).into_response(), i)
}

/// `/login?interaction=…` for a client's request; plain `/login` starts a sign-in to the
/// account pages.
pub async fn get_login(
    State(p): State<Provider>,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    if q.interaction.is_none() {
        return flow::start_account_interaction(&p, jar, "/login").await;
    }
    match bound_interaction(&p, &jar, q.interaction()).await {
        Ok(Some(i)) => {
            let hint = i
                .request
                .as_ref()
                .and_then(|r| r.login_hint.clone())
                .filter(|h| h.contains('@'))
                .unwrap_or_default();
            render(&p, &i, hint, StatusCode::OK, vec![], None).await
        }
        Ok(None) => pages::expired_page(),
        Err(r) => r,
    }
}

pub async fn post_login(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, params): InteractionForm,
) -> Response {
    let username = field(&params, "username");
    match accounts
        .password_login(&username, &field(&params, "password"), &origin)
        .await
    {
        Ok(user) => flow::complete_login(&p, &accounts, jar, i, &user, origin).await,
        Err(AuthnError::InvalidCredentials) => {
            render(
                &p,
                &i,
                username,
                StatusCode::UNAUTHORIZED,
                vec![INVALID_CREDENTIALS.into()],
                None,
            )
            .await
        }
        Err(AuthnError::EmailUnverified { user_id }) => {
            // The password was right: send a fresh code, and let this browser enter it.
            let notice = match accounts.resend_email_verification(&user_id, &origin).await {
                Ok(()) => "Verify your email address to finish signing in. We sent you a new link and code.",
                Err(AuthnError::RateLimited(_)) => "Verify your email address to finish signing in.",
                Err(e) => return flow::failure(&e),
            };
            i.pending_user = Some(user_id);
            if let Err(e) = interaction::save(&p, &i).await {
                return pages::error_page(StatusCode::SERVICE_UNAVAILABLE, "Please try again", &e);
            }
            check_email_page(&i, &username.trim().to_lowercase(), Some(notice), vec![])
        }
        Err(e) => flow::failure(&e),
    }
}
