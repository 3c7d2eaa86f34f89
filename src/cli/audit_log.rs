//! `portcullis audit [--user EMAIL] [--since …]`: the audit log, newest first, as text or JSON.

use clap::Args;

use super::{CliError, print_json, store};
use crate::config::Config;
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
    /// One JSON array instead of lines of text.
    #[arg(long)]
    json: bool,
}

/// `7d` → seven days ago; a plain number is a Unix time.
fn parse_since(s: &str, now: i64) -> Result<i64, CliError> {
    let bad = || CliError::Usage(format!("--since {s:?}: use 30m, 24h, 7d or a Unix time"));
    if let Ok(t) = s.parse::<i64>() {
        return Ok(t);
    }
    let (n, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = n.parse().map_err(|_| bad())?;
    let unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    Ok(now - n * unit)
}

impl AuditArgs {
    pub async fn run(self, config: &Config) -> Result<(), CliError> {
        let store = store(config).await?;
        let since = match &self.since {
            Some(s) => parse_since(s, SystemClock.now())?,
            None => 0,
        };
        let subject = match &self.user {
            Some(email) => Some(
                store
                    .user_by_email(email)
                    .await?
                    .ok_or_else(|| CliError::Usage(format!("no user with e-mail {email}")))?
                    .id,
            ),
            None => None,
        };
        let entries = store
            .audit_entries(subject.as_deref(), since, self.limit.clamp(1, 100_000))
            .await?;
        if self.json {
            print_json(&serde_json::json!(entries));
            return Ok(());
        }
        for e in entries {
            let when = time::OffsetDateTime::from_unix_timestamp(e.at)
                .map(|d| d.to_string())
                .unwrap_or_default();
            println!(
                "{when}  {:<24} {:<7} actor={} subject={} client={} ip={} request={} {}",
                e.action,
                e.outcome,
                e.actor.as_deref().unwrap_or("-"),
                e.subject_id.as_deref().unwrap_or("-"),
                e.client_id.as_deref().unwrap_or("-"),
                e.ip.as_deref().unwrap_or("-"),
                e.request_id.as_deref().unwrap_or("-"),
                e.detail
            );
        }
        Ok(())
    }
}
