//! Passkeys and security keys on `/account/security`: adding one (the page's script runs the
//! browser's ceremony and posts its answer), renaming and removing. Changes need a recent
//! sign-in, as every change of sign-in methods does.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde_json::json;

use super::security::{PAGE, added, after_change, page, sudo};
use super::{AccountForm, Chrome, with_problems};
use crate::authn::{Accounts, AuthnError};
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::field;
use crate::login_ui::passkey::{credential, options};
use crate::mfa::CredentialKind;
use crate::oidc::Provider;

/// `POST /account/security/webauthn/options`: a registration ceremony of the kind asked for;
/// `{"redirect": …}` when the sign-in is too old for a change.
pub async fn post_options(State(accounts): State<Accounts>, AccountForm(s, params): AccountForm) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        let to = r
            .headers()
            .get(axum::http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        return match to {
            Some(to) => Json(json!({ "redirect": to })).into_response(),
            None => r,
        };
    }
    let kind = match field(&params, "kind").as_str() {
        "security_key" => CredentialKind::SecurityKey,
        _ => CredentialKind::Passkey,
    };
    options(accounts.begin_webauthn_registration(&s.user, kind).await)
}

/// `POST /account/security/webauthn`: the browser's new credential.
pub async fn post_add(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let result = accounts
        .add_webauthn(
            &s.user,
            &field(&params, "ceremony"),
            &credential(&params),
            &field(&params, "name"),
            &origin,
        )
        .await;
    match result {
        // The key was just used to make the credential: the session holds it from now on.
        Ok((credential, codes)) => {
            let method = credential.method();
            added(
                &p,
                &accounts,
                &s,
                jar,
                method,
                codes,
                "security-webauthn-added",
                &origin,
            )
            .await
        }
        Err(AuthnError::InvalidCode) => {
            let c = Chrome::new(&p, &s, PAGE).problems(crate::web::problems::Problems::one(
                &s.t,
                "",
                "webauthn-failed",
            ));
            page(&accounts, &s, c).await
        }
        Err(e) => match with_problems(Chrome::new(&p, &s, PAGE), e) {
            Ok(c) => page(&accounts, &s, c).await,
            Err(r) => r,
        },
    }
}

pub async fn post_rename(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let result = accounts
        .rename_webauthn(&s.user, &field(&params, "id"), &field(&params, "name"), &origin)
        .await;
    after_change(&p, &accounts, &s, result, "security-renamed").await
}

pub async fn post_remove(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let result = accounts
        .remove_webauthn(&s.user, &field(&params, "id"), &origin)
        .await;
    after_change(&p, &accounts, &s, result, "security-webauthn-removed").await
}
