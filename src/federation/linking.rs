//! What a sign-in through a connection does with the account: the rules, pure. A federated
//! identity is found by (connection, upstream subject), never by e-mail; an address the
//! upstream gives only ever leads to an account when the user proves it, or when both sides
//! verified it and the connection is trusted to say so.

use crate::domain::{IdentityProvider, LinkPolicy, ProviderSettings, UpstreamProfile, User};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The identity is linked to this account: sign in.
    SignIn(String),
    /// Make an account just in time, linked to the identity.
    Create,
    /// Link to this account, which holds the upstream's address, once the user proves it
    /// (its password and second factor).
    Confirm(String),
    /// Link to this account without asking: the connection is trusted for e-mail, and both
    /// the upstream and the account verified the address.
    AutoLink(String),
    /// The upstream gave no address: ask the user for one, and prove it, before deciding.
    Review,
    Refuse(Refusal),
}

/// Why a sign-in through a connection is refused (each has its message on the error page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The connection only signs in identities linked beforehand.
    NotLinked,
    /// The connection only links to existing accounts, and none has the address.
    NoAccount,
    /// The account is disabled or deleted.
    Unavailable,
}

impl Refusal {
    /// The message's id in the catalogue.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotLinked => "upstream-not-linked",
            Refusal::NoAccount => "upstream-no-account",
            Refusal::Unavailable => "upstream-unavailable",
        }
    }

    /// The audit log's reason.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::NotLinked => "not_linked",
            Refusal::NoAccount => "no_account",
            Refusal::Unavailable => "account_unavailable",
        }
    }
}

/// `profile`, its address counted as verified when its domain is one the connection claims: an
/// administrator said that domain's people sign in there, so the upstream speaks for it.
pub fn vouched(c: &IdentityProvider, profile: &UpstreamProfile) -> UpstreamProfile {
    let mut p = profile.clone();
    let domain = p
        .email
        .as_deref()
        .and_then(|e| e.rsplit_once('@'))
        .map(|(_, d)| d.to_owned());
    if domain.is_some_and(|d| c.domains.contains(&d)) {
        p.email_verified = true;
    }
    p
}

/// The decision for `profile`: `linked` is the account linked to its identity, `holder` the
/// account holding its address.
pub fn decide(
    s: &ProviderSettings,
    profile: &UpstreamProfile,
    linked: Option<&User>,
    holder: Option<&User>,
) -> Decision {
    if let Some(u) = linked {
        return if u.is_active() {
            Decision::SignIn(u.id.clone())
        } else {
            Decision::Refuse(Refusal::Unavailable)
        };
    }
    if s.link_policy == LinkPolicy::Deny {
        return Decision::Refuse(Refusal::NotLinked);
    }
    match holder {
        Some(u) if !u.is_active() => Decision::Refuse(Refusal::Unavailable),
        Some(u) if s.trust_email && profile.email_verified && u.email_verified => {
            Decision::AutoLink(u.id.clone())
        }
        Some(u) => Decision::Confirm(u.id.clone()),
        // An account is found, or made, by its address: without one there is nothing to decide.
        None if profile.email.is_none() => Decision::Review,
        None if s.link_policy == LinkPolicy::Link => Decision::Refuse(Refusal::NoAccount),
        None => Decision::Create,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ClaimMapping;

    fn settings(link_policy: LinkPolicy, trust_email: bool) -> ProviderSettings {
        ProviderSettings {
            issuer: None,
            client_id: None,
            scopes: Vec::new(),
            link_policy,
            trust_email,
            trust_mfa: false,
            sync: Default::default(),
            mapping: ClaimMapping::default(),
            saml: None,
            oauth2: None,
            preset: None,
        }
    }

    fn profile(verified: bool) -> UpstreamProfile {
        UpstreamProfile {
            subject: "s".into(),
            email: Some("ann@example.com".into()),
            email_verified: verified,
            ..Default::default()
        }
    }

    fn user(id: &str, verified: bool) -> User {
        let mut u = User::new(id.into(), "ann@example.com".into(), 0);
        u.email_verified = verified;
        u
    }

    #[test]
    fn a_linked_identity_signs_in_whatever_the_policy() {
        let linked = user("u1", false);
        for policy in [LinkPolicy::Create, LinkPolicy::Link, LinkPolicy::Deny] {
            let d = decide(&settings(policy, false), &profile(false), Some(&linked), None);
            assert_eq!(d, Decision::SignIn("u1".into()));
        }
        let mut off = user("u1", true);
        off.disabled = true;
        let d = decide(
            &settings(LinkPolicy::Create, false),
            &profile(true),
            Some(&off),
            None,
        );
        assert_eq!(d, Decision::Refuse(Refusal::Unavailable));
    }

    #[test]
    fn an_address_collision_never_links_without_proof() {
        let holder = user("u1", true);
        // Not trusted for e-mail, or either side unverified: the user must prove the account.
        for (trust, upstream_verified, local_verified) in [
            (false, true, true),
            (true, false, true),
            (true, true, false),
            (false, false, false),
        ] {
            let h = user("u1", local_verified);
            let d = decide(
                &settings(LinkPolicy::Create, trust),
                &profile(upstream_verified),
                None,
                Some(&h),
            );
            assert_eq!(
                d,
                Decision::Confirm("u1".into()),
                "{trust} {upstream_verified} {local_verified}"
            );
        }
        let d = decide(
            &settings(LinkPolicy::Create, true),
            &profile(true),
            None,
            Some(&holder),
        );
        assert_eq!(d, Decision::AutoLink("u1".into()));
        let d = decide(
            &settings(LinkPolicy::Link, true),
            &profile(true),
            None,
            Some(&holder),
        );
        assert_eq!(d, Decision::AutoLink("u1".into()));
    }

    #[test]
    fn policies_without_a_holder() {
        let p = profile(true);
        assert_eq!(
            decide(&settings(LinkPolicy::Create, false), &p, None, None),
            Decision::Create
        );
        assert_eq!(
            decide(&settings(LinkPolicy::Link, false), &p, None, None),
            Decision::Refuse(Refusal::NoAccount)
        );
        assert_eq!(
            decide(
                &settings(LinkPolicy::Deny, true),
                &p,
                None,
                Some(&user("u1", true))
            ),
            Decision::Refuse(Refusal::NotLinked)
        );
        let no_email = UpstreamProfile {
            subject: "s".into(),
            ..Default::default()
        };
        for policy in [LinkPolicy::Create, LinkPolicy::Link] {
            assert_eq!(
                decide(&settings(policy, false), &no_email, None, None),
                Decision::Review
            );
        }
        assert_eq!(
            decide(&settings(LinkPolicy::Deny, false), &no_email, None, None),
            Decision::Refuse(Refusal::NotLinked)
        );
    }

    #[test]
    fn a_disabled_holder_is_not_linked() {
        let mut h = user("u1", true);
        h.disabled = true;
        let d = decide(
            &settings(LinkPolicy::Create, true),
            &profile(true),
            None,
            Some(&h),
        );
        assert_eq!(d, Decision::Refuse(Refusal::Unavailable));
    }
}
