//! What an authentication is made of: the methods a user proved, each with its time, and the
//! assurance level (`acr`) and method references (`amr`, RFC 8176) they add up to.

use serde::{Deserialize, Serialize};

use super::{Session, UnixTime};

/// A way of proving who one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Password,
    /// A code from an authenticator app (RFC 6238).
    Totp,
    /// A code sent to the user's verified e-mail address.
    EmailCode,
    /// A code sent to the user's verified phone number.
    SmsCode,
    /// One of the user's single-use recovery codes.
    RecoveryCode,
    /// A WebAuthn credential. `user_verified`: the authenticator checked a PIN or biometric;
    /// `hardware`: a roaming security key rather than a platform or synced passkey.
    WebAuthn {
        user_verified: bool,
        hardware: bool,
    },
    /// A sign-in at an upstream identity provider (a connection). `mfa`: the connection is
    /// trusted for MFA and the upstream said it used several factors.
    Federated {
        mfa: bool,
    },
}

/// What a method proves: something known, something held, or something one is (verified by a
/// device the user holds). Two methods of different kinds make a multi-factor authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Knowledge,
    Possession,
}

impl Method {
    /// RFC 8176 §2 method reference values.
    pub fn amr(self) -> &'static [&'static str] {
        match self {
            Method::Password => &["pwd"],
            Method::Totp | Method::EmailCode | Method::RecoveryCode => &["otp"],
            Method::SmsCode => &["sms"],
            // Not registered by RFC 8176 (§2 allows other values); Microsoft Entra ID and
            // others use it for "signed in at a federated identity provider".
            Method::Federated { mfa: false } => &["fed"],
            Method::Federated { mfa: true } => &["fed", "mfa"],
            Method::WebAuthn {
                user_verified,
                hardware,
            } => match (hardware, user_verified) {
                (true, true) => &["hwk", "user"],
                (true, false) => &["hwk"],
                (false, true) => &["swk", "user"],
                (false, false) => &["swk"],
            },
        }
    }

    fn kinds(self) -> &'static [Kind] {
        match self {
            Method::Password => &[Kind::Knowledge],
            // A recovery code stands in for the second factor it recovers.
            Method::Totp | Method::EmailCode | Method::SmsCode | Method::RecoveryCode => &[Kind::Possession],
            // The authenticator verified the user (PIN or biometric) on a key the user holds.
            Method::WebAuthn {
                user_verified: true, ..
            } => &[Kind::Possession, Kind::Knowledge],
            Method::WebAuthn {
                user_verified: false, ..
            } => &[Kind::Possession],
            // One factor, counted like a password (what upstreams ask for first), so a second
            // factor here makes it multi-factor; several when the connection is trusted to say
            // the upstream used several.
            Method::Federated { mfa: false } => &[Kind::Knowledge],
            Method::Federated { mfa: true } => &[Kind::Knowledge, Kind::Possession],
        }
    }

    /// Bound to our origin by the browser, so a look-alike site cannot relay it.
    fn is_phishing_resistant(self) -> bool {
        matches!(
            self,
            Method::WebAuthn {
                user_verified: true,
                ..
            }
        )
    }
}

/// A method the user proved, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorUse {
    pub method: Method,
    pub at: UnixTime,
}

/// A sign-in in progress: who, and what they proved so far in this interaction. Kept in the
/// interaction until the engine turns it into an SSO session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authentication {
    pub user_id: String,
    pub factors: Vec<FactorUse>,
    /// The SSO session this raises (a step-up), when the user was already signed in.
    pub session_id: Option<String>,
    /// The user put off setting up a second factor in this sign-in ("Not now").
    #[serde(default)]
    pub setup_put_off: bool,
    /// An upstream identity to link to the user once the sign-in is complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<super::PendingLink>,
}

impl Authentication {
    /// A user who just proved `method`.
    pub fn first(user_id: &str, method: Method, at: UnixTime) -> Authentication {
        Authentication {
            user_id: user_id.to_owned(),
            factors: vec![FactorUse { method, at }],
            session_id: None,
            setup_put_off: false,
            link: None,
        }
    }

    /// A step-up of the SSO session `s`: what it holds so far, to be raised.
    pub fn raising(s: &Session) -> Authentication {
        Authentication {
            user_id: s.user_id.clone(),
            factors: s.factors.clone(),
            session_id: Some(s.id.clone()),
            setup_put_off: false,
            link: None,
        }
    }

    pub fn proved(&mut self, method: Method, at: UnixTime) {
        self.factors.push(FactorUse { method, at });
    }
}

/// Authentication assurance levels, lowest first: what `acr` says and `acr_values` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// One factor: a password (or a single code or key).
    Single,
    /// Two factors of different kinds.
    MultiFactor,
    /// Multi-factor with a phishing-resistant method: WebAuthn with user verification
    /// (OpenID Extended Authentication Profile ACR values, `phr`).
    PhishingResistant,
}

impl Level {
    /// Every level, lowest first: `acr_values_supported` in this order.
    pub const ALL: [Level; 3] = [Level::Single, Level::MultiFactor, Level::PhishingResistant];

    pub fn acr(self) -> &'static str {
        match self {
            Level::Single => "1",
            Level::MultiFactor => "2",
            Level::PhishingResistant => "phr",
        }
    }

    pub fn from_acr(acr: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.acr() == acr)
    }

    /// The level `factors` reach together.
    pub fn of(factors: &[FactorUse]) -> Level {
        let has = |k: Kind| factors.iter().any(|f| f.method.kinds().contains(&k));
        let multi = has(Kind::Knowledge) && has(Kind::Possession);
        if multi && factors.iter().any(|f| f.method.is_phishing_resistant()) {
            Level::PhishingResistant
        } else if multi {
            Level::MultiFactor
        } else {
            Level::Single
        }
    }
}

