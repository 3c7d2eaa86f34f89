//! `portcullis client …`: relying parties from the command line, through the clients service
//! (manage/clients.rs), which checks and stores them. Secrets are shown once.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use std::sync::Arc;

use super::output::{Output, fields, iso, or_dash, table};
use super::{ACTOR, CliError, store, usage};
use crate::config::{Config, RegistrationMode};
use crate::crypto::encryption::MasterKey;
use crate::domain::{
    Client, ClientLogo, GrantType, Scope, SystemClock, TokenEndpointAuthMethod, parse_duration,
};
use crate::manage::clients::{ClientChanges, NewClient};
use crate::manage::{Clients, ManageError, Registrations};

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Register a client; prints it with its secret (shown only once).
    Create(Box<CreateArgs>),
    /// List registered clients.
    List,
    /// Change a client's metadata; lists given here replace the stored ones.
    Update(Box<UpdateArgs>),
    /// Give a confidential client a new secret (printed once); the old one stops working.
    RotateSecret {
        /// The client to change.
        client_id: String,
    },
    /// Delete a client and everything issued to it.
    Delete {
        /// The client to delete.
        client_id: String,
    },
    /// Issue an initial access token for dynamic client registration (RFC 7591); prints one
    /// JSON object with `token` (shown only once).
    InitialAccessToken {
        /// How many registrations it allows.
        #[arg(long, default_value_t = 1)]
        uses: i64,
        /// How long it works (`30m`, `24h`, `7d`, or seconds); without it, until used up.
        #[arg(long, value_name = "DURATION")]
        expires: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The name users see on the consent page.
    #[arg(long)]
    name: String,
    /// A redirect URI, exactly as the client sends it (repeatable).
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
    /// Where the client may send users after logout (repeatable).
    #[arg(long = "post-logout-redirect-uri", value_name = "URI")]
    post_logout_redirect_uris: Vec<String>,
    /// authorization_code, refresh_token, client_credentials (repeatable).
    #[arg(long = "grant-type", value_name = "GRANT")]
    grant_types: Vec<String>,
    /// Space-separated scopes the client may request.
    #[arg(
        long,
        default_value = "openid profile email phone address offline_access roles"
    )]
    scope: String,
    /// client_secret_basic, client_secret_post, private_key_jwt or none.
    #[arg(long = "auth-method", default_value = "client_secret_basic")]
    auth_method: String,
    /// A JWK Set file with the client's public keys (private_key_jwt).
    #[arg(long = "jwks-file", value_name = "FILE", conflicts_with = "jwks_uri")]
    jwks_file: Option<PathBuf>,
    /// A URL of the client's JWK Set (private_key_jwt).
    #[arg(long = "jwks-uri", value_name = "URL")]
    jwks_uri: Option<String>,
    /// The client id (default: random).
    #[arg(long = "client-id")]
    client_id: Option<String>,
    /// The client secret (default: 256 random bits).
    #[arg(long = "client-secret")]
    client_secret: Option<String>,
    /// Skip the consent page for this client.
    #[arg(long = "first-party")]
    first_party: bool,
    /// Every user signing in to this client must pass a second factor.
    #[arg(long = "require-mfa")]
    require_mfa: bool,
    /// The client's home page, shown on the pages.
    #[arg(long = "client-uri", value_name = "URL")]
    client_uri: Option<String>,
    /// The client's logo: PNG, JPEG, WebP or SVG, at most 256 KiB.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The client to change.
    client_id: String,
    /// A new name.
    #[arg(long)]
    name: Option<String>,
    /// Redirect URIs (repeatable; replaces every stored one).
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
    /// Post-logout redirect URIs (repeatable; replaces every stored one).
    #[arg(long = "post-logout-redirect-uri", value_name = "URI")]
    post_logout_redirect_uris: Vec<String>,
    /// Space-separated scopes the client may request (replaces them).
    #[arg(long)]
    scope: Option<String>,
    /// Grant types (repeatable; replaces them).
    #[arg(long = "grant-type", value_name = "GRANT")]
    grant_types: Vec<String>,
    /// Whether the consent page is skipped for this client.
    #[arg(long = "first-party", value_name = "true|false")]
    first_party: Option<bool>,
    /// Whether every user signing in to this client must pass a second factor.
    #[arg(long = "require-mfa", value_name = "true|false")]
    require_mfa: Option<bool>,
    /// The client's home page ("" removes it).
    #[arg(long = "client-uri", value_name = "URL")]
    client_uri: Option<String>,
    /// A new logo: PNG, JPEG, WebP or SVG, at most 256 KiB.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
}

