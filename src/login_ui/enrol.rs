//! Setting up a second factor during a login that requires one (the deployment, the client or an
//! `acr` asks for multi-factor and the user has none): an authenticator app, activated by its
//! first code, which counts as the login's second factor; then recovery codes, shown once.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde_json::json;

use super::flow::{
    self, InteractionForm, InteractionQuery, bound_interaction, client_face, field, interaction_csp,
};
use super::pages::{self, ClientFace};
use crate::audit::Event;
use crate::authn::Accounts;
use crate::authn::AuthnError;
use crate::domain::{Interaction, Method, Origin, User};
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::mfa::{MfaError, TotpEnrolment};
use crate::oidc::Provider;
use crate::oidc::authorize::Step;
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
    qr_svg: String,
    secret: String,
    pending: String,
    name: String,
    problems: Problems,
    cancellable: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "login/recovery_codes.html")]
struct RecoveryCodesPage {
    t: Tr,
    css_url: String,
    interaction: String,
    csrf: String,
    codes: Vec<String>,
}

async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    e: TotpEnrolment,
    name: String,
    problems: Problems,
) -> Response {
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = EnrolPage {
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        qr_svg: e.qr_svg,
        secret: e.secret_base32,
        pending: e.pending,
        name,
        problems,
        cancellable: i.authorization().is_some(),
        t,
    };
    interaction_csp((status, page).into_response(), i)
}

/// The user the interaction's first factor proved, when the engine's next step for them is
/// this enrolment. (Reached otherwise, a page would let someone who knows only the password
/// set up a factor of their own.)
async fn enrolling_user(p: &Provider, t: &Tr, jar: &CookieJar, i: &Interaction) -> Result<User, Response> {
    if flow::next_step(p, t, jar, i).await? != Some(Step::Enrol) {
        return Err(pages::expired_page(t));
    }
    user_of(p, t, i).await
}

/// The user the interaction's first factor proved.
async fn user_of(p: &Provider, t: &Tr, i: &Interaction) -> Result<User, Response> {
    let Some(auth) = i.authentication.as_ref() else {
        return Err(pages::expired_page(t));
    };
    match p.store.user_by_id(&auth.user_id).await {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(pages::expired_page(t)),
        Err(e) => Err(flow::failure(t, &AuthnError::Store(e))),
    }
}

pub async fn get_enrol(
    State(p): State<Provider>,
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
    let user = match enrolling_user(&p, &t, &jar, &i).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match p
        .mfa
        .totp
        .begin(&user.id, &user.email, &t.t("product-name"))
        .await
    {
        Ok(e) => {
            let name = t.t("totp-default-name");
            render(&p, t, &i, e, name, Problems::default()).await
        }
        Err(e) => flow::failure(&t, &e.into()),
    }
}

pub async fn post_enrol(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, params, t): InteractionForm,
) -> Response {
    let user = match enrolling_user(&p, &t, &jar, &i).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (pending, name) = (field(&params, "pending"), field(&params, "name"));
    let entry = enrolled_entry(&p, &user, &origin);
    let problem = match p
        .mfa
        .totp
        .confirm(&user.id, &pending, &name, &field(&params, "code"), &entry)
        .await
    {
        Ok(_) => None,
        Err(MfaError::InvalidCode) => Some(("code", "factor-code-wrong")),
        Err(MfaError::Invalid(id)) if id.starts_with("problem-mfa-name") => Some(("name", id)),
        Err(MfaError::Invalid(id)) => Some(("", id)),
        Err(e) => return flow::failure(&t, &e.into()),
    };
    if let Some((topic, id)) = problem {
        let product = t.t("product-name");
        // The same secret again while it lives, so an app that scanned it keeps working.
        let e = match p.mfa.totp.reopen(&user.id, &pending, &user.email, &product) {
            Ok(e) => e,
            Err(_) => match p.mfa.totp.begin(&user.id, &user.email, &product).await {
                Ok(e) => e,
                Err(e) => return flow::failure(&t, &e.into()),
            },
        };
        let problems = Problems::one(&t, topic, id);
        return render(&p, t, &i, e, name, problems).await;
    }
    accounts.mail_security_change(&user, "mail-security-totp-added");
    let codes = match p
        .mfa
        .recovery_codes
        .generate(&user.id, &recovery_entry(&p, &user, &origin))
        .await
    {
        Ok(c) => c,
        Err(e) => return flow::failure(&t, &e.into()),
    };
    if let Some(a) = i.authentication.as_mut() {
        a.proved(Method::Totp, p.now());
    }
    if let Err(e) = p.interactions.save(&i).await {
        return flow::failure(&t, &AuthnError::Cache(e));
    }
    let page = RecoveryCodesPage {
        t,
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
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

pub fn enrolled_entry(p: &Provider, user: &User, origin: &Origin) -> crate::domain::AuditEntry {
    p.audit.entry(
        Event::success("mfa.enrolled")
            .by_user(&user.id)
            .origin(origin)
            .detail(json!({ "method": "totp" })),
    )
}

pub fn recovery_entry(p: &Provider, user: &User, origin: &Origin) -> crate::domain::AuditEntry {
    p.audit.entry(
        Event::success("mfa.recovery_codes.generated")
            .by_user(&user.id)
            .origin(origin),
    )
}
