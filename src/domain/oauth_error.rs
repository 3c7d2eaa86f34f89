//! OAuth 2.0 / OpenID Connect errors: one variant per error code of the specs.
//!
//! Use [`OAuthError`] for anything a client or relying party should see: its `code()` is the
//! RFC's `error` value and its description is safe to show. Internal failures (database, cache,
//! crypto) become [`OAuthError::ServerError`] through the `From` impls in `oidc/error.rs`, which
//! log the detail and hide it from the response.

use std::borrow::Cow;

type Desc = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// RFC 6749 §4.1.2.1 / §5.2
    #[error("invalid_request: {0}")]
    InvalidRequest(Desc),
    /// RFC 6749 §5.2
    #[error("invalid_client: {0}")]
    InvalidClient(Desc),
    /// RFC 6749 §5.2
    #[error("invalid_grant: {0}")]
    InvalidGrant(Desc),
    /// RFC 6749 §4.1.2.1 / §5.2
    #[error("unauthorized_client: {0}")]
    UnauthorizedClient(Desc),
    /// RFC 6749 §5.2
    #[error("unsupported_grant_type: {0}")]
    UnsupportedGrantType(Desc),
    /// RFC 6749 §4.1.2.1 / §5.2
    #[error("invalid_scope: {0}")]
    InvalidScope(Desc),
    /// RFC 6749 §4.1.2.1
    #[error("access_denied: {0}")]
    AccessDenied(Desc),
    /// RFC 6749 §4.1.2.1
    #[error("unsupported_response_type: {0}")]
    UnsupportedResponseType(Desc),
    /// RFC 6749 §4.1.2.1; the detail is logged, never shown.
    #[error("server_error")]
    ServerError,
    /// RFC 6749 §4.1.2.1
    #[error("temporarily_unavailable")]
    TemporarilyUnavailable,
    /// OIDC Core §3.1.2.6
    #[error("interaction_required: {0}")]
    InteractionRequired(Desc),
    /// OIDC Core §3.1.2.6
    #[error("login_required: {0}")]
    LoginRequired(Desc),
    /// OIDC Core §3.1.2.6
    #[error("consent_required: {0}")]
    ConsentRequired(Desc),
    /// OpenID Connect Core Unmet Authentication Requirements 1.0 §2: the essential `acr`
    /// asked for cannot be reached.
    #[error("unmet_authentication_requirements: {0}")]
    UnmetAuthenticationRequirements(Desc),
    /// OIDC Core §3.1.2.6
    #[error("request_not_supported")]
    RequestNotSupported,
    /// OIDC Core §3.1.2.6
    #[error("request_uri_not_supported")]
    RequestUriNotSupported,
    /// OIDC Core §3.1.2.6
    #[error("registration_not_supported")]
    RegistrationNotSupported,
    /// RFC 6750 §3.1
    #[error("invalid_token: {0}")]
    InvalidToken(Desc),
    /// RFC 6750 §3.1
    #[error("insufficient_scope: {0}")]
    InsufficientScope(Desc),
    /// RFC 7009 §2.2.1
    #[error("unsupported_token_type")]
    UnsupportedTokenType,
    /// RFC 8707 §2: a `resource` that is unknown, malformed or not for this client.
    #[error("invalid_target: {0}")]
    InvalidTarget(Desc),
    /// RFC 7591 §3.2.2
    #[error("invalid_redirect_uri: {0}")]
    InvalidRedirectUri(Desc),
    /// RFC 7591 §3.2.2
    #[error("invalid_client_metadata: {0}")]
    InvalidClientMetadata(Desc),
}

impl OAuthError {
    pub fn invalid_request(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidRequest(d.into())
    }
    pub fn invalid_client(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidClient(d.into())
    }
    pub fn invalid_grant(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidGrant(d.into())
    }
    pub fn invalid_scope(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidScope(d.into())
    }
    pub fn invalid_token(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidToken(d.into())
    }
    pub fn invalid_target(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidTarget(d.into())
    }
    pub fn invalid_client_metadata(d: impl Into<Desc>) -> Self {
        OAuthError::InvalidClientMetadata(d.into())
    }

    /// The `error` value.
    pub fn code(&self) -> &'static str {
        use OAuthError::*;
        match self {
            InvalidRequest(_) => "invalid_request",
            InvalidClient(_) => "invalid_client",
            InvalidGrant(_) => "invalid_grant",
            UnauthorizedClient(_) => "unauthorized_client",
            UnsupportedGrantType(_) => "unsupported_grant_type",
            InvalidScope(_) => "invalid_scope",
            AccessDenied(_) => "access_denied",
            UnsupportedResponseType(_) => "unsupported_response_type",
            ServerError => "server_error",
            TemporarilyUnavailable => "temporarily_unavailable",
            InteractionRequired(_) => "interaction_required",
            LoginRequired(_) => "login_required",
            ConsentRequired(_) => "consent_required",
            UnmetAuthenticationRequirements(_) => "unmet_authentication_requirements",
            RequestNotSupported => "request_not_supported",
            RequestUriNotSupported => "request_uri_not_supported",
            RegistrationNotSupported => "registration_not_supported",
            InvalidToken(_) => "invalid_token",
            InsufficientScope(_) => "insufficient_scope",
            UnsupportedTokenType => "unsupported_token_type",
            InvalidTarget(_) => "invalid_target",
            InvalidRedirectUri(_) => "invalid_redirect_uri",
            InvalidClientMetadata(_) => "invalid_client_metadata",
        }
    }

    /// The `error_description` value: always safe to show.
    pub fn description(&self) -> Option<&str> {
        use OAuthError::*;
        match self {
            InvalidRequest(d)
            | InvalidClient(d)
            | InvalidGrant(d)
            | UnauthorizedClient(d)
            | UnsupportedGrantType(d)
            | InvalidScope(d)
            | AccessDenied(d)
            | UnsupportedResponseType(d)
            | InteractionRequired(d)
            | LoginRequired(d)
            | ConsentRequired(d)
            | UnmetAuthenticationRequirements(d)
            | InvalidToken(d)
            | InsufficientScope(d)
            | InvalidTarget(d)
            | InvalidRedirectUri(d)
            | InvalidClientMetadata(d) => Some(d),
            ServerError => Some("the server could not complete the request"),
            TemporarilyUnavailable => Some("the server is temporarily unavailable"),
            RequestNotSupported => Some("the request parameter is not supported"),
            RequestUriNotSupported => Some("the request_uri parameter is not supported"),
            RegistrationNotSupported => Some("the registration parameter is not supported"),
            UnsupportedTokenType => Some("revocation of this token type is not supported"),
        }
    }

    /// HTTP status at the token, introspection, revocation and userinfo endpoints.
    pub fn status(&self) -> u16 {
        match self {
            OAuthError::InvalidClient(_) | OAuthError::InvalidToken(_) => 401,
            OAuthError::InsufficientScope(_) => 403,
            OAuthError::ServerError => 500,
            OAuthError::TemporarilyUnavailable => 503,
            _ => 400,
        }
    }
}
