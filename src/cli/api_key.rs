//! `portcullis api-key …`: keys for the admin API, through the API keys service
//! (manage/api_keys.rs). The key is printed once; only its hash is kept.

use std::sync::Arc;

use clap::Subcommand;
use serde_json::json;

use super::output::{Output, iso, table};
use super::{ACTOR, CliError, store, usage};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::domain::parse_duration;
use crate::domain::{ApiKey, Clock, SystemClock};
use crate::manage::api_keys::NewApiKey;
use crate::manage::{ApiKeys, Roles};

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Make a key with roles; prints it once.
    Create {
        /// What the key is for.
        #[arg(long)]
        name: String,
        /// A global role the key carries (repeatable; at least one).
        #[arg(long = "role", value_name = "ROLE", required = true)]
        roles: Vec<String>,
        /// How long the key works: 30d, 12h, or seconds (default: until revoked).
        #[arg(long, value_name = "DURATION")]
        expires: Option<String>,
    },
    /// List keys: name, hint, roles, expiry, last use.
    List,
    /// Revoke a key; it stops working at once.
    Revoke {
        /// The key's id.
        id: String,
    },
}

impl ApiKeyCommand {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
        let keys = ApiKeys::new(&store, master, Arc::new(SystemClock));
        match self {
            ApiKeyCommand::Create { name, roles, expires } => {
                let expires_in = match expires.as_deref() {
                    Some(d) => Some(
                        parse_duration(d)
                            .ok_or_else(|| usage(format!("--expires {d:?}: use 90d, 12h, 30m or seconds")))?,
                    ),
                    None => None,
                };
                let service = Roles::new(&store, Arc::new(SystemClock));
                let new = NewApiKey {
                    name,
                    roles: service.find_global(&roles).await?,
                    expires_in,
                    owner: None,
                };
                let (key, secret) = keys.create(new, ACTOR).await?;
                let mut json = describe(&key);
                json["key"] = json!(secret);
                // The fixed interface: one JSON object, whatever `--json` says, for the script
                // that stores the key; the reminder goes to a person's terminal only.
                println!("{json}");
                if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                    eprintln!("(the key is shown only this once: store it now)");
                }
            }
            ApiKeyCommand::List => {
                let all = keys.list().await?;
                let now = SystemClock.now();
                out.print(&json!(all.iter().map(describe).collect::<Vec<_>>()), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|k| {
                            vec![
                                k.id.clone(),
                                k.name.clone(),
                                format!("{}…", k.hint),
                                role_names(k).join(","),
                                if k.is_usable(now) {
                                    "usable"
                                } else {
                                    "revoked or expired"
                                }
                                .into(),
                                iso(k.expires_at),
                                iso(k.last_used_at),
                            ]
                        })
                        .collect();
                    table(
                        &["ID", "NAME", "KEY", "ROLES", "STATE", "EXPIRES", "LAST_USED"],
                        &rows,
                    )
                });
            }
            ApiKeyCommand::Revoke { id } => {
                keys.revoke(&id, ACTOR).await?;
                out.print(&json!({"revoked": id}), || format!("revoked key {id}"));
            }
        }
        Ok(())
    }
}

fn role_names(k: &ApiKey) -> Vec<&str> {
    k.roles.iter().map(|r| r.name.as_str()).collect()
}

fn describe(k: &ApiKey) -> serde_json::Value {
    json!({
        "id": k.id,
        "name": k.name,
        "hint": k.hint,
        "roles": role_names(k),
        "owner_id": k.owner_id,
        "created_at": k.created_at,
        "expires_at": k.expires_at,
        "last_used_at": k.last_used_at,
        "revoked_at": k.revoked_at,
    })
}
