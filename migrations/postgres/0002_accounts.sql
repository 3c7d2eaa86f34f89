-- Accounts: lockout state, deletion with a retention period, and the audit log.

ALTER TABLE users ADD COLUMN locked_until BIGINT;
-- How many times the account has been locked since its last successful login: the lockout
-- doubles with each one.
ALTER TABLE users ADD COLUMN lockouts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;
-- Set when the user deletes the account; the row is purged after the retention period.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
CREATE INDEX users_deleted ON users(deleted_at);
CREATE INDEX users_unverified ON users(email_verified, created_at);

-- Append-only record of security-relevant actions. Never a secret, token or password.
-- subject_id is the user's opaque id; once the user is purged nothing links it to a person.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    actor TEXT,
    subject_id TEXT,
    client_id TEXT,
    ip TEXT,
    user_agent TEXT,
    request_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_id, at DESC);
CREATE INDEX audit_log_at ON audit_log(at);
