//! What a new password must be: long enough, and hard to guess by zxcvbn's estimate, counting
//! the user's own e-mail address and name as known words.

use crate::config::Config;

pub const MAX_PASSWORD_LEN: usize = 1024;

/// The password's problems, as sentences for the form; empty when it is acceptable.
pub fn check(config: &Config, password: &str, context: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    if password.chars().count() < config.password_min_length {
        problems.push(format!("Use at least {} characters.", config.password_min_length));
        return problems;
    }
    if password.len() > MAX_PASSWORD_LEN {
        problems.push(format!("Use at most {MAX_PASSWORD_LEN} characters."));
        return problems;
    }
    // The e-mail address's parts count too: "ada.lovelace@example.com" gives "ada", "lovelace".
    let words: Vec<&str> = context
        .iter()
        .flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric()))
        .chain(context.iter().copied())
        .filter(|w| w.len() >= 3)
        .collect();
    // What is left once the user's own words are taken out must be a password by itself.
    let mut rest = password.to_lowercase();
    for w in &words {
        rest = rest.replace(&w.to_lowercase(), "");
    }
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 6 {
        problems.push("Do not base your password on your name or email address.".into());
        return problems;
    }
    // zxcvbn's cost grows with length; the first 100 characters are enough to judge.
    let judged: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&judged, &words);
    if u8::from(estimate.score()) < config.password_min_strength {
        let mut message = String::from("This password is too easy to guess.");
        if let Some(w) = estimate.feedback().and_then(|f| f.warning()) {
            message = format!("This password is too easy to guess: {w}");
        }
        problems.push(message);
        if let Some(s) = estimate.feedback().and_then(|f| f.suggestions().first()) {
            problems.push(s.to_string());
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    fn config() -> Config {
        Config::validate(FileConfig::default()).unwrap()
    }

    #[test]
    fn refuses_short_common_and_personal_passwords() {
        let c = config();
        assert!(check(&c, "short", &[])[0].contains("at least 10"));
        assert!(!check(&c, "password123", &[]).is_empty());
        assert!(!check(&c, "qwertyuiop", &[]).is_empty());
        assert!(!check(&c, "lovelace1815", &["ada.lovelace@example.com", "Ada Lovelace"]).is_empty());
        assert!(check(&c, "correct-Horse-battery-staple-91", &["ada@example.com"]).is_empty());
    }
}
