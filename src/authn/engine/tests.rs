//! What a sign-in still needs, decided on facts alone.

use super::{Demand, Enrolment, Facts, Setup, Step, Subject};
use crate::domain::{FactorUse, Level, Method, User};

const NOW: i64 = 100_000;
const PASSKEY: Method = Method::WebAuthn {
    user_verified: true,
    hardware: false,
};

fn user() -> User {
    User::new("u1".into(), "ada@example.com".into(), 0)
}

fn password_at(at: i64) -> FactorUse {
    FactorUse {
        method: Method::Password,
        at,
    }
}

fn next(factors: &[FactorUse], here: bool, demand: &Demand, enrolled: &[Method]) -> Option<Step> {
    let u = user();
    Facts {
        subject: Some(Subject {
            user_id: "u1",
            user: Some(&u),
            factors,
            here,
        }),
        demand,
        enrolled,
        remembered: false,
        setup: Setup::default(),
        now: NOW,
    }
    .next()
}

fn requiring(l: Level) -> Demand {
    Demand {
        required: Some(l),
        ..Demand::default()
    }
}

#[test]
fn no_one_signed_in_logs_in() {
    let d = Demand::default();
    let f = Facts {
        subject: None,
        demand: &d,
        enrolled: &[],
        remembered: false,
        setup: Setup::default(),
        now: NOW,
    };
    assert_eq!(f.next(), Some(Step::Login));
}

#[test]
fn a_password_answers_a_demand_for_nothing_more() {
    assert_eq!(
        next(&[password_at(NOW - 50)], false, &Demand::default(), &[]),
        None
    );
    assert_eq!(
        next(&[password_at(NOW)], true, &Demand::default(), &[Method::Totp]),
        None
    );
}

#[test]
fn a_session_of_a_disabled_or_deleted_user_or_of_someone_else_logs_in_again() {
    let d = Demand::default();
    let mut u = user();
    u.disabled = true;
    let f = [password_at(NOW)];
    let facts = |user: Option<&User>| {
        Facts {
            subject: Some(Subject {
                user_id: "u1",
                user,
                factors: &f,
                here: false,
            }),
            demand: &d,
            enrolled: &[],
            remembered: false,
            setup: Setup::default(),
            now: NOW,
        }
        .next()
    };
    assert_eq!(facts(Some(&u)), Some(Step::Login));
    assert_eq!(facts(None), Some(Step::Login));
    let other = Demand {
        user_id: Some("u2".into()),
        ..Demand::default()
    };
    assert_eq!(next(&f, false, &other, &[]), Some(Step::Login));
}

#[test]
fn reauthentication_is_asked_of_a_session_but_not_of_a_login_made_here() {
    let d = Demand {
        reauthenticate: true,
        ..Demand::default()
    };
    assert_eq!(next(&[password_at(NOW)], false, &d, &[]), Some(Step::Login));
    assert_eq!(next(&[password_at(NOW)], true, &d, &[]), None);
}

#[test]
fn max_age_counts_from_each_factor() {
    let d = Demand {
        max_age: Some(60),
        ..Demand::default()
    };
    assert_eq!(next(&[password_at(NOW - 60)], false, &d, &[]), None);
    assert_eq!(next(&[password_at(NOW - 61)], false, &d, &[]), Some(Step::Login));
    // A fresh second factor does not make up for an old password.
    let old_password_new_code = [
        password_at(NOW - 61),
        FactorUse {
            method: Method::Totp,
            at: NOW,
        },
    ];
    assert_eq!(
        next(&old_password_new_code, false, &d, &[Method::Totp]),
        Some(Step::Login)
    );
    // An old second factor is asked for again.
    let d = Demand {
        max_age: Some(60),
        required: Some(Level::MultiFactor),
        ..Demand::default()
    };
    let new_password_old_code = [
        FactorUse {
            method: Method::Totp,
            at: NOW - 61,
        },
        password_at(NOW),
    ];
    assert_eq!(
        next(&new_password_old_code, false, &d, &[Method::Totp]),
        Some(Step::Factor)
    );
}

#[test]
fn a_required_level_asks_for_a_factor_the_user_has_or_its_enrolment() {
    let d = requiring(Level::MultiFactor);
    let pwd = [password_at(NOW)];
    assert_eq!(next(&pwd, true, &d, &[Method::Totp]), Some(Step::Factor));
    assert_eq!(next(&pwd, true, &d, &[]), Some(Step::Enrol(Enrolment::Required)));
    let both = [
        password_at(NOW),
        FactorUse {
            method: Method::Totp,
            at: NOW,
        },
    ];
    assert_eq!(next(&both, true, &d, &[Method::Totp]), None);
    // A TOTP app does not reach the phishing-resistant level, and setting up another would not
    // either: the level is out of reach. A passkey reaches it.
    let d = requiring(Level::PhishingResistant);
    assert_eq!(next(&both, true, &d, &[Method::Totp]), None);
    let u = user();
    let facts = Facts {
        subject: Some(Subject {
            user_id: "u1",
            user: Some(&u),
            factors: &both,
            here: true,
        }),
        demand: &d,
        enrolled: &[Method::Totp],
        remembered: false,
        setup: Setup::default(),
        now: NOW,
    };
    assert!(facts.unreachable());
    assert_eq!(
        next(&both, true, &d, &[Method::Totp, PASSKEY]),
        Some(Step::Factor)
    );
}

