//! The user's own activity (`/account/activity`): their audit entries, newest first, each as a
//! sentence of the catalogue saying what happened and from which device, never an action code.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::{Chrome, SignedIn};
use crate::authn::Accounts;
use crate::domain::{AuditEntry, device};
use crate::login_ui::flow;
use crate::oidc::Provider;

/// One line of the activity page.
struct ActivityLine {
    at: i64,
    /// A sentence: what happened, and from which device.
    what: String,
    ip: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/activity.html")]
struct ActivityPage {
    c: Chrome,
    entries: Vec<ActivityLine>,
}

pub async fn get_activity(
    State(p): State<Provider>,
    State(accounts): State<Accounts>,
    s: SignedIn,
) -> Response {
    let entries = match accounts.activity(&s.user).await {
        Ok(e) => e,
        Err(e) => return flow::failure(&s.t, &e),
    };
    // Entries about an application name it; a few distinct clients at most, looked up once each.
    let mut app_names: HashMap<String, String> = HashMap::new();
    for id in entries.iter().filter_map(|e| e.client_id.as_deref()) {
        if !app_names.contains_key(id)
            && let Ok(Some(client)) = p.store.clients().client(id).await
        {
            app_names.insert(id.to_owned(), client.name);
        }
    }
    let c = Chrome::new(&p, &s, "/account/activity");
    let t = &s.t;
    let entries = entries
        .into_iter()
        .map(|e| {
            let app = e
                .client_id
                .as_ref()
                .and_then(|id| app_names.get(id))
                .cloned()
                .unwrap_or_else(|| t.t("activity-an-app"));
            let what = t.t1(describe(&e), "app", app);
            // Token requests come from the application's server, not from a browser of the
            // user: their sentence names the application and no device. An entry with no
            // origin at all came from no request (an operator's command, a background job):
            // there is no device to name either.
            let from_app = e.actor.as_deref().is_some_and(|a| a.starts_with("client:"));
            let what = if from_app || (e.ip.is_none() && e.user_agent.is_none()) {
                what
            } else {
                let d = device(e.user_agent.as_deref());
                let device = if d.browser.is_none() && d.os.is_none() {
                    t.t("activity-unknown-device")
                } else {
                    c.device(&d)
                };
                t.with(
                    "activity-line",
                    &[("what", what.into()), ("device", device.into())],
                )
            };
            ActivityLine {
                at: e.at,
                what,
                ip: e.ip.unwrap_or_else(|| "—".into()),
            }
        })
        .collect();
    ActivityPage { c, entries }.into_response()
}

/// How an audit entry reads on the activity page: the message id of its sentence.
fn describe(e: &AuditEntry) -> &'static str {
    let method = e.detail.get("method").and_then(Value::as_str).map(Proof::of);
    match (e.action.as_str(), e.outcome == "success") {
        ("login.password", true) => login(&e.detail),
        ("login.password", false) => "activity-login-password-failed",
        ("login.passkey", true) => "activity-login-passkey",
        ("login.passkey", false) => "activity-login-passkey-failed",
        ("login.federated", true) => "activity-login-federated",
        ("login.federated", false) => "activity-login-federated-failed",
        ("federation.linked", true) => "activity-federation-linked",
        ("federation.unlinked", true) => "activity-federation-unlinked",
        ("account.profile_synced", true) => "activity-profile-synced",
        ("login.step_up", true) => step_up(&e.detail),
        ("login.factor", true) => match method {
            Some(Proof::Totp) => "activity-factor-totp",
            Some(Proof::RecoveryCode) => "activity-factor-recovery-code",
            Some(Proof::WebAuthn) => "activity-factor-webauthn",
            Some(Proof::EmailCode) => "activity-factor-email-code",
            Some(Proof::SmsCode) => "activity-factor-sms-code",
            _ => "activity-other",
        },
        // A locked account and too many tries are refused before the code is looked at: the
        // sentence does not call the code wrong.
        ("login.factor", false) => match (e.detail.get("reason").and_then(Value::as_str), method) {
            (Some("locked"), _) => "activity-factor-locked",
            (Some("too_many_attempts"), _) => "activity-factor-too-many",
            (_, Some(Proof::Totp)) => "activity-factor-failed-totp",
            (_, Some(Proof::RecoveryCode)) => "activity-factor-failed-recovery-code",
            (_, Some(Proof::WebAuthn)) => "activity-factor-failed-webauthn",
            (_, Some(Proof::EmailCode)) => "activity-factor-failed-email-code",
            (_, Some(Proof::SmsCode)) => "activity-factor-failed-sms-code",
            _ => "activity-other-failed",
        },
        ("mfa.enrolled", true) => match method {
            Some(Proof::Totp) => "activity-mfa-totp-added",
            Some(Proof::WebAuthn) => "activity-mfa-webauthn-added",
            Some(Proof::EmailCode) => "activity-mfa-email-code-on",
            Some(Proof::SmsCode) => "activity-mfa-sms-code-on",
            _ => "activity-other",
        },
        ("mfa.removed", true) => match method {
            Some(Proof::Totp) => "activity-mfa-totp-removed",
            Some(Proof::WebAuthn) => "activity-mfa-webauthn-removed",
            Some(Proof::EmailCode) => "activity-mfa-email-code-off",
            Some(Proof::SmsCode) => "activity-mfa-sms-code-off",
            _ => "activity-other",
        },
        ("mfa.renamed", true) => match method {
            Some(Proof::Totp) => "activity-mfa-totp-renamed",
            Some(Proof::WebAuthn) => "activity-mfa-webauthn-renamed",
            _ => "activity-other",
        },
        ("mfa.recovery_codes.generated", true) => "activity-recovery-codes-generated",
        ("mfa.recovery_codes.voided", true) => "activity-recovery-codes-voided",
        ("mfa.reset", true) => "activity-mfa-reset",
        ("mfa.device.remembered", true) => "activity-device-remembered",
        ("mfa.device.forgotten", true) => "activity-device-forgotten",
        ("mfa.setup.put_off", true) => "activity-setup-put-off",
        ("logout", true) => "activity-logout",
        ("account.registered", true) => "activity-account-registered",
        ("account.registered", false) => "activity-account-registered-failed",
        ("email.verified", true) => "activity-email-verified",
        ("email.change_requested", true) => "activity-email-change-requested",
        ("email.changed", true) => "activity-email-changed",
        ("password.changed", true) => "activity-password-changed",
        ("password.reset_requested", true) => "activity-password-reset-requested",
        ("password.reset", true) => "activity-password-reset",
        ("account.locked", _) => "activity-account-locked",
        ("account.unlocked", _) => "activity-account-unlocked",
        ("profile.updated", true) => "activity-profile-updated",
        ("phone.code_sent", true) => "activity-phone-code-sent",
        ("session.revoked", true) => "activity-session-revoked",
        ("consent.granted", true) => "activity-consent-granted",
        ("consent.revoked", true) => "activity-consent-revoked",
        ("token.issued", true) => "activity-token-issued",
        ("token.refreshed", true) => "activity-token-refreshed",
        ("token.revoked", true) => "activity-token-revoked",
        ("token.issued" | "token.refreshed", false) => "activity-token-refused",
        ("rate_limit.refused", _) => "activity-rate-limited",
        ("account.exported", true) => "activity-account-exported",
        (_, true) => "activity-other",
        (_, false) => "activity-other-failed",
    }
}

