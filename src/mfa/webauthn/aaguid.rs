//! The AAGUID (WebAuthn §6.5.1): the model of authenticator a credential was made by, and the
//! operator's optional list of the models allowed to register.
//!
//! We ask for attestation `none` (webauthn-rs's default for passkeys and security keys), so
//! the AAGUID is what the authenticator and the browser chose to say, proven by nothing: a
//! software authenticator may claim any model, and browsers may zero it for privacy (§5.4.7,
//! "none" lets the client replace it). An allow-list therefore keeps honest users on the
//! models an organisation hands out; it does not keep out an attacker. Proving the model
//! needs attested registration against the vendors' certificates, which is a different
//! ceremony (webauthn-rs's attested passkeys).

use uuid::Uuid;
use webauthn_rs::prelude::RegisterPublicKeyCredential;
use webauthn_rs_core::internals::AuthenticatorData;
use webauthn_rs_core::proto::Registration;

/// The AAGUID in the attested credential data of a registration response; None when it is
/// withheld (all zero) or the attestation object does not parse. Called after webauthn-rs
/// verified the response, so the object is the one it checked.
pub(super) fn of_registration(reg: &RegisterPublicKeyCredential) -> Option<Uuid> {
    use serde_cbor_2::Value;

    let object: Value = serde_cbor_2::from_slice(&reg.response.attestation_object).ok()?;
    let Value::Map(object) = object else {
        return None;
    };
    let Some(Value::Bytes(auth_data)) = object.get(&Value::Text("authData".to_owned())) else {
        return None;
    };
    let auth_data = AuthenticatorData::<Registration>::try_from(auth_data.as_slice()).ok()?;
    let aaguid = auth_data.acd?.aaguid;
    (aaguid != [0; 16]).then(|| Uuid::from_bytes(aaguid))
}

/// Whether a credential of model `aaguid` may be registered: any when the list is empty;
/// otherwise only a listed model, so a withheld AAGUID is refused.
pub(super) fn allowed(allow_list: &[Uuid], aaguid: Option<Uuid>) -> bool {
    allow_list.is_empty() || aaguid.is_some_and(|a| allow_list.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    const YUBIKEY_5: Uuid = uuid::uuid!("cb69481e-8ff7-4039-93ec-0a2729a154a8");
    const OTHER: Uuid = uuid::uuid!("0fb9bcbc-a0d4-4042-bbb0-559bc1631e28");

    #[test]
    fn an_empty_list_allows_every_model() {
        assert!(allowed(&[], Some(YUBIKEY_5)));
        assert!(allowed(&[], None));
    }

    #[test]
    fn a_list_allows_its_models_only() {
        let list = [YUBIKEY_5];
        assert!(allowed(&list, Some(YUBIKEY_5)));
        assert!(!allowed(&list, Some(OTHER)));
        assert!(!allowed(&list, None), "a withheld AAGUID is not on any list");
    }

    /// A registration whose attestation object (§6.5) carries `aaguid` in its authenticator
    /// data: RP ID hash, flags (UP, AT), counter, then the attested credential data.
    fn registration(aaguid: [u8; 16]) -> RegisterPublicKeyCredential {
        use serde_cbor_2::Value;
        let key = Value::Map([(Value::Integer(1), Value::Integer(2))].into_iter().collect());
        let mut auth_data = vec![0u8; 32];
        auth_data.push(0b0100_0001);
        auth_data.extend(0u32.to_be_bytes());
        auth_data.extend(aaguid);
        auth_data.extend(4u16.to_be_bytes());
        auth_data.extend([1, 2, 3, 4]);
        auth_data.extend(serde_cbor_2::to_vec(&key).unwrap());
        let object = Value::Map(
            [
                (Value::Text("fmt".into()), Value::Text("none".into())),
                (Value::Text("attStmt".into()), Value::Map(Default::default())),
                (Value::Text("authData".into()), Value::Bytes(auth_data)),
            ]
            .into_iter()
            .collect(),
        );
        let mut reg = garbage();
        reg.response.attestation_object = serde_cbor_2::to_vec(&object).unwrap();
        reg
    }

    fn garbage() -> RegisterPublicKeyCredential {
        serde_json::from_value(serde_json::json!({
            "id": "AAAA",
            "rawId": "AAAA",
            "type": "public-key",
            "response": {"attestationObject": "AAAA", "clientDataJSON": "AAAA"},
        }))
        .unwrap()
    }

    #[test]
    fn the_aaguid_is_read_from_the_authenticator_data() {
        assert_eq!(
            of_registration(&registration(*YUBIKEY_5.as_bytes())),
            Some(YUBIKEY_5)
        );
        assert_eq!(
            of_registration(&registration([0; 16])),
            None,
            "all zero is withheld"
        );
    }

    #[test]
    fn an_unparseable_attestation_object_has_no_aaguid() {
        assert_eq!(of_registration(&garbage()), None);
    }
}
