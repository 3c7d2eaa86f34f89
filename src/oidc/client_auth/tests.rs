//! RFC 7523 §3 checks of a private_key_jwt assertion's claims, without a server.

use serde_json::{Value, json};

use std::time::Duration;

use super::{AssertionClaims, MAX_ASSERTION_LIFETIME, SKEW, check_assertion_claims, replay_window};

const NOW: i64 = 1_000_000;
const TOKEN_ENDPOINT: &str = "https://op.example/token";

fn audiences() -> Vec<String> {
    vec!["https://op.example".into(), TOKEN_ENDPOINT.into()]
}

/// Valid claims for client `rp` with `changes` merged in (`null` removes a claim).
fn claims(changes: Value) -> AssertionClaims {
    let mut c = json!({
        "iss": "rp",
        "sub": "rp",
        "aud": TOKEN_ENDPOINT,
        "exp": NOW + 60,
        "iat": NOW,
        "jti": "jti-1",
    });
    for (k, v) in changes.as_object().into_iter().flatten() {
        match v {
            Value::Null => c.as_object_mut().map(|o| o.remove(k)),
            v => c.as_object_mut().map(|o| o.insert(k.clone(), v.clone())),
        };
    }
    serde_json::from_value(c).unwrap_or_else(|e| panic!("claims: {e}"))
}

fn check(changes: Value) -> Result<(String, i64), String> {
    check_assertion_claims(claims(changes), "rp", &audiences(), NOW).map_err(|e| {
        assert_eq!(e.code(), "invalid_client", "{e:?}");
        e.description().unwrap_or_default().to_owned()
    })
}

fn refused(changes: Value) -> String {
    match check(changes.clone()) {
        Err(why) => why,
        Ok(_) => panic!("accepted {changes}"),
    }
}

#[test]
fn valid_claims_give_the_jti_and_expiry() {
    assert_eq!(check(json!({})), Ok(("jti-1".to_owned(), NOW + 60)));
}

#[test]
fn iss_and_sub_must_both_be_the_client() {
    for changes in [
        json!({"iss": null}),
        json!({"iss": "other"}),
        json!({"sub": null}),
        json!({"sub": "other"}),
        json!({"iss": "other", "sub": "other"}),
        json!({"iss": "RP"}),
    ] {
        assert!(refused(changes.clone()).contains("iss and sub"), "{changes}");
    }
}

#[test]
fn aud_must_name_this_server() {
    assert!(check(json!({"aud": "https://op.example"})).is_ok());
    assert!(check(json!({"aud": ["https://other.example", TOKEN_ENDPOINT]})).is_ok());
    for aud in [
        json!(null),
        json!("https://other.example"),
        json!("https://op.example/"),
        json!(["https://other.example"]),
        json!([]),
        json!(42),
        json!({"aud": TOKEN_ENDPOINT}),
    ] {
        assert!(refused(json!({ "aud": aud })).contains("aud"), "{aud}");
    }
}

#[test]
fn an_assertion_must_not_have_expired_beyond_the_clock_skew() {
    assert!(refused(json!({"exp": null})).contains("no exp"));
    assert!(check(json!({"exp": NOW - SKEW + 1})).is_ok());
    assert!(refused(json!({"exp": NOW - SKEW})).contains("expired"));
    assert!(refused(json!({"exp": NOW - 3600})).contains("expired"));
}

#[test]
fn an_assertion_may_live_at_most_the_maximum_lifetime() {
    assert!(check(json!({"exp": NOW + MAX_ASSERTION_LIFETIME})).is_ok());
    assert!(refused(json!({"exp": NOW + MAX_ASSERTION_LIFETIME + 1})).contains("too long"));
}

#[test]
fn an_assertion_from_the_future_is_refused_beyond_the_clock_skew() {
    assert!(check(json!({"nbf": NOW + SKEW, "iat": NOW + SKEW})).is_ok());
    assert!(refused(json!({"nbf": NOW + SKEW + 1})).contains("not yet valid"));
    assert!(refused(json!({"iat": NOW + SKEW + 1})).contains("not yet valid"));
    assert!(check(json!({"nbf": null, "iat": null})).is_ok());
}

#[test]
fn a_jti_is_required_and_bounded() {
    assert!(refused(json!({"jti": null})).contains("jti"));
    assert!(refused(json!({"jti": ""})).contains("jti"));
    let longest = "j".repeat(256);
    assert_eq!(check(json!({ "jti": longest.clone() })).map(|r| r.0), Ok(longest));
    assert!(refused(json!({"jti": "j".repeat(257)})).contains("jti"));
}

#[test]
fn a_jti_is_remembered_for_as_long_as_its_assertion_would_be_accepted() {
    let secs = |n: i64| Duration::from_secs(n as u64);
    assert_eq!(replay_window(NOW + 60, NOW), secs(60 + SKEW));
    assert_eq!(
        replay_window(NOW + MAX_ASSERTION_LIFETIME, NOW),
        secs(MAX_ASSERTION_LIFETIME + SKEW)
    );
    // Expired within the skew: still accepted, so still remembered.
    assert_eq!(replay_window(NOW - 10, NOW), secs(SKEW - 10));
    // At the edge the window never drops to zero (a cache entry without a lifetime).
    assert_eq!(replay_window(NOW - SKEW, NOW), secs(1));
}
