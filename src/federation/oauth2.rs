//! Plain OAuth 2.0 providers (GitHub, X): no ID token, so the user is whoever the userinfo URL
//! says the access token belongs to. Code + PKCE (S256) and state; the token request with the
//! client's credentials; userinfo with the bearer token; and GitHub's list of addresses, the
//! only place it says which are verified.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::oidc::Secrets;
use super::{FederationError, Result};
use crate::crypto::secrets::{random_token, token256};
use crate::domain::{IdentityProvider, OAuth2Endpoints};

/// Some providers refuse requests without a User-Agent (GitHub).
const USER_AGENT: &str = "Portcullis";

fn endpoints(c: &IdentityProvider) -> Result<&OAuth2Endpoints> {
    c.settings
        .oauth2
        .as_ref()
        .ok_or_else(|| FederationError::Config("no OAuth 2.0 endpoints".into()))
}

fn client_id(c: &IdentityProvider) -> Result<&str> {
    c.settings
        .client_id
        .as_deref()
        .ok_or_else(|| FederationError::Config("the connection has no client id".into()))
}

/// The authorization request (RFC 6749 §4.1.1 with RFC 7636 S256), and what its answer needs.
pub fn authorization_url(c: &IdentityProvider, redirect_uri: &str) -> Result<(String, Secrets)> {
    let e = endpoints(c)?;
    let state = random_token(24);
    let verifier = token256();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let mut url = url::Url::parse(&e.authorization_endpoint)
        .map_err(|e| FederationError::Config(format!("authorization endpoint: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id(c)?)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &c.settings.scopes.join(" "))
        .append_pair("state", &state)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let secrets = Secrets {
        state,
        nonce: String::new(),
        pkce_verifier: verifier,
    };
    Ok((url.to_string(), secrets))
}

/// Redeems `code` and asks userinfo who it is: (subject, claims).
pub async fn redeem(
    http: &reqwest::Client,
    c: &IdentityProvider,
    secret: Option<String>,
    redirect_uri: &str,
    code: String,
    secrets: &Secrets,
) -> Result<(String, Map<String, Value>)> {
    let e = endpoints(c)?;
    let id = client_id(c)?;
    let mut form = vec![
        ("grant_type", "authorization_code".to_owned()),
        ("code", code),
        ("redirect_uri", redirect_uri.to_owned()),
        ("code_verifier", secrets.pkce_verifier.clone()),
        ("client_id", id.to_owned()),
    ];
    let mut request = http
        .post(&e.token_endpoint)
        .header(reqwest::header::ACCEPT, "application/json")
        .header(reqwest::header::USER_AGENT, USER_AGENT);
    match (&secret, e.credentials_in_body) {
        (Some(s), true) => form.push(("client_secret", s.clone())),
        // RFC 6749 §2.3.1: the credentials form-urlencoded, then HTTP Basic.
        (Some(s), false) => request = request.basic_auth(urlencode(id), Some(urlencode(s))),
        (None, _) => {}
    }
    let token: Value = json_of(request.form(&form).send().await, "token endpoint").await?;
    let access_token = token.get("access_token").and_then(Value::as_str).ok_or_else(|| {
        FederationError::Rejected(format!("token endpoint: no access_token ({})", error_of(&token)))
    })?;
    let mut claims = match json_of(
        bearer(http, &e.userinfo_endpoint, access_token).send().await,
        "userinfo",
    )
    .await?
    {
        Value::Object(m) => m,
        _ => return Err(FederationError::Rejected("userinfo is not a JSON object".into())),
    };
    if let Some(url) = &e.emails_endpoint {
        let emails = json_of(bearer(http, url, access_token).send().await, "emails").await?;
        if let Some(primary) = emails.as_array().and_then(|a| {
            a.iter()
                .find(|m| m.get("primary").and_then(Value::as_bool) == Some(true))
        }) {
            claims.insert(
                "email".into(),
                primary.get("email").cloned().unwrap_or(Value::Null),
            );
            let verified = primary.get("verified").cloned().unwrap_or(Value::Bool(false));
            claims.insert("email_verified".into(), verified);
        }
    }
    let subject = super::mapping::text(&claims, &e.subject)
        .ok_or_else(|| FederationError::Rejected(format!("userinfo has no {}", e.subject)))?;
    Ok((subject, claims))
}

fn bearer(http: &reqwest::Client, url: &str, token: &str) -> reqwest::RequestBuilder {
    http.get(url)
        .bearer_auth(token)
        .header(reqwest::header::ACCEPT, "application/json")
        .header(reqwest::header::USER_AGENT, USER_AGENT)
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn error_of(v: &Value) -> String {
    v.get("error")
        .and_then(Value::as_str)
        .unwrap_or("no error code")
        .to_owned()
}

async fn json_of(resp: reqwest::Result<reqwest::Response>, what: &str) -> Result<Value> {
    let resp = resp.map_err(|e| FederationError::Upstream(format!("{what}: {e}")))?;
    let status = resp.status();
    let body: Value = resp
        .json()
        .await
        .map_err(|e| FederationError::Upstream(format!("{what}: HTTP {status}: {e}")))?;
    if !status.is_success() {
        return Err(FederationError::Rejected(format!(
            "{what}: HTTP {status} ({})",
            error_of(&body)
        )));
    }
    Ok(body)
}
