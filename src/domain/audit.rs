use serde::Serialize;

use super::UnixTime;

/// One line of the audit log. `detail` is small JSON and never holds a secret, token or password.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: UnixTime,
    /// What happened, dotted: `login.password`, `token.issued`, `password.reset`, ...
    pub action: String,
    /// `success` or `failure`.
    pub outcome: String,
    /// Who did it: a user id, `client:<id>`, `cli` or `system`.
    pub actor: Option<String>,
    /// The user it concerns.
    pub subject_id: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub detail: serde_json::Value,
}
