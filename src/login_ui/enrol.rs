//! Setting up a second factor during a login: required (the deployment, the client or an `acr`
//! asks for multi-factor and the user has none), required but within its grace period, or
//! offered to a user who has none (the guided set-up after sign-up). An authenticator app,
//! activated by its first code, or a passkey or security key, made by the browser; either
//! counts as the login's second factor. Then recovery codes, shown once. What is not required
//! can be put off ("Not now").

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{
    self, InteractionForm, InteractionQuery, bound_interaction, client_face, field, interaction_csp,
};
use super::pages::{self, ClientFace};
use super::passkey::{credential, options};
use crate::authn::engine::{Enrolment, Step};
use crate::authn::{Accounts, AuthnError};
use crate::domain::{Interaction, Method, Origin, User};
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::mfa::{CredentialKind, TotpEnrolment};
use crate::oidc::Provider;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

#[derive(Template, WebTemplate)]
#[template(path = "login/enrol.html")]
struct EnrolPage {
    t: Tr,
    css_url: String,
    interaction: String,
    csrf: String,
    client: Option<ClientFace>,
    title: String,
    intro: String,
    qr_svg: String,
    secret: String,
    pending: String,
    name: String,
    problems: Problems,
    /// WebAuthn works here (a domain-name issuer): passkeys and keys are offered too.
    passkeys: bool,
    webauthn_script: String,
    /// "Not now" is offered.
    deferrable: bool,
    cancellable: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/recovery_codes.html")]
struct RecoveryCodesPage {
    t: Tr,
    css_url: String,
    interaction: String,
    csrf: String,
    /// What was set up, as a message id.
    done: &'static str,
    codes: Vec<String>,
}

/// The page for `why`, with the authenticator app's enrolment `e`.
#[allow(clippy::too_many_arguments)]
async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    why: Enrolment,
    e: TotpEnrolment,
    name: String,
    problems: Problems,
) -> Response {
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let (title, intro) = match why {
        Enrolment::Required => (t.t("enrol-title"), t.t("enrol-intro")),
        Enrolment::Deferrable { until } => (
            t.t("enrol-title"),
            t.t1("setup-grace-intro", "date", t.datetime(until)),
        ),
        Enrolment::Offered => (t.t("setup-offer-title"), t.t("setup-offer-intro")),
    };
    let page = EnrolPage {
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        title,
        intro,
        qr_svg: e.qr_svg,
        secret: e.secret_base32,
        pending: e.pending,
        name,
        problems,
        passkeys: p.mfa.webauthn.is_some(),
        webauthn_script: crate::http::assets::url("webauthn.js"),
        deferrable: why != Enrolment::Required,
        cancellable: i.authorization().is_some(),
        t,
    };
    interaction_csp((status, page).into_response(), i)
}

/// The page again after a failed try: the same authenticator app's key while it lives (an app
/// that scanned it keeps working), else a new one.
#[allow(clippy::too_many_arguments)]
async fn render_again(
    p: &Provider,
    accounts: &Accounts,
    t: Tr,
    i: &Interaction,
    why: Enrolment,
    user: &User,
    pending: &str,
    name: String,
    problems: Problems,
) -> Response {
    match accounts.begin_totp(user, Some(pending)).await {
        Ok(e) => render(p, t, i, why, e, name, problems).await,
        Err(e) => flow::failure(&t, &e),
    }
}

/// The user the interaction's first factor proved, and why they set up a factor, when the
/// engine's next step for them is this. (Reached otherwise, a page would let someone who
/// knows only the password set up a factor of their own.)
async fn enrolling(
    p: &Provider,
    t: &Tr,
    jar: &CookieJar,
    i: &Interaction,
) -> Result<(User, Enrolment), Response> {
    let Some(Step::Enrol(why)) = flow::next_step(p, t, jar, i).await? else {
        return Err(pages::expired_page(t));
    };
    Ok((user_of(p, t, i).await?, why))
}

/// The user the interaction's first factor proved.
async fn user_of(p: &Provider, t: &Tr, i: &Interaction) -> Result<User, Response> {
    let Some(auth) = i.authentication.as_ref() else {
        return Err(pages::expired_page(t));
    };
    match p.store.users().user_by_id(&auth.user_id).await {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(pages::expired_page(t)),
        Err(e) => Err(flow::failure(t, &AuthnError::Store(e))),
    }
}

pub async fn get_enrol(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    let i = match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) => i,
        Ok(None) => return pages::expired_page(&lang.tr()),
        Err(r) => return r,
    };
    let t = lang.of(&i);
    let (user, why) = match enrolling(&p, &t, &jar, &i).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    // Asked by the policy: the grace period, if any, starts now.
    if why != Enrolment::Offered
        && let Err(e) = accounts.setup_required(&user).await
    {
        return flow::failure(&t, &e);
    }
    match accounts.begin_totp(&user, None).await {
        Ok(e) => {
            let name = t.t("totp-default-name");
            render(&p, t, &i, why, e, name, Problems::default()).await
        }
        Err(e) => flow::failure(&t, &e),
    }
}

