//! Verification of JWS signed by others: client assertions (RFC 7523 private_key_jwt) against a
//! client's JWK Set.

use josekit::jwk::JwkSet;
use josekit::jws::{JwsHeader, JwsVerifier};

use super::CryptoError;

/// Asymmetric JWS algorithms accepted for client assertions.
pub const CLIENT_ASSERTION_ALGS: [&str; 9] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
];

fn verifier_for(alg: &str, jwk: &josekit::jwk::Jwk) -> Option<Box<dyn JwsVerifier>> {
    use josekit::jws::*;
    let v: Result<Box<dyn JwsVerifier>, _> = match alg {
        "RS256" => RS256.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "RS384" => RS384.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "RS512" => RS512.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "PS256" => PS256.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "PS384" => PS384.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "PS512" => PS512.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "ES256" => ES256.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "ES384" => ES384.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        "EdDSA" => EdDSA.verifier_from_jwk(jwk).map(|v| Box::new(v) as _),
        _ => return None,
    };
    v.ok()
}

/// Verifies `token` with a key of `jwks` (JSON text) chosen by `kid`, or by trying each key of a
/// matching type when the header has none. Returns the payload.
pub fn verify_with_jwks(token: &str, jwks: &str) -> Result<Vec<u8>, CryptoError> {
    let set = JwkSet::from_bytes(jwks.as_bytes())?;
    let header = decode_header(token)?;
    let alg = header
        .algorithm()
        .filter(|a| CLIENT_ASSERTION_ALGS.contains(a))
        .ok_or_else(|| josekit::JoseError::UnsupportedSignatureAlgorithm(anyhow_msg("alg not allowed")))?
        .to_owned();
    let candidates: Vec<&josekit::jwk::Jwk> = match header.key_id() {
        Some(kid) => set.get(kid),
        None => set.keys(),
    };
    for jwk in candidates {
        if jwk.key_use().is_some_and(|u| u != "sig") {
            continue;
        }
        if let Some(v) = verifier_for(&alg, jwk)
            && let Ok((payload, _)) = josekit::jws::deserialize_compact(token, v.as_ref())
        {
            return Ok(payload);
        }
    }
    Err(CryptoError::Jose(josekit::JoseError::InvalidSignature(
        anyhow_msg("no key verified the signature"),
    )))
}

fn anyhow_msg(m: &'static str) -> anyhow::Error {
    anyhow::Error::msg(m)
}

/// Reads the protected header of a compact JWS without verifying it.
pub fn decode_header(token: &str) -> Result<JwsHeader, CryptoError> {
    use base64::Engine;
    let first = token.split('.').next().unwrap_or("");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(first)
        .map_err(|_| josekit::JoseError::InvalidJwtFormat(anyhow_msg("bad header encoding")))?;
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes)
        .map_err(|_| josekit::JoseError::InvalidJwtFormat(anyhow_msg("bad header json")))?;
    Ok(JwsHeader::from_map(map)?)
}
