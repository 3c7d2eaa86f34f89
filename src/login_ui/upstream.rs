//! Signing in through an upstream identity provider: the login page's "Continue with …" starts
//! it, the upstream sends the browser back to the callback, and the account it resolves to goes
//! to the authentication engine like a password would. An address that belongs to an account
//! not yet linked is linked only once the user proves that account (the link page).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::flow::{
    self, InteractionForm, InteractionQuery, bound_interaction, client_face, field, interaction_csp,
};
use super::login::INVALID_CREDENTIALS;
use super::pages::{self, LinkPage};
use crate::authn::{Accounts, AuthnError, SESSION_COOKIE};
use crate::domain::{
    Authentication, IdentityProvider, Interaction, Method, Origin, PendingLink, PendingReview, ProviderKind,
    UpstreamProfile,
};
use crate::federation::{Federation, FederationError, Linking, Pending, Resolved};
use crate::http::origin::ClientOrigin;
use crate::i18n::{Arg, Tr};
use crate::oidc::Provider;
use crate::saml::{Saml, SamlError};
use crate::web::lang::Lang;
use crate::web::problems::Problems;

/// The connections the login page offers (an empty list when they cannot be read: the page
/// still signs in with a password).
pub async fn enabled(p: &Provider) -> Vec<IdentityProvider> {
    match p.store.identity_providers().providers().await {
        Ok(all) => all.into_iter().filter(|c| c.enabled).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "the identity providers could not be listed");
            Vec::new()
        }
    }
}

/// Where a form of ours that starts a sign-in at `c` is redirected to (the identity-first step,
/// the account page's "Link"): the policy's `form-action` must name it, as browsers hold a
/// form's redirects to it. An OpenID provider's authorization endpoint is taken to be on its
/// issuer's origin (as at Google, Entra ID, Okta); a SAML IdP's is in its metadata.
pub fn form_target(c: &IdentityProvider) -> Option<String> {
    match c.kind {
        ProviderKind::Oidc => c.settings.issuer.clone(),
        ProviderKind::Saml => c.settings.saml.as_ref().and_then(crate::saml::sso_location),
        ProviderKind::Telegram => Some("https://oauth.telegram.org".into()),
        ProviderKind::OAuth2 => c
            .settings
            .oauth2
            .as_ref()
            .map(|e| e.authorization_endpoint.clone()),
    }
}

/// The icon of a connection to a known provider: inline SVG (no request, nothing fetched from
/// the provider), monochrome in the button's colour.
pub fn icon(c: &IdentityProvider) -> Option<&'static str> {
    match (c.kind, c.settings.preset.as_deref()) {
        (ProviderKind::Telegram, _) => Some(include_str!("../../static/icons/telegram.svg")),
        (_, Some("google")) => Some(include_str!("../../static/icons/google.svg")),
        (_, Some("entra")) => Some(include_str!("../../static/icons/microsoft.svg")),
        (_, Some("github")) => Some(include_str!("../../static/icons/github.svg")),
        (_, Some("x")) => Some(include_str!("../../static/icons/x.svg")),
        _ => None,
    }
}

/// `/login/upstream/{id}?interaction=…`: off to the upstream.
pub async fn get_start(
    State(p): State<Provider>,
    State(u): State<Upstreams>,
    lang: Lang,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(q): Query<InteractionQuery>,
) -> Response {
    let i = match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(&lang.tr()),
        Err(r) => return r,
    };
    let t = lang.of(&i);
    start(&u, &t, &i, &id).await
}

/// The protocols that sign in at upstream providers, for the pages.
#[derive(Clone)]
pub struct Upstreams {
    pub federation: Federation,
    pub saml: Saml,
}

impl Upstreams {
    /// The URL that starts a sign-in at `c` for interaction `interaction_id` (`link_for`: to
    /// link it to that account, from the account pages).
    pub async fn begin(
        &self,
        c: &IdentityProvider,
        interaction_id: &str,
        link_for: Option<String>,
    ) -> Result<String, FederationError> {
        match c.kind {
            ProviderKind::Oidc | ProviderKind::OAuth2 | ProviderKind::Telegram => {
                self.federation.begin(c, interaction_id, link_for).await
            }
            ProviderKind::Saml => self
                .saml
                .begin(c, interaction_id, link_for)
                .await
                .map_err(from_saml),
        }
    }
}

