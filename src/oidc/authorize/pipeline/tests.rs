//! The authorization request checks, without a server: each rule of RFC 6749 §4.1.1, OIDC Core
//! §3.1.2.1 and RFC 7636 that `pipeline::check` enforces, and where its errors go.

use serde_json::{Map, Value, json};

use super::{Policy, check};
use crate::domain::{AuthorizationRequest, Client, GrantType, ResponseMode, Scope, TokenEndpointAuthMethod};
use crate::oidc::OAuthError;
use crate::oidc::authorize::{AuthorizationResponse, AuthorizeError, Params};

const CB: &str = "https://rp.example/cb";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn client() -> Client {
    Client {
        client_id: "rp".into(),
        secret_hash: Some("x".into()),
        name: "RP".into(),
        redirect_uris: vec![CB.into()],
        post_logout_redirect_uris: vec![],
        grant_types: vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
        scope: Scope::parse("openid profile email offline_access"),
        auth_method: TokenEndpointAuthMethod::ClientSecretBasic,
        jwks: None,
        jwks_uri: None,
        first_party: false,
        require_mfa: false,
        created_at: 0,
        client_uri: None,
        logo_version: None,
        links: Default::default(),
    }
}

fn public_client() -> Client {
    Client {
        auth_method: TokenEndpointAuthMethod::None,
        secret_hash: None,
        ..client()
    }
}

