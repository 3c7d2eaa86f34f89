//! Native TLS: the main listener speaks TLS 1.2 and 1.3 only with the configured certificate,
//! answers with HSTS, and refuses plain HTTP.

use openssl::asn1::Asn1Time;
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use openssl::x509::extension::SubjectAlternativeName;
use openssl::x509::{X509, X509NameBuilder};

use crate::support::*;

/// A self-signed certificate for localhost: (certificate PEM, key PEM).
fn self_signed() -> (Vec<u8>, Vec<u8>) {
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut cert = X509::builder().unwrap();
    cert.set_version(2).unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
    cert.set_not_after(&Asn1Time::days_from_now(2).unwrap()).unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&cert.x509v3_context(None, None))
        .unwrap();
    cert.append_extension(san).unwrap();
    cert.sign(&key, MessageDigest::sha256()).unwrap();
    (
        cert.build().to_pem().unwrap(),
        key.private_key_to_pem_pkcs8().unwrap(),
    )
}

struct TlsApp {
    app: TestApp,
    cert: Vec<u8>,
    port: u16,
    _files: tempfile::TempDir,
}

async fn spawn_tls() -> TlsApp {
    let files = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed();
    let (cert_file, key_file) = (files.path().join("cert.pem"), files.path().join("key.pem"));
    std::fs::write(&cert_file, &cert).unwrap();
    std::fs::write(&key_file, &key).unwrap();
    let mut port = 0;
    let app = TestApp::spawn_with(|c| {
        port = c
            .listen
            .as_deref()
            .unwrap()
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        c.issuer = Some(format!("https://localhost:{port}"));
        c.tls_cert_file = Some(cert_file.clone());
        c.tls_key_file = Some(key_file.clone());
    })
    .await;
    TlsApp {
        app,
        cert,
        port,
        _files: files,
    }
}

fn client(t: &TlsApp, max: Option<reqwest::tls::Version>) -> reqwest::Client {
    let mut b = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&t.cert).unwrap())
        .resolve("localhost", ([127, 0, 0, 1], t.port).into());
    if let Some(v) = max {
        b = b.max_tls_version(v);
    }
    b.build().unwrap()
}

#[tokio::test]
async fn the_listener_speaks_tls_1_2_and_1_3_with_hsts() {
    let t = spawn_tls().await;
    let url = format!("https://localhost:{}/.well-known/openid-configuration", t.port);
    for max in [None, Some(reqwest::tls::Version::TLS_1_2)] {
        let resp = client(&t, max).get(&url).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{max:?}");
        assert_eq!(
            header(&resp, "strict-transport-security"),
            "max-age=63072000; includeSubDomains",
            "{max:?}"
        );
        let doc: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(doc["issuer"], format!("https://localhost:{}", t.port));
    }
    // Plain HTTP on the TLS port gets no HTTP answer.
    let plain = t
        .app
        .http()
        .get(format!("http://127.0.0.1:{}/health/live", t.port))
        .send()
        .await;
    assert!(plain.is_err() || plain.unwrap().status() != 200);
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_certificate_is_refused() {
    let t = spawn_tls().await;
    let untrusting = reqwest::Client::builder()
        .resolve("localhost", ([127, 0, 0, 1], t.port).into())
        .build()
        .unwrap();
    let url = format!("https://localhost:{}/health/live", t.port);
    assert!(untrusting.get(&url).send().await.is_err());
}