/// The authenticator app's first code.
pub async fn post_enrol(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let (user, why) = match enrolling(&p, &t, &jar, &i).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (pending, name) = (field(&params, "pending"), field(&params, "name"));
    let result = accounts
        .add_totp(&user, &pending, &name, &field(&params, "code"), &origin)
        .await;
    let problems = match result {
        Ok(codes) => return set_up(&p, &t, &accounts, jar, i, &user, Method::Totp, codes, origin).await,
        Err(AuthnError::InvalidCode) => Problems::one(&t, "code", "factor-code-wrong"),
        Err(AuthnError::Invalid(problems)) => Problems::say(&t, &problems),
        Err(e) => return flow::failure(&t, &e),
    };
    render_again(&p, &accounts, t, &i, why, &user, &pending, name, problems).await
}

/// `POST /login/enrol/webauthn/options`: a registration ceremony for a passkey or a key.
pub async fn post_webauthn_options(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let user = match enrolling(&p, &t, &jar, &i).await {
        Ok((user, _)) => user,
        Err(r) => return r,
    };
    let kind = match field(&params, "kind").as_str() {
        "security_key" => CredentialKind::SecurityKey,
        _ => CredentialKind::Passkey,
    };
    options(accounts.begin_webauthn_registration(&user, kind).await)
}

/// `POST /login/enrol/webauthn`: the browser's new credential.
pub async fn post_webauthn(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, params, t): InteractionForm,
) -> Response {
    let (user, why) = match enrolling(&p, &t, &jar, &i).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let result = accounts
        .add_webauthn(
            &user,
            &field(&params, "ceremony"),
            &credential(&params),
            &field(&params, "name"),
            &origin,
        )
        .await;
    let problems = match result {
        // The key was just used to make the credential: it is this login's second factor.
        Ok((c, codes)) => return set_up(&p, &t, &accounts, jar, i, &user, c.method(), codes, origin).await,
        Err(AuthnError::InvalidCode) => Problems::one(&t, "", "webauthn-failed"),
        Err(AuthnError::Invalid(problems)) => Problems::say(&t, &problems),
        Err(e) => return flow::failure(&t, &e),
    };
    let name = t.t("totp-default-name");
    match accounts.begin_totp(&user, None).await {
        Ok(e) => render(&p, t, &i, why, e, name, problems).await,
        Err(e) => flow::failure(&t, &e),
    }
}

/// "Not now": the sign-in goes on without a second factor, and the offer waits for its
/// interval. Only what is not required can be put off.
pub async fn post_later(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, _, t): InteractionForm,
) -> Response {
    let user = match enrolling(&p, &t, &jar, &i).await {
        Ok((user, why)) if why != Enrolment::Required => user,
        Ok(_) => return pages::expired_page(&t),
        Err(r) => return r,
    };
    if let Err(e) = accounts.put_setup_off(&user, &origin).await {
        return flow::failure(&t, &e);
    }
    if let Some(a) = i.authentication.as_mut() {
        a.setup_put_off = true;
    }
    flow::advance(&p, &t, &accounts, jar, i, &user, origin).await
}

/// A factor was set up and used: the login holds it; then the recovery codes (when the user
/// had none), or the login goes on.
#[allow(clippy::too_many_arguments)]
async fn set_up(
    p: &Provider,
    t: &Tr,
    accounts: &Accounts,
    jar: CookieJar,
    mut i: Interaction,
    user: &User,
    method: Method,
    codes: Option<Vec<String>>,
    origin: Origin,
) -> Response {
    if let Some(a) = i.authentication.as_mut() {
        a.proved(method, p.now());
    }
    let Some(codes) = codes else {
        return flow::advance(p, t, accounts, jar, i, user, origin).await;
    };
    if let Err(e) = p.interactions.save(&i).await {
        return flow::failure(t, &AuthnError::Cache(e));
    }
    let page = RecoveryCodesPage {
        t: t.clone(),
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        done: match method {
            Method::Totp => "enrol-done",
            _ => "security-webauthn-added",
        },
        codes,
    };
    interaction_csp(page.into_response(), &i)
}

/// "Continue" after the recovery codes: the login goes on.
pub async fn post_continue(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, i, _, t): InteractionForm,
) -> Response {
    match user_of(&p, &t, &i).await {
        Ok(user) => flow::advance(&p, &t, &accounts, jar, i, &user, origin).await,
        Err(r) => r,
    }
}
