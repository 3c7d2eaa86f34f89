//! `portcullis idp …`: connections to upstream identity providers, through the identity
//! providers service (manage/identity_providers.rs). The client secret is read from standard
//! input, never from an argument (which `ps` and shell histories show).

use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::output::{Output, iso, table};
use super::user::read_secret;
use super::{ACTOR, CliError, store, usage};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::domain::{IdentityProvider, LinkPolicy, ProviderKind, SystemClock};
use crate::manage::IdentityProviders;
use crate::manage::identity_providers::ConnectionChange;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// OpenID Connect (discovery from the issuer).
    Oidc,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Policy {
    Create,
    Link,
    Deny,
}

#[derive(Debug, Subcommand)]
pub enum IdpCommand {
    /// Add a connection; prints it as JSON with the redirect URI to register at the upstream.
    Create {
        #[arg(long)]
        kind: Kind,
        #[command(flatten)]
        settings: Settings,
    },
    /// List connections.
    List,
    /// Change a connection: only the settings given change.
    Update {
        id: String,
        #[command(flatten)]
        settings: Settings,
        /// Show the connection on the login page and let it sign in.
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Hide the connection and refuse its sign-ins (links are kept).
        #[arg(long)]
        disable: bool,
    },
    /// Delete a connection and every account's link to it.
    Delete { id: String },
}

#[derive(Debug, Args)]
pub struct Settings {
    /// Shown on the login page: "Continue with NAME".
    #[arg(long)]
    name: Option<String>,
    /// The upstream's issuer (its discovery document is ISSUER/.well-known/openid-configuration).
    #[arg(long)]
    issuer: Option<String>,
    /// Our client id at the upstream.
    #[arg(long)]
    client_id: Option<String>,
    /// Read our client secret at the upstream from the first line of standard input.
    #[arg(long)]
    client_secret_stdin: bool,
    /// A scope to ask for (repeatable; default: openid email profile).
    #[arg(long = "scope", value_name = "SCOPE")]
    scopes: Vec<String>,
    /// A first sign-in without a linked account: create one, link to an existing one only,
    /// or refuse.
    #[arg(long, value_enum)]
    link_policy: Option<Policy>,
    /// Believe the upstream's email_verified: link to an account with the same verified address
    /// without asking for its password.
    #[arg(long)]
    trust_email: Option<bool>,
    /// Believe the upstream's amr/acr when it says it used several factors.
    #[arg(long)]
    trust_mfa: Option<bool>,
    /// An e-mail domain whose users this connection signs in (repeatable).
    #[arg(long = "domain", value_name = "DOMAIN")]
    domains: Vec<String>,
}

impl Settings {
    fn change(self) -> Result<ConnectionChange, CliError> {
        Ok(ConnectionChange {
            name: self.name,
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: match self.client_secret_stdin {
                true => Some(read_secret("the client secret")?),
                false => None,
            },
            scopes: (!self.scopes.is_empty()).then_some(self.scopes),
            link_policy: self.link_policy.map(|p| match p {
                Policy::Create => LinkPolicy::Create,
                Policy::Link => LinkPolicy::Link,
                Policy::Deny => LinkPolicy::Deny,
            }),
            trust_email: self.trust_email,
            trust_mfa: self.trust_mfa,
            domains: (!self.domains.is_empty()).then_some(self.domains),
            ..ConnectionChange::default()
        })
    }
}

impl IdpCommand {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        let store = store(config).await?;
        let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
        let service = IdentityProviders::new(&store, master, Arc::new(SystemClock));
        let describe = |c: &IdentityProvider| describe(c, &config.issuer);
        match self {
            IdpCommand::Create { kind, settings } => {
                let kind = match kind {
                    Kind::Oidc => ProviderKind::Oidc,
                };
                let c = service.create(kind, settings.change()?, ACTOR).await?;
                // The fixed interface: one JSON object, whatever `--json` says.
                println!("{}", describe(&c));
            }
            IdpCommand::List => {
                let all = service.list().await?;
                out.print(&json!(all.iter().map(describe).collect::<Vec<_>>()), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|c| {
                            vec![
                                c.id.clone(),
                                c.name.clone(),
                                c.kind.as_str().into(),
                                if c.enabled { "enabled" } else { "disabled" }.into(),
                                c.settings.issuer.clone().unwrap_or_default(),
                                c.settings.link_policy.as_str().into(),
                                c.domains.join(","),
                                iso(Some(c.created_at)),
                            ]
                        })
                        .collect();
                    table(
                        &[
                            "ID",
                            "NAME",
                            "KIND",
                            "STATE",
                            "ISSUER",
                            "LINK_POLICY",
                            "DOMAINS",
                            "CREATED",
                        ],
                        &rows,
                    )
                });
            }
            IdpCommand::Update {
                id,
                settings,
                enable,
                disable,
            } => {
                let mut change = settings.change()?;
                change.enabled = (enable || disable).then_some(enable);
                let c = service.update(&id, change, ACTOR).await?;
                out.print(&describe(&c), || format!("updated identity provider {id}"));
            }
            IdpCommand::Delete { id } => {
                service.delete(&id, ACTOR).await?;
                out.print(&json!({"deleted": id}), || {
                    format!("deleted identity provider {id}")
                });
            }
        }
        Ok(())
    }
}

fn describe(c: &IdentityProvider, issuer: &str) -> serde_json::Value {
    let s = &c.settings;
    json!({
        "id": c.id,
        "name": c.name,
        "kind": c.kind.as_str(),
        "enabled": c.enabled,
        "issuer": s.issuer,
        "client_id": s.client_id,
        "scopes": s.scopes,
        "link_policy": s.link_policy.as_str(),
        "trust_email": s.trust_email,
        "trust_mfa": s.trust_mfa,
        "domains": c.domains,
        "redirect_uri": crate::federation::redirect_uri(issuer, &c.id),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    })
}
