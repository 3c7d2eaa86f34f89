//! RFC 9457 problem details: every error of the admin API, with field pointers (RFC 6901) when
//! the problem is in the request.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// A URI naming the kind of problem (RFC 9457 §3.1.1); relative to the API.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Which parts of the request are wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    /// A JSON pointer into the body (`/email`) or the query (`#/query/limit`).
    pub pointer: String,
    pub detail: String,
}

impl Problem {
    fn new(status: StatusCode, kind: &'static str, title: &'static str, detail: Option<String>) -> Problem {
        Problem {
            kind,
            title,
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
        }
    }

    pub fn unauthenticated() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "/admin/v1/problems/unauthenticated",
            "Authentication required",
            Some("send an API key as `Authorization: Bearer pcak_…`".into()),
        )
    }

    pub fn forbidden(permission: &str) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "/admin/v1/problems/forbidden",
            "Permission denied",
            Some(format!("this call needs the {permission} permission")),
        )
    }

    pub fn not_found(what: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "/admin/v1/problems/not-found",
            "Not found",
            Some(format!("no {what}")),
        )
    }

    pub fn invalid(pointer: &str, detail: impl Into<String>) -> Problem {
        let detail = detail.into();
        Problem {
            errors: vec![FieldError {
                pointer: pointer.into(),
                detail: detail.clone(),
            }],
            ..Problem::new(
                StatusCode::BAD_REQUEST,
                "/admin/v1/problems/invalid-request",
                "Invalid request",
                Some(detail),
            )
        }
    }

    /// A failure of ours: the detail stays in the log, never in the answer.
    pub fn unavailable() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "/admin/v1/problems/unavailable",
            "Service unavailable",
            None,
        )
    }
}

impl From<crate::store::StoreError> for Problem {
    fn from(e: crate::store::StoreError) -> Problem {
        tracing::error!(error = %e, "admin API: the store failed");
        Problem::unavailable()
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
            ManageError::NotFound(m) => Problem {
                detail: Some(m),
                ..Problem::not_found("such thing")
            },
            e => Problem::invalid("", e.to_string()),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, axum::Json(&self)).into_response();
        let headers = resp.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        resp
    }
}
