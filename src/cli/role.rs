//! `portcullis role …` and `portcullis group …`: roles, who holds them, and groups, through the
//! roles service (manage/roles.rs).

use std::sync::Arc;

use clap::{Args, Subcommand};
use serde_json::json;

use super::output::{Output, iso, or_dash, table};
use super::user::find;
use super::{ACTOR, CliError, store};
use crate::config::Config;
use crate::domain::{Role, SystemClock};
use crate::manage::Roles;
use crate::manage::roles::NewRole;

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// List roles: built-in, global and client roles, with their permissions.
    List,
    /// Create a custom role.
    Create(CreateRoleArgs),
    /// Delete a custom role; whoever held it no longer does.
    Delete(RoleRef),
    /// Give a user a role.
    Assign {
        /// The user's e-mail address.
        email: String,
        #[command(flatten)]
        role: RoleRef,
    },
    /// Take a role from a user.
    Unassign {
        /// The user's e-mail address.
        email: String,
        #[command(flatten)]
        role: RoleRef,
    },
    /// The roles a user holds, their own and their groups'.
    Show {
        /// The user's e-mail address.
        email: String,
    },
}

/// A role by name: global, or with --client, that client's.
#[derive(Debug, Args)]
pub struct RoleRef {
    /// The role's name.
    role: String,
    /// The client the role belongs to (a client role).
    #[arg(long = "client", value_name = "CLIENT_ID")]
    client_id: Option<String>,
}

#[derive(Debug, Args)]
pub struct CreateRoleArgs {
    /// The role's name, as tokens carry it.
    #[arg(long)]
    name: String,
    /// The client the role belongs to (default: a global role).
    #[arg(long = "client", value_name = "CLIENT_ID")]
    client_id: Option<String>,
    /// A permission, `resource:action` (repeatable).
    #[arg(long = "permission", value_name = "PERMISSION")]
    permissions: Vec<String>,
    /// Holders pass a second factor at every sign-in.
    #[arg(long = "require-mfa")]
    require_mfa: bool,
    #[arg(long)]
    description: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List groups.
    List,
    /// Create a group.
    Create {
        name: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Delete a group; its members no longer hold its roles.
    Delete { name: String },
    /// Add a user to a group.
    Add { name: String, email: String },
    /// Remove a user from a group.
    Remove { name: String, email: String },
    /// Give a group's members a role.
    Grant {
        name: String,
        #[command(flatten)]
        role: RoleRef,
    },
    /// Take a role from a group.
    Revoke {
        name: String,
        #[command(flatten)]
        role: RoleRef,
    },
}

impl RoleCommand {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let roles = Roles::new(&store, Arc::new(SystemClock));
        match self {
            RoleCommand::List => {
                let all = roles.list().await?;
                out.print(&json!(all.iter().map(describe).collect::<Vec<_>>()), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|r| {
                            vec![
                                r.name.clone(),
                                or_dash(r.client_id.as_deref()),
                                if r.builtin { "built-in" } else { "custom" }.into(),
                                if r.require_mfa { "yes" } else { "no" }.into(),
                                r.permissions.join(" "),
                            ]
                        })
                        .collect();
                    table(&["ROLE", "CLIENT", "KIND", "MFA", "PERMISSIONS"], &rows)
                });
            }
            RoleCommand::Create(a) => {
                let new = NewRole {
                    name: a.name,
                    client_id: a.client_id,
                    description: a.description,
                    permissions: a.permissions,
                    require_mfa: a.require_mfa,
                };
                let role = roles.create(new, ACTOR).await?;
                out.print(&describe(&role), || format!("created role {}", role.name));
            }
            RoleCommand::Delete(r) => {
                let role = roles.find(&r.role, r.client_id.as_deref()).await?;
                roles.delete(&role, ACTOR).await?;
                out.print(&json!({"deleted": role.id}), || {
                    format!("deleted role {}", role.name)
                });
            }
            RoleCommand::Assign { email, role } => {
                let user = find(&store, &email).await?;
                let role = roles.find(&role.role, role.client_id.as_deref()).await?;
                let changed = roles.assign(&user, &role, ACTOR).await?;
                out.print(
                    &json!({"user": user.id, "email": user.email, "role": role.name, "changed": changed}),
                    || match changed {
                        true => format!("{} now holds {}", user.email, role.name),
                        false => format!("{} already held {}", user.email, role.name),
                    },
                );
            }
            RoleCommand::Unassign { email, role } => {
                let user = find(&store, &email).await?;
                let role = roles.find(&role.role, role.client_id.as_deref()).await?;
                let changed = roles.unassign(&user, &role, ACTOR).await?;
                out.print(
                    &json!({"user": user.id, "email": user.email, "role": role.name, "changed": changed}),
                    || match changed {
                        true => format!("{} no longer holds {}", user.email, role.name),
                        false => format!("{} did not hold {} directly", user.email, role.name),
                    },
                );
            }
            RoleCommand::Show { email } => {
                let user = find(&store, &email).await?;
                let held = roles.of_user(&user).await?;
                out.print(&json!(held.iter().map(describe).collect::<Vec<_>>()), || {
                    let rows: Vec<Vec<String>> = held
                        .iter()
                        .map(|r| {
                            vec![
                                r.name.clone(),
                                or_dash(r.client_id.as_deref()),
                                r.permissions.join(" "),
                            ]
                        })
                        .collect();
                    table(&["ROLE", "CLIENT", "PERMISSIONS"], &rows)
                });
            }
        }
        Ok(())
    }
}

