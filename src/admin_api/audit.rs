//! `/admin/v1/audit`: the audit log, newest first, filtered, a page at a time as JSON or as an
//! export (NDJSON or CSV, up to 10,000 entries per call, the next page's cursor in a `Link`
//! header).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::Query;
use super::page::{Page, decode_cursor, limit, page, time};
use super::problem::Errors;
use super::{Admin, Caller, Problem};
use crate::domain::AuditEntry;
use crate::store::AuditFilter;

/// The most entries one export answer carries.
const MAX_EXPORT: i64 = 10_000;

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditView {
    id: String,
    /// Unix seconds.
    at: i64,
    /// Dotted: `login.password`, `role.assigned`, ...
    action: String,
    /// `success` or `failure`.
    outcome: String,
    /// Who acted: a user id, `api_key:<id>`, `client:<id>`, `cli` or `system`.
    actor: Option<String>,
    /// The user it concerns.
    subject_id: Option<String>,
    client_id: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    request_id: Option<String>,
    detail: serde_json::Value,
}

impl From<AuditEntry> for AuditView {
    fn from(e: AuditEntry) -> AuditView {
        AuditView {
            id: e.id,
            at: e.at,
            action: e.action,
            outcome: e.outcome,
            actor: e.actor,
            subject_id: e.subject_id,
            client_id: e.client_id,
            ip: e.ip,
            user_agent: e.user_agent,
            request_id: e.request_id,
            detail: e.detail,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page size: 1-200 as JSON (default 50), up to 10,000 as an export.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 10000)]
    limit: Option<String>,
    cursor: Option<String>,
    /// An action (`login.password`), or a family with a trailing dot (`login.`).
    action: Option<String>,
    /// `success` or `failure`.
    outcome: Option<String>,
    actor: Option<String>,
    /// The user concerned.
    subject: Option<String>,
    client_id: Option<String>,
    ip: Option<String>,
    /// From this time (Unix seconds).
    #[param(value_type = Option<i64>)]
    since: Option<String>,
    /// Before this time (Unix seconds).
    #[param(value_type = Option<i64>)]
    until: Option<String>,
    /// `json` (default), `ndjson` or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|ndjson|csv)$")]
    format: Option<String>,
}

/// Query the audit log, newest first.
#[utoipa::path(get, path = "/admin/v1/audit", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "Entries", content(
            (Page<AuditView> = "application/json"),
            (String = "application/x-ndjson"),
            (String = "text/csv"))),
        Errors))]
pub async fn query(
    State(admin): State<Admin>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> Result<Response, Problem> {
    caller.require("audit:read")?;
    let format = q.format.as_deref().unwrap_or("json");
    let max = match format {
        "json" => super::page::MAX_LIMIT,
        "ndjson" | "csv" => MAX_EXPORT,
        _ => {
            return Err(Problem::invalid(
                "#/query/format",
                "format is json, ndjson or csv",
            ));
        }
    };
    let limit = limit(q.limit.as_deref(), max)?;
    let before = q.cursor.as_deref().map(decode_cursor).transpose()?;
    if let Some(o) = q
        .outcome
        .as_deref()
        .filter(|o| !matches!(*o, "success" | "failure"))
    {
        return Err(Problem::invalid(
            "#/query/outcome",
            format!("outcome {o:?} is success or failure"),
        ));
    }
    let filter = AuditFilter {
        action: q.action,
        outcome: q.outcome,
        actor: q.actor,
        subject_id: q.subject,
        client_id: q.client_id,
        ip: q.ip,
        since: time(q.since.as_deref(), "since")?,
        until: time(q.until.as_deref(), "until")?,
    };
    let rows = admin
        .provider
        .store
        .audit()
        .reader()
        .search_audit(
            &filter,
            before.as_ref().map(|(t, id)| (*t, id.as_str())),
            limit + 1,
        )
        .await?;
    let found = page(rows, limit, |e| (e.at, e.id.clone()), AuditView::from);
    Ok(match format {
        "json" => axum::Json(found).into_response(),
        "ndjson" => export(found, "application/x-ndjson", ndjson),
        _ => export(found, "text/csv; charset=utf-8", csv),
    })
}

fn export(found: Page<AuditView>, content_type: &'static str, write: fn(&[AuditView]) -> String) -> Response {
    let mut resp = (StatusCode::OK, write(&found.items)).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // RFC 8288: the next page, with the same filters and the cursor.
    if let Some(link) = found
        .next_cursor
        .and_then(|c| HeaderValue::from_str(&format!("<?cursor={c}>; rel=\"next\"")).ok())
    {
        h.insert(header::LINK, link);
    }
    resp
}

fn ndjson(items: &[AuditView]) -> String {
    items
        .iter()
        .filter_map(|e| serde_json::to_string(e).ok())
        .map(|line| line + "\n")
        .collect()
}

/// RFC 4180: a header line, then one line per entry, each field quoted.
fn csv(items: &[AuditView]) -> String {
    let mut out =
        String::from("id,at,action,outcome,actor,subject_id,client_id,ip,user_agent,request_id,detail\r\n");
    for e in items {
        let fields = [
            Some(e.id.clone()),
            Some(e.at.to_string()),
            Some(e.action.clone()),
            Some(e.outcome.clone()),
            e.actor.clone(),
            e.subject_id.clone(),
            e.client_id.clone(),
            e.ip.clone(),
            e.user_agent.clone(),
            e.request_id.clone(),
            Some(e.detail.to_string()),
        ];
        let line: Vec<String> = fields.iter().map(|f| quote(f.as_deref().unwrap_or(""))).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
/// opening the export does not run a user agent string as a formula.
fn quote(field: &str) -> String {
    let guarded = match field.starts_with(['=', '+', '-', '@']) {
        true => format!("'{field}"),
        false => field.to_owned(),
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(quote("plain"), "\"plain\"");
    }
}
