//! The client side of OpenID Connect towards an upstream provider, with the `openidconnect`
//! crate: discovery (kept an hour, fetched again when a token names a key it does not know),
//! the authorization code flow with PKCE, state and nonce, the ID token's checks (signature,
//! issuer, audience, expiry, nonce, `at_hash`) and userinfo (its `sub` must be the token's).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientAuthMethod, CoreGenderClaim, CoreIdTokenVerifier,
    CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthType, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{FederationError, Result};
use crate::domain::IdentityProvider;

/// How long a discovery document (and the keys it names) is kept.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);

/// Claims beyond the standard ones (`groups`, `amr`, anything a mapping names).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Other {
    #[serde(flatten)]
    rest: Map<String, Value>,
}

impl AdditionalClaims for Other {}

/// What the browser's round trip must bring back, kept by us meanwhile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Secrets {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl Secrets {
    /// A flow with a state alone (no nonce, no PKCE: Telegram's).
    pub fn state_only(state: String) -> Secrets {
        Secrets {
            state,
            nonce: String::new(),
            pkce_verifier: String::new(),
        }
    }
}

/// Discovery documents by issuer.
#[derive(Default)]
pub struct Discovery {
    documents: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
}

impl Discovery {
    async fn metadata(
        &self,
        http: &reqwest::Client,
        issuer: &str,
        fresh: bool,
    ) -> Result<CoreProviderMetadata> {
        if !fresh
            && let Ok(docs) = self.documents.lock()
            && let Some((at, md)) = docs.get(issuer)
            && at.elapsed() < DISCOVERY_TTL
        {
            return Ok(md.clone());
        }
        let url =
            IssuerUrl::new(issuer.to_owned()).map_err(|e| FederationError::Config(format!("issuer: {e}")))?;
        // Checks that the document names this issuer, and fetches its JWKS.
        let md = CoreProviderMetadata::discover_async(url, http)
            .await
            .map_err(|e| FederationError::Upstream(format!("discovery of {issuer}: {}", chain(&e))))?;
        if let Ok(mut docs) = self.documents.lock() {
            docs.insert(issuer.to_owned(), (Instant::now(), md.clone()));
        }
        Ok(md)
    }
}

fn issuer(c: &IdentityProvider) -> Result<&str> {
    c.settings
        .issuer
        .as_deref()
        .ok_or_else(|| FederationError::Config("the connection has no issuer".into()))
}

fn client_id(c: &IdentityProvider) -> Result<ClientId> {
    c.settings
        .client_id
        .clone()
        .map(ClientId::new)
        .ok_or_else(|| FederationError::Config("the connection has no client id".into()))
}

fn redirect(uri: &str) -> Result<RedirectUrl> {
    RedirectUrl::new(uri.to_owned()).map_err(|e| FederationError::Config(format!("redirect URI: {e}")))
}

/// An error with its causes, for the log.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// The authorization request to send the browser to, and what its answer must match.
pub async fn authorization_url(
    discovery: &Discovery,
    http: &reqwest::Client,
    c: &IdentityProvider,
    redirect_uri: &str,
) -> Result<(String, Secrets)> {
    let md = discovery.metadata(http, issuer(c)?, false).await?;
    let client =
        CoreClient::from_provider_metadata(md, client_id(c)?, None).set_redirect_uri(redirect(redirect_uri)?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for s in c.settings.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(s.clone()));
    }
    let (url, state, nonce) = request.url();
    let secrets = Secrets {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    };
    Ok((url.to_string(), secrets))
}

