//! RFC 9457 problem details: every error of the admin API, with field pointers (RFC 6901) when
//! the problem is in the request.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// An error (RFC 9457), served as `application/problem+json`. Boxed: handlers return it in
/// every `Result`, which stays small.
#[derive(Debug, Clone)]
pub struct Problem(Box<Details>);

/// Problem details (RFC 9457 §3).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Problem)]
pub struct Details {
    /// A URI naming the kind of problem (RFC 9457 §3.1.1); relative to the API.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Which parts of the request are wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// `WWW-Authenticate` of a 401.
    #[serde(skip)]
    challenge: Option<String>,
    /// `Retry-After` of a 429 or 503, in seconds.
    #[serde(skip)]
    retry_after: Option<u64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// A JSON pointer into the body (`/email`) or the query (`#/query/limit`).
    pub pointer: String,
    pub detail: String,
}

impl Problem {
    fn new(status: StatusCode, kind: &str, title: &str, detail: Option<String>) -> Problem {
        Problem(Box::new(Details {
            kind: format!("/admin/v1/problems/{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
            challenge: None,
            retry_after: None,
        }))
    }

    fn challenge(mut self, challenge: String) -> Problem {
        self.0.challenge = Some(challenge);
        self
    }

    fn retry_after(mut self, seconds: u64) -> Problem {
        self.0.retry_after = Some(seconds);
        self
    }

    fn errors(mut self, errors: Vec<FieldError>) -> Problem {
        self.0.errors = errors;
        self
    }

    fn detail(mut self, detail: String) -> Problem {
        self.0.detail = Some(detail);
        self
    }

    pub fn unauthenticated() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Authentication required",
            Some(
                "send an API key (`Authorization: Bearer pcak_…`) or an access token issued for this API"
                    .into(),
            ),
        )
        .challenge("Bearer".into())
    }

    /// RFC 9470 step-up: the token is good, but the sign-in behind it is not enough for this
    /// call; `params` say what is (`acr_values="2"`, `max_age=900`).
    pub fn insufficient_authentication(detail: &str, params: &str) -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "insufficient-authentication",
            "A stronger or more recent sign-in is needed",
            Some(detail.into()),
        )
        .challenge(format!(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"{detail}\", {params}"
        ))
    }

    pub fn forbidden(detail: String) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Permission denied",
            Some(detail),
        )
    }

    pub fn not_found(what: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            Some(format!("no such {what}")),
        )
    }

    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, "conflict", "Conflict", Some(detail.into()))
    }

    /// `If-Match` named another version than the current one (RFC 9110 §13.1.1).
    pub fn stale() -> Problem {
        Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "precondition-failed",
            "The resource changed",
            Some("If-Match does not name the current version: read it again, then change it".into()),
        )
    }

    pub fn too_many(retry_after: u64) -> Problem {
        Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            Some(format!("try again in {retry_after} s")),
        )
        .retry_after(retry_after)
    }

    pub fn invalid(pointer: &str, detail: impl Into<String>) -> Problem {
        Problem::invalid_fields(vec![FieldError {
            pointer: pointer.into(),
            detail: detail.into(),
        }])
    }

    /// Several problems in the request at once.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Problem {
        let detail = errors
            .iter()
            .map(|e| e.detail.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            Some(detail),
        )
        .errors(errors)
    }

    /// A failure of ours: the detail stays in the log, never in the answer.
    pub fn unavailable() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Service unavailable",
            None,
        )
        .retry_after(5)
    }
}

impl Problem {
    /// What the account rules refused, in English, each problem pointing at its field.
    pub fn from_authn(e: crate::authn::AuthnError, tr: &crate::i18n::Tr) -> Problem {
        use crate::authn::AuthnError;
        match e {
            AuthnError::Invalid(problems) => {
                let said = crate::web::problems::Problems::say(tr, &problems);
                Problem::invalid_fields(
                    said.iter()
                        .map(|(topic, text)| FieldError {
                            pointer: format!("/{topic}"),
                            detail: text.to_owned(),
                        })
                        .collect(),
                )
            }
            AuthnError::Store(crate::store::StoreError::Conflict) => {
                Problem::conflict("another account has this address").errors(vec![FieldError {
                    pointer: "/email".into(),
                    detail: "another account has this address".into(),
                }])
            }
            AuthnError::RateLimited(l) => Problem::too_many(l.retry_after),
            AuthnError::InvalidCredentials => {
                Problem::conflict("the account cannot sign in (disabled or deleted)")
            }
            AuthnError::Store(e) => e.into(),
            AuthnError::Cache(e) => e.into(),
            e => {
                tracing::error!(error = %e, "admin API: an account operation failed");
                Problem::unavailable()
            }
        }
    }
}

impl From<crate::store::StoreError> for Problem {
    fn from(e: crate::store::StoreError) -> Problem {
        match e {
            crate::store::StoreError::Conflict => Problem::conflict("it exists already"),
            e => {
                tracing::error!(error = %e, "admin API: the store failed");
                Problem::unavailable()
            }
        }
    }
}

impl From<crate::manage::ManageError> for Problem {
    fn from(e: crate::manage::ManageError) -> Problem {
        use crate::manage::ManageError;
        match e {
            ManageError::Store(e) => e.into(),
            ManageError::Crypto(e) => {
                tracing::error!(error = %e, "admin API: a key operation failed");
                Problem::unavailable()
            }
            ManageError::NotFound(m) => Problem::not_found("thing").detail(m),
            ManageError::Conflict(m) => Problem::conflict(m),
            e => Problem::invalid("", e.to_string()),
        }
    }
}

impl From<crate::cache::CacheError> for Problem {
    fn from(e: crate::cache::CacheError) -> Problem {
        tracing::error!(error = %e, "admin API: the cache failed");
        Problem::unavailable()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let Problem(details) = self;
        let status = StatusCode::from_u16(details.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, axum::Json(&details)).into_response();
        let headers = resp.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(v) = details.challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
            headers.insert(header::WWW_AUTHENTICATE, v);
        }
        if let Some(s) = details.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

/// The errors any call may answer, for the OpenAPI document.
pub struct Errors;

impl utoipa::IntoResponses for Errors {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::response::Response>> {
        use utoipa::openapi::content::ContentBuilder;
        use utoipa::openapi::response::ResponseBuilder;
        let problem = || {
            ContentBuilder::new()
                .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                .build()
        };
        [
            (
                "400",
                "The request is malformed or breaks a rule; `errors` points at the fields",
            ),
            (
                "401",
                "No valid credentials, or a sign-in too weak or too old for this call",
            ),
            ("403", "The caller lacks the permission this call needs"),
            ("404", "No such resource"),
            ("409", "The change conflicts with the current state"),
            ("412", "If-Match names an older version"),
            ("429", "Too many calls; see Retry-After"),
            ("503", "A dependency is unavailable; see Retry-After"),
        ]
        .into_iter()
        .map(|(status, description)| {
            let response = ResponseBuilder::new()
                .description(description)
                .content("application/problem+json", problem())
                .build();
            (status.to_owned(), response.into())
        })
        .collect()
    }
}
