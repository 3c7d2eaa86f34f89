//! An upstream's claims, mapped to our attributes by the connection's claim mapping.

use serde_json::{Map, Value};

use crate::domain::{ClaimMapping, UpstreamProfile};

/// The longest attribute value kept from an upstream: beyond it, the value is dropped.
const MAX_VALUE: usize = 320;

/// The value of the claim named `path`, or at the dotted `path` (`"data.username"`): a SAML
/// attribute's name may hold dots (`http://schemas.xmlsoap.org/…`).
fn at<'a>(claims: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    if let Some(v) = claims.get(path) {
        return Some(v);
    }
    let mut parts = path.split('.');
    let mut v = claims.get(parts.next()?)?;
    for p in parts {
        v = v.as_object()?.get(p)?;
    }
    Some(v)
}

/// The longest picture URL kept (upstreams sign theirs, which makes them long).
const MAX_URL: usize = 2048;

/// A short text value: strings, and numbers (some upstreams number their users).
pub fn text(claims: &Map<String, Value>, path: &str) -> Option<String> {
    text_of_len(claims, path, MAX_VALUE)
}

fn text_of_len(claims: &Map<String, Value>, path: &str, max: usize) -> Option<String> {
    let s = match at(claims, path)? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty() && s.len() <= max && !s.contains(char::is_control)).then_some(s)
}

/// `true` and `"true"` (some upstreams send the flag as a string).
fn flag(claims: &Map<String, Value>, path: &str) -> bool {
    matches!(at(claims, path), Some(Value::Bool(true)))
        || matches!(at(claims, path), Some(Value::String(s)) if s == "true")
}

/// The upstream said it used several factors: `mfa` in `amr` (RFC 8176), or an `acr` naming a
/// multi-factor level (ours, and the common `…:mfa` / `…MultiFactor…` spellings).
fn upstream_mfa(claims: &Map<String, Value>) -> bool {
    let amr = claims
        .get("amr")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|v| v.as_str() == Some("mfa")));
    let acr = claims.get("acr").and_then(Value::as_str).is_some_and(|acr| {
        let lower = acr.to_ascii_lowercase();
        acr == "2"
            || acr == "phr"
            || lower.ends_with(":mfa")
            || ["multifactor", "multi-factor", "twofactor", "multipleauthn"]
                .iter()
                .any(|m| lower.contains(m))
    });
    amr || acr
}

/// Maps `claims` (the verified ID token's, with userinfo's over them) to a profile. `None`
/// when there is no subject.
pub fn profile(subject: &str, claims: &Map<String, Value>, m: &ClaimMapping) -> Option<UpstreamProfile> {
    if subject.is_empty() || subject.len() > 255 {
        return None;
    }
    let email = text(claims, &m.email)
        .filter(|e| e.contains('@') && !e.contains(char::is_whitespace))
        .map(|e| e.to_lowercase());
    let groups = match at(claims, &m.groups) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    Some(UpstreamProfile {
        subject: subject.to_owned(),
        email_verified: email.is_some() && flag(claims, &m.email_verified),
        email,
        name: text(claims, &m.name),
        given_name: text(claims, &m.given_name),
        family_name: text(claims, &m.family_name),
        phone_number: text(claims, &m.phone_number),
        picture: text_of_len(claims, &m.picture, MAX_URL).and_then(|u| picture(&u)),
        groups,
        upstream_mfa: upstream_mfa(claims),
        email_proven: false,
    })
}

