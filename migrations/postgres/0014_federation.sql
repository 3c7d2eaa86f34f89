-- Upstream identity providers ("connections") users may sign in through. Kind-specific
-- settings (issuer, client id, scopes, claim mapping, linking policy) are one JSON document;
-- the client secret is sealed under the master key, never stored in clear.
CREATE TABLE identity_providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    settings TEXT NOT NULL,
    secret_sealed BYTEA,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- E-mail domains a connection claims: their users are sent to it (identity-first login). A
-- domain belongs to one connection.
CREATE TABLE identity_provider_domains (
    domain TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE
);
CREATE INDEX identity_provider_domains_provider ON identity_provider_domains (provider_id);

-- An account's links to upstream identities, keyed by (connection, upstream subject) and never
-- by e-mail. An account may hold several links, to one connection or several.
CREATE TABLE federated_identities (
    provider_id TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email TEXT,
    created_at BIGINT NOT NULL,
    last_login_at BIGINT,
    PRIMARY KEY (provider_id, subject)
);
CREATE INDEX federated_identities_user ON federated_identities (user_id);
