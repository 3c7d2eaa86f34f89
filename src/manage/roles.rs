//! Roles and groups as administrators manage them: custom roles (global or of one client),
//! who holds them, groups and their members. Built-in roles can be assigned, not changed.

use std::sync::Arc;

use serde_json::json;

use super::{ManageError, Result};
use crate::audit::{self, Event};
use crate::crypto::secrets::random_id;
use crate::domain::rbac::is_permission;
use crate::domain::{AuditEntry, Clock, Role, User};
use crate::store::roles::GroupRecord;
use crate::store::{ClientReader, RoleStore, Store, StoreError};

#[derive(Clone)]
pub struct Roles {
    roles: RoleStore,
    clients: ClientReader,
    clock: Arc<dyn Clock>,
}

/// A custom role to create.
#[derive(Debug, Clone, Default)]
pub struct NewRole {
    pub name: String,
    /// The client the role belongs to; `None` for a global role.
    pub client_id: Option<String>,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub require_mfa: bool,
}

/// A change to a custom role; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct RoleChange {
    /// `Some(None)` removes the description.
    pub description: Option<Option<String>>,
    pub permissions: Option<Vec<String>>,
    pub require_mfa: Option<bool>,
}

/// Permissions, each known, sorted and once.
fn clean_permissions(mut permissions: Vec<String>) -> Result<Vec<String>> {
    if let Some(p) = permissions.iter().find(|p| !is_permission(p)) {
        return Err(ManageError::Invalid(format!("permission {p:?} does not exist")));
    }
    permissions.sort();
    permissions.dedup();
    Ok(permissions)
}

/// Role and group names: what an operator types and a token carries.
fn check_name(what: &str, name: &str) -> Result<()> {
    let ok = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    match ok {
        true => Ok(()),
        false => Err(ManageError::Invalid(format!(
            "{what} name {name:?} must be 1-64 letters, digits, '-', '_', '.' or ':'"
        ))),
    }
}

impl Roles {
    pub fn new(store: &Store, clock: Arc<dyn Clock>) -> Roles {
        Roles {
            roles: store.roles(),
            clients: store.clients().reader(),
            clock,
        }
    }

    pub async fn list(&self) -> Result<Vec<Role>> {
        Ok(self.roles.list_roles().await?)
    }

    /// The role `name`: global, or with `client_id`, that client's.
    pub async fn find(&self, name: &str, client_id: Option<&str>) -> Result<Role> {
        self.roles
            .role_by_name(name, client_id)
            .await?
            .ok_or_else(|| match client_id {
                Some(c) => ManageError::NotFound(format!("no role {name} of client {c}")),
                None => ManageError::NotFound(format!("no role {name}")),
            })
    }

    pub async fn by_id(&self, id: &str) -> Result<Role> {
        self.roles
            .role(id)
            .await?
            .ok_or_else(|| ManageError::NotFound(format!("no role {id}")))
    }

    /// The global roles `names`, all of them or the first that does not exist.
    pub async fn find_global(&self, names: &[String]) -> Result<Vec<Role>> {
        let mut roles = Vec::with_capacity(names.len());
        for name in names {
            roles.push(self.find(name, None).await?);
        }
        Ok(roles)
    }

    pub async fn create(&self, new: NewRole, actor: &str) -> Result<Role> {
        check_name("role", &new.name)?;
        let permissions = clean_permissions(new.permissions)?;
        if let Some(c) = &new.client_id
            && self.clients.client(c).await?.is_none()
        {
            return Err(ManageError::NotFound(format!("no client {c}")));
        }
        let role = Role {
            id: random_id(12),
            name: new.name,
            client_id: new.client_id,
            description: new.description.filter(|d| !d.trim().is_empty()),
            permissions,
            require_mfa: new.require_mfa,
            builtin: false,
            created_at: self.clock.now(),
        };
        let entry = self.entry(
            Event::success("role.created").detail(json!({
                "role": role.id, "name": role.name, "client_id": role.client_id,
                "permissions": role.permissions, "require_mfa": role.require_mfa,
            })),
            actor,
        );
        self.roles.insert_role(&role, &entry).await.map_err(|e| match e {
            StoreError::Conflict => ManageError::Conflict(format!("a role named {} exists", role.name)),
            e => e.into(),
        })?;
        Ok(role)
    }

