//! Building the authorization response (RFC 6749 §4.1.2) and issuing the code.

use crate::crypto::secrets::{random_token, sha256_hex, token256};
use crate::domain::{AuthorizationRequest, LoginResult, ResponseMode};
use crate::oidc::{OAuthError, Provider};
use crate::store::AuthorizationCodeRecord;

/// Parameters to deliver to the client's redirect_uri with its response mode.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizationResponse {
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    pub params: Vec<(&'static str, String)>,
}

impl AuthorizationResponse {
    /// An error response: `error`, `error_description`, `state` and (RFC 9207) `iss` — the
    /// issuer is added by [`Self::with_iss`] at delivery.
    pub fn error(redirect_uri: &str, mode: ResponseMode, state: Option<&str>, e: &OAuthError) -> Self {
        let mut params = vec![("error", e.code().to_owned())];
        if let Some(d) = e.description() {
            params.push(("error_description", d.to_owned()));
        }
        if let Some(s) = state {
            params.push(("state", s.to_owned()));
        }
        Self {
            redirect_uri: redirect_uri.to_owned(),
            response_mode: mode,
            params,
        }
    }

    pub fn for_request(req: &AuthorizationRequest, e: &OAuthError) -> Self {
        Self::error(&req.redirect_uri, req.response_mode, req.state.as_deref(), e)
    }

    /// RFC 9207: every authorization response names its issuer.
    pub fn with_iss(mut self, issuer: &str) -> Self {
        if !self.params.iter().any(|(k, _)| *k == "iss") {
            self.params.push(("iss", issuer.to_owned()));
        }
        self
    }

    /// The URL to redirect to for `query` and `fragment` modes.
    pub fn redirect_url(&self) -> String {
        let encoded = serde_urlencoded::to_string(&self.params).unwrap_or_default();
        let (base, sep) = match self.response_mode {
            ResponseMode::Fragment => (self.redirect_uri.split('#').next().unwrap_or_default(), '#'),
            _ => (
                self.redirect_uri.as_str(),
                if self.redirect_uri.contains('?') { '&' } else { '?' },
            ),
        };
        format!("{base}{sep}{encoded}")
    }
}

/// RFC 6749 §4.1.2: issues a single-use code for `req` on behalf of `login`.
pub async fn issue_code(
    p: &Provider,
    req: &AuthorizationRequest,
    login: &LoginResult,
) -> Result<AuthorizationResponse, OAuthError> {
    let code = token256();
    let now = p.now();
    let record = AuthorizationCodeRecord {
        code_hash: sha256_hex(code.as_bytes()),
        grant_id: random_token(16),
        client_id: req.client_id.clone(),
        user_id: login.user_id.clone(),
        session_id: login.session_id.clone(),
        redirect_uri: req.redirect_uri.clone(),
        scope: req.scope.clone(),
        nonce: req.nonce.clone(),
        code_challenge: req.code_challenge.clone(),
        claims: req.claims.as_ref().map(|c| c.to_string()),
        auth_time: login.auth_time,
        acr: login.acr.clone(),
        amr: login.amr.clone(),
        created_at: now,
        expires_at: now + p.config.authorization_code_ttl,
    };
    p.store.codes().insert_code(&record).await?;
    let mut params = vec![("code", code)];
    if let Some(s) = &req.state {
        params.push(("state", s.clone()));
    }
    Ok(AuthorizationResponse {
        redirect_uri: req.redirect_uri.clone(),
        response_mode: req.response_mode,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_fragment_urls() {
        let e = OAuthError::LoginRequired("log in".into());
        let r =
            AuthorizationResponse::error("https://rp.example/cb?x=1", ResponseMode::Query, Some("s t"), &e)
                .with_iss("https://op.example");
        assert_eq!(
            r.redirect_url(),
            "https://rp.example/cb?x=1&error=login_required&error_description=log+in&state=s+t&iss=https%3A%2F%2Fop.example"
        );
        let f = AuthorizationResponse {
            response_mode: ResponseMode::Fragment,
            ..r
        };
        assert!(
            f.redirect_url()
                .starts_with("https://rp.example/cb?x=1#error=login_required")
        );
    }
}
