//! What a new password must be: long enough, and hard to guess by zxcvbn's estimate, counting
//! the user's own e-mail address and name as known words.

use zxcvbn::feedback::{Feedback, Suggestion, Warning};

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
        problems.push(Problem {
            advice: advice(estimate.feedback()),
            ..Problem::new("policy-guessable")
        });
    }
    problems
}

/// zxcvbn's advice as message ids of the catalogue: its warning, then its first suggestion.
pub fn advice(feedback: Option<&Feedback>) -> Vec<&'static str> {
    let Some(feedback) = feedback else {
        return Vec::new();
    };
    feedback
        .warning()
        .map(warning_id)
        .into_iter()
        .chain(feedback.suggestions().first().copied().map(suggestion_id))
        .collect()
}

/// The message saying zxcvbn's warning. Every variant is named, so a new one in zxcvbn stops
/// the build instead of going unsaid.
pub fn warning_id(warning: Warning) -> &'static str {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess => "advice-straight-rows-of-keys",
        Warning::ShortKeyboardPatternsAreEasyToGuess => "advice-short-keyboard-patterns",
        Warning::RepeatsLikeAaaAreEasyToGuess => "advice-repeats-like-aaa",
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "advice-repeats-like-abcabc",
        Warning::ThisIsATop10Password => "advice-top-10-password",
        Warning::ThisIsATop100Password => "advice-top-100-password",
        Warning::ThisIsACommonPassword => "advice-common-password",
        Warning::ThisIsSimilarToACommonlyUsedPassword => "advice-similar-to-common-password",
        Warning::SequencesLikeAbcAreEasyToGuess => "advice-sequences-like-abc",
        Warning::RecentYearsAreEasyToGuess => "advice-recent-years",
        Warning::AWordByItselfIsEasyToGuess => "advice-word-by-itself",
        Warning::DatesAreOftenEasyToGuess => "advice-dates",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess => "advice-names-by-themselves",
        Warning::CommonNamesAndSurnamesAreEasyToGuess => "advice-common-names",
    }
}

/// The message saying zxcvbn's suggestion; exhaustive like [`warning_id`].
pub fn suggestion_id(suggestion: Suggestion) -> &'static str {
    match suggestion {
        Suggestion::UseAFewWordsAvoidCommonPhrases => "advice-use-a-few-words",
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => "advice-no-need-for-symbols",
        Suggestion::AddAnotherWordOrTwo => "advice-add-another-word",
        Suggestion::CapitalizationDoesntHelpVeryMuch => "advice-capitalization",
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "advice-all-uppercase",
        Suggestion::ReversedWordsArentMuchHarderToGuess => "advice-reversed-words",
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => "advice-predictable-substitutions",
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => "advice-longer-keyboard-pattern",
        Suggestion::AvoidRepeatedWordsAndCharacters => "advice-avoid-repeats",
        Suggestion::AvoidSequences => "advice-avoid-sequences",
        Suggestion::AvoidRecentYears => "advice-avoid-recent-years",
        Suggestion::AvoidYearsThatAreAssociatedWithYou => "advice-avoid-your-years",
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => "advice-avoid-your-dates-and-years",
    }
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

    #[test]
    fn a_guessable_password_comes_with_advice() {
        let problems = check(&config(), "password123", &[]);
        assert!(!problems[0].advice.is_empty(), "{problems:?}");
        assert!(problems[0].advice.iter().all(|id| id.starts_with("advice-")));
    }

    /// Every variant of zxcvbn's feedback, listed here as in the matches above (which the
    /// compiler keeps complete).
    const WARNINGS: [Warning; 14] = [
        Warning::StraightRowsOfKeysAreEasyToGuess,
        Warning::ShortKeyboardPatternsAreEasyToGuess,
        Warning::RepeatsLikeAaaAreEasyToGuess,
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        Warning::ThisIsATop10Password,
        Warning::ThisIsATop100Password,
        Warning::ThisIsACommonPassword,
        Warning::ThisIsSimilarToACommonlyUsedPassword,
        Warning::SequencesLikeAbcAreEasyToGuess,
        Warning::RecentYearsAreEasyToGuess,
        Warning::AWordByItselfIsEasyToGuess,
        Warning::DatesAreOftenEasyToGuess,
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess,
        Warning::CommonNamesAndSurnamesAreEasyToGuess,
    ];
    const SUGGESTIONS: [Suggestion; 13] = [
        Suggestion::UseAFewWordsAvoidCommonPhrases,
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters,
        Suggestion::AddAnotherWordOrTwo,
        Suggestion::CapitalizationDoesntHelpVeryMuch,
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase,
        Suggestion::ReversedWordsArentMuchHarderToGuess,
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch,
        Suggestion::UseALongerKeyboardPatternWithMoreTurns,
        Suggestion::AvoidRepeatedWordsAndCharacters,
        Suggestion::AvoidSequences,
        Suggestion::AvoidRecentYears,
        Suggestion::AvoidYearsThatAreAssociatedWithYou,
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou,
    ];

    #[test]
    fn every_warning_and_suggestion_is_a_message_of_every_shipped_catalogue() {
        let ids: Vec<&str> = WARNINGS
            .into_iter()
            .map(warning_id)
            .chain(SUGGESTIONS.into_iter().map(suggestion_id))
            .collect();
        // Each variant says something of its own.
        let distinct: std::collections::HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), ids.len(), "{ids:?}");
        for (tag, source) in crate::i18n::SHIPPED {
            let resource = fluent_bundle::FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|(_, e)| panic!("{tag}.ftl: {e:?}"));
            let messages: std::collections::HashSet<&str> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                    _ => None,
                })
                .collect();
            for id in &ids {
                assert!(messages.contains(id), "{tag}.ftl lacks {id}");
            }
        }
    }
}
