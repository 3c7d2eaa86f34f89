//! Recovery codes: ten single-use codes the user keeps on paper, each standing in for the
//! second factor once (a lost phone). Each has 60 random bits, written in Crockford's base32
//! (no I, L, O or U) as `xxxx-xxxx-xxxx`; typing ignores case, spaces and dashes and reads
//! `o` as `0` and `i`/`l` as `1`, the look-alikes the alphabet leaves out.
//!
//! Stored only as HMAC-SHA256 under the master key's secret-hash key: 60 bits are too many to
//! guess online, and the key keeps a stolen database from being searched offline.

use std::collections::HashSet;
use std::sync::Arc;

use rand::RngCore;

use super::{CodeFactor, Result};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::hmac_hex;
use crate::domain::{AuditEntry, Clock, Method};
use crate::store::Store;

/// Codes in a set.
pub const COUNT: usize = 10;
/// Characters of a code: 12 × 5 bits = 60 bits.
pub const LENGTH: usize = 12;
/// Characters between the dashes of a code as shown.
const GROUP: usize = 4;
/// Crockford's base32, lower case: 32 symbols, so a random byte's low five bits pick one
/// uniformly.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

#[derive(Clone)]
pub struct RecoveryCodes {
    store: Store,
    master: MasterKey,
    clock: Arc<dyn Clock>,
}

impl RecoveryCodes {
    pub fn new(store: Store, master: MasterKey, clock: Arc<dyn Clock>) -> RecoveryCodes {
        RecoveryCodes { store, master, clock }
    }

    /// A new set of [`COUNT`] codes, as the user is to see them (`xxxx-xxxx-xxxx`), replacing
    /// the user's old set in the same commit as `entry`. Shown once: only hashes are kept.
    pub async fn generate(&self, user_id: &str, entry: &AuditEntry) -> Result<Vec<String>> {
        let mut codes = Vec::with_capacity(COUNT);
        let mut seen = HashSet::with_capacity(COUNT);
        // Two equal codes in a set are a 2^-60 chance; checked anyway, as the table's key
        // would refuse the set.
        while codes.len() < COUNT {
            let code = random_code();
            if seen.insert(code.clone()) {
                codes.push(code);
            }
        }
        let hashes: Vec<String> = codes
            .iter()
            .map(|c| code_hash(&self.master, user_id, c))
            .collect();
        self.store
            .mfa()
            .replace_recovery_codes(user_id, &hashes, self.clock.now(), entry)
            .await?;
        Ok(codes.iter().map(|c| grouped(c)).collect())
    }

    /// Voids the user's codes (the last factor they stood in for is gone), with `entry`.
    pub async fn void(&self, user_id: &str, entry: &AuditEntry) -> Result<()> {
        self.store
            .mfa()
            .replace_recovery_codes(user_id, &[], self.clock.now(), entry)
            .await?;
        Ok(())
    }

    /// Uses up `code` if it is one of the user's unused codes, committing `entry` with the use:
    /// the codes left, or `None` for a wrong or used code. Of parallel requests redeeming one
    /// code, exactly one gets it.
    pub async fn redeem(&self, user_id: &str, code: &str, entry: &AuditEntry) -> Result<Option<usize>> {
        // Not the shape of a code: refused without asking the database.
        let Some(code) = normalize(code) else {
            return Ok(None);
        };
        let hash = code_hash(&self.master, user_id, &code);
        // The database finds the row by its keyed hash, so the look-up's timing says nothing
        // about the codes themselves.
        if !self
            .store
            .mfa()
            .use_recovery_code(user_id, &hash, self.clock.now(), entry)
            .await?
        {
            return Ok(None);
        }
        Ok(Some(self.remaining(user_id).await?))
    }

    /// The user's unused codes: the account page warns when few are left.
    pub async fn remaining(&self, user_id: &str) -> Result<usize> {
        let n = self.store.mfa().unused_recovery_codes(user_id).await?;
        Ok(usize::try_from(n).unwrap_or_default())
    }
}

