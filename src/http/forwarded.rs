//! The client behind trusted proxies: RFC 7239 `Forwarded`, else `X-Forwarded-For` and
//! `X-Forwarded-Proto`, believed only when the peer is a listed proxy network.
//!
//! The hops are read right to left (nearest first): every address in a trusted network is a
//! proxy of ours and is skipped; the first one outside them is the client. A client cannot
//! choose its address by sending the header itself: its own entries sit left of the first
//! untrusted hop, which is where the walk stops.

use std::net::IpAddr;

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;
use ipnet::IpNet;

/// Where a request really came from, set on every request before any handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr {
    pub ip: IpAddr,
    /// The scheme the client used, when a trusted proxy said so.
    pub https: Option<bool>,
}

/// Sets the [`ClientAddr`] of a request from the socket's (set by the listener, with the
/// scheme when it speaks TLS) and the forwarding headers; returns it.
pub fn resolve(trusted: &[IpNet], req: &mut Request) -> Option<ClientAddr> {
    let socket = req.extensions().get::<ClientAddr>().copied().or_else(|| {
        req.extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|ConnectInfo(peer)| ClientAddr {
                ip: peer.ip(),
                https: None,
            })
    });
    let socket = socket?;
    let mut addr = client_addr(socket.ip, req.headers(), trusted);
    addr.https = addr.https.or(socket.https);
    req.extensions_mut().insert(addr);
    Some(addr)
}

/// The client address of a request from `peer` carrying `headers`.
pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> ClientAddr {
    let peer = canonical(peer);
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(&ip));
    if !is_trusted(peer) {
        return ClientAddr {
            ip: peer,
            https: None,
        };
    }
    let hops = if headers.contains_key("forwarded") {
        forwarded_hops(headers)
    } else {
        x_forwarded_hops(headers)
    };
    let https = hops.last().and_then(|h| h.proto).or_else(|| {
        // X-Forwarded-Proto without X-Forwarded-For still tells the scheme of the nearest proxy.
        (!headers.contains_key("forwarded"))
            .then(|| last_value(headers, "x-forwarded-proto").and_then(proto))
            .flatten()
    });
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.ip {
            // An address we cannot read ends the walk at the proxy that reported it.
            None => break,
            Some(ip) => {
                client = canonical(ip);
                if !is_trusted(client) {
                    break;
                }
            }
        }
    }
    ClientAddr { ip: client, https }
}

/// One hop as a proxy reported it.
#[derive(Debug, Default)]
struct Hop {
    ip: Option<IpAddr>,
    proto: Option<bool>,
}

/// `Forwarded: for=192.0.2.60;proto=https;by=203.0.113.43, for="[2001:db8::1]:4711"`; every
/// `Forwarded` header line is one more part of the same list.
fn forwarded_hops(headers: &HeaderMap) -> Vec<Hop> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|element| {
            let mut hop = Hop::default();
            for pair in element.split(';') {
                let Some((name, value)) = pair.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                match name.trim().to_ascii_lowercase().as_str() {
                    "for" => hop.ip = node_ip(value),
                    "proto" => hop.proto = proto(value),
                    _ => {}
                }
            }
            hop
        })
        .collect()
}

/// `X-Forwarded-For: client, proxy1, proxy2`; the proto applies to the nearest hop only.
fn x_forwarded_hops(headers: &HeaderMap) -> Vec<Hop> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| Hop {
            ip: node_ip(v.trim()),
            proto: None,
        })
        .collect()
}

fn last_value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .map(str::trim)
}

fn proto(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "https" => Some(true),
        "http" => Some(false),
        _ => None,
    }
}

/// An RFC 7239 node (`192.0.2.1`, `192.0.2.1:80`, `[2001:db8::1]:443`, `2001:db8::1`); `unknown`
/// and obfuscated identifiers are no address.
fn node_ip(v: &str) -> Option<IpAddr> {
    if let Ok(ip) = v.parse() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    v.rsplit_once(':')
        .and_then(|(ip, _)| ip.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4))
}

/// IPv4 peers of a dual-stack listener arrive as `::ffff:a.b.c.d`: compare them as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, value.parse().unwrap());
        }
        h
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.7"),
            ("x-forwarded-proto", "https"),
            ("forwarded", "for=198.51.100.8;proto=https"),
        ]);
        let a = client_addr(ip("203.0.113.9"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(
            a,
            ClientAddr {
                ip: ip("203.0.113.9"),
                https: None
            }
        );
        // No trusted networks at all: the default.
        let a = client_addr(ip("10.0.0.1"), &h, &[]);
        assert_eq!(a.ip, ip("10.0.0.1"));
    }

    #[test]
    fn x_forwarded_for_from_a_trusted_proxy_names_the_client() {
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.7"),
            ("x-forwarded-proto", "https"),
        ]);
        let a = client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(
            a,
            ClientAddr {
                ip: ip("198.51.100.7"),
                https: Some(true)
            }
        );
    }

    #[test]
    fn a_client_cannot_spoof_its_address_through_a_trusted_proxy() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7")]);
        let a = client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(a.ip, ip("198.51.100.7"));
    }

    #[test]
    fn chains_of_trusted_proxies_are_walked_right_to_left() {
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.7, 10.1.0.1"),
            ("x-forwarded-for", "10.2.0.1"),
        ]);
        let a = client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(a.ip, ip("198.51.100.7"));
        // Every hop trusted: the leftmost is the best we know.
        let h = headers(&[("x-forwarded-for", "10.9.9.9, 10.1.0.1")]);
        assert_eq!(
            client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])).ip,
            ip("10.9.9.9")
        );
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_reads_rfc_7239_nodes() {
        let trusted = nets(&["10.0.0.0/8", "fd00::/8"]);
        let h = headers(&[
            (
                "forwarded",
                r#"for="[2001:db8:cafe::17]:4711";proto=https, for=10.1.0.1"#,
            ),
            ("x-forwarded-for", "198.51.100.99"),
        ]);
        let a = client_addr(ip("fd00::1"), &h, &trusted);
        assert_eq!(
            a,
            ClientAddr {
                ip: ip("2001:db8:cafe::17"),
                https: None
            }
        );
        let h = headers(&[("forwarded", "For=192.0.2.60:8080;Proto=HTTPS;by=10.0.0.1")]);
        let a = client_addr(ip("10.0.0.2"), &h, &trusted);
        assert_eq!(
            a,
            ClientAddr {
                ip: ip("192.0.2.60"),
                https: Some(true)
            }
        );
    }

    #[test]
    fn an_unreadable_hop_stops_at_the_proxy_that_reported_it() {
        let h = headers(&[("forwarded", "for=unknown, for=10.1.0.1")]);
        let a = client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(a.ip, ip("10.1.0.1"));
        let h = headers(&[("x-forwarded-for", "not-an-ip")]);
        let a = client_addr(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(a.ip, ip("10.0.0.2"));
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_networks() {
        let h = headers(&[("x-forwarded-for", "198.51.100.7")]);
        let a = client_addr(ip("::ffff:10.0.0.2"), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(a.ip, ip("198.51.100.7"));
    }
}
