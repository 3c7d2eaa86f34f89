//! The names of the settings, and the refusal of any other: a misspelt `PORTCULLIS_*` variable
//! or TOML key would otherwise be ignored, and the server would start with a default the
//! operator meant to change.
//!
//! The names are read from [`FileConfig`] and [`RateLimitsFile`] themselves (the field list
//! serde's derive hands to `deserialize_struct`), so there is one list and it cannot drift.

use serde::Deserialize;
use serde::de::{self, Visitor};

use super::{ConfigError, FileConfig, RateLimitsFile, RegistrationFile};

/// Every environment variable of ours starts with this.
pub const ENV_PREFIX: &str = "PORTCULLIS_";

/// Variables with this prefix belong to the test suite (`PORTCULLIS_TEST_DATABASE_URL`, ...):
/// the server ignores them, so a developer's shell may keep them set.
pub const TEST_PREFIX: &str = "PORTCULLIS_TEST_";

/// Variables the scripts around the server use (the binary to run); not settings.
const SCRIPT_VARIABLES: [&str; 1] = ["PORTCULLIS_BIN"];

/// Settings that may instead be read from the file a `PORTCULLIS_<NAME>_FILE` variable names
/// (container secrets). Read by [`super::Config::load`].
pub const FROM_FILE: [&str; 2] = ["database_url", "redis_url"];

