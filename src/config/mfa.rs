//! Multi-factor authentication policy settings.

use super::{ConfigError, bad};

/// `PORTCULLIS_MFA_REQUIRED`: who must pass a second factor at every login, beyond the users
/// who set one up (always) and the clients created with `--require-mfa`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MfaRequired {
    /// Only users with a factor, and for clients that require it.
    #[default]
    Off,
    /// Every user; one without a factor sets one up during the login.
    All,
}

impl MfaRequired {
    pub fn parse(v: Option<&str>) -> Result<MfaRequired, ConfigError> {
        match v.map(str::trim).unwrap_or("off") {
            "off" | "" => Ok(MfaRequired::Off),
            "all" => Ok(MfaRequired::All),
            other => Err(bad(
                "PORTCULLIS_MFA_REQUIRED",
                format!("{other:?} is not off or all"),
            )),
        }
    }
}

/// `PORTCULLIS_WEBAUTHN_AAGUIDS`: a comma-separated allow-list of authenticator models.
pub fn aaguids(v: Option<&str>) -> Result<Vec<uuid::Uuid>, ConfigError> {
    v.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            uuid::Uuid::parse_str(s).map_err(|_| {
                bad(
                    "PORTCULLIS_WEBAUTHN_AAGUIDS",
                    format!("{s:?} is not an AAGUID (a UUID)"),
                )
            })
        })
        .collect()
}
