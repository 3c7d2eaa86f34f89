//! The language of a page: what the request carries (a picked language, `Accept-Language`),
//! and for pages of an authorization request, its `ui_locales` first (see i18n/negotiate.rs).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum_extra::extract::CookieJar;

use crate::domain::Interaction;
use crate::i18n::negotiate::{COOKIE, best_match, negotiate};
use crate::i18n::{Catalog, Tr};
use crate::oidc::Provider;

#[derive(Clone)]
pub struct Lang {
    catalog: Arc<Catalog>,
    picked: Option<String>,
    accept: Option<String>,
    /// The page's own path and query, when a GET asked for it: where a language picker
    /// returns to. Pages answering a POST offer no picker (their form would be lost).
    here: Option<String>,
}

impl Lang {
    pub fn from_headers(p: &Provider, headers: &HeaderMap) -> Lang {
        let picked = CookieJar::from_headers(headers)
            .get(&p.config.cookie_name(COOKIE))
            .map(|c| c.value().to_owned());
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Lang {
            catalog: p.messages.clone(),
            picked,
            accept,
            here: None,
        }
    }

    /// [`Self::from_headers`], and a GET page's own address for its language picker.
    pub fn from_parts(p: &Provider, parts: &Parts) -> Lang {
        let mut lang = Lang::from_headers(p, &parts.headers);
        if parts.method == Method::GET {
            lang.here = parts.uri.path_and_query().map(|pq| pq.as_str().to_owned());
        }
        lang
    }

    /// The language of a page outside an authorization request.
    pub fn tr(&self) -> Tr {
        self.with_ui_locales(None)
    }

    /// The language of a page of `i`: its request's `ui_locales` come first.
    pub fn of(&self, i: &Interaction) -> Tr {
        self.with_ui_locales(i.authorization().and_then(|r| r.ui_locales.as_deref()))
    }

    /// The language when an authorization request asks for `ui_locales`. A language the
    /// request fixes is not the person's to change, so such pages offer no picker.
    pub fn with_ui_locales(&self, ui_locales: Option<&str>) -> Tr {
        let t = negotiate(
            &self.catalog,
            ui_locales,
            self.picked.as_deref(),
            self.accept.as_deref(),
        );
        match &self.here {
            Some(here) if !fixes_language(ui_locales) => t.with_picker(here.clone()),
            _ => t,
        }
    }
}

impl<S> FromRequestParts<S> for Lang
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_parts(&Provider::from_ref(state), parts))
    }
}

/// Whether `ui_locales` names a shipped language (and so decides the page's).
fn fixes_language(ui_locales: Option<&str>) -> bool {
    ui_locales
        .into_iter()
        .flat_map(str::split_whitespace)
        .any(|tag| best_match(tag, &Catalog::tags()).is_some())
}
