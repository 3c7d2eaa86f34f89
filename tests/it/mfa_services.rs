//! The second-factor services on the real store (SQLite, or PostgreSQL when configured): TOTP
//! enrolment, codes that work once even when posted in parallel, recovery codes, and that one
//! user never reaches another's factors. Codes are computed by totp-rs from the secret the
//! user is shown, independently of the service.

use std::collections::HashSet;

use portcullis::domain::{Clock, User};
use portcullis::mfa::recovery_codes;
use portcullis::mfa::{CodeFactor, Mfa, MfaError, TotpAuthenticator, TotpEnrolment};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::support::*;

const ISSUER: &str = "Portcullis Tests";

fn mfa(app: &TestApp) -> Mfa {
    app.state.provider.mfa.clone()
}

fn secret_bytes(base32: &str) -> Vec<u8> {
    Secret::try_from_base32(base32).unwrap().as_bytes().to_vec()
}

/// The code an authenticator app holding `base32` shows `steps` time steps from now.
fn code(app: &TestApp, base32: &str, steps: i64) -> String {
    Builder::new()
        .with_secret(secret_bytes(base32))
        .build()
        .unwrap()
        .generate((app.clock.now() + steps * 30) as u64)
        .to_string()
}

/// Whether `code` is, by chance, also a code of `base32` in the window around now.
fn coincides(app: &TestApp, base32: &str, code: &str) -> bool {
    (-1..=1).any(|s| self::code(app, base32, s) == code)
}

async fn begin(app: &TestApp, user: &User) -> TotpEnrolment {
    mfa(app).totp.begin(&user.id, &user.email, ISSUER).await.unwrap()
}

/// Enrols an authenticator named `name` for `user` and moves the clock to the next step (the
/// confirming code is used up): the authenticator and its base32 secret.
async fn enrol(app: &TestApp, user: &User, name: &str) -> (TotpAuthenticator, String) {
    let e = begin(app, user).await;
    let a = mfa(app)
        .totp
        .confirm(
            &user.id,
            &e.pending,
            name,
            &code(app, &e.secret_base32, 0),
            &app.entry("mfa.totp.added"),
        )
        .await
        .unwrap();
    app.clock.advance(30);
    (a, e.secret_base32)
}

