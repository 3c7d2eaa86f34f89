//! `[rate_limits]`: what each limit counts and its `COUNT/WINDOW` setting.

use serde::Deserialize;

use super::{ConfigError, bad};

/// `[rate_limits]`: each value is `COUNT/WINDOW` (`30/1m`, `5/1h`, `100/30s`) or `off`.
/// From the environment: `PORTCULLIS_RATE_LIMITS__LOGIN_IP=30/1m`.
#[derive(Debug, Default, Deserialize)]
pub struct RateLimitsFile {
    pub login_ip: Option<String>,
    pub login_account: Option<String>,
    pub signup_ip: Option<String>,
    pub signup_account: Option<String>,
    pub verify_ip: Option<String>,
    pub verify_account: Option<String>,
    pub recovery_ip: Option<String>,
    pub recovery_account: Option<String>,
    pub otp_ip: Option<String>,
    pub otp_account: Option<String>,
    pub token_ip: Option<String>,
    pub token_client: Option<String>,
    pub client_auth_failure_ip: Option<String>,
    pub admin_ip: Option<String>,
    pub admin_caller: Option<String>,
}

/// At most `max` events per `window` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u64,
    pub window: i64,
}

/// What a rate limit counts, per IP address and per account (for the token endpoint: client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimited {
    Login,
    Signup,
    Verify,
    Recovery,
    Otp,
    Token,
    /// Failed client authentications, per IP only: a flood of wrong secrets under a client id
    /// must not spend the real client's budget.
    ClientAuthFailure,
    /// Calls to the admin API, per IP and per caller (a key, a user or a service client).
    Admin,
}

impl RateLimited {
    pub fn name(self) -> &'static str {
        match self {
            RateLimited::Login => "login",
            RateLimited::Signup => "signup",
            RateLimited::Verify => "verify",
            RateLimited::Recovery => "recovery",
            RateLimited::Otp => "otp",
            RateLimited::Token => "token",
            RateLimited::ClientAuthFailure => "client_auth_failure",
            RateLimited::Admin => "admin",
        }
    }
}

/// The limits per action: (per IP, per account). `None` is off.
#[derive(Debug, Clone, Default)]
pub struct RateLimits {
    pub login: (Option<RateLimit>, Option<RateLimit>),
    pub signup: (Option<RateLimit>, Option<RateLimit>),
    pub verify: (Option<RateLimit>, Option<RateLimit>),
    pub recovery: (Option<RateLimit>, Option<RateLimit>),
    pub otp: (Option<RateLimit>, Option<RateLimit>),
    pub token: (Option<RateLimit>, Option<RateLimit>),
    pub client_auth_failure: Option<RateLimit>,
    pub admin: (Option<RateLimit>, Option<RateLimit>),
}

impl RateLimits {
    pub fn get(&self, what: RateLimited) -> (Option<RateLimit>, Option<RateLimit>) {
        match what {
            RateLimited::Login => self.login,
            RateLimited::Signup => self.signup,
            RateLimited::Verify => self.verify,
            RateLimited::Recovery => self.recovery,
            RateLimited::Otp => self.otp,
            RateLimited::Token => self.token,
            RateLimited::ClientAuthFailure => (self.client_auth_failure, None),
            RateLimited::Admin => self.admin,
        }
    }

    pub(super) fn from_file(f: RateLimitsFile) -> Result<RateLimits, ConfigError> {
        let one = |v: Option<String>, default: &str, setting: &'static str| {
            parse_rate_limit(v.as_deref().unwrap_or(default)).map_err(|m| bad(setting, m))
        };
        Ok(RateLimits {
            login: (
                one(f.login_ip, "60/1m", "rate_limits.login_ip")?,
                one(f.login_account, "10/1m", "rate_limits.login_account")?,
            ),
            signup: (
                one(f.signup_ip, "10/1h", "rate_limits.signup_ip")?,
                one(f.signup_account, "5/1h", "rate_limits.signup_account")?,
            ),
            verify: (
                one(f.verify_ip, "60/10m", "rate_limits.verify_ip")?,
                one(f.verify_account, "10/10m", "rate_limits.verify_account")?,
            ),
            recovery: (
                one(f.recovery_ip, "10/1h", "rate_limits.recovery_ip")?,
                one(f.recovery_account, "5/1h", "rate_limits.recovery_account")?,
            ),
            otp: (
                one(f.otp_ip, "20/1h", "rate_limits.otp_ip")?,
                one(f.otp_account, "5/1h", "rate_limits.otp_account")?,
            ),
            token: (
                one(f.token_ip, "1200/1m", "rate_limits.token_ip")?,
                one(f.token_client, "1200/1m", "rate_limits.token_client")?,
            ),
            client_auth_failure: one(
                f.client_auth_failure_ip,
                "30/1m",
                "rate_limits.client_auth_failure_ip",
            )?,
            admin: (
                one(f.admin_ip, "1200/1m", "rate_limits.admin_ip")?,
                one(f.admin_caller, "600/1m", "rate_limits.admin_caller")?,
            ),
        })
    }
}

/// `30/1m` → 30 per 60 s; `off` → no limit.
fn parse_rate_limit(s: &str) -> Result<Option<RateLimit>, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let err = || format!("{s:?} is not COUNT/WINDOW like 30/1m, 5/1h, 100/30s, or off");
    let (count, window) = s.split_once('/').ok_or_else(err)?;
    let max: u64 = count.trim().parse().map_err(|_| err())?;
    let window = window.trim();
    let (digits, unit) = window.split_at(window.find(|c: char| !c.is_ascii_digit()).unwrap_or(window.len()));
    let n: i64 = if digits.is_empty() {
        1
    } else {
        digits.parse().map_err(|_| err())?
    };
    let unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(err()),
    };
    if max == 0 || n <= 0 {
        return Err(err());
    }
    Ok(Some(RateLimit {
        max,
        window: n * unit,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_parse() {
        assert_eq!(
            parse_rate_limit("30/1m").unwrap(),
            Some(RateLimit { max: 30, window: 60 })
        );
        assert_eq!(
            parse_rate_limit("5/h").unwrap(),
            Some(RateLimit { max: 5, window: 3600 })
        );
        assert_eq!(parse_rate_limit("off").unwrap(), None);
        for bad in ["", "30", "x/1m", "0/1m", "3/1w", "3/-1m"] {
            assert!(parse_rate_limit(bad).is_err(), "{bad}");
        }
        let d = super::super::Config::validate(super::super::FileConfig::default()).unwrap();
        assert_eq!(d.rate_limits.login.1, Some(RateLimit { max: 10, window: 60 }));
    }
}
