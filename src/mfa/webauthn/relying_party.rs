//! The WebAuthn Relying Party (WebAuthn §5.1.2, §13.4.9) of an issuer: its RP ID is the
//! issuer's host, and the only origin whose ceremonies it accepts is the issuer's origin.
//!
//! - The RP ID must be a domain (WebAuthn §4, "RP ID"): browsers refuse an IP address, and
//!   webauthn-rs's builder refuses an origin without a domain. An issuer such as
//!   `http://127.0.0.1:8080` therefore has no WebAuthn; `http://localhost:8080` has.
//! - http is a secure context only for `localhost` and its subdomains, so any other host must
//!   be served over https for a browser to offer WebAuthn at all.
//! - The port is part of the origin and is checked: webauthn-rs compares it unless
//!   `allow_any_port` is set, which we leave off, since a page on another port of the same
//!   host is another origin (another local service, say) that must not be able to ask for
//!   assertions valid here. Subdomains are not accepted either (`allow_subdomains` off).
//! - The issuer's path plays no part: an origin is scheme, host and port.

use std::time::Duration;

use url::{Host, Url};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use super::ceremony;
use crate::mfa::{MfaError, Result};

/// The RP ID and the origin of the relying party an issuer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelyingParty {
    /// The RP ID: the issuer's host name, in lower case.
    pub id: String,
    /// `scheme://host[:port]`, as the browser puts it in `clientDataJSON.origin`.
    pub origin: Url,
}

impl RelyingParty {
    /// The relying party of `issuer`; [`MfaError::RelyingParty`] when the issuer cannot be
    /// one (an IP address, no host, plain http on a host that is not `localhost`).
    pub fn of_issuer(issuer: &str) -> Result<RelyingParty> {
        let url = Url::parse(issuer).map_err(|e| unusable(issuer, &format!("not a URL: {e}")))?;
        let domain = match url.host() {
            Some(Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
                return Err(unusable(
                    issuer,
                    "an IP address cannot be a WebAuthn RP ID; use a host name (localhost for development)",
                ));
            }
            None => return Err(unusable(issuer, "it has no host")),
        };
        let local = domain == "localhost" || domain.ends_with(".localhost");
        match url.scheme() {
            "https" => {}
            "http" if local => {}
            _ => return Err(unusable(issuer, "WebAuthn needs https (http only for localhost)")),
        }
        let origin = Url::parse(&url.origin().ascii_serialization())
            .map_err(|e| unusable(issuer, &format!("no origin: {e}")))?;
        Ok(RelyingParty { id: domain, origin })
    }

    /// The webauthn-rs instance of this relying party, shown to the user as `rp_name` (the
    /// brand's name; the RP ID when empty).
    pub fn webauthn(&self, rp_name: &str) -> Result<Webauthn> {
        let rp_name = if rp_name.trim().is_empty() {
            &self.id
        } else {
            rp_name
        };
        WebauthnBuilder::new(&self.id, &self.origin)
            .map(|b| {
                b.rp_name(rp_name)
                    .allow_any_port(false)
                    .allow_subdomains(false)
                    // The browser gives up when the server would: the ceremony's state lives
                    // as long in the cache.
                    .timeout(Duration::from_secs(ceremony::LIFETIME))
            })
            .and_then(|b| b.build())
            .map_err(|e| MfaError::RelyingParty(format!("{}: {e}", self.origin)))
    }
}

fn unusable(issuer: &str, why: &str) -> MfaError {
    MfaError::RelyingParty(format!(
        "issuer {issuer:?} cannot be a WebAuthn relying party: {why}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(issuer: &str) -> (String, String) {
        let rp = RelyingParty::of_issuer(issuer).unwrap();
        (rp.id, rp.origin.origin().ascii_serialization())
    }

    #[test]
    fn the_rp_id_is_the_host_and_the_origin_keeps_the_port() {
        for (issuer, id, origin) in [
            (
                "https://id.example.com",
                "id.example.com",
                "https://id.example.com",
            ),
            (
                "https://id.example.com/",
                "id.example.com",
                "https://id.example.com",
            ),
            (
                "https://ID.Example.com:8443/tenants/acme",
                "id.example.com",
                "https://id.example.com:8443",
            ),
            // The default port is no port.
            (
                "https://id.example.com:443/x",
                "id.example.com",
                "https://id.example.com",
            ),
            ("http://localhost:8080", "localhost", "http://localhost:8080"),
            (
                "http://auth.localhost:3000/",
                "auth.localhost",
                "http://auth.localhost:3000",
            ),
            (
                "https://xn--bcher-kva.example",
                "xn--bcher-kva.example",
                "https://xn--bcher-kva.example",
            ),
        ] {
            assert_eq!(rp(issuer), (id.to_owned(), origin.to_owned()), "{issuer}");
        }
    }

    #[test]
    fn issuers_a_browser_would_refuse_are_refused() {
        for issuer in [
            "http://127.0.0.1:8080",
            "https://127.0.0.1",
            "http://[::1]:8080",
            "http://id.example.com",
            "ftp://id.example.com",
            "not a url",
        ] {
            assert!(
                matches!(RelyingParty::of_issuer(issuer), Err(MfaError::RelyingParty(_))),
                "{issuer}"
            );
        }
    }

    #[test]
    fn a_relying_party_builds_with_or_without_a_name() {
        let rp = RelyingParty::of_issuer("http://localhost:8080/").unwrap();
        assert!(rp.webauthn("Acme").is_ok());
        assert!(rp.webauthn("").is_ok());
        assert_eq!(
            rp.webauthn("Acme").unwrap().get_allowed_origins(),
            [Url::parse("http://localhost:8080").unwrap()]
        );
    }
}
