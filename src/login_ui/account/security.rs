//! `/account/security`: the user's second factors (authenticator apps, recovery codes), adding
//! and removing them. Every change needs a recent sign-in with the second factor ("sudo mode",
//! `/account/reauth`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{AccountForm, Chrome, SignedIn, with_problems};
use crate::authn::second_factor::{destination, masked, unverified};
use crate::authn::{Accounts, AuthnError};
use crate::domain::Method;
use crate::http::origin::ClientOrigin;
use crate::login_ui::flow::{self, field, session_cookie};
use crate::mfa::{Channel, TotpAuthenticator, TotpEnrolment, WebAuthnCredential};
use crate::oidc::Provider;
use crate::store::DeviceRecord;
use crate::web::problems::Problems;

pub(super) const PAGE: &str = "/account/security";

#[derive(Template, WebTemplate)]
#[template(path = "account/security.html")]
struct SecurityPage {
    c: Chrome,
    totps: Vec<TotpAuthenticator>,
    /// Passkeys and security keys; `None` when the issuer cannot offer them.
    keys: Option<Vec<WebAuthnCredential>>,
    /// Browsers that skip the second factor; `None` when the deployment does not offer it and
    /// the user has none.
    devices: Option<Vec<DeviceRecord>>,
    webauthn_script: String,
    channels: Vec<ChannelView>,
    recovery_left: usize,
    /// Identities at upstream providers that sign in to this account.
    linked: Vec<crate::authn::linked::Linked>,
    /// Connections that can be linked, as (id, name).
    linkable: Vec<(String, String)>,
}

/// A channel of sign-in codes as the page shows it.
struct ChannelView {
    name: &'static str,
    on: bool,
    /// What the page says: where codes go, or how to make the channel available.
    text: String,
    available: bool,
}

