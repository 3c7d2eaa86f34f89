//! Our SP metadata (what the IdP's administrator imports), and the NameID formats by name.

use crate::domain::SamlSettings;

/// The NameID format URN of a short name (`email`, `persistent`, anything else: unspecified).
pub fn name_id_format(short: &str) -> &'static str {
    match short {
        "email" => "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        "persistent" => "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        _ => "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    }
}

/// Escapes text for an XML attribute or element.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The base64 body of a PEM certificate.
fn pem_body(pem: &str) -> String {
    pem.lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect()
}

/// An EntityDescriptor with one SPSSODescriptor: our certificate for signing and encryption,
/// the NameID format asked for, the ACS by HTTP-POST. No single logout service is offered.
pub fn sp_metadata(entity_id: &str, acs_url: &str, s: &SamlSettings) -> String {
    let cert = pem_body(&s.sp_certificate);
    let key = |usage: &str| {
        format!(
            "<md:KeyDescriptor use=\"{usage}\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        )
    };
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" ",
            "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"{entity}\">",
            "<md:SPSSODescriptor AuthnRequestsSigned=\"{signed}\" WantAssertionsSigned=\"true\" ",
            "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">",
            "{signing}{encryption}",
            "<md:NameIDFormat>{format}</md:NameIDFormat>",
            "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" ",
            "Location=\"{acs}\" index=\"0\" isDefault=\"true\"/>",
            "</md:SPSSODescriptor></md:EntityDescriptor>\n"
        ),
        entity = xml(entity_id),
        signed = s.sign_requests,
        signing = key("signing"),
        encryption = key("encryption"),
        format = name_id_format(&s.name_id_format),
        acs = xml(acs_url),
    )
}
