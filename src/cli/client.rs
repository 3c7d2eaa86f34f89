//! `portcullis client …`: relying parties from the command line. A new client and a changed
//! one pass the same checks (oidc/client_metadata.rs); secrets are shown once and stored as
//! keyed hashes only.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::output::{Output, fields, iso, or_dash, table};
use super::{CliError, store, usage};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{random_id, sha256_hex, token256};
use crate::domain::{Client, ClientLogo, Clock, GrantType, Scope, SystemClock, TokenEndpointAuthMethod};
use crate::oidc::client_auth::hash_client_secret;
use crate::oidc::client_metadata;
use crate::store::{Store, StoreError};

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
    #[arg(long, default_value = "openid profile email phone address offline_access")]
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
        let store = store(config).await?;
        match self {
            ClientCommand::Create(a) => {
                let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
                let logo = a.logo.as_deref().map(read_logo).transpose()?;
                let (client, secret) = (*a).into_client(&master)?;
                warn(client_metadata::check(&client).map_err(|e| usage(e.to_string()))?);
                let entry =
                    super::entry(crate::audit::Event::success("client.created").client(&client.client_id));
                store.insert_client(&client, &entry).await.map_err(|e| match e {
                    StoreError::Conflict => usage(format!("client {} already exists", client.client_id)),
                    e => e.into(),
                })?;
                if let Some(logo) = logo {
                    save_logo(&store, &client.client_id, &logo).await?;
                }
                let client = reread(&store, &client.client_id).await?;
                let mut json = describe(&client);
                if let Some(s) = &secret {
                    json["client_secret"] = json!(s);
                }
                out.print(&json, || with_secret(details(&client), secret.as_deref()));
            }
            ClientCommand::List => {
                let all = store.list_clients().await?;
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
                let current = reread(&store, &a.client_id).await?;
                let logo = a.logo.as_deref().map(read_logo).transpose()?;
                let (changed, names) = a.apply(current)?;
                if names.is_empty() && logo.is_none() {
                    return Err(usage(
                        "nothing to change: give --name, --redirect-uri, --post-logout-redirect-uri, --scope, \
                         --grant-type, --first-party, --client-uri or --logo",
                    ));
                }
                warn(client_metadata::check(&changed).map_err(|e| usage(e.to_string()))?);
                if !names.is_empty() {
                    let entry = super::entry(
                        crate::audit::Event::success("client.updated")
                            .client(&changed.client_id)
                            .detail(json!({ "fields": names })),
                    );
                    if !store.update_client(&changed, &entry).await? {
                        return Err(usage(format!("no client {}", changed.client_id)));
                    }
                }
                if let Some(logo) = logo {
                    save_logo(&store, &changed.client_id, &logo).await?;
                }
                let client = reread(&store, &changed.client_id).await?;
                out.print(&describe(&client), || details(&client));
            }
            ClientCommand::RotateSecret { client_id } => {
                let client = reread(&store, &client_id).await?;
                if !client.auth_method.uses_secret() {
                    return Err(usage(format!(
                        "client {client_id} authenticates with {}: it has no secret to rotate",
                        client.auth_method.as_str()
                    )));
                }
                let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
                let secret = token256();
                let entry =
                    super::entry(crate::audit::Event::success("client.secret_rotated").client(&client_id));
                if !store
                    .set_client_secret_hash(&client_id, &hash_client_secret(&master, &secret), &entry)
                    .await?
                {
                    return Err(usage(format!("no client {client_id}")));
                }
                out.print(&json!({"client_id": client_id, "client_secret": secret}), || {
                    with_secret(fields(&[("client id", client_id.clone())]), Some(&secret))
                });
            }
            ClientCommand::Delete { client_id } => {
                let entry = super::entry(crate::audit::Event::success("client.deleted").client(&client_id));
                if !store.delete_client(&client_id, &entry).await? {
                    return Err(usage(format!("no client {client_id}")));
                }
                out.print(&json!({"deleted": client_id}), || {
                    format!("deleted client {client_id}")
                });
            }
        }
        Ok(())
    }
}

/// `authorization_code, refresh_token` → parsed, each once, in the order given.
fn parse_grants(given: &[String]) -> Result<Vec<GrantType>, CliError> {
    let mut gs = Vec::new();
    for g in given {
        let g = GrantType::parse(g).ok_or_else(|| usage(format!("--grant-type {g} is not supported")))?;
        if !gs.contains(&g) {
            gs.push(g);
        }
    }
    Ok(gs)
}

