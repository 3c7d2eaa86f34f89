use serde::{Deserialize, Serialize};

use super::{Authentication, Scope, UnixTime};

/// OIDC Core §3.1.2.1 `response_mode` (with OAuth 2.0 Form Post Response Mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    Query,
    Fragment,
    FormPost,
}

impl ResponseMode {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "query" => Some(ResponseMode::Query),
            "fragment" => Some(ResponseMode::Fragment),
            "form_post" => Some(ResponseMode::FormPost),
            _ => None,
        }
    }
}

/// OIDC Core §3.1.2.1 `prompt` values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
    pub select_account: bool,
    /// Initiating User Registration via OpenID Connect 1.0: start with the sign-up page.
    pub create: bool,
}

/// A validated authorization request: everything needed to finish it once the user is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    pub scope: Scope,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    /// The upstream identity provider to sign in at; taken by the login page the first time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp_hint: Option<String>,
    /// `sub` of a valid `id_token_hint`.
    pub id_token_hint_sub: Option<String>,
    pub ui_locales: Option<String>,
    pub claims_locales: Option<String>,
    pub acr_values: Option<String>,
    /// OIDC Core §5.5 `claims` request, as JSON.
    pub claims: Option<serde_json::Value>,
}

/// The user authenticated during, or before, an interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResult {
    pub user_id: String,
    /// The SSO session id (`sid`).
    pub session_id: String,
    pub auth_time: UnixTime,
    pub acr: String,
    pub amr: Vec<String>,
}

/// What a finished sign-in resumes. Protocols add theirs (a SAML request, an upstream
/// provider's callback) as they come.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Resume {
    /// The account pages: a sign-in that no client asked for.
    Account,
    /// An OpenID Connect authorization request (OIDC Core §3.1.2).
    Authorization(Box<AuthorizationRequest>),
    /// A sign-in an upstream began (IdP-initiated SAML) for one client: once signed in, the
    /// browser goes to `uri`, the client's own page, which begins the client's sign-in.
    Client { client_id: String, uri: String },
}

/// A pending authentication handed from the protocol to the hosted pages, and resumed by them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    /// SHA-256 of the cookie value that binds the interaction to the browser that started it.
    pub browser_binding: String,
    /// Anti-CSRF token embedded in the interaction's forms.
    pub csrf: String,
    /// What the sign-in resumes once it is done.
    pub resume: Resume,
    /// The SSO session that authenticated the user, once there is one (the consent page's).
    pub login: Option<LoginResult>,
    /// What the user proved so far in this interaction, before it became a session.
    pub authentication: Option<Authentication>,
    /// An account that signed up (or proved its password) in this browser and waits for its
    /// e-mail verification code.
    pub pending_user: Option<String>,
    /// An upstream sign-in whose address belongs to an account: linked once the user proves
    /// that account (the link confirmation page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream_link: Option<super::PendingLink>,
    /// An upstream sign-in waiting for the user to give and prove an address (the review page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream_review: Option<super::PendingReview>,
    pub created_at: UnixTime,
}

impl Interaction {
    /// The client's authorization request this sign-in resumes, if it resumes one.
    pub fn authorization(&self) -> Option<&AuthorizationRequest> {
        match &self.resume {
            Resume::Authorization(r) => Some(r.as_ref()),
            Resume::Account | Resume::Client { .. } => None,
        }
    }

    /// Where the browser goes once this sign-in is done, when that is another site: the page's
    /// policy must let a form's redirect go there.
    pub fn destination(&self) -> Option<&str> {
        match &self.resume {
            Resume::Authorization(r) => Some(&r.redirect_uri),
            Resume::Client { uri, .. } => Some(uri),
            Resume::Account => None,
        }
    }

    /// Seconds left of an interaction that lasts `ttl` from its start; 0 once it is over.
    /// Measured by our clock, not the cache's: the cache entry only lets go of the memory.
    pub fn time_left(&self, now: UnixTime, ttl: i64) -> i64 {
        (self.created_at + ttl - now).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started_at(created_at: UnixTime) -> Interaction {
        Interaction {
            id: "i".into(),
            browser_binding: String::new(),
            csrf: String::new(),
            resume: Resume::Account,
            login: None,
            authentication: None,
            pending_user: None,
            upstream_link: None,
            upstream_review: None,
            created_at,
        }
    }

    #[test]
    fn an_interaction_lasts_its_ttl_from_its_start() {
        let i = started_at(1_000);
        assert_eq!(i.time_left(1_000, 1800), 1800);
        assert_eq!(i.time_left(1_799, 1800), 1001);
        assert_eq!(i.time_left(2_799, 1800), 1);
        assert_eq!(i.time_left(2_800, 1800), 0);
        assert_eq!(i.time_left(9_999, 1800), 0);
    }
}
