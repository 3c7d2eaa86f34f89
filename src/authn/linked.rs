//! The upstream identities linked to an account, as the account pages show them, and unlinking
//! one (never the account's last way to sign in).

use serde_json::json;

use super::{Accounts, AuthnError, Result};
use crate::audit::Event;
use crate::domain::{FederatedIdentity, IdentityProvider, Origin, User};

/// A link with the name of its connection.
#[derive(Debug, Clone)]
pub struct Linked {
    pub identity: FederatedIdentity,
    pub connection: String,
}

impl Accounts {
    pub async fn linked_identities(&self, user: &User) -> Result<Vec<Linked>> {
        let store = self.store.identity_providers();
        let mut out = Vec::new();
        for identity in store.links_of(&user.id).await? {
            let connection = match store.provider(&identity.provider_id).await? {
                Some(c) => c.name,
                None => identity.provider_id.clone(),
            };
            out.push(Linked { identity, connection });
        }
        Ok(out)
    }

    /// The enabled connections: the ones the account pages offer to link.
    pub async fn linkable_connections(&self) -> Result<Vec<IdentityProvider>> {
        let all = self.store.identity_providers().providers().await?;
        Ok(all.into_iter().filter(|c| c.enabled).collect())
    }

    /// Removes a link of `user`; refused when it is the account's last way to sign in (no
    /// password, no passkey, no other link), a check made in the deleting statement itself.
    pub async fn unlink(&self, user: &User, provider_id: &str, subject: &str, origin: &Origin) -> Result<()> {
        let entry = self.audit.entry(
            Event::success("federation.unlinked")
                .by_user(&user.id)
                .origin(origin)
                .detail(json!({ "connection": provider_id, "upstream_subject": subject })),
        );
        let store = self.store.identity_providers();
        if store.unlink(&user.id, provider_id, subject, &entry).await? {
            return Ok(());
        }
        let theirs = store
            .links_of(&user.id)
            .await?
            .iter()
            .any(|l| l.provider_id == provider_id && l.subject == subject);
        match theirs {
            true => Err(AuthnError::invalid("linked-last-way")),
            false => Err(AuthnError::InvalidCode),
        }
    }
}
