//! The WebAuthn service on the real store and cache (SQLite or PostgreSQL, in-process cache or
//! Redis): registrations and assertions made by webauthn-authenticator-rs's software passkey and
//! security key through its client, which builds clientDataJSON and checks the RP ID as a
//! browser does, so every response is a real one.
//!
//! WebAuthn needs a domain for its RP ID, so the relying party here is `localhost` on the test
//! server's port, not the `127.0.0.1` the server listens on.

pub mod authenticator;

use portcullis::domain::{Clock, Method, User};
use portcullis::mfa::webauthn::CEREMONY_LIFETIME;
use portcullis::mfa::{CredentialKind, MfaError, VerifiedAssertion, WebAuthn, WebAuthnCredential};
use serde_json::Value;
use url::Url;
use uuid::Uuid;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::softtoken::{self, SoftToken};
use webauthn_authenticator_rs::{AuthenticatorBackend, WebauthnAuthenticator};
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse};

use crate::support::*;
use authenticator::Resident;

fn origin(app: &TestApp) -> Url {
    Url::parse(&app.base.replace("127.0.0.1", "localhost")).unwrap()
}

fn service(app: &TestApp, aaguids: Vec<Uuid>) -> WebAuthn {
    WebAuthn::new(
        app.store().clone(),
        app.state.provider.cache.clone(),
        app.clock.clone(),
        origin(app).as_str(),
        "Portcullis Tests",
        aaguids,
    )
    .unwrap()
}

fn webauthn(app: &TestApp) -> WebAuthn {
    service(app, Vec::new())
}

/// A passkey provider: verifies the user, keeps credentials discoverable, keeps no counter.
fn passkey() -> Resident<SoftPasskey> {
    Resident::new(SoftPasskey::new(true), true)
}

/// A security key: no user verification, a signature counter, the soft token's AAGUID.
fn security_key() -> Resident<SoftToken> {
    Resident::new(SoftToken::new(false).unwrap().0, false)
}

/// What the authenticator answers to `navigator.credentials.create(challenge)` made on `at`.
fn create(auth: &mut impl WebauthnAuthenticator, at: &Url, challenge: &Value) -> Value {
    let options: CreationChallengeResponse = serde_json::from_value(challenge.clone()).unwrap();
    serde_json::to_value(auth.do_registration(at.clone(), options).unwrap()).unwrap()
}

/// What the authenticator answers to `navigator.credentials.get(challenge)` made on `at`.
fn get(auth: &mut impl WebauthnAuthenticator, at: &Url, challenge: &Value) -> Value {
    let options: RequestChallengeResponse = serde_json::from_value(challenge.clone()).unwrap();
    serde_json::to_value(auth.do_authentication(at.clone(), options).unwrap()).unwrap()
}

async fn register(
    app: &TestApp,
    wa: &WebAuthn,
    user: &User,
    auth: &mut impl WebauthnAuthenticator,
    kind: CredentialKind,
    name: &str,
) -> Result<WebAuthnCredential, MfaError> {
    let (challenge, ceremony) = wa
        .start_registration(&user.id, &user.email, "Ada Lovelace", kind)
        .await
        .unwrap();
    let response = create(auth, &origin(app), &challenge);
    wa.finish_registration(
        &user.id,
        &ceremony,
        &response,
        name,
        &app.entry("mfa.webauthn.added"),
    )
    .await
}

async fn finish(
    app: &TestApp,
    wa: &WebAuthn,
    ceremony: &str,
    user: Option<&User>,
    response: &Value,
) -> Result<VerifiedAssertion, MfaError> {
    let entry = app.entry("mfa.webauthn.used");
    wa.finish_authentication(ceremony, user.map(|u| u.id.as_str()), response, |_| entry)
        .await
}

/// A whole authentication: for `user` (a second factor) or for anyone (passwordless).
async fn authenticate(
    app: &TestApp,
    wa: &WebAuthn,
    user: Option<&User>,
    auth: &mut impl WebauthnAuthenticator,
) -> Result<VerifiedAssertion, MfaError> {
    let (challenge, ceremony) = wa
        .start_authentication(user.map(|u| u.id.as_str()))
        .await
        .unwrap();
    let response = get(auth, &origin(app), &challenge);
    finish(app, wa, &ceremony, user, &response).await
}