/// A SAML failure in the words of federation's (the pages answer them alike).
pub fn from_saml(e: SamlError) -> FederationError {
    match e {
        SamlError::UnknownConnection => FederationError::UnknownConnection,
        SamlError::UnknownState => FederationError::UnknownState,
        SamlError::Config(m) => FederationError::Config(m),
        SamlError::Rejected(m) => FederationError::Rejected(m),
        SamlError::Replayed => FederationError::Rejected("assertion replayed".into()),
        SamlError::Store(e) => FederationError::Store(e),
        SamlError::Cache(e) => FederationError::Cache(e),
    }
}

/// Sends the browser of sign-in `i` to connection `id` (also the answer to `idp_hint`).
pub async fn start(u: &Upstreams, t: &Tr, i: &Interaction, id: &str) -> Response {
    let c = match u.federation.connection(id).await {
        Ok(c) => c,
        Err(e) => return failed(t, i, None, &e),
    };
    match u.begin(&c, &i.id, None).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => failed(t, i, Some(&c), &e),
    }
}

/// The upstream's answer (RFC 6749 §4.1.2): `code` and `state`, or `error`.
#[derive(Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    state: String,
    code: Option<String>,
    error: Option<String>,
}

/// `/login/upstream/{id}/callback`: the upstream sends the browser back.
#[allow(clippy::too_many_arguments)] // an axum handler's extractors
pub async fn get_callback(
    State(p): State<Provider>,
    State(f): State<Federation>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    lang: Lang,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let (pending, i) = match returning(&p, &f, &lang, &jar, &id, &q.state).await {
        Ok(back) => back,
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let answer = match (q.code, q.error) {
        (Some(code), None) => f.finish(pending, code).await,
        // The user declined, or the upstream failed: an OAuth error code, nothing to redeem.
        (_, error) => Err(FederationError::Rejected(format!(
            "the upstream answered error={}",
            error.unwrap_or_default()
        ))),
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return refused(&f, &t, &i, &id, &e, &origin).await,
    };
    let link_for = answer.pending.link_for.clone();
    conclude(
        &p,
        &f,
        &accounts,
        jar,
        i,
        &t,
        &answer.provider,
        &answer.profile,
        link_for,
        origin,
    )
    .await
}

/// The sign-in an upstream's answer names by `state` (taken whatever follows: it answers once),
/// in the browser that started it (a login CSRF otherwise); else the page to answer with.
pub async fn returning(
    p: &Provider,
    f: &Federation,
    lang: &Lang,
    jar: &CookieJar,
    id: &str,
    state: &str,
) -> Result<(Pending, Interaction), Response> {
    let pending = match f.take(id, state).await {
        Ok(pending) => pending,
        Err(FederationError::UnknownState) => return Err(pages::expired_page(&lang.tr())),
        Err(e) => return Err(unavailable(&lang.tr(), &e)),
    };
    match bound_interaction(p, &lang.tr(), jar, &pending.interaction_id).await {
        Ok(Some(i)) => Ok((pending, i)),
        Ok(None) => Err(pages::expired_page(&lang.tr())),
        Err(r) => Err(r),
    }
}

/// An upstream's answer that failed a check: audited, and the page with a way back.
pub async fn refused(
    f: &Federation,
    t: &Tr,
    i: &Interaction,
    id: &str,
    e: &FederationError,
    origin: &Origin,
) -> Response {
    let c = f.connection(id).await.ok();
    if let Some(c) = &c {
        f.refused(c, e.reason(), origin).await;
    }
    failed(t, i, c.as_ref(), e)
}

/// What an upstream identity, checked, does in sign-in `i`: linked to the account that asked
/// for it from the account pages, or signed in by the linking rules (the engine then asks for
/// what else the sign-in needs).
#[allow(clippy::too_many_arguments)]
pub async fn conclude(
    p: &Provider,
    f: &Federation,
    accounts: &Accounts,
    jar: CookieJar,
    i: Interaction,
    t: &Tr,
    c: &IdentityProvider,
    profile: &UpstreamProfile,
    link_for: Option<String>,
    origin: Origin,
) -> Response {
    if let Some(user_id) = link_for {
        return link_from_account(p, f, t, &jar, &i, c, profile, &user_id, &origin).await;
    }
    let resolved = f.resolve(c, profile, &origin).await;
    decided(p, accounts, jar, i, t, c, profile, resolved, origin).await
}

/// Where the linking rules' answer for `profile` leads sign-in `i`: on to the engine, to the
/// page proving the account that holds the address, to the review step, or to a refusal.
#[allow(clippy::too_many_arguments)]
pub async fn decided(
    p: &Provider,
    accounts: &Accounts,
    jar: CookieJar,
    mut i: Interaction,
    t: &Tr,
    c: &IdentityProvider,
    profile: &UpstreamProfile,
    resolved: Result<Resolved, FederationError>,
    origin: Origin,
) -> Response {
    match resolved {
        Ok(Resolved::SignIn(user)) => {
            let mfa = c.settings.trust_mfa && profile.upstream_mfa;
            flow::proved(p, t, accounts, jar, i, &user, Method::Federated { mfa }, origin).await
        }
        Ok(Resolved::Confirm(user)) => {
            i.upstream_link = Some(PendingLink {
                provider_id: c.id.clone(),
                provider_name: c.name.clone(),
                subject: profile.subject.clone(),
                email: profile.email.clone(),
                user_id: user.id.clone(),
            });
            if let Err(e) = p.interactions.save(&i).await {
                return flow::failure(t, &AuthnError::Cache(e));
            }
            let next = format!("/login/upstream/link?interaction={}", i.id);
            (jar, Redirect::to(&next)).into_response()
        }
        Ok(Resolved::Review) => {
            i.upstream_review = Some(PendingReview {
                provider_id: c.id.clone(),
                provider_name: c.name.clone(),
                profile: profile.clone(),
                email: None,
            });
            if let Err(e) = p.interactions.save(&i).await {
                return flow::failure(t, &AuthnError::Cache(e));
            }
            let next = format!("/login/upstream/review?interaction={}", i.id);
            (jar, Redirect::to(&next)).into_response()
        }
        Ok(Resolved::Refused(r)) => {
            let back = format!("/login?interaction={}", i.id);
            let link = (t.t("link-other-way"), back);
            pages::message_page(
                t,
                StatusCode::FORBIDDEN,
                &t.t("upstream-failed-title"),
                &t.t1(r.message(), "name", &c.name),
                Some((&link.0, &link.1)),
            )
        }
        Err(e) => failed(t, &i, Some(c), &e),
    }
}

/// The end of linking another sign-in from the account pages: only for the session that asked.
#[allow(clippy::too_many_arguments)]
async fn link_from_account(
    p: &Provider,
    f: &Federation,
    t: &Tr,
    jar: &CookieJar,
    i: &Interaction,
    c: &IdentityProvider,
    profile: &UpstreamProfile,
    user_id: &str,
    origin: &Origin,
) -> Response {
    let cookie = jar.get(&p.config.cookie_name(SESSION_COOKIE)).map(|c| c.value());
    match p.sessions.current(cookie).await {
        Ok(Some(s)) if s.user_id == user_id => {}
        Ok(_) => return pages::expired_page(t),
        Err(e) => return flow::failure(t, &AuthnError::Store(e)),
    }
    let _ = p.interactions.finish(&i.id).await;
    match f.link_to_account(c, profile, user_id, origin).await {
        Ok(Linking::Linked | Linking::AlreadyYours) => Redirect::to("/account/security").into_response(),
        Ok(Linking::TakenByAnother) => {
            let back = t.t("button-continue");
            pages::message_page(
                t,
                StatusCode::CONFLICT,
                &t.t("upstream-failed-title"),
                &t.t1("linked-elsewhere", "name", &c.name),
                Some((&back, "/account/security")),
            )
        }
        Err(e) => failure(t, &e),
    }
}

/// `/login/upstream/link?interaction=…`: the page asking for the password of the account that
/// holds the upstream's address.
pub async fn get_link(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) if i.upstream_link.is_some() => {
            render_link(&p, lang.of(&i), &i, StatusCode::OK, Problems::default()).await
        }
        Ok(_) => pages::expired_page(&lang.tr()),
        Err(r) => r,
    }
}

