//! RFC 6238 time-based one-time passwords as an authenticator app computes them: HMAC-SHA-1,
//! 6 digits, a 30-second step from the Unix epoch. Written here rather than taken from the
//! server's library, so the benchmark checks the server against the RFC.

use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;

/// The time step X of RFC 6238 §4.1, in seconds.
pub const PERIOD: u64 = 30;

/// The step T of RFC 6238 §4.2 now.
pub fn current_step() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (now.as_secs() / PERIOD) as i64
}

/// Time left until the next step begins.
pub fn until_next_step() -> std::time::Duration {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let next = (now.as_secs() / PERIOD + 1) * PERIOD;
    std::time::Duration::from_secs(next).saturating_sub(now)
}

/// The 6-digit code of `step` (RFC 4226 §5.3 truncation of HMAC-SHA-1 over the step).
pub fn code(secret: &[u8], step: i64) -> String {
    // HMAC takes a key of any length: the error cannot happen.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&(step as u64).to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = (h[h.len() - 1] & 0x0f) as usize;
    let bin = u32::from_be_bytes([h[offset] & 0x7f, h[offset + 1], h[offset + 2], h[offset + 3]]);
    format!("{:06}", bin % 1_000_000)
}

/// RFC 4648 base32, as the account page shows the key (padding and spaces ignored, any case).
pub fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut buf, mut bits) = (0u64, 0u32);
    for c in s.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let v = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u64 - 'A' as u64,
            c @ '2'..='7' => c as u64 - '2' as u64 + 26,
            _ => return None,
        };
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_appendix_b_sha1_vectors_to_six_digits() {
        let secret = b"12345678901234567890";
        for (t, code8) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code(secret, (t / PERIOD) as i64), code8[2..], "T = {t}");
        }
    }

    #[test]
    fn base32_of_rfc4648_and_the_rfc6238_key() {
        assert_eq!(base32_decode("MZXW6YTBOI======").unwrap(), b"foobar");
        assert_eq!(base32_decode("mzxw 6ytb oi").unwrap(), b"foobar");
        assert_eq!(
            base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap(),
            b"12345678901234567890"
        );
        assert!(base32_decode("not base32!").is_none());
    }
}
