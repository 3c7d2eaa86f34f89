//! The hosted login page: e-mail and password, then back to the authorization request (or to
//! the account pages when the sign-in is for them).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{self, InteractionForm, InteractionQuery, bound_interaction, client_face, field};
use super::pages::{self, LoginPage};
use super::register::check_email_page;
use super::upstream::Upstreams;
use crate::authn::{Accounts, AuthnError};
use crate::domain::{Interaction, Method, Resume};
use crate::http::origin::ClientOrigin;
use crate::http::security::csp_with_form_targets;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::oidc::authorize;
use crate::web::lang::Lang;
use crate::web::outcome::respond;
use crate::web::problems::Problems;

/// The one message for every failed login (its id in the catalogue): it must not tell which
/// part was wrong.
pub const INVALID_CREDENTIALS: &str = "login-invalid-credentials";

pub(super) async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    username: String,
    status: StatusCode,
    problems: Problems,
    notice: Option<String>,
) -> Response {
    let connections = super::upstream::enabled(p).await;
    // Identity-first: when connections claim e-mail domains, the address comes first, and an
    // address of a claimed domain goes on to its connection, not to a password.
    let claimed = |email: &str| {
        let domain = email.rsplit_once('@').map(|(_, d)| d.to_lowercase());
        connections
            .iter()
            .any(|c| domain.as_ref().is_some_and(|d| c.domains.contains(d)))
    };
    let identify =
        connections.iter().any(|c| !c.domains.is_empty()) && (username.is_empty() || claimed(&username));
    let page = LoginPage {
        upstreams: connections
            .iter()
            .map(|c| {
                let label = t.t1("login-upstream", "name", &c.name);
                (c.id.clone(), label, super::upstream::icon(c))
            })
            .collect(),
        identify,
        t,
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        username,
        problems,
        notice,
        signup_enabled: p.config.signup_enabled,
        cancellable: i.authorization().is_some(),
        passkeys: p.mfa.webauthn.is_some(),
        webauthn_script: crate::http::assets::url("webauthn.js"),
    };
    // The address step is redirected to the connection claiming its domain.
    let mut targets: Vec<String> = i
        .authorization()
        .map(|r| r.redirect_uri.clone())
        .into_iter()
        .collect();
    targets.extend(
        connections
            .iter()
            .filter(|c| identify && !c.domains.is_empty())
            .filter_map(super::upstream::form_target),
    );
    pages::with_csp((status, page).into_response(), &csp_with_form_targets(&targets))
}

/// `/login?interaction=…` for a client's request; plain `/login` starts a sign-in to the
/// account pages.
pub async fn get_login(
    State(p): State<Provider>,
    State(u): State<Upstreams>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    if q.is_none() {
        return flow::start_account_interaction(&p, &lang.tr(), jar, "/login").await;
    }
    match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(mut i)) => {
            // `idp_hint`: straight to that upstream, once (coming back, the page is shown).
            if let Resume::Authorization(r) = &mut i.resume
                && let Some(hint) = r.idp_hint.take()
            {
                if let Err(e) = p.interactions.save(&i).await {
                    return flow::failure(&lang.tr(), &AuthnError::Cache(e));
                }
                if u.federation.connection(&hint).await.is_ok() {
                    return super::upstream::start(&u, &lang.of(&i), &i, &hint).await;
                }
            }
            let hint = i
                .authorization()
                .and_then(|r| r.login_hint.clone())
                .filter(|h| h.contains('@'))
                .unwrap_or_default();
            render(
                &p,
                lang.of(&i),
                &i,
                hint,
                StatusCode::OK,
                Problems::default(),
                None,
            )
            .await
        }
        Ok(None) => pages::expired_page(&lang.tr()),
        Err(r) => r,
    }
}

pub async fn post_login(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, params, t): InteractionForm,
) -> Response {
    let username = field(&params, "username");
    match accounts
        .password_login(&username, &field(&params, "password"), &origin)
        .await
    {
        Ok(user) => flow::proved(&p, &t, &accounts, jar, i, &user, Method::Password, origin).await,
        Err(AuthnError::InvalidCredentials) => {
            let problems = Problems::one(&t, "", INVALID_CREDENTIALS);
            render(&p, t, &i, username, StatusCode::UNAUTHORIZED, problems, None).await
        }
        Err(AuthnError::EmailUnverified { user_id }) => {
            // The password was right: send a fresh code, and let this browser enter it.
            let notice = match accounts
                .resend_email_verification(&user_id, &origin, Some(&i.id))
                .await
            {
                Ok(()) => t.t("login-verify-email-sent"),
                Err(AuthnError::RateLimited(_)) => t.t("login-verify-email"),
                Err(e) => return flow::failure(&t, &e),
            };
            i.pending_user = Some(user_id);
            if let Err(e) = p.interactions.save(&i).await {
                return flow::failure(&t, &AuthnError::Cache(e));
            }
            let none = Problems::default();
            check_email_page(t, &i, &username.trim().to_lowercase(), Some(notice), none)
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// Identity-first login: the address alone. Its domain's connection signs it in; any other
/// address goes on to the password.
pub async fn post_identify(
    State(p): State<Provider>,
    State(u): State<Upstreams>,
    InteractionForm(_, i, params, t): InteractionForm,
) -> Response {
    let username = field(&params, "username").trim().to_owned();
    match u.federation.connection_for_email(&username).await {
        Ok(Some(c)) => super::upstream::start(&u, &t, &i, &c.id).await,
        Ok(None) => render(&p, t, &i, username, StatusCode::OK, Problems::default(), None).await,
        Err(e) => super::upstream::failure(&t, &e),
    }
}

/// "Cancel": the user will not sign in; the client hears `access_denied`.
pub async fn post_cancel(
    State(p): State<Provider>,
    InteractionForm(jar, i, _, t): InteractionForm,
) -> Response {
    let outcome = authorize::cancel(&p, i).await;
    respond(&p, &t, jar, outcome)
}