impl ClientCommand {
    pub async fn run(self, config: &Config, out: Output) -> Result<(), CliError> {
        if let ClientCommand::InitialAccessToken { uses, expires } = self {
            return initial_access_token(config, uses, expires.as_deref()).await;
        }
        let clients = clients(config).await?;
        match self {
            ClientCommand::Create(a) => {
                let stored = clients.create(a.into_new()?, ACTOR).await?;
                warn(&stored.warnings);
                let client = stored.client;
                let mut json = describe(&client);
                if let Some(s) = &stored.secret {
                    json["client_secret"] = json!(s);
                }
                out.print(&json, || with_secret(details(&client), stored.secret.as_deref()));
            }
            ClientCommand::List => {
                let all = clients.list().await?;
                out.print(&json!(all.iter().map(describe).collect::<Vec<_>>()), || {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|c| {
                            vec![
                                c.client_id.clone(),
                                c.name.clone(),
                                c.auth_method.as_str().into(),
                                grants(c),
                                if c.first_party { "yes" } else { "no" }.into(),
                                iso(Some(c.created_at)),
                            ]
                        })
                        .collect();
                    table(
                        &["CLIENT_ID", "NAME", "AUTH", "GRANTS", "FIRST_PARTY", "CREATED"],
                        &rows,
                    )
                });
            }
            ClientCommand::Update(a) => {
                let client_id = a.client_id.clone();
                let stored = clients
                    .update(&client_id, a.into_changes()?, ACTOR)
                    .await
                    .map_err(|e| match e {
                        ManageError::NothingToChange => usage(
                            "nothing to change: give --name, --redirect-uri, --post-logout-redirect-uri, --scope, \
                             --grant-type, --first-party, --require-mfa, --client-uri or --logo",
                        ),
                        e => e.into(),
                    })?;
                warn(&stored.warnings);
                out.print(&describe(&stored.client), || details(&stored.client));
            }
            ClientCommand::RotateSecret { client_id } => {
                let secret = clients.rotate_secret(&client_id, ACTOR).await?;
                out.print(&json!({"client_id": client_id, "client_secret": secret}), || {
                    with_secret(fields(&[("client id", client_id.clone())]), Some(&secret))
                });
            }
            ClientCommand::Delete { client_id } => {
                clients.delete(&client_id, ACTOR).await?;
                out.print(&json!({"deleted": client_id}), || {
                    format!("deleted client {client_id}")
                });
            }
            ClientCommand::InitialAccessToken { .. } => {}
        }
        Ok(())
    }
}

/// The fixed interface: one JSON object with `token`, whatever `--json` says.
async fn initial_access_token(config: &Config, uses: i64, expires: Option<&str>) -> Result<(), CliError> {
    if !(1..=1_000_000).contains(&uses) {
        return Err(usage("--uses: 1 to 1000000"));
    }
    let expires_in = expires
        .map(|d| {
            parse_duration(d)
                .filter(|s| *s > 0)
                .ok_or_else(|| usage(format!("--expires {d:?}: use 30m, 24h, 7d or seconds")))
        })
        .transpose()?;
    if config.registration.mode == RegistrationMode::Off {
        eprintln!("warning: registration is off (registration.mode); the token works once it is on");
    }
    let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
    let service = Registrations::new(
        &store(config).await?,
        master,
        config.registration.clone(),
        Arc::new(SystemClock),
    );
    let (id, token, expires_at) = service
        .issue_initial_access_token(uses, expires_in, ACTOR)
        .await
        .map_err(ManageError::from)?;
    println!(
        "{}",
        json!({ "id": id, "token": token, "uses": uses, "expires_at": expires_at })
    );
    Ok(())
}

/// The clients service, on the server's database and master key.
async fn clients(config: &Config) -> Result<Clients, CliError> {
    let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
    Ok(Clients::new(&store(config).await?, master, Arc::new(SystemClock)))
}

