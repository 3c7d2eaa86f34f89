//! The audit log service: every security-relevant action, appended with who, whom, from where
//! and how it ended. Writing an entry never fails the action it records; a failed write is
//! logged as an error instead.

use std::sync::Arc;

use serde_json::Value;

use crate::crypto::secrets::random_token;
use crate::domain::{AuditEntry, Clock, Origin};
use crate::store::Store;

#[derive(Clone)]
pub struct Audit {
    store: Store,
    clock: Arc<dyn Clock>,
}

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

impl Audit {
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Audit {
        Audit { store, clock }
    }

    pub async fn record(&self, e: Event) {
        let entry = AuditEntry {
            id: random_token(12),
            at: self.clock.now(),
            action: e.action.to_owned(),
            outcome: if e.success { "success" } else { "failure" }.to_owned(),
            actor: e.actor,
            subject_id: e.subject,
            client_id: e.client,
            ip: e.origin.ip,
            user_agent: e.origin.user_agent.map(|ua| ua.chars().take(512).collect()),
            request_id: e.origin.request_id,
            detail: e.detail,
        };
        if let Err(err) = self.store.append_audit(&entry).await {
            tracing::error!(error = %err, action = e.action, "audit entry could not be written");
        }
    }
}
