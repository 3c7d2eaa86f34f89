//! The Rust `openidconnect` crate as a real relying party: discovery → code + PKCE through the
//! login form → token → ID token verification → userinfo → refresh → introspection → revocation.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IntrospectionUrl, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, RedirectUrl, Scope, TokenIntrospectionResponse,
    TokenResponse,
};

use crate::support::*;

fn rp_http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn openidconnect_crate_completes_the_whole_code_flow() {
    let app = TestApp::spawn().await;
    let user = app.create_user("ada@example.com").await;
    let tc = app.create_client(ClientSpec::default()).await;
    let http = rp_http();

    let metadata = CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
        .await
        .expect("discovery");
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(tc.id.clone()),
        Some(ClientSecret::new(tc.secret.clone().unwrap())),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT_URI.into()).unwrap())
    .set_introspection_url(IntrospectionUrl::new(app.url("/introspect")).unwrap());

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();

    let cb = app.browser().authorize(auth_url.as_str(), &user.email).await;
    assert_eq!(cb.param("state").as_deref(), Some(csrf.secret().as_str()));
    assert_eq!(cb.param("iss"), Some(app.base.clone()), "RFC 9207 iss");
    let code = cb.param("code").expect("code");

    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("token response");
    let id_token = tokens.id_token().expect("id_token");
    let id_verifier = client.id_token_verifier();
    let claims = id_token.claims(&id_verifier, &nonce).expect("valid ID token");
    assert_eq!(claims.subject().as_str(), user.id);
    assert!(claims.auth_time().is_some());
    let expected_hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&id_verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(claims.access_token_hash(), Some(&expected_hash));

    let info: CoreUserInfoClaims = client
        .user_info(tokens.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .expect("userinfo");
    assert_eq!(info.subject().as_str(), user.id);
    assert_eq!(info.email().map(|e| e.as_str()), Some("ada@example.com"));
    assert_eq!(info.email_verified(), Some(true));

    let refresh = tokens.refresh_token().expect("refresh token");
    let refreshed = client
        .exchange_refresh_token(refresh)
        .unwrap()
        .request_async(&http)
        .await
        .expect("refresh");
    let new_refresh = refreshed.refresh_token().expect("rotated refresh token");
    assert_ne!(new_refresh.secret(), refresh.secret());

    let intro = client
        .introspect(refreshed.access_token())
        .request_async(&http)
        .await
        .expect("introspection");
    assert!(intro.active());

    // The crate refuses a revocation URL without https, so this one request is made by hand.
    let revoked = app
        .http()
        .post(app.url("/revoke"))
        .basic_auth(&tc.id, tc.secret.as_deref())
        .form(&[
            ("token", new_refresh.secret().as_str()),
            ("token_type_hint", "refresh_token"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let after = client
        .introspect(refreshed.access_token())
        .request_async(&http)
        .await
        .expect("introspection");
    assert!(
        !after.active(),
        "revoking the refresh token revokes the family's access tokens"
    );
    let err = client
        .exchange_refresh_token(new_refresh)
        .unwrap()
        .request_async(&http)
        .await;
    assert!(err.is_err(), "a revoked refresh token no longer works");
}

#[tokio::test]
async fn openidconnect_crate_client_credentials() {
    let app = TestApp::spawn().await;
    let tc = app
        .create_client(ClientSpec {
            grants: vec![portcullis::domain::GrantType::ClientCredentials],
            scope: "api:read api:write",
            ..Default::default()
        })
        .await;
    let http = rp_http();
    let metadata = CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
        .await
        .unwrap();
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(tc.id.clone()),
        Some(ClientSecret::new(tc.secret.clone().unwrap())),
    );
    let tokens = client
        .exchange_client_credentials()
        .unwrap()
        .add_scope(Scope::new("api:read".into()))
        .request_async(&http)
        .await
        .expect("client_credentials");
    assert!(tokens.refresh_token().is_none());
    assert_eq!(tokens.scopes().unwrap()[0].as_str(), "api:read");
}

#[tokio::test]
async fn openidconnect_crate_authenticates_with_private_key_jwt() {
    let app = TestApp::spawn().await;
    let (tc, key) = jwt_client(&app).await;
    let http = rp_http();
    let metadata = CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
        .await
        .unwrap();
    let token_endpoint = metadata.token_endpoint().unwrap().url().to_string();
    // The crate has no client-assertion support of its own: the RFC 7523 parameters ride along
    // as extra parameters, with client_id in the body.
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new(tc.id.clone()), None)
        .set_auth_type(openidconnect::AuthType::RequestBody);
    let jwt = assertion(&key, &tc.id, &token_endpoint, now() + 60);
    let tokens = client
        .exchange_client_credentials()
        .unwrap()
        .add_extra_param(
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        )
        .add_extra_param("client_assertion", jwt.clone())
        .request_async(&http)
        .await
        .expect("client_credentials with private_key_jwt");
    assert!(!tokens.access_token().secret().is_empty());
    let replay = client
        .exchange_client_credentials()
        .unwrap()
        .add_extra_param(
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        )
        .add_extra_param("client_assertion", jwt)
        .request_async(&http)
        .await;
    assert!(replay.is_err(), "a replayed assertion (same jti) is refused");
}
