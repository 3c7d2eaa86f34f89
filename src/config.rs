//! Configuration: defaults < `portcullis.toml` (or `--config FILE`) < `PORTCULLIS_*` env < `*_FILE`.
//!
//! Every field of [`FileConfig`] is optional; [`Config::load`] validates them into a [`Config`]
//! and names the offending setting when one is wrong.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::Deserialize;

pub mod brand;
pub use mfa::MfaRequired;
mod load;
mod mfa;
pub mod names;
mod plain_errors;
mod rate_limits;
mod redact;
mod registration;

pub use rate_limits::{RateLimit, RateLimited, RateLimits, RateLimitsFile};
pub use redact::redact_url;
pub use registration::{Registration, RegistrationFile, RegistrationMode};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid configuration: {0}")]
    Invalid(String),
    #[error("invalid configuration: {setting}: {message}")]
    Setting { setting: &'static str, message: String },
    /// A value of the wrong form, named as the operator wrote it (variable, or key and file).
    #[error("invalid configuration: {setting}: {message}")]
    Value { setting: String, message: String },
    #[error("invalid configuration: unknown setting {name}{}", did_you_mean(suggestion.as_deref(), ""))]
    UnknownSetting {
        name: String,
        suggestion: Option<String>,
    },
    #[error("invalid configuration: unknown key {key:?} in {file}{}", did_you_mean(suggestion.as_deref(), "\""))]
    UnknownKey {
        key: String,
        file: String,
        suggestion: Option<String>,
    },
}

/// `; did you mean X?`, or nothing when no known name is close.
fn did_you_mean(suggestion: Option<&str>, quote: &str) -> String {
    suggestion
        .map(|s| format!("; did you mean {quote}{s}{quote}?"))
        .unwrap_or_default()
}

fn bad(setting: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Setting {
        setting,
        message: message.into(),
    }
}

/// The configuration file and environment, as written. All optional.
#[derive(Debug, Default, Deserialize)]
pub struct FileConfig {
    pub issuer: Option<String>,
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub database_max_connections: Option<u32>,
    pub redis_url: Option<String>,
    pub redis_key_prefix: Option<String>,
    pub master_key: Option<String>,
    pub master_key_file: Option<PathBuf>,
    pub log_format: Option<String>,
    pub access_token_ttl: Option<i64>,
    pub id_token_ttl: Option<i64>,
    pub refresh_token_ttl: Option<i64>,
    pub refresh_reuse_grace_seconds: Option<i64>,
    pub authorization_code_ttl: Option<i64>,
    pub interaction_ttl: Option<i64>,
    pub session_idle_timeout: Option<i64>,
    pub session_max_lifetime: Option<i64>,
    pub require_pkce: Option<bool>,
    pub key_refresh_interval: Option<i64>,
    pub key_rotation_period: Option<i64>,
    pub session_idle_warning: Option<i64>,
    pub signup_enabled: Option<bool>,
    pub require_verified_email: Option<bool>,
    pub mfa_required: Option<String>,
    pub sudo_window: Option<i64>,
    pub mfa_grace_period: Option<i64>,
    pub mfa_offer_interval: Option<i64>,
    pub webauthn_aaguids: Option<String>,
    pub remember_device: Option<bool>,
    pub remember_device_ttl: Option<i64>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub sms_http_url: Option<String>,
    pub sms_http_authorization: Option<String>,
    pub sms_http_body: Option<String>,
    pub sms_http_content_type: Option<String>,
    pub password_min_length: Option<usize>,
    pub password_min_strength: Option<u8>,
    pub email_verification_link_ttl: Option<i64>,
    pub email_verification_code_ttl: Option<i64>,
    pub password_reset_ttl: Option<i64>,
    pub sms_code_ttl: Option<i64>,
    pub lockout_threshold: Option<u64>,
    pub lockout_window: Option<i64>,
    pub lockout_duration: Option<i64>,
    pub lockout_max_duration: Option<i64>,
    pub audit_retention: Option<i64>,
    pub deleted_account_retention: Option<i64>,
    pub unverified_account_ttl: Option<i64>,
    pub trusted_proxies: Option<String>,
    pub management_listen: Option<String>,
    pub tls_cert_file: Option<PathBuf>,
    pub tls_key_file: Option<PathBuf>,
    pub header_read_timeout: Option<u64>,
    pub body_read_timeout: Option<u64>,
    pub keep_alive_timeout: Option<u64>,
    pub max_connections: Option<usize>,
    pub development: Option<bool>,
    pub otlp_endpoint: Option<String>,
    pub default_locale: Option<String>,
    pub messages_dir: Option<PathBuf>,
    pub brand_name: Option<String>,
    pub brand_primary_color: Option<String>,
    pub brand_background_color: Option<String>,
    pub brand_logo_file: Option<PathBuf>,
    pub brand_favicon_file: Option<PathBuf>,
    pub brand_stylesheet_file: Option<PathBuf>,
    pub brand_privacy_url: Option<String>,
    pub brand_terms_url: Option<String>,
    pub brand_imprint_url: Option<String>,
    pub brand_support_url: Option<String>,
    #[serde(default)]
    pub rate_limits: RateLimitsFile,
    #[serde(default)]
    pub registration: RegistrationFile,
}