#[test]
fn a_preferred_level_is_asked_for_only_within_reach() {
    let d = Demand {
        preferred: Some(Level::MultiFactor),
        ..Demand::default()
    };
    let pwd = [password_at(NOW)];
    assert_eq!(next(&pwd, true, &d, &[Method::Totp]), Some(Step::Factor));
    assert_eq!(next(&pwd, true, &d, &[]), None);
}

#[test]
fn a_passkey_alone_signs_in_at_the_highest_level() {
    let pk = [FactorUse {
        method: PASSKEY,
        at: NOW,
    }];
    assert_eq!(
        next(&pk, true, &requiring(Level::PhishingResistant), &[PASSKEY]),
        None
    );
    // A security key tapped without user verification is no first factor.
    let tap = [FactorUse {
        method: Method::WebAuthn {
            user_verified: false,
            hardware: true,
        },
        at: NOW,
    }];
    assert_eq!(next(&tap, true, &Demand::default(), &[]), Some(Step::Login));
}

#[test]
fn sensitive_changes_need_a_recent_password_and_the_second_factor_the_user_has() {
    use super::recent_enough;
    let code_at = |at| FactorUse {
        method: Method::Totp,
        at,
    };
    assert!(recent_enough(&[password_at(NOW - 600)], &[], NOW, 600));
    assert!(!recent_enough(&[password_at(NOW - 601)], &[], NOW, 600));
    // With an authenticator app set up, the password alone is not enough.
    assert!(!recent_enough(&[password_at(NOW)], &[Method::Totp], NOW, 600));
    assert!(recent_enough(
        &[password_at(NOW), code_at(NOW)],
        &[Method::Totp],
        NOW,
        600
    ));
    assert!(!recent_enough(
        &[password_at(NOW), code_at(NOW - 601)],
        &[Method::Totp],
        NOW,
        600
    ));
    // Recovery codes alone are no factor to ask for.
    assert!(recent_enough(
        &[password_at(NOW)],
        &[Method::RecoveryCode],
        NOW,
        600
    ));
}

fn setting_up(
    factors: &[FactorUse],
    here: bool,
    demand: &Demand,
    enrolled: &[Method],
    setup: Setup,
) -> Option<Step> {
    let u = user();
    Facts {
        subject: Some(Subject {
            user_id: "u1",
            user: Some(&u),
            factors,
            here,
        }),
        demand,
        enrolled,
        remembered: false,
        setup,
        now: NOW,
    }
    .next()
}

#[test]
fn a_grace_period_lets_the_policy_s_set_up_be_put_off_until_it_ends() {
    let pwd = [password_at(NOW)];
    let d = requiring(Level::MultiFactor);
    let until = NOW + 60;
    let grace = Setup {
        grace_until: Some(until),
        ..Setup::default()
    };
    let deferrable = Some(Step::Enrol(Enrolment::Deferrable { until }));
    assert_eq!(setting_up(&pwd, true, &d, &[], grace), deferrable);
    // Put off in this sign-in: it goes on; an SSO session is not asked again.
    let put_off = Setup {
        put_off: true,
        ..grace
    };
    assert_eq!(setting_up(&pwd, true, &d, &[], put_off), None);
    assert_eq!(setting_up(&pwd, false, &d, &[], grace), None);
    // Once the period is over, the set-up is required, put off or not.
    let over = Setup {
        grace_until: Some(NOW),
        put_off: true,
        ..Setup::default()
    };
    let required = Some(Step::Enrol(Enrolment::Required));
    assert_eq!(setting_up(&pwd, true, &d, &[], over), required);
    assert_eq!(setting_up(&pwd, false, &d, &[], over), required);
    // An essential acr claim is not put off by the deployment's grace period.
    let insisted = Demand {
        insisted: true,
        ..requiring(Level::MultiFactor)
    };
    assert_eq!(setting_up(&pwd, true, &insisted, &[], put_off), required);
}

#[test]
fn the_set_up_is_offered_at_a_sign_in_to_a_user_without_a_second_factor() {
    let pwd = [password_at(NOW)];
    let d = Demand::default();
    let due = Setup {
        offer_due: true,
        ..Setup::default()
    };
    let offered = Some(Step::Enrol(Enrolment::Offered));
    assert_eq!(setting_up(&pwd, true, &d, &[], due), offered);
    // Recovery codes alone are no second factor.
    assert_eq!(setting_up(&pwd, true, &d, &[Method::RecoveryCode], due), offered);
    // Not when put off, not when not due, not to an SSO session, not to a user with a factor.
    assert_eq!(
        setting_up(&pwd, true, &d, &[], Setup { put_off: true, ..due }),
        None
    );
    assert_eq!(setting_up(&pwd, true, &d, &[], Setup::default()), None);
    assert_eq!(setting_up(&pwd, false, &d, &[], due), None);
    let with_totp = [
        password_at(NOW),
        FactorUse {
            method: Method::Totp,
            at: NOW,
        },
    ];
    assert_eq!(setting_up(&with_totp, true, &d, &[Method::Totp], due), None);
}
