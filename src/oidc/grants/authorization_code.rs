//! RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6) and OIDC Core §3.1.3.

use crate::crypto::secrets::sha256_hex;
use crate::domain::{Client, GrantType, User};
use crate::oidc::authorize::Params;
use crate::oidc::tokens::{self, TokenResponse};
use crate::oidc::{OAuthError, Provider, pkce};
use crate::store::{AuthorizationCodeRecord, Grant, RefreshTokenRecord};

/// `audience`: the access token's, from the request's `resource` (see resource.rs).
pub async fn exchange(
    p: &Provider,
    client: &Client,
    params: &Params,
    audience: Option<&str>,
) -> Result<TokenResponse, OAuthError> {
    let code = params
        .single("code")?
        .ok_or_else(|| OAuthError::invalid_request("code is missing"))?;
    let redirect_uri = params.single("redirect_uri")?;
    let verifier = params.single("code_verifier")?;
    let now = p.now();
    let record = match p
        .store
        .codes()
        .consume_code(&sha256_hex(code.as_bytes()), now)
        .await?
    {
        Ok(r) => r,
        Err(Some(replayed)) => {
            // RFC 6749 §4.1.2: a code used twice revokes what was issued from it.
            p.store.grants().revoke_grant(&replayed.grant_id, now).await?;
            tracing::warn!(client_id = %replayed.client_id, "authorization code replayed; its grant is revoked");
            return Err(OAuthError::invalid_grant(
                "the authorization code was already used",
            ));
        }
        Err(None) => return Err(OAuthError::invalid_grant("the authorization code is invalid")),
    };
    check(&record, client, redirect_uri, verifier, now)?;
    issue(p, client, record, audience).await
}

fn check(
    c: &AuthorizationCodeRecord,
    client: &Client,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
    now: i64,
) -> Result<(), OAuthError> {
    if c.client_id != client.client_id {
        return Err(OAuthError::invalid_grant(
            "the authorization code was issued to another client",
        ));
    }
    if c.expires_at <= now {
        return Err(OAuthError::invalid_grant("the authorization code expired"));
    }
    // The authorization request always carried a redirect_uri (or had a single registered one).
    if redirect_uri.is_some_and(|r| r != c.redirect_uri)
        || (redirect_uri.is_none() && client.redirect_uris.len() != 1)
    {
        return Err(OAuthError::invalid_grant(
            "redirect_uri does not match the authorization request",
        ));
    }
    match (&c.code_challenge, verifier) {
        (Some(challenge), Some(v)) => {
            if !pkce::verifies(challenge, v) {
                return Err(OAuthError::invalid_grant(
                    "code_verifier does not match the code_challenge",
                ));
            }
        }
        (Some(_), None) => return Err(OAuthError::invalid_grant("code_verifier is missing")),
        // RFC 9700 §2.1.1: a verifier without a challenge is a downgrade attempt.
        (None, Some(_)) => {
            return Err(OAuthError::invalid_grant(
                "code_verifier sent but no code_challenge was",
            ));
        }
        (None, None) => {}
    }
    Ok(())
}