/// A valid request's parameters with `changes` applied: `("name", None)` removes one.
fn pairs(changes: &[(&str, Option<&str>)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = [
        ("client_id", "rp"),
        ("redirect_uri", CB),
        ("response_type", "code"),
        ("scope", "openid email"),
        ("state", "s1"),
        ("nonce", "n1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for (name, value) in changes {
        pairs.retain(|(k, _)| k != name);
        if let Some(v) = value {
            pairs.push(((*name).to_owned(), (*v).to_owned()));
        }
    }
    pairs
}

fn params(changes: &[(&str, Option<&str>)]) -> Params {
    Params::new(pairs(changes))
}

fn no_hint(_: &str) -> Option<Map<String, Value>> {
    None
}

fn run_with(
    client: Client,
    params: Params,
    policy: &Policy<'_>,
) -> Result<AuthorizationRequest, AuthorizeError> {
    check(params, client, policy).map(|(_, req)| req)
}

fn run(changes: &[(&str, Option<&str>)]) -> Result<AuthorizationRequest, AuthorizeError> {
    run_with(client(), params(changes), &default_policy())
}

fn accepted(changes: &[(&str, Option<&str>)]) -> AuthorizationRequest {
    match run(changes) {
        Ok(r) => r,
        Err(e) => panic!("{changes:?} refused: {e:?}"),
    }
}

/// The error shown on our page (never sent to the client).
fn page_error(r: Result<AuthorizationRequest, AuthorizeError>) -> OAuthError {
    match r {
        Err(AuthorizeError::Page(e)) => e,
        other => panic!("expected an error page, got {other:?}"),
    }
}

/// The error response sent to the client's redirect_uri.
fn redirected(r: Result<AuthorizationRequest, AuthorizeError>) -> AuthorizationResponse {
    match r {
        Err(AuthorizeError::Redirect(resp)) => resp,
        other => panic!("expected an error redirected to the client, got {other:?}"),
    }
}

fn param<'a>(resp: &'a AuthorizationResponse, name: &str) -> Option<&'a str> {
    resp.params
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// Asserts a redirected error: its code, the proven redirect_uri and the request's state.
fn assert_redirected(changes: &[(&str, Option<&str>)], code: &str) {
    let resp = redirected(run(changes));
    assert_eq!(param(&resp, "error"), Some(code), "{changes:?}: {resp:?}");
    assert_eq!(resp.redirect_uri, CB, "{changes:?}");
    let state = changes
        .iter()
        .find(|(k, _)| *k == "state")
        .map_or(Some("s1"), |(_, v)| *v);
    assert_eq!(param(&resp, "state"), state, "{changes:?}");
}

#[test]
fn a_valid_request_carries_everything_the_client_sent() {
    let r = accepted(&[("login_hint", Some("ada@example.com")), ("max_age", Some("600"))]);
    assert_eq!(r.client_id, "rp");
    assert_eq!(r.redirect_uri, CB);
    assert_eq!(r.response_mode, ResponseMode::Query);
    assert_eq!(r.scope, Scope::parse("openid email"));
    assert_eq!(r.state.as_deref(), Some("s1"));
    assert_eq!(r.nonce.as_deref(), Some("n1"));
    assert_eq!(r.code_challenge.as_deref(), Some(CHALLENGE));
    assert_eq!(r.max_age, Some(600));
    assert_eq!(r.login_hint.as_deref(), Some("ada@example.com"));
}

#[test]
fn the_redirect_uri_must_match_a_registered_one_exactly() {
    let variants = [
        "https://rp.example/cb/",
        "https://rp.example/cb/x",
        "https://rp.example/c",
        "https://rp.example/cb?x=1",
        "https://rp.example/cb#f",
        "https://RP.example/cb",
        "HTTPS://rp.example/cb",
        "https://rp.example/CB",
        "https://rp.example:443/cb",
        "https://rp.example:8443/cb",
        "http://rp.example/cb",
        "https://user@rp.example/cb",
        "https://rp.example@evil.example/cb",
        "https://rp.example/%63b",
        "https://rp.example/./cb",
        "https://rp.example/cb/../cb",
        " https://rp.example/cb",
    ];
    for v in variants {
        let e = page_error(run(&[("redirect_uri", Some(v))]));
        assert_eq!(e.code(), "invalid_request", "{v}");
    }
    assert_eq!(accepted(&[("redirect_uri", Some(CB))]).redirect_uri, CB);
}

#[test]
fn each_of_several_registered_redirect_uris_is_matched_exactly() {
    let mut c = client();
    c.redirect_uris = vec![CB.into(), "https://rp.example/other".into()];
    let policy = default_policy();
    let ok = run_with(
        c.clone(),
        params(&[("redirect_uri", Some("https://rp.example/other"))]),
        &policy,
    );
    assert_eq!(ok.unwrap().redirect_uri, "https://rp.example/other");
    let e = page_error(run_with(
        c,
        params(&[("redirect_uri", Some("https://rp.example/othe"))]),
        &policy,
    ));
    assert_eq!(e.code(), "invalid_request");
}

#[test]
fn an_openid_request_must_name_its_redirect_uri() {
    assert_eq!(
        page_error(run(&[("redirect_uri", None)])).code(),
        "invalid_request"
    );
}

#[test]
fn a_plain_oauth_request_may_leave_out_the_only_registered_redirect_uri() {
    let r = accepted(&[("redirect_uri", None), ("scope", Some("profile"))]);
    assert_eq!(r.redirect_uri, CB);
    let mut two = client();
    two.redirect_uris.push("https://rp.example/two".into());
    let e = page_error(run_with(
        two,
        params(&[("redirect_uri", None), ("scope", Some("profile"))]),
        &default_policy(),
    ));
    assert_eq!(e.code(), "invalid_request");
}

#[test]
fn a_repeated_redirect_uri_is_an_error_page() {
    let mut repeated = pairs(&[]);
    repeated.push(("redirect_uri".into(), CB.into()));
    let e = page_error(run_with(client(), Params::new(repeated), &default_policy()));
    assert_eq!(e.code(), "invalid_request");
}

fn default_policy() -> Policy<'static> {
    Policy {
        require_pkce: false,
        verify_id_token_hint: &no_hint,
    }
}

#[test]
fn errors_after_the_redirect_uri_is_proven_go_to_the_client_with_state() {
    assert_redirected(&[("response_type", None)], "invalid_request");
    assert_redirected(&[("response_type", Some("token"))], "unsupported_response_type");
    assert_redirected(
        &[("response_type", Some("code id_token"))],
        "unsupported_response_type",
    );
    assert_redirected(&[("state", None), ("response_type", None)], "invalid_request");
    assert_redirected(
        &[("state", Some("a b&c")), ("response_type", None)],
        "invalid_request",
    );
}

