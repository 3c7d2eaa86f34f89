//! Which user claims are released where (OIDC Core §5.4 scopes, §5.5 the claims parameter).

use serde_json::{Map, Value, json};

use crate::domain::{Scope, User};

/// Scope values this provider understands (OIDC Core §5.4 and §11).
pub const SCOPES_SUPPORTED: [&str; 7] = [
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "offline_access",
    "roles",
];

pub const CLAIMS_SUPPORTED: [&str; 19] = [
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "acr",
    "amr",
    "azp",
    "sid",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "locale",
    "updated_at",
    "email",
    "email_verified",
];

/// More supported claims than fit the list above: phone, address, and the `roles` scope's.
pub const MORE_CLAIMS_SUPPORTED: [&str; 6] = [
    "picture",
    "phone_number",
    "phone_number_verified",
    "address",
    "roles",
    "groups",
];

/// The `roles` scope's claims: `roles` (names of the global roles and the client's own) and
/// `groups` (names), each an array, present even when empty so a client can tell "none" from
/// "not asked".
pub fn put_roles(out: &mut Map<String, Value>, r: &crate::oidc::tokens::RoleClaims) {
    out.insert("roles".into(), json!(r.roles));
    out.insert("groups".into(), json!(r.groups));
}

fn scope_claims(scope: &str) -> &'static [&'static str] {
    match scope {
        "profile" => &[
            "name",
            "given_name",
            "family_name",
            "preferred_username",
            "picture",
            "locale",
            "updated_at",
        ],
        "email" => &["email", "email_verified"],
        "phone" => &["phone_number", "phone_number_verified"],
        "address" => &["address"],
        _ => &[],
    }
}

/// A user's value for a standard claim, when they have one.
fn claim_value(user: &User, claim: &str) -> Option<Value> {
    let s = |v: &Option<String>| v.as_ref().map(|v| json!(v));
    match claim {
        "name" => s(&user.name),
        "given_name" => s(&user.given_name),
        "family_name" => s(&user.family_name),
        "preferred_username" => s(&user.preferred_username),
        "picture" => s(&user.picture),
        "locale" => s(&user.locale),
        "updated_at" => Some(json!(user.updated_at)),
        "email" => Some(json!(user.email)),
        "email_verified" => Some(json!(user.email_verified)),
        "phone_number" => s(&user.phone_number),
        "phone_number_verified" => user
            .phone_number
            .as_ref()
            .map(|_| json!(user.phone_number_verified)),
        "address" => user.address.as_ref().and_then(|a| serde_json::to_value(a).ok()),
        _ => None,
    }
}

/// Names of the claims requested by one member (`userinfo` or `id_token`) of a claims request.
fn requested_names<'a>(claims_request: Option<&'a Value>, member: &str) -> Vec<&'a str> {
    claims_request
        .and_then(|c| c.get(member))
        .and_then(Value::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// UserInfo claims (OIDC Core §5.3.2): `sub`, the claims of the granted scopes, and those named
/// in the claims request's `userinfo` member.
pub fn userinfo(user: &User, scope: &Scope, claims_request: Option<&Value>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("sub".into(), json!(user.id));
    let by_scope: Vec<&str> = scope.iter().flat_map(scope_claims).copied().collect();
    for name in by_scope
        .into_iter()
        .chain(requested_names(claims_request, "userinfo"))
    {
        if let Some(v) = claim_value(user, name) {
            out.insert(name.to_owned(), v);
        }
    }
    out
}

/// Extra ID token claims: those named in the claims request's `id_token` member (OIDC Core §5.5).
pub fn id_token_extra(user: &User, claims_request: Option<&Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for name in requested_names(claims_request, "id_token") {
        if let Some(v) = claim_value(user, name) {
            out.insert(name.to_owned(), v);
        }
    }
    out
}

/// Validates the `claims` request parameter (OIDC Core §5.5): a JSON object whose `userinfo` and
/// `id_token` members, when present, are objects of claim requests (null or objects).
pub fn parse_claims_request(raw: &str) -> Result<Value, &'static str> {
    let v: Value = serde_json::from_str(raw).map_err(|_| "claims is not valid JSON")?;
    let obj = v.as_object().ok_or("claims must be a JSON object")?;
    for member in ["userinfo", "id_token"] {
        if let Some(m) = obj.get(member) {
            let m = m.as_object().ok_or("claims members must be JSON objects")?;
            if m.values().any(|c| !(c.is_null() || c.is_object())) {
                return Err("each requested claim must be null or a JSON object");
            }
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> User {
        let mut u = User::new("u1".into(), "a@example.com".into(), 1);
        u.email_verified = true;
        u.name = Some("Ada".into());
        u.updated_at = 2;
        u
    }

    #[test]
    fn claims_follow_scopes_and_requests() {
        let u = user();
        let only_openid = userinfo(&u, &Scope::parse("openid"), None);
        assert_eq!(only_openid.len(), 1);
        let email = userinfo(&u, &Scope::parse("openid email"), None);
        assert_eq!(email["email"], "a@example.com");
        assert_eq!(email["email_verified"], true);
        assert!(!email.contains_key("name"));
        let req =
            parse_claims_request(r#"{"userinfo":{"name":{"essential":true}},"id_token":{"email":null}}"#)
                .unwrap();
        let with_request = userinfo(&u, &Scope::parse("openid"), Some(&req));
        assert_eq!(with_request["name"], "Ada");
        assert_eq!(id_token_extra(&u, Some(&req))["email"], "a@example.com");
        assert!(parse_claims_request("[1]").is_err());
        assert!(parse_claims_request(r#"{"userinfo":{"name":1}}"#).is_err());
    }
}