    /// Changes a custom role; its holders' rights change with it at once.
    pub async fn update(&self, role: &Role, change: RoleChange, actor: &str) -> Result<Role> {
        if role.builtin {
            return Err(ManageError::Invalid(format!("{} is built in", role.name)));
        }
        let mut updated = role.clone();
        if let Some(d) = change.description {
            updated.description = d.filter(|d| !d.trim().is_empty());
        }
        if let Some(p) = change.permissions {
            updated.permissions = clean_permissions(p)?;
        }
        if let Some(m) = change.require_mfa {
            updated.require_mfa = m;
        }
        if updated == *role {
            return Ok(updated);
        }
        let entry = self.entry(
            Event::success("role.updated").detail(json!({
                "role": role.id, "name": role.name,
                "permissions": updated.permissions, "require_mfa": updated.require_mfa,
            })),
            actor,
        );
        match self.roles.update_role(&updated, self.clock.now(), &entry).await? {
            true => Ok(updated),
            false => Err(ManageError::NotFound(format!("no role {}", role.name))),
        }
    }

    /// Deletes a custom role; whoever held it no longer does.
    pub async fn delete(&self, role: &Role, actor: &str) -> Result<()> {
        if role.builtin {
            return Err(ManageError::Invalid(format!("{} is built in", role.name)));
        }
        let entry = self.entry(
            Event::success("role.deleted").detail(json!({ "role": role.id, "name": role.name })),
            actor,
        );
        match self.roles.delete_role(&role.id, &entry).await? {
            true => Ok(()),
            false => Err(ManageError::NotFound(format!("no role {}", role.name))),
        }
    }

    /// Gives `user` the role; `false` when they held it already.
    pub async fn assign(&self, user: &User, role: &Role, actor: &str) -> Result<bool> {
        let entry = self.entry(
            Event::success("role.assigned")
                .subject(&user.id)
                .detail(json!({ "role": role.id, "name": role.name, "client_id": role.client_id })),
            actor,
        );
        let now = self.clock.now();
        Ok(self.roles.assign_role(&user.id, &role.id, now, &entry).await?)
    }

    /// Takes the role from `user`; `false` when they did not hold it directly.
    pub async fn unassign(&self, user: &User, role: &Role, actor: &str) -> Result<bool> {
        let entry = self.entry(
            Event::success("role.unassigned")
                .subject(&user.id)
                .detail(json!({ "role": role.id, "name": role.name, "client_id": role.client_id })),
            actor,
        );
        Ok(self.roles.unassign_role(&user.id, &role.id, &entry).await?)
    }

    /// Gives a client's service account the role (`grant` true) or takes it; whether it changed.
    pub async fn set_client_role(
        &self,
        client_id: &str,
        role: &Role,
        grant: bool,
        actor: &str,
    ) -> Result<bool> {
        if self.clients.client(client_id).await?.is_none() {
            return Err(ManageError::NotFound(format!("no client {client_id}")));
        }
        let action = if grant { "role.assigned" } else { "role.unassigned" };
        let entry = self.entry(
            Event::success(action)
                .client(client_id)
                .detail(json!({ "role": role.id, "name": role.name, "service_account": client_id })),
            actor,
        );
        Ok(match grant {
            true => {
                let now = self.clock.now();
                self.roles
                    .assign_client_role(client_id, &role.id, now, &entry)
                    .await?
            }
            false => {
                self.roles
                    .unassign_client_role(client_id, &role.id, &entry)
                    .await?
            }
        })
    }

    /// The roles of a client's service account.
    pub async fn of_client(&self, client_id: &str) -> Result<Vec<Role>> {
        Ok(self.roles.client_roles(client_id).await?)
    }

    /// The roles given to `user` directly.
    pub async fn direct_of_user(&self, user: &User) -> Result<Vec<Role>> {
        Ok(self.roles.direct_roles(&user.id).await?)
    }

    /// The groups `user` is a member of.
    pub async fn groups_of_user(&self, user: &User) -> Result<Vec<GroupRecord>> {
        Ok(self.roles.user_groups(&user.id).await?)
    }

    pub async fn group_by_id(&self, id: &str) -> Result<GroupRecord> {
        self.roles
            .group(id)
            .await?
            .ok_or_else(|| ManageError::NotFound(format!("no group {id}")))
    }

    /// A group's roles and the ids of its members.
    pub async fn group_contents(&self, group: &GroupRecord) -> Result<(Vec<Role>, Vec<String>)> {
        Ok((
            self.roles.group_roles(&group.id).await?,
            self.roles.group_members(&group.id).await?,
        ))
    }

