use serde::{Deserialize, Serialize};

use super::UnixTime;

/// OIDC Core §5.1.1 address claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// An end-user. `id` is the stable, opaque OIDC `sub`.
#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    /// Stored lower-cased; unique.
    pub email: String,
    pub email_verified: bool,
    pub password_hash: Option<String>,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub preferred_username: Option<String>,
    /// URL of the user's picture (OIDC Core §5.1 `picture`), as an upstream gave it.
    pub picture: Option<String>,
    pub locale: Option<String>,
    pub phone_number: Option<String>,
    pub phone_number_verified: bool,
    pub address: Option<Address>,
    pub disabled: bool,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
    /// Failed logins locked the account until this time.
    pub locked_until: Option<UnixTime>,
    /// Lockouts since the last successful login; each one doubles the next lockout.
    pub lockouts: i64,
    pub password_changed_at: Option<UnixTime>,
    /// The user deleted the account; personal data is purged after the retention period.
    pub deleted_at: Option<UnixTime>,
}

impl User {
    /// A new account with nothing but an e-mail address.
    pub fn new(id: String, email: String, now: UnixTime) -> User {
        User {
            id,
            email,
            email_verified: false,
            password_hash: None,
            name: None,
            given_name: None,
            family_name: None,
            preferred_username: None,
            picture: None,
            locale: None,
            phone_number: None,
            phone_number_verified: false,
            address: None,
            disabled: false,
            created_at: now,
            updated_at: now,
            locked_until: None,
            lockouts: 0,
            password_changed_at: None,
            deleted_at: None,
        }
    }

    pub fn is_locked(&self, now: UnixTime) -> bool {
        self.locked_until.is_some_and(|t| now < t)
    }

    /// Able to sign in at all (not disabled, not deleted).
    pub fn is_active(&self) -> bool {
        !self.disabled && self.deleted_at.is_none()
    }

    /// The one state an operator sees, the strongest first.
    pub fn state(&self, now: UnixTime) -> AccountState {
        if self.deleted_at.is_some() {
            AccountState::Deleted
        } else if self.disabled {
            AccountState::Disabled
        } else if self.is_locked(now) {
            AccountState::Locked
        } else {
            AccountState::Active
        }
    }
}

/// An account's state: `locked` is the lockout after failed sign-ins, which ends by itself;
/// `disabled` is an administrator's decision; `deleted` waits for the purge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Active,
    Locked,
    Disabled,
    Deleted,
}

impl AccountState {
    pub fn parse(s: &str) -> Option<AccountState> {
        Some(match s {
            "active" => AccountState::Active,
            "locked" => AccountState::Locked,
            "disabled" => AccountState::Disabled,
            "deleted" => AccountState::Deleted,
            _ => return None,
        })
    }
}