async fn render_link(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    status: StatusCode,
    problems: Problems,
) -> Response {
    let Some(link) = i.upstream_link.as_ref() else {
        return pages::expired_page(&t);
    };
    let email = match p.store.users().user_by_id(&link.user_id).await {
        Ok(Some(u)) => u.email,
        Ok(None) => return pages::expired_page(&t),
        Err(e) => return flow::failure(&t, &AuthnError::Store(e)),
    };
    let name = Arg::from(link.provider_name.clone());
    let page = LinkPage {
        title: t.t1("link-title", "name", &link.provider_name),
        intro: t.with(
            "link-intro",
            &[("name", name), ("email", Arg::from(email.clone()))],
        ),
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        email,
        problems,
        t,
    };
    interaction_csp((status, page).into_response(), i)
}

/// The password of the account to link: proved, the sign-in goes on to its second factor
/// (when it has one), and the link is made with the session, never before.
pub async fn post_link(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, params, t): InteractionForm,
) -> Response {
    let Some(link) = i.upstream_link.clone() else {
        return pages::expired_page(&t);
    };
    let email = match p.store.users().user_by_id(&link.user_id).await {
        Ok(Some(u)) => u.email,
        Ok(None) => return pages::expired_page(&t),
        Err(e) => return flow::failure(&t, &AuthnError::Store(e)),
    };
    match accounts
        .password_login(&email, &field(&params, "password"), &origin)
        .await
    {
        Ok(user) if user.id == link.user_id => {
            // The upstream sign-in counts as one factor of no kind: the account's own second
            // factor is still asked for, whatever the upstream said.
            let now = p.now();
            let mut auth = Authentication::first(&user.id, Method::Federated { mfa: false }, now);
            auth.proved(Method::Password, now);
            auth.link = i.upstream_link.take();
            i.authentication = Some(auth);
            flow::advance(&p, &t, &accounts, jar, i, &user, origin).await
        }
        Ok(_) | Err(AuthnError::InvalidCredentials) | Err(AuthnError::EmailUnverified { .. }) => {
            let problems = Problems::one(&t, "", INVALID_CREDENTIALS);
            render_link(&p, t, &i, StatusCode::UNAUTHORIZED, problems).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// The page for an upstream sign-in that did not work: why in the log, a way back for the user.
pub fn failed(t: &Tr, i: &Interaction, c: Option<&IdentityProvider>, e: &FederationError) -> Response {
    let (status, message) = match (e, c) {
        (FederationError::UnknownConnection, _) | (_, None) => {
            (StatusCode::NOT_FOUND, t.t("upstream-unknown"))
        }
        (FederationError::Store(_) | FederationError::Cache(_) | FederationError::Crypto(_), _) => {
            return unavailable(t, e);
        }
        (FederationError::Upstream(_), Some(c)) => {
            (StatusCode::BAD_GATEWAY, t.t1("upstream-failed", "name", &c.name))
        }
        (_, Some(c)) => (StatusCode::BAD_REQUEST, t.t1("upstream-failed", "name", &c.name)),
    };
    tracing::warn!(error = %e, connection = c.map(|c| c.id.as_str()), "upstream sign-in failed");
    let back = format!("/login?interaction={}", i.id);
    let label = t.t("link-other-way");
    pages::message_page(
        t,
        status,
        &t.t("upstream-failed-title"),
        &message,
        Some((&label, &back)),
    )
}

/// The page for a failure outside a sign-in's own pages (the account pages' linking, the
/// identity-first step): an unknown connection is a 404, the upstream's trouble a 502.
pub fn failure(t: &Tr, e: &FederationError) -> Response {
    let (status, message) = match e {
        FederationError::UnknownConnection => (StatusCode::NOT_FOUND, t.t("upstream-unknown")),
        FederationError::Upstream(_) | FederationError::Config(_) => {
            tracing::warn!(error = %e, "upstream sign-in failed");
            (StatusCode::BAD_GATEWAY, t.t("upstream-unknown"))
        }
        _ => return unavailable(t, e),
    };
    pages::message_page(t, status, &t.t("upstream-failed-title"), &message, None)
}

/// 503 for the database or cache in trouble; 500 for anything else of ours.
fn unavailable(t: &Tr, e: &FederationError) -> Response {
    match e {
        FederationError::Store(s) if !s.is_unavailable() => {
            tracing::error!(error = %e, "upstream sign-in failed");
            flow::server_error(t)
        }
        FederationError::Store(_) | FederationError::Cache(_) => flow::unavailable(t, e),
        _ => {
            tracing::error!(error = %e, "upstream sign-in failed");
            flow::server_error(t)
        }
    }
}
