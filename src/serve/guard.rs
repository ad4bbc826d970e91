//! Which requests the server answers at all. A page on any web site can make the browser send
//! requests to 127.0.0.1; two checks keep such a page from reading or overwriting the clerk's
//! registers:
//!
//! - DNS rebinding: a name the attacker controls is made to resolve to 127.0.0.1, so the
//!   browser treats the local server as that site's own. The request then carries the
//!   attacker's name in `Host`, so only hosts that are an IP address of this server or
//!   `localhost`, with the bound port, are answered.
//! - Cross-site requests: a form on another site can post to the right `Host`, but the browser
//!   then names that site in `Origin`; a request from another origin is refused.

use std::net::{IpAddr, SocketAddr};

#[derive(Debug, Clone)]
pub struct HostPolicy {
    bound: SocketAddr,
}

impl HostPolicy {
    pub fn new(bound: SocketAddr) -> Self {
        HostPolicy { bound }
    }

    pub fn bound(&self) -> SocketAddr {
        self.bound
    }

    /// Whether a `Host` header (`127.0.0.1:8080`, `localhost:8080`, `[::1]:8080`) names this
    /// server. Bound to every address (`--bind 0.0.0.0`), any IP address is this server's.
    pub fn allows_host(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.unwrap_or(80) != self.bound.port() {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return self.bound.ip().is_loopback() || self.bound.ip().is_unspecified();
        }
        match name.parse::<IpAddr>() {
            Ok(ip) if self.bound.ip().is_unspecified() => !ip.is_unspecified(),
            Ok(ip) => ip == self.bound.ip(),
            Err(_) => false,
        }
    }

    /// Whether an `Origin` header (`http://127.0.0.1:8080`) is this server's own page.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.allows_host(host))
    }
}

/// `name:port` into its name (brackets of an IPv6 address removed) and port, if given.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            _ => Some((name, Some(after.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, Some(port.parse().ok()?))),
        None => Some((host, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_addresses_are_answered() {
        let local = HostPolicy::new("127.0.0.1:8080".parse().unwrap());
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080"] {
            assert!(local.allows_host(host), "{host}");
        }
        for host in [
            "evil.example:8080",
            "127.0.0.1:9090",
            "127.0.0.1",
            "127.0.0.1.evil.example:8080",
            "[::1]:8080",
            "",
        ] {
            assert!(!local.allows_host(host), "{host}");
        }
        let v6 = HostPolicy::new("[::1]:80".parse().unwrap());
        assert!(v6.allows_host("[::1]") && v6.allows_host("[::1]:80"));
        let everywhere = HostPolicy::new("0.0.0.0:8080".parse().unwrap());
        assert!(everywhere.allows_host("192.0.2.7:8080"));
        assert!(!everywhere.allows_host("intranet.example:8080"));
    }

    #[test]
    fn another_sites_page_is_refused() {
        let local = HostPolicy::new("127.0.0.1:8080".parse().unwrap());
        assert!(local.allows_origin("http://127.0.0.1:8080"));
        assert!(!local.allows_origin("http://evil.example"));
        assert!(!local.allows_origin("null"));
    }
}
