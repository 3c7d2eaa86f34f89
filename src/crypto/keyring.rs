//! The RS256 keyring: which key signs now, and which keys the JWKS publishes.
//!
//! Keys live in the database (private part sealed under the master key) so every node signs with
//! the same keyring. Each node holds a [`KeySet`] snapshot and reloads it periodically; a key is
//! published from creation, signs from `activates_at`, and after `retired_at` stays published for
//! the longest token lifetime so that tokens it signed still verify.

use std::sync::{Arc, RwLock};

use josekit::jwk::Jwk;
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jws::alg::rsassa::{RsassaJwsSigner, RsassaJwsVerifier};
use josekit::jws::{JwsHeader, RS256};

use super::CryptoError;
use super::encryption::MasterKey;
use crate::domain::{SigningKeyRecord, UnixTime};

pub const RSA_BITS: u32 = 2048;

pub struct SigningKey {
    pub kid: String,
    signer: RsassaJwsSigner,
    verifier: RsassaJwsVerifier,
    pub activates_at: UnixTime,
    pub retired_at: Option<UnixTime>,
}

/// An immutable snapshot of the keyring.
pub struct KeySet {
    keys: Vec<SigningKey>,
    /// The JWKS document, rendered once per snapshot.
    jwks_json: bytes::Bytes,
    pub loaded_at: UnixTime,
}

/// Generates a new RS256 key and seals its private part.
pub fn generate(
    master: &MasterKey,
    now: UnixTime,
    activates_at: UnixTime,
) -> Result<SigningKeyRecord, CryptoError> {
    let pair = RsaKeyPair::generate(RSA_BITS)?;
    let kid = super::secrets::random_token(12);
    let mut jwk = pair.to_jwk_public_key();
    jwk.set_key_id(&kid);
    jwk.set_key_use("sig");
    jwk.set_algorithm("RS256");
    Ok(SigningKeyRecord {
        kid,
        alg: "RS256".into(),
        private_key_sealed: master.encrypt(&pair.to_der_private_key())?,
        public_jwk: jwk.to_string(),
        created_at: now,
        activates_at,
        retired_at: None,
    })
}

impl KeySet {
    /// Builds a snapshot from stored records; keys retired longer ago than `publish_after_retire`
    /// are dropped.
    pub fn from_records(
        records: &[SigningKeyRecord],
        master: &MasterKey,
        now: UnixTime,
        publish_after_retire: i64,
    ) -> Result<KeySet, CryptoError> {
        let mut keys = Vec::new();
        let mut jwks = Vec::new();
        for r in records {
            if r.alg != "RS256" || r.retired_at.is_some_and(|t| t + publish_after_retire < now) {
                continue;
            }
            let der = master.decrypt(&r.private_key_sealed)?;
            let mut signer = RS256.signer_from_der(&der)?;
            signer.set_key_id(&r.kid);
            let jwk = Jwk::from_bytes(r.public_jwk.as_bytes())?;
            let verifier = RS256.verifier_from_jwk(&jwk)?;
            jwks.push(serde_json::Value::Object(jwk.as_ref().clone()));
            keys.push(SigningKey {
                kid: r.kid.clone(),
                signer,
                verifier,
                activates_at: r.activates_at,
                retired_at: r.retired_at,
            });
        }
        let jwks_json = serde_json::json!({ "keys": jwks }).to_string();
        Ok(KeySet {
            keys,
            jwks_json: jwks_json.into(),
            loaded_at: now,
        })
    }

    /// The key that signs at `now`: the most recently activated key that is not retired.
    pub fn active(&self, now: UnixTime) -> Option<&SigningKey> {
        self.keys
            .iter()
            .filter(|k| k.activates_at <= now && k.retired_at.is_none_or(|t| t > now))
            .max_by_key(|k| k.activates_at)
    }

    pub fn jwks_json(&self) -> bytes::Bytes {
        self.jwks_json.clone()
    }

    fn verifier(&self, kid: &str) -> Option<&RsassaJwsVerifier> {
        self.keys.iter().find(|k| k.kid == kid).map(|k| &k.verifier)
    }
}

/// The node's current [`KeySet`], swapped atomically on reload.
pub struct Keyring {
    current: RwLock<Arc<KeySet>>,
}

impl Keyring {
    pub fn new(set: KeySet) -> Self {
        Self {
            current: RwLock::new(Arc::new(set)),
        }
    }

    pub fn snapshot(&self) -> Arc<KeySet> {
        match self.current.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, set: KeySet) {
        match self.current.write() {
            Ok(mut g) => *g = Arc::new(set),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(set),
        }
    }

    /// Signs `payload` (JSON) as a compact JWS with the active key; `typ` goes in the header.
    pub fn sign(&self, now: UnixTime, typ: &str, payload: &[u8]) -> Result<(String, String), CryptoError> {
        let set = self.snapshot();
        let key = set.active(now).ok_or(CryptoError::NoSigningKey)?;
        let mut header = JwsHeader::new();
        header.set_token_type(typ);
        header.set_key_id(&key.kid);
        let jws = josekit::jws::serialize_compact(payload, &header, &key.signer)?;
        Ok((jws, key.kid.clone()))
    }

    /// Verifies a compact JWS signed by one of our published keys; returns payload and header.
    pub fn verify(&self, token: &str) -> Result<(Vec<u8>, JwsHeader), CryptoError> {
        let set = self.snapshot();
        let out = josekit::jws::deserialize_compact_with_selector(token, |header| {
            if header.algorithm() != Some("RS256") {
                return Ok(None);
            }
            Ok(header
                .key_id()
                .and_then(|kid| set.verifier(kid))
                .map(|v| v as &dyn josekit::jws::JwsVerifier))
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_with_newest_active_key_and_verifies_retired_ones() {
        let master = MasterKey::from_bytes(&[1u8; 32]);
        let mut old = generate(&master, 0, 0).unwrap();
        let next = generate(&master, 100, 200).unwrap();
        let ring =
            Keyring::new(KeySet::from_records(&[old.clone(), next.clone()], &master, 150, 600).unwrap());
        let (t_old, kid) = ring.sign(150, "JWT", b"{\"a\":1}").unwrap();
        assert_eq!(kid, old.kid);
        // The next key is published before it signs.
        let jwks = ring.snapshot().jwks_json();
        assert!(String::from_utf8_lossy(&jwks).contains(&next.kid));

        old.retired_at = Some(200);
        ring.replace(KeySet::from_records(&[old.clone(), next.clone()], &master, 250, 600).unwrap());
        let (_, kid) = ring.sign(250, "JWT", b"{}").unwrap();
        assert_eq!(kid, next.kid);
        assert_eq!(ring.verify(&t_old).unwrap().0, b"{\"a\":1}");

        // Past the publish window the retired key is gone and its tokens no longer verify.
        ring.replace(KeySet::from_records(&[old, next], &master, 900, 600).unwrap());
        assert!(ring.verify(&t_old).is_err());
    }
}
