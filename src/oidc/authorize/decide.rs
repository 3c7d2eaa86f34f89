//! After validation: does the user need to log in, to consent, or can the client have its code?

use super::params::Params;
use super::respond::{AuthorizationResponse, issue_code};
use super::{AuthorizeError, pipeline};
use crate::audit::Event;
use crate::domain::{
    AuthorizationRequest, Client, Interaction, LoginResult, Origin, Resume, Scope, Session, UnixTime, User,
};
use crate::oidc::{OAuthError, Provider};

/// Which hosted page an interaction needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Login,
    Consent,
    /// The sign-up page (prompt=create).
    Register,
}

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
    let login = match session {
        Some(s) if !session_needs_login(p, &req, &s).await.map_err(fail)? => Some(login_of(&s)),
        _ => None,
    };
    match login {
        None if req.prompt.none => Ok(Outcome::Respond(AuthorizationResponse::for_request(
            &req,
            &OAuthError::LoginRequired("the user is not logged in".into()),
        ))),
        None => {
            let (interaction, binding) = p
                .interactions
                .create(Resume::Authorization(Box::new(req.clone())), None)
                .await
                .map_err(|e| fail(e.into()))?;
            Ok(Outcome::Interact {
                interaction: Box::new(interaction),
                binding: Some(binding),
                step: Step::Login,
            })
        }
        Some(login) => after_login(p, &client, req, login, None).await,
    }
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

/// OIDC Core §3.1.2.3: whether the session can answer `req` without a new login. No when the
/// client asks for one (prompt=login or select_account, max_age=0), the authentication is older
/// than max_age, an id_token_hint names someone else, or the user can no longer sign in.
pub fn needs_login(req: &AuthorizationRequest, s: &Session, user: Option<&User>, now: UnixTime) -> bool {
    req.prompt.login
        || req.prompt.select_account
        // max_age=0 is prompt=login (OIDC Core §3.1.2.1); otherwise the elapsed time must exceed it.
        || req.max_age.is_some_and(|m| m == 0 || now - s.auth_time > m)
        || req.id_token_hint_sub.as_ref().is_some_and(|sub| *sub != s.user_id)
        || !user.is_some_and(User::is_active)
}

/// Whether the user must be asked: never for a first-party client; always for prompt=consent;
/// otherwise unless the user already granted this client at least the requested scope.
pub fn needs_consent(client: &Client, req: &AuthorizationRequest, granted: Option<&Scope>) -> bool {
    !client.first_party && (req.prompt.consent || !granted.is_some_and(|g| req.scope.is_subset(g)))
}

async fn session_needs_login(
    p: &Provider,
    req: &AuthorizationRequest,
    s: &Session,
) -> Result<bool, OAuthError> {
    let user = p.store.user_by_id(&s.user_id).await?;
    Ok(needs_login(req, s, user.as_ref(), p.now()))
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
    let granted = p.store.consented_scope(user_id, &client.client_id).await?;
    Ok(needs_consent(client, req, granted.as_ref()))
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

#[cfg(test)]
mod tests;
