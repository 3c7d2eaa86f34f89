//! What the hosted pages share: the interaction a page belongs to, starting one for the account
//! pages, finishing a login, and the answers for common failures.

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::pages;
use crate::authn::devices::{self, DEVICE_COOKIE};
use crate::authn::engine::{self, Demand, Step, Subject};
use crate::authn::interactions::binding_cookie_name;
use crate::authn::{Accounts, AuthnError, Limited, SESSION_COOKIE};
use crate::authn::{mfa_policy, setup};
use crate::crypto::secrets::ct_eq;
use crate::domain::{Authentication, Interaction, LoginResult, Method, Origin, Resume, User};
use crate::http::params::Form;
use crate::http::security::csp_with_form_targets;
use crate::i18n::negotiate::best_match;
use crate::i18n::{Catalog, Tr};
use crate::oidc::authorize::{self, Params};
use crate::oidc::{OAuthError, Provider};
use crate::web::lang::Lang;
use crate::web::outcome::{binding_cookie, respond};

/// `?interaction=…`: the sign-in a page belongs to ("" when the URL names none).
#[derive(Deserialize)]
pub struct InteractionQuery {
    interaction: Option<String>,
}

impl InteractionQuery {
    pub fn interaction(&self) -> &str {
        self.interaction.as_deref().unwrap_or("")
    }

    pub fn is_none(&self) -> bool {
        self.interaction.is_none()
    }
}

/// The application the sign-in is for; `None` for the account pages' own.
pub async fn client_face(p: &Provider, i: &Interaction) -> Option<pages::ClientFace> {
    let r = i.authorization()?;
    match p.store.clients().client(&r.client_id).await {
        Ok(Some(c)) => Some(pages::ClientFace::from(&c)),
        _ => None,
    }
}

/// A form field, or "" when missing or repeated.
pub fn field(params: &Params, name: &'static str) -> String {
    params.get(name).ok().flatten().unwrap_or("").to_owned()
}

/// Loads the interaction named by `id` if this browser holds its binding cookie.
pub async fn bound_interaction(
    p: &Provider,
    t: &Tr,
    jar: &CookieJar,
    id: &str,
) -> Result<Option<Interaction>, Response> {
    let binding = jar
        .get(&p.config.cookie_name(&binding_cookie_name(id)))
        .map(|c| c.value().to_owned());
    p.interactions
        .load(id, binding.as_deref())
        .await
        .map_err(|e| failure(t, &AuthnError::Cache(e)))
}

/// Where a detour (a mail link, a reset) that began in sign-in `id` leads back to.
pub enum Detour {
    /// Started outside any sign-in: the account pages.
    Account,
    /// That sign-in, live in this browser.
    Resume(Box<Interaction>),
    /// A sign-in this browser does not hold (the link was opened elsewhere) or that expired.
    Elsewhere,
}

pub async fn detour(p: &Provider, t: &Tr, jar: &CookieJar, id: &str) -> Detour {
    if id.is_empty() {
        return Detour::Account;
    }
    match bound_interaction(p, t, jar, id).await {
        Ok(Some(i)) => Detour::Resume(Box::new(i)),
        _ => Detour::Elsewhere,
    }
}

impl Detour {
    /// The language of the detour's pages: that of the sign-in it began in (whose request may
    /// have fixed it with `ui_locales`), else the request's own.
    pub fn tr(&self, lang: &Lang) -> Tr {
        match self {
            Detour::Resume(i) => lang.of(i),
            _ => lang.tr(),
        }
    }
}

/// The end of a detour: `message` (an id), and the way on.
pub fn detour_done(t: &Tr, d: &Detour, title: &str, message: &str) -> Response {
    let (text, link) = match d {
        Detour::Account => (
            t.t(message),
            Some((t.t("button-continue"), "/account".to_owned())),
        ),
        Detour::Resume(i) => (
            t.t(message),
            Some((t.t("detour-continue"), format!("/login?interaction={}", i.id))),
        ),
        Detour::Elsewhere => (format!("{} {}", t.t(message), t.t("detour-elsewhere")), None),
    };
    let link = link.as_ref().map(|(l, h)| (l.as_str(), h.as_str()));
    pages::message_page(t, StatusCode::OK, &t.t(title), &text, link)
}

/// A form posted for an interaction: the browser's cookies, the interaction (bound to this
/// browser, its CSRF token checked), the form's fields and the page's language; otherwise the
/// page that says the sign-in expired.
pub struct InteractionForm(pub CookieJar, pub Interaction, pub Params, pub Tr);

impl<S> FromRequest<S> for InteractionForm
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let p = Provider::from_ref(state);
        let jar = CookieJar::from_headers(req.headers());
        let lang = Lang::from_headers(&p, req.headers());
        let t = lang.tr();
        let Ok(Form(params)) = Form::from_request(req, state).await else {
            return Err(pages::expired_page(&t));
        };
        match bound_interaction(&p, &t, &jar, &field(&params, "interaction")).await? {
            Some(i) if ct_eq(&field(&params, "csrf"), &i.csrf) => {
                let t = lang.of(&i);
                Ok(InteractionForm(jar, i, params, t))
            }
            _ => Err(pages::expired_page(&t)),
        }
    }
}

