//! The single-purpose checks of an authorization request, in the order `pipeline.rs` runs them.

use serde_json::{Map, Value};

use super::AuthorizeError;
use super::params::{DuplicateParam, Params};
use super::respond::AuthorizationResponse;
use crate::domain::{AuthorizationRequest, Client, GrantType, Prompt, ResponseMode, Scope};
use crate::oidc::claims::{SCOPES_SUPPORTED, parse_claims_request};
use crate::oidc::{OAuthError, Provider, pkce};

/// The request while it is being checked: what has been proven so far.
pub struct Checking {
    params: Params,
    client: Client,
    redirect_uri: String,
    state: Option<String>,
    response_mode: ResponseMode,
    scope: Scope,
    code_challenge: Option<String>,
    prompt: Prompt,
    max_age: Option<i64>,
    id_token_hint_sub: Option<String>,
    claims: Option<Value>,
    nonce: Option<String>,
    login_hint: Option<String>,
    idp_hint: Option<String>,
    ui_locales: Option<String>,
    claims_locales: Option<String>,
    acr_values: Option<String>,
}

/// Longest accepted value of a free-form parameter.
const MAX_PARAM_LEN: usize = 2048;

impl Checking {
    pub fn new(params: Params, client: Client) -> Self {
        Self {
            params,
            client,
            redirect_uri: String::new(),
            state: None,
            response_mode: ResponseMode::Query,
            scope: Scope::default(),
            code_challenge: None,
            prompt: Prompt::default(),
            max_age: None,
            id_token_hint_sub: None,
            claims: None,
            nonce: None,
            login_hint: None,
            idp_hint: None,
            ui_locales: None,
            claims_locales: None,
            acr_values: None,
        }
    }

    /// An error for the client's redirect_uri, carrying `state` and `iss`.
    fn redirect(&self, e: OAuthError) -> AuthorizeError {
        AuthorizeError::Redirect(AuthorizationResponse::error(
            &self.redirect_uri,
            self.response_mode,
            self.state.as_deref(),
            &e,
        ))
    }

    /// A parameter for a check after the redirect_uri is proven: duplicates are redirected.
    fn param(&self, name: &'static str) -> Result<Option<String>, AuthorizeError> {
        match self.params.get(name) {
            Ok(v) if v.is_some_and(|v| v.len() > MAX_PARAM_LEN) => {
                Err(self.redirect(OAuthError::invalid_request(format!("{name} is too long"))))
            }
            Ok(v) => Ok(v.map(str::to_owned)),
            Err(DuplicateParam(n)) => {
                Err(self.redirect(OAuthError::invalid_request(format!("{n} is repeated"))))
            }
        }
    }

    fn client(&self) -> &Client {
        &self.client
    }

    pub fn finish(self) -> (Client, AuthorizationRequest) {
        let client = self.client;
        let req = AuthorizationRequest {
            client_id: client.client_id.clone(),
            redirect_uri: self.redirect_uri,
            response_mode: self.response_mode,
            scope: self.scope,
            state: self.state,
            nonce: self.nonce,
            code_challenge: self.code_challenge,
            prompt: self.prompt,
            max_age: self.max_age,
            login_hint: self.login_hint,
            idp_hint: self.idp_hint,
            id_token_hint_sub: self.id_token_hint_sub,
            ui_locales: self.ui_locales,
            claims_locales: self.claims_locales,
            acr_values: self.acr_values,
            claims: self.claims,
        };
        (client, req)
    }
}

fn page_param<'a>(params: &'a Params, name: &'static str) -> Result<Option<&'a str>, AuthorizeError> {
    params.get(name).map_err(|DuplicateParam(n)| {
        AuthorizeError::Page(OAuthError::invalid_request(format!("{n} is repeated")))
    })
}

/// The client must exist (error page otherwise).
pub async fn load_client(p: &Provider, params: &Params) -> Result<Client, AuthorizeError> {
    let id = page_param(params, "client_id")?
        .ok_or_else(|| AuthorizeError::Page(OAuthError::invalid_request("client_id is missing")))?;
    p.store
        .clients()
        .client(id)
        .await
        .map_err(|e| AuthorizeError::Page(e.into()))?
        .ok_or_else(|| AuthorizeError::Page(OAuthError::invalid_client("the client is unknown")))
}

