//! The hosted pages: login, consent, logout and error pages, with CSRF protection.
//!
//! Every form carries a CSRF token: interaction pages use the interaction's own token (and the
//! interaction is bound to the browser by a cookie), the logout page one derived from the
//! session cookie.

mod account;
pub mod consent;
mod csrf;
mod enrol;
mod factor;
pub mod flow;
mod language;
pub mod login;
pub mod pages;
pub mod passkey;
mod recovery;
mod register;
pub mod upstream;
mod upstream_review;
mod upstream_saml;
mod upstream_telegram;
mod verify_email;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::{get, post};

use crate::authn::Accounts;
use crate::oidc::Provider;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Provider: FromRef<S>,
    Accounts: FromRef<S>,
    crate::federation::Federation: FromRef<S>,
    upstream::Upstreams: FromRef<S>,
{
    Router::new()
        .route("/language", get(language::get_language))
        .route("/login", get(login::get_login).post(login::post_login))
        .route("/login/cancel", post(login::post_cancel))
        .route("/login/identify", post(login::post_identify))
        .route("/login/factor", get(factor::get_factor).post(factor::post_factor))
        .route("/login/factor/send", post(factor::post_send))
        .route(
            "/login/factor/webauthn/options",
            post(passkey::post_factor_options),
        )
        .route("/login/passkey/options", post(passkey::post_passkey_options))
        .route("/login/passkey", post(passkey::post_passkey))
        .route("/login/enrol", get(enrol::get_enrol).post(enrol::post_enrol))
        .route("/login/enrol/later", post(enrol::post_later))
        .route("/login/enrol/webauthn", post(enrol::post_webauthn))
        .route(
            "/login/enrol/webauthn/options",
            post(enrol::post_webauthn_options),
        )
        .route("/login/continue", post(enrol::post_continue))
        .route(
            "/login/upstream/link",
            get(upstream::get_link).post(upstream::post_link),
        )
        .route(
            "/login/upstream/review",
            get(upstream_review::get_review).post(upstream_review::post_review),
        )
        .route(
            "/login/upstream/review/verify",
            post(upstream_review::post_verify),
        )
        .route("/login/upstream/{id}", get(upstream::get_start))
        .route("/login/upstream/{id}/callback", get(upstream::get_callback))
        .route("/login/upstream/{id}/continue", get(upstream_saml::get_continue))
        .route(
            "/login/upstream/{id}/telegram",
            get(upstream_telegram::get_return).post(upstream_telegram::post_return),
        )
        .route("/saml/{id}/metadata", get(upstream_saml::get_metadata))
        .route("/saml/{id}/acs", post(upstream_saml::post_acs))
        .route("/consent", get(consent::get_consent).post(consent::post_consent))
        .route(
            "/register",
            get(register::get_register).post(register::post_register),
        )
        .route("/register/verify", post(register::post_verify_code))
        .route("/register/resend", post(register::post_resend))
        .route("/register/check-password", post(register::post_check_password))
        .route(
            "/verify-email",
            get(verify_email::get_verify_email).post(verify_email::post_verify_email),
        )
        .route(
            "/forgot-password",
            get(recovery::get_forgot).post(recovery::post_forgot),
        )
        .route(
            "/reset-password",
            get(recovery::get_reset).post(recovery::post_reset),
        )
        .route("/reset-password/code", post(recovery::post_reset_code))
        .merge(account::routes())
}
