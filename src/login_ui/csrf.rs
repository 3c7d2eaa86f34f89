//! CSRF tokens for forms that are not part of an interaction. Signed-in pages use a token
//! derived from the session id; anonymous pages (password reset, link confirmations) use a
//! random per-browser cookie and a token derived from it. Both are HMACs under a key derived
//! from the master key, so a token cannot be forged without the server.

use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use axum::extract::{FromRef, FromRequest, Request};
use axum::response::Response;

use super::flow::field;
use super::pages;
use crate::crypto::secrets::{ct_eq, hmac_hex, token256};
use crate::http::params::Form;
use crate::i18n::Tr;
use crate::oidc::Provider;
use crate::oidc::authorize::Params;
use crate::web::lang::Lang;

const COOKIE: &str = "portcullis_csrf";

fn derive(p: &Provider, purpose: &str, value: &str) -> String {
    hmac_hex(
        p.master.secret_hash_key(),
        format!("csrf\0{purpose}\0{value}").as_bytes(),
    )
}

/// The token for forms of the signed-in session `session_id`.
pub fn for_session(p: &Provider, session_id: &str) -> String {
    derive(p, "session", session_id)
}

pub fn check_session(p: &Provider, session_id: &str, token: &str) -> bool {
    ct_eq(token, &for_session(p, session_id))
}

/// The token for an anonymous form; sets the browser's CSRF cookie when it has none.
pub fn for_browser(p: &Provider, jar: CookieJar) -> (CookieJar, String) {
    let name = p.config.cookie_name(COOKIE);
    if let Some(c) = jar.get(&name).filter(|c| c.value().len() == 43) {
        let token = derive(p, "browser", c.value());
        return (jar, token);
    }
    let value = token256();
    let token = derive(p, "browser", &value);
    let cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(p.config.is_https())
        .same_site(SameSite::Strict)
        .build();
    (jar.add(cookie), token)
}

/// A form posted from an anonymous page, with the browser's cookies and the form's fields once
/// its CSRF token is checked against the browser's cookie; otherwise the page that says it
/// expired.
pub struct BrowserForm(pub CookieJar, pub Params, pub Tr);

impl<S> FromRequest<S> for BrowserForm
where
    S: Send + Sync,
    Provider: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let p = Provider::from_ref(state);
        let jar = CookieJar::from_headers(req.headers());
        let t = Lang::from_headers(&p, req.headers()).tr();
        match Form::from_request(req, state).await {
            Ok(Form(params))
                if jar
                    .get(&p.config.cookie_name(COOKIE))
                    .is_some_and(|c| ct_eq(&field(&params, "csrf"), &derive(&p, "browser", c.value()))) =>
            {
                Ok(BrowserForm(jar, params, t))
            }
            _ => Err(pages::expired_page(&t)),
        }
    }
}
