//! After validation, the prompt policy decides (see `policy.rs`): the client has its code now,
//! or the user goes to the page of the first prompt still needed, and comes back here after it.

use super::params::Params;
use super::policy::{self, Facts, Step};
use super::respond::{AuthorizationResponse, issue_code};
use super::{AuthorizeError, pipeline};
use crate::audit::Event;
use crate::authn::engine::{self, Subject};
use crate::authn::{devices, mfa_policy, setup};
use crate::domain::{
    Authentication, AuthorizationRequest, Client, Interaction, LoginResult, Origin, Resume, Session,
};
use crate::oidc::{OAuthError, Provider};

#[derive(Debug)]
pub enum Outcome {
    /// Deliver this to the client's redirect_uri: a code, or an error.
    Respond(AuthorizationResponse),
    /// Send the browser to a hosted page. `binding` is set when the interaction is new, and the
    /// browser must receive it as a cookie.
    Interact {
        interaction: Box<Interaction>,
        binding: Option<String>,
        step: Step,
    },
}

/// The authorization endpoint: validate, then decide.
pub async fn authorize(
    p: &Provider,
    params: Params,
    session_cookie: Option<&str>,
    device_cookie: Option<&str>,
) -> Result<Outcome, AuthorizeError> {
    let (client, req) = pipeline::validate(p, params).await?;
    let fail = |e: OAuthError| AuthorizeError::Redirect(AuthorizationResponse::for_request(&req, &e));
    // Initiating User Registration: the user asked for a new account, whoever is signed in.
    if req.prompt.create && p.config.signup_enabled {
        let (interaction, binding) = p
            .interactions
            .create(Resume::Authorization(Box::new(req.clone())), None)
            .await
            .map_err(|e| fail(e.into()))?;
        return Ok(Outcome::Interact {
            interaction: Box::new(interaction),
            binding: Some(binding),
            step: Step::Register,
        });
    }
    let session = p
        .sessions
        .current(session_cookie)
        .await
        .map_err(|e| fail(e.into()))?;
    let user = match &session {
        Some(s) => p
            .store
            .users()
            .user_by_id(&s.user_id)
            .await
            .map_err(|e| fail(e.into()))?,
        None => None,
    };
    let granted = match &session {
        Some(s) if !client.first_party => p
            .store
            .consents()
            .consented_scope(&s.user_id, &client.client_id)
            .await
            .map_err(|e| fail(e.into()))?,
        _ => None,
    };
    let enrolled = match &session {
        Some(s) => p.mfa.enrolled(&s.user_id).await.map_err(|e| fail(e.into()))?,
        None => Vec::new(),
    };
    let user_id = session.as_ref().map(|s| s.user_id.as_str());
    let level = mfa_policy::required_level(&p.store, &p.config, user_id, client.require_mfa, &enrolled)
        .await
        .map_err(|e| fail(e.into()))?;
    let demand = policy::demand(&req, level).map_err(fail)?;
    let remembered = match &session {
        Some(s) => devices::remembers(&p.store, device_cookie, &s.user_id, p.now())
            .await
            .map_err(|e| fail(e.into()))?,
        None => false,
    };
    let setup = match &session {
        Some(s) => setup::state(
            &p.store,
            &p.config,
            &s.user_id,
            &enrolled,
            (false, false),
            p.now(),
        )
        .await
        .map_err(|e| fail(e.into()))?,
        None => engine::Setup::default(),
    };
    let facts = Facts {
        auth: engine::Facts {
            subject: session.as_ref().map(|s| Subject {
                user_id: &s.user_id,
                user: user.as_ref(),
                factors: &s.factors,
                here: false,
            }),
            demand: &demand,
            enrolled: &enrolled,
            remembered,
            setup,
            now: p.now(),
        },
        client: &client,
        req: &req,
        granted: granted.as_ref(),
    };
    if facts.auth.subject.is_some() && facts.auth.unreachable() {
        return Ok(Outcome::Respond(AuthorizationResponse::for_request(
            &req,
            &unmet(),
        )));
    }
    let Some(prompt) = policy::first_needed(&facts) else {
        let login = session.as_ref().map(login_of);
        return match login {
            Some(login) => Ok(Outcome::Respond(issue_code(p, &req, &login).await.map_err(fail)?)),
            None => Err(fail(OAuthError::ServerError)),
        };
    };
    if req.prompt.none {
        return Ok(Outcome::Respond(AuthorizationResponse::for_request(
            &req,
            &(prompt.unmet)(),
        )));
    }
    // Past the login prompt, the session's user is known: consent, or a step-up, builds on it.
    let login = (prompt.step != Step::Login)
        .then(|| session.as_ref().map(login_of))
        .flatten();
    let (mut interaction, binding) = p
        .interactions
        .create(Resume::Authorization(Box::new(req.clone())), login)
        .await
        .map_err(|e| fail(e.into()))?;
    if matches!(prompt.step, Step::Factor | Step::Enrol)
        && let Some(s) = &session
    {
        interaction.authentication = Some(Authentication::raising(s));
        p.interactions
            .save(&interaction)
            .await
            .map_err(|e| fail(e.into()))?;
    }
    Ok(Outcome::Interact {
        interaction: Box::new(interaction),
        binding: Some(binding),
        step: prompt.step,
    })
}

