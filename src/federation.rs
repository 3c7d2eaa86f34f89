//! Upstream identity providers as a first factor: a connection sends the browser to its
//! upstream, the answer is checked and mapped to a profile, and the linking rules say which
//! account it signs in (`linking.rs`). The hosted pages hand the account to the authentication
//! engine, which decides what else the sign-in needs; nothing here makes a session.

pub mod linking;
pub mod mapping;
pub mod oauth2;
pub mod oidc;
pub mod telegram;

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{Audit, Event};
use crate::cache::{Cache, CacheError};
use crate::crypto::CryptoError;
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::random_token;
use crate::domain::{
    ClaimSync, Clock, FederatedIdentity, IdentityProvider, ProviderKind, UpstreamProfile, User,
};
use crate::manage::ManageError;
use crate::store::{IdentityProviderStore, Store, StoreError};
use linking::{Decision, Refusal};

/// How long an upstream sign-in may take, from the redirect to the callback.
const ROUND_TRIP: Duration = Duration::from_secs(600);

#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    /// No such connection, or it is disabled.
    #[error("unknown or disabled connection")]
    UnknownConnection,
    /// The callback's state is unknown, used, expired or for another connection.
    #[error("unknown or expired state")]
    UnknownState,
    /// The connection's settings are unusable.
    #[error("connection settings: {0}")]
    Config(String),
    /// The upstream could not be reached or answered with an error.
    #[error("upstream: {0}")]
    Upstream(String),
    /// The upstream's answer failed a check (signature, issuer, audience, nonce, …).
    #[error("upstream answer rejected: {0}")]
    Rejected(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

impl FederationError {
    /// The audit log's reason.
    pub fn reason(&self) -> &'static str {
        match self {
            FederationError::UnknownConnection => "unknown_connection",
            FederationError::UnknownState => "bad_state",
            FederationError::Config(_) => "misconfigured",
            FederationError::Upstream(_) => "upstream_error",
            FederationError::Rejected(_) => "rejected",
            FederationError::Store(_) | FederationError::Cache(_) | FederationError::Crypto(_) => "internal",
        }
    }
}

pub type Result<T> = std::result::Result<T, FederationError>;

/// An upstream sign-in under way, kept under its `state` until the callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub provider_id: String,
    /// The sign-in it belongs to: the callback only goes on in the browser holding it.
    pub interaction_id: String,
    /// Started from the account pages to link another sign-in to this account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_for: Option<String>,
    secrets: oidc::Secrets,
}

/// A checked answer from an upstream.
#[derive(Debug, Clone)]
pub struct Answer {
    pub pending: Pending,
    pub provider: IdentityProvider,
    pub profile: UpstreamProfile,
}

/// Which account an answer signs in.
#[derive(Debug, Clone)]
pub enum Resolved {
    /// Sign in as this account (linked before, or just now).
    SignIn(Box<User>),
    /// The account holding the upstream's address must be proved before the link is made.
    Confirm(Box<User>),
    /// The upstream gave no address: the user gives one at the review step and proves it.
    Review,
    Refused(Refusal),
}

/// What linking from the account pages did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linking {
    Linked,
    AlreadyYours,
    /// The upstream identity signs in another account here.
    TakenByAnother,
}

#[derive(Clone)]
pub struct Federation {
    store: IdentityProviderStore,
    users: crate::store::UserReader,
    /// The accounts' own attributes, for a profile the upstream owns.
    accounts: crate::store::UserStore,
    /// The roles a connection's groups map to.
    roles: crate::manage::Roles,
    cache: Arc<dyn Cache>,
    master: MasterKey,
    clock: Arc<dyn Clock>,
    http: reqwest::Client,
    audit: Audit,
    issuer: String,
    discovery: Arc<oidc::Discovery>,
}