/// Tables of the configuration: `[rate_limits]` in TOML, `PORTCULLIS_RATE_LIMITS__<KEY>` in
/// the environment (figment splits names at `__`).
fn tables() -> [(&'static str, &'static [&'static str]); 2] {
    [
        ("rate_limits", fields_of::<RateLimitsFile>()),
        ("registration", fields_of::<RegistrationFile>()),
    ]
}

/// The field names serde's derive gives a struct.
fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut reader = FieldNames(None);
    // The reader always answers with an error once it has the names: there is no value.
    let _ = T::deserialize(&mut reader);
    reader.0.unwrap_or(&[])
}

/// A deserializer that reads no value: it notes the field names a struct asks for, and stops.
struct FieldNames(Option<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for &mut FieldNames {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("field names read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Keys of the TOML file: `issuer`, ..., and `rate_limits.login_ip` for the tables' keys.
pub fn toml_keys() -> Vec<String> {
    let tables = tables();
    let mut keys = Vec::new();
    for field in fields_of::<FileConfig>() {
        match tables.iter().find(|(t, _)| t == field) {
            Some((table, inner)) => keys.extend(inner.iter().map(|k| format!("{table}.{k}"))),
            None => keys.push((*field).to_owned()),
        }
    }
    keys
}

/// The environment variables that are settings: `PORTCULLIS_ISSUER`, ...,
/// `PORTCULLIS_RATE_LIMITS__LOGIN_IP`, and the `_FILE` variants.
pub fn env_names() -> Vec<String> {
    let mut names: Vec<String> = toml_keys()
        .iter()
        .map(|k| format!("{ENV_PREFIX}{}", k.replace('.', "__").to_ascii_uppercase()))
        .collect();
    names.extend(FROM_FILE.iter().map(|s| file_variable(s)));
    names
}

/// `database_url` → `PORTCULLIS_DATABASE_URL_FILE`.
pub fn file_variable(setting: &str) -> String {
    format!("{ENV_PREFIX}{}_FILE", setting.to_ascii_uppercase())
}

/// A `PORTCULLIS_*` variable the server leaves alone: the test suite's and the scripts'.
pub fn is_ignored_variable(name: &str) -> bool {
    name.starts_with(TEST_PREFIX) || SCRIPT_VARIABLES.contains(&name)
}

/// Refuses the first `PORTCULLIS_*` variable that is neither a setting nor ignored.
pub fn check_env<I, S>(variables: I) -> Result<(), ConfigError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let known = env_names();
    for name in variables {
        let name = name.as_ref();
        if !name.starts_with(ENV_PREFIX) || is_ignored_variable(name) || known.iter().any(|k| k == name) {
            continue;
        }
        return Err(ConfigError::UnknownSetting {
            name: name.to_owned(),
            suggestion: closest(name, &known).map(str::to_owned),
        });
    }
    Ok(())
}

/// Refuses the first key of the TOML file that is not a setting. `keys` are dotted paths as
/// written (`rate_limits.login_ip`); a table's own name counts as known when it has one.
pub fn check_toml<I, S>(keys: I, file: &str) -> Result<(), ConfigError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let known = toml_keys();
    let tables = tables();
    for key in keys {
        let key = key.as_ref();
        if known.iter().any(|k| k == key) || tables.iter().any(|(t, _)| *t == key) {
            continue;
        }
        return Err(ConfigError::UnknownKey {
            key: key.to_owned(),
            file: file.to_owned(),
            suggestion: closest(key, &known).map(str::to_owned),
        });
    }
    Ok(())
}

/// The known name nearest to `name`, when it is near enough to be a typo: a few edits,
/// fewer for short names.
fn closest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    let limit = (name.len() / 4).clamp(1, 3);
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&name, &k.to_ascii_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_come_from_the_structs() {
        let keys = toml_keys();
        assert!(keys.contains(&"access_token_ttl".to_owned()));
        assert!(keys.contains(&"brand_name".to_owned()));
        assert!(keys.contains(&"rate_limits.login_ip".to_owned()));
        assert!(keys.contains(&"rate_limits.client_auth_failure_ip".to_owned()));
        assert!(
            !keys.contains(&"rate_limits".to_owned()),
            "a table is not a value"
        );
        let env = env_names();
        for name in [
            "PORTCULLIS_ISSUER",
            "PORTCULLIS_BRAND_SUPPORT_URL",
            "PORTCULLIS_RATE_LIMITS__TOKEN_CLIENT",
            "PORTCULLIS_DATABASE_URL_FILE",
            "PORTCULLIS_REDIS_URL_FILE",
            "PORTCULLIS_MASTER_KEY_FILE",
        ] {
            assert!(env.contains(&name.to_owned()), "{name}");
        }
    }

    #[test]
    fn a_misspelt_variable_stops_start_up_with_the_closest_name() {
        let e = check_env(["PATH", "PORTCULLIS_ISSUER", "PORTCULLIS_ACESS_TOKEN_TTL"])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                "unknown setting PORTCULLIS_ACESS_TOKEN_TTL; did you mean PORTCULLIS_ACCESS_TOKEN_TTL?"
            ),
            "{e}"
        );
        let e = check_env(["PORTCULLIS_RATE_LIMITS_LOGIN_IP"])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("did you mean PORTCULLIS_RATE_LIMITS__LOGIN_IP?"),
            "{e}"
        );
        // Nothing close: no guess.
        let e = check_env(["PORTCULLIS_FROBNICATE"]).unwrap_err().to_string();
        assert!(
            e.contains("unknown setting PORTCULLIS_FROBNICATE") && !e.contains("did you mean"),
            "{e}"
        );
    }

    #[test]
    fn the_test_suites_and_scripts_variables_are_ignored() {
        check_env([
            "PORTCULLIS_TEST_DATABASE_URL",
            "PORTCULLIS_TEST_ANYTHING",
            "PORTCULLIS_BIN",
            "PORTCULLIS_DATABASE_URL_FILE",
            "PORTCULLIS_RATE_LIMITS__LOGIN_IP",
            "HOME",
        ])
        .unwrap();
    }

    #[test]
    fn a_misspelt_toml_key_stops_start_up_with_the_closest_key() {
        let e = check_toml(["issuer", "acess_token_ttl"], "portcullis.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                r#"unknown key "acess_token_ttl" in portcullis.toml; did you mean "access_token_ttl"?"#
            ),
            "{e}"
        );
        let e = check_toml(["rate_limits.login_iq"], "p.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains(r#"did you mean "rate_limits.login_ip"?"#), "{e}");
        check_toml(["rate_limits", "rate_limits.otp_ip", "brand_name"], "p.toml").unwrap();
    }
}
