//! Issuance and verification of the tokens we sign: ID tokens (OIDC Core §2) and JWT access
//! tokens (RFC 9068), plus the opaque refresh tokens' shape.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{OAuthError, Provider};
use crate::crypto::secrets::{random_token, sha256_hex, token256};
use crate::domain::{Scope, UnixTime};

/// RFC 9068 §2.2 claims of a JWT access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessTokenClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: UnixTime,
    pub iat: UnixTime,
    pub jti: String,
    pub client_id: String,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<UnixTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// With the `roles` scope: the user's role names (global and this client's) and groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
}

/// The `roles` scope's claims, in the ID token, the access token and userinfo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleClaims {
    pub roles: Vec<String>,
    pub groups: Vec<String>,
}

/// An access token as issued.
pub struct IssuedAccessToken {
    pub token: String,
    pub claims: AccessTokenClaims,
}

/// Who an access token is for: a user (`sub` = user id) or the client itself.
pub struct AccessTokenSubject<'a> {
    pub sub: &'a str,
    pub auth_time: Option<UnixTime>,
    pub acr: Option<&'a str>,
    pub sid: Option<&'a str>,
    pub roles: Option<&'a RoleClaims>,
}

/// RFC 9068: signs an `at+jwt` access token for `client_id` with `scope`, for `audience` (an
/// RFC 8707 resource; `None`: this provider).
pub fn issue_access_token(
    p: &Provider,
    client_id: &str,
    subject: AccessTokenSubject<'_>,
    scope: &Scope,
    audience: Option<&str>,
) -> Result<IssuedAccessToken, OAuthError> {
    let now = p.now();
    let claims = AccessTokenClaims {
        iss: p.issuer().to_owned(),
        sub: subject.sub.to_owned(),
        // RFC 9068 §3: without a resource indicator, the default audience is this provider,
        // the resource server of userinfo.
        aud: audience.unwrap_or(p.issuer()).to_owned(),
        exp: now + p.config.access_token_ttl,
        iat: now,
        jti: random_token(16),
        client_id: client_id.to_owned(),
        scope: scope.to_string(),
        auth_time: subject.auth_time,
        acr: subject.acr.map(str::to_owned),
        sid: subject.sid.map(str::to_owned),
        roles: subject.roles.map(|r| r.roles.clone()),
        groups: subject.roles.map(|r| r.groups.clone()),
    };
    let payload = serde_json::to_vec(&claims).map_err(|_| OAuthError::ServerError)?;
    let (token, _) = p.keyring.sign(now, "at+jwt", &payload)?;
    Ok(IssuedAccessToken { token, claims })
}

/// Verifies one of our access tokens: signature, `typ`, issuer and expiry. Revocation is checked
/// by the caller, which knows whether it needs the database.
pub fn verify_access_token(p: &Provider, token: &str) -> Result<AccessTokenClaims, OAuthError> {
    let (payload, header) = p
        .keyring
        .verify(token)
        .map_err(|_| OAuthError::invalid_token("the access token is invalid"))?;
    if !is_access_token_type(header.token_type()) {
        return Err(OAuthError::invalid_token("not an access token"));
    }
    let claims: AccessTokenClaims = serde_json::from_slice(&payload)
        .map_err(|_| OAuthError::invalid_token("the access token is invalid"))?;
    if claims.iss != p.issuer() {
        return Err(OAuthError::invalid_token("the access token is invalid"));
    }
    if claims.exp <= p.now() {
        return Err(OAuthError::invalid_token("the access token expired"));
    }
    Ok(claims)
}

/// RFC 9068 §2.1: an access token's `typ` is `at+jwt`, or the full media type
/// `application/at+jwt` (RFC 7515 §4.1.9), in any case. Other JWTs we sign are typed `JWT`.
pub fn is_access_token_type(typ: Option<&str>) -> bool {
    typ.is_some_and(|t| t.eq_ignore_ascii_case("at+jwt") || t.eq_ignore_ascii_case("application/at+jwt"))
}

/// What goes into an ID token besides iss/aud/exp/iat.
pub struct IdTokenInput<'a> {
    pub sub: &'a str,
    pub client_id: &'a str,
    pub nonce: Option<&'a str>,
    pub auth_time: UnixTime,
    pub acr: &'a str,
    pub amr: &'a [String],
    pub sid: &'a str,
    pub access_token: Option<&'a str>,
    pub extra: Map<String, Value>,
}

/// OIDC Core §2 / §3.1.3.6: signs an ID token.
pub fn issue_id_token(p: &Provider, input: IdTokenInput<'_>) -> Result<String, OAuthError> {
    let now = p.now();
    let mut c = input.extra;
    let mut put = |k: &str, v: Value| {
        c.insert(k.to_owned(), v);
    };
    put("iss", p.issuer().into());
    put("sub", input.sub.into());
    put("aud", input.client_id.into());
    put("exp", (now + p.config.id_token_ttl).into());
    put("iat", now.into());
    put("auth_time", input.auth_time.into());
    put("azp", input.client_id.into());
    put("acr", input.acr.into());
    put("amr", input.amr.into());
    put("sid", input.sid.into());
    if let Some(n) = input.nonce {
        put("nonce", n.into());
    }
    if let Some(at) = input.access_token {
        put("at_hash", at_hash(at).into());
    }
    let payload = serde_json::to_vec(&c).map_err(|_| OAuthError::ServerError)?;
    Ok(p.keyring.sign(now, "JWT", &payload)?.0)
}

/// OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the access token.
pub fn at_hash(access_token: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(access_token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// Verifies an ID token we issued, ignoring expiry (as `id_token_hint` allows); returns claims.
pub fn verify_id_token_hint(p: &Provider, token: &str) -> Option<Map<String, Value>> {
    let (payload, header) = p.keyring.verify(token).ok()?;
    if is_access_token_type(header.token_type()) {
        return None;
    }
    let claims: Map<String, Value> = serde_json::from_slice(&payload).ok()?;
    (claims.get("iss").and_then(Value::as_str) == Some(p.issuer())).then_some(claims)
}

/// A new opaque refresh token and the hash it is stored under.
pub fn new_refresh_token() -> (String, String) {
    let t = token256();
    let h = sha256_hex(t.as_bytes());
    (t, h)
}

/// The JSON body of a successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// The user the tokens were issued for, for the audit log (not part of the response).
    #[serde(skip)]
    pub subject: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::is_access_token_type;

    #[test]
    fn access_tokens_are_told_apart_by_their_type() {
        for typ in ["at+jwt", "AT+JWT", "application/at+jwt", "Application/AT+JWT"] {
            assert!(is_access_token_type(Some(typ)), "{typ}");
        }
        for typ in [
            None,
            Some("JWT"),
            Some(""),
            Some("at+jwt2"),
            Some("application/jwt"),
        ] {
            assert!(!is_access_token_type(typ), "{typ:?}");
        }
    }

    #[test]
    fn at_hash_matches_oidc_core_example() {
        // OIDC Core Appendix A.3.
        assert_eq!(
            super::at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }
}