/// Redeems `code` and returns the upstream subject with its claims: the verified ID token's,
/// with userinfo's over them.
pub async fn redeem(
    discovery: &Discovery,
    http: &reqwest::Client,
    c: &IdentityProvider,
    secret: Option<String>,
    redirect_uri: &str,
    code: String,
    secrets: &Secrets,
) -> Result<(String, Map<String, Value>)> {
    let issuer = issuer(c)?;
    let md = discovery.metadata(http, issuer, false).await?;
    let post_only = md.token_endpoint_auth_methods_supported().is_some_and(|m| {
        m.contains(&CoreClientAuthMethod::ClientSecretPost)
            && !m.contains(&CoreClientAuthMethod::ClientSecretBasic)
    });
    let mut client =
        CoreClient::from_provider_metadata(md, client_id(c)?, secret.clone().map(ClientSecret::new))
            .set_redirect_uri(redirect(redirect_uri)?);
    if post_only {
        client = client.set_auth_type(AuthType::RequestBody);
    }
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| FederationError::Upstream(format!("token endpoint: {e}")))?
        .set_pkce_verifier(PkceCodeVerifier::new(secrets.pkce_verifier.clone()))
        .request_async(http)
        .await
        .map_err(|e| FederationError::Upstream(format!("token request: {}", chain(&e))))?;
    let id_token = token
        .id_token()
        .ok_or_else(|| FederationError::Rejected("the token response has no ID token".into()))?;
    let nonce = Nonce::new(secrets.nonce.clone());
    let claims = match id_token.claims(&asymmetric(client.id_token_verifier()), &nonce) {
        Ok(claims) => claims.clone(),
        // A key we have not seen: the upstream may have rotated since discovery.
        Err(ClaimsVerificationError::SignatureVerification(_)) => {
            let md = discovery.metadata(http, issuer, true).await?;
            let fresh = CoreClient::from_provider_metadata(md, client_id(c)?, secret.map(ClientSecret::new));
            id_token
                .claims(&asymmetric(fresh.id_token_verifier()), &nonce)
                .map_err(|e| FederationError::Rejected(format!("ID token: {e}")))?
                .clone()
        }
        Err(e) => return Err(FederationError::Rejected(format!("ID token: {e}"))),
    };
    if let Some(expected) = claims.access_token_hash() {
        let verifier = asymmetric(client.id_token_verifier());
        let alg = id_token
            .signing_alg()
            .map_err(|e| FederationError::Rejected(format!("ID token: {e}")))?;
        let key = id_token
            .signing_key(&verifier)
            .map_err(|e| FederationError::Rejected(format!("ID token: {e}")))?;
        let actual = AccessTokenHash::from_token(token.access_token(), alg, key)
            .map_err(|e| FederationError::Rejected(format!("at_hash: {e}")))?;
        if actual != *expected {
            return Err(FederationError::Rejected(
                "at_hash does not match the access token".into(),
            ));
        }
    }
    let subject = claims.subject().to_string();
    // The signature was checked above: the payload is the upstream's word.
    let mut all = payload(&id_token.to_string())?;
    if let Ok(request) = client.user_info(token.access_token().clone(), Some(claims.subject().clone())) {
        let info: UserInfoClaims<Other, CoreGenderClaim> = request
            .request_async(http)
            .await
            .map_err(|e| FederationError::Upstream(format!("userinfo: {}", chain(&e))))?;
        if let Value::Object(more) = serde_json::to_value(&info).unwrap_or_default() {
            for (k, v) in more {
                // Userinfo cannot speak for the authentication itself.
                if !matches!(
                    k.as_str(),
                    "iss" | "aud" | "exp" | "iat" | "nonce" | "amr" | "acr" | "auth_time"
                ) {
                    all.insert(k, v);
                }
            }
        }
    }
    Ok((subject, all))
}

/// `v`, taking the asymmetric algorithms providers sign ID tokens with (openidconnect takes
/// RS256 alone by default; Okta and others may use ES256 or PS256). A symmetric HS* signature,
/// keyed with the client secret, and `none` are never taken.
fn asymmetric(v: CoreIdTokenVerifier<'_>) -> CoreIdTokenVerifier<'_> {
    use CoreJwsSigningAlgorithm as A;
    v.set_allowed_algs([
        A::RsaSsaPkcs1V15Sha256,
        A::RsaSsaPkcs1V15Sha384,
        A::RsaSsaPkcs1V15Sha512,
        A::RsaSsaPssSha256,
        A::RsaSsaPssSha384,
        A::RsaSsaPssSha512,
        A::EcdsaP256Sha256,
        A::EcdsaP384Sha384,
        A::EdDsa,
    ])
}

/// The claims of a compact JWS, which the caller verified.
fn payload(jws: &str) -> Result<Map<String, Value>> {
    jws.split('.')
        .nth(1)
        .and_then(|p| URL_SAFE_NO_PAD.decode(p).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| FederationError::Rejected("ID token payload".into()))
}
