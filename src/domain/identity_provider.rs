//! Upstream identity providers ("connections") users sign in through, and the identities that
//! link their accounts to them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::UnixTime;

/// How a connection speaks to its upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// OpenID Connect: discovery, code + PKCE, a signed ID token.
    Oidc,
    /// SAML 2.0: an AuthnRequest by HTTP-Redirect, a signed response at our ACS by HTTP-POST.
    Saml,
    /// Telegram Login: a payload signed with the bot token (client id: the bot's id; secret:
    /// the bot token).
    Telegram,
    /// Plain OAuth 2.0 (GitHub, X): code + PKCE, then the user from a userinfo URL.
    OAuth2,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Oidc => "oidc",
            ProviderKind::Saml => "saml",
            ProviderKind::Telegram => "telegram",
            ProviderKind::OAuth2 => "oauth2",
        }
    }

    pub fn parse(s: &str) -> Option<ProviderKind> {
        match s {
            "oidc" => Some(ProviderKind::Oidc),
            "saml" => Some(ProviderKind::Saml),
            "telegram" => Some(ProviderKind::Telegram),
            "oauth2" => Some(ProviderKind::OAuth2),
            _ => None,
        }
    }
}

/// What a first sign-in through a connection does when no account is linked to the upstream
/// identity yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPolicy {
    /// Make an account just in time (or link to the one holding the address, after the user
    /// proves it).
    #[default]
    Create,
    /// Only link to an existing account, after the user proves it; never make one.
    Link,
    /// Only identities linked beforehand (by the user from the account pages) may sign in.
    Deny,
}

impl LinkPolicy {
    pub fn parse(s: &str) -> Option<LinkPolicy> {
        match s {
            "create" => Some(LinkPolicy::Create),
            "link" => Some(LinkPolicy::Link),
            "deny" => Some(LinkPolicy::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkPolicy::Create => "create",
            LinkPolicy::Link => "link",
            LinkPolicy::Deny => "deny",
        }
    }
}

/// When the upstream's claims are copied onto the account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimSync {
    /// When the account is made: the user owns the profile afterwards.
    #[default]
    FirstLogin,
    /// At every sign-in: the upstream owns the profile (an enterprise directory).
    EveryLogin,
}

/// Which upstream claim carries each attribute (dotted paths reach into objects).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClaimMapping {
    /// For SAML, attributes are matched by name or friendly name, and the usual URIs of these
    /// attributes (`urn:oid:…`, ADFS/Entra claim URIs) are read under these names too.
    pub email: String,
    pub email_verified: String,
    pub name: String,
    pub given_name: String,
    pub family_name: String,
    pub phone_number: String,
    /// The picture's URL (https only: it is shown on pages).
    pub picture: String,
    pub groups: String,
    /// Upstream group → role name held while the group is asserted (at every sign-in).
    pub roles: BTreeMap<String, String>,
}

impl ClaimMapping {
    /// The attributes a mapping names a claim for.
    pub const ATTRIBUTES: [&'static str; 8] = [
        "email",
        "email_verified",
        "name",
        "given_name",
        "family_name",
        "phone_number",
        "picture",
        "groups",
    ];

    fn slot(&mut self, attribute: &str) -> Option<&mut String> {
        Some(match attribute {
            "email" => &mut self.email,
            "email_verified" => &mut self.email_verified,
            "name" => &mut self.name,
            "given_name" => &mut self.given_name,
            "family_name" => &mut self.family_name,
            "phone_number" => &mut self.phone_number,
            "picture" => &mut self.picture,
            "groups" => &mut self.groups,
            _ => return None,
        })
    }

    /// Reads `attribute` from the claim `name` (a dotted path, or a SAML attribute's name);
    /// `false` for an attribute it does not know.
    pub fn set(&mut self, attribute: &str, name: &str) -> bool {
        match self.slot(attribute) {
            Some(slot) => {
                *slot = name.to_owned();
                true
            }
            None => false,
        }
    }

    /// Each attribute's claim name.
    pub fn names(&self) -> BTreeMap<String, String> {
        let mut m = self.clone();
        Self::ATTRIBUTES
            .iter()
            .filter_map(|a| m.slot(a).map(|n| (a.to_string(), n.clone())))
            .collect()
    }
}

impl Default for ClaimMapping {
    fn default() -> Self {
        ClaimMapping {
            email: "email".into(),
            email_verified: "email_verified".into(),
            name: "name".into(),
            given_name: "given_name".into(),
            family_name: "family_name".into(),
            phone_number: "phone_number".into(),
            picture: "picture".into(),
            groups: "groups".into(),
            roles: BTreeMap::new(),
        }
    }
}