/// The RFC 8176 `amr` of `factors`: each method's values once, in the order they were used,
/// and `mfa` when they reach the multi-factor level.
pub fn amr(factors: &[FactorUse]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in factors.iter().flat_map(|f| f.method.amr()) {
        if !out.iter().any(|o| o == v) {
            out.push((*v).to_owned());
        }
    }
    if Level::of(factors) >= Level::MultiFactor && !out.iter().any(|o| o == "mfa") {
        out.push("mfa".to_owned());
    }
    out
}

/// The factors of `factors` proved at or after `since`; later uses of a method replace earlier
/// ones, so each method appears once with its latest time.
pub fn fresh(factors: &[FactorUse], since: UnixTime) -> Vec<FactorUse> {
    let mut out: Vec<FactorUse> = Vec::new();
    for f in factors.iter().filter(|f| f.at >= since) {
        match out.iter_mut().find(|o| o.method == f.method) {
            Some(o) => o.at = o.at.max(f.at),
            None => out.push(*f),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upstream_sign_in_is_one_factor_unless_trusted_to_say_more() {
        let at = |method| FactorUse { method, at: 0 };
        let fed = at(Method::Federated { mfa: false });
        assert_eq!(Level::of(&[fed]), Level::Single);
        assert_eq!(amr(&[fed]), ["fed"]);
        // The account's own password adds nothing of another kind; its app does.
        assert_eq!(Level::of(&[fed, at(Method::Password)]), Level::Single);
        assert_eq!(Level::of(&[fed, at(Method::Totp)]), Level::MultiFactor);
        assert_eq!(amr(&[fed, at(Method::Totp)]), ["fed", "otp", "mfa"]);
        let trusted = at(Method::Federated { mfa: true });
        assert_eq!(Level::of(&[trusted]), Level::MultiFactor);
        assert_eq!(amr(&[trusted]), ["fed", "mfa"], "mfa once");
    }

    const PASSKEY: Method = Method::WebAuthn {
        user_verified: true,
        hardware: false,
    };
    const KEY_TAP: Method = Method::WebAuthn {
        user_verified: false,
        hardware: true,
    };

    fn used(methods: &[Method]) -> Vec<FactorUse> {
        methods
            .iter()
            .enumerate()
            .map(|(n, m)| FactorUse {
                method: *m,
                at: n as i64,
            })
            .collect()
    }

    #[test]
    fn levels_follow_the_kinds_of_factor_used() {
        for (methods, level) in [
            (&[Method::Password][..], Level::Single),
            (&[Method::Totp], Level::Single),
            (&[Method::Password, Method::Password], Level::Single),
            (&[Method::Password, Method::Totp], Level::MultiFactor),
            (&[Method::Password, Method::RecoveryCode], Level::MultiFactor),
            (&[Method::Password, Method::EmailCode], Level::MultiFactor),
            (&[Method::Password, Method::SmsCode], Level::MultiFactor),
            (&[Method::Password, KEY_TAP], Level::MultiFactor),
            (&[KEY_TAP], Level::Single),
            (&[PASSKEY], Level::PhishingResistant),
            (&[Method::Password, PASSKEY], Level::PhishingResistant),
            (&[], Level::Single),
        ] {
            assert_eq!(Level::of(&used(methods)), level, "{methods:?}");
        }
    }

    #[test]
    fn amr_names_each_method_once_and_says_mfa_for_two_kinds() {
        assert_eq!(amr(&used(&[Method::Password])), ["pwd"]);
        assert_eq!(
            amr(&used(&[Method::Password, Method::Totp])),
            ["pwd", "otp", "mfa"]
        );
        assert_eq!(
            amr(&used(&[Method::Password, Method::SmsCode])),
            ["pwd", "sms", "mfa"]
        );
        assert_eq!(amr(&used(&[PASSKEY])), ["swk", "user", "mfa"]);
        assert_eq!(amr(&used(&[Method::Password, KEY_TAP])), ["pwd", "hwk", "mfa"]);
        assert_eq!(
            amr(&used(&[Method::Password, Method::Totp, Method::RecoveryCode])),
            ["pwd", "otp", "mfa"]
        );
    }

    #[test]
    fn acr_values_are_ordered_and_round_trip() {
        assert!(Level::Single < Level::MultiFactor && Level::MultiFactor < Level::PhishingResistant);
        for l in Level::ALL {
            assert_eq!(Level::from_acr(l.acr()), Some(l));
        }
        assert_eq!(Level::from_acr("0"), None);
        assert_eq!(Level::Single.acr(), "1");
    }

    #[test]
    fn fresh_keeps_each_method_once_at_its_latest_time() {
        let f = [
            FactorUse {
                method: Method::Password,
                at: 10,
            },
            FactorUse {
                method: Method::Totp,
                at: 20,
            },
            FactorUse {
                method: Method::Password,
                at: 30,
            },
        ];
        assert_eq!(
            fresh(&f, 15),
            [
                FactorUse {
                    method: Method::Totp,
                    at: 20
                },
                FactorUse {
                    method: Method::Password,
                    at: 30
                },
            ]
        );
        assert_eq!(fresh(&f, 0).len(), 2);
        assert!(fresh(&f, 31).is_empty());
    }
}