impl Federation {
    pub fn new(
        store: &Store,
        cache: Arc<dyn Cache>,
        master: MasterKey,
        clock: Arc<dyn Clock>,
        http: reqwest::Client,
        audit: Audit,
        issuer: &str,
    ) -> Federation {
        Federation {
            store: store.identity_providers(),
            users: store.users().reader(),
            accounts: store.users(),
            roles: crate::manage::Roles::new(store, clock.clone()),
            cache,
            master,
            clock,
            http,
            audit,
            issuer: issuer.trim_end_matches('/').to_owned(),
            discovery: Arc::default(),
        }
    }

    /// Where the upstream sends the browser back: registered at the upstream.
    pub fn redirect_uri(&self, provider_id: &str) -> String {
        redirect_uri(&self.issuer, provider_id)
    }

    /// The enabled connection `id`.
    pub async fn connection(&self, id: &str) -> Result<IdentityProvider> {
        self.store
            .provider(id)
            .await?
            .filter(|p| p.enabled)
            .ok_or(FederationError::UnknownConnection)
    }

    /// The enabled connection claiming the domain of `email`, if any.
    pub async fn connection_for_email(&self, email: &str) -> Result<Option<IdentityProvider>> {
        let Some((_, domain)) = email.trim().rsplit_once('@') else {
            return Ok(None);
        };
        match self.store.provider_for_domain(&domain.to_lowercase()).await? {
            Some(id) => Ok(self.store.provider(&id).await?.filter(|p| p.enabled)),
            None => Ok(None),
        }
    }

    /// Starts a sign-in at connection `c` for interaction `interaction_id` (`link_for`: from the
    /// account pages of that user, to link the upstream identity): the URL to send the browser to.
    pub async fn begin(
        &self,
        c: &IdentityProvider,
        interaction_id: &str,
        link_for: Option<String>,
    ) -> Result<String> {
        let (url, secrets) = match c.kind {
            ProviderKind::Oidc => {
                oidc::authorization_url(&self.discovery, &self.http, c, &self.redirect_uri(&c.id)).await?
            }
            ProviderKind::OAuth2 => oauth2::authorization_url(c, &self.redirect_uri(&c.id))?,
            ProviderKind::Telegram => {
                let state = random_token(24);
                let return_to = format!("{}?state={state}", self.telegram_return(&c.id));
                let bot_id = c.settings.client_id.clone().unwrap_or_default();
                let url = telegram::authorization_url(&bot_id, &self.issuer, &return_to);
                (url, oidc::Secrets::state_only(state))
            }
            ProviderKind::Saml => return Err(not_oidc()),
        };
        let pending = Pending {
            provider_id: c.id.clone(),
            interaction_id: interaction_id.to_owned(),
            link_for,
            secrets,
        };
        let value = serde_json::to_vec(&pending).map_err(|e| FederationError::Config(e.to_string()))?;
        self.cache
            .set(&state_key(&pending.secrets.state), &value, ROUND_TRIP)
            .await?;
        Ok(url)
    }

    /// The sign-in `state` names, taken (a state answers once), if it is for connection
    /// `provider_id`.
    pub async fn take(&self, provider_id: &str, state: &str) -> Result<Pending> {
        if state.is_empty() || state.len() > 128 {
            return Err(FederationError::UnknownState);
        }
        let raw = self
            .cache
            .take(&state_key(state))
            .await?
            .ok_or(FederationError::UnknownState)?;
        let pending: Pending = serde_json::from_slice(&raw).map_err(|_| FederationError::UnknownState)?;
        if pending.provider_id != provider_id {
            return Err(FederationError::UnknownState);
        }
        Ok(pending)
    }

