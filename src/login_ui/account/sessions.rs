//! Sessions on every device, and the applications the user let in.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::{AccountForm, Chrome, SignedIn};
use crate::authn::{Accounts, SessionView};
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::{self, field};
use crate::oidc::Provider;
use crate::store::ConsentRecord;
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "account/sessions.html")]
struct SessionsPage {
    c: Chrome,
    sessions: Vec<SessionView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/apps.html")]
struct AppsPage {
    c: Chrome,
    apps: Vec<ConsentRecord>,
}

async fn sessions_page(accounts: &Accounts, s: &SignedIn, c: Chrome) -> Response {
    match accounts.sessions_of(&s.user, &s.session.id).await {
        Ok(sessions) => SessionsPage { c, sessions }.into_response(),
        Err(e) => flow::failure(&s.t, &e),
    }
}

pub async fn get_sessions(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
) -> Response {
    let c = Chrome::new(&p, &s, "/account/sessions");
    sessions_page(&accounts, &s, c).await
}

pub async fn post_revoke(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let id = field(&params, "session_id");
    let c = Chrome::new(&p, &s, "/account/sessions");
    let c = if id == s.session.id {
        c.problems(Problems::one(&s.t, "", "sessions-use-sign-out"))
    } else {
        match accounts.revoke_session(&s.user, &id, &origin).await {
            Ok(true) => c.status(s.t.t("sessions-signed-out")),
            Ok(false) => c.problems(Problems::one(&s.t, "", "sessions-already-ended")),
            Err(e) => return flow::failure(&s.t, &e),
        }
    };
    sessions_page(&accounts, &s, c).await
}

pub async fn post_revoke_others(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, _): AccountForm,
) -> Response {
    let c = Chrome::new(&p, &s, "/account/sessions");
    let c = match accounts
        .revoke_other_sessions(&s.user, &s.session.id, &origin)
        .await
    {
        Ok(n) => c.status(s.t.n("sessions-others-signed-out", "n", n as i64)),
        Err(e) => return flow::failure(&s.t, &e),
    };
    sessions_page(&accounts, &s, c).await
}

async fn apps_page(accounts: &Accounts, s: &SignedIn, c: Chrome) -> Response {
    match accounts.connected_apps(&s.user).await {
        Ok(apps) => AppsPage { c, apps }.into_response(),
        Err(e) => flow::failure(&s.t, &e),
    }
}

pub async fn get_apps(State(p): State<Provider>, State(accounts): State<Accounts>, s: SignedIn) -> Response {
    let c = Chrome::new(&p, &s, "/account/apps");
    apps_page(&accounts, &s, c).await
}

pub async fn post_revoke_app(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let c = Chrome::new(&p, &s, "/account/apps");
    let c = match accounts
        .revoke_app(&s.user, &field(&params, "client_id"), &origin)
        .await
    {
        Ok(true) => c.status(s.t.t("apps-removed")),
        Ok(false) => c.problems(Problems::one(&s.t, "", "apps-no-access")),
        Err(e) => return flow::failure(&s.t, &e),
    };
    apps_page(&accounts, &s, c).await
}
