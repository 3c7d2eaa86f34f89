//! `portcullis user mfa …`: a user's second factors, seen and removed by an operator (the user
//! lost their phone and their recovery codes), through the account services.

use clap::Subcommand;
use serde_json::json;

use super::super::output::{Output, fields, iso, table};
use super::super::{ACTOR, CliError, usage};
use super::{accounts, explain, find};
use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum MfaCommand {
    /// List a user's second factors: authenticator apps (name, added, last used) and the
    /// number of unused recovery codes. Never a secret.
    List {
        /// The user's e-mail address.
        email: String,
    },
    /// Remove all a user's second factors (authenticator apps and recovery codes) and end all
    /// their sessions; the user is told by mail. They sign in with their password alone until
    /// they set up a factor again (or are asked to, where a factor is required).
    Reset {
        /// The user's e-mail address.
        email: String,
        /// Confirm the reset (required).
        #[arg(long)]
        yes: bool,
    },
}

impl MfaCommand {
    pub async fn run(self, config: Config, out: Output) -> Result<(), CliError> {
        match self {
            MfaCommand::List { email } => list(config, &email, out).await,
            MfaCommand::Reset { email, yes } => reset(config, &email, yes, out).await,
        }
    }
}

async fn list(config: Config, email: &str, out: Output) -> Result<(), CliError> {
    let accounts = accounts(config).await?;
    let user = find(&accounts.store, email).await?;
    let factors = accounts
        .admin_factors(&user)
        .await
        .map_err(|e| explain(&accounts, e))?;
    out.print(
        &json!({
            "email": user.email,
            "user_id": user.id,
            "totp": factors.totp,
            "recovery_codes_left": factors.recovery_codes_left,
        }),
        || {
            let rows: Vec<Vec<String>> = factors
                .totp
                .iter()
                .map(|a| {
                    vec![
                        a.name.clone(),
                        iso(Some(a.created_at)),
                        iso(a.last_used_at),
                        a.id.clone(),
                    ]
                })
                .collect();
            format!(
                "{}\n\nauthenticator apps:\n{}",
                fields(&[
                    ("email", user.email.clone()),
                    ("id", user.id.clone()),
                    ("recovery codes left", factors.recovery_codes_left.to_string()),
                ]),
                table(&["NAME", "ADDED", "LAST USED", "ID"], &rows)
            )
        },
    );
    Ok(())
}

async fn reset(config: Config, email: &str, yes: bool, out: Output) -> Result<(), CliError> {
    // As `user delete`: a change the user cannot undo alone is never made by a bare command,
    // whether a person or a script typed it.
    if !yes {
        return Err(usage(format!(
            "resetting {email} removes their authenticator apps and recovery codes and ends their \
             sessions; run again with --yes to confirm"
        )));
    }
    let accounts = accounts(config).await?;
    let user = find(&accounts.store, email).await?;
    // A deleted account cannot sign in, and its factors are erased with its data: a reset
    // would only mail someone who left.
    if user.deleted_at.is_some() {
        return Err(usage(format!("{email} is deleted; nothing to reset")));
    }
    let done = accounts
        .admin_reset_mfa(&user, ACTOR)
        .await
        .map_err(|e| explain(&accounts, e))?;
    let removed = &done.removed;
    out.print(
        &json!({
            "email": user.email,
            "user_id": user.id,
            "reset": removed.any(),
            "removed": removed.counts(),
            "sessions_ended": removed.sessions_ended,
            "mailed": done.mailed,
        }),
        || {
            if !removed.any() {
                return format!("{} has no second factors; nothing changed", user.email);
            }
            let mail = if done.mailed {
                "they were told by mail"
            } else {
                "the mail telling them could not be sent (see the log)"
            };
            format!(
                "removed {} and {} of {}; {} ended; {mail}",
                counted(removed.of("totp"), "authenticator app"),
                counted(removed.of("recovery_codes"), "recovery code"),
                user.email,
                counted(removed.sessions_ended, "session"),
            )
        },
    );
    Ok(())
}

/// `1 session`, `2 sessions`.
fn counted(n: u64, thing: &str) -> String {
    match n {
        1 => format!("1 {thing}"),
        n => format!("{n} {thing}s"),
    }
}
