//! The account pages (`/account…`): what a signed-in user sees and changes about their own
//! account. Every page needs a live session (otherwise: the login page), every form carries a
//! CSRF token derived from the session, and every page warns before the idle timeout.

mod activity;
mod data;
mod linked;
mod passkeys;
mod password;
mod profile;
mod security;
mod sessions;

use axum::Router;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;

use super::{csrf, flow};
use crate::authn::{Accounts, AuthnError, SESSION_COOKIE};
use crate::domain::{Device, User};
use crate::http::assets;
use crate::http::origin::ClientOrigin;
use crate::http::params::Form;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::oidc::authorize::Params;
use crate::store::Session;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Provider: FromRef<S>,
    Accounts: FromRef<S>,
    crate::federation::Federation: FromRef<S>,
    super::upstream::Upstreams: FromRef<S>,
{
    Router::new()
        .route("/account", get(profile::get_profile))
        .route("/account/profile", post(profile::post_name))
        .route("/account/email", post(profile::post_email))
        .route("/account/email/code", post(profile::post_email_code))
        .route(
            "/account/email/confirm",
            get(profile::get_email_confirm).post(profile::post_email_confirm),
        )
        .route("/account/phone", post(profile::post_phone))
        .route("/account/phone/verify", post(profile::post_phone_code))
        .route("/account/phone/remove", post(profile::post_phone_remove))
        .route(
            "/account/password",
            get(password::get_password).post(password::post_password),
        )
        .route("/account/security", get(security::get_security))
        .route(
            "/account/security/totp",
            get(security::get_totp).post(security::post_totp),
        )
        .route("/account/security/totp/rename", post(security::post_rename))
        .route("/account/security/totp/remove", post(security::post_remove))
        .route(
            "/account/security/recovery-codes",
            post(security::post_recovery_codes),
        )
        .route(
            "/account/security/channel/send",
            post(security::post_channel_send),
        )
        .route(
            "/account/security/channel/confirm",
            post(security::post_channel_confirm),
        )
        .route("/account/security/channel/off", post(security::post_channel_off))
        .route("/account/reauth/send", post(security::post_reauth_send))
        .route(
            "/account/security/devices/forget",
            post(security::post_forget_device),
        )
        .route("/account/security/webauthn/options", post(passkeys::post_options))
        .route("/account/security/webauthn", post(passkeys::post_add))
        .route("/account/security/webauthn/rename", post(passkeys::post_rename))
        .route("/account/security/webauthn/remove", post(passkeys::post_remove))
        .route(
            "/account/reauth",
            get(security::get_reauth).post(security::post_reauth),
        )
        .route("/account/security/upstream/link", post(linked::post_link))
        .route("/account/security/upstream/unlink", post(linked::post_unlink))
        .route("/account/sessions", get(sessions::get_sessions))
        .route("/account/sessions/revoke", post(sessions::post_revoke))
        .route(
            "/account/sessions/revoke-others",
            post(sessions::post_revoke_others),
        )
        .route("/account/activity", get(activity::get_activity))
        .route("/account/apps", get(sessions::get_apps))
        .route("/account/apps/revoke", post(sessions::post_revoke_app))
        .route("/account/data", get(data::get_data))
        .route("/account/data/export", get(data::get_export))
        .route("/account/delete", post(data::post_delete))
        .route("/account/keepalive", post(post_keepalive))
        .route("/account/logout", post(post_logout))
}

/// A request from a signed-in browser: its user and session, and the language of its pages.
pub struct SignedIn {
    pub user: User,
    pub session: Session,
    pub t: Tr,
}

impl<S> FromRequestParts<S> for SignedIn
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let p = Provider::from_ref(state);
        let jar = CookieJar::from_headers(&parts.headers);
        let t = Lang::from_parts(&p, parts).tr();
        let cookie = jar
            .get(&p.config.cookie_name(SESSION_COOKIE))
            .map(|c| c.value().to_owned());
        let to_login = || Redirect::to("/login").into_response();
        let session = match p.sessions.current(cookie.as_deref()).await {
            Ok(Some(s)) => s,
            Ok(None) => return Err(to_login()),
            Err(e) => return Err(flow::failure(&t, &AuthnError::Store(e))),
        };
        match p.store.users().user_by_id(&session.user_id).await {
            Ok(Some(user)) if user.is_active() => Ok(SignedIn { user, session, t }),
            Ok(_) => Err(to_login()),
            Err(e) => Err(flow::failure(&t, &AuthnError::Store(e))),
        }
    }
}

/// What every account page shows around its content.
pub struct Chrome {
    pub t: Tr,
    pub css_url: String,
    pub script_url: String,
    pub csrf: String,
    pub email: String,
    /// The nav entry of this page.
    pub active: &'static str,
    /// Seconds until the idle timeout signs this session out, and how long before to warn.
    pub idle_remaining: i64,
    pub idle_warning: i64,
    pub idle_minutes: i64,
    /// A success message ("Password changed."), announced politely.
    pub status: Option<String>,
    pub problems: Problems,
}

impl Chrome {
    pub fn new(p: &Provider, s: &SignedIn, active: &'static str) -> Chrome {
        let idle = p.config.session_idle_timeout;
        Chrome {
            t: s.t.clone(),
            css_url: super::pages::css_url(),
            script_url: assets::url("account.js"),
            csrf: csrf::for_session(p, &s.session.id),
            email: s.user.email.clone(),
            active,
            idle_remaining: (idle - (p.now() - s.session.last_seen_at)).max(0),
            idle_warning: p.config.session_idle_warning,
            idle_minutes: idle / 60,
            status: None,
            problems: Problems::default(),
        }
    }

