//! figment's errors in the operator's words: which variable (or key of which file), the value
//! given, and the form expected, e.g. `PORTCULLIS_ACCESS_TOKEN_TTL: "ten" is not a number of
//! seconds (write a whole number, e.g. 600)`. serde's own wording ("invalid type: found string
//! \"ten\", expected i64 for key ...") names Rust types an operator need not know.

use figment::error::{Actual, Kind};

use super::ConfigError;
use super::names::ENV_PREFIX;

/// Suffixes of the settings that are durations in seconds.
const SECONDS: [&str; 10] = [
    "_ttl",
    "_timeout",
    "_lifetime",
    "_interval",
    "_period",
    "_warning",
    "_retention",
    "_seconds",
    "_window",
    "_duration",
];

/// The first of figment's errors, explained.
pub fn explain(error: figment::Error, file: &str) -> ConfigError {
    let from_env = error
        .metadata
        .as_ref()
        .is_some_and(|m| m.name.contains("environment"));
    let setting = if error.path.is_empty() {
        None
    } else if from_env {
        Some(format!(
            "{ENV_PREFIX}{}",
            error.path.join("__").to_ascii_uppercase()
        ))
    } else {
        Some(format!("{} in {file}", error.path.join(".")))
    };
    let field = error.path.last().map(String::as_str).unwrap_or("");
    let message = match &error.kind {
        Kind::InvalidType(actual, expected) | Kind::InvalidValue(actual, expected) => {
            format!("{} {}", shown(actual), expected_form(field, expected))
        }
        // A syntax error of the file, or another figment message: its text is the best we have.
        _ => error.to_string(),
    };
    match setting {
        Some(setting) => ConfigError::Value { setting, message },
        None => ConfigError::Invalid(message),
    }
}

/// The value as the operator wrote it.
fn shown(actual: &Actual) -> String {
    match actual {
        Actual::Str(s) => format!("{s:?}"),
        Actual::Bool(b) => b.to_string(),
        Actual::Signed(n) => n.to_string(),
        Actual::Unsigned(n) => n.to_string(),
        Actual::Float(n) => n.to_string(),
        Actual::Char(c) => format!("{:?}", c.to_string()),
        Actual::Seq => "a list".into(),
        Actual::Map => "a table".into(),
        other => other.to_string(),
    }
}

/// What serde expected (`i64`, `a boolean`, `a string`, ...) in plain words.
fn expected_form(field: &str, expected: &str) -> String {
    let integer = [
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize",
    ]
    .iter()
    .any(|t| expected.split_whitespace().any(|w| w == *t));
    if integer && SECONDS.iter().any(|s| field.ends_with(s)) {
        "is not a number of seconds (write a whole number, e.g. 600)".into()
    } else if integer {
        "is not a whole number (write digits only, e.g. 10)".into()
    } else if expected.contains("bool") {
        "is not a yes/no value: expected true or false".into()
    } else if expected.contains("string") {
        "is not text: write it in quotes".into()
    } else if expected.contains("struct") || expected.contains("map") {
        "is not a table: write it as a [section] in TOML, or one variable per key \
         (PORTCULLIS_<TABLE>__<KEY>) in the environment"
            .into()
    } else {
        format!("is not {expected}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::FileConfig;
    use super::*;
    use figment::Figment;
    use figment::providers::{Format, Serialized, Toml};

    fn env_error(pairs: &[(&str, &str)]) -> String {
        let mut env = figment::value::Dict::new();
        for (k, v) in pairs {
            env.insert((*k).into(), v.parse::<figment::value::Value>().unwrap());
        }
        // Named as the Env provider names its values, so the error reads as the server's would.
        let provider = Serialized::defaults(env);
        let mut e = Figment::new()
            .merge(provider)
            .extract::<FileConfig>()
            .unwrap_err();
        e.metadata = Some(figment::Metadata::named("`PORTCULLIS_` environment variable(s)"));
        explain(e, "portcullis.toml").to_string()
    }

    #[test]
    fn type_errors_name_the_variable_and_the_expected_form() {
        let e = env_error(&[("access_token_ttl", "ten")]);
        assert!(
            e.contains(
                r#"PORTCULLIS_ACCESS_TOKEN_TTL: "ten" is not a number of seconds (write a whole number, e.g. 600)"#
            ),
            "{e}"
        );
        let e = env_error(&[("require_pkce", "yes")]);
        assert!(
            e.contains(r#"PORTCULLIS_REQUIRE_PKCE: "yes""#) && e.contains("expected true or false"),
            "{e}"
        );
        let e = env_error(&[("lockout_threshold", "-3")]);
        assert!(
            e.contains("PORTCULLIS_LOCKOUT_THRESHOLD: -3 is not a whole number"),
            "{e}"
        );
        assert!(!e.contains("u64") && !e.contains("invalid type"), "{e}");
    }

    #[test]
    fn type_errors_in_the_file_name_the_key_and_the_file() {
        let e = Figment::new()
            .merge(Toml::string(
                "access_token_ttl = \"ten\"\n[rate_limits]\nlogin_ip = 3\n",
            ))
            .extract::<FileConfig>()
            .unwrap_err();
        let e = explain(e, "portcullis.toml").to_string();
        assert!(
            e.contains(r#"access_token_ttl in portcullis.toml: "ten" is not a number of seconds"#),
            "{e}"
        );
    }
}
