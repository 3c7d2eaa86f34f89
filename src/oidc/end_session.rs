//! OpenID Connect RP-Initiated Logout 1.0.

use crate::audit::Event;
use crate::domain::Origin;
use serde_json::Value;

use super::authorize::Params;
use super::{OAuthError, Provider, tokens};
use crate::domain::Client;
use crate::store::Session;

/// A validated logout request.
#[derive(Debug, Clone)]
pub struct LogoutRequest {
    pub client: Option<Client>,
    /// Registered for `client`, exactly as given.
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
    /// `sub` of a valid id_token_hint.
    pub hint_sub: Option<String>,
}

impl LogoutRequest {
    /// Where to send the browser afterwards: the post-logout URI with `state`, if any.
    pub fn redirect_url(&self) -> Option<String> {
        let uri = self.post_logout_redirect_uri.as_ref()?;
        Some(match &self.state {
            Some(s) => {
                let sep = if uri.contains('?') { '&' } else { '?' };
                let q = serde_urlencoded::to_string([("state", s)]).unwrap_or_default();
                format!("{uri}{sep}{q}")
            }
            None => uri.clone(),
        })
    }
}

#[derive(Debug)]
pub enum Decision {
    /// The hint proves the RP's user is the session's (or there is no session): log out now.
    LogOut(LogoutRequest),
    /// No valid hint: the user must confirm (RP-Initiated Logout §2).
    Confirm(LogoutRequest),
}

/// Validates the request. Errors are shown on a page: a post_logout_redirect_uri is never used
/// unless it is registered for the client.
pub async fn validate(p: &Provider, params: &Params) -> Result<LogoutRequest, OAuthError> {
    let hint = params.single("id_token_hint")?;
    let hint_claims = hint.and_then(|h| tokens::verify_id_token_hint(p, h));
    // Our ID tokens have one audience, as a string (tokens::issue_id_token).
    let hint_aud = hint_claims
        .as_ref()
        .and_then(|c| c.get("aud").and_then(Value::as_str).map(str::to_owned));
    let client_id = match (params.single("client_id")?, hint_aud) {
        (Some(c), Some(a)) if c != a => {
            return Err(OAuthError::invalid_request(
                "client_id does not match the id_token_hint",
            ));
        }
        (Some(c), _) => Some(c.to_owned()),
        (None, a) => a,
    };
    let client = match &client_id {
        Some(id) => Some(
            p.store
                .clients()
                .client(id)
                .await?
                .ok_or_else(|| OAuthError::invalid_request("the client is unknown"))?,
        ),
        None => None,
    };
    let post_logout_redirect_uri =
        registered_redirect(client.as_ref(), params.single("post_logout_redirect_uri")?)?;
    Ok(LogoutRequest {
        client,
        post_logout_redirect_uri,
        state: params.single("state")?.map(str::to_owned),
        hint_sub: hint_claims.and_then(|c| c.get("sub").and_then(Value::as_str).map(str::to_owned)),
    })
}

/// RP-Initiated Logout §3: a post_logout_redirect_uri is used only when it exactly matches one
/// registered for the client the request names.
fn registered_redirect(client: Option<&Client>, uri: Option<&str>) -> Result<Option<String>, OAuthError> {
    let Some(uri) = uri else {
        return Ok(None);
    };
    let c = client.ok_or_else(|| {
        OAuthError::invalid_request("post_logout_redirect_uri needs id_token_hint or client_id")
    })?;
    if !c.post_logout_redirect_uris.iter().any(|u| u == uri) {
        return Err(OAuthError::invalid_request(
            "post_logout_redirect_uri is not registered for this client",
        ));
    }
    Ok(Some(uri.to_owned()))
}

/// Logs out at once when the hint vouches for the request, else asks for confirmation.
pub fn decide(req: LogoutRequest, session: Option<&Session>) -> Decision {
    match (&req.hint_sub, session) {
        (Some(sub), Some(s)) if *sub == s.user_id => Decision::LogOut(req),
        (Some(_), None) => Decision::LogOut(req),
        _ => Decision::Confirm(req),
    }
}