fn refused<T: std::fmt::Debug>(r: Result<T, MfaError>) -> String {
    match r {
        Err(MfaError::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| a.iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

const PASSKEY: Method = Method::WebAuthn {
    user_verified: true,
    hardware: false,
};

#[tokio::test]
async fn a_passkey_is_a_second_factor_and_a_way_in_without_a_password() {
    let app = TestApp::spawn().await;
    let user = app.create_user("passkey@example.com").await;
    let wa = webauthn(&app);
    let mut laptop = passkey();
    assert!(!wa.enrolled(&user.id).await.unwrap());
    assert!(matches!(
        wa.start_authentication(Some(&user.id)).await,
        Err(MfaError::NotFound)
    ));

    let (challenge, _) = wa
        .start_registration(&user.id, &user.email, "", CredentialKind::Passkey)
        .await
        .unwrap();
    let options = &challenge["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["rp"]["name"], "Portcullis Tests");
    assert_eq!(options["user"]["name"], "passkey@example.com");
    assert_eq!(
        options["user"]["displayName"], "passkey@example.com",
        "the address stands in for no name"
    );
    assert_eq!(options["authenticatorSelection"]["userVerification"], "required");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "preferred");

    let key = register(&app, &wa, &user, &mut laptop, CredentialKind::Passkey, " Laptop ")
        .await
        .unwrap();
    assert_eq!(key.name, "Laptop");
    assert_eq!(key.kind, CredentialKind::Passkey);
    assert!(key.user_verified);
    assert_eq!(key.discoverable, Some(true));
    assert_eq!(key.aaguid, None, "the soft passkey's AAGUID is all zero");
    assert!(key.is_passwordless());
    assert_eq!(wa.list(&user.id).await.unwrap(), std::slice::from_ref(&key));
    assert!(wa.enrolled(&user.id).await.unwrap());
    assert!(wa.passwordless(&user.id).await.unwrap());

    // As a second factor: the challenge lists the user's credential.
    let (challenge, ceremony) = wa.start_authentication(Some(&user.id)).await.unwrap();
    assert_eq!(ids(&challenge["publicKey"]["allowCredentials"]).len(), 1);
    let response = get(&mut laptop, &origin(&app), &challenge);
    app.clock.advance(10);
    let used = finish(&app, &wa, &ceremony, Some(&user), &response)
        .await
        .unwrap();
    assert_eq!(
        used,
        VerifiedAssertion {
            user_id: user.id.clone(),
            credential_id: key.id.clone(),
            method: PASSKEY,
        }
    );
    assert_eq!(
        wa.list(&user.id).await.unwrap()[0].last_used_at,
        Some(app.clock.now())
    );

    // Without a user: nothing listed, the user learned from the credential.
    let (challenge, ceremony) = wa.start_authentication(None).await.unwrap();
    assert!(ids(&challenge["publicKey"]["allowCredentials"]).is_empty());
    assert_eq!(challenge["publicKey"]["userVerification"], "required");
    assert_eq!(challenge["mediation"], "conditional");
    let response = get(&mut laptop, &origin(&app), &challenge);
    let mut seen = None;
    let signed_in = wa
        .finish_authentication(&ceremony, None, &response, |u| {
            seen = Some(u.to_owned());
            app.entry("mfa.webauthn.used")
        })
        .await
        .unwrap();
    assert_eq!(signed_in.user_id, user.id);
    assert_eq!(signed_in.method, PASSKEY);
    assert_eq!(
        seen.as_deref(),
        Some(user.id.as_str()),
        "the entry is the found user's"
    );
    assert_eq!(audited(&app, None, "mfa.webauthn.used").await.len(), 2);
    assert_eq!(audited(&app, None, "mfa.webauthn.added").await.len(), 1);
}

#[tokio::test]
async fn a_security_key_proves_hardware_and_sits_beside_passkeys() {
    let app = TestApp::spawn().await;
    let user = app.create_user("key@example.com").await;
    let wa = webauthn(&app);
    let mut yubikey = security_key();

    let (challenge, _) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::SecurityKey)
        .await
        .unwrap();
    let selection = &challenge["publicKey"]["authenticatorSelection"];
    assert_eq!(selection["authenticatorAttachment"], "cross-platform");
    assert_eq!(selection["userVerification"], "preferred");
    let key = register(
        &app,
        &wa,
        &user,
        &mut yubikey,
        CredentialKind::SecurityKey,
        "YubiKey",
    )
    .await
    .unwrap();
    assert_eq!(key.kind, CredentialKind::SecurityKey);
    assert_eq!(key.aaguid, Some(softtoken::AAGUID));
    assert!(!key.user_verified && !key.backup_eligible);
    assert!(!key.is_passwordless());
    assert!(!wa.passwordless(&user.id).await.unwrap());

    let tap = Method::WebAuthn {
        user_verified: false,
        hardware: true,
    };
    let used = authenticate(&app, &wa, Some(&user), &mut yubikey).await.unwrap();
    assert_eq!(used.method, tap);

    // With a passkey beside it, one challenge lists both, without the security-key hint.
    let mut phone = passkey();
    let pk = register(&app, &wa, &user, &mut phone, CredentialKind::Passkey, "Phone")
        .await
        .unwrap();
    let (challenge, _) = wa.start_authentication(Some(&user.id)).await.unwrap();
    assert_eq!(ids(&challenge["publicKey"]["allowCredentials"]).len(), 2);
    assert!(challenge["publicKey"].get("hints").is_none_or(Value::is_null));
    let used = authenticate(&app, &wa, Some(&user), &mut phone).await.unwrap();
    assert_eq!((used.credential_id, used.method), (pk.id, PASSKEY));
    let used = authenticate(&app, &wa, Some(&user), &mut yubikey).await.unwrap();
    assert_eq!((used.credential_id, used.method), (key.id, tap));
}

#[tokio::test]
async fn assertions_made_for_another_origin_or_rp_id_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("origin@example.com").await;
    let wa = webauthn(&app);
    let mut laptop = passkey();
    register(&app, &wa, &user, &mut laptop, CredentialKind::Passkey, "Laptop")
        .await
        .unwrap();
    let port = origin(&app).port().unwrap();

    // The page of another origin relays our challenge: the browser names that origin.
    for elsewhere in [
        format!("http://localhost:{}", port.wrapping_add(1)),
        format!("https://localhost:{port}"),
        "https://phish.localhost".to_owned(),
    ] {
        let (challenge, ceremony) = wa.start_authentication(Some(&user.id)).await.unwrap();
        let response = get(&mut laptop, &Url::parse(&elsewhere).unwrap(), &challenge);
        let why = refused(finish(&app, &wa, &ceremony, Some(&user), &response).await);
        assert!(why.contains("origin"), "{elsewhere}: {why}");
    }

    // A signature for another RP ID, on our origin (past the client's own check).
    let (challenge, ceremony) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let mut options: RequestChallengeResponse = serde_json::from_value(challenge).unwrap();
    options.public_key.rp_id = "other.localhost".into();
    let response =
        AuthenticatorBackend::perform_auth(&mut laptop, origin(&app), options.public_key, 60_000).unwrap();
    let response = serde_json::to_value(response).unwrap();
    let why = refused(finish(&app, &wa, &ceremony, Some(&user), &response).await);
    assert!(why.contains("relying party id"), "{why}");

    // A registration for another RP ID likewise.
    let (challenge, ceremony) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::Passkey)
        .await
        .unwrap();
    let mut options: CreationChallengeResponse = serde_json::from_value(challenge).unwrap();
    options.public_key.rp.id = "other.localhost".into();
    options.public_key.exclude_credentials = None;
    let response =
        AuthenticatorBackend::perform_register(&mut passkey(), origin(&app), options.public_key, 60_000)
            .unwrap();
    let response = serde_json::to_value(response).unwrap();
    refused(
        wa.finish_registration(
            &user.id,
            &ceremony,
            &response,
            "Other",
            &app.entry("mfa.webauthn.added"),
        )
        .await,
    );
    assert_eq!(wa.list(&user.id).await.unwrap().len(), 1);
    assert!(audited(&app, None, "mfa.webauthn.used").await.is_empty());
}

