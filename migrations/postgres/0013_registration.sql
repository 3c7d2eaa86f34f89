-- Client metadata from OpenID Connect Dynamic Client Registration §2 shown on the consent page.
ALTER TABLE clients ADD COLUMN logo_uri TEXT;
ALTER TABLE clients ADD COLUMN policy_uri TEXT;
ALTER TABLE clients ADD COLUMN tos_uri TEXT;
-- RFC 7592: the keyed hash of a dynamically registered client's registration access token.
ALTER TABLE clients ADD COLUMN registration_token_hash TEXT;

-- RFC 7591 §3: initial access tokens an administrator issues, by their keyed hash; each
-- registration spends one use.
CREATE TABLE initial_access_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    uses_left INTEGER NOT NULL,
    expires_at BIGINT,
    created_at BIGINT NOT NULL
);
