-- The admin API lists users in creation order with keyset cursors, (created_at, id), and leaves
-- deleted accounts out unless asked: one index serves the order, the cursor and that filter.
CREATE INDEX users_live ON users (created_at, id) WHERE deleted_at IS NULL;
-- The purge reads deleted accounts only; indexed so, the index is small and the planner never
-- prefers it for live ones.
DROP INDEX users_deleted;
CREATE INDEX users_deleted ON users (deleted_at) WHERE deleted_at IS NOT NULL;
-- Audit queries by who acted.
CREATE INDEX audit_log_actor ON audit_log (actor, at);

-- Service accounts: a client using the client_credentials grant acts with these roles when it
-- calls the admin API.
CREATE TABLE client_roles (
    client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, role_id)
);
CREATE INDEX client_roles_role ON client_roles (role_id);
