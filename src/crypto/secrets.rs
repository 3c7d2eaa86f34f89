//! Random values, one-way hashes of high-entropy secrets, and constant-time comparison.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `n` random bytes from the OS CSPRNG, base64url without padding.
pub fn random_token(n: usize) -> String {
    let mut buf = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A random identifier of `n` bytes (base64url) that does not begin with `-`, so that it can
/// be typed as a command-line argument (`portcullis client update ID`) without being taken for
/// an option.
pub fn random_id(n: usize) -> String {
    loop {
        let id = random_token(n);
        if !id.starts_with('-') {
            return id;
        }
    }
}

/// A 256-bit random token: authorization codes, refresh tokens, session cookies, client secrets.
pub fn token256() -> String {
    random_token(32)
}

/// SHA-256 as lower-case hex. For looking up high-entropy tokens (codes, refresh tokens,
/// session cookies): a database leak does not reveal usable tokens.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// base64url(SHA-256(data)), as PKCE S256 (RFC 7636 §4.2) uses it.
pub fn sha256_b64url(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(data))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

/// HMAC-SHA256 under `key`, hex. Client secrets are stored this way: the key is derived from the
/// master key, so a stolen database alone cannot be used to guess even a weak secret offline,
/// and verification stays cheap enough for the token endpoint's hot path.
pub fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(data);
    hex(&mac.finalize().into_bytes())
}

/// Constant-time equality of two secrets (or their hashes).
pub fn ct_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_never_look_like_command_line_options() {
        // One id in 64 would begin with '-' if nothing prevented it.
        assert!((0..2_000).all(|_| !random_id(12).starts_with('-')));
    }

    #[test]
    fn pkce_s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            sha256_b64url(b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn tokens_are_random_and_long() {
        assert_eq!(token256().len(), 43);
        assert_ne!(token256(), token256());
        assert!(ct_eq("abc", "abc") && !ct_eq("abc", "abd") && !ct_eq("abc", "ab"));
    }
}