    pub fn status(mut self, s: impl Into<String>) -> Chrome {
        self.status = Some(s.into());
        self
    }

    pub fn problems(mut self, p: Problems) -> Chrome {
        self.problems = p;
        self
    }

    /// A time for people, in the page's language.
    pub fn when(&self, t: impl std::borrow::Borrow<i64>) -> String {
        self.t.datetime(*t.borrow())
    }

    /// A time for machines (the `datetime` attribute): `2026-11-22T14:03Z`.
    pub fn iso(&self, t: impl std::borrow::Borrow<i64>) -> String {
        match time::OffsetDateTime::from_unix_timestamp(*t.borrow()) {
            Ok(d) => format!(
                "{}-{:02}-{:02}T{:02}:{:02}Z",
                d.year(),
                d.month() as u8,
                d.day(),
                d.hour(),
                d.minute()
            ),
            Err(_) => String::new(),
        }
    }

    /// A device in words: "Firefox on Linux", in the page's language.
    pub fn device(&self, d: &Device) -> String {
        match (d.browser, d.os) {
            (Some(b), Some(o)) => self
                .t
                .with("device-browser-on-os", &[("browser", b.into()), ("os", o.into())]),
            (Some(b), None) => b.to_owned(),
            (None, Some(o)) => self.t.t1("device-unknown-browser-on-os", "os", o),
            (None, None) => self.t.t("device-unknown-browser"),
        }
    }

    /// The device of a user agent in words.
    pub fn device_of(&self, user_agent: &Option<String>) -> String {
        self.device(&crate::domain::device(user_agent.as_deref()))
    }

    /// What a granted scope allows, in the consent page's words.
    pub fn scope_words(&self, scope: &str) -> String {
        scope
            .split_whitespace()
            .filter_map(|s| super::pages::describe_scope(&self.t, s))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The nav links, with the current page marked.
    pub fn nav(&self) -> Vec<(&'static str, String, bool)> {
        [
            ("/account", "nav-profile"),
            ("/account/password", "nav-password"),
            ("/account/security", "nav-security"),
            ("/account/sessions", "nav-sessions"),
            ("/account/activity", "nav-activity"),
            ("/account/apps", "nav-apps"),
            ("/account/data", "nav-data"),
        ]
        .into_iter()
        .map(|(href, label)| (href, self.t.t(label), href == self.active))
        .collect()
    }
}

/// A form posted from a signed-in page: its user and session, and its fields once the CSRF token
/// derived from the session is checked. Not signed in: the login page; a missing or wrong token:
/// the expired-form page.
pub struct AccountForm(pub SignedIn, pub Params);

impl<S> FromRequest<S> for AccountForm
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let s = SignedIn::from_request_parts(&mut parts, state).await?;
        let p = Provider::from_ref(state);
        match Form::from_request(Request::from_parts(parts, body), state).await {
            Ok(Form(params)) if csrf::check_session(&p, &s.session.id, &flow::field(&params, "csrf")) => {
                Ok(AccountForm(s, params))
            }
            _ => Err(super::pages::expired_page(&s.t)),
        }
    }
}

/// The page's chrome after an action: its success message (`done`, a message id), or the
/// problems the user can fix; any other error is its own page.
#[allow(clippy::result_large_err)] // the error is the response a handler returns at once
pub fn outcome<T>(c: Chrome, result: Result<T, AuthnError>, done: &str) -> Result<Chrome, Response> {
    match result {
        Ok(_) => {
            let done = c.t.t(done);
            Ok(c.status(done))
        }
        Err(e) => with_problems(c, e),
    }
}

/// An error the user can fix becomes the page's problem list; anything else its own page.
#[allow(clippy::result_large_err)]
pub fn with_problems(c: Chrome, e: AuthnError) -> Result<Chrome, Response> {
    match e {
        AuthnError::Invalid(problems) => {
            let problems = Problems::say(&c.t, &problems);
            Ok(c.problems(problems))
        }
        AuthnError::InvalidCode => {
            let problems = Problems::one(&c.t, "code", "problem-code-wrong");
            Ok(c.problems(problems))
        }
        e => Err(flow::failure(&c.t, &e)),
    }
}

/// "Stay signed in": records activity now and answers how long the session has left.
async fn post_keepalive(State(p): State<Provider>, AccountForm(s, _): AccountForm) -> Response {
    if let Err(e) = p.sessions.touch_now(&s.session.id).await {
        return flow::failure(&s.t, &AuthnError::Store(e));
    }
    axum::Json(serde_json::json!({ "idle_remaining": p.config.session_idle_timeout })).into_response()
}

async fn post_logout(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, _): AccountForm,
) -> Response {
    let entry = accounts.audit.entry(
        crate::audit::Event::success("logout")
            .by_user(&s.user.id)
            .origin(&origin)
            .detail(serde_json::json!({ "sid": s.session.id, "via": "account" })),
    );
    if let Err(e) = p.sessions.end(&s.session.id, Some(entry)).await {
        return flow::failure(&s.t, &AuthnError::Store(e));
    }
    super::pages::logged_out(s.t, None)
}
