//! Connections to upstream identity providers: made, changed and deleted with their audit
//! entries; the client secret sealed under the master key and never shown again.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::{ManageError, Result};
use crate::audit::{self, Event};
use crate::crypto::encryption::MasterKey;
use crate::crypto::secrets::random_id;
use crate::domain::{
    AuditEntry, ClaimMapping, ClaimSync, Clock, IdentityProvider, LinkPolicy, OAuth2Endpoints, ProviderKind,
    ProviderSettings, SamlSettings,
};
use crate::store::{IdentityProviderStore, Store};

/// What the scopes of an OpenID connection are unless told.
pub const DEFAULT_SCOPES: [&str; 3] = ["openid", "email", "profile"];

/// A connection's settings as given; `None` leaves a setting as it is (on update) or takes the
/// default (on create).
#[derive(Debug, Clone, Default)]
pub struct ConnectionChange {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// A new client secret.
    pub client_secret: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub link_policy: Option<LinkPolicy>,
    pub trust_email: Option<bool>,
    pub trust_mfa: Option<bool>,
    pub sync: Option<ClaimSync>,
    pub mapping: Option<ClaimMapping>,
    /// Attribute → the claim (dotted path, or SAML attribute name) it is read from; the
    /// attributes not named keep theirs.
    pub claim_names: Option<std::collections::BTreeMap<String, String>>,
    /// Upstream group → the name of a global role its members hold (replaces the list).
    pub group_roles: Option<std::collections::BTreeMap<String, String>>,
    pub domains: Option<Vec<String>>,
    /// SAML: the IdP's metadata document (read from a file, or fetched from `metadata_url`).
    pub saml_metadata: Option<String>,
    pub metadata_url: Option<String>,
    pub sign_requests: Option<bool>,
    pub allow_sha1: Option<bool>,
    /// `email`, `persistent` or `unspecified`.
    pub name_id_format: Option<String>,
    /// The one client IdP-initiated sign-ins go to (`""`: none, IdP-initiated sign-in off).
    pub idp_initiated_client: Option<String>,
    /// Plain OAuth 2.0: the endpoints (a preset fills them), and the subject's claim path.
    pub oauth2: Option<OAuth2Endpoints>,
    /// A known provider (see presets.rs): `github`, `x`, `google`, `entra` (with `tenant`).
    pub preset: Option<String>,
    pub tenant: Option<String>,
}

impl ConnectionChange {
    /// The change with what its preset and metadata URL stand for filled in: a preset's
    /// endpoints or issuer, scopes (unless given) and claim names; the metadata read from its URL
    /// (unless given).
    async fn resolved(mut self) -> Result<ConnectionChange> {
        match self.preset.clone().as_deref() {
            Some(p @ ("github" | "x")) => {
                let (endpoints, scopes, mapping) =
                    super::presets::oauth2(p).ok_or_else(|| ManageError::Invalid("unknown preset".into()))?;
                self.oauth2 = self.oauth2.or(Some(endpoints));
                self.mapping = self.mapping.or(Some(mapping));
                self.scopes = self.scopes.or(Some(scopes));
            }
            Some(p @ ("google" | "entra")) => {
                self.issuer = Some(
                    super::presets::issuer(p, self.tenant.as_deref())
                        .ok_or_else(|| ManageError::Invalid("the entra preset needs a tenant".into()))?,
                );
            }
            Some(p) => {
                return Err(ManageError::Invalid(format!(
                    "unknown preset {p:?}: github, x, google or entra"
                )));
            }
            None => {}
        }
        if let (None, Some(url)) = (&self.saml_metadata, &self.metadata_url) {
            let xml = fetch_metadata(url).await.map_err(|e| {
                ManageError::Invalid(format!("metadata_url {url}: the metadata could not be read: {e}"))
            })?;
            self.saml_metadata = Some(xml);
        }
        Ok(self)
    }
}

#[derive(Clone)]
pub struct IdentityProviders {
    store: IdentityProviderStore,
    clients: crate::store::ClientReader,
    master: MasterKey,
    clock: Arc<dyn Clock>,
}