/// A sign-in with a password: and the second step it took, if any.
fn login(detail: &Value) -> &'static str {
    match second_step(detail) {
        None => "activity-login-password",
        Some(Proof::Totp) => "activity-login-password-totp",
        Some(Proof::RecoveryCode) => "activity-login-password-recovery-code",
        Some(Proof::WebAuthn) => "activity-login-password-webauthn",
        Some(Proof::EmailCode) => "activity-login-password-email-code",
        Some(Proof::SmsCode) => "activity-login-password-sms-code",
        Some(Proof::Other) => "activity-login-password-second-step",
    }
}

/// A step-up (a second step for an application that asks for one, or confirming it is the user
/// before a change to their security): how the user confirmed.
fn step_up(detail: &Value) -> &'static str {
    match second_step(detail) {
        Some(Proof::Totp) => "activity-step-up-totp",
        Some(Proof::RecoveryCode) => "activity-step-up-recovery-code",
        Some(Proof::WebAuthn) => "activity-step-up-webauthn",
        Some(Proof::EmailCode) => "activity-step-up-email-code",
        Some(Proof::SmsCode) => "activity-step-up-sms-code",
        None if methods(detail).any(|m| m == "password") => "activity-step-up-password",
        Some(Proof::Other) | None => "activity-step-up",
    }
}