/// Seconds relying parties may cache `/jwks` (its `Cache-Control: max-age`).
pub const JWKS_MAX_AGE: i64 = 60;

/// The SMS sender: a generic HTTP API, or files in the outbox.
#[derive(Debug, Clone)]
pub enum SmsConfig {
    Outbox,
    Http {
        url: String,
        /// The Authorization header's value, e.g. `Basic …` or `Bearer …`.
        authorization: Option<String>,
        /// The request body with `{to}` and `{message}` placeholders.
        body: String,
        content_type: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MasterKeySource {
    /// Base64 of 32 bytes, given directly (PORTCULLIS_MASTER_KEY).
    Inline(String),
    /// A file holding base64 of 32 bytes; generated (mode 0600) when missing.
    File(PathBuf),
}

/// Validated configuration. Durations are in seconds.
#[derive(Debug, Clone)]
pub struct Config {
    /// The issuer identifier, exactly as published (no trailing slash added or removed).
    pub issuer: String,
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub database_max_connections: u32,
    pub redis_url: Option<String>,
    pub redis_key_prefix: String,
    pub master_key: MasterKeySource,
    pub log_format: LogFormat,
    pub access_token_ttl: i64,
    pub id_token_ttl: i64,
    pub refresh_token_ttl: i64,
    pub refresh_reuse_grace_seconds: i64,
    pub authorization_code_ttl: i64,
    pub interaction_ttl: i64,
    pub session_idle_timeout: i64,
    pub session_max_lifetime: i64,
    pub require_pkce: bool,
    pub key_refresh_interval: i64,
    /// A signing key signs this long, then the next one (published ahead) takes over.
    pub key_rotation_period: i64,
    /// The account pages warn this long before the idle timeout signs the user out.
    pub session_idle_warning: i64,
    pub signup_enabled: bool,
    /// Accounts cannot sign in until their e-mail address is verified.
    pub require_verified_email: bool,
    pub mfa_required: MfaRequired,
    /// Sensitive account changes need a sign-in (with the second factor) this recent.
    pub sudo_window: i64,
    /// A user the MFA policy newly requires a second factor of may put its set-up off this
    /// long (0: set it up at once).
    pub mfa_grace_period: i64,
    /// Users without a second factor are offered to set one up after sign-up, and then at
    /// most this often at a login (0: never).
    pub mfa_offer_interval: i64,
    /// Authenticator models (AAGUIDs) that may register passkeys and security keys; any when
    /// empty.
    pub webauthn_aaguids: Vec<uuid::Uuid>,
    /// "Don't ask again on this device" is offered at the second-factor challenge, for this
    /// long (`None`: off).
    pub remember_device: Option<i64>,
    /// SMTP server; `None` writes mail to `<data dir>/outbox/`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub sms: SmsConfig,
    pub password_min_length: usize,
    /// zxcvbn score 0–4 a new password must reach.
    pub password_min_strength: u8,
    pub email_verification_link_ttl: i64,
    pub email_verification_code_ttl: i64,
    pub password_reset_ttl: i64,
    pub sms_code_ttl: i64,
    pub lockout_threshold: u64,
    pub lockout_window: i64,
    pub lockout_duration: i64,
    pub lockout_max_duration: i64,
    pub audit_retention: i64,
    pub deleted_account_retention: i64,
    pub unverified_account_ttl: i64,
    pub rate_limits: RateLimits,
    /// Dynamic client registration (RFC 7591).
    pub registration: Registration,
    /// Networks of our own proxies, whose forwarding headers name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// A second listener for `/metrics` and the health endpoints; none by default.
    pub management_listen: Option<SocketAddr>,
    /// PEM certificate chain and private key: the main listener speaks TLS only.
    pub tls: Option<TlsFiles>,
    pub limits: ConnectionLimits,
    /// Mail and SMS written to the outbox also put their links and codes in the log.
    pub development: bool,
    /// An OTLP/HTTP collector (`http://collector:4318`) to send traces to; none by default.
    pub otlp_endpoint: Option<String>,
    /// The pages' language when a request asks for none that ships.
    pub default_locale: String,
    /// The operator's message overrides (`de.ftl`, ...), read at start-up.
    pub messages_dir: Option<PathBuf>,
    pub brand: brand::BrandSettings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Connection hygiene: how long a client may take, and how many may be connected at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// From accepting a connection (or finishing the previous response) to the end of the
    /// request's headers.
    pub header_read_timeout: std::time::Duration,
    /// For the whole request body.
    pub body_read_timeout: std::time::Duration,
    /// A keep-alive connection with no request in flight is closed after this long.
    pub keep_alive_timeout: std::time::Duration,
    /// Past this many open connections, new ones get a 503 and are closed.
    pub max_connections: usize,
}

impl Config {
    pub fn validate(f: FileConfig) -> Result<Config, ConfigError> {
        let brand = brand::BrandSettings::from_file(&f)?;
        let issuer = f.issuer.unwrap_or_else(|| "http://localhost:8080".into());
        validate_issuer(&issuer)?;
        let loopback_issuer = is_loopback_issuer(&issuer);
        let listen_s = f.listen.unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen = listen_s.parse().map_err(|_| {
            bad(
                "PORTCULLIS_LISTEN",
                format!("{listen_s:?} is not an address:port"),
            )
        })?;
        let data_dir = f.data_dir.unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = match f.database_url {
            Some(u)
                if u.starts_with("postgres://")
                    || u.starts_with("postgresql://")
                    || u.starts_with("sqlite:") =>
            {
                u
            }
            Some(u) => {
                return Err(bad(
                    "PORTCULLIS_DATABASE_URL",
                    format!(
                        "must start with postgres:// or sqlite: (got scheme of {:?})",
                        u.split(':').next().unwrap_or("")
                    ),
                ));
            }
            None => format!("sqlite://{}?mode=rwc", data_dir.join("portcullis.db").display()),
        };
        if let Some(r) = &f.redis_url
            && !(r.starts_with("redis://") || r.starts_with("rediss://"))
        {
            return Err(bad(
                "PORTCULLIS_REDIS_URL",
                "must start with redis:// or rediss://",
            ));
        }
        let master_key = match (f.master_key, f.master_key_file) {
            (Some(k), _) if !k.trim().is_empty() => MasterKeySource::Inline(k),
            (_, Some(p)) => MasterKeySource::File(p),
            _ => MasterKeySource::File(PathBuf::from("keys/master.key")),
        };
        let log_format = match f.log_format.as_deref().unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(bad(
                    "PORTCULLIS_LOG_FORMAT",
                    format!("{other:?} is not text or json"),
                ));
            }
        };
        let secs = |v: Option<i64>, default: i64, setting: &'static str, min: i64, max: i64| {
            let v = v.unwrap_or(default);
            if v < min || v > max {
                Err(bad(setting, format!("{v} is outside {min}..={max} seconds")))
            } else {
                Ok(v)
            }
        };
        let timeout = |v: Option<u64>, default: u64, setting: &'static str| match v.unwrap_or(default) {
            n @ 1..=3600 => Ok(std::time::Duration::from_secs(n)),
            n => Err(bad(setting, format!("{n} is outside 1..=3600 seconds"))),
        };
        const DAY: i64 = 86_400;
        let c = Config {
            issuer,
            listen,
            data_dir,
            database_url,
            database_max_connections: f.database_max_connections.unwrap_or(0),
            redis_url: f.redis_url,
            redis_key_prefix: f.redis_key_prefix.unwrap_or_else(|| "portcullis:".into()),
            master_key,
            log_format,
            access_token_ttl: secs(f.access_token_ttl, 600, "PORTCULLIS_ACCESS_TOKEN_TTL", 30, DAY)?,
            id_token_ttl: secs(f.id_token_ttl, 3600, "PORTCULLIS_ID_TOKEN_TTL", 30, DAY)?,
            refresh_token_ttl: secs(
                f.refresh_token_ttl,
                30 * DAY,
                "PORTCULLIS_REFRESH_TOKEN_TTL",
                60,
                400 * DAY,
            )?,
            refresh_reuse_grace_seconds: secs(
                f.refresh_reuse_grace_seconds,
                2,
                "PORTCULLIS_REFRESH_REUSE_GRACE_SECONDS",
                0,
                60,
            )?,
            authorization_code_ttl: secs(
                f.authorization_code_ttl,
                60,
                "PORTCULLIS_AUTHORIZATION_CODE_TTL",
                5,
                60,
            )?,
            interaction_ttl: secs(f.interaction_ttl, 1800, "PORTCULLIS_INTERACTION_TTL", 60, DAY)?,
            session_idle_timeout: secs(
                f.session_idle_timeout,
                8 * 3600,
                "PORTCULLIS_SESSION_IDLE_TIMEOUT",
                60,
                90 * DAY,
            )?,
            session_max_lifetime: secs(
                f.session_max_lifetime,
                7 * DAY,
                "PORTCULLIS_SESSION_MAX_LIFETIME",
                60,
                400 * DAY,
            )?,
            require_pkce: f.require_pkce.unwrap_or(false),
            key_refresh_interval: secs(
                f.key_refresh_interval,
                10,
                "PORTCULLIS_KEY_REFRESH_INTERVAL",
                1,
                3600,
            )?,
            key_rotation_period: secs(
                f.key_rotation_period,
                90 * DAY,
                "PORTCULLIS_KEY_ROTATION_PERIOD",
                3600,
                3650 * DAY,
            )?,
            session_idle_warning: secs(
                f.session_idle_warning,
                120,
                "PORTCULLIS_SESSION_IDLE_WARNING",
                10,
                DAY,
            )?,
            signup_enabled: f.signup_enabled.unwrap_or(true),
            default_locale: match f.default_locale.filter(|l| !l.trim().is_empty()) {
                None => "en".into(),
                Some(l) => crate::i18n::negotiate::best_match(&l, &crate::i18n::Catalog::tags())
                    .ok_or_else(|| {
                        bad(
                            "PORTCULLIS_DEFAULT_LOCALE",
                            format!("must be one of {}", crate::i18n::Catalog::tags().join(", ")),
                        )
                    })?
                    .to_owned(),
            },
            brand,
            messages_dir: f.messages_dir,
            require_verified_email: f.require_verified_email.unwrap_or(true),
            mfa_required: MfaRequired::parse(f.mfa_required.as_deref())?,
            sudo_window: secs(f.sudo_window, 600, "PORTCULLIS_SUDO_WINDOW", 60, DAY)?,
            mfa_grace_period: secs(f.mfa_grace_period, 0, "PORTCULLIS_MFA_GRACE_PERIOD", 0, 365 * DAY)?,
            mfa_offer_interval: secs(
                f.mfa_offer_interval,
                30 * DAY,
                "PORTCULLIS_MFA_OFFER_INTERVAL",
                0,
                3650 * DAY,
            )?,
            webauthn_aaguids: mfa::aaguids(f.webauthn_aaguids.as_deref())?,
            remember_device: match f.remember_device.unwrap_or(false) {
                true => Some(secs(
                    f.remember_device_ttl,
                    30 * DAY,
                    "PORTCULLIS_REMEMBER_DEVICE_TTL",
                    DAY,
                    365 * DAY,
                )?),
                false => None,
            },
            smtp_url: f.smtp_url.filter(|u| !u.trim().is_empty()),
            mail_from: f
                .mail_from
                .unwrap_or_else(|| "Portcullis <no-reply@localhost>".into()),
            sms: match f.sms_http_url.filter(|u| !u.trim().is_empty()) {
                None => SmsConfig::Outbox,
                Some(url) if url.starts_with("https://") || url.starts_with("http://") => SmsConfig::Http {
                    url,
                    authorization: f.sms_http_authorization,
                    body: f
                        .sms_http_body
                        .unwrap_or_else(|| r#"{"to":"{to}","message":"{message}"}"#.into()),
                    content_type: f
                        .sms_http_content_type
                        .unwrap_or_else(|| "application/json".into()),
                },
                Some(_) => return Err(bad("PORTCULLIS_SMS_HTTP_URL", "must be an http(s) URL")),
            },
            password_min_length: match f.password_min_length.unwrap_or(10) {
                n @ 8..=128 => n,
                n => {
                    return Err(bad(
                        "PORTCULLIS_PASSWORD_MIN_LENGTH",
                        format!("{n} is outside 8..=128"),
                    ));
                }
            },
            password_min_strength: match f.password_min_strength.unwrap_or(3) {
                n @ 0..=4 => n,
                n => {
                    return Err(bad(
                        "PORTCULLIS_PASSWORD_MIN_STRENGTH",
                        format!("{n} is outside 0..=4"),
                    ));
                }
            },
            email_verification_link_ttl: secs(
                f.email_verification_link_ttl,
                DAY,
                "PORTCULLIS_EMAIL_VERIFICATION_LINK_TTL",
                300,
                30 * DAY,
            )?,
            email_verification_code_ttl: secs(
                f.email_verification_code_ttl,
                600,
                "PORTCULLIS_EMAIL_VERIFICATION_CODE_TTL",
                60,
                DAY,
            )?,
            password_reset_ttl: secs(
                f.password_reset_ttl,
                1800,
                "PORTCULLIS_PASSWORD_RESET_TTL",
                300,
                DAY,
            )?,
            sms_code_ttl: secs(f.sms_code_ttl, 600, "PORTCULLIS_SMS_CODE_TTL", 60, 3600)?,
            lockout_threshold: match f.lockout_threshold.unwrap_or(5) {
                n @ 1..=100 => n,
                n => {
                    return Err(bad(
                        "PORTCULLIS_LOCKOUT_THRESHOLD",
                        format!("{n} is outside 1..=100"),
                    ));
                }
            },
            lockout_window: secs(f.lockout_window, 900, "PORTCULLIS_LOCKOUT_WINDOW", 60, DAY)?,
            lockout_duration: secs(f.lockout_duration, 900, "PORTCULLIS_LOCKOUT_DURATION", 60, DAY)?,
            lockout_max_duration: secs(
                f.lockout_max_duration,
                DAY,
                "PORTCULLIS_LOCKOUT_MAX_DURATION",
                60,
                30 * DAY,
            )?,
            audit_retention: secs(
                f.audit_retention,
                365 * DAY,
                "PORTCULLIS_AUDIT_RETENTION",
                DAY,
                3650 * DAY,
            )?,
            deleted_account_retention: secs(
                f.deleted_account_retention,
                30 * DAY,
                "PORTCULLIS_DELETED_ACCOUNT_RETENTION",
                0,
                3650 * DAY,
            )?,
            unverified_account_ttl: secs(
                f.unverified_account_ttl,
                7 * DAY,
                "PORTCULLIS_UNVERIFIED_ACCOUNT_TTL",
                3600,
                365 * DAY,
            )?,
            rate_limits: RateLimits::from_file(f.rate_limits)?,
            registration: Registration::from_file(f.registration)?,
            trusted_proxies: parse_networks(f.trusted_proxies.as_deref().unwrap_or(""))
                .map_err(|m| bad("PORTCULLIS_TRUSTED_PROXIES", m))?,
            management_listen: match f.management_listen.filter(|s| !s.trim().is_empty()) {
                None => None,
                Some(s) => Some(s.parse().map_err(|_| {
                    bad(
                        "PORTCULLIS_MANAGEMENT_LISTEN",
                        format!("{s:?} is not an address:port"),
                    )
                })?),
            },
            tls: match (f.tls_cert_file, f.tls_key_file) {
                (None, None) => None,
                (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
                (Some(_), None) => {
                    return Err(bad(
                        "PORTCULLIS_TLS_KEY_FILE",
                        "is required with PORTCULLIS_TLS_CERT_FILE",
                    ));
                }
                (None, Some(_)) => {
                    return Err(bad(
                        "PORTCULLIS_TLS_CERT_FILE",
                        "is required with PORTCULLIS_TLS_KEY_FILE",
                    ));
                }
            },
            limits: ConnectionLimits {
                header_read_timeout: timeout(f.header_read_timeout, 10, "PORTCULLIS_HEADER_READ_TIMEOUT")?,
                body_read_timeout: timeout(f.body_read_timeout, 30, "PORTCULLIS_BODY_READ_TIMEOUT")?,
                keep_alive_timeout: timeout(f.keep_alive_timeout, 60, "PORTCULLIS_KEEP_ALIVE_TIMEOUT")?,
                max_connections: match f.max_connections.unwrap_or(4096) {
                    n @ 1..=1_000_000 => n,
                    n => {
                        return Err(bad(
                            "PORTCULLIS_MAX_CONNECTIONS",
                            format!("{n} is outside 1..=1000000"),
                        ));
                    }
                },
            },
            development: f.development.unwrap_or(false) || loopback_issuer,
            otlp_endpoint: match f.otlp_endpoint.filter(|u| !u.trim().is_empty()) {
                None => None,
                Some(u) if url::Url::parse(&u).is_ok_and(|p| matches!(p.scheme(), "http" | "https")) => {
                    Some(u)
                }
                Some(_) => return Err(bad("PORTCULLIS_OTLP_ENDPOINT", "must be an http(s) URL")),
            },
        };
        if c.tls.is_some() && !c.is_https() {
            return Err(bad(
                "PORTCULLIS_ISSUER",
                "must be an https URL when PORTCULLIS_TLS_CERT_FILE is set",
            ));
        }
        if c.management_listen == Some(c.listen) {
            return Err(bad(
                "PORTCULLIS_MANAGEMENT_LISTEN",
                "must differ from PORTCULLIS_LISTEN",
            ));
        }
        if c.session_idle_warning >= c.session_idle_timeout {
            return Err(bad(
                "PORTCULLIS_SESSION_IDLE_WARNING",
                "must be shorter than PORTCULLIS_SESSION_IDLE_TIMEOUT",
            ));
        }
        if !c.mail_from.contains('@') {
            return Err(bad("PORTCULLIS_MAIL_FROM", "must be an e-mail address"));
        }
        if let Some(u) = &c.smtp_url
            && !(u.starts_with("smtp://") || u.starts_with("smtps://"))
        {
            return Err(bad("PORTCULLIS_SMTP_URL", "must start with smtp:// or smtps://"));
        }
        if c.session_idle_timeout > c.session_max_lifetime {
            return Err(bad(
                "PORTCULLIS_SESSION_IDLE_TIMEOUT",
                "must not exceed PORTCULLIS_SESSION_MAX_LIFETIME",
            ));
        }
        Ok(c)
    }

    /// Cookies get `Secure` and responses get HSTS when the issuer is served over https.
    pub fn is_https(&self) -> bool {
        self.issuer.starts_with("https://")
    }

    /// The name our cookie `name` goes by. Every cookie we set is host-only with `Path=/`, so on
    /// https it takes the `__Host-` prefix: browsers then accept it only with `Secure`, from this
    /// host, and a sibling subdomain cannot plant or overwrite it (cookie tossing). Plain http
    /// (development on localhost) keeps the bare name, which browsers would refuse otherwise.
    pub fn cookie_name(&self, name: &str) -> String {
        if self.is_https() {
            format!("__Host-{name}")
        } else {
            name.to_owned()
        }
    }

    /// Builds an absolute URL of ours from a path beginning with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.issuer.trim_end_matches('/'), path)
    }

    /// How long a new signing key is published before it signs: longer than the JWKS may be
    /// cached (its `max-age`) plus the time every node takes to reload its keyring.
    pub fn key_publish_ahead(&self) -> i64 {
        JWKS_MAX_AGE + 2 * self.key_refresh_interval
    }

    /// The longest lifetime of a token we sign: a retired key is published at least this long.
    pub fn max_signed_token_ttl(&self) -> i64 {
        self.access_token_ttl.max(self.id_token_ttl)
    }
}

