//! Roles, their holders and groups (RBAC). A user's roles are their own and their groups'.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Result, RoleReader, RoleStore, flag, json_list, to_json};
use crate::domain::rbac::builtin_permissions;
use crate::domain::{AuditEntry, Role, UnixTime};

macro_rules! columns {
    () => {
        "r.id, r.name, r.client_id, r.description, r.permissions, r.require_mfa, r.builtin, r.created_at"
    };
}

fn role(row: &AnyRow) -> Result<Role> {
    let id: String = row.try_get("id")?;
    let builtin = flag(row, "builtin")?;
    let permissions = match builtin_permissions(&id).filter(|_| builtin) {
        Some(p) => p.into_iter().map(str::to_owned).collect(),
        None => json_list(row, "permissions")?,
    };
    Ok(Role {
        name: row.try_get("name")?,
        client_id: row.try_get("client_id")?,
        description: row.try_get("description")?,
        permissions,
        require_mfa: flag(row, "require_mfa")?,
        builtin,
        created_at: row.try_get("created_at")?,
        id,
    })
}

/// A group of users holding roles together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub created_at: UnixTime,
}

impl RoleStore {
    /// Adds a custom role. `Conflict` when its name is taken (globally, or in its client).
    pub async fn insert_role(&self, r: &Role, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO roles (id, name, client_id, description, permissions, require_mfa, builtin, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)",
        )
        .bind(&r.id)
        .bind(&r.name)
        .bind(&r.client_id)
        .bind(&r.description)
        .bind(to_json(&r.permissions))
        .bind(r.require_mfa as i64)
        .bind(r.created_at);
        self.store.change(q, entry).await?;
        Ok(())
    }

    /// Changes a custom role's description, permissions and MFA requirement; `false` when
    /// there is no such custom role.
    pub async fn update_role(&self, r: &Role, now: UnixTime, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE roles SET description = $2, permissions = $3, require_mfa = $4, updated_at = $5 \
             WHERE id = $1 AND builtin = 0",
        )
        .bind(&r.id)
        .bind(&r.description)
        .bind(to_json(&r.permissions))
        .bind(r.require_mfa as i64)
        .bind(now);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Gives a client's service account the role; `false` when it held it already.
    pub async fn assign_client_role(
        &self,
        client_id: &str,
        role_id: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "INSERT INTO client_roles (client_id, role_id, granted_at) VALUES ($1, $2, $3) \
             ON CONFLICT (client_id, role_id) DO NOTHING",
        )
        .bind(client_id)
        .bind(role_id)
        .bind(now);
        Ok(self.store.change(q, entry).await? > 0)
    }

    pub async fn unassign_client_role(
        &self,
        client_id: &str,
        role_id: &str,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query("DELETE FROM client_roles WHERE client_id = $1 AND role_id = $2")
            .bind(client_id)
            .bind(role_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Renames a group or changes its description; `false` when there is none. `Conflict` when
    /// the name is taken.
    pub async fn update_group(&self, g: &GroupRecord, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("UPDATE user_groups SET name = $2, description = $3 WHERE id = $1")
            .bind(&g.id)
            .bind(&g.name)
            .bind(&g.description);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Deletes a custom role (its assignments go with it); `false` when there is none.
    pub async fn delete_role(&self, id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM roles WHERE id = $1 AND builtin = 0").bind(id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Gives the user the role; `false` when they held it already (nothing is audited then).
    pub async fn assign_role(
        &self,
        user_id: &str,
        role_id: &str,
        now: UnixTime,
        entry: &AuditEntry,
    ) -> Result<bool> {
        let q = sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, granted_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, role_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(role_id)
        .bind(now);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Takes the role from the user; `false` when they did not hold it directly.
    pub async fn unassign_role(&self, user_id: &str, role_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2")
            .bind(user_id)
            .bind(role_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Adds a group. `Conflict` when its name is taken.
    pub async fn insert_group(&self, g: &GroupRecord, entry: &AuditEntry) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO user_groups (id, name, description, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&g.id)
        .bind(&g.name)
        .bind(&g.description)
        .bind(g.created_at);
        self.store.change(q, entry).await?;
        Ok(())
    }

    pub async fn delete_group(&self, id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM user_groups WHERE id = $1").bind(id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Adds the user to the group; `false` when they were a member.
    pub async fn add_member(&self, group_id: &str, user_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query(
            "INSERT INTO user_group_members (group_id, user_id) VALUES ($1, $2) \
             ON CONFLICT (group_id, user_id) DO NOTHING",
        )
        .bind(group_id)
        .bind(user_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    pub async fn remove_member(&self, group_id: &str, user_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM user_group_members WHERE group_id = $1 AND user_id = $2")
            .bind(group_id)
            .bind(user_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    /// Gives the group's members the role; `false` when the group held it.
    pub async fn grant_group_role(&self, group_id: &str, role_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query(
            "INSERT INTO user_group_roles (group_id, role_id) VALUES ($1, $2) \
             ON CONFLICT (group_id, role_id) DO NOTHING",
        )
        .bind(group_id)
        .bind(role_id);
        Ok(self.store.change(q, entry).await? > 0)
    }

    pub async fn revoke_group_role(&self, group_id: &str, role_id: &str, entry: &AuditEntry) -> Result<bool> {
        let q = sqlx::query("DELETE FROM user_group_roles WHERE group_id = $1 AND role_id = $2")
            .bind(group_id)
            .bind(role_id);
        Ok(self.store.change(q, entry).await? > 0)
    }
}

impl RoleReader {
    pub async fn role(&self, id: &str) -> Result<Option<Role>> {
        let row = sqlx::query(concat!("SELECT ", columns!(), " FROM roles r WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(role).transpose()
    }

    /// The role named `name`: a global one, or, with `client_id`, that client's.
    pub async fn role_by_name(&self, name: &str, client_id: Option<&str>) -> Result<Option<Role>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r WHERE r.name = $1 AND COALESCE(r.client_id, '') = $2"
        ))
        .bind(name)
        .bind(client_id.unwrap_or(""))
        .fetch_optional(&self.store.pool)
        .await?;
        row.as_ref().map(role).transpose()
    }

    /// Every role: built-in first, then global, then by client; by name within each.
    pub async fn list_roles(&self) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r ORDER BY r.builtin DESC, COALESCE(r.client_id, ''), r.name"
        ))
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// The roles the user holds, directly or through a group, each once.
    pub async fn user_roles(&self, user_id: &str) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r WHERE r.id IN (\
               SELECT role_id FROM user_roles WHERE user_id = $1 \
               UNION SELECT gr.role_id FROM user_group_roles gr \
                 JOIN user_group_members m ON m.group_id = gr.group_id WHERE m.user_id = $1) \
             ORDER BY COALESCE(r.client_id, ''), r.name"
        ))
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// The roles given to the user directly (not through a group).
    pub async fn direct_roles(&self, user_id: &str) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r JOIN user_roles u ON u.role_id = r.id WHERE u.user_id = $1 \
             ORDER BY COALESCE(r.client_id, ''), r.name"
        ))
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// The roles of a client's service account.
    pub async fn client_roles(&self, client_id: &str) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r JOIN client_roles c ON c.role_id = r.id WHERE c.client_id = $1 ORDER BY r.name"
        ))
        .bind(client_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// The roles a group gives its members.
    pub async fn group_roles(&self, group_id: &str) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r JOIN user_group_roles g ON g.role_id = r.id WHERE g.group_id = $1 ORDER BY r.name"
        ))
        .bind(group_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// The ids of a group's members.
    pub async fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        let ids =
            sqlx::query_scalar("SELECT user_id FROM user_group_members WHERE group_id = $1 ORDER BY user_id")
                .bind(group_id)
                .fetch_all(&self.store.pool)
                .await?;
        Ok(ids)
    }

    pub async fn group(&self, id: &str) -> Result<Option<GroupRecord>> {
        let row = sqlx::query("SELECT id, name, description, created_at FROM user_groups g WHERE g.id = $1")
            .bind(id)
            .fetch_optional(&self.store.pool)
            .await?;
        row.as_ref().map(group).transpose()
    }

    /// The roles an API key carries.
    pub async fn key_roles(&self, key_id: &str) -> Result<Vec<Role>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM roles r JOIN api_key_roles k ON k.role_id = r.id WHERE k.key_id = $1 ORDER BY r.name"
        ))
        .bind(key_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(role).collect()
    }

    /// Whether a role the user holds (their own or a group's) requires a second factor.
    pub async fn requires_mfa(&self, user_id: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM roles r WHERE r.require_mfa = 1 AND r.id IN (\
               SELECT role_id FROM user_roles WHERE user_id = $1 \
               UNION SELECT gr.role_id FROM user_group_roles gr \
                 JOIN user_group_members m ON m.group_id = gr.group_id WHERE m.user_id = $1)",
        )
        .bind(user_id)
        .fetch_one(&self.store.pool)
        .await?;
        Ok(n > 0)
    }

    /// The groups the user is a member of, by name.
    pub async fn user_groups(&self, user_id: &str) -> Result<Vec<GroupRecord>> {
        let rows = sqlx::query(
            "SELECT g.id, g.name, g.description, g.created_at FROM user_groups g \
             JOIN user_group_members m ON m.group_id = g.id WHERE m.user_id = $1 ORDER BY g.name",
        )
        .bind(user_id)
        .fetch_all(&self.store.pool)
        .await?;
        rows.iter().map(group).collect()
    }

    pub async fn group_by_name(&self, name: &str) -> Result<Option<GroupRecord>> {
        let row =
            sqlx::query("SELECT id, name, description, created_at FROM user_groups g WHERE g.name = $1")
                .bind(name)
                .fetch_optional(&self.store.pool)
                .await?;
        row.as_ref().map(group).transpose()
    }

    pub async fn list_groups(&self) -> Result<Vec<GroupRecord>> {
        let rows = sqlx::query("SELECT id, name, description, created_at FROM user_groups g ORDER BY g.name")
            .fetch_all(&self.store.pool)
            .await?;
        rows.iter().map(group).collect()
    }
}

fn group(row: &AnyRow) -> Result<GroupRecord> {
    Ok(GroupRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        created_at: row.try_get("created_at")?,
    })
}
