use clap::Subcommand;
use serde_json::json;

use super::output::{Output, iso, table};
use super::{CliError, store};
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
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let master = MasterKey::load(&config.master_key).map_err(|e| CliError::Usage(e.to_string()))?;
        let now = SystemClock.now();
        match self {
            KeysCommand::List => {
                // Creates the first key when there is none, like the server would.
                jobs::keys::load(&store, &master, config, now)
                    .await
                    .map_err(|e| CliError::Usage(e.to_string()))?;
                let keys = store.signing_keys().await?;
                let state = |k: &crate::domain::SigningKeyRecord| match k.retired_at {
                    Some(t) if t <= now => "retired",
                    _ if k.activates_at > now => "next",
                    _ => "active",
                };
                let json: Vec<_> = keys
                    .iter()
                    .map(|k| {
                        json!({"kid": k.kid, "alg": k.alg, "state": state(k), "created_at": k.created_at,
                               "activates_at": k.activates_at, "retired_at": k.retired_at})
                    })
                    .collect();
                out.print(&json!(json), || {
                    let rows: Vec<Vec<String>> = keys
                        .iter()
                        .map(|k| {
                            vec![
                                k.kid.clone(),
                                k.alg.clone(),
                                state(k).into(),
                                iso(Some(k.created_at)),
                                iso(Some(k.activates_at)),
                                iso(k.retired_at),
                            ]
                        })
                        .collect();
                    table(&["KID", "ALG", "STATE", "CREATED", "ACTIVATES", "RETIRED"], &rows)
                });
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
                out.print(
                    &json!({"kid": next.kid, "activates_at": next.activates_at}),
                    || {
                        format!(
                            "added key {}; it signs from {}",
                            next.kid,
                            iso(Some(next.activates_at))
                        )
                    },
                );
            }
        }
        Ok(())
    }
}