impl CreateArgs {
    fn into_client(self, master: &MasterKey) -> Result<(Client, Option<String>), CliError> {
        let auth_method = TokenEndpointAuthMethod::parse(&self.auth_method)
            .ok_or_else(|| usage(format!("--auth-method {} is not supported", self.auth_method)))?;
        let grant_types = if self.grant_types.is_empty() {
            vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
        } else {
            parse_grants(&self.grant_types)?
        };
        let jwks = match &self.jwks_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| usage(format!("--jwks-file {}: {e}", path.display())))?,
            ),
            None => None,
        };
        let secret = match (auth_method.uses_secret(), self.client_secret) {
            (true, Some(s)) if s.is_empty() => return Err(usage("--client-secret must not be empty")),
            (true, Some(s)) => Some(s),
            (true, None) => Some(token256()),
            (false, Some(_)) => {
                return Err(usage(format!("{} clients have no secret", auth_method.as_str())));
            }
            (false, None) => None,
        };
        let client = Client {
            client_id: self.client_id.unwrap_or_else(|| random_id(16)),
            secret_hash: secret.as_deref().map(|s| hash_client_secret(master, s)),
            name: self.name,
            redirect_uris: self.redirect_uris,
            post_logout_redirect_uris: self.post_logout_redirect_uris,
            grant_types,
            scope: Scope::parse(&self.scope),
            auth_method,
            jwks,
            jwks_uri: self.jwks_uri,
            first_party: self.first_party,
            require_mfa: self.require_mfa,
            created_at: SystemClock.now(),
            client_uri: self.client_uri.filter(|u| !u.trim().is_empty()),
            logo_version: None,
        };
        Ok((client, secret))
    }
}

impl UpdateArgs {
    /// The client with the changes asked for, and the names of the fields changed.
    fn apply(self, mut c: Client) -> Result<(Client, Vec<&'static str>), CliError> {
        let mut names = Vec::new();
        if let Some(name) = self.name {
            c.name = name;
            names.push("client_name");
        }
        if !self.redirect_uris.is_empty() {
            c.redirect_uris = self.redirect_uris;
            names.push("redirect_uris");
        }
        if !self.post_logout_redirect_uris.is_empty() {
            c.post_logout_redirect_uris = self.post_logout_redirect_uris;
            names.push("post_logout_redirect_uris");
        }
        if let Some(scope) = self.scope {
            c.scope = Scope::parse(&scope);
            names.push("scope");
        }
        if !self.grant_types.is_empty() {
            c.grant_types = parse_grants(&self.grant_types)?;
            names.push("grant_types");
        }
        if let Some(first_party) = self.first_party {
            c.first_party = first_party;
            names.push("first_party");
        }
        if let Some(require_mfa) = self.require_mfa {
            c.require_mfa = require_mfa;
            names.push("require_mfa");
        }
        if let Some(uri) = self.client_uri {
            c.client_uri = Some(uri).filter(|u| !u.trim().is_empty());
            names.push("client_uri");
        }
        Ok((c, names))
    }
}

/// Reads and checks a logo file (type by its bytes, size).
fn read_logo(path: &std::path::Path) -> Result<ClientLogo, CliError> {
    let bytes = std::fs::read(path).map_err(|e| usage(format!("--logo {}: {e}", path.display())))?;
    ClientLogo::from_bytes(bytes).map_err(|e| usage(format!("--logo {}: {e}", path.display())))
}

/// Stores the logo with a version derived from its bytes (the pages' cache-busting key).
async fn save_logo(store: &Store, client_id: &str, logo: &ClientLogo) -> Result<(), CliError> {
    let version = sha256_hex(&logo.body)[..16].to_owned();
    let entry = super::entry(
        crate::audit::Event::success("client.updated")
            .client(client_id)
            .detail(json!({ "fields": ["logo"], "content_type": logo.content_type })),
    );
    store
        .set_client_logo(client_id, logo, &version, SystemClock.now(), &entry)
        .await?;
    Ok(())
}

async fn reread(store: &Store, client_id: &str) -> Result<Client, CliError> {
    store
        .client(client_id)
        .await?
        .ok_or_else(|| usage(format!("no client {client_id}")))
}

fn warn(warnings: Vec<String>) {
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
