//! RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6) and OIDC Core §3.1.3.

use crate::crypto::secrets::{ct_eq, sha256_b64url, sha256_hex};
use crate::domain::{Client, GrantType};
use crate::oidc::authorize::Params;
use crate::oidc::tokens::{self, AccessTokenSubject, TokenResponse};
use crate::oidc::{OAuthError, Provider};
use crate::store::{AuthorizationCodeRecord, Grant, RefreshTokenRecord, grants::AccessTokenRow};

pub async fn exchange(p: &Provider, client: &Client, params: &Params) -> Result<TokenResponse, OAuthError> {
    let code = params
        .single("code")?
        .ok_or_else(|| OAuthError::invalid_request("code is missing"))?;
    let redirect_uri = params.single("redirect_uri")?;
    let verifier = params.single("code_verifier")?;
    let now = p.now();
    let record = match p.store.consume_code(&sha256_hex(code.as_bytes()), now).await? {
        Ok(r) => r,
        Err(Some(replayed)) => {
            // RFC 6749 §4.1.2: a code used twice revokes what was issued from it.
            p.store.revoke_grant(&replayed.grant_id, now).await?;
            tracing::warn!(client_id = %replayed.client_id, "authorization code replayed; its grant is revoked");
            return Err(OAuthError::invalid_grant(
                "the authorization code was already used",
            ));
        }
        Err(None) => return Err(OAuthError::invalid_grant("the authorization code is invalid")),
    };
    check(&record, client, redirect_uri, verifier, now)?;
    issue(p, client, record).await
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
            let well_formed = (43..=128).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
            if !well_formed || !ct_eq(&sha256_b64url(v.as_bytes()), challenge) {
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
) -> Result<TokenResponse, OAuthError> {
    let now = p.now();
    let user = p
        .store
        .user_by_id(&c.user_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| OAuthError::invalid_grant("the user is no longer active"))?;
    let subject = AccessTokenSubject {
        sub: &user.id,
        auth_time: Some(c.auth_time),
        acr: Some(&c.acr),
        sid: Some(&c.session_id),
    };
    let at = tokens::issue_access_token(p, &client.client_id, subject, &c.scope)?;
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
    let refresh_record = refresh.as_ref().map(|(_, hash)| RefreshTokenRecord {
        token_hash: hash.clone(),
        grant_id: grant.id.clone(),
        client_id: client.client_id.clone(),
        created_at: now,
        expires_at: now + p.config.refresh_token_ttl,
        rotated_at: None,
    });
    let row = AccessTokenRow {
        jti: &at.claims.jti,
        client_id: &client.client_id,
        expires_at: at.claims.exp,
    };
    p.store
        .insert_grant(&grant, refresh_record.as_ref(), &row)
        .await?;

    let id_token = super::id_token(p, &user, &grant, &c.scope, c.nonce.as_deref(), &at.token)?;
    Ok(TokenResponse {
        access_token: at.token,
        token_type: "Bearer",
        expires_in: p.config.access_token_ttl,
        scope: c.scope.to_string(),
        refresh_token: refresh.map(|(t, _)| t),
        id_token,
        subject: Some(user.id),
    })
}
