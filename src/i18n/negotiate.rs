//! Which language a page speaks: the authorization request's `ui_locales` (OIDC Core
//! §3.1.2.1), then the language the person picked on a page (a cookie), then the browser's
//! `Accept-Language` (RFC 9110 §12.5.4), then the operator's default.

use std::sync::Arc;

use super::{Catalog, Tr};

/// The cookie that remembers a language picked on a page.
pub const COOKIE: &str = "portcullis_lang";

/// The language for a request, from what it carries.
pub fn negotiate(
    catalog: &Arc<Catalog>,
    ui_locales: Option<&str>,
    picked: Option<&str>,
    accept_language: Option<&str>,
) -> Tr {
    let requested = ui_locales
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(picked)
        .chain(accept_language.map(by_preference).unwrap_or_default());
    for tag in requested {
        if let Some(shipped) = best_match(tag, &Catalog::tags()) {
            return Tr::of(catalog, shipped);
        }
    }
    Tr::default_of(catalog)
}

/// Which of `shipped` serves `tag`: the same tag, else the same language (`de-AT` → `de`,
/// `pt` or `pt-PT` → `pt-BR`).
pub fn best_match<'a>(tag: &str, shipped: &[&'a str]) -> Option<&'a str> {
    let tag = tag.trim();
    if let Some(t) = shipped.iter().find(|t| t.eq_ignore_ascii_case(tag)) {
        return Some(t);
    }
    let language = tag.split(['-', '_']).next()?;
    shipped
        .iter()
        .find(|t| {
            t.split('-')
                .next()
                .is_some_and(|l| l.eq_ignore_ascii_case(language))
        })
        .copied()
}

/// The tags of an `Accept-Language` value, most preferred first; `q=0` and `*` dropped.
fn by_preference(header: &str) -> Vec<&str> {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut fields = part.split(';');
            let tag = fields.next()?.trim();
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((tag, q))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    tags.into_iter().map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The languages issue 10 ships; matching is tested against them whatever ships today.
    const ALL: [&str; 6] = ["en", "de", "fr", "es", "pt-BR", "ar"];

    /// The first of the request's sources that names a language of `ALL`.
    fn pick(ui: Option<&str>, picked: Option<&str>, accept: Option<&str>) -> Option<&'static str> {
        ui.into_iter()
            .flat_map(str::split_whitespace)
            .chain(picked)
            .chain(accept.map(by_preference).unwrap_or_default())
            .find_map(|t| best_match(t, &ALL))
    }

    #[test]
    fn ui_locales_win_then_the_picked_language_then_accept_language() {
        let accept = Some("fr-CA,fr;q=0.9");
        assert_eq!(pick(Some("de"), Some("es"), accept), Some("de"));
        assert_eq!(pick(None, Some("es"), accept), Some("es"));
        assert_eq!(pick(None, None, accept), Some("fr"));
        assert_eq!(pick(None, None, None), None);
    }

    #[test]
    fn unsupported_requests_fall_through_to_the_next_source() {
        // OIDC Core §3.1.2.1: ui_locales is a preference list; unsupported values are skipped.
        assert_eq!(pick(Some("tlh ja ar"), None, None), Some("ar"));
        assert_eq!(pick(Some("tlh"), Some("xx"), Some("de")), Some("de"));
    }

    #[test]
    fn regions_and_scripts_match_their_language() {
        assert_eq!(best_match("de-AT", &ALL), Some("de"));
        assert_eq!(best_match("pt", &ALL), Some("pt-BR"));
        assert_eq!(best_match("pt-PT", &ALL), Some("pt-BR"));
        assert_eq!(best_match("PT-br", &ALL), Some("pt-BR"));
        assert_eq!(best_match("ar-EG", &ALL), Some("ar"));
        assert_eq!(best_match("en_GB", &ALL), Some("en"));
        assert_eq!(best_match("zh-Hans", &ALL), None);
    }

    #[test]
    fn accept_language_follows_q_values() {
        assert_eq!(by_preference("en;q=0.5, de, fr;q=0.8"), ["de", "fr", "en"]);
        assert_eq!(by_preference("*, es;q=0, it;q=bad, ar"), ["ar"]);
        assert_eq!(pick(None, None, Some("ja, es;q=0.3, en;q=0.2")), Some("es"));
    }

    #[test]
    fn nothing_usable_gives_the_default() {
        let catalog = Arc::new(Catalog::load("en", None).unwrap());
        let tr = negotiate(&catalog, Some("tlh"), Some("xx"), Some("ja"));
        assert_eq!((tr.lang(), tr.dir()), ("en", "ltr"));
    }
}
