//! `portcullis user …`: accounts from the command line, through the same account services the
//! pages use (a password set here is checked and takes effect as a reset does; a deletion is the
//! account page's deletion).

mod mfa;

use std::io::BufRead;
use std::sync::Arc;

use clap::{Args, Subcommand};
use serde_json::json;

use super::output::{Output, fields, iso, or_dash, table};
use super::{ACTOR, CliError, store, usage};
use crate::app::AppState;
use crate::authn::{Accounts, AuthnError, NewUser, Problem, ProfileChange};
use crate::config::Config;
use crate::domain::{Clock, SystemClock, User};
use crate::manage::Roles;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user (the password policy applies unless --skip-policy).
    Create(CreateArgs),
    /// List users: e-mail, name, id, state.
    List,
    /// Change a user's name, e-mail address or its verified flag.
    Update(UpdateArgs),
    /// Set a user's password, read from standard input (first line). Like a reset, it ends the
    /// user's sessions and revokes their refresh tokens.
    SetPassword {
        /// The user's e-mail address.
        email: String,
        /// Accept a password the policy would refuse (length, strength, personal words).
        #[arg(long = "skip-policy")]
        skip_policy: bool,
    },
    /// Disable an account: it cannot sign in, its sessions end and its tokens stop working.
    Disable {
        /// The user's e-mail address.
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// The user's e-mail address.
        email: String,
    },
    /// Delete an account as the account page does: sign-in, sessions, tokens and consents end
    /// now; personal data is erased after PORTCULLIS_DELETED_ACCOUNT_RETENTION.
    Delete {
        /// The user's e-mail address.
        email: String,
        /// Confirm the deletion (required).
        #[arg(long)]
        yes: bool,
    },
    /// Lift a lockout after failed logins.
    Unlock {
        /// The user's e-mail address.
        email: String,
    },
    /// See or remove a user's second factors (authenticator apps, recovery codes).
    #[command(subcommand)]
    Mfa(mfa::MfaCommand),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The user's e-mail address (their sign-in name).
    #[arg(long)]
    email: String,
    /// The user's display name.
    #[arg(long)]
    name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long = "password-stdin")]
    password_stdin: bool,
    /// Mark the e-mail address as verified.
    #[arg(long = "email-verified")]
    email_verified: bool,
    /// Accept a password the policy would refuse (length, strength, personal words).
    #[arg(long = "skip-policy")]
    skip_policy: bool,
    /// A global role to give the user (repeatable), e.g. `admin`.
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The user's current e-mail address.
    email: String,
    /// A new display name ("" removes it).
    #[arg(long)]
    name: Option<String>,
    /// A new e-mail address; it is unverified unless --email-verified true is given too.
    #[arg(long = "email", value_name = "NEW")]
    new_email: Option<String>,
    /// Whether the address is verified.
    #[arg(long = "email-verified", value_name = "true|false")]
    email_verified: Option<bool>,
}

impl UserCommand {
    pub async fn run(self, config: Config, out: Output) -> Result<(), CliError> {
        match self {
            UserCommand::Create(a) => create(config, a, out).await,
            UserCommand::List => list(&config, out).await,
            UserCommand::Mfa(c) => c.run(config, out).await,
            UserCommand::Unlock { email } => {
                let accounts = accounts(config).await?;
                let user = find(&accounts.store, &email).await?;
                let was_locked = accounts
                    .admin_unlock(&user, ACTOR)
                    .await
                    .map_err(|e| explain(&accounts, e))?;
                out.print(
                    &json!({"id": user.id, "email": user.email, "was_locked": was_locked}),
                    || match was_locked {
                        true => format!("unlocked {}", user.email),
                        false => format!("{} was not locked", user.email),
                    },
                );
                Ok(())
            }
            UserCommand::Update(a) => {
                let accounts = accounts(config).await?;
                let user = find(&accounts.store, &a.email).await?;
                if a.name.is_none() && a.new_email.is_none() && a.email_verified.is_none() {
                    return Err(usage(
                        "nothing to change: give --name, --email or --email-verified",
                    ));
                }
                let change = ProfileChange {
                    name: a.name.map(|n| Some(n).filter(|n| !n.trim().is_empty())),
                    email: a.new_email,
                    email_verified: a.email_verified,
                };
                let updated = accounts
                    .admin_update_profile(&user, change, ACTOR)
                    .await
                    .map_err(|e| explain(&accounts, e))?;
                out.print(&describe(&updated), || details(&updated));
                Ok(())
            }
            UserCommand::SetPassword { email, skip_policy } => {
                let accounts = accounts(config).await?;
                let user = find(&accounts.store, &email).await?;
                let password = read_password()?;
                accounts
                    .admin_set_password(&user, &password, skip_policy, ACTOR)
                    .await
                    .map_err(|e| explain(&accounts, e))?;
                out.print(
                    &json!({"id": user.id, "email": user.email, "password_set": true, "sessions_ended": true}),
                    || format!("password set for {}; their sessions and refresh tokens ended", user.email),
                );
                Ok(())
            }
            UserCommand::Disable { email } => set_disabled(config, &email, true, out).await,
            UserCommand::Enable { email } => set_disabled(config, &email, false, out).await,
            UserCommand::Delete { email, yes } => {
                if !yes {
                    return Err(usage(format!(
                        "deleting {email} ends their sign-in, sessions and tokens now and erases their data \
                         after the retention period; run again with --yes to confirm"
                    )));
                }
                let accounts = accounts(config).await?;
                let user = find(&accounts.store, &email).await?;
                accounts
                    .admin_delete(&user, ACTOR)
                    .await
                    .map_err(|e| explain(&accounts, e))?;
                out.print(&json!({"deleted": user.id, "email": user.email}), || {
                    format!("deleted {} ({})", user.email, user.id)
                });
                Ok(())
            }
        }
    }
}