impl IdentityProviders {
    pub fn new(store: &Store, master: MasterKey, clock: Arc<dyn Clock>) -> IdentityProviders {
        IdentityProviders {
            store: store.identity_providers(),
            clients: store.clients().reader(),
            master,
            clock,
        }
    }

    pub async fn create(
        &self,
        kind: ProviderKind,
        change: ConnectionChange,
        actor: &str,
    ) -> Result<IdentityProvider> {
        let change = change.resolved().await?;
        let now = self.clock.now();
        let blank = IdentityProvider {
            id: random_id(12),
            name: String::new(),
            kind,
            enabled: true,
            settings: ProviderSettings {
                issuer: None,
                client_id: None,
                scopes: DEFAULT_SCOPES.map(str::to_owned).to_vec(),
                link_policy: LinkPolicy::default(),
                trust_email: false,
                trust_mfa: false,
                sync: ClaimSync::default(),
                mapping: ClaimMapping::default(),
                saml: None,
                oauth2: None,
                preset: None,
            },
            domains: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        let (c, secret) = match kind {
            // Our SP key signs requests and decrypts assertions: made here, sealed as the secret.
            ProviderKind::Saml => {
                let (key, certificate) = sp_key_pair()?;
                let mut blank = blank;
                blank.settings.saml = Some(SamlSettings {
                    idp_metadata: String::new(),
                    metadata_url: None,
                    sp_certificate: certificate,
                    sign_requests: false,
                    allow_sha1: false,
                    name_id_format: "unspecified".into(),
                    idp_initiated_client: None,
                });
                (apply(blank, change)?, Some(key))
            }
            ProviderKind::Oidc => {
                let secret = change.client_secret.clone();
                (apply(blank, change)?, secret)
            }
            ProviderKind::OAuth2 => {
                let secret = change.client_secret.clone();
                (apply(blank, change)?, secret)
            }
            // The bot token is the secret; the bot's id (its first part) is the client id.
            ProviderKind::Telegram => {
                let token = change.client_secret.clone().unwrap_or_default();
                let bot_id = telegram_bot_id(&token)?;
                let change = ConnectionChange {
                    client_id: Some(bot_id),
                    ..change
                };
                (apply(blank, change)?, Some(token))
            }
        };
        self.check_initiated(&c).await?;
        let sealed = self.seal(secret.as_deref())?;
        let entry = self.entry("identity_provider.created", &c, actor);
        self.store
            .insert_provider(&c, sealed.as_deref(), &entry)
            .await
            .map_err(domain_taken)?;
        Ok(c)
    }

    pub async fn update(&self, id: &str, change: ConnectionChange, actor: &str) -> Result<IdentityProvider> {
        let change = change.resolved().await?;
        let current = self.get(id).await?;
        let secret = change
            .client_secret
            .clone()
            .filter(|_| current.kind == ProviderKind::Oidc);
        let mut c = apply(current.clone(), change)?;
        if c == current && secret.is_none() {
            return Err(ManageError::NothingToChange);
        }
        self.check_initiated(&c).await?;
        c.updated_at = self.clock.now();
        let sealed = self.seal(secret.as_deref())?;
        let entry = self.entry("identity_provider.updated", &c, actor);
        match self
            .store
            .update_provider(&c, sealed.as_deref(), &entry)
            .await
            .map_err(domain_taken)?
        {
            true => Ok(c),
            false => Err(not_found(id)),
        }
    }

    /// The client IdP-initiated sign-ins go to must exist and have a `client_uri` to send the
    /// browser to.
    async fn check_initiated(&self, c: &IdentityProvider) -> Result<()> {
        let Some(id) = c
            .settings
            .saml
            .as_ref()
            .and_then(|s| s.idp_initiated_client.as_ref())
        else {
            return Ok(());
        };
        match self.clients.client(id).await? {
            Some(client) if client.client_uri.is_some() => Ok(()),
            Some(_) => Err(ManageError::Invalid(format!(
                "client {id} has no client_uri to send IdP-initiated sign-ins to"
            ))),
            None => Err(ManageError::Invalid(format!("no client {id}"))),
        }
    }

    pub async fn delete(&self, id: &str, actor: &str) -> Result<()> {
        let entry = audit::entry(
            Event::success("identity_provider.deleted")
                .actor(actor)
                .detail(json!({ "connection": id })),
            self.clock.now(),
        );
        match self.store.delete_provider(id, &entry).await? {
            true => Ok(()),
            false => Err(not_found(id)),
        }
    }

    /// Reads again the metadata of SAML connections that name a URL for it: a new signing
    /// certificate (a rollover) is taken; metadata that fails the checks is not, and is logged.
    pub async fn refresh_saml_metadata(&self) -> Result<usize> {
        let mut changed = 0;
        for c in self.list().await? {
            let Some(url) = c.settings.saml.as_ref().and_then(|s| s.metadata_url.clone()) else {
                continue;
            };
            let xml = match fetch_metadata(&url).await {
                Ok(xml) => xml,
                Err(e) => {
                    tracing::warn!(connection = %c.id, %url, error = %e, "SAML metadata could not be read");
                    continue;
                }
            };
            if c.settings.saml.as_ref().is_some_and(|s| s.idp_metadata == xml) {
                continue;
            }
            let change = ConnectionChange {
                saml_metadata: Some(xml),
                ..ConnectionChange::default()
            };
            match self.update(&c.id, change, "system").await {
                Ok(_) => changed += 1,
                Err(e) => tracing::warn!(connection = %c.id, %url, error = %e, "SAML metadata refused"),
            }
        }
        Ok(changed)
    }

    pub async fn get(&self, id: &str) -> Result<IdentityProvider> {
        self.store.provider(id).await?.ok_or_else(|| not_found(id))
    }

    pub async fn list(&self) -> Result<Vec<IdentityProvider>> {
        Ok(self.store.providers().await?)
    }

    fn seal(&self, secret: Option<&str>) -> Result<Option<Vec<u8>>> {
        match secret {
            Some(s) if s.is_empty() || s.len() > 4096 => Err(ManageError::Invalid(
                "client_secret must be 1-4096 characters".into(),
            )),
            Some(s) => Ok(Some(self.master.encrypt(s.as_bytes())?)),
            None => Ok(None),
        }
    }

    fn entry(&self, action: &'static str, c: &IdentityProvider, actor: &str) -> AuditEntry {
        audit::entry(
            Event::success(action).actor(actor).detail(json!({
                "connection": c.id, "name": c.name, "kind": c.kind.as_str(), "enabled": c.enabled,
                "issuer": c.settings.issuer, "link_policy": c.settings.link_policy.as_str(),
                "trust_email": c.settings.trust_email, "trust_mfa": c.settings.trust_mfa,
                "domains": c.domains,
            })),
            self.clock.now(),
        )
    }
}

/// A SAML IdP's metadata document from `url` (https, or http on a loopback host): no redirect
/// followed, 10 s at most, 1 MiB at most.
pub async fn fetch_metadata(url: &str) -> std::result::Result<String, String> {
    issuer_url(url).map_err(|e| e.to_string())?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let resp = http.get(url).send().await.map_err(|e| e.to_string())?;
    if !resp.status().is_success() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let body = resp.bytes().await.map_err(|e| e.to_string())?;
    if body.len() > 1 << 20 {
        return Err("larger than 1 MiB".into());
    }
    String::from_utf8(body.to_vec()).map_err(|_| "not UTF-8".into())
}

fn not_found(id: &str) -> ManageError {
    ManageError::NotFound(format!("no identity provider {id}"))
}

fn domain_taken(e: crate::store::StoreError) -> ManageError {
    match e {
        crate::store::StoreError::Conflict => {
            ManageError::Conflict("a domain is already claimed by another identity provider".into())
        }
        e => e.into(),
    }
}

/// `change` applied to `c`, checked.
fn apply(mut c: IdentityProvider, change: ConnectionChange) -> Result<IdentityProvider> {
    let s = &mut c.settings;
    if let Some(name) = change.name {
        c.name = name.trim().to_owned();
    }
    if c.name.is_empty() || c.name.chars().count() > 100 || c.name.contains(char::is_control) {
        return Err(ManageError::Invalid("name must be 1-100 characters".into()));
    }
    if let Some(e) = change.enabled {
        c.enabled = e;
    }
    if let Some(issuer) = change.issuer {
        s.issuer = Some(issuer_url(&issuer)?);
    }
    if let Some(id) = change.client_id {
        let id = id.trim().to_owned();
        if id.is_empty() || id.len() > 255 || id.contains(char::is_control) {
            return Err(ManageError::Invalid("client_id must be 1-255 characters".into()));
        }
        s.client_id = Some(id);
    }
    if let Some(scopes) = change.scopes {
        let mut out: Vec<String> = vec!["openid".into()];
        for scope in scopes.iter().flat_map(|s| s.split_whitespace()) {
            // RFC 6749 §3.3 scope-token characters.
            if !scope
                .chars()
                .all(|ch| ch == '!' || ('#'..='[').contains(&ch) || (']'..='~').contains(&ch))
            {
                return Err(ManageError::Invalid(format!(
                    "scope {scope:?} is not a scope token"
                )));
            }
            if !out.iter().any(|o| o == scope) {
                out.push(scope.to_owned());
            }
        }
        s.scopes = out;
    }
    if let Some(p) = change.link_policy {
        s.link_policy = p;
    }
    if let Some(t) = change.trust_email {
        s.trust_email = t;
    }
    if let Some(t) = change.trust_mfa {
        s.trust_mfa = t;
    }
    if let Some(sync) = change.sync {
        s.sync = sync;
    }
    if let Some(m) = change.mapping {
        s.mapping = m;
    }
    if let Some(p) = change.preset {
        s.preset = Some(p);
    }
    for (attribute, name) in change.claim_names.unwrap_or_default() {
        let name = name.trim();
        if name.is_empty() || name.len() > 255 || name.contains(char::is_control) {
            return Err(ManageError::Invalid(format!(
                "claim name for {attribute}: 1 to 255 printable characters"
            )));
        }
        if !s.mapping.set(&attribute, name) {
            return Err(ManageError::Invalid(format!(
                "unknown attribute {attribute:?}: {}",
                ClaimMapping::ATTRIBUTES.join(", ")
            )));
        }
    }
    if let Some(roles) = change.group_roles {
        if roles
            .iter()
            .any(|(g, r)| g.trim().is_empty() || r.trim().is_empty() || g.len() > 255 || r.len() > 100)
        {
            return Err(ManageError::Invalid(
                "group_roles maps group names to role names".into(),
            ));
        }
        s.mapping.roles = roles;
    }
    if let Some(saml) = c.settings.saml.as_mut() {
        if let Some(xml) = change.saml_metadata {
            check_idp_metadata(&xml)?;
            saml.idp_metadata = xml;
        }
        if let Some(url) = change.metadata_url {
            saml.metadata_url = Some(issuer_url(&url)?);
        }
        if let Some(v) = change.sign_requests {
            saml.sign_requests = v;
        }
        if let Some(v) = change.allow_sha1 {
            saml.allow_sha1 = v;
        }
        if let Some(f) = change.name_id_format {
            if !["email", "persistent", "unspecified"].contains(&f.as_str()) {
                return Err(ManageError::Invalid(
                    "name_id_format is email, persistent or unspecified".into(),
                ));
            }
            saml.name_id_format = f;
        }
        if let Some(client) = change.idp_initiated_client {
            saml.idp_initiated_client = Some(client.trim().to_owned()).filter(|c| !c.is_empty());
        }
        if saml.idp_metadata.is_empty() {
            return Err(ManageError::Invalid(
                "a SAML provider needs the IdP's metadata".into(),
            ));
        }
    }
    if let Some(e) = change.oauth2 {
        for url in [&e.authorization_endpoint, &e.token_endpoint, &e.userinfo_endpoint]
            .into_iter()
            .chain(e.emails_endpoint.as_ref())
        {
            issuer_url(url)?;
        }
        if e.subject.trim().is_empty() {
            return Err(ManageError::Invalid("the subject claim path is empty".into()));
        }
        c.settings.oauth2 = Some(e);
    }
    if let Some(domains) = change.domains {
        let mut out: Vec<String> = Vec::new();
        for d in domains {
            let d = domain(&d)?;
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out.sort();
        c.domains = out;
    }
    match c.kind {
        ProviderKind::Oidc if c.settings.issuer.is_none() => Err(ManageError::Invalid(
            "an OpenID Connect provider needs an issuer".into(),
        )),
        ProviderKind::Oidc | ProviderKind::OAuth2 if c.settings.client_id.is_none() => Err(
            ManageError::Invalid("an OAuth 2.0 or OpenID Connect provider needs a client_id".into()),
        ),
        ProviderKind::OAuth2 if c.settings.oauth2.is_none() => Err(ManageError::Invalid(
            "an OAuth 2.0 provider needs its endpoints (or a preset: github, x)".into(),
        )),
        _ => Ok(c),
    }
}

/// The bot id of a Telegram bot token (`123456789:AA…`).
fn telegram_bot_id(token: &str) -> Result<String> {
    match token.split_once(':') {
        Some((id, rest)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && rest.len() >= 20 => {
            Ok(id.to_owned())
        }
        _ => Err(ManageError::Invalid(
            "a Telegram connection needs the bot token (123456789:AA…) as its client secret".into(),
        )),
    }
}

/// IdP metadata we can use: an IDPSSODescriptor with a signing certificate (without one, a
/// response could not be checked) and a single sign-on service for HTTP-Redirect.
fn check_idp_metadata(xml: &str) -> Result<()> {
    let bad = |why: &str| ManageError::Invalid(format!("IdP metadata: {why}"));
    let md: samael::metadata::EntityDescriptor = xml.parse().map_err(|e| bad(&format!("{e}")))?;
    let idps = md.idp_sso_descriptors.unwrap_or_default();
    if idps.is_empty() {
        return Err(bad("no IDPSSODescriptor"));
    }
    let signing = idps.iter().flat_map(|d| &d.key_descriptors).any(|k| {
        k.key_use.as_deref().is_none_or(|u| u == "signing")
            && k.key_info
                .x509_data
                .as_ref()
                .is_some_and(|x| !x.certificates.is_empty())
    });
    if !signing {
        return Err(bad("no signing certificate (a response could not be checked)"));
    }
    let redirect = idps
        .iter()
        .flat_map(|d| &d.single_sign_on_services)
        .any(|s| s.binding == samael::metadata::HTTP_REDIRECT_BINDING);
    if !redirect {
        return Err(bad("no SingleSignOnService with the HTTP-Redirect binding"));
    }
    Ok(())
}

/// A new SP key (RSA 2048) and its self-signed certificate (ten years), as PEM.
fn sp_key_pair() -> Result<(String, String)> {
    use openssl::{asn1, bn, hash, pkey, rsa, x509};
    let crypto = |e: openssl::error::ErrorStack| ManageError::Invalid(format!("SP key: {e}"));
    let key = pkey::PKey::from_rsa(rsa::Rsa::generate(2048).map_err(crypto)?).map_err(crypto)?;
    let mut name = x509::X509NameBuilder::new().map_err(crypto)?;
    name.append_entry_by_text("CN", "Portcullis SAML service provider")
        .map_err(crypto)?;
    let name = name.build();
    let mut serial = bn::BigNum::new().map_err(crypto)?;
    serial
        .rand(128, bn::MsbOption::MAYBE_ZERO, false)
        .map_err(crypto)?;
    let mut cert = x509::X509Builder::new().map_err(crypto)?;
    cert.set_version(2).map_err(crypto)?;
    let serial = serial.to_asn1_integer().map_err(crypto)?;
    let (not_before, not_after) = (
        asn1::Asn1Time::days_from_now(0).map_err(crypto)?,
        asn1::Asn1Time::days_from_now(3650).map_err(crypto)?,
    );
    cert.set_serial_number(&serial).map_err(crypto)?;
    cert.set_subject_name(&name).map_err(crypto)?;
    cert.set_issuer_name(&name).map_err(crypto)?;
    cert.set_pubkey(&key).map_err(crypto)?;
    cert.set_not_before(&not_before).map_err(crypto)?;
    cert.set_not_after(&not_after).map_err(crypto)?;
    cert.sign(&key, hash::MessageDigest::sha256()).map_err(crypto)?;
    let key_pem = String::from_utf8(key.private_key_to_pem_pkcs8().map_err(crypto)?).unwrap_or_default();
    let cert_pem = String::from_utf8(cert.build().to_pem().map_err(crypto)?).unwrap_or_default();
    Ok((key_pem, cert_pem))
}

/// An upstream issuer: https, or http on a loopback host (a provider on the same machine).
fn issuer_url(s: &str) -> Result<String> {
    let bad = || {
        ManageError::Invalid(format!(
            "issuer {s:?} must be an https URL without query or fragment"
        ))
    };
    let u = url::Url::parse(s.trim()).map_err(|_| bad())?;
    let loopback = matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let scheme_ok = u.scheme() == "https" || (u.scheme() == "http" && loopback);
    if !scheme_ok || u.query().is_some() || u.fragment().is_some() || u.host_str().is_none() {
        return Err(bad());
    }
    // The issuer is compared as a string with the discovery document's: kept as given.
    Ok(s.trim().to_owned())
}

/// An e-mail domain, lower-cased: labels of letters, digits and hyphens, at least two.
fn domain(s: &str) -> Result<String> {
    let d = s.trim().trim_start_matches('@').to_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if d.len() > 253 || d.split('.').count() < 2 || !d.split('.').all(label_ok) {
        return Err(ManageError::Invalid(format!("domain {s:?} is not a domain name")));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_https_or_loopback_http() {
        assert!(issuer_url("https://accounts.google.com").is_ok());
        assert!(issuer_url("https://login.microsoftonline.com/tid/v2.0").is_ok());
        assert!(issuer_url("http://127.0.0.1:3000").is_ok());
        assert!(issuer_url("http://localhost:3000/").is_ok());
        for bad in [
            "http://idp.example.com",
            "ftp://x.y",
            "https://x.y/?a=b",
            "https://x.y/#f",
            "not a url",
        ] {
            assert!(issuer_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn claim_names_change_only_the_attributes_named() {
        let blank = IdentityProvider {
            id: "c".into(),
            name: "C".into(),
            kind: ProviderKind::OAuth2,
            enabled: true,
            settings: ProviderSettings {
                issuer: None,
                client_id: Some("app".into()),
                scopes: Vec::new(),
                link_policy: LinkPolicy::default(),
                trust_email: false,
                trust_mfa: false,
                sync: ClaimSync::default(),
                mapping: ClaimMapping::default(),
                saml: None,
                oauth2: Some(OAuth2Endpoints {
                    authorization_endpoint: "https://up.example/authorize".into(),
                    token_endpoint: "https://up.example/token".into(),
                    userinfo_endpoint: "https://up.example/me".into(),
                    subject: "id".into(),
                    emails_endpoint: None,
                    credentials_in_body: false,
                }),
                preset: None,
            },
            domains: Vec::new(),
            created_at: 0,
            updated_at: 0,
        };
        let names = |pairs: &[(&str, &str)]| ConnectionChange {
            claim_names: Some(
                pairs
                    .iter()
                    .map(|(a, n)| (a.to_string(), n.to_string()))
                    .collect(),
            ),
            ..Default::default()
        };
        let c = apply(
            blank.clone(),
            names(&[("picture", "avatar_url"), ("email", "user.mail")]),
        )
        .unwrap();
        assert_eq!(c.settings.mapping.picture, "avatar_url");
        assert_eq!(c.settings.mapping.email, "user.mail");
        assert_eq!(c.settings.mapping.name, "name", "not named: kept");
        for bad in [&[("password", "p")][..], &[("email", " ")][..]] {
            assert!(
                matches!(apply(blank.clone(), names(bad)), Err(ManageError::Invalid(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn domains_are_lower_cased_names() {
        assert_eq!(domain("@Example.COM").unwrap(), "example.com");
        assert_eq!(domain("corp.example.co.uk").unwrap(), "corp.example.co.uk");
        for bad in ["localhost", "-a.com", "a..com", "a_b.com", "exa mple.com", ""] {
            assert!(domain(bad).is_err(), "{bad}");
        }
    }
}