    /// Redeems the upstream's `code` for the sign-in `pending` and maps what it says.
    pub async fn finish(&self, pending: Pending, code: String) -> Result<Answer> {
        let provider = self.connection(&pending.provider_id).await?;
        let secret = match self.store.provider_secret(&provider.id).await? {
            Some(sealed) => Some(
                String::from_utf8(self.master.decrypt(&sealed)?)
                    .map_err(|_| FederationError::Config("client secret".into()))?,
            ),
            None => None,
        };
        let redirect_uri = self.redirect_uri(&provider.id);
        let (subject, claims) = match provider.kind {
            ProviderKind::Oidc => {
                oidc::redeem(
                    &self.discovery,
                    &self.http,
                    &provider,
                    secret,
                    &redirect_uri,
                    code,
                    &pending.secrets,
                )
                .await?
            }
            ProviderKind::OAuth2 => {
                oauth2::redeem(
                    &self.http,
                    &provider,
                    secret,
                    &redirect_uri,
                    code,
                    &pending.secrets,
                )
                .await?
            }
            ProviderKind::Saml | ProviderKind::Telegram => return Err(not_oidc()),
        };
        let profile = mapping::profile(&subject, &claims, &provider.settings.mapping)
            .ok_or_else(|| FederationError::Rejected("no usable subject".into()))?;
        Ok(Answer {
            pending,
            provider,
            profile,
        })
    }

    /// Where Telegram sends the browser back to connection `provider_id`.
    pub fn telegram_return(&self, provider_id: &str) -> String {
        format!("{}/login/upstream/{provider_id}/telegram", self.issuer)
    }