#[tokio::test]
async fn a_ceremony_is_finished_once_by_its_user_in_its_time() {
    let app = TestApp::spawn().await;
    let user = app.create_user("once@example.com").await;
    let other = app.create_user("other@example.com").await;
    let wa = webauthn(&app);
    let mut laptop = passkey();

    // A registration: a replayed finish finds no ceremony.
    let (challenge, ceremony) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::Passkey)
        .await
        .unwrap();
    let response = create(&mut laptop, &origin(&app), &challenge);
    let entry = app.entry("mfa.webauthn.added");
    // A name to fix does not use the ceremony up.
    assert!(matches!(
        wa.finish_registration(&user.id, &ceremony, &response, " ", &entry)
            .await,
        Err(MfaError::Invalid("problem-mfa-name-required"))
    ));
    wa.finish_registration(&user.id, &ceremony, &response, "Laptop", &entry)
        .await
        .unwrap();
    assert!(matches!(
        wa.finish_registration(&user.id, &ceremony, &response, "Laptop", &entry)
            .await,
        Err(MfaError::Ceremony)
    ));

    // Another user cannot finish it, and the attempt spends it.
    let (challenge, ceremony) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::Passkey)
        .await
        .unwrap();
    let response = create(&mut passkey(), &origin(&app), &challenge);
    assert!(matches!(
        wa.finish_registration(&other.id, &ceremony, &response, "Mine", &entry)
            .await,
        Err(MfaError::Ceremony)
    ));
    assert!(matches!(
        wa.finish_registration(&user.id, &ceremony, &response, "Mine", &entry)
            .await,
        Err(MfaError::Ceremony)
    ));

    // An authentication: the same answer twice.
    let (challenge, ceremony) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let response = get(&mut laptop, &origin(&app), &challenge);
    finish(&app, &wa, &ceremony, Some(&user), &response)
        .await
        .unwrap();
    assert!(matches!(
        finish(&app, &wa, &ceremony, Some(&user), &response).await,
        Err(MfaError::Ceremony)
    ));

    // A second-factor ceremony is not a passwordless one, nor another user's, nor a
    // registration; and one past its lifetime is gone.
    for (user_id, started_for) in [
        (None, Some(&user)),
        (Some(&other), Some(&user)),
        (Some(&user), None),
    ] {
        let (challenge, ceremony) = wa
            .start_authentication(started_for.map(|u| u.id.as_str()))
            .await
            .unwrap();
        let response = get(&mut laptop, &origin(&app), &challenge);
        assert!(matches!(
            finish(&app, &wa, &ceremony, user_id, &response).await,
            Err(MfaError::Ceremony)
        ));
    }
    let (_, registration) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::Passkey)
        .await
        .unwrap();
    let (challenge, _) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let response = get(&mut laptop, &origin(&app), &challenge);
    assert!(matches!(
        finish(&app, &wa, &registration, Some(&user), &response).await,
        Err(MfaError::Ceremony)
    ));
    let (challenge, ceremony) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let response = get(&mut laptop, &origin(&app), &challenge);
    app.clock.advance(CEREMONY_LIFETIME as i64 + 1);
    assert!(matches!(
        finish(&app, &wa, &ceremony, Some(&user), &response).await,
        Err(MfaError::Ceremony)
    ));
    assert!(matches!(
        finish(&app, &wa, "no-such-ceremony", Some(&user), &response).await,
        Err(MfaError::Ceremony)
    ));
    assert_eq!(audited(&app, None, "mfa.webauthn.used").await.len(), 1);
}

