//! Cryptography: keyring (RS256 signing keys, JWKS, rotation), JWS, field encryption,
//! password hashing, secret hashing and randomness. Everything here uses vetted libraries.

pub mod encryption;
pub mod jws;
pub mod keyring;
pub mod password;
pub mod secrets;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("master key: {0}")]
    MasterKey(String),
    #[error("encryption failed")]
    Encryption,
    #[error("decryption failed: wrong master key or corrupted data")]
    Decryption,
    #[error("jose: {0}")]
    Jose(#[from] josekit::JoseError),
    #[error("password hashing: {0}")]
    Password(String),
    #[error("no signing key")]
    NoSigningKey,
}
