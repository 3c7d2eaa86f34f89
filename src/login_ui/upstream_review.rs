//! The review step of an upstream sign-in that gave no address (Telegram, X): the user gives
//! one, proves it with the code mailed there, and only then do the linking rules run, with the
//! proved address. Nothing is made before the proof, so an address typed here can neither squat
//! on someone else's mailbox nor, through the link page, tell whether it has an account.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use super::flow::{
    self, InteractionForm, InteractionQuery, bound_interaction, client_face, field, interaction_csp,
};
use super::pages::{self, ReviewPage};
use super::upstream::{decided, failed};
use crate::authn::{Accounts, AuthnError, clean_name};
use crate::domain::{Interaction, PendingReview};
use crate::federation::Federation;
use crate::http::origin::ClientOrigin;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::web::lang::Lang;
use crate::web::problems::Problems;

/// `GET /login/upstream/review?interaction=…`: the form asking for the address.
pub async fn get_review(
    State(p): State<Provider>,
    lang: Lang,
    jar: CookieJar,
    Query(q): Query<InteractionQuery>,
) -> Response {
    match bound_interaction(&p, &lang.tr(), &jar, q.interaction()).await {
        Ok(Some(i)) => match i.upstream_review.clone() {
            Some(r) => {
                let email = r.email.clone().unwrap_or_default();
                let name = r.profile.name.clone().unwrap_or_default();
                render(&p, lang.of(&i), &i, &r, &email, &name, None, Problems::default()).await
            }
            None => pages::expired_page(&lang.tr()),
        },
        Ok(None) => pages::expired_page(&lang.tr()),
        Err(r) => r,
    }
}

/// The address (and name): a code is mailed there, and the page asks for it.
pub async fn post_review(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(_, mut i, params, t): InteractionForm,
) -> Response {
    let Some(mut review) = i.upstream_review.clone() else {
        return pages::expired_page(&t);
    };
    let (email, name) = (field(&params, "email"), field(&params, "name"));
    let name_checked = clean_name(Some(&name));
    let sent = match &name_checked {
        Ok(_) => accounts.send_address_code(&i.id, &email, t.lang(), &origin).await,
        Err(problem) => Err(AuthnError::Invalid(vec![problem.clone()])),
    };
    let sent_to = match sent {
        Ok(address) => address,
        Err(AuthnError::Invalid(problems)) => {
            let problems = Problems::say(&t, &problems);
            return render(&p, t, &i, &review, &email, &name, None, problems).await;
        }
        Err(e) => return flow::failure(&t, &e),
    };
    review.email = Some(sent_to.clone());
    review.profile.name = name_checked.ok().flatten();
    i.upstream_review = Some(review.clone());
    if let Err(e) = p.interactions.save(&i).await {
        return flow::failure(&t, &AuthnError::Cache(e));
    }
    render(
        &p,
        t,
        &i,
        &review,
        &sent_to,
        &name,
        Some(sent_to.clone()),
        Problems::default(),
    )
    .await
}

/// The code: the address is proved, and the linking rules decide with it (an account holding
/// it must still be proved by its password; none, and one is made, its address verified).
pub async fn post_verify(
    State(p): State<Provider>,
    State(f): State<Federation>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    InteractionForm(jar, mut i, params, t): InteractionForm,
) -> Response {
    let Some(review) = i.upstream_review.clone() else {
        return pages::expired_page(&t);
    };
    let Some(sent_to) = review.email.clone() else {
        return pages::expired_page(&t);
    };
    let email = match accounts
        .prove_address(&i.id, &field(&params, "code"), &origin)
        .await
    {
        Ok(email) => email,
        Err(AuthnError::InvalidCode) => {
            let problems = Problems::one(&t, "code", "check-email-code-wrong");
            let name = review.profile.name.clone().unwrap_or_default();
            return render(
                &p,
                t,
                &i,
                &review,
                &sent_to,
                &name,
                Some(sent_to.clone()),
                problems,
            )
            .await;
        }
        Err(e) => return flow::failure(&t, &e),
    };
    let c = match f.connection(&review.provider_id).await {
        Ok(c) => c,
        Err(e) => return failed(&t, &i, None, &e),
    };
    let mut profile = review.profile;
    profile.email = Some(email);
    profile.email_verified = false;
    profile.email_proven = true;
    i.upstream_review = None;
    let resolved = f.resolve(&c, &profile, &origin).await;
    decided(&p, &accounts, jar, i, &t, &c, &profile, resolved, origin).await
}

#[allow(clippy::too_many_arguments)] // the page's parts
async fn render(
    p: &Provider,
    t: Tr,
    i: &Interaction,
    review: &PendingReview,
    email: &str,
    name: &str,
    sent_to: Option<String>,
    problems: Problems,
) -> Response {
    let status = crate::web::pages::status_for(&problems);
    let page = ReviewPage {
        title: t.t("review-title"),
        intro: t.t1("review-intro", "name", &review.provider_name),
        css_url: pages::css_url(),
        interaction: i.id.clone(),
        csrf: i.csrf.clone(),
        client: client_face(p, i).await,
        email: email.to_owned(),
        name: name.to_owned(),
        sent_to,
        problems,
        t,
    };
    interaction_csp((status, page).into_response(), i)
}