/// OIDC Discovery §3: an https URL with no query or fragment; http is accepted for loopback hosts
/// so the embedded default runs on a developer machine.
fn validate_issuer(issuer: &str) -> Result<(), ConfigError> {
    let url = url::Url::parse(issuer)
        .map_err(|e| bad("PORTCULLIS_ISSUER", format!("{issuer:?} is not a URL: {e}")))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("PORTCULLIS_ISSUER", "must not have a query or fragment"));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" => {
            if is_loopback_issuer(issuer) {
                Ok(())
            } else {
                Err(bad(
                    "PORTCULLIS_ISSUER",
                    "must use https (http is allowed only for localhost)",
                ))
            }
        }
        _ => Err(bad("PORTCULLIS_ISSUER", "must be an https URL")),
    }
}

/// An issuer on this machine only (`localhost`, 127.0.0.0/8, ::1): a development deployment.
fn is_loopback_issuer(issuer: &str) -> bool {
    match url::Url::parse(issuer).ok().as_ref().and_then(|u| u.host()) {
        Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `10.0.0.0/8, 192.168.1.7, fd00::/8`: networks, a bare address being a network of one.
fn parse_networks(s: &str) -> Result<Vec<ipnet::IpNet>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            n.parse::<ipnet::IpNet>()
                .or_else(|_| n.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map(|net| net.trunc())
                .map_err(|_| format!("{n:?} is not an IP network like 10.0.0.0/8 or an address"))
        })
        .collect()
}

#[cfg(test)]
mod tests;
