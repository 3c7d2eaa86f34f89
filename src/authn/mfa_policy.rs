//! The level the MFA policy requires of one user, with what only the database knows: whether a
//! role they hold requires a second factor.

use super::engine;
use crate::config::Config;
use crate::domain::{Level, Method};
use crate::store::{Store, StoreError};

/// [`engine::policy_level`] for `user_id` (`None`: no user yet). The roles are asked about
/// only when nothing else already requires the multi-factor level, so most sign-ins of users
/// with a factor, and every request to a client that requires one, skip the query.
pub async fn required_level(
    store: &Store,
    config: &Config,
    user_id: Option<&str>,
    client_requires: bool,
    enrolled: &[Method],
) -> Result<Option<Level>, StoreError> {
    let level = engine::policy_level(config.mfa_required, client_requires, enrolled);
    let Some(user_id) = user_id.filter(|_| level.is_none()) else {
        return Ok(level);
    };
    let roles_require = store.roles().reader().requires_mfa(user_id).await?;
    Ok(engine::policy_level(config.mfa_required, roles_require, enrolled))
}
