//! Telegram's login payload (the Login Widget and its redirect flow), checked as Telegram
//! specifies (core.telegram.org/widgets/login#checking-authorization): the data-check-string
//! is every field but `hash`, as `key=value` lines sorted by key; the hash is HMAC-SHA-256 of it
//! keyed with SHA-256 of the bot token, compared in constant time; `auth_date` must be recent.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::crypto::secrets::{ct_eq, hex};

/// How old a payload may be: the redirect flow brings it back at once.
pub const MAX_AGE: i64 = 600;

/// Telegram's login page for bot `bot_id`, returning to `return_to` (on `issuer`'s origin).
pub fn authorization_url(bot_id: &str, issuer: &str, return_to: &str) -> String {
    let origin = url::Url::parse(issuer)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("bot_id", bot_id)
        .append_pair("origin", &origin)
        .append_pair("request_access", "write")
        .append_pair("return_to", return_to)
        .finish();
    format!("https://oauth.telegram.org/auth?{query}")
}

/// Why a payload is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TelegramError {
    /// A field is missing, repeated or malformed.
    Malformed,
    /// The hash is not the bot's over these fields.
    BadHash,
    /// `auth_date` is older than allowed, or in the future.
    Stale,
}

/// The Telegram user a checked payload names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelegramUser {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub photo_url: Option<String>,
    pub auth_date: i64,
}

/// Checks `fields` (as received) with `bot_token`, at `now`, accepting an `auth_date` up to
/// `max_age` seconds old (and a minute ahead, for clock skew).
pub fn verify(
    fields: &[(String, String)],
    bot_token: &str,
    now: i64,
    max_age: i64,
) -> Result<TelegramUser, TelegramError> {
    let mut sorted: Vec<&(String, String)> = fields.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    if sorted.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(TelegramError::Malformed);
    }
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let hash = get("hash").ok_or(TelegramError::Malformed)?;
    let data_check_string = sorted
        .iter()
        .filter(|(k, _)| k != "hash")
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let secret = Sha256::digest(bot_token.as_bytes());
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret).map_err(|_| TelegramError::Malformed)?;
    mac.update(data_check_string.as_bytes());
    if !ct_eq(&hex(&mac.finalize().into_bytes()), &hash.to_ascii_lowercase()) {
        return Err(TelegramError::BadHash);
    }
    let id = get("id").filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    let auth_date = get("auth_date").and_then(|v| v.parse::<i64>().ok());
    let (Some(id), Some(auth_date)) = (id, auth_date) else {
        return Err(TelegramError::Malformed);
    };
    if auth_date < now - max_age || auth_date > now + 60 {
        return Err(TelegramError::Stale);
    }
    let text = |k: &str| get(k).map(str::to_owned).filter(|v| !v.is_empty());
    Ok(TelegramUser {
        id: id.to_owned(),
        first_name: text("first_name"),
        last_name: text("last_name"),
        username: text("username"),
        photo_url: text("photo_url"),
        auth_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    const NOW: i64 = 1_765_000_000;

    /// A payload signed as Telegram signs it, computed independently of `verify` (the check
    /// string built by hand, in sorted order).
    fn signed(auth_date: i64) -> Vec<(String, String)> {
        let check = format!("auth_date={auth_date}\nfirst_name=Ann\nid=42\nusername=ann");
        let mut mac = Hmac::<Sha256>::new_from_slice(&Sha256::digest(TOKEN)).unwrap();
        mac.update(check.as_bytes());
        let hash = hex(&mac.finalize().into_bytes());
        [
            ("id", "42"),
            ("first_name", "Ann"),
            ("username", "ann"),
            ("auth_date", &auth_date.to_string()),
            ("hash", &hash),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn a_payload_signed_with_the_bot_token_is_accepted() {
        let user = verify(&signed(NOW - 10), TOKEN, NOW, 86_400).unwrap();
        assert_eq!(user.id, "42");
        assert_eq!(user.username.as_deref(), Some("ann"));
        assert_eq!(user.first_name.as_deref(), Some("Ann"));
        assert_eq!(user.last_name, None);
    }

    #[test]
    fn a_tampered_payload_is_refused() {
        let mut p = signed(NOW - 10);
        p[0].1 = "43".into();
        assert_eq!(verify(&p, TOKEN, NOW, 86_400), Err(TelegramError::BadHash));
        // Another bot's token, an added field, a missing or repeated hash.
        assert_eq!(
            verify(&signed(NOW - 10), "654321:other", NOW, 86_400),
            Err(TelegramError::BadHash)
        );
        let mut added = signed(NOW - 10);
        added.push(("last_name".into(), "Evil".into()));
        assert_eq!(verify(&added, TOKEN, NOW, 86_400), Err(TelegramError::BadHash));
        let no_hash: Vec<_> = signed(NOW - 10)
            .into_iter()
            .filter(|(k, _)| k != "hash")
            .collect();
        assert_eq!(
            verify(&no_hash, TOKEN, NOW, 86_400),
            Err(TelegramError::Malformed)
        );
        let mut twice = signed(NOW - 10);
        twice.push(twice[4].clone());
        assert_eq!(verify(&twice, TOKEN, NOW, 86_400), Err(TelegramError::Malformed));
    }

    #[test]
    fn a_stale_or_future_payload_is_refused() {
        assert_eq!(
            verify(&signed(NOW - 86_401), TOKEN, NOW, 86_400),
            Err(TelegramError::Stale)
        );
        assert_eq!(
            verify(&signed(NOW + 3_600), TOKEN, NOW, 86_400),
            Err(TelegramError::Stale)
        );
        assert!(verify(&signed(NOW - 86_400), TOKEN, NOW, 86_400).is_ok());
    }
}
