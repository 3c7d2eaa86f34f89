//! When a session answers a request alone, and when the user must consent.

use super::{Facts, POLICY, Step, demand, first_needed, needs_consent};
use crate::authn::engine::{self, Subject};
use crate::domain::{
    AuthorizationRequest, Client, FactorUse, GrantType, Level, Method, Prompt, ResponseMode, Scope, Session,
    TokenEndpointAuthMethod, User,
};

const AUTH_TIME: i64 = 10_000;

fn request() -> AuthorizationRequest {
    AuthorizationRequest {
        client_id: "rp".into(),
        redirect_uri: "https://rp.example/cb".into(),
        response_mode: ResponseMode::Query,
        scope: Scope::parse("openid email"),
        state: None,
        nonce: None,
        code_challenge: None,
        prompt: Prompt::default(),
        max_age: None,
        login_hint: None,
        idp_hint: None,
        id_token_hint_sub: None,
        ui_locales: None,
        claims_locales: None,
        acr_values: None,
        claims: None,
    }
}

fn session() -> Session {
    Session {
        id: "sid".into(),
        token_hash: "h".into(),
        user_id: "user-1".into(),
        auth_time: AUTH_TIME,
        acr: "1".into(),
        amr: vec!["pwd".into()],
        factors: vec![FactorUse {
            method: Method::Password,
            at: AUTH_TIME,
        }],
        created_at: AUTH_TIME,
        last_seen_at: AUTH_TIME,
        expires_at: AUTH_TIME + 100_000,
        ended_at: None,
        ip: None,
        user_agent: None,
    }
}

fn user() -> User {
    User::new("user-1".into(), "ada@example.com".into(), 0)
}

fn client(first_party: bool) -> Client {
    Client {
        client_id: "rp".into(),
        secret_hash: None,
        name: "RP".into(),
        redirect_uris: vec![],
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::AuthorizationCode],
        scope: Scope::parse("openid email profile"),
        auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
        jwks: None,
        jwks_uri: None,
        first_party,
        require_mfa: false,
        created_at: 0,
        client_uri: None,
        logo_version: None,
        links: Default::default(),
    }
}

fn needs_login(req: &AuthorizationRequest, s: &Session, user: Option<&User>, now: i64) -> bool {
    let d = demand(req, None).unwrap();
    engine::Facts {
        subject: Some(Subject {
            user_id: &s.user_id,
            user,
            factors: &s.factors,
            here: false,
        }),
        demand: &d,
        enrolled: &[],
        remembered: false,
        setup: engine::Setup::default(),
        now,
    }
    .login_needed()
}

fn login_needed(req: &AuthorizationRequest, now: i64) -> bool {
    needs_login(req, &session(), Some(&user()), now)
}

#[test]
fn a_live_session_answers_a_plain_request() {
    assert!(!login_needed(&request(), AUTH_TIME + 5));
}

#[test]
fn prompt_login_and_select_account_ask_again() {
    let mut r = request();
    r.prompt.login = true;
    assert!(login_needed(&r, AUTH_TIME));
    let mut r = request();
    r.prompt.select_account = true;
    assert!(login_needed(&r, AUTH_TIME));
    let mut r = request();
    r.prompt.consent = true;
    assert!(
        !login_needed(&r, AUTH_TIME),
        "prompt=consent alone keeps the login"
    );
}

#[test]
fn max_age_asks_again_only_once_more_time_than_it_allows_has_passed() {
    let mut r = request();
    r.max_age = Some(600);
    assert!(!login_needed(&r, AUTH_TIME + 599));
    // "greater than": exactly max_age seconds is still fine.
    assert!(!login_needed(&r, AUTH_TIME + 600));
    assert!(login_needed(&r, AUTH_TIME + 601));
}

#[test]
fn max_age_zero_is_prompt_login() {
    let mut r = request();
    r.max_age = Some(0);
    assert!(login_needed(&r, AUTH_TIME));
}

#[test]
fn an_id_token_hint_for_someone_else_asks_again() {
    let mut r = request();
    r.id_token_hint_sub = Some("user-2".into());
    assert!(login_needed(&r, AUTH_TIME));
    r.id_token_hint_sub = Some("user-1".into());
    assert!(!login_needed(&r, AUTH_TIME));
}

#[test]
fn a_user_who_can_no_longer_sign_in_must_log_in_again() {
    let r = request();
    let mut disabled = user();
    disabled.disabled = true;
    assert!(needs_login(&r, &session(), Some(&disabled), AUTH_TIME));
    let mut deleted = user();
    deleted.deleted_at = Some(AUTH_TIME);
    assert!(needs_login(&r, &session(), Some(&deleted), AUTH_TIME));
    assert!(needs_login(&r, &session(), None, AUTH_TIME));
}

