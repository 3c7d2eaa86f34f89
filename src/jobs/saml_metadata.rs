//! SAML metadata named by URL is read again every six hours, so an IdP's new signing
//! certificate is known before it signs (rollover).

use std::time::Duration;

use crate::manage::IdentityProviders;

pub fn spawn(service: IdentityProviders) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(6 * 3600));
        // The first tick is now: metadata given at creation is fresh.
        tick.tick().await;
        loop {
            tick.tick().await;
            match service.refresh_saml_metadata().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(connections = n, "SAML metadata updated"),
                Err(e) => tracing::warn!(error = %e, "SAML metadata refresh failed"),
            }
        }
    });
}