/// OIDC Core §3.1.2.1: redirect_uri must exactly match a registered one (error page otherwise).
/// It may be left out of a plain OAuth 2.0 request of a client with a single registered URI.
pub fn check_redirect_uri(r: &mut Checking) -> Result<(), AuthorizeError> {
    let given = page_param(&r.params, "redirect_uri")?.map(str::to_owned);
    let client = r.client();
    let uri = match given {
        Some(u) if client.redirect_uris.contains(&u) => u,
        Some(_) => {
            return Err(AuthorizeError::Page(OAuthError::invalid_request(
                "redirect_uri is not registered for this client",
            )));
        }
        None => {
            let is_oidc = r
                .params
                .get("scope")
                .ok()
                .flatten()
                .is_some_and(|s| Scope::parse(s).contains("openid"));
            match client.redirect_uris.as_slice() {
                [only] if !is_oidc => only.clone(),
                _ => {
                    return Err(AuthorizeError::Page(OAuthError::invalid_request(
                        "redirect_uri is missing",
                    )));
                }
            }
        }
    };
    r.redirect_uri = uri;
    Ok(())
}

pub fn read_state(r: &mut Checking) -> Result<(), AuthorizeError> {
    r.state = r.param("state")?;
    Ok(())
}

/// OAuth 2.0 Multiple Response Types §2.1 and Form Post Response Mode.
pub fn check_response_mode(r: &mut Checking) -> Result<(), AuthorizeError> {
    if let Some(m) = r.param("response_mode")? {
        r.response_mode = ResponseMode::parse(&m)
            .ok_or_else(|| r.redirect(OAuthError::invalid_request("response_mode is not supported")))?;
    }
    Ok(())
}

/// OIDC Core §6 request objects and §7.2.1 `registration` are not supported.
pub fn refuse_request_objects(r: &Checking) -> Result<(), AuthorizeError> {
    if r.param("request")?.is_some() {
        return Err(r.redirect(OAuthError::RequestNotSupported));
    }
    if r.param("request_uri")?.is_some() {
        return Err(r.redirect(OAuthError::RequestUriNotSupported));
    }
    if r.param("registration")?.is_some() {
        return Err(r.redirect(OAuthError::RegistrationNotSupported));
    }
    Ok(())
}

/// RFC 6749 §4.1.1: only `code`; and the client must be allowed the authorization_code grant.
pub fn check_response_type(r: &Checking) -> Result<(), AuthorizeError> {
    match r.param("response_type")?.as_deref() {
        None => Err(r.redirect(OAuthError::invalid_request("response_type is missing"))),
        Some("code") if r.client().allows_grant(GrantType::AuthorizationCode) => Ok(()),
        Some("code") => Err(r.redirect(OAuthError::UnauthorizedClient(
            "the client may not use the authorization code grant".into(),
        ))),
        Some(_) => Err(r.redirect(OAuthError::UnsupportedResponseType(
            "only response_type=code is supported".into(),
        ))),
    }
}

/// RFC 6749 §3.3, OIDC Core §5.4: unknown scope values are ignored; known ones the client is not
/// registered for are refused; `offline_access` needs the refresh_token grant (OIDC Core §11).
pub fn check_scope(r: &mut Checking) -> Result<(), AuthorizeError> {
    let requested =
        Scope::parse(&r.param("scope")?.unwrap_or_default()).retain(|s| SCOPES_SUPPORTED.contains(&s));
    if requested.is_empty() {
        return Err(r.redirect(OAuthError::invalid_scope(
            "scope is missing or has no supported value",
        )));
    }
    let client = r.client();
    if let Some(s) = requested
        .iter()
        .find(|s| !client.scope.contains(s) && *s != "offline_access")
    {
        return Err(r.redirect(OAuthError::invalid_scope(format!(
            "the client may not request scope {s}"
        ))));
    }
    let offline_ok = client.allows_grant(GrantType::RefreshToken) && client.scope.contains("offline_access");
    r.scope = if offline_ok {
        requested
    } else {
        requested.without("offline_access")
    };
    Ok(())
}

