//! RFC 7636: Proof Key for Code Exchange, with the S256 method only (RFC 9700 §2.1.1).

use crate::crypto::secrets::{ct_eq, sha256_b64url};

/// RFC 7636 §4.2: an S256 challenge is the base64url (unpadded) SHA-256 of the verifier, so
/// exactly 43 characters of the base64url alphabet.
pub fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// RFC 7636 §4.1: a verifier is 43 to 128 unreserved characters.
pub fn is_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// RFC 7636 §4.6: the verifier is well formed and its S256 transform is the challenge.
pub fn verifies(challenge: &str, verifier: &str) -> bool {
    is_verifier(verifier) && ct_eq(&sha256_b64url(verifier.as_bytes()), challenge)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 7636 Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn the_rfc_example_verifies() {
        assert!(is_s256_challenge(CHALLENGE));
        assert!(verifies(CHALLENGE, VERIFIER));
    }

    #[test]
    fn another_verifier_or_the_challenge_itself_does_not_verify() {
        let other = "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(!verifies(CHALLENGE, other));
        // The "plain" method: sending the challenge as the verifier must fail.
        assert!(!verifies(CHALLENGE, CHALLENGE));
        assert!(!verifies(CHALLENGE, ""));
    }

    #[test]
    fn verifiers_are_43_to_128_unreserved_characters() {
        assert!(is_verifier(&"a".repeat(43)));
        assert!(is_verifier(&"a".repeat(128)));
        assert!(!is_verifier(&"a".repeat(42)));
        assert!(!is_verifier(&"a".repeat(129)));
        assert!(is_verifier(&format!("{}-._~", "a".repeat(40))));
        for bad in ['+', '/', '=', ' ', '%', 'é'] {
            let v = format!("{}{bad}", "a".repeat(43));
            assert!(!is_verifier(&v), "{bad:?}");
        }
    }

    #[test]
    fn a_verifier_that_is_too_short_does_not_verify_even_with_its_own_challenge() {
        let short = "a".repeat(42);
        let challenge = sha256_b64url(short.as_bytes());
        assert!(!verifies(&challenge, &short));
    }

    #[test]
    fn challenges_are_43_base64url_characters() {
        assert!(!is_s256_challenge(&CHALLENGE[..42]));
        assert!(!is_s256_challenge(&format!("{CHALLENGE}A")));
        assert!(!is_s256_challenge(&CHALLENGE.replace('-', "+")));
        assert!(!is_s256_challenge(&format!("{}=", &CHALLENGE[..42])));
        assert!(!is_s256_challenge(&CHALLENGE.replace('E', "/")));
    }
}
