-- Operators describe a client for the pages: its home page (OIDC Dynamic Client Registration
-- client_uri) and its logo. The logo lives in the database so that every node serves it.

ALTER TABLE clients ADD COLUMN client_uri TEXT;

CREATE TABLE client_logos (
    client_id TEXT PRIMARY KEY REFERENCES clients(client_id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    -- A short hash of the body: pages put it in the logo's URL so browsers fetch a new logo.
    version TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
