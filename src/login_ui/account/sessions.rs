//! Sessions on every device, the user's own activity, and the applications they let in.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::{AccountForm, Chrome, SignedIn};
use crate::authn::{Accounts, SessionView};
use crate::domain::device;
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

/// One line of the activity page.
struct ActivityLine {
    at: i64,
    /// A sentence: what happened, and from which device.
    what: String,
    ip: String,
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

/// How an audit entry reads on the activity page: the message id of its sentence.
fn describe(action: &str, success: bool) -> &'static str {
    match (action, success) {
        ("login.password", true) => "activity-login-password",
        ("login.password", false) => "activity-login-password-failed",
        ("logout", true) => "activity-logout",
        ("account.registered", true) => "activity-account-registered",
        ("account.registered", false) => "activity-account-registered-failed",
        ("email.verified", true) => "activity-email-verified",
        ("email.change_requested", true) => "activity-email-change-requested",
        ("email.changed", true) => "activity-email-changed",
        ("password.changed", true) => "activity-password-changed",
        ("password.reset_requested", true) => "activity-password-reset-requested",
        ("password.reset", true) => "activity-password-reset",
        ("account.locked", _) => "activity-account-locked",
        ("account.unlocked", _) => "activity-account-unlocked",
        ("profile.updated", true) => "activity-profile-updated",
        ("phone.code_sent", true) => "activity-phone-code-sent",
        ("session.revoked", true) => "activity-session-revoked",
        ("consent.granted", true) => "activity-consent-granted",
        ("consent.revoked", true) => "activity-consent-revoked",
        ("token.issued", true) => "activity-token-issued",
        ("token.refreshed", true) => "activity-token-refreshed",
        ("token.revoked", true) => "activity-token-revoked",
        ("token.issued" | "token.refreshed", false) => "activity-token-refused",
        ("rate_limit.refused", _) => "activity-rate-limited",
        ("account.exported", true) => "activity-account-exported",
        (_, true) => "activity-other",
        (_, false) => "activity-other-failed",
    }
}

pub async fn get_activity(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
) -> Response {
    let entries = match accounts.activity(&s.user).await {
        Ok(e) => e,
        Err(e) => return flow::failure(&s.t, &e),
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
    let c = Chrome::new(&p, &s, "/account/activity");
    let t = &s.t;
    let entries = entries
        .into_iter()
        .map(|e| {
            let app = e
                .client_id
                .as_ref()
                .and_then(|id| app_names.get(id))
                .cloned()
                .unwrap_or_else(|| t.t("activity-an-app"));
            let what = t.t1(describe(&e.action, e.outcome == "success"), "app", app);
            // Token requests come from the application's server, not from a browser of the
            // user: their sentence names the application and no device.
            let what = if e.actor.as_deref().is_some_and(|a| a.starts_with("client:")) {
                what
            } else {
                let d = device(e.user_agent.as_deref());
                let device = if d.browser.is_none() && d.os.is_none() {
                    t.t("activity-unknown-device")
                } else {
                    c.device(&d)
                };
                t.with(
                    "activity-line",
                    &[("what", what.into()), ("device", device.into())],
                )
            };
            ActivityLine {
                at: e.at,
                what,
                ip: e.ip.unwrap_or_else(|| "—".into()),
            }
        })
        .collect();
    ActivityPage { c, entries }.into_response()
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
