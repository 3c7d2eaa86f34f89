use std::sync::Arc;

use clap::Subcommand;
use serde_json::json;

use super::output::{Output, iso, table};
use super::{ACTOR, CliError, store};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::domain::SystemClock;
use crate::manage::Keys;

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
        let master = MasterKey::load(&config.master_key).map_err(|e| CliError::Usage(e.to_string()))?;
        let keys = Keys::new(
            store(config).await?,
            master,
            Arc::new(config.clone()),
            Arc::new(SystemClock),
        );
        match self {
            KeysCommand::List => {
                let all = keys.list().await?;
                let json: Vec<_> = all
                    .iter()
                    .map(|(k, state)| {
                        json!({"kid": k.kid, "alg": k.alg, "state": state.as_str(), "created_at": k.created_at,
                               "activates_at": k.activates_at, "retired_at": k.retired_at})
                    })
                    .collect();
                out.print(&json!(json), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|(k, state)| {
                            vec![
                                k.kid.clone(),
                                k.alg.clone(),
                                state.as_str().into(),
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
                let next = keys.rotate(activate_in, ACTOR).await?;
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