/// Ends the SSO session and its session-bound grants.
pub async fn log_out(p: &Provider, session: Option<&Session>, origin: &Origin) -> Result<(), OAuthError> {
    if let Some(s) = session {
        let entry = p.audit.entry(
            Event::success("logout")
                .by_user(&s.user_id)
                .origin(origin)
                .detail(serde_json::json!({ "sid": s.id, "via": "end_session" })),
        );
        p.sessions.end(&s.id, Some(entry)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GrantType, Scope, TokenEndpointAuthMethod};

    const AFTER: &str = "https://rp.example/logged-out";

    fn client() -> Client {
        Client {
            client_id: "rp".into(),
            secret_hash: None,
            name: "RP".into(),
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![AFTER.into()],
            grant_types: vec![GrantType::AuthorizationCode],
            scope: Scope::parse("openid"),
            auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
            jwks: None,
            jwks_uri: None,
            first_party: true,
            require_mfa: false,
            created_at: 0,
            client_uri: None,
            logo_version: None,
            links: Default::default(),
        }
    }

    fn session(user_id: &str) -> Session {
        Session {
            id: "sid".into(),
            token_hash: "h".into(),
            user_id: user_id.into(),
            auth_time: 0,
            acr: "1".into(),
            amr: vec![],
            factors: vec![],
            created_at: 0,
            last_seen_at: 0,
            expires_at: 100,
            ended_at: None,
            ip: None,
            user_agent: None,
        }
    }

    fn request(hint_sub: Option<&str>) -> LogoutRequest {
        LogoutRequest {
            client: Some(client()),
            post_logout_redirect_uri: Some(AFTER.into()),
            state: Some("a b".into()),
            hint_sub: hint_sub.map(str::to_owned),
        }
    }

    #[test]
    fn only_a_registered_uri_is_used_exactly_as_registered() {
        let c = client();
        assert_eq!(registered_redirect(Some(&c), Some(AFTER)), Ok(Some(AFTER.into())));
        assert_eq!(registered_redirect(Some(&c), None), Ok(None));
        for variant in [
            "https://rp.example/logged-out/",
            "https://rp.example/logged-out?x=1",
            "https://rp.example/logged-ou",
            "https://RP.example/logged-out",
            "https://rp.example:443/logged-out",
            "https://evil@rp.example/logged-out",
        ] {
            let e = registered_redirect(Some(&c), Some(variant));
            assert!(matches!(e, Err(OAuthError::InvalidRequest(_))), "{variant}");
        }
        assert!(matches!(
            registered_redirect(None, Some(AFTER)),
            Err(OAuthError::InvalidRequest(_))
        ));
    }

    #[test]
    fn the_redirect_carries_state() {
        assert_eq!(
            request(None).redirect_url().as_deref(),
            Some("https://rp.example/logged-out?state=a+b")
        );
        let mut r = request(None);
        r.state = None;
        assert_eq!(r.redirect_url().as_deref(), Some(AFTER));
        r.post_logout_redirect_uri = Some(format!("{AFTER}?x=1"));
        r.state = Some("s".into());
        assert_eq!(
            r.redirect_url().as_deref(),
            Some("https://rp.example/logged-out?x=1&state=s")
        );
    }

    #[test]
    fn a_hint_for_the_sessions_user_logs_out_at_once_anything_else_asks() {
        assert!(matches!(
            decide(request(Some("u1")), Some(&session("u1"))),
            Decision::LogOut(_)
        ));
        assert!(matches!(
            decide(request(Some("u2")), Some(&session("u1"))),
            Decision::Confirm(_)
        ));
        assert!(matches!(
            decide(request(None), Some(&session("u1"))),
            Decision::Confirm(_)
        ));
        assert!(matches!(decide(request(Some("u1")), None), Decision::LogOut(_)));
        assert!(matches!(decide(request(None), None), Decision::Confirm(_)));
    }
}
