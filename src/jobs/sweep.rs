//! Deletes expired codes, token records and sessions so tables stay the size of what is live.

use std::sync::Arc;
use std::time::Duration;

use crate::domain::Clock;
use crate::store::Store;

/// Rows are kept a day past expiry: long enough to recognise a replayed code or token.
const KEEP_AFTER_EXPIRY: i64 = 86_400;

pub fn spawn(store: Store, clock: Arc<dyn Clock>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match store.sweep_expired(clock.now() - KEEP_AFTER_EXPIRY).await {
                Ok(n) if n > 0 => tracing::info!(rows = n, "expired rows swept"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "expiry sweep failed"),
            }
        }
    });
}
