//! An enrolment waiting for its first code, carried by the browser in a hidden form field
//! instead of being stored: the new secret, the user it was made for and its expiry, sealed
//! under the master key (AES-256-GCM), base64url. Nothing is written until a correct code
//! confirms it, and the seal keeps the browser from reading, changing or re-addressing it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::crypto::CryptoError;
use crate::crypto::encryption::MasterKey;
use crate::domain::UnixTime;

/// How long a user has to scan the code and type the first code: seconds.
pub const LIFETIME: i64 = 10 * 60;

/// Names what the sealed value is, so no other value sealed under the same key (a stored
/// secret, a later kind of token) is taken for an enrolment.
const PURPOSE: &str = "totp-enrolment/v1";

/// Far longer than a token we make (about 250 characters): anything longer is refused before
/// it is decoded.
const MAX_TOKEN_LEN: usize = 1024;

#[derive(Serialize, Deserialize)]
struct Sealed {
    purpose: String,
    /// The authenticator's id once confirmed: a token confirmed twice meets its own row.
    id: String,
    user_id: String,
    /// The raw secret, base64url.
    secret: String,
    expires_at: UnixTime,
}

/// An opened enrolment token.
pub struct Pending {
    pub id: String,
    pub secret: Vec<u8>,
    pub expires_at: UnixTime,
}

/// The token of an enrolment of `secret` by `user_id`, to be confirmed before `expires_at`.
pub fn seal(
    master: &MasterKey,
    id: &str,
    user_id: &str,
    secret: &[u8],
    expires_at: UnixTime,
) -> Result<String, CryptoError> {
    let sealed = Sealed {
        purpose: PURPOSE.to_owned(),
        id: id.to_owned(),
        user_id: user_id.to_owned(),
        secret: URL_SAFE_NO_PAD.encode(secret),
        expires_at,
    };
    let json = serde_json::to_vec(&sealed).map_err(|_| CryptoError::Encryption)?;
    Ok(URL_SAFE_NO_PAD.encode(master.encrypt(&json)?))
}

/// The enrolment in `token` if it was sealed by us, for `user_id`, and is still live at `now`.
/// Every other case is one answer: the user starts again.
pub fn open(master: &MasterKey, token: &str, user_id: &str, now: UnixTime) -> Option<Pending> {
    if token.len() > MAX_TOKEN_LEN {
        return None;
    }
    let raw = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    let json = master.decrypt(&raw).ok()?;
    let sealed: Sealed = serde_json::from_slice(&json).ok()?;
    if sealed.purpose != PURPOSE || sealed.user_id != user_id || now >= sealed.expires_at {
        return None;
    }
    Some(Pending {
        id: sealed.id,
        secret: URL_SAFE_NO_PAD.decode(sealed.secret).ok()?,
        expires_at: sealed.expires_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_700_000_000;

    fn master() -> MasterKey {
        MasterKey::from_bytes(&[3u8; 32])
    }

    #[test]
    fn round_trips_for_its_user_until_it_expires() {
        let token = seal(&master(), "a1", "user-1", b"0123456789abcdefghij", NOW + LIFETIME).unwrap();
        let p = open(&master(), &token, "user-1", NOW).unwrap();
        assert_eq!(
            (p.id.as_str(), p.secret.as_slice()),
            ("a1", &b"0123456789abcdefghij"[..])
        );
        assert!(open(&master(), &token, "user-1", NOW + LIFETIME - 1).is_some());
        assert!(open(&master(), &token, "user-1", NOW + LIFETIME).is_none());
    }

    #[test]
    fn another_users_token_is_refused() {
        let token = seal(&master(), "a1", "user-1", b"0123456789abcdefghij", NOW + LIFETIME).unwrap();
        assert!(open(&master(), &token, "user-2", NOW).is_none());
        assert!(open(&master(), &token, "", NOW).is_none());
    }

    #[test]
    fn a_changed_or_foreign_token_is_refused() {
        let token = seal(&master(), "a1", "user-1", b"0123456789abcdefghij", NOW + LIFETIME).unwrap();
        let mut raw = URL_SAFE_NO_PAD.decode(&token).unwrap();
        for i in [0, 5, 20, raw.len() - 1] {
            raw[i] ^= 1;
            assert!(open(&master(), &URL_SAFE_NO_PAD.encode(&raw), "user-1", NOW).is_none());
            raw[i] ^= 1;
        }
        assert!(open(&MasterKey::from_bytes(&[4u8; 32]), &token, "user-1", NOW).is_none());
        for junk in ["", "not base64!", &"A".repeat(MAX_TOKEN_LEN + 1)] {
            assert!(open(&master(), junk, "user-1", NOW).is_none());
        }
        // A value sealed under the same key for another purpose is not an enrolment.
        let other = URL_SAFE_NO_PAD.encode(
            master()
                .encrypt(
                    br#"{"purpose":"other","id":"a1","user_id":"user-1","secret":"AAAA","expires_at":9999999999}"#,
                )
                .unwrap(),
        );
        assert!(open(&master(), &other, "user-1", NOW).is_none());
    }

    #[test]
    fn the_token_does_not_show_the_secret() {
        let secret = b"0123456789abcdefghij";
        let token = seal(&master(), "a1", "user-1", secret, NOW + LIFETIME).unwrap();
        assert!(!token.contains(&URL_SAFE_NO_PAD.encode(secret)));
        assert!(token.len() < MAX_TOKEN_LEN / 2);
    }
}
