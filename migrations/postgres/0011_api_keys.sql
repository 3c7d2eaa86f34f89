-- API keys for the admin API: only a keyed hash of the key is stored. A key's rights are its
-- roles' permissions, and never more than its owner's (a key made from the command line has
-- no owner).
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    -- The key's first characters, shown in listings so an operator can tell keys apart.
    hint TEXT NOT NULL,
    owner_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_used_at BIGINT,
    revoked_at BIGINT
);

CREATE TABLE api_key_roles (
    key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (key_id, role_id)
);
