//! How commands print: for a person, aligned tables and `label: value` lines with ISO 8601 UTC
//! times; for scripts, with `--json`, one JSON document (the shape every command printed
//! before tables existed, so scripts keep working).

use serde_json::Value;

/// Chosen by the global `--json` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Human,
    Json,
}

impl Output {
    pub fn json(json: bool) -> Output {
        if json { Output::Json } else { Output::Human }
    }

    /// Prints `json` for scripts, or the result of `human` for a person.
    pub fn print(self, json: &Value, human: impl FnOnce() -> String) {
        match self {
            Output::Json => println!("{json}"),
            Output::Human => {
                let text = human();
                println!("{}", text.trim_end());
            }
        }
    }
}

/// A Unix time as `2025-01-31T09:30:00Z`; `-` for none.
pub fn iso(t: Option<i64>) -> String {
    t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|d| d.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "-".into())
}

/// `-` for a missing value, so columns never collapse.
pub fn or_dash(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => "-".into(),
    }
}

/// Columns padded to their widest cell, two spaces apart; the last column is not padded.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "(none)".into();
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i + 1 == widths.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = line(&mut headers.iter().copied());
    for row in rows {
        out.push('\n');
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// `label: value` lines, the values aligned.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(label, value)| format!("{label}:{} {value}", " ".repeat(width - label.chars().count())))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_duration;

    #[test]
    fn tables_align_their_columns() {
        let t = table(
            &["EMAIL", "NAME", "ID"],
            &[
                vec!["ada@example.com".into(), "Ada".into(), "u1".into()],
                vec!["bo@x.io".into(), "-".into(), "u2".into()],
            ],
        );
        assert_eq!(
            t,
            "EMAIL            NAME  ID\nada@example.com  Ada   u1\nbo@x.io          -     u2"
        );
        assert_eq!(table(&["A"], &[]), "(none)");
    }

    #[test]
    fn times_are_iso_8601_utc() {
        assert_eq!(iso(Some(0)), "1970-01-01T00:00:00Z");
        assert_eq!(iso(None), "-");
    }

    #[test]
    fn fields_align_their_values() {
        assert_eq!(
            fields(&[("id", "1".into()), ("email", "a@b.c".into())]),
            "id:    1\nemail: a@b.c"
        );
    }

    #[test]
    fn durations_read_as_people_type_them() {
        assert_eq!(parse_duration("90d"), Some(90 * 86_400));
        assert_eq!(parse_duration("12h"), Some(43_200));
        assert_eq!(parse_duration("30m"), Some(1_800));
        assert_eq!(parse_duration("45"), Some(45));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("d"), None);
        assert_eq!(parse_duration("9999999999999999d"), None);
    }
}