impl GroupCommand {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let roles = Roles::new(&store, Arc::new(SystemClock));
        match self {
            GroupCommand::List => {
                let all = roles.groups().await?;
                let json: Vec<_> = all
                    .iter()
                    .map(|g| json!({"id": g.id, "name": g.name, "description": g.description, "created_at": g.created_at}))
                    .collect();
                out.print(&json!(json), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|g| {
                            vec![
                                g.name.clone(),
                                or_dash(g.description.as_deref()),
                                iso(Some(g.created_at)),
                            ]
                        })
                        .collect();
                    table(&["GROUP", "DESCRIPTION", "CREATED"], &rows)
                });
            }
            GroupCommand::Create { name, description } => {
                let g = roles.create_group(&name, description, ACTOR).await?;
                out.print(&json!({"id": g.id, "name": g.name}), || {
                    format!("created group {}", g.name)
                });
            }
            GroupCommand::Delete { name } => {
                let g = roles.group(&name).await?;
                roles.delete_group(&g, ACTOR).await?;
                out.print(&json!({"deleted": g.id}), || format!("deleted group {}", g.name));
            }
            GroupCommand::Add { name, email } => {
                let (g, user) = (roles.group(&name).await?, find(&store, &email).await?);
                let changed = roles.set_member(&g, &user, true, ACTOR).await?;
                out.print(
                    &json!({"group": g.name, "email": user.email, "changed": changed}),
                    || format!("{} is a member of {}", user.email, g.name),
                );
            }
            GroupCommand::Remove { name, email } => {
                let (g, user) = (roles.group(&name).await?, find(&store, &email).await?);
                let changed = roles.set_member(&g, &user, false, ACTOR).await?;
                out.print(
                    &json!({"group": g.name, "email": user.email, "changed": changed}),
                    || format!("{} is not a member of {}", user.email, g.name),
                );
            }
            GroupCommand::Grant { name, role } => {
                let g = roles.group(&name).await?;
                let role = roles.find(&role.role, role.client_id.as_deref()).await?;
                let changed = roles.set_group_role(&g, &role, true, ACTOR).await?;
                out.print(
                    &json!({"group": g.name, "role": role.name, "changed": changed}),
                    || format!("members of {} hold {}", g.name, role.name),
                );
            }
            GroupCommand::Revoke { name, role } => {
                let g = roles.group(&name).await?;
                let role = roles.find(&role.role, role.client_id.as_deref()).await?;
                let changed = roles.set_group_role(&g, &role, false, ACTOR).await?;
                out.print(
                    &json!({"group": g.name, "role": role.name, "changed": changed}),
                    || format!("members of {} no longer hold {} through it", g.name, role.name),
                );
            }
        }
        Ok(())
    }
}

fn describe(r: &Role) -> serde_json::Value {
    json!({
        "id": r.id,
        "name": r.name,
        "client_id": r.client_id,
        "description": r.description,
        "permissions": r.permissions,
        "require_mfa": r.require_mfa,
        "builtin": r.builtin,
    })
}
