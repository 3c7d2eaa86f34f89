//! SSO sessions: one per browser login. The cookie holds a 256-bit random token; the database
//! holds its SHA-256, so a database leak does not hand out live sessions.

use std::sync::Arc;

use crate::config::Config;
use crate::crypto::secrets::{random_token, sha256_hex, token256};
use crate::domain::{AuditEntry, Clock, FactorUse, Level, Origin, UnixTime, amr};
use crate::store::{Session, Store, StoreError};

/// The session cookie's name; on https `Config::cookie_name` gives it the `__Host-` prefix.
pub const SESSION_COOKIE: &str = "portcullis_session";

/// Activity is recorded at most this often per session, to keep writes off the hot path.
const TOUCH_EVERY: i64 = 60;

#[derive(Clone)]
pub struct Sessions {
    store: Store,
    clock: Arc<dyn Clock>,
    config: Arc<Config>,
}

impl Sessions {
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: Arc<Config>) -> Self {
        Self { store, clock, config }
    }

    /// Starts a session of the factors the user proved, committed with the entry `entry` makes
    /// of it (the login's); returns it and the cookie value. `acr` and `amr` follow from the
    /// factors.
    pub async fn create(
        &self,
        user_id: &str,
        factors: Vec<FactorUse>,
        origin: Origin,
        entry: impl FnOnce(&Session) -> AuditEntry,
    ) -> Result<(Session, String), StoreError> {
        let now = self.clock.now();
        let token = token256();
        let s = Session {
            id: random_token(16),
            token_hash: sha256_hex(token.as_bytes()),
            user_id: user_id.to_owned(),
            auth_time: now,
            acr: Level::of(&factors).acr().to_owned(),
            amr: amr(&factors),
            factors,
            created_at: now,
            last_seen_at: now,
            expires_at: now + self.config.session_max_lifetime,
            ended_at: None,
            ip: origin.ip,
            user_agent: origin.user_agent.map(|ua| ua.chars().take(512).collect()),
        };
        self.store.sessions().insert_session(&s, &entry(&s)).await?;
        Ok((s, token))
    }

    /// Raises session `s` to `factors` (a step-up): new `acr`, `amr` and `auth_time`, and a new
    /// cookie value, committed with the step-up's entry. `None` when the session ended meanwhile.
    pub async fn raise(
        &self,
        mut s: Session,
        factors: Vec<FactorUse>,
        entry: impl FnOnce(&Session) -> AuditEntry,
    ) -> Result<Option<(Session, String)>, StoreError> {
        let token = token256();
        s.token_hash = sha256_hex(token.as_bytes());
        s.auth_time = self.clock.now();
        s.acr = Level::of(&factors).acr().to_owned();
        s.amr = amr(&factors);
        s.factors = factors;
        let raised = self.store.sessions().raise_session(&s, &entry(&s)).await?;
        Ok(raised.then_some((s, token)))
    }

    /// The live session behind a cookie value, if any; records activity.
    pub async fn current(&self, cookie: Option<&str>) -> Result<Option<Session>, StoreError> {
        let Some(token) = cookie.filter(|t| !t.is_empty() && t.len() <= 128) else {
            return Ok(None);
        };
        let now = self.clock.now();
        let Some(mut s) = self
            .store
            .sessions()
            .session_by_token_hash(&sha256_hex(token.as_bytes()))
            .await?
        else {
            return Ok(None);
        };
        if !s.is_active(now, self.config.session_idle_timeout) {
            return Ok(None);
        }
        if now - s.last_seen_at >= TOUCH_EVERY {
            self.store.sessions().touch_session(&s.id, now).await?;
            // What callers see is what the idle timeout now counts from.
            s.last_seen_at = now;
        }
        Ok(Some(s))
    }

    /// Ends the session and every grant bound to it, with the entry of why (none when a new
    /// login replaces it).
    pub async fn end(&self, session_id: &str, entry: Option<AuditEntry>) -> Result<(), StoreError> {
        self.store
            .sessions()
            .end_session(session_id, self.clock.now(), entry.as_ref())
            .await
    }

    pub async fn by_id(&self, session_id: &str) -> Result<Option<Session>, StoreError> {
        self.store.sessions().session(session_id).await
    }

    pub fn is_active(&self, s: &Session, now: UnixTime) -> bool {
        s.is_active(now, self.config.session_idle_timeout)
    }
}

impl Sessions {
    /// Records activity now, whatever the last record ("stay signed in").
    pub async fn touch_now(&self, session_id: &str) -> Result<(), StoreError> {
        self.store
            .sessions()
            .touch_session(session_id, self.clock.now())
            .await
    }
}