/// RFC 7636: S256 only; required for public clients, and for all when configured.
pub fn check_pkce(r: &mut Checking, require_pkce: bool) -> Result<(), AuthorizeError> {
    let challenge = r.param("code_challenge")?;
    let method = r.param("code_challenge_method")?;
    match (&challenge, method.as_deref()) {
        (Some(_), Some("S256")) => {}
        // RFC 7636 §4.3: an absent method means plain.
        (Some(_), None) | (Some(_), Some("plain")) => {
            return Err(r.redirect(OAuthError::invalid_request(
                "code_challenge_method must be S256 (plain is not allowed)",
            )));
        }
        (Some(_), Some(_)) => {
            return Err(r.redirect(OAuthError::invalid_request(
                "code_challenge_method is not supported",
            )));
        }
        (None, Some(_)) => return Err(r.redirect(OAuthError::invalid_request("code_challenge is missing"))),
        (None, None) if r.client().is_public() || require_pkce => {
            return Err(r.redirect(OAuthError::invalid_request(
                "PKCE (code_challenge with S256) is required",
            )));
        }
        (None, None) => {}
    }
    if challenge.as_deref().is_some_and(|c| !pkce::is_s256_challenge(c)) {
        return Err(r.redirect(OAuthError::invalid_request(
            "code_challenge is not a S256 challenge",
        )));
    }
    r.code_challenge = challenge;
    Ok(())
}

/// OIDC Core §3.1.2.1 `prompt`: `none` cannot be combined with another value.
pub fn check_prompt(r: &mut Checking) -> Result<(), AuthorizeError> {
    let raw = r.param("prompt")?.unwrap_or_default();
    let mut prompt = Prompt::default();
    for v in raw.split(' ').filter(|v| !v.is_empty()) {
        match v {
            "none" => prompt.none = true,
            "login" => prompt.login = true,
            "consent" => prompt.consent = true,
            "select_account" => prompt.select_account = true,
            // Acted on only when sign-up is on (decide.rs); otherwise ignored.
            "create" => prompt.create = true,
            other => {
                return Err(r.redirect(OAuthError::invalid_request(format!(
                    "prompt value {other} is not supported"
                ))));
            }
        }
    }
    if prompt.none && (prompt.login || prompt.consent || prompt.select_account || prompt.create) {
        return Err(r.redirect(OAuthError::invalid_request(
            "prompt=none cannot be combined with other values",
        )));
    }
    r.prompt = prompt;
    Ok(())
}

pub fn check_max_age(r: &mut Checking) -> Result<(), AuthorizeError> {
    if let Some(m) = r.param("max_age")? {
        let v = m.parse::<i64>().ok().filter(|v| *v >= 0).ok_or_else(|| {
            r.redirect(OAuthError::invalid_request(
                "max_age must be a non-negative integer",
            ))
        })?;
        r.max_age = Some(v);
    }
    Ok(())
}

/// OIDC Core §3.1.2.1 `id_token_hint`: an ID token we issued to this client (expiry ignored).
pub fn check_id_token_hint(
    r: &mut Checking,
    verify: &dyn Fn(&str) -> Option<Map<String, Value>>,
) -> Result<(), AuthorizeError> {
    let Some(hint) = r.param("id_token_hint")? else {
        return Ok(());
    };
    let claims = verify(&hint).ok_or_else(|| {
        r.redirect(OAuthError::invalid_request(
            "id_token_hint is not a valid ID token of this issuer",
        ))
    })?;
    let client_id = &r.client().client_id;
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == client_id,
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str() == Some(client_id)),
        _ => false,
    };
    if !aud_ok {
        return Err(r.redirect(OAuthError::invalid_request(
            "id_token_hint was not issued to this client",
        )));
    }
    r.id_token_hint_sub = claims.get("sub").and_then(Value::as_str).map(str::to_owned);
    Ok(())
}

/// OIDC Core §5.5 `claims`.
pub fn check_claims(r: &mut Checking) -> Result<(), AuthorizeError> {
    if let Some(raw) = r.param("claims")? {
        r.claims = Some(parse_claims_request(&raw).map_err(|e| r.redirect(OAuthError::invalid_request(e)))?);
    }
    Ok(())
}

/// Hints and locales are accepted as given (an `idp_hint` is looked up by the login page); `nonce` is carried into the ID token.
pub fn read_hints(r: &mut Checking) -> Result<(), AuthorizeError> {
    r.nonce = r.param("nonce")?;
    r.login_hint = r.param("login_hint")?;
    // Which upstream identity provider to send the user to (Keycloak's `kc_idp_hint`,
    // Okta's `idp`): an unknown one falls back to the login page.
    r.idp_hint = r.param("idp_hint")?;
    r.ui_locales = r.param("ui_locales")?;
    r.claims_locales = r.param("claims_locales")?;
    r.acr_values = r.param("acr_values")?;
    Ok(())
}