#[test]
fn first_party_clients_are_never_asked_for_consent() {
    let mut r = request();
    r.prompt.consent = true;
    assert!(!needs_consent(&client(true), &r, None));
}

#[test]
fn consent_covers_the_scope_granted_and_no_more() {
    let c = client(false);
    let r = request();
    assert!(needs_consent(&c, &r, None));
    assert!(!needs_consent(&c, &r, Some(&Scope::parse("openid email"))));
    assert!(!needs_consent(
        &c,
        &r,
        Some(&Scope::parse("openid email profile"))
    ));
    assert!(needs_consent(&c, &r, Some(&Scope::parse("openid"))));
    assert!(needs_consent(&c, &r, Some(&Scope::parse("openid profile"))));
    assert!(needs_consent(&c, &r, Some(&Scope::default())));
}

#[test]
fn prompt_consent_asks_even_when_the_scope_was_granted() {
    let mut r = request();
    r.prompt.consent = true;
    assert!(needs_consent(
        &client(false),
        &r,
        Some(&Scope::parse("openid email profile"))
    ));
}

#[test]
fn the_policy_asks_login_then_factor_then_enrolment_then_consent() {
    let names: Vec<_> = POLICY.iter().map(|p| (p.name, p.step)).collect();
    assert_eq!(
        names,
        [
            ("login", Step::Login),
            ("factor", Step::Factor),
            ("enrolment", Step::Enrol),
            ("consent", Step::Consent)
        ]
    );
    let errors: Vec<_> = POLICY.iter().map(|p| (p.unmet)().code()).collect();
    assert_eq!(
        errors,
        [
            "login_required",
            "interaction_required",
            "interaction_required",
            "consent_required"
        ]
    );
}

#[test]
fn a_signed_in_user_who_granted_the_scope_needs_no_prompt() {
    let (s, u, c, r) = (session(), user(), client(false), request());
    let granted = Scope::parse("openid email");
    let d = demand(&r, None).unwrap();
    let facts = |granted: Option<&Scope>, signed_in: bool| {
        let f = Facts {
            auth: engine::Facts {
                subject: signed_in.then_some(Subject {
                    user_id: &s.user_id,
                    user: Some(&u),
                    factors: &s.factors,
                    here: false,
                }),
                demand: &d,
                enrolled: &[],
                remembered: false,
                setup: engine::Setup::default(),
                now: AUTH_TIME,
            },
            client: &c,
            req: &r,
            granted,
        };
        first_needed(&f).map(|p| p.step)
    };
    assert_eq!(facts(Some(&granted), true), None);
    assert_eq!(facts(None, true), Some(Step::Consent));
    assert_eq!(facts(None, false), Some(Step::Login));
}

fn demand_of(
    acr_values: Option<&str>,
    claims: Option<serde_json::Value>,
) -> Result<engine::Demand, &'static str> {
    let mut r = request();
    r.acr_values = acr_values.map(str::to_owned);
    r.claims = claims;
    demand(&r, None).map_err(|e| e.code())
}

#[test]
fn acr_values_prefer_the_first_level_known() {
    let d = demand_of(Some("urn:unknown 2 phr"), None).unwrap();
    assert_eq!((d.preferred, d.required), (Some(Level::MultiFactor), None));
    let d = demand_of(Some("urn:unknown"), None).unwrap();
    assert_eq!((d.preferred, d.required), (None, None));
}

#[test]
fn an_essential_acr_claim_requires_the_lowest_level_it_lists() {
    let claims = |acr: serde_json::Value| Some(serde_json::json!({ "id_token": { "acr": acr } }));
    let d = demand_of(
        None,
        claims(serde_json::json!({"essential": true, "values": ["phr", "2"]})),
    )
    .unwrap();
    assert_eq!(d.required, Some(Level::MultiFactor));
    let d = demand_of(
        None,
        claims(serde_json::json!({"essential": true, "value": "phr"})),
    )
    .unwrap();
    assert_eq!(d.required, Some(Level::PhishingResistant));
    assert_eq!(
        demand_of(
            None,
            claims(serde_json::json!({"essential": true, "values": ["urn:gold"]}))
        )
        .unwrap_err(),
        "unmet_authentication_requirements"
    );
    // Voluntary, it is only a preference.
    let d = demand_of(None, claims(serde_json::json!({"values": ["2"]}))).unwrap();
    assert_eq!((d.preferred, d.required), (Some(Level::MultiFactor), None));
}

#[test]
fn the_policy_level_and_the_essential_claim_require_the_higher() {
    let mut r = request();
    r.claims = Some(serde_json::json!({ "id_token": { "acr": {"essential": true, "value": "1"} } }));
    let d = demand(&r, Some(Level::MultiFactor)).unwrap();
    assert_eq!(d.required, Some(Level::MultiFactor));
}
