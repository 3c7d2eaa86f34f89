//! Reading the configuration: the file (`portcullis.toml` or `--config`), then the
//! `PORTCULLIS_*` environment, then the `*_FILE` secrets; unknown names are refused first.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};

use super::{Config, ConfigError, FileConfig, names, plain_errors};

impl Config {
    /// Reads `path` (or `./portcullis.toml` when present), then the environment. Unknown
    /// `PORTCULLIS_*` variables and unknown keys of the file are refused (see names.rs).
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match path {
            Some(p) if !p.exists() => {
                return Err(ConfigError::Invalid(format!(
                    "config file {} does not exist",
                    p.display()
                )));
            }
            Some(p) => p.to_owned(),
            None => PathBuf::from("portcullis.toml"),
        };
        let shown = path.display().to_string();
        let toml = Toml::file(&path);
        let written = figment::Provider::data(&toml).map_err(|e| plain_errors::explain(e, &shown))?;
        let mut keys = Vec::new();
        for dict in written.values() {
            dotted_keys(dict, "", &mut keys);
        }
        names::check_toml(&keys, &shown)?;
        let variables: Vec<String> = std::env::vars_os()
            .filter_map(|(k, _)| k.into_string().ok())
            .collect();
        names::check_env(&variables)?;
        // The test suite's and the scripts' variables, and the `_FILE` ones read below, are
        // not values of FileConfig.
        let files: Vec<String> = names::FROM_FILE.iter().map(|s| names::file_variable(s)).collect();
        let env = Env::prefixed(names::ENV_PREFIX)
            .filter(move |k| {
                let name = format!("{}{}", names::ENV_PREFIX, k.as_str().to_ascii_uppercase());
                !names::is_ignored_variable(&name) && !files.contains(&name)
            })
            .split("__");
        let mut file = extract(Figment::new().merge(toml).merge(env), &shown)?;
        // Secrets may come from files (container secrets): PORTCULLIS_<NAME>_FILE wins.
        for setting in names::FROM_FILE {
            let var = names::file_variable(setting);
            let Some(slot) = secret_slot(&mut file, setting) else {
                continue;
            };
            if let Ok(path) = std::env::var(&var) {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| ConfigError::Invalid(format!("{var}: cannot read {path}: {e}")))?;
                *slot = Some(text.trim().to_owned());
            }
        }
        Config::validate(file)
    }
}

/// The configuration from `figment`. figment reads `PORTCULLIS_BRAND_NAME=2048` as a number,
/// which a text setting refuses; such a value is taken again as the text written, since the
/// environment has no quotes to say so.
fn extract(mut figment: Figment, file: &str) -> Result<FileConfig, ConfigError> {
    // Each round fixes one value; a configuration has fewer settings than this.
    for _ in 0..256 {
        let e = match figment.extract::<FileConfig>() {
            Ok(f) => return Ok(f),
            Err(e) => e,
        };
        let from_env = e
            .metadata
            .as_ref()
            .is_some_and(|m| m.name.contains("environment"));
        let text_expected =
            matches!(&e.kind, figment::error::Kind::InvalidType(_, expected) if expected.contains("string"));
        let variable = format!("{}{}", names::ENV_PREFIX, e.path.join("__").to_ascii_uppercase());
        match std::env::var(&variable) {
            Ok(raw) if from_env && text_expected && !e.path.is_empty() => {
                figment = figment.merge(figment::providers::Serialized::default(&e.path.join("."), raw));
            }
            _ => return Err(plain_errors::explain(e, file)),
        }
    }
    Err(ConfigError::Invalid("too many values of the wrong form".into()))
}

/// Where a secret read from `PORTCULLIS_<NAME>_FILE` goes (see [`names::FROM_FILE`]).
fn secret_slot<'a>(f: &'a mut FileConfig, setting: &str) -> Option<&'a mut Option<String>> {
    match setting {
        "database_url" => Some(&mut f.database_url),
        "redis_url" => Some(&mut f.redis_url),
        _ => None,
    }
}

/// The keys of a TOML table as dotted paths: `issuer`, `rate_limits`, `rate_limits.login_ip`.
fn dotted_keys(dict: &figment::value::Dict, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in dict {
        let path = format!("{prefix}{key}");
        if let figment::value::Value::Dict(_, inner) = value {
            dotted_keys(inner, &format!("{path}."), out);
        }
        out.push(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_read_from_a_file_has_a_place() {
        for setting in names::FROM_FILE {
            assert!(
                secret_slot(&mut FileConfig::default(), setting).is_some(),
                "{setting}"
            );
        }
    }
}