    /// Checks the Telegram payload `fields` for the sign-in `pending`: signed with the bot
    /// token, fresh, and not seen before (a payload is bound to nothing of ours, so one that
    /// leaked is refused the second time).
    pub async fn finish_telegram(&self, pending: Pending, fields: &[(String, String)]) -> Result<Answer> {
        let provider = self.connection(&pending.provider_id).await?;
        if provider.kind != ProviderKind::Telegram {
            return Err(FederationError::UnknownConnection);
        }
        let sealed = self
            .store
            .provider_secret(&provider.id)
            .await?
            .ok_or_else(|| FederationError::Config("no bot token".into()))?;
        let token = String::from_utf8(self.master.decrypt(&sealed)?)
            .map_err(|_| FederationError::Config("bot token".into()))?;
        let user = telegram::verify(fields, &token, self.clock.now(), telegram::MAX_AGE)
            .map_err(|e| FederationError::Rejected(format!("Telegram payload: {e:?}")))?;
        let hash = fields
            .iter()
            .find(|(k, _)| k == "hash")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        let seen = format!(
            "federation:telegram:{}",
            crate::crypto::secrets::sha256_hex(hash.as_bytes())
        );
        let fresh = self
            .cache
            .set_if_absent(&seen, b"1", Duration::from_secs((2 * telegram::MAX_AGE) as u64))
            .await?;
        if !fresh {
            return Err(FederationError::Rejected("Telegram payload replayed".into()));
        }
        let name = match (&user.first_name, &user.last_name) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (f, l) => f.clone().or_else(|| l.clone()),
        };
        let profile = UpstreamProfile {
            subject: user.id,
            name,
            given_name: user.first_name,
            family_name: user.last_name,
            picture: user.photo_url.as_deref().and_then(mapping::picture),
            ..UpstreamProfile::default()
        };
        Ok(Answer {
            pending,
            provider,
            profile,
        })
    }

    /// Which account `a` signs in, by the linking rules; makes the account or the link when
    /// the rules say so, each with its audit entry.
    pub async fn resolve(
        &self,
        c: &IdentityProvider,
        profile: &UpstreamProfile,
        origin: &crate::domain::Origin,
    ) -> Result<Resolved> {
        let profile = &linking::vouched(c, profile);
        let link = self.store.link(&c.id, &profile.subject).await?;
        let linked = match &link {
            Some(l) => self.users.user_by_id(&l.user_id).await?,
            None => None,
        };
        let holder = match (&linked, &profile.email) {
            (None, Some(email)) => self.users.user_by_email(email).await?,
            _ => None,
        };
        let now = self.clock.now();
        let new_link = |user_id: &str| FederatedIdentity {
            provider_id: c.id.clone(),
            subject: profile.subject.clone(),
            user_id: user_id.to_owned(),
            email: profile.email.clone(),
            created_at: now,
            last_login_at: Some(now),
        };
        let event = |action: &'static str, user_id: &str| {
            Event::success(action)
                .by_user(user_id)
                .origin(origin)
                .detail(json!({ "connection": c.id, "upstream_subject": profile.subject }))
        };
        match linking::decide(&c.settings, profile, linked.as_ref(), holder.as_ref()) {
            Decision::SignIn(_) => {
                self.store.touch_link(&c.id, &profile.subject, now).await?;
                let user = linked.ok_or(FederationError::UnknownState)?;
                self.apply_mapping(c, profile, &user, false).await?;
                Ok(Resolved::SignIn(Box::new(user)))
            }
            Decision::AutoLink(_) => {
                let user = holder.ok_or(FederationError::UnknownState)?;
                self.link(&c.id, profile, &user.id, origin).await?;
                self.apply_mapping(c, profile, &user, false).await?;
                Ok(Resolved::SignIn(Box::new(user)))
            }
            Decision::Confirm(_) => Ok(Resolved::Confirm(Box::new(
                holder.ok_or(FederationError::UnknownState)?,
            ))),
            Decision::Create => {
                let user = new_user(profile, c.settings.trust_email, now);
                let entry = self.audit.entry(event("account.registered", &user.id));
                match self
                    .store
                    .insert_federated_user(&user, &new_link(&user.id), &entry)
                    .await
                {
                    Ok(()) => {
                        self.apply_mapping(c, profile, &user, true).await?;
                        Ok(Resolved::SignIn(Box::new(user)))
                    }
                    // The address was taken meanwhile: that account must be proved.
                    Err(StoreError::Conflict) => match &profile.email {
                        Some(e) => match self.users.user_by_email(e).await? {
                            Some(u) => Ok(Resolved::Confirm(Box::new(u))),
                            None => Err(StoreError::Conflict.into()),
                        },
                        None => Err(StoreError::Conflict.into()),
                    },
                    Err(e) => Err(e.into()),
                }
            }
            Decision::Review => Ok(Resolved::Review),
            Decision::Refuse(r) => {
                self.refused(c, r.reason(), origin).await;
                Ok(Resolved::Refused(r))
            }
        }
    }

    /// What the connection's mapping says of `user` at this sign-in: the roles its groups map
    /// to, at every sign-in (a role is held while one of the groups mapped to it is asserted, so
    /// a role a mapping names is the connection's to give and take); and, when the upstream owns
    /// the profile (`every_login`), the name and picture.
    async fn apply_mapping(
        &self,
        c: &IdentityProvider,
        profile: &UpstreamProfile,
        user: &User,
        first: bool,
    ) -> Result<()> {
        let actor = format!("connection:{}", c.id);
        let mapping = &c.settings.mapping.roles;
        let mut roles: Vec<&String> = mapping.values().collect();
        roles.sort();
        roles.dedup();
        for name in roles {
            let wanted = mapping
                .iter()
                .any(|(group, role)| role == name && profile.groups.iter().any(|g| g == group));
            let role = match self.roles.find(name, None).await {
                Ok(r) => r,
                Err(ManageError::Store(e)) => return Err(e.into()),
                Err(e) => {
                    tracing::warn!(connection = %c.id, role = %name, error = %e, "a mapped role cannot be given");
                    continue;
                }
            };
            let changed = match wanted {
                true => self.roles.assign(user, &role, &actor).await,
                false => self.roles.unassign(user, &role, &actor).await,
            };
            match changed {
                Ok(_) => {}
                Err(ManageError::Store(e)) => return Err(e.into()),
                Err(e) => {
                    tracing::warn!(connection = %c.id, role = %name, error = %e, "a mapped role cannot be given")
                }
            }
        }
        if first || c.settings.sync != ClaimSync::EveryLogin {
            return Ok(());
        }
        let synced = |field: &str| {
            self.audit.entry(
                Event::success("account.profile_synced")
                    .by_user(&user.id)
                    .actor(&actor)
                    .detail(json!({ "connection": c.id, "field": field })),
            )
        };
        let now = self.clock.now();
        if profile.name.is_some() && profile.name != user.name {
            self.accounts
                .set_name(&user.id, profile.name.as_deref(), now, &synced("name"))
                .await?;
        }
        if profile.picture.is_some() && profile.picture != user.picture {
            self.accounts
                .set_picture(&user.id, profile.picture.as_deref(), now, &synced("picture"))
                .await?;
        }
        Ok(())
    }

    /// Links `user_id` to the upstream identity of `profile`.
    pub async fn link(
        &self,
        provider_id: &str,
        profile: &UpstreamProfile,
        user_id: &str,
        origin: &crate::domain::Origin,
    ) -> Result<()> {
        let now = self.clock.now();
        let link = FederatedIdentity {
            provider_id: provider_id.to_owned(),
            subject: profile.subject.clone(),
            user_id: user_id.to_owned(),
            email: profile.email.clone(),
            created_at: now,
            last_login_at: Some(now),
        };
        let entry = self.audit.entry(
            Event::success("federation.linked")
                .by_user(user_id)
                .origin(origin)
                .detail(json!({ "connection": provider_id, "upstream_subject": profile.subject })),
        );
        self.store.insert_link(&link, &entry).await?;
        Ok(())
    }

    /// Links the identity of `a` to `user_id`, who asked for it from the account pages.
    pub async fn link_to_account(
        &self,
        c: &IdentityProvider,
        profile: &UpstreamProfile,
        user_id: &str,
        origin: &crate::domain::Origin,
    ) -> Result<Linking> {
        match self.store.link(&c.id, &profile.subject).await? {
            Some(l) if l.user_id == user_id => Ok(Linking::AlreadyYours),
            Some(_) => Ok(Linking::TakenByAnother),
            None => match self.link(&c.id, profile, user_id, origin).await {
                Err(FederationError::Store(StoreError::Conflict)) => Ok(Linking::TakenByAnother),
                r => r.map(|()| Linking::Linked),
            },
        }
    }

    /// Audits a refused or failed upstream sign-in.
    pub async fn refused(&self, c: &IdentityProvider, reason: &str, origin: &crate::domain::Origin) {
        self.audit
            .record(
                Event::failure("login.federated")
                    .origin(origin)
                    .detail(json!({ "connection": c.id, "reason": reason })),
            )
            .await;
    }
}

/// Where connection `provider_id`'s upstream sends the browser back.
pub fn redirect_uri(issuer: &str, provider_id: &str) -> String {
    format!(
        "{}/login/upstream/{provider_id}/callback",
        issuer.trim_end_matches('/')
    )
}

/// A SAML connection has no OpenID Connect flow (its flow is in saml/).
fn not_oidc() -> FederationError {
    FederationError::Config("not an OpenID Connect connection".into())
}

fn state_key(state: &str) -> String {
    format!(
        "federation:{}",
        crate::crypto::secrets::sha256_hex(state.as_bytes())
    )
}

/// An account made just in time from `profile`: no password (it signs in through the
/// connection, or sets one by recovery); the address counts as verified when the connection is
/// trusted to say so, or when the user proved it at the review step.
fn new_user(profile: &UpstreamProfile, trust_email: bool, now: i64) -> User {
    let mut u = User::new(random_token(16), profile.email.clone().unwrap_or_default(), now);
    u.email_verified = (trust_email && profile.email_verified) || profile.email_proven;
    u.picture = profile.picture.clone();
    u.name = profile.name.clone();
    u.given_name = profile.given_name.clone();
    u.family_name = profile.family_name.clone();
    u.phone_number = profile.phone_number.clone();
    u
}