#[tokio::test]
async fn a_replayed_assertion_or_a_borrowed_user_handle_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("replay@example.com").await;
    let wa = webauthn(&app);
    let mut laptop = passkey();
    register(&app, &wa, &user, &mut laptop, CredentialKind::Passkey, "Laptop")
        .await
        .unwrap();

    let (challenge, ceremony) = wa.start_authentication(None).await.unwrap();
    let response = get(&mut laptop, &origin(&app), &challenge);
    finish(&app, &wa, &ceremony, None, &response).await.unwrap();

    // The same signed answer, to a fresh challenge.
    for started_for in [None, Some(&user)] {
        let (_, fresh) = wa
            .start_authentication(started_for.map(|u| u.id.as_str()))
            .await
            .unwrap();
        let why = refused(finish(&app, &wa, &fresh, started_for, &response).await);
        assert!(why.to_lowercase().contains("challenge"), "{why}");
    }

    // The user handle is not signed: one naming someone else, or none, is refused.
    for handle in [Value::from("AAAAAAAAAAAAAAAAAAAAAA"), Value::Null] {
        let (challenge, ceremony) = wa.start_authentication(None).await.unwrap();
        let mut response = get(&mut laptop, &origin(&app), &challenge);
        response["response"]["userHandle"] = handle;
        refused(finish(&app, &wa, &ceremony, None, &response).await);
    }
    assert_eq!(audited(&app, None, "mfa.webauthn.used").await.len(), 1);
}

