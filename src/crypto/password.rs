//! Password hashing with argon2id (OWASP parameters: m=19 MiB, t=2, p=1).
//!
//! Hashing is CPU- and memory-heavy, so it runs on the blocking pool behind a semaphore: a flood
//! of login attempts queues instead of exhausting memory.

use std::sync::Arc;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use super::CryptoError;

#[derive(Clone)]
pub struct PasswordHasherPool {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the user does not exist so that an
    /// unknown user costs the same time as a known one.
    dummy_hash: Arc<String>,
}

impl std::fmt::Debug for PasswordHasherPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHasherPool")
    }
}

fn argon2() -> Argon2<'static> {
    // The parameters are constants within argon2's valid ranges; `default()` is the fallback.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_sync(password: &str) -> Result<String, CryptoError> {
    // `hash_password` draws a fresh random salt from the OS.
    argon2()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| CryptoError::Password(e.to_string()))
}

fn verify_sync(password: &str, hash: &str) -> bool {
    // The hash string carries its own parameters and salt.
    PasswordVerifier::<str>::verify_password(&argon2(), password.as_bytes(), hash).is_ok()
}

impl PasswordHasherPool {
    pub fn new() -> Result<Self, CryptoError> {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Ok(Self {
            permits: Arc::new(Semaphore::new(cores * 2)),
            dummy_hash: Arc::new(hash_sync(&super::secrets::token256())?),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, CryptoError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| CryptoError::Password(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_sync(&password))
            .await
            .map_err(|e| CryptoError::Password(e.to_string()))?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, CryptoError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| CryptoError::Password(e.to_string()))?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.as_ref().clone());
        let ok = tokio::task::spawn_blocking(move || verify_sync(&password, &hash))
            .await
            .map_err(|e| CryptoError::Password(e.to_string()))?;
        Ok(ok && known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_and_rejects() {
        let pool = PasswordHasherPool::new().unwrap();
        let h = pool.hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            pool.verify("correct horse".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!pool.verify("wrong".into(), Some(h)).await.unwrap());
        assert!(!pool.verify("anything".into(), None).await.unwrap());
    }
}
