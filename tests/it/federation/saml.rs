//! SAML connections as the server sees them (the IdP's side, pysaml2 with xmlsec1, is in the
//! conformance suite): the metadata we require, our SP metadata, the AuthnRequest we send, and
//! an ACS that takes nothing it did not ask for.

use portcullis::domain::ProviderKind;
use portcullis::manage::ManageError;
use portcullis::manage::identity_providers::ConnectionChange;

use super::connections;
use crate::support::*;

const SSO: &str = "https://idp.saml.example/sso";

/// IdP metadata with a signing certificate (made here) unless `signing` is false.
fn idp_metadata(signing: bool) -> String {
    use openssl::{asn1, hash, pkey, rsa, x509};
    let key = pkey::PKey::from_rsa(rsa::Rsa::generate(2048).unwrap()).unwrap();
    let mut name = x509::X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "idp").unwrap();
    let name = name.build();
    let mut cert = x509::X509Builder::new().unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&asn1::Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    cert.set_not_after(&asn1::Asn1Time::days_from_now(2).unwrap())
        .unwrap();
    cert.sign(&key, hash::MessageDigest::sha256()).unwrap();
    let pem = String::from_utf8(cert.build().to_pem().unwrap()).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let key_descriptor = if signing {
        format!(
            "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        )
    } else {
        String::new()
    };
    format!(
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"https://idp.saml.example/metadata\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">{key_descriptor}<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"{SSO}\"/></md:IDPSSODescriptor></md:EntityDescriptor>"
    )
}

fn saml(metadata: String) -> ConnectionChange {
    ConnectionChange {
        name: Some("Acme".into()),
        saml_metadata: Some(metadata),
        ..Default::default()
    }
}

#[tokio::test]
async fn metadata_without_a_signing_certificate_is_refused() {
    let app = TestApp::spawn().await;
    let e = connections(&app)
        .create(ProviderKind::Saml, saml(idp_metadata(false)), "test")
        .await
        .unwrap_err();
    assert!(
        matches!(e, ManageError::Invalid(ref m) if m.contains("signing certificate")),
        "{e:?}"
    );
    let e = connections(&app)
        .create(ProviderKind::Saml, saml("<not-metadata/>".into()), "test")
        .await
        .unwrap_err();
    assert!(matches!(e, ManageError::Invalid(_)), "{e:?}");
}

#[tokio::test]
async fn the_sign_in_goes_to_the_idp_with_an_authn_request_and_our_metadata_describes_us() {
    let app = TestApp::spawn().await;
    let c = connections(&app)
        .create(ProviderKind::Saml, saml(idp_metadata(true)), "test")
        .await
        .unwrap();
    let resp = app
        .http()
        .get(app.url(&format!("/saml/{}/metadata", c.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "application/samlmetadata+xml");
    let xml = resp.text().await.unwrap();
    let acs = app.url(&format!("/saml/{}/acs", c.id));
    assert!(
        xml.contains(&format!(
            "entityID=\"{}\"",
            app.url(&format!("/saml/{}/metadata", c.id))
        )),
        "{xml}"
    );
    assert!(xml.contains(&format!("Location=\"{acs}\"")), "{xml}");
    assert!(xml.contains("<ds:X509Certificate>"), "{xml}");

    let rp = app.create_client(ClientSpec::default()).await;
    let (url, _) = authorize_url(&app, &rp, "openid", &[("idp_hint", c.id.as_str())]);
    let browser = app.browser();
    let resp = browser.get(&url).await;
    let resp = browser.get(&header(&resp, "location")).await;
    let to_idp = url::Url::parse(&header(&resp, "location")).unwrap();
    assert!(to_idp.as_str().starts_with(SSO), "{to_idp}");
    let q: std::collections::HashMap<_, _> = to_idp.query_pairs().into_owned().collect();
    assert!(
        q.contains_key("SAMLRequest") && q.contains_key("RelayState"),
        "{q:?}"
    );

    // The ACS takes nothing it did not ask for: an unknown RelayState, or a response that is
    // not one for a request of ours.
    let post = |relay: String| {
        let form = [
            ("SAMLResponse", "PG5vdC1hLXJlc3BvbnNlLz4="),
            ("RelayState", relay.as_str()),
        ];
        let req = app.http().post(&acs).form(&form);
        async move { req.send().await.unwrap() }
    };
    assert_eq!(post("made-up".into()).await.status(), 400);
    let resp = post(q["RelayState"].clone()).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.text().await.unwrap().contains("Acme did not sign you in"));
    // The RelayState was spent.
    assert_eq!(post(q["RelayState"].clone()).await.status(), 400);
}

#[tokio::test]
async fn idp_initiated_sign_in_is_for_a_named_client_with_a_page_to_go_to() {
    let app = TestApp::spawn().await;
    let service = connections(&app);
    let c = service
        .create(ProviderKind::Saml, saml(idp_metadata(true)), "test")
        .await
        .unwrap();
    assert_eq!(
        c.settings.saml.as_ref().unwrap().idp_initiated_client,
        None,
        "off by default"
    );
    let named = |client: &str| ConnectionChange {
        idp_initiated_client: Some(client.into()),
        ..Default::default()
    };
    let e = service
        .update(&c.id, named("no-such-client"), "test")
        .await
        .unwrap_err();
    assert!(
        matches!(e, ManageError::Invalid(ref m) if m.contains("no client")),
        "{e:?}"
    );
    // A client without a client_uri: nowhere to send the browser.
    let rp = app.create_client(ClientSpec::default()).await;
    let e = service.update(&c.id, named(&rp.id), "test").await.unwrap_err();
    assert!(
        matches!(e, ManageError::Invalid(ref m) if m.contains("client_uri")),
        "{e:?}"
    );
    assert_eq!(
        service
            .get(&c.id)
            .await
            .unwrap()
            .settings
            .saml
            .unwrap()
            .idp_initiated_client,
        None
    );
}
