//! Every text a person reads (pages, mail, SMS) comes from here: one Fluent catalogue per
//! shipped language (`locales/*.ftl`, compiled in), with the operator's overrides from
//! `PORTCULLIS_MESSAGES_DIR` laid over them at start-up. Fluent does the plurals (CLDR rules,
//! Arabic's six forms included) and the variables; `negotiate` picks the language.

pub mod negotiate;

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::brand::Brand;

/// The shipped languages, in the order discovery lists them. English is the fallback of every
/// other language and must stay first. A language joins this list only with a complete
/// catalogue (the e2e suite checks every page for English leftovers).
pub const SHIPPED: [(&str, &str); 6] = [
    ("en", include_str!("../locales/en.ftl")),
    ("de", include_str!("../locales/de.ftl")),
    ("fr", include_str!("../locales/fr.ftl")),
    ("es", include_str!("../locales/es.ftl")),
    ("pt-BR", include_str!("../locales/pt-BR.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
];

/// The message naming the product: "Portcullis" unless the operator names it.
const PRODUCT_NAME: &str = "product-name";

/// Languages written right to left.
const RTL: [&str; 1] = ["ar"];

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{dir}: {source}")]
    Read { dir: String, source: std::io::Error },
}

pub struct Catalog {
    /// Index i is `SHIPPED[i]`.
    bundles: Vec<FluentBundle<FluentResource>>,
    tags: Vec<LanguageIdentifier>,
    default: usize,
    /// (language, message) pairs already logged as missing: each is logged once.
    missing: Mutex<HashSet<(usize, String)>>,
    /// The operator's product name replaces `product-name` in every language; the pages take
    /// their logo, colours and footer from here too.
    brand: Brand,
}

impl Catalog {
    /// The shipped catalogues with the overrides in `overrides` (files named like `de.ftl`),
    /// answering in `default` when nothing better is known.
    pub fn load(default: &str, overrides: Option<&Path>) -> Result<Catalog, I18nError> {
        let mut bundles = Vec::new();
        let mut tags = Vec::new();
        for (tag, source) in SHIPPED {
            let id: LanguageIdentifier = tag.parse().map_err(|_| I18nError::Invalid {
                file: format!("{tag}.ftl"),
                message: "not a language tag".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
            // Isolation marks keep a left-to-right name readable inside right-to-left text;
            // elsewhere they are invisible characters in titles, mail and tests.
            bundle.set_use_isolating(RTL.contains(&tag));
            bundle.add_resource_overriding(parse(&format!("locales/{tag}.ftl"), source.to_owned())?);
            if let Some(dir) = overrides {
                let file = dir.join(format!("{tag}.ftl"));
                match std::fs::read_to_string(&file) {
                    Ok(text) => {
                        bundle.add_resource_overriding(parse(&file.display().to_string(), text)?);
                        tracing::info!(file = %file.display(), "message overrides loaded");
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(source) => {
                        return Err(I18nError::Read {
                            dir: file.display().to_string(),
                            source,
                        });
                    }
                }
            }
            bundles.push(bundle);
            tags.push(id);
        }
        let default = SHIPPED
            .iter()
            .position(|(t, _)| t.eq_ignore_ascii_case(default))
            .ok_or_else(|| I18nError::Invalid {
                file: "PORTCULLIS_DEFAULT_LOCALE".into(),
                message: format!(
                    "{default} is not a shipped language ({})",
                    SHIPPED.map(|(t, _)| t).join(", ")
                ),
            })?;
        Ok(Catalog {
            bundles,
            tags,
            default,
            missing: Mutex::default(),
            brand: Brand::default(),
        })
    }

    pub fn brand(&self) -> &Brand {
        &self.brand
    }

    /// This catalogue, speaking for `brand`.
    pub fn branded(self, brand: Brand) -> Catalog {
        Catalog { brand, ..self }
    }

    /// The shipped language tags, for `ui_locales_supported`.
    /// Called for every tag a request names: an array, not an allocation.
    pub fn tags() -> [&'static str; SHIPPED.len()] {
        SHIPPED.map(|(t, _)| t)
    }

    fn format(&self, lang: usize, id: &str, args: Option<&FluentArgs>) -> String {
        if let Some(name) = self.brand.name().filter(|_| id == PRODUCT_NAME) {
            return name.to_owned();
        }
        for l in [lang, 0] {
            let bundle = &self.bundles[l];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                if l != lang {
                    self.log_missing(lang, id);
                }
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(lang = %self.tags[l], id, ?errors, "message formatted with errors");
                }
                return text.into_owned();
            }
        }
        self.log_missing(lang, id);
        id.to_owned()
    }

    fn log_missing(&self, lang: usize, id: &str) {
        let mut seen = self.missing.lock().unwrap_or_else(|p| p.into_inner());
        if seen.insert((lang, id.to_owned())) {
            tracing::warn!(lang = %self.tags[lang], id, "message missing; English used");
        }
    }
}

fn parse(file: &str, text: String) -> Result<FluentResource, I18nError> {
    FluentResource::try_new(text).map_err(|(_, errors)| I18nError::Invalid {
        file: file.to_owned(),
        message: errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// The catalogue in one language: what pages and messages are written with.
#[derive(Clone)]
pub struct Tr {
    catalog: Arc<Catalog>,
    lang: usize,
    /// Where the page's language picker returns to (the page itself), when it offers one.
    picker: Option<String>,
}

impl Tr {
    /// The catalogue's default language.
    pub fn default_of(catalog: &Arc<Catalog>) -> Tr {
        Tr {
            catalog: catalog.clone(),
            lang: catalog.default,
            picker: None,
        }
    }

    /// `tag` when it is shipped, else the default.
    pub fn of(catalog: &Arc<Catalog>, tag: &str) -> Tr {
        let lang = SHIPPED
            .iter()
            .position(|(t, _)| t.eq_ignore_ascii_case(tag))
            .unwrap_or(catalog.default);
        Tr {
            catalog: catalog.clone(),
            lang,
            picker: None,
        }
    }

    /// The BCP 47 tag, for `lang` attributes and cookies.
    pub fn lang(&self) -> &'static str {
        SHIPPED[self.lang].0
    }

    /// This page offers to change its language, returning to `here` (a local path).
    pub fn with_picker(self, here: String) -> Tr {
        Tr {
            picker: Some(here),
            ..self
        }
    }

    /// The same language on a page that offers no picker (one that is gone at once).
    pub fn without_picker(self) -> Tr {
        Tr { picker: None, ..self }
    }

    /// Where the language picker returns to, when the page shows one.
    pub fn picker(&self) -> Option<&str> {
        self.picker.as_deref()
    }

    /// The shipped languages, each named in itself, and whether it is this one.
    pub fn languages(&self) -> Vec<(&'static str, String, bool)> {
        (0..SHIPPED.len())
            .map(|i| {
                let t = Tr {
                    catalog: self.catalog.clone(),
                    lang: i,
                    picker: None,
                };
                (SHIPPED[i].0, t.t("language-name"), i == self.lang)
            })
            .collect()
    }

    /// The operator's brand: logo, colours, footer links.
    pub fn brand(&self) -> &Brand {
        self.catalog.brand()
    }

    pub fn dir(&self) -> &'static str {
        if RTL.contains(&self.lang()) { "rtl" } else { "ltr" }
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.catalog.format(self.lang, id, None)
    }

    /// The message `id` with one variable.
    pub fn t1(&self, id: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.with(id, &[(name, Arg::from(value.to_string()))])
    }

    /// The message `id` with a count (plurals) named `name`.
    pub fn n(&self, id: &str, name: &str, count: impl Count) -> String {
        self.with(id, &[(name, Arg::Number(count.count()))])
    }

    /// The message `id` with several variables.
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fa.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fa.set(*name, FluentValue::from(*n)),
            }
        }
        self.catalog.format(self.lang, id, Some(&fa))
    }

    /// A date and time for people, in this language (`datetime` in the catalogue), in UTC.
    pub fn datetime(&self, unix: i64) -> String {
        let Ok(d) = time::OffsetDateTime::from_unix_timestamp(unix) else {
            return String::new();
        };
        self.with(
            "datetime",
            &[
                ("year", Arg::Number(i64::from(d.year()))),
                ("month", Arg::Text(self.t(&format!("month-{}", d.month() as u8)))),
                ("day", Arg::Number(i64::from(d.day()))),
                ("time", Arg::Text(format!("{:02}:{:02}", d.hour(), d.minute()))),
            ],
        )
    }
}

