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
    /// SAML 2.0 (from the IdP's metadata).
    Saml,
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
    /// SAML: the IdP's metadata, from a file.
    #[arg(long, value_name = "FILE", conflicts_with = "metadata_url")]
    metadata_file: Option<std::path::PathBuf>,
    /// SAML: the IdP's metadata, from a URL (read again periodically by the server).
    #[arg(long, value_name = "URL")]
    metadata_url: Option<String>,
    /// SAML: sign the AuthnRequest.
    #[arg(long)]
    sign_requests: Option<bool>,
    /// SAML: accept RSA-SHA1 signatures (off by default).
    #[arg(long)]
    allow_sha1: Option<bool>,
    /// SAML: the NameID format to ask for.
    #[arg(long, value_parser = ["email", "persistent", "unspecified"])]
    name_id_format: Option<String>,
}

impl Settings {
    async fn change(self) -> Result<ConnectionChange, CliError> {
        let saml_metadata = match (&self.metadata_file, &self.metadata_url) {
            (Some(path), _) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| usage(format!("--metadata-file {}: {e}", path.display())))?,
            ),
            (None, Some(url)) => Some(
                crate::manage::identity_providers::fetch_metadata(url)
                    .await
                    .map_err(|e| usage(format!("--metadata-url {url}: {e}")))?,
            ),
            (None, None) => None,
        };
        Ok(ConnectionChange {
            saml_metadata,
            metadata_url: self.metadata_url,
            sign_requests: self.sign_requests,
            allow_sha1: self.allow_sha1,
            name_id_format: self.name_id_format,
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
                    Kind::Saml => ProviderKind::Saml,
                };
                let c = service.create(kind, settings.change().await?, ACTOR).await?;
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
                let mut change = settings.change().await?;
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
    let mut out = json!({
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
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    });
    match c.kind {
        // Registered at the upstream.
        ProviderKind::Oidc => out["redirect_uri"] = json!(crate::federation::redirect_uri(issuer, &c.id)),
        // Imported at the IdP.
        ProviderKind::Saml => {
            out["entity_id"] = json!(crate::saml::entity_id(issuer, &c.id));
            out["sp_metadata_url"] = json!(crate::saml::entity_id(issuer, &c.id));
            out["acs_url"] = json!(crate::saml::acs_url(issuer, &c.id));
            out["metadata_url"] = json!(s.saml.as_ref().and_then(|m| m.metadata_url.clone()));
        }
    }
    out
}
