//! Known providers: their endpoints or issuer, scopes and claim names, so a connection to one
//! needs only its client id and secret.

use crate::domain::{ClaimMapping, OAuth2Endpoints};

/// (endpoints, scopes, mapping) of `name`: `github` or `x`.
pub fn oauth2(name: &str) -> Option<(OAuth2Endpoints, Vec<String>, ClaimMapping)> {
    let scopes = |s: &[&str]| s.iter().map(|s| s.to_string()).collect();
    match name {
        "github" => Some((
            OAuth2Endpoints {
                authorization_endpoint: "https://github.com/login/oauth/authorize".into(),
                token_endpoint: "https://github.com/login/oauth/access_token".into(),
                userinfo_endpoint: "https://api.github.com/user".into(),
                subject: "id".into(),
                emails_endpoint: Some("https://api.github.com/user/emails".into()),
                credentials_in_body: false,
            },
            scopes(&["read:user", "user:email"]),
            ClaimMapping {
                picture: "avatar_url".into(),
                ..ClaimMapping::default()
            },
        )),
        "x" => Some((
            OAuth2Endpoints {
                authorization_endpoint: "https://x.com/i/oauth2/authorize".into(),
                token_endpoint: "https://api.x.com/2/oauth2/token".into(),
                userinfo_endpoint: "https://api.x.com/2/users/me".into(),
                subject: "data.id".into(),
                emails_endpoint: None,
                credentials_in_body: false,
            },
            scopes(&["users.read", "tweet.read"]),
            ClaimMapping {
                name: "data.name".into(),
                picture: "data.profile_image_url".into(),
                ..ClaimMapping::default()
            },
        )),
        _ => None,
    }
}

/// The issuer of an OpenID Connect preset: `google`, or `entra` for a tenant.
pub fn issuer(name: &str, tenant: Option<&str>) -> Option<String> {
    match (name, tenant) {
        ("google", _) => Some("https://accounts.google.com".into()),
        ("entra", Some(t)) => Some(format!("https://login.microsoftonline.com/{t}/v2.0")),
        _ => None,
    }
}
