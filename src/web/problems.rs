//! What is wrong with a submitted form, in the page's language: every problem at once, each
//! shown in the summary at the top and again beside the field it is about (linked to it with
//! `aria-describedby`), as the live checks show them while typing.

use crate::authn::Problem;
use crate::i18n::Tr;

#[derive(Debug, Clone, Default)]
pub struct Problems(Vec<(&'static str, String)>);

/// The field a problem of authn is about, by its message id. Fields are named by topic
/// ("email" also covers the account page's new address), "" for the form as a whole.
fn topic(id: &str) -> &'static str {
    match id {
        _ if id.starts_with("policy-") => "password",
        "problem-email-invalid" | "problem-email-same" | "problem-email-taken" => "email",
        "problem-phone-invalid" => "phone",
        "problem-name-too-long" => "name",
        "problem-passwords-differ" => "password_confirm",
        "problem-current-password" => "current_password",
        "problem-code-wrong" | "check-email-code-wrong" => "code",
        _ => "",
    }
}

impl Problems {
    /// Problems found by authn, said in `t`'s language.
    pub fn say(t: &Tr, problems: &[Problem]) -> Problems {
        Problems(
            problems
                .iter()
                .map(|p| {
                    let text = match p.count {
                        Some((name, n)) => t.n(p.id, name, n),
                        None => t.t(p.id),
                    };
                    // The advice follows the problem, each a sentence of its own.
                    let text = p
                        .advice
                        .iter()
                        .fold(text, |text, id| format!("{text} {}", t.t(id)));
                    (topic(p.id), text)
                })
                .collect(),
        )
    }

    /// One problem (a message id) of the field `topic`, or of the whole form with "".
    pub fn one(t: &Tr, topic: &'static str, id: &str) -> Problems {
        Problems(vec![(topic, t.t(id))])
    }

    /// Each problem: its field's topic ("" for the whole form) and its text.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(topic, text)| (*topic, text.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every problem's text, for the summary.
    pub fn texts(&self) -> Vec<&str> {
        self.0.iter().map(|(_, text)| text.as_str()).collect()
    }

    pub fn has(&self, topic: &str) -> bool {
        self.0.iter().any(|(t, _)| *t == topic)
    }

    /// What is wrong with the field `topic`, for beside it.
    pub fn about(&self, topic: &str) -> Option<String> {
        let texts: Vec<&str> = self
            .0
            .iter()
            .filter(|(t, _)| *t == topic)
            .map(|(_, text)| text.as_str())
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::i18n::Catalog;

    #[test]
    fn advice_follows_the_problem_in_the_pages_language() {
        let catalog = Arc::new(Catalog::load("en", None).unwrap());
        let problem = Problem {
            advice: vec!["advice-common-password", "advice-add-another-word"],
            ..Problem::new("policy-guessable")
        };
        for tag in Catalog::tags() {
            let t = Tr::of(&catalog, tag);
            let said = Problems::say(&t, std::slice::from_ref(&problem));
            let want = format!(
                "{} {} {}",
                t.t("policy-guessable"),
                t.t("advice-common-password"),
                t.t("advice-add-another-word")
            );
            assert_eq!(said.about("password").as_deref(), Some(want.as_str()), "{tag}");
        }
        let german = Problems::say(&Tr::of(&catalog, "de"), &[problem]);
        assert!(!german.texts()[0].contains("common password"), "{german:?}");
    }
}