/// Everything about a connection but its secret, kept as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSettings {
    /// OpenID Connect: the issuer, whose discovery document names the endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Scopes asked of the upstream (`openid` is always asked of an OpenID provider).
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub link_policy: LinkPolicy,
    /// The upstream's `email_verified` is believed: with the local address verified too, a
    /// first sign-in links to the account holding it without asking for its password.
    #[serde(default)]
    pub trust_email: bool,
    /// The upstream's `amr`/`acr` saying it used several factors is believed: such a sign-in
    /// counts as multi-factor here.
    #[serde(default)]
    pub trust_mfa: bool,
    #[serde(default)]
    pub sync: ClaimSync,
    #[serde(default)]
    pub mapping: ClaimMapping,
    /// SAML 2.0: the IdP's metadata and our side's settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml: Option<SamlSettings>,
    /// Plain OAuth 2.0: the endpoints, and where the user's id is in userinfo's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth2: Option<OAuth2Endpoints>,
    /// The known provider it was made from (`google`, `entra`, `github`, `x`): its icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
}

/// A plain OAuth 2.0 provider's endpoints (no discovery), as a preset gives them or as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuth2Endpoints {
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: String,
    /// The claim path of the user's stable id in userinfo's answer (`id`, `data.id`).
    pub subject: String,
    /// GitHub's list of the user's addresses with their verified flags (`/user/emails`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails_endpoint: Option<String>,
    /// Send the client credentials in the form body rather than HTTP Basic.
    #[serde(default)]
    pub credentials_in_body: bool,
}

/// A SAML connection: the IdP as its metadata describes it, and how we speak to it. Our SP key
/// is the connection's sealed secret; its certificate is here (it is public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamlSettings {
    /// The IdP's metadata (an EntityDescriptor), as last read: its signing certificates (all of
    /// them, for rollover) and its single sign-on location.
    pub idp_metadata: String,
    /// Where the metadata is read again from (periodically), when it came from a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_url: Option<String>,
    /// Our certificate (PEM): in our SP metadata, for signed requests and encrypted assertions.
    pub sp_certificate: String,
    /// Sign the AuthnRequest (HTTP-Redirect binding's `Signature` parameter).
    #[serde(default)]
    pub sign_requests: bool,
    /// Accept RSA-SHA1 signatures (off: SHA-256 and stronger only).
    #[serde(default)]
    pub allow_sha1: bool,
    /// The NameID format asked for: `email`, `persistent` or `unspecified`.
    #[serde(default = "unspecified")]
    pub name_id_format: String,
    /// IdP-initiated sign-in (a response no request of ours asked for): off unless this names
    /// a client, and then for it alone: signed in, the browser goes on to the client's
    /// `client_uri`, where the client starts its own sign-in, which finds the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp_initiated_client: Option<String>,
}

fn unspecified() -> String {
    "unspecified".into()
}

/// A connection: an upstream identity provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProvider {
    pub id: String,
    /// Shown on the login page ("Continue with …").
    pub name: String,
    pub kind: ProviderKind,
    pub enabled: bool,
    pub settings: ProviderSettings,
    /// E-mail domains whose users this connection signs in (identity-first login).
    pub domains: Vec<String>,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
}

/// An account's link to an upstream identity, keyed by (connection, upstream subject) and
/// never by e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederatedIdentity {
    pub provider_id: String,
    pub subject: String,
    pub user_id: String,
    /// The address the upstream gave when the link was made, to tell links apart.
    pub email: Option<String>,
    pub created_at: UnixTime,
    pub last_login_at: Option<UnixTime>,
}

/// What the upstream said about the user, mapped to our attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamProfile {
    /// The upstream's stable identifier of the user (`sub`, a NameID, an account number).
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub phone_number: Option<String>,
    /// A URL of the user's picture.
    #[serde(default)]
    pub picture: Option<String>,
    pub groups: Vec<String>,
    /// The upstream says it used several factors (`amr` has `mfa`, or a multi-factor `acr`).
    pub upstream_mfa: bool,
    /// `email` is not the upstream's: the user typed it at the review step and proved it with
    /// a code sent there.
    #[serde(default)]
    pub email_proven: bool,
}

/// An upstream sign-in that lacks what an account here needs (an address): the review step
/// asks the user for it, and proves it by a code mailed there, before anything is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingReview {
    pub provider_id: String,
    /// The connection's name, for the page.
    pub provider_name: String,
    pub profile: UpstreamProfile,
    /// The address a code was sent to, once the user gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A link to make once the user has proved the account it is for: kept by the sign-in while
/// the user proves it, made by the engine with the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLink {
    pub provider_id: String,
    /// The connection's name, for the page that asks for the proof.
    pub provider_name: String,
    pub subject: String,
    pub email: Option<String>,
    /// The account to link: the sign-in must end as this user.
    pub user_id: String,
}
