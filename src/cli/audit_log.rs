//! `portcullis audit [--user EMAIL] [--since …]`: the audit log, newest first, as text or JSON.

use clap::Args;

use std::collections::HashMap;

use super::output::{Output, iso, or_dash, table};
use super::{CliError, store};
use crate::config::Config;
use crate::domain::parse_duration;
use crate::domain::{Clock, SystemClock};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries about this user.
    #[arg(long, value_name = "EMAIL")]
    user: Option<String>,
    /// Only entries since this time: a duration ago (`30m`, `24h`, `7d`) or a Unix time.
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    /// At most this many entries.
    #[arg(long, default_value_t = 100)]
    limit: i64,
}

/// `7d` → seven days ago; a plain number is a Unix time.
fn parse_since(s: &str, now: i64) -> Result<i64, CliError> {
    let bad = || CliError::Usage(format!("--since {s:?}: use 30m, 24h, 7d or a Unix time"));
    if let Ok(t) = s.parse::<i64>() {
        return Ok(t);
    }
    parse_duration(s).map(|d| now - d).ok_or_else(bad)
}

impl AuditArgs {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let since = match &self.since {
            Some(s) => parse_since(s, SystemClock.now())?,
            None => 0,
        };
        let subject = match &self.user {
            Some(email) => Some(
                store
                    .users()
                    .user_by_email(email)
                    .await?
                    .ok_or_else(|| CliError::Usage(format!("no user with e-mail {email}")))?
                    .id,
            ),
            None => None,
        };
        let entries = store
            .audit()
            .audit_entries(subject.as_deref(), since, self.limit.clamp(1, 100_000))
            .await?;
        if out == Output::Json {
            out.print(&serde_json::json!(entries), String::new);
            return Ok(());
        }
        // Names next to ids: the subject's address while the account exists.
        let mut emails: HashMap<String, String> = HashMap::new();
        for id in entries.iter().filter_map(|e| e.subject_id.as_deref()) {
            if !emails.contains_key(id)
                && let Some(u) = store.users().user_by_id(id).await?
            {
                emails.insert(id.to_owned(), u.email);
            }
        }
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let user = match e.subject_id.as_deref() {
                    Some(id) => match emails.get(id) {
                        Some(email) => format!("{email} ({id})"),
                        None => id.to_owned(),
                    },
                    None => "-".into(),
                };
                vec![
                    iso(Some(e.at)),
                    e.action.clone(),
                    e.outcome.clone(),
                    or_dash(e.actor.as_deref()),
                    user,
                    or_dash(e.client_id.as_deref()),
                    or_dash(e.ip.as_deref()),
                    or_dash(e.request_id.as_deref()),
                    e.detail.to_string(),
                ]
            })
            .collect();
        out.print(&serde_json::Value::Null, || {
            table(
                &[
                    "TIME", "ACTION", "OUTCOME", "ACTOR", "USER", "CLIENT", "IP", "REQUEST", "DETAIL",
                ],
                &rows,
            )
        });
        Ok(())
    }
}
