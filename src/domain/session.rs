//! The SSO session: one per browser login.

use super::{FactorUse, UnixTime};

#[derive(Debug, Clone)]
pub struct Session {
    /// The public session id, the ID token's `sid`.
    pub id: String,
    pub token_hash: String,
    pub user_id: String,
    pub auth_time: UnixTime,
    pub acr: String,
    pub amr: Vec<String>,
    /// Each factor the user proved in this session, with its time: a step-up adds one.
    pub factors: Vec<FactorUse>,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    pub expires_at: UnixTime,
    pub ended_at: Option<UnixTime>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl Session {
    /// Live: not ended, not past its absolute lifetime, not idle longer than `idle_timeout`.
    pub fn is_active(&self, now: UnixTime, idle_timeout: i64) -> bool {
        self.ended_at.is_none() && now < self.expires_at && now - self.last_seen_at < idle_timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            id: "sid".into(),
            token_hash: "h".into(),
            user_id: "u".into(),
            auth_time: 1_000,
            acr: "1".into(),
            amr: vec!["pwd".into()],
            factors: Vec::new(),
            created_at: 1_000,
            last_seen_at: 5_000,
            expires_at: 10_000,
            ended_at: None,
            ip: None,
            user_agent: None,
        }
    }

    #[test]
    fn idle_time_counts_from_the_last_activity_not_the_login() {
        let s = session();
        // 4,000 s after the login but 999 s after the last activity: alive with a 1,000 s timeout.
        assert!(s.is_active(5_999, 1_000));
        assert!(!s.is_active(6_000, 1_000));
    }

    #[test]
    fn the_absolute_lifetime_ends_a_session_in_use() {
        let mut s = session();
        s.last_seen_at = 9_999;
        assert!(s.is_active(9_999, 1_000));
        assert!(!s.is_active(10_000, 1_000));
    }

    #[test]
    fn an_ended_session_is_over() {
        let mut s = session();
        s.ended_at = Some(5_500);
        assert!(!s.is_active(5_600, 1_000));
    }
}