/// The stored form of a normalised code. The user id is part of the input, so equal codes of
/// two users (or one user's code tried on another) never share a hash.
fn code_hash(master: &MasterKey, user_id: &str, code: &str) -> String {
    hmac_hex(
        master.secret_hash_key(),
        format!("recovery-code\0{user_id}\0{code}").as_bytes(),
    )
}

impl CodeFactor for RecoveryCodes {
    fn method(&self) -> Method {
        Method::RecoveryCode
    }

    async fn enrolled(&self, user_id: &str) -> Result<bool> {
        Ok(self.remaining(user_id).await? > 0)
    }

    async fn verify(&self, user_id: &str, code: &str, entry: &AuditEntry) -> Result<bool> {
        Ok(self.redeem(user_id, code, entry).await?.is_some())
    }
}

/// [`LENGTH`] random symbols of [`ALPHABET`], unseparated.
fn random_code() -> String {
    let mut bytes = [0u8; LENGTH];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 0x1f)]))
        .collect()
}

/// `abcdefghjkmn` as `abcd-efgh-jkmn`.
fn grouped(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(GROUP)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code the user typed, as generated: case, whitespace and dashes ignored, look-alikes
/// read as the symbol they resemble. `None` when it cannot be a code.
fn normalize(typed: &str) -> Option<String> {
    // Bounded before any work: a form field may carry anything.
    if typed.len() > 4 * LENGTH {
        return None;
    }
    let mut code = String::with_capacity(LENGTH);
    for c in typed.chars() {
        let c = match c.to_ascii_lowercase() {
            '-' => continue,
            c if c.is_whitespace() => continue,
            'o' => '0',
            'i' | 'l' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        code.push(c);
    }
    (code.len() == LENGTH).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_carry_sixty_bits_in_the_alphabet() {
        assert!(LENGTH as f64 * (ALPHABET.len() as f64).log2() >= 60.0);
        let distinct: HashSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(distinct.len(), 32);
        for look_alike in [b'i', b'l', b'o', b'u'] {
            assert!(!ALPHABET.contains(&look_alike));
        }
        let code = random_code();
        assert_eq!(code.len(), LENGTH);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(random_code(), random_code());
    }

    #[test]
    fn codes_are_shown_in_groups_of_four() {
        assert_eq!(grouped("abcdefghjkmn"), "abcd-efgh-jkmn");
        assert_eq!(
            normalize(&grouped("abcdefghjkmn")).as_deref(),
            Some("abcdefghjkmn")
        );
    }

    #[test]
    fn typing_ignores_case_spaces_dashes_and_look_alikes() {
        for typed in [
            "abcd-efgh-jkmn",
            "ABCD-EFGH-JKMN",
            "abcdefghjkmn",
            " abcd efgh jkmn ",
            "abcd--efgh - jkmn",
        ] {
            assert_eq!(normalize(typed).as_deref(), Some("abcdefghjkmn"), "{typed:?}");
        }
        assert_eq!(normalize("0O1I-lL00-0000").as_deref(), Some("001111000000"));
    }

    #[test]
    fn what_cannot_be_a_code_is_refused() {
        for typed in [
            "",
            "abcd-efgh-jkm",
            "abcd-efgh-jkmnp",
            "abcd-efgh-jkmu",
            "abcd-efgh-jkm!",
            "abcd-efgh-jkmé",
            &"-".repeat(100),
        ] {
            assert_eq!(normalize(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn hashes_depend_on_the_user_and_the_key() {
        let hash =
            |key: u8, user: &str, code: &str| code_hash(&MasterKey::from_bytes(&[key; 32]), user, code);
        assert_ne!(hash(1, "u1", "abcdefghjkmn"), hash(1, "u2", "abcdefghjkmn"));
        assert_ne!(hash(1, "u1", "abcdefghjkmn"), hash(2, "u1", "abcdefghjkmn"));
    }
}
