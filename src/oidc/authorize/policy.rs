//! The authorization decision as an ordered list of prompts, like node-oidc-provider's
//! interaction policy: the first prompt whose check says it is needed sends the user to its page,
//! or, under `prompt=none`, answers the client with its error (OIDC Core §3.1.2.6). When none is
//! needed the client gets its code. Account or organization selection join the list here.

use crate::authn::engine::{self, Demand};
use crate::domain::{AuthorizationRequest, Client, OAuthError, Scope};

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

/// What the request demands of the authentication (OIDC Core §3.1.2.1).
pub fn demand(req: &AuthorizationRequest) -> Demand {
    Demand {
        // max_age=0 is prompt=login; select_account re-authenticates until accounts can be
        // chosen.
        reauthenticate: req.prompt.login || req.prompt.select_account || req.max_age == Some(0),
        max_age: req.max_age,
        user_id: req.id_token_hint_sub.clone(),
        ..Demand::default()
    }
}

/// Whether the user must be asked: never for a first-party client; always for prompt=consent;
/// otherwise unless the user already granted this client at least the requested scope.
pub fn needs_consent(client: &Client, req: &AuthorizationRequest, granted: Option<&Scope>) -> bool {
    !client.first_party && (req.prompt.consent || !granted.is_some_and(|g| req.scope.is_subset(g)))
}

#[cfg(test)]
mod tests;
