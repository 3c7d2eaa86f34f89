//! Housekeeping every hour: deletes expired codes, token records and sessions so tables stay the
//! size of what is live, trims the audit log to its retention, erases accounts deleted longer
//! ago than their retention, and sign-ups never verified within their time to live.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::domain::Clock;
use crate::store::Store;

/// Rows are kept a day past expiry: long enough to recognise a replayed code or token.
const KEEP_AFTER_EXPIRY: i64 = 86_400;

pub fn spawn(store: Store, clock: Arc<dyn Clock>, config: Arc<Config>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            run_once(&store, clock.now(), &config).await;
        }
    });
}

/// One sweep; public so the tests can run it without waiting an hour.
pub async fn run_once(store: &Store, now: i64, config: &Config) {
    let swept = store.sweep_expired(now - KEEP_AFTER_EXPIRY).await;
    report("expired rows swept", swept);
    let trimmed = store.audit().trim_audit(now - config.audit_retention).await;
    report("audit entries past their retention removed", trimmed);
    let deleted = store
        .users()
        .purge_deleted_users(now - config.deleted_account_retention)
        .await;
    report("deleted accounts erased", deleted);
    // Only where an unverified account cannot be used: elsewhere it may be someone's live account.
    if config.require_verified_email {
        let unverified = store
            .users()
            .purge_unverified_users(now - config.unverified_account_ttl)
            .await;
        report("sign-ups never verified erased", unverified);
    }
}

/// Logs what one step removed; a failed step is logged and the next one still runs.
fn report(step: &'static str, result: crate::store::Result<u64>) {
    match result {
        Ok(0) => {}
        Ok(rows) => tracing::info!(rows, "{step}"),
        Err(e) => tracing::warn!(error = %e, "sweep step failed: {step}"),
    }
}
