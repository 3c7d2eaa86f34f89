-- WebAuthn credentials: passkeys and security keys, one table for both (they differ only in
-- how they were asked for and so in what they prove, the `kind`).
--
-- Nothing here is secret: a credential is a public key and its counters, so, unlike TOTP
-- secrets, it is stored in clear. What must not be lost is its integrity, which the database
-- keeps like every other row.

CREATE TABLE mfa_webauthn (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Chosen by the user to tell their credentials apart ("YubiKey", "Laptop").
    name TEXT NOT NULL,
    -- The credential ID (WebAuthn §4) in base64url without padding. Unique across users: a
    -- passwordless sign-in finds its user by it (WebAuthn §7.2 step 6).
    credential_id TEXT NOT NULL UNIQUE,
    -- The user handle given to the authenticator (user.id, §5.4.3), the same for all of a
    -- user's credentials: a random UUID, not the user id, so an authenticator holds nothing
    -- that names the account. A discoverable credential returns it with each assertion.
    user_handle TEXT NOT NULL,
    -- The credential as webauthn-rs keeps it (its `Credential`, JSON): public key, algorithm,
    -- signature counter, backup flags, registration policy, attestation. Public key material
    -- only: not encrypted.
    credential TEXT NOT NULL,
    -- 'passkey' (user verification required, for signing in without a password) or
    -- 'security_key' (a roaming key as a second factor).
    kind TEXT NOT NULL CHECK (kind IN ('passkey', 'security_key')),
    -- Whether the browser said it created a discoverable credential (credProps.rk); NULL when
    -- it did not say. Unsigned, so for the pages only, never for a decision.
    discoverable BIGINT,
    -- The authenticator model (AAGUID, §6.5.1) as the registration reported it; NULL when
    -- withheld (all zero). Not proven without attestation.
    aaguid TEXT,
    -- Whether the authenticator verified the user (PIN, biometric) at registration.
    user_verified BIGINT NOT NULL,
    -- Whether the credential may be synced off the device (BE flag, §6.1): then it is not a
    -- hardware-bound key.
    backup_eligible BIGINT NOT NULL,
    -- The signature counter (§6.1.1), also inside `credential`; a column so that an
    -- assertion's update can require it to increase in the same statement.
    sign_count BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX mfa_webauthn_user ON mfa_webauthn(user_id, created_at);
