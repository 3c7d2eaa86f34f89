//! Roles and permissions. A permission is `resource:action`; a role groups permissions and is
//! global or belongs to one application (a client role, which only that client's tokens name).
//! Four roles are built in; their permissions are defined here, not stored, so an upgrade that
//! adds a permission gives it to them.

use std::collections::BTreeSet;

use super::UnixTime;

/// Every permission, grouped by resource. The admin API checks these per request.
pub const PERMISSIONS: [&str; 20] = [
    "users:read",
    "users:write",
    "users:unlock",
    "users:verify",
    "sessions:read",
    "sessions:write",
    "roles:read",
    "roles:write",
    "groups:read",
    "groups:write",
    "clients:read",
    "clients:write",
    "keys:read",
    "keys:write",
    "consents:read",
    "consents:write",
    "audit:read",
    "api_keys:write",
    "identity_providers:read",
    "identity_providers:write",
];

/// The built-in roles, by id (which is also their name).
pub const BUILTIN_ROLES: [&str; 4] = ["admin", "user-manager", "support", "auditor"];

/// The permissions of a built-in role; `None` for any other id.
pub fn builtin_permissions(id: &str) -> Option<Vec<&'static str>> {
    let all = PERMISSIONS.iter().copied();
    Some(match id {
        "admin" => all.collect(),
        "user-manager" => all
            .filter(|p| {
                ["users:", "sessions:", "groups:"]
                    .iter()
                    .any(|r| p.starts_with(r))
                    || *p == "roles:read"
            })
            .collect(),
        "support" => vec![
            "users:read",
            "users:unlock",
            "users:verify",
            "sessions:read",
            "sessions:write",
        ],
        "auditor" => all.filter(|p| p.ends_with(":read")).collect(),
        _ => return None,
    })
}

/// Whether `p` is a permission Portcullis knows.
pub fn is_permission(p: &str) -> bool {
    PERMISSIONS.contains(&p)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// The application the role belongs to; `None` for a global role.
    pub client_id: Option<String>,
    pub description: Option<String>,
    /// For a built-in role, its permissions from [`builtin_permissions`].
    pub permissions: Vec<String>,
    /// A user holding this role passes a second factor at every sign-in.
    pub require_mfa: bool,
    pub builtin: bool,
    pub created_at: UnixTime,
}

/// An API key of the admin API, as stored (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// The key's first characters, to tell keys apart in listings.
    pub hint: String,
    /// The user who made it through the API; `None` for a key made from the command line.
    pub owner_id: Option<String>,
    pub roles: Vec<Role>,
    pub created_at: UnixTime,
    pub expires_at: Option<UnixTime>,
    pub last_used_at: Option<UnixTime>,
    pub revoked_at: Option<UnixTime>,
}

impl ApiKey {
    /// Not revoked and not expired at `now`.
    pub fn is_usable(&self, now: UnixTime) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now < e)
    }
}

/// The permissions `roles` grant together.
pub fn permissions_of(roles: &[Role]) -> BTreeSet<String> {
    roles.iter().flat_map(|r| r.permissions.iter().cloned()).collect()
}

/// The role names a token for `client_id` carries: the global roles and that client's own
/// (OIDC Core leaves the claim to us; its name is `roles`, as Entra ID and Zitadel's
/// `urn:zitadel:iam:org:project:roles` users expect a flat list).
pub fn token_role_names(roles: &[Role], client_id: &str) -> Vec<String> {
    let mut names: Vec<String> = roles
        .iter()
        .filter(|r| r.client_id.as_deref().is_none_or(|c| c == client_id))
        .map(|r| r.name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str, client_id: Option<&str>, permissions: &[&str]) -> Role {
        Role {
            id: name.into(),
            name: name.into(),
            client_id: client_id.map(Into::into),
            description: None,
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
            require_mfa: false,
            builtin: false,
            created_at: 0,
        }
    }

    #[test]
    fn built_in_roles_hold_what_their_names_say() {
        let admin = builtin_permissions("admin").unwrap();
        assert_eq!(admin.len(), PERMISSIONS.len());
        let support = builtin_permissions("support").unwrap();
        assert!(support.contains(&"users:unlock") && support.contains(&"sessions:write"));
        assert!(!support.contains(&"users:write") && !support.contains(&"roles:write"));
        let auditor = builtin_permissions("auditor").unwrap();
        assert!(auditor.iter().all(|p| p.ends_with(":read")), "{auditor:?}");
        assert!(auditor.contains(&"audit:read"));
        let manager = builtin_permissions("user-manager").unwrap();
        assert!(manager.contains(&"users:write") && manager.contains(&"groups:write"));
        assert!(!manager.contains(&"roles:write") && !manager.contains(&"keys:write"));
        assert_eq!(builtin_permissions("custom"), None);
        for id in BUILTIN_ROLES {
            for p in builtin_permissions(id).unwrap() {
                assert!(is_permission(p), "{id}: {p}");
            }
        }
    }

    #[test]
    fn a_token_names_global_roles_and_only_its_own_client_s() {
        let roles = [
            role("editor", None, &[]),
            role("billing-admin", Some("billing"), &[]),
            role("crm-viewer", Some("crm"), &[]),
            role("editor", None, &[]),
        ];
        assert_eq!(token_role_names(&roles, "billing"), ["billing-admin", "editor"]);
        assert_eq!(token_role_names(&roles, "other"), ["editor"]);
    }

    #[test]
    fn permissions_add_up() {
        let roles = [
            role("a", None, &["users:read"]),
            role("b", None, &["users:read", "audit:read"]),
        ];
        let p: Vec<String> = permissions_of(&roles).into_iter().collect();
        assert_eq!(p, ["audit:read", "users:read"]);
    }
}