/// Starts a sign-in that is not for a client (the account pages) and sends the browser to
/// `page` with it.
pub async fn start_account_interaction(p: &Provider, t: &Tr, jar: CookieJar, page: &str) -> Response {
    match p.interactions.create(Resume::Account, None).await {
        Ok((i, binding)) => (
            jar.add(binding_cookie(p, &i.id, binding)),
            Redirect::to(&format!("{page}?interaction={}", i.id)),
        )
            .into_response(),
        Err(e) => failure(t, &AuthnError::Cache(e)),
    }
}

/// A page of an interaction may post to us and then be redirected to the client.
pub fn interaction_csp(res: Response, i: &Interaction) -> Response {
    match i.destination() {
        Some(uri) => pages::with_csp(res, &csp_with_form_targets(&[uri.to_owned()])),
        None => res,
    }
}

/// The user proved `method` (a password at the login page or by signing up in this browser, a
/// second factor at the challenge): the engine adds it to the interaction's authentication and
/// says what is still needed. When nothing is, it starts the SSO session (replacing any this
/// browser had, or raising it for a step-up) and the sign-in goes on with the client's request,
/// or to the account pages.
#[allow(clippy::too_many_arguments)]
pub async fn proved(
    p: &Provider,
    t: &Tr,
    accounts: &Accounts,
    jar: CookieJar,
    mut i: Interaction,
    user: &User,
    method: Method,
    origin: Origin,
) -> Response {
    let now = p.now();
    match i.authentication.as_mut() {
        Some(a) if a.user_id == user.id => a.proved(method, now),
        _ => i.authentication = Some(Authentication::first(&user.id, method, now)),
    }
    advance(p, t, accounts, jar, i, user, origin).await
}

/// The engine's next step for the interaction's authentication: a page, or the session.
pub async fn advance(
    p: &Provider,
    t: &Tr,
    accounts: &Accounts,
    jar: CookieJar,
    i: Interaction,
    user: &User,
    origin: Origin,
) -> Response {
    let step = match next_step(p, t, &jar, &i).await {
        Ok(step) => step,
        Err(r) => return r,
    };
    let page = match step {
        Some(Step::Factor) => "/login/factor",
        Some(Step::Enrol(_)) => "/login/enrol",
        // The account can no longer sign in (disabled meanwhile): the login page says no.
        Some(Step::Login) => "/login",
        None => return complete(p, t, accounts, jar, i, user, origin).await,
    };
    if let Err(e) = p.interactions.save(&i).await {
        return failure(t, &AuthnError::Cache(e));
    }
    (jar, Redirect::to(&format!("{page}?interaction={}", i.id))).into_response()
}

/// The step the interaction's authentication still needs, by the policy of what it resumes.
pub async fn next_step(
    p: &Provider,
    t: &Tr,
    jar: &CookieJar,
    i: &Interaction,
) -> Result<Option<Step>, Response> {
    let device = jar.get(&p.config.cookie_name(DEVICE_COOKIE)).map(|c| c.value());
    match i.authorization() {
        Some(_) => authorize::pending_step(p, i, device)
            .await
            .map_err(|e| respond(p, t, CookieJar::new(), Err(e))),
        None => account_step(p, i, device).await.map_err(|e| failure(t, &e)),
    }
}

/// What a sign-in to the account pages still needs: the user's own MFA policy.
async fn account_step(
    p: &Provider,
    i: &Interaction,
    device: Option<&str>,
) -> Result<Option<Step>, AuthnError> {
    let Some(auth) = i.authentication.as_ref() else {
        return Ok(Some(Step::Login));
    };
    let user = p.store.users().user_by_id(&auth.user_id).await?;
    let enrolled = p.mfa.enrolled(&auth.user_id).await?;
    let setup = setup::state(
        &p.store,
        &p.config,
        &auth.user_id,
        &enrolled,
        (true, auth.setup_put_off),
        p.now(),
    )
    .await?;
    let demand = Demand {
        required: mfa_policy::required_level(&p.store, &p.config, Some(&auth.user_id), false, &enrolled)
            .await?,
        ..Demand::default()
    };
    let facts = engine::Facts {
        subject: Some(Subject {
            user_id: &auth.user_id,
            user: user.as_ref(),
            factors: &auth.factors,
            here: true,
        }),
        demand: &demand,
        enrolled: &enrolled,
        remembered: devices::remembers(&p.store, device, &auth.user_id, p.now()).await?,
        setup,
        now: p.now(),
    };
    Ok(facts.next())
}

