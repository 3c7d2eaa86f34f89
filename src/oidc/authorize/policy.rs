//! The authorization decision as an ordered list of prompts, like node-oidc-provider's
//! interaction policy: the first prompt whose check says it is needed sends the user to its page,
//! or, under `prompt=none`, answers the client with its error (OIDC Core §3.1.2.6). When none is
//! needed the client gets its code. Account or organization selection join the list here.

use crate::authn::engine::{self, Demand};
use crate::domain::{AuthorizationRequest, Client, Level, OAuthError, Scope};

/// Which hosted page an interaction needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Login,
    /// A second factor, or a fresher one (a step-up).
    Factor,
    /// The user must set up a second factor first.
    Enrol,
    Consent,
    /// The sign-up page (prompt=create).
    Register,
}

impl From<engine::Step> for Step {
    fn from(s: engine::Step) -> Step {
        match s {
            engine::Step::Login => Step::Login,
            engine::Step::Factor => Step::Factor,
            engine::Step::Enrol(_) => Step::Enrol,
        }
    }
}

/// What one decision is made on.
pub struct Facts<'a> {
    pub auth: engine::Facts<'a>,
    pub client: &'a Client,
    pub req: &'a AuthorizationRequest,
    /// The scope the user granted this client before, if any.
    pub granted: Option<&'a Scope>,
}

pub struct Prompt {
    pub name: &'static str,
    pub step: Step,
    needed: fn(&Facts) -> bool,
    /// The error when the client asked for no interaction (`prompt=none`).
    pub unmet: fn() -> OAuthError,
}

/// The prompts, in the order they are asked.
pub const POLICY: [Prompt; 4] = [
    Prompt {
        name: "login",
        step: Step::Login,
        needed: |f| f.auth.login_needed(),
        unmet: || OAuthError::LoginRequired("the user is not logged in".into()),
    },
    Prompt {
        name: "factor",
        step: Step::Factor,
        needed: |f| f.auth.factor_needed(),
        unmet: || OAuthError::InteractionRequired("the user must present another factor".into()),
    },
    Prompt {
        name: "enrolment",
        step: Step::Enrol,
        needed: |f| f.auth.enrolment_needed(),
        unmet: || OAuthError::InteractionRequired("the user must set up a second factor".into()),
    },
    Prompt {
        name: "consent",
        step: Step::Consent,
        needed: |f| needs_consent(f.client, f.req, f.granted),
        unmet: || OAuthError::ConsentRequired("the user has not consented to this client".into()),
    },
];

/// The first prompt the request still needs, if any.
pub fn first_needed(f: &Facts) -> Option<&'static Prompt> {
    POLICY.iter().find(|p| (p.needed)(f))
}

/// What the request demands of the authentication (OIDC Core §3.1.2.1), on top of the level
/// `policy` requires of this user (MFA required by the deployment, the client or the user).
pub fn demand(req: &AuthorizationRequest, policy: Option<Level>) -> Result<Demand, OAuthError> {
    let (essential, voluntary) = acr_claim(req);
    let essential = match essential {
        // The lowest level listed satisfies the claim.
        Some(values) => match values.iter().filter_map(|v| Level::from_acr(v)).min() {
            Some(l) => Some(l),
            None => {
                return Err(OAuthError::UnmetAuthenticationRequirements(
                    "none of the essential acr values is supported".into(),
                ));
            }
        },
        None => None,
    };
    // acr_values are in order of preference: the first one known is the one asked for.
    let preferred = req
        .acr_values
        .as_deref()
        .and_then(|v| v.split(' ').find_map(Level::from_acr))
        .or_else(|| voluntary.iter().find_map(|v| Level::from_acr(v)));
    Ok(Demand {
        required: policy.max(essential),
        preferred,
        // max_age=0 is prompt=login; select_account re-authenticates until accounts can be
        // chosen.
        reauthenticate: req.prompt.login || req.prompt.select_account || req.max_age == Some(0),
        explicit: essential.is_some() || preferred.is_some() || req.max_age.is_some(),
        insisted: essential.is_some_and(|e| e >= Level::MultiFactor),
        max_age: req.max_age,
        user_id: req.id_token_hint_sub.clone(),
    })
}

/// The `acr` the `claims` parameter asks of the ID token (OIDC Core §5.5.1.1): the values of an
/// essential request, or else of a voluntary one.
fn acr_claim(req: &AuthorizationRequest) -> (Option<Vec<String>>, Vec<String>) {
    let Some(acr) = req
        .claims
        .as_ref()
        .and_then(|c| c.get("id_token"))
        .and_then(|t| t.get("acr"))
    else {
        return (None, Vec::new());
    };
    let values: Vec<String> = match (acr.get("value"), acr.get("values")) {
        (Some(serde_json::Value::String(v)), _) => vec![v.clone()],
        (_, Some(serde_json::Value::Array(vs))) => {
            vs.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    };
    let essential = acr.get("essential").and_then(serde_json::Value::as_bool) == Some(true);
    match essential {
        // An essential acr without values asks for any level: the lowest answers it.
        true if values.is_empty() => (None, Vec::new()),
        true => (Some(values), Vec::new()),
        false => (None, values),
    }
}

/// Whether the user must be asked: never for a first-party client; always for prompt=consent;
/// otherwise unless the user already granted this client at least the requested scope.
pub fn needs_consent(client: &Client, req: &AuthorizationRequest, granted: Option<&Scope>) -> bool {
    !client.first_party && (req.prompt.consent || !granted.is_some_and(|g| req.scope.is_subset(g)))
}

#[cfg(test)]
mod tests;