/// The essential `acr` asked for cannot be reached by this user.
fn unmet() -> OAuthError {
    OAuthError::UnmetAuthenticationRequirements(
        "the level asked for needs a factor the user does not have".into(),
    )
}

fn login_of(s: &Session) -> LoginResult {
    LoginResult {
        user_id: s.user_id.clone(),
        session_id: s.id.clone(),
        auth_time: s.auth_time,
        acr: s.acr.clone(),
        amr: s.amr.clone(),
    }
}

async fn user_needs_consent(
    p: &Provider,
    client: &Client,
    req: &AuthorizationRequest,
    user_id: &str,
) -> Result<bool, OAuthError> {
    if client.first_party {
        // Nothing to look up.
        return Ok(false);
    }
    let granted = p
        .store
        .consents()
        .consented_scope(user_id, &client.client_id)
        .await?;
    Ok(policy::needs_consent(client, req, granted.as_ref()))
}

async fn after_login(
    p: &Provider,
    client: &Client,
    req: AuthorizationRequest,
    login: LoginResult,
    existing: Option<Interaction>,
) -> Result<Outcome, AuthorizeError> {
    let fail = |e: OAuthError| AuthorizeError::Redirect(AuthorizationResponse::for_request(&req, &e));
    if user_needs_consent(p, client, &req, &login.user_id)
        .await
        .map_err(fail)?
    {
        if req.prompt.none {
            return Ok(Outcome::Respond(AuthorizationResponse::for_request(
                &req,
                &OAuthError::ConsentRequired("the user has not consented to this client".into()),
            )));
        }
        return Ok(match existing {
            Some(mut i) => {
                i.login = Some(login);
                p.interactions.save(&i).await.map_err(|e| fail(e.into()))?;
                Outcome::Interact {
                    interaction: Box::new(i),
                    binding: None,
                    step: Step::Consent,
                }
            }
            None => {
                let (i, binding) = p
                    .interactions
                    .create(Resume::Authorization(Box::new(req.clone())), Some(login))
                    .await
                    .map_err(|e| fail(e.into()))?;
                Outcome::Interact {
                    interaction: Box::new(i),
                    binding: Some(binding),
                    step: Step::Consent,
                }
            }
        });
    }
    if let Some(i) = existing
        && !p.interactions.finish(&i.id).await.map_err(|e| fail(e.into()))?
    {
        return Err(fail(OAuthError::invalid_request(
            "this sign-in request was already completed",
        )));
    }
    Ok(Outcome::Respond(issue_code(p, &req, &login).await.map_err(fail)?))
}