fn channel_views(t: &crate::i18n::Tr, user: &crate::domain::User, on: &[Method]) -> Vec<ChannelView> {
    Channel::ALL
        .into_iter()
        .map(|ch| {
            let is_on = on.contains(&ch.method());
            let (text, available) = match (destination(user, ch), is_on, ch) {
                (Some(to), true, Channel::Email) => (t.t1("security-email-status-on", "to", to), true),
                (Some(to), false, Channel::Email) => (t.t1("security-email-offer", "to", to), true),
                (Some(to), true, Channel::Sms) => (t.t1("security-sms-status-on", "to", to), true),
                (Some(to), false, Channel::Sms) => (t.t1("security-sms-offer", "to", to), true),
                (None, _, ch) => (t.t(unverified(ch)), false),
            };
            ChannelView {
                name: ch.name(),
                on: is_on,
                text,
                available: available || is_on,
            }
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "account/channel.html")]
struct ChannelCodePage {
    c: Chrome,
    channel: &'static str,
    sent_to: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/totp.html")]
struct TotpPage {
    c: Chrome,
    qr_svg: String,
    secret: String,
    pending: String,
    name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/recovery_codes.html")]
struct RecoveryCodesPage {
    c: Chrome,
    codes: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/reauth.html")]
struct ReauthPage {
    c: Chrome,
    with_code: bool,
    /// Channels a code can be sent to (the user has no app): name and where it goes.
    send: Vec<(&'static str, String)>,
    return_to: String,
}

pub(super) async fn page(accounts: &Accounts, s: &SignedIn, c: Chrome) -> Response {
    let totps = match accounts.totp_authenticators(&s.user).await {
        Ok(t) => t,
        Err(e) => return flow::failure(&c.t, &e),
    };
    let recovery_left = match accounts.mfa.recovery_codes.remaining(&s.user.id).await {
        Ok(n) => n,
        Err(e) => return flow::failure(&c.t, &e.into()),
    };
    let enrolled = match accounts.mfa.enrolled(&s.user.id).await {
        Ok(m) => m,
        Err(e) => return flow::failure(&c.t, &e.into()),
    };
    let channels = channel_views(&c.t, &s.user, &enrolled);
    let keys = match accounts.mfa.webauthn.is_some() {
        true => match accounts.webauthn_credentials(&s.user).await {
            Ok(k) => Some(k),
            Err(e) => return flow::failure(&c.t, &e),
        },
        false => None,
    };
    let status = crate::web::pages::status_for(&c.problems);
    let devices = match accounts.remembered_devices(&s.user).await {
        Ok(d) if d.is_empty() && accounts.config.remember_device.is_none() => None,
        Ok(d) => Some(d),
        Err(e) => return flow::failure(&c.t, &e),
    };
    let (linked, linkable) = match (
        accounts.linked_identities(&s.user).await,
        accounts.linkable_connections().await,
    ) {
        (Ok(l), Ok(c)) => (l, c),
        (Err(e), _) | (_, Err(e)) => return flow::failure(&c.t, &e),
    };
    // "Link" posts here and is redirected to the upstream: the policy's form-action names it.
    let targets: Vec<String> = linkable
        .iter()
        .filter_map(crate::login_ui::upstream::form_target)
        .collect();
    let linkable = linkable.into_iter().map(|c| (c.id, c.name)).collect();
    let page = SecurityPage {
        c,
        linked,
        linkable,
        totps,
        keys,
        devices,
        webauthn_script: crate::http::assets::url("webauthn.js"),
        channels,
        recovery_left,
    };
    let res = (status, page).into_response();
    match targets.is_empty() {
        true => res,
        false => crate::web::pages::with_csp(res, &crate::http::security::csp_with_form_targets(&targets)),
    }
}

pub async fn get_security(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
) -> Response {
    let c = Chrome::new(&p, &s, PAGE);
    page(&accounts, &s, c).await
}

/// `Err`: the way to the re-authentication page, when the sign-in is too old for a change.
#[allow(clippy::result_large_err)]
pub(super) async fn sudo(accounts: &Accounts, s: &SignedIn, return_to: &str) -> Result<(), Response> {
    match accounts.is_recent(&s.user, &s.session).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(to_reauth(return_to)),
        Err(e) => Err(flow::failure(&s.t, &e)),
    }
}

/// The re-authentication page, then back to `return_to`.
fn to_reauth(return_to: &str) -> Response {
    let q = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("return", return_to)
        .finish();
    Redirect::to(&format!("/account/reauth?{q}")).into_response()
}

/// For changes that ask for the current password on their own form: `Err` (the way to the
/// re-authentication page) only when the user has a second factor not proved recently.
#[allow(clippy::result_large_err)]
pub(super) async fn sudo_second_factor(
    accounts: &Accounts,
    s: &SignedIn,
    return_to: &str,
) -> Result<(), Response> {
    match accounts.second_factor_is_recent(&s.user, &s.session).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(to_reauth(return_to)),
        Err(e) => Err(flow::failure(&s.t, &e)),
    }
}

fn totp_page(p: &Provider, s: &SignedIn, e: TotpEnrolment, name: String, problems: Problems) -> Response {
    let status = crate::web::pages::status_for(&problems);
    let page = TotpPage {
        c: Chrome::new(p, s, PAGE).problems(problems),
        qr_svg: e.qr_svg,
        secret: e.secret_base32,
        pending: e.pending,
        name,
    };
    (status, page).into_response()
}

pub async fn get_totp(State(p): State<Provider>, State(accounts): State<Accounts>, s: SignedIn) -> Response {
    if let Err(r) = sudo(&accounts, &s, "/account/security/totp").await {
        return r;
    }
    match accounts.begin_totp(&s.user, None).await {
        Ok(e) => {
            let name = s.t.t("totp-default-name");
            totp_page(&p, &s, e, name, Problems::default())
        }
        Err(e) => match with_problems(Chrome::new(&p, &s, PAGE), e) {
            Ok(c) => page(&accounts, &s, c).await,
            Err(r) => r,
        },
    }
}

pub async fn post_totp(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, "/account/security/totp").await {
        return r;
    }
    let (pending, name) = (field(&params, "pending"), field(&params, "name"));
    let result = accounts
        .add_totp(&s.user, &pending, &name, &field(&params, "code"), &origin)
        .await;
    let problem = match result {
        Ok(codes) => {
            // The app's first code was just proved: the session holds it from now on.
            return added(
                &p,
                &accounts,
                &s,
                jar,
                Method::Totp,
                codes,
                "security-totp-added",
                &origin,
            )
            .await;
        }
        Err(AuthnError::InvalidCode) => Problems::one(&s.t, "code", "factor-code-wrong"),
        Err(AuthnError::Invalid(problems)) => {
            let topic = if problems.iter().any(|p| p.id.starts_with("problem-mfa-name")) {
                "name"
            } else {
                ""
            };
            Problems::one(&s.t, topic, problems.first().map_or("error-try-again", |p| p.id))
        }
        Err(e) => return flow::failure(&s.t, &e),
    };
    // The same key again while it lives, so an app that scanned it keeps working.
    match accounts.begin_totp(&s.user, Some(&pending)).await {
        Ok(e) => totp_page(&p, &s, e, name, problem),
        Err(e) => flow::failure(&s.t, &e),
    }
}

/// The security page after a change: saying `done`, or the problems to fix. A factor or device
/// that is not the user's (gone in another tab, or someone else's) is the expired page.
pub(super) async fn after_change(
    p: &Provider,
    accounts: &Accounts,
    s: &SignedIn,
    result: Result<(), AuthnError>,
    done: &str,
) -> Response {
    let c = Chrome::new(p, s, PAGE);
    match result {
        Ok(()) => page(accounts, s, c.status(s.t.t(done))).await,
        Err(AuthnError::InvalidCode) => crate::web::pages::expired_page(&s.t),
        Err(e) => match with_problems(c, e) {
            Ok(c) => page(accounts, s, c).await,
            Err(r) => r,
        },
    }
}

/// After a factor was added: the session holds `method` from now on (it was just proved), and
/// the answer is the new recovery codes (the user's first factor) or the security page saying
/// `done`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn added(
    p: &Provider,
    accounts: &Accounts,
    s: &SignedIn,
    jar: CookieJar,
    method: Method,
    codes: Option<Vec<String>>,
    done: &str,
    origin: &crate::domain::Origin,
) -> Response {
    let jar = match accounts.add_to_session(&s.session, method, origin).await {
        Ok((_, token)) => jar.add(session_cookie(p, token)),
        Err(e) => return flow::failure(&s.t, &e),
    };
    let page = match codes {
        Some(codes) => {
            let c = Chrome::new(p, s, PAGE).status(s.t.t(done));
            RecoveryCodesPage { c, codes }.into_response()
        }
        None => {
            let c = Chrome::new(p, s, PAGE).status(s.t.t(done));
            page(accounts, s, c).await
        }
    };
    (jar, page).into_response()
}

fn codes_page(p: &Provider, s: &SignedIn, codes: Vec<String>) -> Response {
    let c = Chrome::new(p, s, PAGE);
    RecoveryCodesPage { c, codes }.into_response()
}

pub async fn post_recovery_codes(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, _): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    match accounts.new_recovery_codes(&s.user, &origin).await {
        Ok(codes) => codes_page(&p, &s, codes),
        Err(e) => flow::failure(&s.t, &e),
    }
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
        .remove_totp(&s.user, &field(&params, "id"), &origin)
        .await;
    after_change(&p, &accounts, &s, result, "security-totp-removed").await
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
        .rename_totp(&s.user, &field(&params, "id"), &field(&params, "name"), &origin)
        .await;
    after_change(&p, &accounts, &s, result, "security-renamed").await
}