/// A number a message can count with (its plural form follows it).
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// A variable of a message.
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Tr {
        Tr::default_of(&Arc::new(Catalog::load("en", None).unwrap()))
    }

    #[test]
    fn messages_take_variables_and_plurals_from_the_catalogue() {
        let t = en();
        assert_eq!(t.t("login-title"), "Sign in");
        assert_eq!(t.t1("login-context", "client", "Acme"), "to continue to Acme");
        assert_eq!(t.n("wait-minutes", "n", 1_i64), "1 minute");
        assert_eq!(t.n("wait-minutes", "n", 5_i64), "5 minutes");
        // 2026-11-28T14:03:00Z
        assert_eq!(t.datetime(1_795_874_580), "Nov 28, 2026, 14:03 UTC");
        assert_eq!((t.lang(), t.dir()), ("en", "ltr"));
    }

    #[test]
    fn an_operator_override_replaces_one_message_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("en.ftl"), "login-title = Log in to Acme\n").unwrap();
        let catalog = Arc::new(Catalog::load("en", Some(dir.path())).unwrap());
        let t = Tr::default_of(&catalog);
        assert_eq!(t.t("login-title"), "Log in to Acme");
        assert_eq!(t.t("login-submit"), "Sign in");
    }

    #[test]
    fn a_broken_override_file_stops_start_up_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("en.ftl"), "login-title = {\n").unwrap();
        let err = Catalog::load("en", Some(dir.path())).err().expect("refused");
        assert!(err.to_string().contains("en.ftl"), "{err}");
    }

    #[test]
    fn an_unknown_message_is_its_id_and_an_unshipped_default_is_refused() {
        assert_eq!(en().t("no-such-message"), "no-such-message");
        assert!(Catalog::load("tlh", None).is_err());
    }

    /// Every catalogue under locales/ (shipped or still being written) parses and uses, in each
    /// message, exactly the variables of the English one: a renamed variable would print
    /// nothing where a name or a number belongs.
    #[test]
    fn every_catalogue_uses_the_english_variables() {
        // Message id -> the variables its text uses ($name), sorted.
        let vars = |source: &str| -> std::collections::HashMap<String, Vec<String>> {
            if let Err((_, e)) = FluentResource::try_new(source.to_owned()) {
                panic!("does not parse: {e:?}");
            }
            let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
            let mut current = String::new();
            for line in source.lines() {
                if !line.starts_with([' ', '#'])
                    && let Some((id, _)) = line.split_once(" =")
                {
                    current = id.trim().to_owned();
                    out.entry(current.clone()).or_default();
                }
                for part in line.split('$').skip(1) {
                    let name: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    let names = out.entry(current.clone()).or_default();
                    if !names.contains(&name) {
                        names.push(name);
                        names.sort();
                    }
                }
            }
            out
        };
        let english = vars(SHIPPED[0].1);
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let other = vars(&std::fs::read_to_string(&path).unwrap());
            for (id, want) in &english {
                if let Some(have) = other.get(id) {
                    assert_eq!(have, want, "{}: variables of {id}", path.display());
                }
            }
        }
    }

    #[test]
    fn every_shipped_catalogue_parses_and_has_every_english_message() {
        let english = FluentResource::try_new(SHIPPED[0].1.to_owned()).unwrap();
        let ids = |r: &FluentResource| -> HashSet<String> {
            r.entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect()
        };
        let wanted = ids(&english);
        for (tag, source) in SHIPPED {
            let r = FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|(_, e)| panic!("{tag}.ftl: {e:?}"));
            let have = ids(&r);
            let missing: Vec<_> = wanted.difference(&have).collect();
            assert!(missing.is_empty(), "{tag}.ftl lacks {missing:?}");
        }
    }
}
