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
    /// Telegram Login (the bot token on standard input, with --client-secret-stdin).
    Telegram,
    /// Plain OAuth 2.0 with a userinfo URL (--preset github|x, or the endpoints).
    Oauth2,
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
    /// An upstream group whose members hold a global role here, as GROUP=ROLE (repeatable;
    /// the roles named are the connection's to give and take at every sign-in).
    #[arg(long = "map-group", value_name = "GROUP=ROLE")]
    map_groups: Vec<String>,
    /// Where an attribute is read from, as ATTRIBUTE=CLAIM (repeatable): email, email_verified,
    /// name, given_name, family_name, phone_number, picture or groups, from a claim (a dotted
    /// path into userinfo's answer) or a SAML attribute's name.
    #[arg(long = "map-claim", value_name = "ATTRIBUTE=CLAIM")]
    map_claims: Vec<String>,
    /// When the upstream's claims are copied to the account: first-login, or every-login (the
    /// upstream owns the profile).
    #[arg(long, value_parser = ["first-login", "every-login"])]
    sync: Option<String>,
    /// An e-mail domain whose users this connection signs in (repeatable).
    #[arg(long = "domain", value_name = "DOMAIN")]
    domains: Vec<String>,
    /// A known provider: github or x (OAuth 2.0), google or entra (OpenID Connect; entra with
    /// --tenant). It fills the endpoints or issuer, scopes and claim names.
    #[arg(long, value_parser = ["github", "x", "google", "entra"])]
    preset: Option<String>,
    /// Microsoft Entra ID: the tenant id (the issuer is the tenant's own).
    #[arg(long)]
    tenant: Option<String>,
    /// OAuth 2.0: the authorization endpoint.
    #[arg(long, value_name = "URL", requires_all = ["token_endpoint", "userinfo_endpoint"])]
    authorization_endpoint: Option<String>,
    /// OAuth 2.0: the token endpoint.
    #[arg(long, value_name = "URL")]
    token_endpoint: Option<String>,
    /// OAuth 2.0: where the access token says who the user is.
    #[arg(long, value_name = "URL")]
    userinfo_endpoint: Option<String>,
    /// OAuth 2.0: the claim path of the user's id in userinfo's answer (default: id).
    #[arg(long, value_name = "PATH")]
    subject_claim: Option<String>,
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
    /// SAML: take IdP-initiated sign-ins, for this client only (its client_uri is where the
    /// browser goes next); "" turns them off again.
    #[arg(long, value_name = "CLIENT_ID")]
    idp_initiated_client: Option<String>,
}

impl Settings {
    async fn change(self) -> Result<ConnectionChange, CliError> {
        // A URL is read by the service (which refuses what is not https or loopback first).
        let saml_metadata = match &self.metadata_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| usage(format!("--metadata-file {}: {e}", path.display())))?,
            ),
            None => None,
        };
        let mut group_roles = std::collections::BTreeMap::new();
        for pair in &self.map_groups {
            let (group, role) = pair
                .split_once('=')
                .ok_or_else(|| usage(format!("--map-group {pair:?}: use GROUP=ROLE")))?;
            group_roles.insert(group.to_owned(), role.to_owned());
        }
        let mut claim_names = std::collections::BTreeMap::new();
        for pair in &self.map_claims {
            let (attribute, claim) = pair
                .split_once('=')
                .ok_or_else(|| usage(format!("--map-claim {pair:?}: use ATTRIBUTE=CLAIM")))?;
            claim_names.insert(attribute.to_owned(), claim.to_owned());
        }
        let oauth2 = match (
            self.authorization_endpoint,
            self.token_endpoint,
            self.userinfo_endpoint,
        ) {
            (Some(authorization_endpoint), Some(token_endpoint), Some(userinfo_endpoint)) => {
                Some(crate::domain::OAuth2Endpoints {
                    authorization_endpoint,
                    token_endpoint,
                    userinfo_endpoint,
                    subject: self.subject_claim.unwrap_or_else(|| "id".into()),
                    emails_endpoint: None,
                    credentials_in_body: false,
                })
            }
            _ => None,
        };
        Ok(ConnectionChange {
            issuer: self.issuer,
            oauth2,
            preset: self.preset,
            tenant: self.tenant,
            scopes: (!self.scopes.is_empty()).then_some(self.scopes),
            group_roles: (!group_roles.is_empty()).then_some(group_roles),
            claim_names: (!claim_names.is_empty()).then_some(claim_names),
            sync: self.sync.as_deref().map(|s| match s {
                "every-login" => crate::domain::ClaimSync::EveryLogin,
                _ => crate::domain::ClaimSync::FirstLogin,
            }),
            saml_metadata,
            metadata_url: self.metadata_url,
            sign_requests: self.sign_requests,
            allow_sha1: self.allow_sha1,
            name_id_format: self.name_id_format,
            idp_initiated_client: self.idp_initiated_client,
            name: self.name,
            client_id: self.client_id,
            client_secret: match self.client_secret_stdin {
                true => Some(read_secret("the client secret")?),
                false => None,
            },
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
                    Kind::Telegram => ProviderKind::Telegram,
                    Kind::Oauth2 => ProviderKind::OAuth2,
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
        "group_roles": s.mapping.roles,
        "claim_names": s.mapping.names(),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    });
    match c.kind {
        // Registered at the upstream.
        ProviderKind::Oidc | ProviderKind::OAuth2 => {
            out["redirect_uri"] = json!(crate::federation::redirect_uri(issuer, &c.id))
        }
        // Set as the bot's domain with BotFather (/setdomain).
        ProviderKind::Telegram => {
            out["return_url"] = json!(format!(
                "{}/login/upstream/{}/telegram",
                issuer.trim_end_matches('/'),
                c.id
            ))
        }
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
