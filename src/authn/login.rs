//! Password login. Wrong e-mail and wrong password are one answer, and an unknown user costs the
//! same argon2 time as a known one (the hasher verifies against a dummy hash).

use crate::crypto::CryptoError;
use crate::crypto::password::PasswordHasherPool;
use crate::domain::User;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown user, wrong password, no password set or disabled account: one answer.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

#[derive(Clone, Debug)]
pub struct Authenticator {
    store: Store,
    passwords: PasswordHasherPool,
}

impl Authenticator {
    pub fn new(store: Store, passwords: PasswordHasherPool) -> Self {
        Self { store, passwords }
    }

    pub async fn password_login(&self, email: &str, password: &str) -> Result<User, LoginError> {
        if password.is_empty() || password.len() > 1024 || email.len() > 320 {
            // Still spend the hashing time: the answer's timing must not tell why it failed.
            self.passwords.verify(String::new(), None).await?;
            return Err(LoginError::InvalidCredentials);
        }
        let user = self.store.user_by_email(email).await?;
        let hash = user
            .as_ref()
            .filter(|u| !u.disabled)
            .and_then(|u| u.password_hash.clone());
        if self.passwords.verify(password.to_owned(), hash).await? {
            user.ok_or(LoginError::InvalidCredentials)
        } else {
            Err(LoginError::InvalidCredentials)
        }
    }
}