    /// The roles `user` holds, their own and their groups'.
    pub async fn of_user(&self, user: &User) -> Result<Vec<Role>> {
        Ok(self.roles.user_roles(&user.id).await?)
    }

    pub async fn groups(&self) -> Result<Vec<GroupRecord>> {
        Ok(self.roles.list_groups().await?)
    }

    pub async fn group(&self, name: &str) -> Result<GroupRecord> {
        self.roles
            .group_by_name(name)
            .await?
            .ok_or_else(|| ManageError::NotFound(format!("no group {name}")))
    }

    pub async fn create_group(
        &self,
        name: &str,
        description: Option<String>,
        actor: &str,
    ) -> Result<GroupRecord> {
        check_name("group", name)?;
        let group = GroupRecord {
            id: random_id(12),
            name: name.to_owned(),
            description: description.filter(|d| !d.trim().is_empty()),
            created_at: self.clock.now(),
        };
        let entry = self.entry(
            Event::success("group.created").detail(json!({ "group": group.id, "name": group.name })),
            actor,
        );
        self.roles
            .insert_group(&group, &entry)
            .await
            .map_err(|e| match e {
                StoreError::Conflict => ManageError::Conflict(format!("a group named {name} exists")),
                e => e.into(),
            })?;
        Ok(group)
    }

    /// Renames a group (its members' tokens carry the new name from their next issuance) or
    /// changes its description; `description` `Some(None)` removes it.
    pub async fn update_group(
        &self,
        group: &GroupRecord,
        name: Option<String>,
        description: Option<Option<String>>,
        actor: &str,
    ) -> Result<GroupRecord> {
        let mut updated = group.clone();
        if let Some(n) = name {
            check_name("group", &n)?;
            updated.name = n;
        }
        if let Some(d) = description {
            updated.description = d.filter(|d| !d.trim().is_empty());
        }
        if updated == *group {
            return Ok(updated);
        }
        let entry = self.entry(
            Event::success("group.updated").detail(json!({ "group": group.id, "name": updated.name })),
            actor,
        );
        match self.roles.update_group(&updated, &entry).await {
            Ok(true) => Ok(updated),
            Ok(false) => Err(ManageError::NotFound(format!("no group {}", group.name))),
            Err(StoreError::Conflict) => Err(ManageError::Conflict(format!(
                "a group named {} exists",
                updated.name
            ))),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delete_group(&self, group: &GroupRecord, actor: &str) -> Result<()> {
        let entry = self.entry(
            Event::success("group.deleted").detail(json!({ "group": group.id, "name": group.name })),
            actor,
        );
        match self.roles.delete_group(&group.id, &entry).await? {
            true => Ok(()),
            false => Err(ManageError::NotFound(format!("no group {}", group.name))),
        }
    }

    /// Adds `user` to the group (`true`), or removes them (`add` false); whether it changed.
    pub async fn set_member(&self, group: &GroupRecord, user: &User, add: bool, actor: &str) -> Result<bool> {
        let action = if add {
            "group.member_added"
        } else {
            "group.member_removed"
        };
        let entry = self.entry(
            Event::success(action)
                .subject(&user.id)
                .detail(json!({ "group": group.id, "name": group.name })),
            actor,
        );
        Ok(match add {
            true => self.roles.add_member(&group.id, &user.id, &entry).await?,
            false => self.roles.remove_member(&group.id, &user.id, &entry).await?,
        })
    }

    /// Gives the group's members the role (`grant` true) or takes it; whether it changed.
    pub async fn set_group_role(
        &self,
        group: &GroupRecord,
        role: &Role,
        grant: bool,
        actor: &str,
    ) -> Result<bool> {
        let action = if grant {
            "group.role_granted"
        } else {
            "group.role_revoked"
        };
        let entry = self.entry(
            Event::success(action).detail(json!({
                "group": group.id, "name": group.name, "role": role.id, "role_name": role.name,
            })),
            actor,
        );
        Ok(match grant {
            true => self.roles.grant_group_role(&group.id, &role.id, &entry).await?,
            false => self.roles.revoke_group_role(&group.id, &role.id, &entry).await?,
        })
    }

    fn entry(&self, event: Event, actor: &str) -> AuditEntry {
        audit::entry(event.actor(actor), self.clock.now())
    }
}
