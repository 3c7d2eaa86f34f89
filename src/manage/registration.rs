//! Dynamic client registration (RFC 7591) and its management protocol (RFC 7592): a client
//! registers itself with an initial access token an administrator issued (or, when the
//! deployment allows it, with none), under the deployment's policy; it then reads, replaces and
//! deletes its registration with the registration access token it was given, which is rotated
//! at every replacement. Registered clients are third-party: their users are asked for consent.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::json;

use super::clients::metadata;
use crate::audit::{self, Event};
use crate::config::{Registration, RegistrationMode};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::{ct_eq, random_id, token256};
use crate::domain::{
    AuditEntry, Client, ClientLinks, Clock, GrantType, Scope, TokenEndpointAuthMethod, UnixTime,
};
use crate::store::{ClientStore, Store, StoreError};

/// Initial access tokens start so, to be recognised in a leak.
pub const INITIAL_TOKEN_PREFIX: &str = "pciat_";

#[derive(Clone)]
pub struct Registrations {
    clients: ClientStore,
    master: MasterKey,
    policy: Arc<Registration>,
    clock: Arc<dyn Clock>,
}

/// Why a registration request is refused (RFC 7591 §3.2.2, RFC 7592 §2).
#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error("{0}")]
    InvalidRedirectUri(String),
    #[error("{0}")]
    InvalidClientMetadata(String),
    /// A missing, unknown, used-up or expired initial or registration access token.
    #[error("the access token is not valid for this")]
    InvalidToken,
    /// The policy refuses the registration as a whole (the limit of clients).
    #[error("{0}")]
    AccessDenied(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

type Result<T> = std::result::Result<T, RegistrationError>;

/// Client metadata as a client sends it (RFC 7591 §2; OpenID Connect Dynamic Client
/// Registration §2). Members not understood are ignored, as §2 says.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClientMetadata {
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    pub token_endpoint_auth_method: Option<String>,
    pub grant_types: Option<Vec<String>>,
    pub response_types: Option<Vec<String>>,
    pub client_name: Option<String>,
    pub client_uri: Option<String>,
    pub logo_uri: Option<String>,
    pub scope: Option<String>,
    pub tos_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub jwks_uri: Option<String>,
    pub jwks: Option<serde_json::Value>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// RFC 7592 §2.2: an update names the client and may repeat its secret.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// A registration as stored, with what is shown once.
#[derive(Debug, Clone)]
pub struct Registered {
    pub client: Client,
    /// The client's secret when one was made now.
    pub client_secret: Option<String>,
    /// The registration access token, when one was made now (registration, replacement).
    pub registration_access_token: Option<String>,
}

impl Registrations {
    pub fn new(
        store: &Store,
        master: MasterKey,
        policy: Registration,
        clock: Arc<dyn Clock>,
    ) -> Registrations {
        Registrations {
            clients: store.clients(),
            master,
            policy: Arc::new(policy),
            clock,
        }
    }

    /// Issues an initial access token good for `uses` registrations, for `expires_in` seconds
    /// (forever without); its id and the token, shown once.
    pub async fn issue_initial_access_token(
        &self,
        uses: i64,
        expires_in: Option<i64>,
        actor: &str,
    ) -> std::result::Result<(String, String, Option<UnixTime>), StoreError> {
        let now = self.clock.now();
        let id = random_id(12);
        let token = format!("{INITIAL_TOKEN_PREFIX}{}", token256());
        let expires_at = expires_in.map(|s| now + s);
        let entry = self.entry(
            Event::success("registration.token_issued")
                .detail(json!({ "token": id, "uses": uses, "expires_at": expires_at })),
            actor,
        );
        let hash = self.master.client_secret_hash(&token);
        self.clients
            .insert_initial_access_token(&id, &hash, uses, expires_at, now, &entry)
            .await?;
        Ok((id, token, expires_at))
    }

    /// RFC 7591 §3: registers a client. `initial_token` is the bearer token of the request.
    pub async fn register(&self, meta: ClientMetadata, initial_token: Option<&str>) -> Result<Registered> {
        let now = self.clock.now();
        let initial_hash = initial_token.map(|t| self.master.client_secret_hash(t));
        match (self.policy.mode, &initial_hash) {
            (RegistrationMode::Off, _) => {
                return Err(RegistrationError::AccessDenied("registration is off".into()));
            }
            (RegistrationMode::Token, None) => return Err(RegistrationError::InvalidToken),
            _ => {}
        }
        // Checked before the metadata, so that without a good token nothing else is said.
        if let Some(hash) = &initial_hash
            && !self.clients.initial_access_token_usable(hash, now).await?
        {
            return Err(RegistrationError::InvalidToken);
        }
        if self.clients.count_registered_clients().await? >= self.policy.max_clients {
            return Err(RegistrationError::AccessDenied(
                "the registration limit of this server is reached".into(),
            ));
        }
        let mut client = self.client_of(&meta, random_id(16), now)?;
        let client_secret = client.auth_method.uses_secret().then(token256);
        client.secret_hash = client_secret
            .as_deref()
            .map(|s| self.master.client_secret_hash(s));
        check(&client)?;
        let token = token256();
        let entry = self.entry(
            Event::success("client.registered")
                .client(&client.client_id)
                .detail(json!({ "initial_access_token": initial_hash.is_some() })),
            "registration",
        );
        let stored = self
            .clients
            .register_client(
                &client,
                &self.master.client_secret_hash(&token),
                initial_hash.as_deref(),
                now,
                &entry,
            )
            .await?;
        if !stored {
            return Err(RegistrationError::InvalidToken);
        }
        Ok(Registered {
            client,
            client_secret,
            registration_access_token: Some(token),
        })
    }

    /// RFC 7592 §2: the registered client `client_id`, when `token` is its registration access
    /// token. One answer for an unknown client and a wrong token.
    pub async fn authenticate(&self, client_id: &str, token: &str) -> Result<Client> {
        let stored = self.clients.registration_token_hash(client_id).await?;
        let presented = self.master.client_secret_hash(token);
        match stored {
            Some(hash) if ct_eq(&hash, &presented) => self
                .clients
                .client(client_id)
                .await?
                .ok_or(RegistrationError::InvalidToken),
            _ => Err(RegistrationError::InvalidToken),
        }
    }

    /// RFC 7592 §2.2: replaces the client's metadata with `meta` (members left out take their
    /// defaults) and rotates its registration access token.
    pub async fn replace(&self, current: &Client, meta: ClientMetadata) -> Result<Registered> {
        if meta.client_id.as_deref() != Some(current.client_id.as_str()) {
            return Err(RegistrationError::InvalidClientMetadata(
                "client_id must be the registered client's".into(),
            ));
        }
        if let Some(secret) = &meta.client_secret {
            let matches = current
                .secret_hash
                .as_deref()
                .is_some_and(|h| ct_eq(h, &self.master.client_secret_hash(secret)));
            if !matches {
                return Err(RegistrationError::InvalidClientMetadata(
                    "client_secret is not the client's".into(),
                ));
            }
        }
        let mut client = self.client_of(&meta, current.client_id.clone(), current.created_at)?;
        client.logo_version = current.logo_version.clone();
        // The secret stays; a client that now needs one and had none gets one.
        let client_secret = match (client.auth_method.uses_secret(), &current.secret_hash) {
            (true, Some(h)) => {
                client.secret_hash = Some(h.clone());
                None
            }
            (true, None) => {
                let s = token256();
                client.secret_hash = Some(self.master.client_secret_hash(&s));
                Some(s)
            }
            (false, _) => None,
        };
        check(&client)?;
        let entry = self.entry(
            Event::success("client.updated")
                .client(&client.client_id)
                .detail(json!({ "registration": true })),
            &format!("client:{}", client.client_id),
        );
        if !self.clients.update_client(&client, &entry).await? {
            return Err(RegistrationError::InvalidToken);
        }
        if let Some(s) = &client_secret {
            let entry = self.entry(
                Event::success("client.secret_rotated").client(&client.client_id),
                &format!("client:{}", client.client_id),
            );
            self.clients
                .set_client_secret_hash(&client.client_id, &self.master.client_secret_hash(s), &entry)
                .await?;
        }
        let token = token256();
        self.clients
            .set_registration_token_hash(&client.client_id, &self.master.client_secret_hash(&token))
            .await?;
        Ok(Registered {
            client,
            client_secret,
            registration_access_token: Some(token),
        })
    }

    /// RFC 7592 §2.3: deletes the registration and everything issued to the client.
    pub async fn delete(&self, client: &Client) -> Result<()> {
        let entry = self.entry(
            Event::success("client.deleted").client(&client.client_id),
            &format!("client:{}", client.client_id),
        );
        self.clients.delete_client(&client.client_id, &entry).await?;
        Ok(())
    }

    /// The client `meta` describes, judged by the policy and RFC 7591 §2.1's coherence rules.
    fn client_of(&self, meta: &ClientMetadata, client_id: String, created_at: UnixTime) -> Result<Client> {
        let p = &self.policy;
        let bad = |m: String| RegistrationError::InvalidClientMetadata(m);
        let grant_types: Vec<GrantType> = match &meta.grant_types {
            None => vec![GrantType::AuthorizationCode],
            Some(names) => names
                .iter()
                .map(|g| GrantType::parse(g).ok_or_else(|| bad(format!("grant type {g} is not supported"))))
                .collect::<Result<_>>()?,
        };
        if let Some(g) = grant_types.iter().find(|g| !p.grant_types.contains(g)) {
            return Err(bad(format!("grant type {} is not allowed here", g.as_str())));
        }
        // §2.1: the code response type and the authorization_code grant go together; left out,
        // the response types follow the grants.
        let code_flow = grant_types.contains(&GrantType::AuthorizationCode);
        let response_types = match &meta.response_types {
            Some(r) => r.clone(),
            None if code_flow => vec!["code".into()],
            None => vec![],
        };
        if let Some(r) = response_types.iter().find(|r| *r != "code") {
            return Err(bad(format!("response type {r} is not supported")));
        }
        if code_flow != response_types.iter().any(|r| r == "code") {
            return Err(bad(
                "grant_types and response_types disagree: authorization_code goes with code".into(),
            ));
        }
        let method_name = meta
            .token_endpoint_auth_method
            .as_deref()
            .unwrap_or("client_secret_basic");
        let auth_method = TokenEndpointAuthMethod::parse(method_name).ok_or_else(|| {
            bad(format!(
                "token_endpoint_auth_method {method_name} is not supported"
            ))
        })?;
        if !p.auth_methods.contains(&auth_method) {
            return Err(bad(format!(
                "token_endpoint_auth_method {method_name} is not allowed here"
            )));
        }
        for uri in &meta.redirect_uris {
            self.check_redirect(uri)
                .map_err(|m| RegistrationError::InvalidRedirectUri(format!("redirect_uris: {m}")))?;
        }
        for uri in &meta.post_logout_redirect_uris {
            self.check_redirect(uri)
                .map_err(|m| bad(format!("post_logout_redirect_uris: {m}")))?;
        }
        let scope = Scope::parse(meta.scope.as_deref().unwrap_or("openid"));
        if let Some(s) = scope
            .iter()
            .find(|s| !p.scopes.iter().any(|allowed| allowed == s))
        {
            return Err(bad(format!("scope {s} is not allowed here")));
        }
        let name = meta
            .client_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| {
                let first = meta.redirect_uris.first()?;
                url::Url::parse(first).ok()?.host_str().map(str::to_owned)
            })
            .unwrap_or_else(|| "Unnamed application".into());
        if name.chars().count() > 100 {
            return Err(bad("client_name is longer than 100 characters".into()));
        }
        Ok(Client {
            client_id,
            secret_hash: None,
            name,
            redirect_uris: meta.redirect_uris.clone(),
            post_logout_redirect_uris: meta.post_logout_redirect_uris.clone(),
            grant_types,
            scope,
            auth_method,
            jwks: meta.jwks.as_ref().map(|j| j.to_string()),
            jwks_uri: meta.jwks_uri.clone(),
            first_party: false,
            require_mfa: false,
            created_at,
            client_uri: meta.client_uri.clone(),
            logo_version: None,
            links: ClientLinks {
                logo_uri: meta.logo_uri.clone(),
                policy_uri: meta.policy_uri.clone(),
                tos_uri: meta.tos_uri.clone(),
            },
        })
    }

    /// The policy's schemes and hosts; plain http only to a loopback address (RFC 8252 §7.3).
    fn check_redirect(&self, uri: &str) -> std::result::Result<(), String> {
        let u = url::Url::parse(uri).map_err(|_| format!("{uri:?} is not an absolute URI"))?;
        let scheme = u.scheme();
        if !self.policy.redirect_schemes.iter().any(|s| s == scheme) {
            return Err(format!("{uri}: the scheme {scheme} is not allowed here"));
        }
        let host = u.host_str().unwrap_or("");
        let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
        if scheme == "http" && !loopback {
            return Err(format!("{uri}: plain http is for loopback addresses only"));
        }
        let web = matches!(scheme, "http" | "https");
        let hosts = &self.policy.redirect_hosts;
        if web && !loopback && !hosts.is_empty() && !hosts.iter().any(|h| h == host) {
            return Err(format!("{uri}: the host {host} is not allowed here"));
        }
        Ok(())
    }

    fn entry(&self, event: Event, actor: &str) -> AuditEntry {
        audit::entry(event.actor(actor), self.clock.now())
    }
}

/// The rules every client follows ([`metadata::check`]), as registration errors.
fn check(c: &Client) -> Result<()> {
    metadata::check(c).map(|_| ()).map_err(|e| match e.0 {
        m if m.starts_with("redirect_uris") => RegistrationError::InvalidRedirectUri(m),
        m => RegistrationError::InvalidClientMetadata(m),
    })
}
