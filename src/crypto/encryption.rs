//! Field encryption at rest (AES-256-GCM) under keys derived from the master key.
//!
//! Ciphertext layout: `key id (4 bytes) || nonce (12 bytes) || ciphertext+tag`. The key id lets
//! a later master-key rotation tell which key sealed a value.

use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::CryptoError;
use super::secrets::hmac_hex;
use crate::config::MasterKeySource;

/// The 32-byte master key and the purpose keys derived from it.
#[derive(Clone)]
pub struct MasterKey {
    key_id: [u8; 4],
    field_key: [u8; 32],
    secret_hash_key: [u8; 32],
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    /// Loads the master key; a missing key file is generated with mode 0600.
    pub fn load(source: &MasterKeySource) -> Result<MasterKey, CryptoError> {
        let text = match source {
            MasterKeySource::Inline(s) => s.clone(),
            MasterKeySource::File(path) => read_or_generate(path)?,
        };
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| CryptoError::MasterKey("not base64".into()))?;
        let raw: [u8; 32] = bytes
            .try_into()
            .map_err(|_| CryptoError::MasterKey("must be 32 bytes (base64 of 32 random bytes)".into()))?;
        Ok(MasterKey::from_bytes(&raw))
    }

    pub fn from_bytes(raw: &[u8; 32]) -> MasterKey {
        let derive = |label: &str| -> [u8; 32] {
            let mut out = [0u8; 32];
            let h = hmac_hex(raw, label.as_bytes());
            out.copy_from_slice(&Sha256::digest(h.as_bytes()));
            out
        };
        let id = Sha256::digest(derive("key-id"));
        MasterKey {
            key_id: [id[0], id[1], id[2], id[3]],
            field_key: derive("portcullis/field-encryption/v1"),
            secret_hash_key: derive("portcullis/secret-hash/v1"),
        }
    }

    /// Key for [`super::secrets::hmac_hex`] hashes of client secrets.
    pub fn secret_hash_key(&self) -> &[u8] {
        &self.secret_hash_key
    }

    /// The hash under which a client secret is stored (and a presented one compared).
    pub fn client_secret_hash(&self, secret: &str) -> String {
        hmac_hex(&self.secret_hash_key, secret.as_bytes())
    }

    pub fn encrypt(&self, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let cipher = Aes256Gcm::new_from_slice(&self.field_key).map_err(|_| CryptoError::Encryption)?;
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext)
            .map_err(|_| CryptoError::Encryption)?;
        let mut out = Vec::with_capacity(4 + 12 + ct.len());
        out.extend_from_slice(&self.key_id);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    pub fn decrypt(&self, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < 16 + 16 || sealed[..4] != self.key_id {
            return Err(CryptoError::Decryption);
        }
        let cipher = Aes256Gcm::new_from_slice(&self.field_key).map_err(|_| CryptoError::Decryption)?;
        cipher
            .decrypt(Nonce::from_slice(&sealed[4..16]), &sealed[16..])
            .map_err(|_| CryptoError::Decryption)
    }
}

fn read_or_generate(path: &Path) -> Result<String, CryptoError> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut raw = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut raw);
            let text = STANDARD.encode(raw);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::files::private_dir(dir)
                    .map_err(|e| CryptoError::MasterKey(format!("{}: {e}", dir.display())))?;
            }
            let created = write_new_private_file(path, text.as_bytes())
                .map_err(|e| CryptoError::MasterKey(format!("{}: {e}", path.display())))?;
            if created {
                tracing::warn!(
                    path = %path.display(),
                    "generated a new master key: back this file up now; without it the stored \
                     secrets (signing keys, encrypted fields, client secret hashes) cannot be read"
                );
            }
            // Another process may have won the race to create it: read what is there.
            std::fs::read_to_string(path)
                .map_err(|e| CryptoError::MasterKey(format!("{}: {e}", path.display())))
        }
        Err(e) => Err(CryptoError::MasterKey(format!("{}: {e}", path.display()))),
    }
}

/// Creates `path` with mode 0600; an existing file is left as it is (`false`).
fn write_new_private_file(path: &Path, contents: &[u8]) -> std::io::Result<bool> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => f.write_all(contents).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper_detection() {
        let k = MasterKey::from_bytes(&[7u8; 32]);
        let sealed = k.encrypt(b"secret").unwrap();
        assert_eq!(k.decrypt(&sealed).unwrap(), b"secret");
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(k.decrypt(&bad).is_err());
        assert!(MasterKey::from_bytes(&[8u8; 32]).decrypt(&sealed).is_err());
    }

    #[test]
    fn generates_a_private_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/master.key");
        let a = MasterKey::load(&MasterKeySource::File(path.clone())).unwrap();
        let b = MasterKey::load(&MasterKeySource::File(path.clone())).unwrap();
        assert_eq!(a.key_id, b.key_id);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
