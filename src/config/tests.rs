//! The settings as read from the file and the environment, and the refusals.

use super::*;

#[test]
fn defaults_are_valid() {
    let c = Config::validate(FileConfig::default()).unwrap();
    assert_eq!(c.issuer, "http://localhost:8080");
    assert_eq!(c.access_token_ttl, 600);
    assert!(c.database_url.starts_with("sqlite://"));
}

#[test]
fn errors_name_the_setting() {
    let e = Config::validate(FileConfig {
        issuer: Some("http://example.com".into()),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("PORTCULLIS_ISSUER"), "{e}");
    let e = Config::validate(FileConfig {
        listen: Some("nope".into()),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("PORTCULLIS_LISTEN"), "{e}");
    let e = Config::validate(FileConfig {
        access_token_ttl: Some(0),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("PORTCULLIS_ACCESS_TOKEN_TTL"), "{e}");
}

#[test]
fn the_default_locale_is_a_shipped_language() {
    let with = |l: &str| {
        Config::validate(FileConfig {
            default_locale: Some(l.into()),
            ..Default::default()
        })
    };
    assert_eq!(
        Config::validate(FileConfig::default()).unwrap().default_locale,
        "en"
    );
    assert_eq!(with("en-GB").unwrap().default_locale, "en");
    let e = with("tlh").unwrap_err().to_string();
    assert!(e.contains("PORTCULLIS_DEFAULT_LOCALE") && e.contains("en"), "{e}");
}

#[test]
fn trusted_proxies_are_networks_or_addresses() {
    let nets = parse_networks(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8,10.1.2.3/16").unwrap();
    let shown: Vec<String> = nets.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["10.0.0.0/8", "192.168.1.7/32", "fd00::/8", "10.1.0.0/16"]);
    assert!(parse_networks("").unwrap().is_empty());
    for bad in ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8;"] {
        let e = Config::validate(FileConfig {
            trusted_proxies: Some(bad.into()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("PORTCULLIS_TRUSTED_PROXIES"), "{e}");
    }
}

#[test]
fn tls_needs_both_files_and_an_https_issuer() {
    let tls = |cert: Option<&str>, key: Option<&str>, issuer: &str| {
        Config::validate(FileConfig {
            issuer: Some(issuer.into()),
            tls_cert_file: cert.map(PathBuf::from),
            tls_key_file: key.map(PathBuf::from),
            ..Default::default()
        })
    };
    let ok = tls(Some("c.pem"), Some("k.pem"), "https://id.example").unwrap();
    assert_eq!(ok.tls.map(|t| t.key), Some(PathBuf::from("k.pem")));
    let e = tls(Some("c.pem"), None, "https://id.example")
        .unwrap_err()
        .to_string();
    assert!(e.contains("PORTCULLIS_TLS_KEY_FILE"), "{e}");
    let e = tls(None, Some("k.pem"), "https://id.example")
        .unwrap_err()
        .to_string();
    assert!(e.contains("PORTCULLIS_TLS_CERT_FILE"), "{e}");
    let e = tls(Some("c.pem"), Some("k.pem"), "http://localhost:8080")
        .unwrap_err()
        .to_string();
    assert!(e.contains("PORTCULLIS_ISSUER"), "{e}");
}

#[test]
fn development_is_a_loopback_issuer_or_said_so() {
    let dev = |issuer: &str, development: Option<bool>| {
        Config::validate(FileConfig {
            issuer: Some(issuer.into()),
            development,
            ..Default::default()
        })
        .unwrap()
        .development
    };
    assert!(dev("http://localhost:8080", None));
    assert!(dev("http://127.0.0.1:9000", None));
    assert!(!dev("https://id.example", None));
    assert!(!dev("https://id.example", Some(false)));
    assert!(dev("https://id.example", Some(true)));
}

#[test]
fn connection_limits_have_safe_defaults() {
    let l = Config::validate(FileConfig::default()).unwrap().limits;
    assert_eq!(l.header_read_timeout.as_secs(), 10);
    assert_eq!(l.body_read_timeout.as_secs(), 30);
    assert_eq!(l.keep_alive_timeout.as_secs(), 60);
    assert_eq!(l.max_connections, 4096);
    let e = Config::validate(FileConfig {
        header_read_timeout: Some(0),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("PORTCULLIS_HEADER_READ_TIMEOUT"), "{e}");
}