#[tokio::test]
async fn a_signature_counter_that_does_not_go_up_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("counter@example.com").await;
    let wa = webauthn(&app);
    let mut key = security_key();
    register(&app, &wa, &user, &mut key, CredentialKind::SecurityKey, "YubiKey")
        .await
        .unwrap();
    // A copy of the key as registered: its counter starts where the original's did.
    let mut clone = copy(&key);

    authenticate(&app, &wa, Some(&user), &mut key).await.unwrap();
    // The copy signs with count 1 again: webauthn-rs refuses it against the stored count.
    let why = refused(authenticate(&app, &wa, Some(&user), &mut clone).await);
    assert!(why.contains("compromise"), "{why}");
    authenticate(&app, &wa, Some(&user), &mut key).await.unwrap();

    // Two ceremonies started before either finished hold the same stored count, so
    // webauthn-rs passes both answers of one count; the store takes one.
    let mut twin = copy(&key);
    let (first, a) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let (second, b) = wa.start_authentication(Some(&user.id)).await.unwrap();
    let ra = get(&mut key, &origin(&app), &first);
    let rb = get(&mut twin, &origin(&app), &second);
    finish(&app, &wa, &a, Some(&user), &ra).await.unwrap();
    let why = refused(finish(&app, &wa, &b, Some(&user), &rb).await);
    assert!(why.contains("counter"), "{why}");
    assert_eq!(audited(&app, None, "mfa.webauthn.used").await.len(), 3);
}

/// Another authenticator with the same keys and counter: a cloned security key.
fn copy(key: &Resident<SoftToken>) -> Resident<SoftToken> {
    Resident::new(
        SoftToken::from_cbor(&key.inner.to_cbor().unwrap()).unwrap(),
        false,
    )
}

#[tokio::test]
async fn an_authenticator_model_off_the_allow_list_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("aaguid@example.com").await;
    let only_yubikeys = service(&app, vec![uuid::uuid!("cb69481e-8ff7-4039-93ec-0a2729a154a8")]);
    for r in [
        register(
            &app,
            &only_yubikeys,
            &user,
            &mut security_key(),
            CredentialKind::SecurityKey,
            "Key",
        )
        .await,
        // All-zero AAGUID: withheld, so on no list.
        register(
            &app,
            &only_yubikeys,
            &user,
            &mut passkey(),
            CredentialKind::Passkey,
            "Laptop",
        )
        .await,
    ] {
        assert!(matches!(
            r,
            Err(MfaError::Invalid("problem-webauthn-authenticator-not-allowed"))
        ));
    }
    assert!(only_yubikeys.list(&user.id).await.unwrap().is_empty());
    assert!(audited(&app, None, "mfa.webauthn.added").await.is_empty());

    let soft_tokens = service(&app, vec![softtoken::AAGUID]);
    let key = register(
        &app,
        &soft_tokens,
        &user,
        &mut security_key(),
        CredentialKind::SecurityKey,
        "Key",
    )
    .await
    .unwrap();
    assert_eq!(key.aaguid, Some(softtoken::AAGUID));
}

