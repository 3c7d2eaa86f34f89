//! What a new password must be: long enough, and hard to guess by zxcvbn's estimate, counting
//! the user's own e-mail address and name as known words.

use super::Problem;
use crate::config::Config;

pub const MAX_PASSWORD_LEN: usize = 1024;

/// The password's problems; empty when it is acceptable.
pub fn check(config: &Config, password: &str, context: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if password.chars().count() < config.password_min_length {
        problems.push(Problem::counting(
            "policy-too-short",
            "min",
            config.password_min_length,
        ));
        return problems;
    }
    if password.len() > MAX_PASSWORD_LEN {
        problems.push(Problem::counting("policy-too-long", "max", MAX_PASSWORD_LEN));
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
        problems.push(Problem::new("policy-personal"));
        return problems;
    }
    // zxcvbn's cost grows with length; the first 100 characters are enough to judge.
    let judged: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&judged, &words);
    if u8::from(estimate.score()) < config.password_min_strength {
        let feedback = estimate.feedback();
        let hint: Vec<String> = feedback
            .and_then(|f| f.warning())
            .map(|w| w.to_string())
            .into_iter()
            .chain(
                feedback
                    .and_then(|f| f.suggestions().first())
                    .map(|s| s.to_string()),
            )
            .collect();
        problems.push(Problem {
            english_hint: (!hint.is_empty()).then(|| hint.join(" ")),
            ..Problem::new("policy-guessable")
        });
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
        assert_eq!(
            check(&c, "short", &[]),
            [Problem::counting("policy-too-short", "min", 10)]
        );
        assert_eq!(check(&c, "password123", &[])[0].id, "policy-guessable");
        assert!(!check(&c, "qwertyuiop", &[]).is_empty());
        assert!(!check(&c, "lovelace1815", &["ada.lovelace@example.com", "Ada Lovelace"]).is_empty());
        assert!(check(&c, "correct-Horse-battery-staple-91", &["ada@example.com"]).is_empty());
    }
}