async fn issue(
    p: &Provider,
    client: &Client,
    c: AuthorizationCodeRecord,
    audience: Option<&str>,
) -> Result<TokenResponse, OAuthError> {
    let now = p.now();
    let user = p
        .store
        .users()
        .user_by_id(&c.user_id)
        .await?
        .filter(User::is_active)
        .ok_or_else(|| OAuthError::invalid_grant("the user is no longer active"))?;
    let offline = c.scope.contains("offline_access");
    let refresh = client
        .allows_grant(GrantType::RefreshToken)
        .then(tokens::new_refresh_token);
    let grant = Grant {
        id: c.grant_id.clone(),
        user_id: user.id.clone(),
        client_id: client.client_id.clone(),
        session_id: c.session_id.clone(),
        offline,
        scope: c.scope.clone(),
        claims: c.claims.clone(),
        auth_time: c.auth_time,
        acr: c.acr.clone(),
        amr: c.amr.clone(),
        created_at: now,
        revoked_at: None,
    };
    let roles = super::role_claims(p, &grant.user_id, &client.client_id, &c.scope).await?;
    let at = super::access_token(p, client, &grant, &c.scope, roles.as_ref(), audience)?;
    let refresh_record = refresh.as_ref().map(|(_, hash)| RefreshTokenRecord {
        token_hash: hash.clone(),
        grant_id: grant.id.clone(),
        client_id: client.client_id.clone(),
        created_at: now,
        expires_at: now + p.config.refresh_token_ttl,
        rotated_at: None,
    });
    p.store
        .grants()
        .insert_grant(
            &grant,
            refresh_record.as_ref(),
            &super::access_token_row(&at, client),
        )
        .await?;
    let refresh_token = refresh.map(|(t, _)| t);
    super::user_tokens(
        p,
        user,
        &grant,
        &c.scope,
        roles.as_ref(),
        c.nonce.as_deref(),
        at,
        refresh_token,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Scope, TokenEndpointAuthMethod};

    const NOW: i64 = 50_000;
    const CB: &str = "https://rp.example/cb";
    // RFC 7636 Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn record() -> AuthorizationCodeRecord {
        AuthorizationCodeRecord {
            code_hash: "h".into(),
            grant_id: "g".into(),
            client_id: "rp".into(),
            user_id: "u".into(),
            session_id: "s".into(),
            redirect_uri: CB.into(),
            scope: Scope::parse("openid"),
            nonce: None,
            code_challenge: Some(CHALLENGE.into()),
            claims: None,
            auth_time: NOW - 10,
            acr: "1".into(),
            amr: vec!["pwd".into()],
            created_at: NOW - 10,
            expires_at: NOW + 50,
        }
    }

    fn client(id: &str, redirect_uris: &[&str]) -> Client {
        Client {
            client_id: id.into(),
            secret_hash: None,
            name: "RP".into(),
            redirect_uris: redirect_uris.iter().map(|u| (*u).to_owned()).collect(),
            post_logout_redirect_uris: vec![],
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

    fn refused(r: Result<(), OAuthError>) -> String {
        match r {
            Err(OAuthError::InvalidGrant(d)) => d.into_owned(),
            other => panic!("expected invalid_grant, got {other:?}"),
        }
    }

    #[test]
    fn the_code_goes_to_its_client_with_its_redirect_uri_and_verifier() {
        let rp = client("rp", &[CB]);
        assert!(check(&record(), &rp, Some(CB), Some(VERIFIER), NOW).is_ok());
    }

    #[test]
    fn another_client_may_not_redeem_the_code() {
        let other = client("other", &[CB]);
        assert!(refused(check(&record(), &other, Some(CB), Some(VERIFIER), NOW)).contains("another client"));
    }

    #[test]
    fn the_code_expires_at_its_expiry() {
        let rp = client("rp", &[CB]);
        let r = record();
        assert!(check(&r, &rp, Some(CB), Some(VERIFIER), r.expires_at - 1).is_ok());
        assert!(refused(check(&r, &rp, Some(CB), Some(VERIFIER), r.expires_at)).contains("expired"));
    }

    #[test]
    fn the_redirect_uri_must_be_the_authorization_requests_exactly() {
        let rp = client("rp", &[CB, "https://rp.example/two"]);
        for other in [
            "https://rp.example/two",
            "https://rp.example/cb/",
            "https://RP.example/cb",
        ] {
            let why = refused(check(&record(), &rp, Some(other), Some(VERIFIER), NOW));
            assert!(why.contains("redirect_uri"), "{other}");
        }
        // Left out: only when the client has a single registered URI (it was left out then too).
        assert!(refused(check(&record(), &rp, None, Some(VERIFIER), NOW)).contains("redirect_uri"));
        let single = client("rp", &[CB]);
        assert!(check(&record(), &single, None, Some(VERIFIER), NOW).is_ok());
    }

    #[test]
    fn a_challenge_needs_its_verifier_and_a_verifier_needs_a_challenge() {
        let rp = client("rp", &[CB]);
        let wrong = "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(refused(check(&record(), &rp, Some(CB), Some(wrong), NOW)).contains("does not match"));
        assert!(refused(check(&record(), &rp, Some(CB), None, NOW)).contains("missing"));
        let mut no_challenge = record();
        no_challenge.code_challenge = None;
        assert!(
            refused(check(&no_challenge, &rp, Some(CB), Some(VERIFIER), NOW)).contains("no code_challenge")
        );
        assert!(check(&no_challenge, &rp, Some(CB), None, NOW).is_ok());
    }
}
