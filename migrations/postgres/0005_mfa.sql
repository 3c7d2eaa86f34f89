-- Second factors: authenticator apps (TOTP, RFC 6238) and single-use recovery codes.
--
-- One table per kind of factor rather than one `mfa_authenticators` table with a `kind` column:
-- each kind has columns of its own (here a sealed secret and the last accepted time step; for
-- WebAuthn a credential id, public key and signature counter), which stay NOT NULL, checked and
-- indexed in their own table instead of nullable for every other kind. The services list a
-- user's factors across the tables.

CREATE TABLE mfa_totp (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Chosen by the user to tell their authenticators apart ("Phone", "Laptop").
    name TEXT NOT NULL,
    -- The shared secret sealed under the master key (field encryption); never stored in clear.
    secret BYTEA NOT NULL,
    -- The last time step a code was accepted for: a code of this step or an earlier one is
    -- refused, so each code works once (RFC 6238 §5.2).
    last_step BIGINT,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX mfa_totp_user ON mfa_totp(user_id, created_at);

-- A user's current set of recovery codes; generating a new set deletes the old one.
CREATE TABLE mfa_recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- HMAC-SHA256 of the code under a key derived from the master key: a stolen database alone
    -- does not give usable codes.
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set when the code is redeemed; a used code is never accepted again.
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
