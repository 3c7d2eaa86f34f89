//! A checked assertion's NameID and attributes as claims, so one claim mapping serves every
//! kind of connection. Attributes are keyed by their name and their friendly name, and the
//! usual names of the common attributes (LDAP OIDs, ADFS and Entra ID claim URIs) are also
//! keyed by the OpenID Connect claim they mean.

use samael::schema::Assertion;
use serde_json::{Map, Value};

const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/// The OpenID Connect claim an attribute name means, when it is a well-known one.
fn alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "urn:oid:0.9.2342.19200300.100.1.3"
        | "mail"
        | "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" => "email",
        "urn:oid:2.5.4.42"
        | "givenName"
        | "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname" => "given_name",
        "urn:oid:2.5.4.4"
        | "sn"
        | "surname"
        | "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname" => "family_name",
        "urn:oid:2.16.840.1.113730.3.1.241"
        | "displayName"
        | "http://schemas.microsoft.com/identity/claims/displayname" => "name",
        "urn:oid:2.5.4.20" | "telephoneNumber" | "mobile" => "phone_number",
        "memberOf"
        | "isMemberOf"
        | "urn:oid:1.3.6.1.4.1.5923.1.5.1.1"
        | "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups" => "groups",
        _ => return None,
    })
}

/// The NameID, and the claims the assertion makes; `None` without a NameID.
pub fn claims(a: &Assertion) -> Option<(String, Map<String, Value>)> {
    let name_id = a.subject.as_ref()?.name_id.as_ref()?;
    let subject = name_id.value.trim().to_owned();
    if subject.is_empty() {
        return None;
    }
    let mut out = Map::new();
    for attr in a
        .attribute_statements
        .iter()
        .flatten()
        .flat_map(|s| &s.attributes)
    {
        let values: Vec<Value> = attr
            .values
            .iter()
            .filter_map(|v| v.value.as_ref())
            .map(|v| Value::String(v.trim().to_owned()))
            .collect();
        let names = [attr.name.as_deref(), attr.friendly_name.as_deref()];
        for name in names.into_iter().flatten() {
            let value = match (values.len(), alias(name)) {
                (_, Some("groups")) => Value::Array(values.clone()),
                (1, _) => values[0].clone(),
                _ => Value::Array(values.clone()),
            };
            if let Some(claim) = alias(name) {
                out.entry(claim).or_insert_with(|| value.clone());
            }
            out.insert(name.to_owned(), value);
        }
    }
    if name_id.format.as_deref() == Some(EMAIL_FORMAT) {
        out.entry("email")
            .or_insert_with(|| Value::String(subject.clone()));
    }
    let context = a
        .authn_statements
        .iter()
        .flatten()
        .filter_map(|s| s.authn_context.as_ref()?.value.as_ref()?.value.clone())
        .next();
    if let Some(acr) = context {
        out.insert("acr".into(), Value::String(acr));
    }
    Some((subject, out))
}
