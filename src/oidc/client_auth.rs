//! Client authentication at the token, introspection and revocation endpoints:
//! `client_secret_basic`, `client_secret_post` (RFC 6749 §2.3.1), `private_key_jwt`
//! (RFC 7523 §2.2, OIDC Core §9) and `none` (public clients).

use std::time::Duration;

use serde::Deserialize;

use super::{OAuthError, Provider};
use crate::crypto::secrets::ct_eq;
use crate::domain::{Client, TokenEndpointAuthMethod, UnixTime};

pub const JWT_BEARER_ASSERTION: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Accepted clock skew for client assertions.
const SKEW: i64 = 30;
/// Longest accepted assertion lifetime: bounds how long a `jti` must be remembered.
const MAX_ASSERTION_LIFETIME: i64 = 3600;

/// The credentials a request carried, however it carried them.
#[derive(Debug, Default, Clone)]
pub struct ClientCredentials {
    /// From `Authorization: Basic`, already form-urlencoding-decoded.
    pub basic: Option<(String, String)>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
}

impl ClientCredentials {
    fn used_basic(&self) -> bool {
        self.basic.is_some()
    }
}

/// Authenticates the client. `audiences` are the URLs a client assertion may name as `aud`.
pub async fn authenticate(
    p: &Provider,
    creds: &ClientCredentials,
    audiences: &[String],
) -> Result<Client, OAuthError> {
    let has_assertion = creds.client_assertion.is_some() || creds.client_assertion_type.is_some();
    let methods = [creds.used_basic(), creds.client_secret.is_some(), has_assertion]
        .iter()
        .filter(|b| **b)
        .count();
    if methods > 1 {
        return Err(OAuthError::invalid_request(
            "more than one client authentication method was used",
        ));
    }
    if let Some((id, secret)) = &creds.basic {
        if creds.client_id.as_ref().is_some_and(|c| c != id) {
            return Err(OAuthError::invalid_request(
                "client_id does not match the Authorization header",
            ));
        }
        return secret_auth(p, id, secret, TokenEndpointAuthMethod::ClientSecretBasic).await;
    }
    if let Some(secret) = &creds.client_secret {
        let id = creds
            .client_id
            .as_deref()
            .ok_or_else(|| OAuthError::invalid_request("client_id is missing"))?;
        return secret_auth(p, id, secret, TokenEndpointAuthMethod::ClientSecretPost).await;
    }
    if has_assertion {
        return assertion_auth(p, creds, audiences).await;
    }
    let id = creds
        .client_id
        .as_deref()
        .ok_or_else(|| OAuthError::invalid_client("client authentication is required"))?;
    let client = load(p, id).await?;
    if client.auth_method != TokenEndpointAuthMethod::None {
        return Err(OAuthError::invalid_client("client authentication is required"));
    }
    Ok(client)
}

async fn load(p: &Provider, client_id: &str) -> Result<Client, OAuthError> {
    p.store
        .clients()
        .client(client_id)
        .await?
        .ok_or_else(|| OAuthError::invalid_client("client authentication failed"))
}

async fn secret_auth(
    p: &Provider,
    client_id: &str,
    secret: &str,
    method: TokenEndpointAuthMethod,
) -> Result<Client, OAuthError> {
    let client = p.store.clients().client(client_id).await?;
    let presented = p.master.client_secret_hash(secret);
    // Compare even when the client is unknown, so timing does not reveal which client ids exist.
    let stored = client
        .as_ref()
        .and_then(|c| c.secret_hash.clone())
        .unwrap_or_default();
    let matches = ct_eq(&presented, &stored) && !stored.is_empty();
    match client {
        Some(c) if matches && c.auth_method == method => Ok(c),
        _ => Err(OAuthError::invalid_client("client authentication failed")),
    }
}

#[derive(Deserialize)]
struct AssertionClaims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<serde_json::Value>,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    jti: Option<String>,
}

