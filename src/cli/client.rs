use clap::{Args, Subcommand};
use serde_json::json;

use super::{CliError, print_json, store};
use crate::config::Config;
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{random_token, token256};
use crate::domain::{Client, Clock, GrantType, Scope, SystemClock, TokenEndpointAuthMethod};
use crate::oidc::client_auth::hash_client_secret;

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Register a client; prints it as JSON, with its secret (shown only once).
    Create(Box<CreateArgs>),
    /// List registered clients as JSON.
    List,
    /// Delete a client and everything issued to it.
    Delete { client_id: String },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long)]
    name: String,
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
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
    jwks_file: Option<std::path::PathBuf>,
    /// A URL of the client's JWK Set (private_key_jwt).
    #[arg(long = "jwks-uri", value_name = "URL")]
    jwks_uri: Option<String>,
    #[arg(long = "client-id")]
    client_id: Option<String>,
    #[arg(long = "client-secret")]
    client_secret: Option<String>,
    /// Skip the consent page for this client.
    #[arg(long = "first-party")]
    first_party: bool,
}

fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}

/// RFC 6749 §3.1.2: absolute, no fragment. Plain http is for loopback development only.
fn check_uri(setting: &str, uri: &str) -> Result<(), CliError> {
    let u =
        url::Url::parse(uri).map_err(|e| usage(format!("{setting} {uri:?} is not an absolute URI: {e}")))?;
    if u.fragment().is_some() {
        return Err(usage(format!("{setting} {uri:?} must not have a fragment")));
    }
    if u.scheme() == "http" {
        let loopback = matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        if !loopback {
            eprintln!("warning: {setting} {uri} uses plain http; use https outside development");
        }
    }
    Ok(())
}

impl ClientCommand {
    pub async fn run(self, config: &Config) -> Result<(), CliError> {
        let store = store(config).await?;
        match self {
            ClientCommand::Create(a) => {
                let master = MasterKey::load(&config.master_key).map_err(|e| usage(e.to_string()))?;
                let (client, secret) = (*a).into_client(&master)?;
                let entry =
                    super::entry(crate::audit::Event::success("client.created").client(&client.client_id));
                store.insert_client(&client, &entry).await.map_err(|e| match e {
                    crate::store::StoreError::Conflict => {
                        usage(format!("client {} already exists", client.client_id))
                    }
                    e => e.into(),
                })?;
                let mut out = describe(&client);
                if let Some(s) = secret {
                    out["client_secret"] = json!(s);
                }
                print_json(&out);
            }
            ClientCommand::List => {
                let all: Vec<_> = store.list_clients().await?.iter().map(describe).collect();
                print_json(&json!(all));
            }
            ClientCommand::Delete { client_id } => {
                let entry = super::entry(crate::audit::Event::success("client.deleted").client(&client_id));
                if !store.delete_client(&client_id, &entry).await? {
                    return Err(usage(format!("no client {client_id}")));
                }
                print_json(&json!({"deleted": client_id}));
            }
        }
        Ok(())
    }
}

impl CreateArgs {
    fn into_client(self, master: &MasterKey) -> Result<(Client, Option<String>), CliError> {
        let auth_method = TokenEndpointAuthMethod::parse(&self.auth_method)
            .ok_or_else(|| usage(format!("--auth-method {} is not supported", self.auth_method)))?;
        let grant_types = if self.grant_types.is_empty() {
            vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
        } else {
            let mut gs = Vec::new();
            for g in &self.grant_types {
                let g =
                    GrantType::parse(g).ok_or_else(|| usage(format!("--grant-type {g} is not supported")))?;
                if !gs.contains(&g) {
                    gs.push(g);
                }
            }
            gs
        };
        if grant_types.contains(&GrantType::AuthorizationCode) && self.redirect_uris.is_empty() {
            return Err(usage(
                "--redirect-uri is required for the authorization_code grant",
            ));
        }
        if grant_types.contains(&GrantType::ClientCredentials) && auth_method == TokenEndpointAuthMethod::None
        {
            return Err(usage(
                "a public client (--auth-method none) cannot use client_credentials",
            ));
        }
        for u in &self.redirect_uris {
            check_uri("--redirect-uri", u)?;
        }
        for u in &self.post_logout_redirect_uris {
            check_uri("--post-logout-redirect-uri", u)?;
        }
        let jwks = match &self.jwks_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| usage(format!("--jwks-file {}: {e}", path.display())))?;
                josekit::jwk::JwkSet::from_bytes(text.as_bytes())
                    .map_err(|e| usage(format!("--jwks-file is not a JWK Set: {e}")))?;
                Some(text)
            }
            None => None,
        };
        if let Some(u) = &self.jwks_uri {
            check_uri("--jwks-uri", u)?;
        }
        if auth_method == TokenEndpointAuthMethod::PrivateKeyJwt && jwks.is_none() && self.jwks_uri.is_none()
        {
            return Err(usage("private_key_jwt needs --jwks-file or --jwks-uri"));
        }
        let secret = match (auth_method.uses_secret(), self.client_secret) {
            (true, Some(s)) if s.is_empty() => return Err(usage("--client-secret must not be empty")),
            (true, Some(s)) => Some(s),
            (true, None) => Some(token256()),
            (false, Some(_)) => {
                return Err(usage(format!("{} clients have no secret", auth_method.as_str())));
            }
            (false, None) => None,
        };
        let client_id = self.client_id.unwrap_or_else(|| random_token(16));
        if client_id.is_empty() || client_id.len() > 255 || client_id.contains(':') {
            return Err(usage("--client-id must be 1-255 characters without ':'"));
        }
        let client = Client {
            client_id,
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
            created_at: SystemClock.now(),
        };
        Ok((client, secret))
    }
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
        "created_at": c.created_at,
    })
}
