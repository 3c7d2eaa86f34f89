-- The authentication engine: a session records each factor the user proved and when (JSON list of
-- {"method", "at"}), so a step-up asks only for what is missing and max_age applies per factor.
-- Sessions from before this migration have '[]' and count as a password at their auth_time.
ALTER TABLE sessions ADD COLUMN factors TEXT NOT NULL DEFAULT '[]';

-- A client may require a second factor from every user signing in to it.
ALTER TABLE clients ADD COLUMN require_mfa INTEGER NOT NULL DEFAULT 0;