/// `authorization_code, refresh_token` → parsed.
fn parse_grants(given: &[String]) -> Result<Vec<GrantType>, CliError> {
    given
        .iter()
        .map(|g| GrantType::parse(g).ok_or_else(|| usage(format!("--grant-type {g} is not supported"))))
        .collect()
}

impl CreateArgs {
    fn into_new(self) -> Result<NewClient, CliError> {
        let auth_method = TokenEndpointAuthMethod::parse(&self.auth_method)
            .ok_or_else(|| usage(format!("--auth-method {} is not supported", self.auth_method)))?;
        let jwks = match &self.jwks_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| usage(format!("--jwks-file {}: {e}", path.display())))?,
            ),
            None => None,
        };
        Ok(NewClient {
            client_id: self.client_id,
            client_secret: self.client_secret,
            name: self.name,
            redirect_uris: self.redirect_uris,
            post_logout_redirect_uris: self.post_logout_redirect_uris,
            grant_types: parse_grants(&self.grant_types)?,
            scope: Scope::parse(&self.scope),
            auth_method,
            jwks,
            jwks_uri: self.jwks_uri,
            first_party: self.first_party,
            require_mfa: self.require_mfa,
            client_uri: self.client_uri,
            logo: self.logo.as_deref().map(read_logo).transpose()?,
            links: Default::default(),
        })
    }
}

impl UpdateArgs {
    /// The changes asked for: lists given replace the stored ones.
    fn into_changes(self) -> Result<ClientChanges, CliError> {
        let list = |v: Vec<String>| Some(v).filter(|v| !v.is_empty());
        Ok(ClientChanges {
            name: self.name,
            redirect_uris: list(self.redirect_uris),
            post_logout_redirect_uris: list(self.post_logout_redirect_uris),
            scope: self.scope.as_deref().map(Scope::parse),
            grant_types: Some(parse_grants(&self.grant_types)?).filter(|g| !g.is_empty()),
            first_party: self.first_party,
            require_mfa: self.require_mfa,
            client_uri: self.client_uri,
            logo: self.logo.as_deref().map(read_logo).transpose()?,
            jwks: None,
            jwks_uri: None,
            links: None,
        })
    }
}

/// Reads and checks a logo file (type by its bytes, size).
fn read_logo(path: &std::path::Path) -> Result<ClientLogo, CliError> {
    let bytes = std::fs::read(path).map_err(|e| usage(format!("--logo {}: {e}", path.display())))?;
    ClientLogo::from_bytes(bytes).map_err(|e| usage(format!("--logo {}: {e}", path.display())))
}

fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn grants(c: &Client) -> String {
    c.grant_types
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn with_secret(text: String, secret: Option<&str>) -> String {
    match secret {
        Some(s) => format!("{text}\nclient secret: {s}\n(shown only this once: store it now)"),
        None => text,
    }
}

fn details(c: &Client) -> String {
    let list = |v: &[String]| if v.is_empty() { "-".into() } else { v.join(" ") };
    fields(&[
        ("client id", c.client_id.clone()),
        ("name", c.name.clone()),
        ("auth method", c.auth_method.as_str().into()),
        ("grant types", grants(c)),
        ("scope", c.scope.to_string()),
        ("redirect uris", list(&c.redirect_uris)),
        ("post-logout uris", list(&c.post_logout_redirect_uris)),
        ("first party", if c.first_party { "yes" } else { "no" }.into()),
        ("requires mfa", if c.require_mfa { "yes" } else { "no" }.into()),
        ("client uri", or_dash(c.client_uri.as_deref())),
        ("logo", c.logo_path().unwrap_or_else(|| "-".into())),
        ("created", iso(Some(c.created_at))),
    ])
}

fn describe(c: &Client) -> serde_json::Value {
    json!({
        "client_id": c.client_id,
        "client_name": c.name,
        "redirect_uris": c.redirect_uris,
        "post_logout_redirect_uris": c.post_logout_redirect_uris,
        "grant_types": c.grant_types.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        "scope": c.scope.to_string(),
        "token_endpoint_auth_method": c.auth_method.as_str(),
        "jwks_uri": c.jwks_uri,
        "first_party": c.first_party,
        "require_mfa": c.require_mfa,
        "client_uri": c.client_uri,
        "logo_version": c.logo_version,
        "created_at": c.created_at,
    })
}
