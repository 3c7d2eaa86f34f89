-- Roles and groups (RBAC). A role is global (client_id NULL) or belongs to one application
-- (client roles); its permissions are a JSON list of "resource:action" strings. The built-in
-- roles are rows too, so that assignments can reference them, but their permissions come from
-- the code (domain/rbac.rs) and are not stored.
CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    client_id TEXT REFERENCES clients(client_id) ON DELETE CASCADE,
    description TEXT,
    permissions TEXT NOT NULL DEFAULT '[]',
    require_mfa INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
-- One name per application, and one among the global roles.
CREATE UNIQUE INDEX roles_name ON roles (COALESCE(client_id, ''), name);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

-- Groups hold users and roles: a member holds the group's roles.
CREATE TABLE user_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE user_group_members (
    group_id TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX user_group_members_user ON user_group_members (user_id);

CREATE TABLE user_group_roles (
    group_id TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, role_id)
);

INSERT INTO roles (id, name, description, builtin, created_at, updated_at) VALUES
    ('admin', 'admin', 'Every permission', 1, 0, 0),
    ('user-manager', 'user-manager', 'Manage users, their sessions and groups', 1, 0, 0),
    ('support', 'support', 'Read users, unlock them, resend verification, end sessions', 1, 0, 0),
    ('auditor', 'auditor', 'Read everything, change nothing', 1, 0, 0);