/// A second factor as the audit names it (`authn::engine::method_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proof {
    Totp,
    RecoveryCode,
    WebAuthn,
    EmailCode,
    SmsCode,
    /// A method without a sentence of its own, or an entry that only says `mfa`.
    Other,
}

impl Proof {
    fn of(method: &str) -> Self {
        match method {
            "totp" => Self::Totp,
            "recovery_code" => Self::RecoveryCode,
            "webauthn" => Self::WebAuthn,
            "email_code" => Self::EmailCode,
            "sms_code" => Self::SmsCode,
            _ => Self::Other,
        }
    }
}

/// The second step the entry's user proved: the first method in `methods` that is not the
/// password; for an entry without `methods`, only whether `amr` says `mfa`.
fn second_step(detail: &Value) -> Option<Proof> {
    if detail.get("methods").is_none() {
        let amr = detail.get("amr").and_then(Value::as_array)?;
        return amr.iter().any(|v| v == "mfa").then_some(Proof::Other);
    }
    methods(detail).find(|m| *m != "password").map(Proof::of)
}

/// The method names of the entry's `methods` (see `authn::engine::method_name`).
fn methods(detail: &Value) -> impl Iterator<Item = &str> {
    detail
        .get("methods")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(action: &str, success: bool, detail: Value) -> AuditEntry {
        AuditEntry {
            id: "e".into(),
            at: 0,
            action: action.into(),
            outcome: if success { "success" } else { "failure" }.into(),
            actor: None,
            subject_id: None,
            client_id: None,
            ip: None,
            user_agent: None,
            request_id: None,
            detail,
        }
    }

    #[test]
    fn a_sign_in_says_which_second_step_it_took() {
        let login = |detail| describe(&entry("login.password", true, detail));
        let pwd = json!({"amr": ["pwd"], "mfa": false, "methods": ["password"]});
        assert_eq!(login(pwd), "activity-login-password");
        let totp = json!({"amr": ["pwd", "otp", "mfa"], "mfa": true, "methods": ["password", "totp"]});
        assert_eq!(login(totp), "activity-login-password-totp");
        let recovery = json!({"amr": ["pwd", "otp", "mfa"], "methods": ["password", "recovery_code"]});
        assert_eq!(login(recovery), "activity-login-password-recovery-code");
        let key = json!({"amr": ["pwd", "hwk", "mfa"], "methods": ["password", "webauthn"]});
        assert_eq!(login(key), "activity-login-password-webauthn");
        let mail = json!({"amr": ["pwd", "otp", "mfa"], "methods": ["password", "email_code"]});
        assert_eq!(login(mail), "activity-login-password-email-code");
        let sms = json!({"amr": ["pwd", "sms", "mfa"], "methods": ["password", "sms_code"]});
        assert_eq!(login(sms), "activity-login-password-sms-code");
        let unknown = json!({"amr": ["pwd", "mfa"], "methods": ["password", "carrier_pigeon"]});
        assert_eq!(login(unknown), "activity-login-password-second-step");
        // Entries written before `methods`: `amr` says whether there was a second step.
        assert_eq!(
            login(json!({"amr": ["pwd", "otp", "mfa"]})),
            "activity-login-password-second-step"
        );
        assert_eq!(login(json!({"amr": ["pwd"]})), "activity-login-password");
        assert_eq!(login(json!({})), "activity-login-password");
    }

    #[test]
    fn a_step_up_says_how_the_user_confirmed() {
        let step_up = |detail| describe(&entry("login.step_up", true, detail));
        assert_eq!(step_up(json!({"methods": ["totp"]})), "activity-step-up-totp");
        assert_eq!(
            step_up(json!({"methods": ["password", "recovery_code"]})),
            "activity-step-up-recovery-code"
        );
        assert_eq!(
            step_up(json!({"methods": ["password"]})),
            "activity-step-up-password"
        );
        assert_eq!(
            step_up(json!({"methods": ["webauthn"]})),
            "activity-step-up-webauthn"
        );
        assert_eq!(
            step_up(json!({"methods": ["email_code"]})),
            "activity-step-up-email-code"
        );
        assert_eq!(
            step_up(json!({"methods": ["sms_code"]})),
            "activity-step-up-sms-code"
        );
        assert_eq!(step_up(json!({"methods": []})), "activity-step-up");
        assert_eq!(step_up(json!({"amr": ["pwd", "otp", "mfa"]})), "activity-step-up");
    }

    #[test]
    fn codes_read_by_method_and_reason() {
        let factor = |success, detail| describe(&entry("login.factor", success, detail));
        assert_eq!(factor(true, json!({"method": "totp"})), "activity-factor-totp");
        assert_eq!(
            factor(true, json!({"method": "recovery_code"})),
            "activity-factor-recovery-code"
        );
        assert_eq!(
            factor(false, json!({"method": "totp", "reason": "invalid_code"})),
            "activity-factor-failed-totp"
        );
        assert_eq!(
            factor(
                false,
                json!({"method": "recovery_code", "reason": "invalid_code"})
            ),
            "activity-factor-failed-recovery-code"
        );
        for (method, used, wrong) in [
            (
                "webauthn",
                "activity-factor-webauthn",
                "activity-factor-failed-webauthn",
            ),
            (
                "email_code",
                "activity-factor-email-code",
                "activity-factor-failed-email-code",
            ),
            (
                "sms_code",
                "activity-factor-sms-code",
                "activity-factor-failed-sms-code",
            ),
        ] {
            assert_eq!(factor(true, json!({"method": method})), used);
            let failed = json!({"method": method, "reason": "invalid_code"});
            assert_eq!(factor(false, failed), wrong);
        }
        assert_eq!(
            factor(false, json!({"method": "totp", "reason": "locked"})),
            "activity-factor-locked"
        );
        assert_eq!(
            factor(
                false,
                json!({"method": "recovery_code", "reason": "too_many_attempts"})
            ),
            "activity-factor-too-many"
        );
    }

    #[test]
    fn factor_changes_have_sentences_and_unknown_methods_fall_back() {
        for (action, method, id) in [
            ("mfa.enrolled", "totp", "activity-mfa-totp-added"),
            ("mfa.removed", "totp", "activity-mfa-totp-removed"),
            ("mfa.renamed", "totp", "activity-mfa-totp-renamed"),
            ("mfa.enrolled", "webauthn", "activity-mfa-webauthn-added"),
            ("mfa.removed", "webauthn", "activity-mfa-webauthn-removed"),
            ("mfa.renamed", "webauthn", "activity-mfa-webauthn-renamed"),
            ("mfa.enrolled", "email_code", "activity-mfa-email-code-on"),
            ("mfa.removed", "email_code", "activity-mfa-email-code-off"),
            ("mfa.enrolled", "sms_code", "activity-mfa-sms-code-on"),
            ("mfa.removed", "sms_code", "activity-mfa-sms-code-off"),
            ("mfa.enrolled", "carrier_pigeon", "activity-other"),
        ] {
            let e = entry(action, true, json!({ "method": method }));
            assert_eq!(describe(&e), id, "{action} {method}");
        }
        for (action, id) in [
            (
                "mfa.recovery_codes.generated",
                "activity-recovery-codes-generated",
            ),
            ("mfa.recovery_codes.voided", "activity-recovery-codes-voided"),
            ("mfa.reset", "activity-mfa-reset"),
            ("mfa.device.remembered", "activity-device-remembered"),
            ("mfa.device.forgotten", "activity-device-forgotten"),
            ("mfa.setup.put_off", "activity-setup-put-off"),
            ("login.passkey", "activity-login-passkey"),
            ("login.federated", "activity-login-federated"),
            ("federation.linked", "activity-federation-linked"),
            ("federation.unlinked", "activity-federation-unlinked"),
        ] {
            assert_eq!(describe(&entry(action, true, json!({}))), id, "{action}");
        }
        assert_eq!(
            describe(&entry("login.passkey", false, json!({"reason": "unknown"}))),
            "activity-login-passkey-failed"
        );
    }

    /// Every sentence this page can pick is in the catalogue (and so, by the i18n tests, in
    /// every shipped language): read off this file, so a new one cannot be forgotten.
    #[test]
    fn every_sentence_is_in_the_catalogue() {
        let catalog = std::sync::Arc::new(crate::i18n::Catalog::load("en", None).unwrap());
        let t = crate::i18n::Tr::of(&catalog, "en");
        let ids: Vec<&str> = include_str!("activity.rs")
            .split('"')
            .filter(|s| s.starts_with("activity-") && !s.ends_with('-') && !s.contains(' '))
            .collect();
        assert!(ids.len() > 60, "{ids:?}");
        for id in ids {
            assert_ne!(t.t(id), id, "{id} is not in the catalogue");
        }
    }
}