/// A picture URL worth keeping: absolute https (pages show it; nothing else is fetched).
pub fn picture(raw: &str) -> Option<String> {
    let u = url::Url::parse(raw).ok()?;
    (u.scheme() == "https" && u.host_str().is_some() && raw.len() <= MAX_URL).then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn standard_claims_map_by_default() {
        let c = claims(json!({
            "sub": "u1", "email": "Ann@Example.COM", "email_verified": true, "name": "Ann",
            "given_name": "Ann", "family_name": "Lee", "phone_number": "+4420", "groups": ["staff", 7],
        }));
        let p = profile("u1", &c, &ClaimMapping::default()).unwrap();
        assert_eq!(p.email.as_deref(), Some("ann@example.com"));
        assert!(p.email_verified);
        assert_eq!(p.name.as_deref(), Some("Ann"));
        assert_eq!(p.family_name.as_deref(), Some("Lee"));
        assert_eq!(p.groups, ["staff"]);
        assert!(!p.upstream_mfa);
    }

    #[test]
    fn an_address_is_verified_only_when_the_upstream_says_so() {
        let m = ClaimMapping::default();
        let unsaid = profile("u", &claims(json!({"email": "a@b.c"})), &m).unwrap();
        assert!(!unsaid.email_verified);
        let string = profile(
            "u",
            &claims(json!({"email": "a@b.c", "email_verified": "true"})),
            &m,
        )
        .unwrap();
        assert!(string.email_verified);
        let no_address = profile("u", &claims(json!({"email_verified": true})), &m).unwrap();
        assert!(!no_address.email_verified);
    }

    #[test]
    fn mapped_paths_reach_into_objects_and_numbers() {
        let m = ClaimMapping {
            email: "data.mail".into(),
            name: "data.login".into(),
            ..ClaimMapping::default()
        };
        let c = claims(json!({"data": {"mail": "x@y.z", "login": 42}}));
        let p = profile("42", &c, &m).unwrap();
        assert_eq!(p.email.as_deref(), Some("x@y.z"));
        assert_eq!(p.name.as_deref(), Some("42"));
    }

    #[test]
    fn a_claim_named_with_dots_is_read_whole_first() {
        let uri = "http://schemas.xmlsoap.org/claims/CommonName";
        let m = ClaimMapping {
            name: uri.into(),
            ..ClaimMapping::default()
        };
        let p = profile("u", &claims(json!({ uri: "Ann Lee" })), &m).unwrap();
        assert_eq!(p.name.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn junk_values_are_dropped() {
        let m = ClaimMapping::default();
        let c = claims(json!({"email": "not an address", "name": "a\u{0}b", "given_name": "x".repeat(400)}));
        let p = profile("u", &c, &m).unwrap();
        assert_eq!(p.email, None);
        assert_eq!(p.name, None);
        assert_eq!(p.given_name, None);
        assert!(profile("", &c, &m).is_none());
    }

    #[test]
    fn a_picture_is_an_https_url() {
        let m = ClaimMapping::default();
        let picture = |v: Value| {
            profile("u", &claims(json!({ "picture": v })), &m)
                .unwrap()
                .picture
        };
        let long = format!("https://cdn.example/{}", "a".repeat(600));
        assert_eq!(picture(json!(long.clone())), Some(long), "signed URLs are long");
        assert_eq!(
            picture(json!("https://lh3.example.com/a/pic=s96-c")).as_deref(),
            Some("https://lh3.example.com/a/pic=s96-c")
        );
        for junk in [
            json!("http://cdn.example/p.png"),
            json!("javascript:alert(1)"),
            json!("data:image/png;base64,AAAA"),
            json!("/relative.png"),
            json!(format!("https://cdn.example/{}", "a".repeat(3000))),
            json!(7),
        ] {
            assert_eq!(picture(junk.clone()), None, "{junk}");
        }
    }

    #[test]
    fn upstream_mfa_is_read_from_amr_or_acr() {
        let m = ClaimMapping::default();
        for (c, mfa) in [
            (json!({"amr": ["pwd", "mfa"]}), true),
            (json!({"amr": ["pwd"]}), false),
            (
                json!({"acr": "http://schemas.openid.net/pape/policies/2007/06/multi-factor"}),
                true,
            ),
            (json!({"acr": "urn:okta:loa:2fa:any:mfa"}), true),
            (json!({"acr": "2"}), true),
            (json!({"acr": "1"}), false),
            // SAML AuthnContextClassRefs.
            (
                json!({"acr": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"}),
                true,
            ),
            (
                json!({"acr": "http://schemas.microsoft.com/claims/multipleauthn"}),
                true,
            ),
            (
                json!({"acr": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"}),
                false,
            ),
        ] {
            assert_eq!(
                profile("u", &claims(c.clone()), &m).unwrap().upstream_mfa,
                mfa,
                "{c}"
            );
        }
    }
}