/// RFC 7523 §3 processing of a `private_key_jwt` client assertion.
async fn assertion_auth(
    p: &Provider,
    creds: &ClientCredentials,
    audiences: &[String],
) -> Result<Client, OAuthError> {
    if creds.client_assertion_type.as_deref() != Some(JWT_BEARER_ASSERTION) {
        return Err(OAuthError::invalid_request(
            "client_assertion_type is not supported",
        ));
    }
    let assertion = creds
        .client_assertion
        .as_deref()
        .ok_or_else(|| OAuthError::invalid_request("client_assertion is missing"))?;
    let failed = || OAuthError::invalid_client("client assertion is invalid");
    // The subject (the client) is read unverified only to find its keys; every claim is checked
    // once the signature is.
    let unverified: AssertionClaims = decode_unverified(assertion).ok_or_else(failed)?;
    let client_id = unverified.sub.clone().ok_or_else(failed)?;
    if creds.client_id.as_ref().is_some_and(|c| *c != client_id) {
        return Err(OAuthError::invalid_request(
            "client_id does not match the client assertion",
        ));
    }
    let client = load(p, &client_id).await?;
    if client.auth_method != TokenEndpointAuthMethod::PrivateKeyJwt {
        return Err(failed());
    }
    let jwks = client_jwks(p, &client).await?;
    let payload = crate::crypto::jws::verify_with_jwks(assertion, &jwks).map_err(|_| failed())?;
    let c: AssertionClaims = serde_json::from_slice(&payload).map_err(|_| failed())?;
    let now = p.now();
    let (jti, exp) = check_assertion_claims(c, &client_id, audiences, now)?;
    let key = format!(
        "jti:{}:{}",
        crate::crypto::secrets::sha256_hex(client_id.as_bytes()),
        crate::crypto::secrets::sha256_hex(jti.as_bytes())
    );
    if !p.cache.set_if_absent(&key, b"1", replay_window(exp, now)).await? {
        return Err(OAuthError::invalid_client("client assertion was already used"));
    }
    Ok(client)
}

/// RFC 7523 §3 rules for the claims of an assertion whose signature is verified: `iss` and `sub`
/// are the client, `aud` names this server, it has not expired (within [`SKEW`]), lives at most
/// [`MAX_ASSERTION_LIFETIME`], is not from the future, and has a `jti`. Returns `jti` and `exp`.
fn check_assertion_claims(
    c: AssertionClaims,
    client_id: &str,
    audiences: &[String],
    now: UnixTime,
) -> Result<(String, UnixTime), OAuthError> {
    if c.iss.as_deref() != Some(client_id) || c.sub.as_deref() != Some(client_id) {
        return Err(OAuthError::invalid_client(
            "client assertion iss and sub must be the client_id",
        ));
    }
    let aud_ok = match &c.aud {
        Some(serde_json::Value::String(a)) => audiences.contains(a),
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str())
            .any(|a| audiences.iter().any(|x| x == a)),
        _ => false,
    };
    if !aud_ok {
        return Err(OAuthError::invalid_client(
            "client assertion aud is not this server",
        ));
    }
    let exp = c
        .exp
        .ok_or_else(|| OAuthError::invalid_client("client assertion has no exp"))?;
    if exp + SKEW <= now {
        return Err(OAuthError::invalid_client("client assertion expired"));
    }
    if exp - now > MAX_ASSERTION_LIFETIME {
        return Err(OAuthError::invalid_client(
            "client assertion lifetime is too long",
        ));
    }
    if c.nbf.is_some_and(|nbf| nbf > now + SKEW) || c.iat.is_some_and(|iat| iat > now + SKEW) {
        return Err(OAuthError::invalid_client("client assertion is not yet valid"));
    }
    let jti = c
        .jti
        .filter(|j| !j.is_empty() && j.len() <= 256)
        .ok_or_else(|| OAuthError::invalid_client("client assertion has no jti"))?;
    Ok((jti, exp))
}

/// How long a `jti` is remembered: as long as its assertion would still be accepted (to `exp`
/// plus the skew). Past that the assertion is refused as expired, so forgetting is safe.
fn replay_window(exp: UnixTime, now: UnixTime) -> Duration {
    Duration::from_secs((exp + SKEW - now).max(1) as u64)
}

fn decode_unverified(jwt: &str) -> Option<AssertionClaims> {
    use base64::Engine;
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The client's JWK Set: registered inline, or fetched from its `jwks_uri` (cached 5 minutes).
async fn client_jwks(p: &Provider, client: &Client) -> Result<String, OAuthError> {
    if let Some(j) = &client.jwks {
        return Ok(j.clone());
    }
    let Some(uri) = &client.jwks_uri else {
        return Err(OAuthError::invalid_client("the client has no keys registered"));
    };
    let key = format!("jwks_uri:{}", client.client_id);
    if let Some(cached) = p.cache.get(&key).await? {
        return String::from_utf8(cached).map_err(|_| OAuthError::ServerError);
    }
    let fetched = async {
        let r = p
            .http
            .get(uri)
            .timeout(Duration::from_secs(5))
            .send()
            .await?
            .error_for_status()?;
        r.text().await
    }
    .await
    .map_err(|e| {
        tracing::warn!(client_id = %client.client_id, error = %e, "fetching the client's jwks_uri failed");
        OAuthError::invalid_client("the client's jwks_uri could not be fetched")
    })?;
    p.cache
        .set(&key, fetched.as_bytes(), Duration::from_secs(300))
        .await?;
    Ok(fetched)
}

#[cfg(test)]
mod tests;