async fn verify(app: &TestApp, user: &User, code: &str) -> bool {
    mfa(app)
        .totp
        .verify(&user.id, code, &app.entry("mfa.totp.used"))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_enrolled_authenticator_accepts_each_code_once() {
    let app = TestApp::spawn().await;
    let user = app.create_user("totp@example.com").await;
    let mfa = mfa(&app);
    assert!(!mfa.totp.enrolled(&user.id).await.unwrap());

    let e = begin(&app, &user).await;
    let confirming = code(&app, &e.secret_base32, 0);
    let a = mfa
        .totp
        .confirm(
            &user.id,
            &e.pending,
            " Phone ",
            &confirming,
            &app.entry("mfa.totp.added"),
        )
        .await
        .unwrap();
    assert_eq!(a.name, "Phone");
    assert!(mfa.totp.enrolled(&user.id).await.unwrap());
    assert_eq!(mfa.totp.list(&user.id).await.unwrap(), [a]);
    // The code that confirmed the enrolment is spent.
    assert!(!verify(&app, &user, &confirming).await);

    app.clock.advance(30);
    let now = code(&app, &e.secret_base32, 0);
    let spaced = format!("{} {}", &now[..3], &now[3..]);
    assert!(verify(&app, &user, &spaced).await);
    assert!(!verify(&app, &user, &now).await, "the same code twice");
    assert_eq!(audited(&app, None, "mfa.totp.used").await.len(), 1);
    assert_eq!(audited(&app, None, "mfa.totp.added").await.len(), 1);
    let listed = mfa.totp.list(&user.id).await.unwrap();
    assert_eq!(listed[0].last_used_at, Some(app.clock.now()));

    // Through the trait the login uses.
    app.clock.advance(30);
    let factor = &mfa.totp;
    assert_eq!(factor.method(), portcullis::domain::Method::Totp);
    let next = code(&app, &e.secret_base32, 0);
    assert!(
        CodeFactor::verify(factor, &user.id, &next, &app.entry("mfa.totp.used"))
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn codes_one_step_off_are_accepted_and_two_steps_off_are_not() {
    let app = TestApp::spawn().await;
    let user = app.create_user("skew@example.com").await;
    let (_, secret) = enrol(&app, &user, "Phone").await;
    app.clock.advance(300);

    let late = code(&app, &secret, -2);
    if !coincides(&app, &secret, &late) {
        assert!(!verify(&app, &user, &late).await);
    }
    let early = code(&app, &secret, 2);
    if !coincides(&app, &secret, &early) {
        assert!(!verify(&app, &user, &early).await);
    }
    assert!(verify(&app, &user, &code(&app, &secret, -1)).await);
    assert!(verify(&app, &user, &code(&app, &secret, 1)).await);
    // A later step was used: the current step's code now comes too late.
    assert!(!verify(&app, &user, &code(&app, &secret, 0)).await);
}

#[tokio::test]
async fn what_is_not_six_digits_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user("shape@example.com").await;
    enrol(&app, &user, "Phone").await;
    for typed in ["", "12345", "1234567", "abcdef", "12345a", "123-456"] {
        assert!(!verify(&app, &user, typed).await, "{typed:?}");
    }
}

#[tokio::test]
async fn the_enrolment_shows_the_secret_as_uri_qr_code_and_text() {
    let app = TestApp::spawn().await;
    let user = app.create_user("uri@example.com").await;
    let e = mfa(&app)
        .totp
        .begin(&user.id, &user.email, "Acme: Sign-in")
        .await
        .unwrap();

    let parsed = Totp::from_url(&e.otpauth_uri).unwrap();
    assert_eq!(parsed.algorithm(), Algorithm::SHA1);
    assert_eq!((parsed.digits(), parsed.step()), (6, 30));
    assert_eq!(parsed.secret().as_bytes(), secret_bytes(&e.secret_base32));
    assert_eq!(parsed.secret().as_bytes().len(), 20, "160 bits");
    assert_eq!(parsed.account_name(), user.email);
    assert_eq!(parsed.issuer(), Some("Acme Sign-in"));

    assert!(e.qr_svg.starts_with("<svg") && e.qr_svg.trim_end().ends_with("</svg>"));
    assert!(!e.qr_svg.to_lowercase().contains("<script"));
    assert!(!e.pending.contains(&e.secret_base32));
    assert!(e.expires_at > app.clock.now());
    // Nothing is stored before the first code.
    assert!(mfa(&app).totp.list(&user.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_secret_is_stored_sealed() {
    let app = TestApp::spawn().await;
    let user = app.create_user("sealed@example.com").await;
    let (_, secret) = enrol(&app, &user, "Phone").await;
    let raw = secret_bytes(&secret);
    let stored = app.store().mfa().user_totps(&user.id).await.unwrap();
    let sealed = &stored[0].secret_sealed;
    assert!(!sealed.windows(raw.len()).any(|w| w == raw.as_slice()));
    assert!(!String::from_utf8_lossy(sealed).contains(&secret));
    assert_eq!(app.state.provider.master.decrypt(sealed).unwrap(), raw);
}

#[tokio::test]
async fn an_enrolment_is_confirmed_only_by_its_user_its_code_and_in_time() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (
        app.create_user("ada@example.com").await,
        app.create_user("bob@example.com").await,
    );
    let mfa = mfa(&app);
    let e = begin(&app, &ada).await;
    let right = code(&app, &e.secret_base32, 0);
    let confirm = |user: &User, pending: &str, name: &str, code: &str| {
        let (mfa, user_id, pending, name, code) = (
            mfa.clone(),
            user.id.clone(),
            pending.to_owned(),
            name.to_owned(),
            code.to_owned(),
        );
        let entry = app.entry("mfa.totp.added");
        async move { mfa.totp.confirm(&user_id, &pending, &name, &code, &entry).await }
    };

    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    if !coincides(&app, &e.secret_base32, &wrong) {
        assert!(matches!(
            confirm(&ada, &e.pending, "Phone", &wrong).await,
            Err(MfaError::InvalidCode)
        ));
    }
    assert!(matches!(
        confirm(&bob, &e.pending, "Phone", &right).await,
        Err(MfaError::Invalid("problem-totp-enrolment-expired"))
    ));
    let mut tampered = e.pending.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    assert!(matches!(
        confirm(&ada, &String::from_utf8(tampered).unwrap(), "Phone", &right).await,
        Err(MfaError::Invalid("problem-totp-enrolment-expired"))
    ));
    assert!(matches!(
        confirm(&ada, &e.pending, " ", &right).await,
        Err(MfaError::Invalid("problem-mfa-name-required"))
    ));
    assert!(mfa.totp.list(&ada.id).await.unwrap().is_empty());
    assert!(mfa.totp.list(&bob.id).await.unwrap().is_empty());

    confirm(&ada, &e.pending, "Phone", &right).await.unwrap();
    // The same enrolment posted again adds nothing.
    app.clock.advance(30);
    let again = code(&app, &e.secret_base32, 0);
    assert!(matches!(
        confirm(&ada, &e.pending, "Phone", &again).await,
        Err(MfaError::Invalid("problem-totp-enrolment-expired"))
    ));
    assert_eq!(mfa.totp.list(&ada.id).await.unwrap().len(), 1);

    // An enrolment left past its lifetime is gone.
    let late = begin(&app, &ada).await;
    app.clock.advance(portcullis::mfa::totp::ENROLMENT_LIFETIME);
    let code_then = code(&app, &late.secret_base32, 0);
    assert!(matches!(
        confirm(&ada, &late.pending, "Tablet", &code_then).await,
        Err(MfaError::Invalid("problem-totp-enrolment-expired"))
    ));
    assert_eq!(audited(&app, None, "mfa.totp.added").await.len(), 1);
}

#[tokio::test]
async fn a_code_of_another_users_authenticator_is_refused() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (
        app.create_user("ada@example.com").await,
        app.create_user("bob@example.com").await,
    );
    let (_, ada_secret) = enrol(&app, &ada, "Phone").await;
    let (_, bob_secret) = enrol(&app, &bob, "Phone").await;
    let adas = code(&app, &ada_secret, 0);
    if !coincides(&app, &bob_secret, &adas) {
        assert!(!verify(&app, &bob, &adas).await);
    }
    assert!(verify(&app, &ada, &adas).await);
}

#[tokio::test]
async fn each_of_several_authenticators_works_with_its_own_codes() {
    let app = TestApp::spawn().await;
    let user = app.create_user("many@example.com").await;
    let (phone, phone_secret) = enrol(&app, &user, "Phone").await;
    let (tablet, tablet_secret) = enrol(&app, &user, "Tablet").await;
    assert_eq!(mfa(&app).totp.list(&user.id).await.unwrap(), [phone, tablet]);
    app.clock.advance(30);
    // The same step on each: each authenticator keeps its own last step.
    assert!(verify(&app, &user, &code(&app, &tablet_secret, 0)).await);
    assert!(verify(&app, &user, &code(&app, &phone_secret, 0)).await);
    assert!(!verify(&app, &user, &code(&app, &tablet_secret, 0)).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_parallel_posts_of_one_code_pass_once() {
    let app = TestApp::spawn().await;
    let user = app.create_user("race@example.com").await;
    let (_, secret) = enrol(&app, &user, "Phone").await;
    let the_code = code(&app, &secret, 0);
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (mfa, user_id, the_code) = (mfa(&app), user.id.clone(), the_code.clone());
        let entry = app.entry("mfa.totp.used");
        posts.spawn(async move { mfa.totp.verify(&user_id, &the_code, &entry).await.unwrap() });
    }
    let passed = posts.join_all().await.into_iter().filter(|ok| *ok).count();
    assert_eq!(passed, 1);
    assert_eq!(audited(&app, None, "mfa.totp.used").await.len(), 1);
}

/// The store's own guard, apart from the service's check of the last step: the parallel test
/// above may find the step recorded before it reaches the database.
#[tokio::test]
async fn the_store_records_each_step_once_and_only_for_its_user() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (
        app.create_user("ada@example.com").await,
        app.create_user("bob@example.com").await,
    );
    enrol(&app, &ada, "Phone").await;
    let store = app.store();
    let record = store.mfa().user_totps(&ada.id).await.unwrap().remove(0);
    let (id, now) = (record.id.as_str(), app.clock.now());
    let step = record.last_step.unwrap() + 1;
    let use_step = |user: &User, step: i64| {
        let (user_id, entry) = (user.id.clone(), app.entry("mfa.totp.used"));
        async move {
            store
                .mfa()
                .use_totp_step(&user_id, id, step, now, &entry)
                .await
                .unwrap()
        }
    };
    assert!(!use_step(&bob, step).await, "another user's authenticator");
    assert!(use_step(&ada, step).await);
    assert!(!use_step(&ada, step).await, "the same step again");
    assert!(!use_step(&ada, step - 1).await, "an earlier step");
    assert!(use_step(&ada, step + 1).await);
    assert_eq!(audited(&app, None, "mfa.totp.used").await.len(), 2);
}

#[tokio::test]
async fn one_user_cannot_rename_or_remove_anothers_authenticator() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (
        app.create_user("ada@example.com").await,
        app.create_user("bob@example.com").await,
    );
    let mfa = mfa(&app);
    let (phone, secret) = enrol(&app, &ada, "Phone").await;

    // Each change commits its own entry.
    let entry = || app.entry("mfa.totp.changed");
    assert!(matches!(
        mfa.totp.rename(&bob.id, &phone.id, "Mine now", &entry()).await,
        Err(MfaError::NotFound)
    ));
    assert!(matches!(
        mfa.totp.remove(&bob.id, &phone.id, &entry()).await,
        Err(MfaError::NotFound)
    ));
    assert_eq!(
        mfa.totp.list(&ada.id).await.unwrap(),
        std::slice::from_ref(&phone)
    );
    assert!(audited(&app, None, "mfa.totp.changed").await.is_empty());
    assert!(verify(&app, &ada, &code(&app, &secret, 0)).await);

    assert!(matches!(
        mfa.totp
            .rename(&ada.id, &phone.id, &"x".repeat(65), &entry())
            .await,
        Err(MfaError::Invalid("problem-mfa-name-too-long"))
    ));
    mfa.totp
        .rename(&ada.id, &phone.id, "Old phone", &entry())
        .await
        .unwrap();
    assert_eq!(mfa.totp.list(&ada.id).await.unwrap()[0].name, "Old phone");
    mfa.totp.remove(&ada.id, &phone.id, &entry()).await.unwrap();
    assert!(mfa.totp.list(&ada.id).await.unwrap().is_empty());
    assert!(!mfa.totp.enrolled(&ada.id).await.unwrap());
    assert!(matches!(
        mfa.totp.remove(&ada.id, &phone.id, &entry()).await,
        Err(MfaError::NotFound)
    ));
    app.clock.advance(30);
    assert!(!verify(&app, &ada, &code(&app, &secret, 0)).await);
    assert_eq!(audited(&app, None, "mfa.totp.changed").await.len(), 2);
}

async fn redeem(app: &TestApp, user: &User, code: &str) -> Option<usize> {
    mfa(app)
        .recovery_codes
        .redeem(&user.id, code, &app.entry("mfa.recovery_code.used"))
        .await
        .unwrap()
}

async fn generate(app: &TestApp, user: &User) -> Vec<String> {
    mfa(app)
        .recovery_codes
        .generate(&user.id, &app.entry("mfa.recovery_codes.generated"))
        .await
        .unwrap()
}

#[tokio::test]
async fn recovery_codes_are_ten_distinct_codes_of_sixty_bits_each_used_once() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (
        app.create_user("ada@example.com").await,
        app.create_user("bob@example.com").await,
    );
    let codes = mfa(&app).recovery_codes;
    assert!(!codes.enrolled(&ada.id).await.unwrap());
    let set = generate(&app, &ada).await;
    assert_eq!(set.len(), recovery_codes::COUNT);
    assert_eq!(set.iter().collect::<HashSet<_>>().len(), 10);
    for c in &set {
        let symbols: String = c.chars().filter(|c| *c != '-').collect();
        assert_eq!(c.len(), 14, "{c}");
        assert_eq!(c.matches('-').count(), 2, "{c}");
        // 12 symbols of a 32-symbol alphabet: 60 bits.
        assert_eq!(symbols.len(), 12);
        assert!(
            symbols
                .bytes()
                .all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b)),
            "{c}"
        );
    }
    assert_eq!(codes.remaining(&ada.id).await.unwrap(), 10);
    assert!(codes.enrolled(&ada.id).await.unwrap());

    // Another user cannot use them.
    assert_eq!(redeem(&app, &bob, &set[0]).await, None);
    assert_eq!(redeem(&app, &ada, &set[0]).await, Some(9));
    assert_eq!(redeem(&app, &ada, &set[0]).await, None, "used once");
    let typed = set[1].to_uppercase().replace('-', " ");
    assert_eq!(redeem(&app, &ada, &typed).await, Some(8));
    assert_eq!(redeem(&app, &ada, "not-a-code").await, None);
    assert_eq!(redeem(&app, &ada, "0000-0000-0000").await, None);
    assert_eq!(codes.remaining(&ada.id).await.unwrap(), 8);
    assert_eq!(audited(&app, None, "mfa.recovery_code.used").await.len(), 2);

    assert_eq!(codes.method(), portcullis::domain::Method::RecoveryCode);
    assert!(
        CodeFactor::verify(&codes, &ada.id, &set[2], &app.entry("mfa.recovery_code.used"))
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_new_set_of_recovery_codes_voids_the_old_one() {
    let app = TestApp::spawn().await;
    let user = app.create_user("regen@example.com").await;
    let old = generate(&app, &user).await;
    assert_eq!(redeem(&app, &user, &old[0]).await, Some(9));
    let new = generate(&app, &user).await;
    assert!(new.iter().all(|c| !old.contains(c)));
    assert_eq!(mfa(&app).recovery_codes.remaining(&user.id).await.unwrap(), 10);
    for c in &old[1..] {
        assert_eq!(redeem(&app, &user, c).await, None);
    }
    assert_eq!(redeem(&app, &user, &new[9]).await, Some(9));
    assert_eq!(audited(&app, None, "mfa.recovery_codes.generated").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_redeems_of_one_recovery_code_pass_once() {
    let app = TestApp::spawn().await;
    let user = app.create_user("race-codes@example.com").await;
    let set = generate(&app, &user).await;
    let mut redeems = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (mfa, user_id, the_code) = (mfa(&app), user.id.clone(), set[3].clone());
        let entry = app.entry("mfa.recovery_code.used");
        redeems.spawn(async move {
            mfa.recovery_codes
                .redeem(&user_id, &the_code, &entry)
                .await
                .unwrap()
        });
    }
    let passed: Vec<usize> = redeems.join_all().await.into_iter().flatten().collect();
    assert_eq!(passed, [9]);
    assert_eq!(mfa(&app).recovery_codes.remaining(&user.id).await.unwrap(), 9);
    assert_eq!(audited(&app, None, "mfa.recovery_code.used").await.len(), 1);
}

#[tokio::test]
async fn deleting_the_user_deletes_their_factors() {
    let app = TestApp::spawn().await;
    let user = app.create_user("gone@example.com").await;
    enrol(&app, &user, "Phone").await;
    generate(&app, &user).await;
    let now = app.clock.now();
    let store = app.store();
    store
        .users()
        .mark_user_deleted(&user.id, now, &app.entry("account.deleted"))
        .await
        .unwrap();
    assert_eq!(store.users().purge_deleted_users(now + 1).await.unwrap(), 1);
    assert!(app.store().mfa().user_totps(&user.id).await.unwrap().is_empty());
    assert_eq!(mfa(&app).recovery_codes.remaining(&user.id).await.unwrap(), 0);
}
