//! `GET /language?lang=de&return=/login?interaction=…`: remembers the language a person picked
//! on a page (a cookie for a year) and takes them back to that page.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use crate::i18n::Catalog;
use crate::i18n::negotiate::{COOKIE, best_match};
use crate::oidc::Provider;

#[derive(Debug, Deserialize)]
pub struct Pick {
    lang: Option<String>,
    #[serde(rename = "return")]
    back: Option<String>,
}

pub async fn get_language(State(p): State<Provider>, jar: CookieJar, Query(pick): Query<Pick>) -> Response {
    // Only a path on this site: anything else would make this an open redirect.
    let back = pick
        .back
        .filter(|b| is_local_path(b))
        .unwrap_or_else(|| "/account".into());
    let Ok(location) = HeaderValue::from_str(&back) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let jar = match pick.lang.as_deref().and_then(|l| best_match(l, &Catalog::tags())) {
        Some(tag) => jar.add(
            Cookie::build((p.config.cookie_name(COOKIE), tag))
                .path("/")
                .http_only(true)
                .secure(p.config.is_https())
                .same_site(SameSite::Lax)
                .max_age(time::Duration::days(365))
                .build(),
        ),
        None => jar,
    };
    (StatusCode::SEE_OTHER, jar, [(header::LOCATION, location)]).into_response()
}

/// `/path?query`, never `//host` or `/\host` (browsers read both as another site).
fn is_local_path(s: &str) -> bool {
    s.starts_with('/') && !s.starts_with("//") && !s.starts_with("/\\") && !s.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert!(is_local_path("/login?interaction=abc"));
        for s in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "/\nx",
            "",
        ] {
            assert!(!is_local_path(s), "{s:?}");
        }
    }
}
