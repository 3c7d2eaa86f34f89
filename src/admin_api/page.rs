//! Lists: `limit` and opaque `cursor` in, `{"items": [...], "next_cursor": ...}` out.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use utoipa::ToSchema;

use super::Problem;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
    /// How many match in all, when asked for with `total=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

/// A whole (short) list.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T> {
    pub items: Vec<T>,
}

/// `limit`, 1 to `max`.
pub fn limit(raw: Option<&str>, max: i64) -> Result<i64, Problem> {
    match raw {
        None => Ok(DEFAULT_LIMIT.min(max)),
        Some(l) => l
            .parse::<i64>()
            .ok()
            .filter(|l| (1..=max).contains(l))
            .ok_or_else(|| Problem::invalid("#/query/limit", format!("limit must be 1-{max}"))),
    }
}

/// A position in a list ordered by (time, id): opaque to callers.
pub fn encode_cursor(at: i64, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{at}:{id}"))
}

pub fn decode_cursor(c: &str) -> Result<(i64, String), Problem> {
    let bad = || Problem::invalid("#/query/cursor", "cursor is not one this API gave");
    let raw = URL_SAFE_NO_PAD.decode(c).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (at, id) = text.split_once(':').ok_or_else(bad)?;
    Ok((at.parse().map_err(|_| bad())?, id.to_owned()))
}

/// Reads one more than `limit` to know whether a next page exists; cuts it off again.
pub fn page<R, T>(
    mut rows: Vec<R>,
    limit: i64,
    position: impl Fn(&R) -> (i64, String),
    view: impl Fn(R) -> T,
) -> Page<T> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => {
            let (at, id) = position(last);
            Some(encode_cursor(at, &id))
        }
        _ => None,
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
        total: None,
    }
}

/// A time in a query: Unix seconds.
pub fn time(raw: Option<&str>, name: &str) -> Result<Option<i64>, Problem> {
    raw.map(|t| {
        t.parse::<i64>()
            .map_err(|_| Problem::invalid(&format!("#/query/{name}"), format!("{name} must be Unix seconds")))
    })
    .transpose()
}