fn channel_of(params: &crate::domain::Params) -> Option<Channel> {
    Channel::parse(&field(params, "channel"))
}

/// "Send a code to turn this on": a code to the verified address or phone.
pub async fn post_channel_send(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let Some(channel) = channel_of(&params) else {
        return crate::web::pages::expired_page(&s.t);
    };
    match accounts.send_setup_code(&s.user.id, channel, &origin).await {
        Ok(sent_to) => {
            let page = ChannelCodePage {
                c: Chrome::new(&p, &s, PAGE),
                channel: channel.name(),
                sent_to,
            };
            page.into_response()
        }
        Err(e) => match with_problems(Chrome::new(&p, &s, PAGE), e) {
            Ok(c) => page(&accounts, &s, c).await,
            Err(r) => r,
        },
    }
}

/// The code came back: the channel is on, and the session holds it.
pub async fn post_channel_confirm(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let Some(channel) = channel_of(&params) else {
        return crate::web::pages::expired_page(&s.t);
    };
    match accounts
        .turn_on_channel(&s.user, channel, &field(&params, "code"), &origin)
        .await
    {
        Ok(codes) => {
            added(
                &p,
                &accounts,
                &s,
                jar,
                channel.method(),
                codes,
                "security-channel-on",
                &origin,
            )
            .await
        }
        Err(AuthnError::InvalidCode) => {
            let wrong = Problems::one(&s.t, "code", "factor-code-wrong");
            let page = ChannelCodePage {
                c: Chrome::new(&p, &s, PAGE).problems(wrong),
                channel: channel.name(),
                sent_to: destination(&s.user, channel)
                    .map(|to| masked(&to))
                    .unwrap_or_default(),
            };
            (StatusCode::BAD_REQUEST, page).into_response()
        }
        Err(e) => flow::failure(&s.t, &e),
    }
}

