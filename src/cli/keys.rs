use clap::Subcommand;
use serde_json::json;

use super::{CliError, print_json, store};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::domain::{Clock, SystemClock};
use crate::jobs;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List signing keys with their state (next, active, retired).
    List,
    /// Add a new signing key; the current one retires when it activates.
    Rotate {
        /// Seconds before the new key starts signing. With several nodes, give at least the
        /// key refresh interval so every node publishes the key before any signs with it.
        #[arg(long = "activate-in", default_value_t = 0)]
        activate_in: i64,
    },
}

impl KeysCommand {
    pub async fn run(self, config: &Config) -> Result<(), CliError> {
        let store = store(config).await?;
        let master = MasterKey::load(&config.master_key).map_err(|e| CliError::Usage(e.to_string()))?;
        let now = SystemClock.now();
        match self {
            KeysCommand::List => {
                // Creates the first key when there is none, like the server would.
                jobs::keys::load(&store, &master, config, now)
                    .await
                    .map_err(|e| CliError::Usage(e.to_string()))?;
                let keys: Vec<_> = store
                    .signing_keys()
                    .await?
                    .iter()
                    .map(|k| {
                        let state = match k.retired_at {
                            Some(t) if t <= now => "retired",
                            _ if k.activates_at > now => "next",
                            _ => "active",
                        };
                        json!({"kid": k.kid, "alg": k.alg, "state": state, "created_at": k.created_at,
                               "activates_at": k.activates_at, "retired_at": k.retired_at})
                    })
                    .collect();
                print_json(&json!(keys));
            }
            KeysCommand::Rotate { activate_in } => {
                let next = jobs::keys::rotate(&store, &master, now, activate_in, |next| {
                    super::entry(
                        crate::audit::Event::success("key.rotated")
                            .detail(json!({"kid": next.kid, "activates_at": next.activates_at})),
                    )
                })
                .await
                .map_err(|e| CliError::Usage(e.to_string()))?;
                print_json(&json!({"kid": next.kid, "activates_at": next.activates_at}));
            }
        }
        Ok(())
    }
}
