-- Where a user without a second factor stands on setting one up: when the guided set-up was
-- last offered (and put off), and since when the MFA policy has required one, which starts the
-- grace period (PORTCULLIS_MFA_GRACE_PERIOD).
CREATE TABLE mfa_setup (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    offered_at INTEGER,
    required_since INTEGER
);