#[test]
fn a_repeated_parameter_after_the_redirect_uri_is_redirected_as_invalid_request() {
    let mut repeated = pairs(&[]);
    repeated.push(("scope".into(), "openid".into()));
    let resp = redirected(run_with(client(), Params::new(repeated), &default_policy()));
    assert_eq!(param(&resp, "error"), Some("invalid_request"));
    assert!(param(&resp, "error_description").is_some_and(|d| d.contains("scope")));
}

#[test]
fn an_overlong_parameter_is_refused() {
    let long = "x".repeat(2049);
    assert_redirected(&[("nonce", Some(long.as_str()))], "invalid_request");
    let edge = "x".repeat(2048);
    assert_eq!(accepted(&[("nonce", Some(edge.as_str()))]).nonce, Some(edge));
}

#[test]
fn the_response_mode_is_one_of_query_fragment_form_post() {
    assert_eq!(
        accepted(&[("response_mode", Some("fragment"))]).response_mode,
        ResponseMode::Fragment
    );
    assert_eq!(
        accepted(&[("response_mode", Some("form_post"))]).response_mode,
        ResponseMode::FormPost
    );
    assert_eq!(
        accepted(&[("response_mode", Some("query"))]).response_mode,
        ResponseMode::Query
    );
    assert_redirected(&[("response_mode", Some("web_message"))], "invalid_request");
}

#[test]
fn later_errors_use_the_requested_response_mode() {
    let resp = redirected(run(&[
        ("response_mode", Some("fragment")),
        ("response_type", None),
    ]));
    assert_eq!(resp.response_mode, ResponseMode::Fragment);
}

#[test]
fn request_objects_and_registration_are_refused_with_their_own_codes() {
    assert_redirected(&[("request", Some("eyJ"))], "request_not_supported");
    assert_redirected(
        &[("request_uri", Some("https://rp.example/r"))],
        "request_uri_not_supported",
    );
    assert_redirected(&[("registration", Some("{}"))], "registration_not_supported");
}

#[test]
fn a_client_without_the_code_grant_is_unauthorized_client() {
    let mut c = client();
    c.grant_types = vec![GrantType::ClientCredentials];
    let resp = redirected(run_with(c, params(&[]), &default_policy()));
    assert_eq!(param(&resp, "error"), Some("unauthorized_client"));
}

#[test]
fn unknown_scope_values_are_ignored_and_known_ones_must_be_registered() {
    assert_eq!(
        accepted(&[("scope", Some("openid email https://api.example/x"))]).scope,
        Scope::parse("openid email")
    );
    assert_redirected(&[("scope", Some("openid phone"))], "invalid_scope");
    assert_redirected(&[("scope", None)], "invalid_scope");
    assert_redirected(&[("scope", Some("unknown-only"))], "invalid_scope");
}

#[test]
fn offline_access_is_kept_only_for_clients_allowed_refresh_tokens() {
    assert!(
        accepted(&[("scope", Some("openid offline_access"))])
            .scope
            .contains("offline_access")
    );
    let mut no_refresh = client();
    no_refresh.grant_types = vec![GrantType::AuthorizationCode];
    let r = run_with(
        no_refresh,
        params(&[("scope", Some("openid offline_access"))]),
        &default_policy(),
    );
    assert_eq!(r.unwrap().scope, Scope::parse("openid"));
    let mut not_registered = client();
    not_registered.scope = Scope::parse("openid email");
    let r = run_with(
        not_registered,
        params(&[("scope", Some("openid offline_access"))]),
        &default_policy(),
    );
    assert_eq!(r.unwrap().scope, Scope::parse("openid"));
}

#[test]
fn pkce_accepts_only_s256() {
    assert_redirected(&[("code_challenge_method", None)], "invalid_request");
    assert_redirected(&[("code_challenge_method", Some("plain"))], "invalid_request");
    assert_redirected(&[("code_challenge_method", Some("S512"))], "invalid_request");
    assert_redirected(&[("code_challenge_method", Some("s256"))], "invalid_request");
    assert_redirected(&[("code_challenge", None)], "invalid_request");
    assert_redirected(&[("code_challenge", Some("too-short"))], "invalid_request");
    let padded = format!("{}=", &CHALLENGE[..42]);
    assert_redirected(&[("code_challenge", Some(padded.as_str()))], "invalid_request");
}