async fn create(config: Config, a: CreateArgs, out: Output) -> Result<(), CliError> {
    let password = a.password_stdin.then(read_password).transpose()?;
    let accounts = accounts(config).await?;
    // Every role exists before the user does: a typo creates no one.
    let service = Roles::new(&accounts.store, Arc::new(SystemClock));
    let roles = service.find_global(&a.roles).await?;
    let new = NewUser {
        email: a.email,
        name: a.name,
        password,
        email_verified: a.email_verified,
        skip_policy: a.skip_policy,
        // The command line's mail would leave with the short-lived process; `user reset` or
        // the API's invitation send one.
        invite: false,
    };
    let user = accounts
        .admin_create(new, ACTOR)
        .await
        .map_err(|e| explain(&accounts, e))?;
    for role in &roles {
        service.assign(&user, role, ACTOR).await?;
    }
    let mut json = describe(&user);
    json["roles"] = json!(a.roles);
    out.print(&json, || details(&user));
    Ok(())
}

async fn list(config: &Config, out: Output) -> Result<(), CliError> {
    let store = store(config).await?;
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.users().list_users(500, offset).await?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as i64;
        all.extend(page);
    }
    let now = SystemClock.now();
    out.print(&json!(all.iter().map(describe).collect::<Vec<_>>()), || {
        let rows: Vec<Vec<String>> = all
            .iter()
            .map(|u| {
                vec![
                    u.email.clone(),
                    or_dash(u.name.as_deref()),
                    u.id.clone(),
                    if u.email_verified { "yes" } else { "no" }.into(),
                    state(u, now).into(),
                    iso(Some(u.created_at)),
                ]
            })
            .collect();
        table(&["EMAIL", "NAME", "ID", "VERIFIED", "STATE", "CREATED"], &rows)
    });
    Ok(())
}

async fn set_disabled(config: Config, email: &str, disabled: bool, out: Output) -> Result<(), CliError> {
    let accounts = accounts(config).await?;
    let user = find(&accounts.store, email).await?;
    if !disabled && user.deleted_at.is_some() {
        return Err(usage(format!("{email} is deleted and cannot be enabled")));
    }
    let changed = accounts
        .admin_set_disabled(&user, disabled, ACTOR)
        .await
        .map_err(|e| explain(&accounts, e))?;
    let word = if disabled { "disabled" } else { "enabled" };
    out.print(
        &json!({"id": user.id, "email": user.email, "disabled": disabled, "changed": changed}),
        || match changed {
            true if disabled => format!("disabled {email}; their sessions and tokens ended"),
            true => format!("enabled {email}"),
            false => format!("{email} was already {word}"),
        },
    );
    Ok(())
}

/// The account services, as the server builds them (same database, cache and policy).
async fn accounts(config: Config) -> Result<Accounts, CliError> {
    Ok(AppState::build(config, Arc::new(SystemClock)).await?.accounts)
}

pub(super) async fn find(store: &crate::store::Store, email: &str) -> Result<User, CliError> {
    store
        .users()
        .user_by_email(&crate::authn::normalize_email(email))
        .await?
        .ok_or_else(|| usage(format!("no user with e-mail {email}")))
}

/// The first line of standard input, without its line end.
fn read_password() -> Result<String, CliError> {
    read_secret("the password")
}

/// The first line of standard input, without its line end; `what` names it when it is empty.
pub(super) fn read_secret(what: &str) -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let secret = line.trim_end_matches(['\r', '\n']).to_owned();
    if secret.is_empty() {
        return Err(usage(format!("{what} on standard input is empty")));
    }
    Ok(secret)
}

/// An account service's refusal in the operator's words.
fn explain(accounts: &Accounts, e: AuthnError) -> CliError {
    match e {
        AuthnError::Invalid(problems) => refused(&accounts.messages, &problems),
        AuthnError::Store(crate::store::StoreError::Conflict) => {
            usage("another account has that e-mail address")
        }
        e => usage(e.to_string()),
    }
}

/// Problems in English (the pages' own messages); a refused password says how to force it.
fn refused(messages: &Arc<crate::i18n::Catalog>, problems: &[Problem]) -> CliError {
    let words = crate::web::problems::Problems::say(&crate::i18n::Tr::of(messages, "en"), problems)
        .texts()
        .join(" ");
    if problems.iter().any(|p| p.id.starts_with("policy-")) {
        usage(format!(
            "password refused: {words} (--skip-policy accepts it anyway)"
        ))
    } else {
        usage(words)
    }
}

/// `active`, `disabled`, `deleted` or `locked`.
fn state(u: &User, now: i64) -> &'static str {
    if u.deleted_at.is_some() {
        "deleted"
    } else if u.disabled {
        "disabled"
    } else if u.is_locked(now) {
        "locked"
    } else {
        "active"
    }
}

fn details(u: &User) -> String {
    fields(&[
        ("email", u.email.clone()),
        ("name", or_dash(u.name.as_deref())),
        ("id", u.id.clone()),
        (
            "email verified",
            if u.email_verified { "yes" } else { "no" }.into(),
        ),
        (
            "password",
            if u.password_hash.is_some() { "set" } else { "none" }.into(),
        ),
        ("state", state(u, SystemClock.now()).into()),
        ("created", iso(Some(u.created_at))),
    ])
}

fn describe(u: &User) -> serde_json::Value {
    json!({
        "id": u.id,
        "email": u.email,
        "email_verified": u.email_verified,
        "name": u.name,
        "has_password": u.password_hash.is_some(),
        "disabled": u.disabled,
        "deleted": u.deleted_at.is_some(),
        "created_at": u.created_at,
    })
}
