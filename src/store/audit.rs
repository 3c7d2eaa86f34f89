//! The audit log: appended to, read newest first per user or by time range, and trimmed.

use crate::store::{AuditReader, AuditStore};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::filter::{Arg, Conditions, escape_like};
use super::{Result, Store};
use crate::domain::{AuditEntry, UnixTime};

macro_rules! columns {
    () => {
        "id, at, action, outcome, actor, subject_id, client_id, ip, user_agent, request_id, detail"
    };
}

fn entry(row: &AnyRow) -> Result<AuditEntry> {
    let detail: String = row.try_get("detail")?;
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        action: row.try_get("action")?,
        outcome: row.try_get("outcome")?,
        actor: row.try_get("actor")?,
        subject_id: row.try_get("subject_id")?,
        client_id: row.try_get("client_id")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
        request_id: row.try_get("request_id")?,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
    })
}

/// Appends `e` inside the transaction of the change it records.
pub(super) async fn append(tx: &mut sqlx::Transaction<'_, sqlx::Any>, e: &AuditEntry) -> Result<()> {
    insert(&[e]).execute(&mut **tx).await?;
    Ok(())
}

/// One INSERT of all `entries`: a single statement is atomic without a transaction, and it is
/// one trip to the database (on SQLite, to its thread) however many entries the batch holds.
fn insert<'q>(entries: &[&'q AuditEntry]) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    const COLUMNS: usize = 11;
    // Only placeholders are written into the text; every value is bound.
    let rows: Vec<String> = (0..entries.len())
        .map(|row| {
            let params: Vec<String> = (1..=COLUMNS).map(|c| format!("${}", row * COLUMNS + c)).collect();
            format!("({})", params.join(","))
        })
        .collect();
    let sql = format!(
        concat!("INSERT INTO audit_log (", columns!(), ") VALUES {}"),
        rows.join(",")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(entries.len() == 1);
    for e in entries {
        q = q
            .bind(&e.id)
            .bind(e.at)
            .bind(&e.action)
            .bind(&e.outcome)
            .bind(&e.actor)
            .bind(&e.subject_id)
            .bind(&e.client_id)
            .bind(&e.ip)
            .bind(&e.user_agent)
            .bind(&e.request_id)
            .bind(e.detail.to_string());
    }
    q
}

impl AuditStore {
    /// Appends entries in one statement: one commit for the lot, all or none.
    pub async fn append_audit(&self, entries: &[&AuditEntry]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        insert(entries).execute(&self.store.writer).await?;
        Ok(())
    }

    /// Deletes entries older than `before` (the retention setting).
    pub async fn trim_audit(&self, before: UnixTime) -> Result<u64> {
        let r = sqlx::query("DELETE FROM audit_log WHERE at < $1")
            .bind(before)
            .execute(&self.store.writer)
            .await?;
        Ok(r.rows_affected())
    }
}

impl AuditReader {
    /// Entries at or after `since`, optionally about one user, newest first.
    pub async fn audit_entries(
        &self,
        subject_id: Option<&str>,
        since: UnixTime,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let rows =
            match subject_id {
                Some(s) => sqlx::query(concat!(
                    "SELECT ",
                    columns!(),
                    " FROM audit_log WHERE subject_id = $1 AND at >= $2 ORDER BY at DESC, id DESC LIMIT $3"
                ))
                .bind(s)
                .bind(since)
                .bind(limit)
                .fetch_all(&self.store.pool)
                .await?,
                None => {
                    sqlx::query(concat!(
                        "SELECT ",
                        columns!(),
                        " FROM audit_log WHERE at >= $1 ORDER BY at DESC, id DESC LIMIT $2"
                    ))
                    .bind(since)
                    .bind(limit)
                    .fetch_all(&self.store.pool)
                    .await?
                }
            };
        rows.iter().map(entry).collect()
    }
}

/// Which entries an audit query asks for; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// An action (`login.password`), or a family of them with a trailing dot (`login.`).
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub actor: Option<String>,
    pub subject_id: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub since: Option<UnixTime>,
    pub until: Option<UnixTime>,
}

impl AuditReader {
    /// Up to `limit` entries matching `filter`, newest first, older than `before` (the time
    /// and id of the last one seen): keyset pagination.
    pub async fn search_audit(
        &self,
        filter: &AuditFilter,
        before: Option<(UnixTime, &str)>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let mut c = Conditions::default();
        match filter.action.as_deref() {
            Some(family) if family.ends_with('.') => c.with(
                "action LIKE $? ESCAPE '\\'",
                Arg::Text(format!("{}%", escape_like(family))),
            ),
            Some(action) => c.with("action = $?", Arg::Text(action.to_owned())),
            None => {}
        }
        let exact = [
            ("outcome", &filter.outcome),
            ("actor", &filter.actor),
            ("subject_id", &filter.subject_id),
            ("client_id", &filter.client_id),
            ("ip", &filter.ip),
        ];
        for (column, value) in exact {
            if let Some(v) = value {
                c.with(&format!("{column} = $?"), Arg::Text(v.clone()));
            }
        }
        if let Some(t) = filter.since {
            c.with("at >= $?", Arg::Int(t));
        }
        if let Some(t) = filter.until {
            c.with("at < $?", Arg::Int(t));
        }
        if let Some((at, id)) = before {
            let at = c.then(Arg::Int(at));
            let id = c.then(Arg::Text(id.to_owned()));
            c.fixed(&format!("(at, id) < ({at}, {id})"));
        }
        let limit = c.then(Arg::Int(limit));
        let sql = format!(
            concat!(
                "SELECT ",
                columns!(),
                " FROM audit_log WHERE 1 = 1{} ORDER BY at DESC, id DESC LIMIT {}"
            ),
            c.sql(),
            limit
        );
        let rows = c.query(sql).fetch_all(&self.store.pool).await?;
        rows.iter().map(entry).collect()
    }
}

impl Store {
    /// Runs one statement of a change and appends its entry in the same transaction. A
    /// statement that changed no row changed nothing: it commits no entry either.
    pub(super) async fn change<'q>(
        &self,
        statement: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
        entry: &AuditEntry,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let n = statement
            .execute(&mut *tx)
            .await
            .map_err(super::conflict_or)?
            .rows_affected();
        if n > 0 {
            append(&mut tx, entry).await?;
        }
        tx.commit().await?;
        Ok(n)
    }
}
