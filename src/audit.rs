//! The audit log service: every security-relevant action, appended with who, whom, from where
//! and how it ended.
//!
//! A change (an account, a session, a consent, a client, a key) commits its entry in its own
//! transaction: the service builds it with [`Audit::entry`] and hands it to the store, so a
//! change is kept with its entry or not at all.
//!
//! Entries of attempts that change nothing (failures, refusals, issued tokens) are written by
//! one task with group commit: `record` returns once its entry is committed, and entries
//! recorded while a batch is being written share the next transaction, so concurrent actions
//! (a busy token endpoint) cost one commit between them, not one each. A failed write there
//! does not fail the attempt; it is logged as an error. An answer is sent only after its entry
//! is committed, so a token a client received is always in the log.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use crate::crypto::secrets::random_token;
use crate::domain::{AuditEntry, Clock, Origin};
use crate::store::{AuditStore, Store};

/// The most entries one transaction takes.
const MAX_BATCH: usize = 256;

#[derive(Clone)]
pub struct Audit {
    queue: mpsc::Sender<Pending>,
    clock: Arc<dyn Clock>,
}

/// An entry waiting for the writer, and who to tell once it is committed.
struct Pending {
    entry: AuditEntry,
    /// Whether the entry was committed.
    written: oneshot::Sender<bool>,
}

/// An audit entry that could not be committed (the database is unreachable); logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRecorded;

/// One action about to be recorded.
#[derive(Debug, Clone)]
pub struct Event {
    action: &'static str,
    success: bool,
    actor: Option<String>,
    subject: Option<String>,
    client: Option<String>,
    origin: Origin,
    detail: Value,
}

impl Event {
    pub fn success(action: &'static str) -> Event {
        Event::new(action, true)
    }

    pub fn failure(action: &'static str) -> Event {
        Event::new(action, false)
    }

    fn new(action: &'static str, success: bool) -> Event {
        Event {
            action,
            success,
            actor: None,
            subject: None,
            client: None,
            origin: Origin::default(),
            detail: Value::Object(Default::default()),
        }
    }

    /// The user the action concerns, who also performed it.
    pub fn by_user(self, user_id: &str) -> Event {
        self.actor(user_id).subject(user_id)
    }

    pub fn actor(mut self, actor: &str) -> Event {
        self.actor = Some(actor.to_owned());
        self
    }

    pub fn subject(mut self, user_id: &str) -> Event {
        self.subject = Some(user_id.to_owned());
        self
    }

    pub fn client(mut self, client_id: &str) -> Event {
        self.client = Some(client_id.to_owned());
        self
    }

    pub fn origin(mut self, origin: &Origin) -> Event {
        self.origin = origin.clone();
        self
    }

    /// Small JSON about the action. Never a secret, token or password.
    pub fn detail(mut self, detail: Value) -> Event {
        self.detail = detail;
        self
    }
}

tokio::task_local! {
    /// Where the request being served came from, for faces that act through services which
    /// take no origin (the admin API): see [`with_request_origin`].
    static REQUEST_ORIGIN: Origin;
}

/// Runs `f` with `origin` as the origin of the entries it makes that name none.
pub async fn with_request_origin<F: std::future::Future>(origin: Origin, f: F) -> F::Output {
    REQUEST_ORIGIN.scope(origin, f).await
}

impl Audit {
    /// Starts the writer task; it ends when the last `Audit` is dropped.
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Audit {
        let (queue, pending) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(write_batches(store.audit(), pending));
        Audit { queue, clock }
    }

    /// Entries waiting for the writer.
    pub fn queue_depth(&self) -> usize {
        self.queue.max_capacity() - self.queue.capacity()
    }

    /// The entry of a change, for the store to commit in the change's own transaction: a
    /// change is never kept without its entry (a crash between two commits could do that).
    pub fn entry(&self, e: Event) -> AuditEntry {
        entry(e, self.clock.now())
    }

    /// Appends an entry that goes with no change of its own (a refusal, a failed attempt),
    /// with group commit; returns once it is committed, or once its failure is logged.
    pub async fn record(&self, e: Event) {
        let _ = self.commit(e).await;
    }

    /// [`Self::record`] for what must not happen unrecorded (an issued token): says whether
    /// the entry was committed, so the caller can refuse to go on.
    pub async fn commit(&self, e: Event) -> Result<(), NotRecorded> {
        let action = e.action;
        let entry = self.entry(e);
        let (written, committed) = oneshot::channel();
        if self.queue.send(Pending { entry, written }).await.is_err() {
            tracing::error!(action, "audit writer stopped; entry not written");
            return Err(NotRecorded);
        }
        // The writer logged why when it answers false or stops.
        match committed.await {
            Ok(true) => Ok(()),
            _ => Err(NotRecorded),
        }
    }
}

/// The entry of `e` at `at`.
pub fn entry(mut e: Event, at: crate::domain::UnixTime) -> AuditEntry {
    if e.origin.ip.is_none() && e.origin.request_id.is_none() {
        // A change made for a request that named no origin itself (the management services,
        // shared with the command line, take only an actor) is stamped with the request's.
        if let Ok(o) = REQUEST_ORIGIN.try_with(Origin::clone) {
            e.origin = o;
        }
    }
    AuditEntry {
        id: entry_id(),
        at,
        action: e.action.to_owned(),
        outcome: if e.success { "success" } else { "failure" }.to_owned(),
        actor: e.actor,
        subject_id: e.subject,
        client_id: e.client,
        ip: e.origin.ip,
        user_agent: e.origin.user_agent.map(|ua| ua.chars().take(512).collect()),
        request_id: e.origin.request_id,
        detail: e.detail,
    }
}

/// A unique id that sorts by the time it was made, so entries of one second list in the order
/// they happened: 16 hex digits of nanoseconds since the epoch, then 8 random bytes.
fn entry_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    format!("{nanos:016x}{}", random_token(8))
}

/// The writer: takes what has queued up (at least one entry), commits it, answers, repeats.
async fn write_batches(log: AuditStore, mut pending: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while pending.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let entries: Vec<&AuditEntry> = batch.iter().map(|p| &p.entry).collect();
        let committed = match log.append_audit(&entries).await {
            Ok(()) => true,
            Err(err) => {
                let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
                tracing::error!(error = %err, ?actions, "audit entries could not be written");
                false
            }
        };
        for p in batch.drain(..) {
            let _ = p.written.send(committed);
        }
    }
}