/// The step the authentication gathered in interaction `i` still needs before the client's
/// request can go on: a second factor, an enrolment, or none (`None`, or the consent that
/// follows the session).
pub async fn pending_step(
    p: &Provider,
    i: &Interaction,
    device_cookie: Option<&str>,
) -> Result<Option<engine::Step>, AuthorizeError> {
    let (Some(req), Some(auth)) = (i.authorization(), i.authentication.as_ref()) else {
        return Err(AuthorizeError::Page(OAuthError::invalid_request(
            "this sign-in has no authorization request",
        )));
    };
    let fail = |e: OAuthError| AuthorizeError::Redirect(AuthorizationResponse::for_request(req, &e));
    let client = p
        .store
        .clients()
        .client(&req.client_id)
        .await?
        .ok_or_else(|| AuthorizeError::Page(OAuthError::invalid_client("the client is unknown")))?;
    let user = p
        .store
        .users()
        .user_by_id(&auth.user_id)
        .await
        .map_err(|e| fail(e.into()))?;
    let enrolled = p.mfa.enrolled(&auth.user_id).await.map_err(|e| fail(e.into()))?;
    let level = mfa_policy::required_level(
        &p.store,
        &p.config,
        Some(&auth.user_id),
        client.require_mfa,
        &enrolled,
    )
    .await
    .map_err(|e| fail(e.into()))?;
    let demand = policy::demand(req, level).map_err(fail)?;
    let remembered = devices::remembers(&p.store, device_cookie, &auth.user_id, p.now())
        .await
        .map_err(|e| fail(e.into()))?;
    let setup = setup::state(
        &p.store,
        &p.config,
        &auth.user_id,
        &enrolled,
        (true, auth.setup_put_off),
        p.now(),
    )
    .await
    .map_err(|e| fail(e.into()))?;
    let facts = engine::Facts {
        subject: Some(Subject {
            user_id: &auth.user_id,
            user: user.as_ref(),
            factors: &auth.factors,
            here: true,
        }),
        demand: &demand,
        enrolled: &enrolled,
        remembered,
        setup,
        now: p.now(),
    };
    if facts.unreachable() {
        return Err(fail(unmet()));
    }
    Ok(facts.next())
}

/// Resumes an interaction after the hosted login page authenticated the user.
pub async fn resume_after_login(
    p: &Provider,
    i: Interaction,
    login: LoginResult,
) -> Result<Outcome, AuthorizeError> {
    let Some(req) = i.authorization().cloned() else {
        return Err(AuthorizeError::Page(OAuthError::invalid_request(
            "this sign-in has no authorization request",
        )));
    };
    let client = p
        .store
        .clients()
        .client(&req.client_id)
        .await?
        .ok_or_else(|| AuthorizeError::Page(OAuthError::invalid_client("the client is unknown")))?;
    after_login(p, &client, req, login, Some(i)).await
}

/// Resumes an interaction after the consent page: `allow` grants the requested scopes, with
/// the entry of the grant from `origin` in the same transaction.
pub async fn consent(
    p: &Provider,
    i: Interaction,
    allow: bool,
    origin: &Origin,
) -> Result<Outcome, AuthorizeError> {
    let Some(req) = i.authorization() else {
        return Err(AuthorizeError::Page(OAuthError::invalid_request(
            "this sign-in has no authorization request",
        )));
    };
    let fail = |e: OAuthError| AuthorizeError::Redirect(AuthorizationResponse::for_request(req, &e));
    let Some(login) = i.login.clone() else {
        return Err(AuthorizeError::Page(OAuthError::invalid_request(
            "the user is not logged in",
        )));
    };
    if !p.interactions.finish(&i.id).await.map_err(|e| fail(e.into()))? {
        return Err(fail(OAuthError::invalid_request(
            "this sign-in request was already completed",
        )));
    }
    if !allow {
        return Ok(Outcome::Respond(AuthorizationResponse::for_request(
            req,
            &OAuthError::AccessDenied("the user denied the request".into()),
        )));
    }
    let entry = p.audit.entry(
        Event::success("consent.granted")
            .by_user(&login.user_id)
            .client(&req.client_id)
            .origin(origin)
            .detail(serde_json::json!({ "scope": req.scope.to_string() })),
    );
    p.store
        .consents()
        .grant_consent(&login.user_id, &req.client_id, &req.scope, p.now(), &entry)
        .await
        .map_err(|e| fail(e.into()))?;
    Ok(Outcome::Respond(issue_code(p, req, &login).await.map_err(fail)?))
}

/// The user cancelled the sign-in: the client hears `access_denied` (RFC 6749 §4.1.2.1).
pub async fn cancel(p: &Provider, i: Interaction) -> Result<Outcome, AuthorizeError> {
    let Some(req) = i.authorization() else {
        return Err(AuthorizeError::Page(OAuthError::invalid_request(
            "this sign-in has no authorization request",
        )));
    };
    let fail = |e: OAuthError| AuthorizeError::Redirect(AuthorizationResponse::for_request(req, &e));
    if !p.interactions.finish(&i.id).await.map_err(|e| fail(e.into()))? {
        return Err(fail(OAuthError::invalid_request(
            "this sign-in request was already completed",
        )));
    }
    Ok(Outcome::Respond(AuthorizationResponse::for_request(
        req,
        &OAuthError::AccessDenied("the user cancelled the sign-in".into()),
    )))
}