/// The authentication is complete: the engine makes its session, and the request goes on.
async fn complete(
    p: &Provider,
    t: &Tr,
    accounts: &Accounts,
    jar: CookieJar,
    i: Interaction,
    user: &User,
    origin: Origin,
) -> Response {
    let Some(auth) = i.authentication.as_ref() else {
        return pages::expired_page(t);
    };
    let current = match jar.get(&p.config.cookie_name(SESSION_COOKIE)) {
        Some(c) => p.sessions.current(Some(c.value())).await.ok().flatten(),
        None => None,
    };
    let (session, token) = match accounts.establish(auth, &origin, current.as_ref()).await {
        Ok(s) => s,
        Err(e) => return failure(t, &e),
    };
    let jar = jar.add(session_cookie(p, token));
    // Mail speaks the language the user last saw the pages in.
    let known = user
        .locale
        .as_deref()
        .and_then(|l| best_match(l, &Catalog::tags()));
    if known != Some(t.lang())
        && let Err(e) = p.store.users().set_locale(&user.id, t.lang(), p.now()).await
    {
        tracing::warn!(error = %e, "the user's language could not be remembered");
    }
    if i.authorization().is_none() {
        let _ = p.interactions.finish(&i.id).await;
        let next = match &i.resume {
            Resume::Client { uri, .. } => uri.as_str(),
            _ => "/account",
        };
        return (jar, Redirect::to(next)).into_response();
    }
    let login = LoginResult {
        user_id: user.id.clone(),
        session_id: session.id,
        auth_time: session.auth_time,
        acr: session.acr,
        amr: session.amr,
    };
    let outcome = authorize::resume_after_login(p, i, login).await;
    respond(p, t, jar, outcome)
}

/// The SSO session cookie: HttpOnly, SameSite=Lax, Secure and `__Host-` on https; a
/// browser-session cookie (the server enforces idle and absolute lifetimes).
pub fn session_cookie(p: &Provider, token: String) -> Cookie<'static> {
    Cookie::build((p.config.cookie_name(SESSION_COOKIE), token))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Lax)
        .build()
}

/// The cookie of a remembered device: HttpOnly, SameSite=Lax, Secure and `__Host-` on https,
/// kept for `ttl` seconds.
pub fn device_cookie(p: &Provider, token: String, ttl: i64) -> Cookie<'static> {
    Cookie::build((p.config.cookie_name(DEVICE_COOKIE), token))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(ttl))
        .build()
}

pub fn server_error(t: &Tr) -> Response {
    pages::error_page(
        t,
        StatusCode::INTERNAL_SERVER_ERROR,
        &t.t("error-try-again"),
        &OAuthError::ServerError,
    )
}

/// 503 with Retry-After: the database or the cache is in trouble, and it may pass.
pub(super) fn unavailable(t: &Tr, e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "account request failed: a backing service is unavailable");
    pages::error_page(
        t,
        StatusCode::SERVICE_UNAVAILABLE,
        &t.t("error-try-again"),
        &OAuthError::TemporarilyUnavailable,
    )
}

/// 429 with Retry-After, as a page.
pub fn too_many_requests(t: &Tr, l: Limited) -> Response {
    let mut res = pages::message_page(
        t,
        StatusCode::TOO_MANY_REQUESTS,
        &t.t("error-too-many-title"),
        &t.t1("error-too-many", "wait", wait_in_words(t, l.retry_after)),
        None,
    );
    if let Ok(v) = HeaderValue::from_str(&l.retry_after.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// A wait in words, rounded up to whole minutes: a user told "1 minute" who comes back after
/// 60 seconds must find the window over.
pub fn wait_in_words(t: &Tr, seconds: u64) -> String {
    crate::notify::messages::minutes(t, 60 * seconds.div_ceil(60) as i64)
}

/// The answer for service errors that are not the user's doing.
pub fn failure(t: &Tr, e: &AuthnError) -> Response {
    match e {
        AuthnError::RateLimited(l) => too_many_requests(t, *l),
        AuthnError::SignupDisabled => pages::message_page(
            t,
            StatusCode::NOT_FOUND,
            &t.t("signup-unavailable-title"),
            &t.t("signup-unavailable"),
            None,
        ),
        AuthnError::Cache(_) => unavailable(t, e),
        AuthnError::Store(s) if s.is_unavailable() => unavailable(t, e),
        e => {
            tracing::error!(error = %e, "account request failed");
            server_error(t)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::wait_in_words;
    use crate::i18n::{Catalog, Tr};

    #[test]
    fn waits_are_told_in_whole_minutes_rounded_up() {
        for (seconds, words) in [
            (1, "1 minute"),
            (60, "1 minute"),
            (61, "2 minutes"),
            (119, "2 minutes"),
            (121, "3 minutes"),
            (600, "10 minutes"),
            (3599, "1 hour"),
            (3600, "1 hour"),
            (7200, "2 hours"),
        ] {
            let en = Tr::default_of(&Arc::new(Catalog::load("en", None).unwrap()));
            assert_eq!(wait_in_words(&en, seconds), words, "{seconds} s");
        }
    }
}
