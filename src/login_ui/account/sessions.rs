//! Sessions on every device, the user's own activity, and the applications they let in.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::{AccountForm, Chrome, SignedIn};
use crate::authn::{Accounts, SessionView};
use crate::domain::describe_user_agent;
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::{self, field};
use crate::oidc::Provider;
use crate::store::ConsentRecord;

#[derive(Template, WebTemplate)]
#[template(path = "account/sessions.html")]
struct SessionsPage {
    c: Chrome,
    sessions: Vec<SessionView>,
}

/// One line of the activity page.
struct ActivityLine {
    at: i64,
    what: String,
    outcome: String,
    ip: String,
    device: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/activity.html")]
struct ActivityPage {
    c: Chrome,
    entries: Vec<ActivityLine>,
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
        Err(e) => flow::failure(&e),
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
        c.problems(vec!["To end this session, use Sign out.".into()])
    } else {
        match accounts.revoke_session(&s.user, &id, &origin).await {
            Ok(true) => c.status("The session was signed out."),
            Ok(false) => c.problems(vec!["That session has already ended.".into()]),
            Err(e) => return flow::failure(&e),
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
        Ok(1) => c.status("1 other session signed out."),
        Ok(n) => c.status(format!("{n} other sessions signed out.")),
        Err(e) => return flow::failure(&e),
    };
    sessions_page(&accounts, &s, c).await
}

/// How an audit action reads on the activity page.
fn describe_action(action: &str) -> &str {
    match action {
        "login.password" => "Sign-in with password",
        "logout" => "Sign-out",
        "account.registered" => "Account created",
        "email.verified" => "Email address verified",
        "email.change_requested" => "Email change requested",
        "email.changed" => "Email address changed",
        "password.changed" => "Password changed",
        "password.reset_requested" => "Password reset requested",
        "password.reset" => "Password reset",
        "account.locked" => "Account locked after failed sign-ins",
        "account.unlocked" => "Account unlocked",
        "profile.updated" => "Profile updated",
        "phone.code_sent" => "Phone verification code sent",
        "session.revoked" => "Session signed out",
        "consent.granted" => "Application allowed",
        "consent.revoked" => "Application access removed",
        "token.issued" => "Application signed in",
        "token.refreshed" => "Application refreshed its access",
        "token.revoked" => "Application access token revoked",
        "account.exported" => "Data downloaded",
        other => other,
    }
}

pub async fn get_activity(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
) -> Response {
    let entries = match accounts.activity(&s.user).await {
        Ok(e) => e,
        Err(e) => return flow::failure(&e),
    };
    // Entries about an application name it; a few distinct clients at most, looked up once each.
    let mut app_names: HashMap<String, String> = HashMap::new();
    for id in entries.iter().filter_map(|e| e.client_id.as_deref()) {
        if !app_names.contains_key(id)
            && let Ok(Some(client)) = p.store.client(id).await
        {
            app_names.insert(id.to_owned(), client.name);
        }
    }
    let entries = entries
        .into_iter()
        .map(|e| {
            let mut what = describe_action(&e.action).to_owned();
            if let Some(name) = e.client_id.as_ref().and_then(|id| app_names.get(id)) {
                what = format!("{what}: {name}");
            }
            // Token requests come from the application's server, not from a browser of the user.
            let device = if e.actor.as_deref().is_some_and(|a| a.starts_with("client:")) {
                "The application's server".to_owned()
            } else {
                describe_user_agent(e.user_agent.as_deref())
            };
            ActivityLine {
                at: e.at,
                what,
                outcome: if e.outcome == "success" {
                    "Succeeded"
                } else {
                    "Failed"
                }
                .to_owned(),
                ip: e.ip.unwrap_or_else(|| "—".into()),
                device,
            }
        })
        .collect();
    ActivityPage {
        c: Chrome::new(&p, &s, "/account/activity"),
        entries,
    }
    .into_response()
}

async fn apps_page(accounts: &Accounts, s: &SignedIn, c: Chrome) -> Response {
    match accounts.connected_apps(&s.user).await {
        Ok(apps) => AppsPage { c, apps }.into_response(),
        Err(e) => flow::failure(&e),
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
        Ok(true) => c.status("Access removed. The application must ask again."),
        Ok(false) => c.problems(vec!["That application has no access.".into()]),
        Err(e) => return flow::failure(&e),
    };
    apps_page(&accounts, &s, c).await
}