#[test]
fn pkce_is_optional_only_for_confidential_clients_unless_required() {
    let without = [("code_challenge", None), ("code_challenge_method", None)];
    assert_eq!(accepted(&without).code_challenge, None);
    let resp = redirected(run_with(public_client(), params(&without), &default_policy()));
    assert_eq!(param(&resp, "error"), Some("invalid_request"));
    let required = Policy {
        require_pkce: true,
        verify_id_token_hint: &no_hint,
    };
    let resp = redirected(run_with(client(), params(&without), &required));
    assert_eq!(param(&resp, "error"), Some("invalid_request"));
    assert!(run_with(public_client(), params(&[]), &required).is_ok());
}

#[test]
fn prompt_values_are_read_and_none_stands_alone() {
    let p = accepted(&[("prompt", Some("login consent"))]).prompt;
    assert!(p.login && p.consent && !p.none && !p.select_account && !p.create);
    assert!(accepted(&[("prompt", Some("none"))]).prompt.none);
    assert!(
        accepted(&[("prompt", Some("select_account"))])
            .prompt
            .select_account
    );
    assert!(accepted(&[("prompt", Some("create"))]).prompt.create);
    for bad in ["none login", "none consent", "none select_account", "none create"] {
        assert_redirected(&[("prompt", Some(bad))], "invalid_request");
    }
    assert_redirected(&[("prompt", Some("sometimes"))], "invalid_request");
}

#[test]
fn max_age_is_a_non_negative_integer() {
    assert_eq!(accepted(&[("max_age", Some("0"))]).max_age, Some(0));
    assert_eq!(accepted(&[]).max_age, None);
    for bad in ["-1", "ten", "1.5", "9999999999999999999999"] {
        assert_redirected(&[("max_age", Some(bad))], "invalid_request");
    }
}

fn hint_with_aud(aud: Value) -> impl Fn(&str) -> Option<Map<String, Value>> {
    move |t: &str| {
        (t == "good-hint").then(|| {
            json!({"sub": "user-1", "aud": aud.clone()})
                .as_object()
                .cloned()
                .unwrap_or_default()
        })
    }
}

#[test]
fn an_id_token_hint_must_be_ours_and_issued_to_this_client() {
    let ours = hint_with_aud(json!("rp"));
    let policy = Policy {
        require_pkce: false,
        verify_id_token_hint: &ours,
    };
    let r = run_with(client(), params(&[("id_token_hint", Some("good-hint"))]), &policy).unwrap();
    assert_eq!(r.id_token_hint_sub.as_deref(), Some("user-1"));
    let resp = redirected(run_with(
        client(),
        params(&[("id_token_hint", Some("forged"))]),
        &policy,
    ));
    assert_eq!(param(&resp, "error"), Some("invalid_request"));

    let in_list = hint_with_aud(json!(["other", "rp"]));
    let policy = Policy {
        require_pkce: false,
        verify_id_token_hint: &in_list,
    };
    assert!(run_with(client(), params(&[("id_token_hint", Some("good-hint"))]), &policy).is_ok());

    for aud in [json!("other"), json!(["other"]), json!(null), json!(7)] {
        let theirs = hint_with_aud(aud.clone());
        let policy = Policy {
            require_pkce: false,
            verify_id_token_hint: &theirs,
        };
        let resp = redirected(run_with(
            client(),
            params(&[("id_token_hint", Some("good-hint"))]),
            &policy,
        ));
        assert_eq!(param(&resp, "error"), Some("invalid_request"), "{aud}");
    }
}

#[test]
fn the_claims_parameter_must_be_a_valid_claims_request() {
    let ok = accepted(&[("claims", Some(r#"{"id_token":{"email":null}}"#))]);
    assert_eq!(ok.claims, Some(json!({"id_token": {"email": null}})));
    assert_redirected(&[("claims", Some("{not json"))], "invalid_request");
    assert_redirected(&[("claims", Some("[1]"))], "invalid_request");
}
