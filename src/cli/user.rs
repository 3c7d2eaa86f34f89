use std::io::BufRead;

use clap::{Args, Subcommand};
use serde_json::json;

use super::{CliError, print_json, store};
use crate::authn::is_plausible_email;
use crate::config::Config;
use crate::crypto::password;
use crate::crypto::secrets::random_token;
use crate::domain::{Clock, SystemClock, User};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; prints it as JSON.
    Create(CreateArgs),
    /// List users as JSON.
    List,
    /// Lift a lockout after failed logins.
    Unlock { email: String },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long)]
    email: String,
    #[arg(long)]
    name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long = "password-stdin")]
    password_stdin: bool,
    /// Mark the e-mail address as verified.
    #[arg(long = "email-verified")]
    email_verified: bool,
}

impl UserCommand {
    pub async fn run(self, config: &Config) -> Result<(), CliError> {
        let store = store(config).await?;
        match self {
            UserCommand::Create(a) => {
                let email = a.email.trim().to_lowercase();
                if !is_plausible_email(&email) {
                    return Err(CliError::Usage(format!(
                        "--email {email:?} is not an e-mail address"
                    )));
                }
                let password_hash = if a.password_stdin {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
                    if pw.is_empty() {
                        return Err(CliError::Usage("the password on standard input is empty".into()));
                    }
                    Some(
                        tokio::task::spawn_blocking(move || password::hash_sync(&pw))
                            .await
                            .map_err(|e| CliError::Usage(e.to_string()))?
                            .map_err(|e| CliError::Usage(e.to_string()))?,
                    )
                } else {
                    None
                };
                let now = SystemClock.now();
                let mut user = User::new(random_token(16), email, now);
                user.email_verified = a.email_verified;
                user.password_hash = password_hash;
                user.name = a.name;
                user.password_changed_at = user.password_hash.is_some().then_some(now);
                let entry = super::entry(crate::audit::Event::success("account.created").subject(&user.id));
                store.insert_user(&user, &entry).await.map_err(|e| match e {
                    crate::store::StoreError::Conflict => {
                        CliError::Usage(format!("a user with e-mail {} exists", user.email))
                    }
                    e => e.into(),
                })?;
                print_json(&describe(&user));
            }
            UserCommand::Unlock { email } => {
                let user = store
                    .user_by_email(&email)
                    .await?
                    .ok_or_else(|| CliError::Usage(format!("no user with e-mail {email}")))?;
                let was_locked = user.is_locked(SystemClock.now());
                let entry = super::entry(crate::audit::Event::success("account.unlocked").subject(&user.id));
                store.unlock_user(&user.id, Some(&entry)).await?;
                print_json(&json!({"id": user.id, "email": user.email, "was_locked": was_locked}));
            }
            UserCommand::List => {
                let mut all = Vec::new();
                let mut offset = 0;
                loop {
                    let page = store.list_users(500, offset).await?;
                    if page.is_empty() {
                        break;
                    }
                    offset += page.len() as i64;
                    all.extend(page.iter().map(describe));
                }
                print_json(&json!(all));
            }
        }
        Ok(())
    }
}

fn describe(u: &User) -> serde_json::Value {
    json!({
        "id": u.id,
        "email": u.email,
        "email_verified": u.email_verified,
        "name": u.name,
        "has_password": u.password_hash.is_some(),
        "created_at": u.created_at,
    })
}