pub async fn post_channel_off(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    if let Err(r) = sudo(&accounts, &s, PAGE).await {
        return r;
    }
    let Some(channel) = channel_of(&params) else {
        return crate::web::pages::expired_page(&s.t);
    };
    let result = accounts.turn_off_channel(&s.user, channel, &origin).await;
    after_change(&p, &accounts, &s, result, "security-channel-off").await
}

#[derive(Deserialize)]
pub struct ReauthQuery {
    #[serde(default, rename = "return")]
    return_to: String,
}

/// Where a re-authentication may lead back to: an account page, nothing else.
fn local_return(r: &str) -> String {
    let ok = r.starts_with("/account") && !r.contains("//") && !r.contains('\\');
    if ok { r.to_owned() } else { PAGE.to_owned() }
}

async fn reauth_page(accounts: &Accounts, c: Chrome, s: &SignedIn, return_to: String) -> Response {
    let enrolled = match accounts.mfa.enrolled(&s.user.id).await {
        Ok(m) => m,
        Err(e) => return flow::failure(&s.t, &e.into()),
    };
    let with_code = enrolled.iter().any(|m| *m != Method::RecoveryCode);
    let send = match enrolled.contains(&Method::Totp) {
        true => Vec::new(),
        false => Channel::ALL
            .into_iter()
            .filter(|ch| enrolled.contains(&ch.method()))
            .filter_map(|ch| destination(&s.user, ch).map(|to| (ch.name(), masked(&to))))
            .collect(),
    };
    let status = if c.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    let page = ReauthPage {
        c,
        with_code,
        send,
        return_to,
    };
    (status, page).into_response()
}

/// "Send a code" on the re-authentication page of a user without an app.
pub async fn post_reauth_send(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let return_to = local_return(&field(&params, "return"));
    let Some(channel) = channel_of(&params) else {
        return crate::web::pages::expired_page(&s.t);
    };
    let c = Chrome::new(&p, &s, PAGE);
    match accounts.send_sign_in_code(&s.user.id, channel, &origin).await {
        Ok(to) => {
            let c = c.status(s.t.t1("factor-code-sent", "to", to));
            reauth_page(&accounts, c, &s, return_to).await
        }
        Err(e) => flow::failure(&s.t, &e),
    }
}

pub async fn get_reauth(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
    Query(q): Query<ReauthQuery>,
) -> Response {
    let c = Chrome::new(&p, &s, PAGE);
    reauth_page(&accounts, c, &s, local_return(&q.return_to)).await
}

pub async fn post_reauth(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    jar: CookieJar,
    AccountForm(s, params): AccountForm,
) -> Response {
    let return_to = local_return(&field(&params, "return"));
    let code = field(&params, "code");
    // Six digits are an app's code; anything longer, a recovery code.
    let digits = code.chars().filter(|c| !c.is_whitespace()).count();
    let method = if digits <= 6 {
        Method::Totp
    } else {
        Method::RecoveryCode
    };
    let result = accounts
        .sudo(
            &s.user,
            &s.session,
            &field(&params, "password"),
            Some((method, &code)),
            &origin,
        )
        .await;
    let problems = match result {
        Ok((_, token)) => {
            return (jar.add(session_cookie(&p, token)), Redirect::to(&return_to)).into_response();
        }
        Err(AuthnError::InvalidCredentials) => Problems::one(&s.t, "password", "problem-current-password"),
        Err(AuthnError::InvalidCode) => Problems::one(&s.t, "code", "factor-code-wrong"),
        Err(e) => return flow::failure(&s.t, &e),
    };
    let c = Chrome::new(&p, &s, PAGE).problems(problems);
    reauth_page(&accounts, c, &s, return_to).await
}

/// "Forget": the device will be asked for the second factor again. No re-authentication: it
/// only takes a convenience away.
pub async fn post_forget_device(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    ClientOrigin(origin): ClientOrigin,
    AccountForm(s, params): AccountForm,
) -> Response {
    let result = accounts
        .forget_device(&s.user, &field(&params, "id"), &origin)
        .await;
    after_change(&p, &accounts, &s, result, "security-device-forgotten").await
}
