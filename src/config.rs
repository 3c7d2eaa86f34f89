//! Configuration: defaults < `portcullis.toml` (or `--config FILE`) < `PORTCULLIS_*` env < `*_FILE`.
//!
//! Every field of [`FileConfig`] is optional; [`Config::load`] validates them into a [`Config`]
//! and names the offending setting when one is wrong.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid configuration: {0}")]
    Invalid(String),
    #[error("invalid configuration: {setting}: {message}")]
    Setting { setting: &'static str, message: String },
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
}

impl Config {
    /// Reads `path` (or `./portcullis.toml` when present), then the environment.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::new();
        match path {
            Some(p) if !p.exists() => {
                return Err(ConfigError::Invalid(format!(
                    "config file {} does not exist",
                    p.display()
                )));
            }
            Some(p) => figment = figment.merge(Toml::file(p)),
            None => figment = figment.merge(Toml::file("portcullis.toml")),
        }
        let env = Env::prefixed("PORTCULLIS_").ignore(&[
            "test_database_url",
            "test_redis_url",
            "database_url_file",
            "redis_url_file",
        ]);
        let mut file: FileConfig = figment
            .merge(env)
            .extract()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        // Secrets may come from files (container secrets): PORTCULLIS_<NAME>_FILE wins.
        for (var, slot) in [
            ("PORTCULLIS_DATABASE_URL_FILE", &mut file.database_url),
            ("PORTCULLIS_REDIS_URL_FILE", &mut file.redis_url),
        ] {
            if let Ok(path) = std::env::var(var) {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| ConfigError::Invalid(format!("{var}: cannot read {path}: {e}")))?;
                *slot = Some(text.trim().to_owned());
            }
        }
        Config::validate(file)
    }

    pub fn validate(f: FileConfig) -> Result<Config, ConfigError> {
        let issuer = f.issuer.unwrap_or_else(|| "http://localhost:8080".into());
        validate_issuer(&issuer)?;
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
        };
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

    /// Builds an absolute URL of ours from a path beginning with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.issuer.trim_end_matches('/'), path)
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
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let c = Config::validate(FileConfig::default()).unwrap();
        assert_eq!(c.issuer, "http://localhost:8080");
        assert_eq!(c.access_token_ttl, 600);
        assert!(c.database_url.starts_with("sqlite://"));
    }

    #[test]
    fn errors_name_the_setting() {
        let e = Config::validate(FileConfig {
            issuer: Some("http://example.com".into()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("PORTCULLIS_ISSUER"), "{e}");
        let e = Config::validate(FileConfig {
            listen: Some("nope".into()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("PORTCULLIS_LISTEN"), "{e}");
        let e = Config::validate(FileConfig {
            access_token_ttl: Some(0),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("PORTCULLIS_ACCESS_TOKEN_TTL"), "{e}");
    }
}
