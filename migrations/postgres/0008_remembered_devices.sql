-- "Don't ask again on this device": a browser that passed the second factor may skip it for a
-- while (PORTCULLIS_REMEMBER_DEVICE). The browser holds a random token; only its SHA-256 is
-- kept. A password change or reset forgets every device of the user.
CREATE TABLE remembered_devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX remembered_devices_user ON remembered_devices(user_id, created_at);