#[tokio::test]
async fn registered_credentials_are_excluded_from_registering_again() {
    let app = TestApp::spawn().await;
    let user = app.create_user("exclude@example.com").await;
    let wa = webauthn(&app);
    let mut laptop = passkey();
    let first = register(&app, &wa, &user, &mut laptop, CredentialKind::Passkey, "Laptop")
        .await
        .unwrap();

    let (challenge, _) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::SecurityKey)
        .await
        .unwrap();
    let excluded = ids(&challenge["publicKey"]["excludeCredentials"]);
    assert_eq!(excluded.len(), 1);
    let handle = challenge["publicKey"]["user"]["id"].clone();
    // The authenticator holding it declines; another one registers.
    let options: CreationChallengeResponse = serde_json::from_value(challenge).unwrap();
    assert!(laptop.do_registration(origin(&app), options).is_err());
    app.clock.advance(1);
    let second = register(&app, &wa, &user, &mut passkey(), CredentialKind::Passkey, "Phone")
        .await
        .unwrap();
    assert_eq!(wa.list(&user.id).await.unwrap(), [first, second]);
    let (challenge, _) = wa
        .start_registration(&user.id, &user.email, "Ada", CredentialKind::Passkey)
        .await
        .unwrap();
    assert_eq!(ids(&challenge["publicKey"]["excludeCredentials"]).len(), 2);
    // Every credential of the user holds the same user handle: 16 random bytes.
    assert_eq!(challenge["publicKey"]["user"]["id"], handle);
    assert_eq!(handle.as_str().unwrap().len(), 22);
}

#[tokio::test]
async fn one_user_never_reaches_another_users_credentials() {
    let app = TestApp::spawn().await;
    let ada = app.create_user("ada@example.com").await;
    let eve = app.create_user("eve@example.com").await;
    let wa = webauthn(&app);
    let mut adas = passkey();
    let mut eves = passkey();
    let key = register(&app, &wa, &ada, &mut adas, CredentialKind::Passkey, "Laptop")
        .await
        .unwrap();
    register(&app, &wa, &eve, &mut eves, CredentialKind::Passkey, "Eve's")
        .await
        .unwrap();

    let entry = || app.entry("mfa.webauthn.changed");
    assert!(matches!(
        wa.rename(&eve.id, &key.id, "Mine", &entry()).await,
        Err(MfaError::NotFound)
    ));
    assert!(matches!(
        wa.remove(&eve.id, &key.id, &entry()).await,
        Err(MfaError::NotFound)
    ));
    assert_eq!(wa.list(&ada.id).await.unwrap(), std::slice::from_ref(&key));

    // Ada's credential answering Eve's second-factor challenge.
    let (adas_challenge, _) = wa.start_authentication(Some(&ada.id)).await.unwrap();
    let adas_options: RequestChallengeResponse = serde_json::from_value(adas_challenge).unwrap();
    let (challenge, ceremony) = wa.start_authentication(Some(&eve.id)).await.unwrap();
    let mut options: RequestChallengeResponse = serde_json::from_value(challenge).unwrap();
    options.public_key.allow_credentials = adas_options.public_key.allow_credentials;
    let response = serde_json::to_value(adas.do_authentication(origin(&app), options).unwrap()).unwrap();
    let why = refused(finish(&app, &wa, &ceremony, Some(&eve), &response).await);
    assert!(why.contains("another user"), "{why}");

    wa.rename(&ada.id, &key.id, "Work laptop", &entry())
        .await
        .unwrap();
    assert_eq!(wa.list(&ada.id).await.unwrap()[0].name, "Work laptop");
    wa.remove(&ada.id, &key.id, &entry()).await.unwrap();
    assert!(!wa.enrolled(&ada.id).await.unwrap());
    assert_eq!(audited(&app, None, "mfa.webauthn.changed").await.len(), 2);
    // The removed passkey signs no one in.
    let why = refused(authenticate(&app, &wa, None, &mut adas).await);
    assert!(why.contains("unknown credential"), "{why}");
}

#[tokio::test]
async fn an_issuer_on_an_ip_address_has_no_webauthn() {
    let app = TestApp::spawn().await;
    let r = WebAuthn::new(
        app.store().clone(),
        app.state.provider.cache.clone(),
        app.clock.clone(),
        &app.base,
        "Portcullis Tests",
        Vec::new(),
    );
    assert!(matches!(r, Err(MfaError::RelyingParty(_))));
}
