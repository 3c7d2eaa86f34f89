//! The language of a page: what the request carries (a picked language, `Accept-Language`),
//! and for pages of an authorization request, its `ui_locales` first (see i18n/negotiate.rs).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum_extra::extract::CookieJar;

use crate::domain::Interaction;
use crate::i18n::negotiate::{COOKIE, negotiate};
use crate::i18n::{Catalog, Tr};
use crate::oidc::Provider;

#[derive(Clone)]
pub struct Lang {
    catalog: Arc<Catalog>,
    picked: Option<String>,
    accept: Option<String>,
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
        }
    }

    /// The language of a page outside an authorization request.
    pub fn tr(&self) -> Tr {
        negotiate(
            &self.catalog,
            None,
            self.picked.as_deref(),
            self.accept.as_deref(),
        )
    }

    /// The language of a page of `i`: its request's `ui_locales` come first.
    pub fn of(&self, i: &Interaction) -> Tr {
        self.with_ui_locales(i.request.as_ref().and_then(|r| r.ui_locales.as_deref()))
    }

    /// The language when an authorization request asks for `ui_locales`.
    pub fn with_ui_locales(&self, ui_locales: Option<&str>) -> Tr {
        negotiate(
            &self.catalog,
            ui_locales,
            self.picked.as_deref(),
            self.accept.as_deref(),
        )
    }
}

impl<S> FromRequestParts<S> for Lang
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&Provider::from_ref(state), &parts.headers))
    }
}
