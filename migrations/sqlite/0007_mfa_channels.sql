-- Codes sent by mail or text message as a second factor. A user turns a channel on for their
-- verified address or phone; the codes themselves live only in the cache (hashed, five
-- minutes), so this table only says which channels the user chose.
CREATE TABLE mfa_channels (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- 'email' or 'sms'.
    channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    PRIMARY KEY (user_id, channel)
);
