//! The hosted pages' stylesheet and script, compiled into the binary and served with a content
//! hash in the URL so they can be cached for a year.

use std::sync::{Arc, LazyLock};

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::i18n::Catalog;

struct Asset {
    name: &'static str,
    body: &'static str,
    content_type: &'static str,
}

const ASSETS: [Asset; 6] = [
    Asset {
        name: "portcullis.css",
        body: include_str!("../../static/css/portcullis.css"),
        content_type: "text/css; charset=utf-8",
    },
    Asset {
        name: "form_post.js",
        body: include_str!("../../static/js/form_post.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "forms.js",
        body: include_str!("../../static/js/forms.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "account.js",
        body: include_str!("../../static/js/account.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "webauthn.js",
        body: include_str!("../../static/js/webauthn.js"),
        content_type: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "telegram.js",
        body: include_str!("../../static/js/telegram.js"),
        content_type: "text/javascript; charset=utf-8",
    },
];

/// Version tag of all assets, for cache-busting URLs.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    let all: String = ASSETS.iter().map(|a| a.body).collect();
    crate::crypto::secrets::sha256_hex(all.as_bytes())[..12].to_owned()
});

/// `/static/{name}?v=…` for a template.
pub fn url(name: &str) -> String {
    format!("/static/{name}?v={}", VERSION.as_str())
}

/// The operator's logo, favicon and stylesheets (see `brand.rs`). SVG may hold scripts: opened
/// on its own, the CSP sandbox keeps them from running in our origin.
pub async fn get_brand_file(State(c): State<Arc<Catalog>>, Path(name): Path<String>) -> Response {
    brand_file(&c, &name)
}

/// Browsers ask for `/favicon.ico` whatever the page says.
pub async fn get_favicon(State(c): State<Arc<Catalog>>) -> Response {
    brand_file(&c, "favicon")
}

fn brand_file(c: &Catalog, name: &str) -> Response {
    let Some(f) = c.brand().file(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(f.content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
            ),
        ],
        f.body.clone(),
    )
        .into_response()
}

pub async fn get_asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(a.content_type)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
