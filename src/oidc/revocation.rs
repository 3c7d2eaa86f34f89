//! RFC 7009: token revocation. Revoking a refresh token revokes its whole grant (family) and the
//! access tokens issued under it; revoking an access token blocks it until it expires.

use super::tokens::verify_access_token;
use super::{OAuthError, Provider};
use crate::crypto::secrets::sha256_hex;
use crate::domain::Client;
use crate::store::grants::AccessTokenRow;

/// Revokes `token` if it belongs to `caller`. Unknown or invalid tokens are not an error
/// (RFC 7009 §2.2); a token of another client is refused.
pub async fn revoke(
    p: &Provider,
    caller: &Client,
    token: &str,
    hint: Option<&str>,
) -> Result<(), OAuthError> {
    match hint {
        Some("access_token") | Some("refresh_token") | None => {}
        // RFC 7009 §2.2.1: other types are not revocable here.
        Some(_) => return Err(OAuthError::UnsupportedTokenType),
    }
    let now = p.now();
    if let Some(r) = p
        .store
        .grants()
        .refresh_token(&sha256_hex(token.as_bytes()))
        .await?
    {
        if r.client_id != caller.client_id {
            return Err(OAuthError::UnauthorizedClient(
                "the token was issued to another client".into(),
            ));
        }
        p.store.grants().revoke_grant(&r.grant_id, now).await?;
        return Ok(());
    }
    if let Ok(c) = verify_access_token(p, token) {
        if c.client_id != caller.client_id {
            return Err(OAuthError::UnauthorizedClient(
                "the token was issued to another client".into(),
            ));
        }
        let row = AccessTokenRow {
            jti: &c.jti,
            client_id: &c.client_id,
            expires_at: c.exp,
        };
        p.store.grants().revoke_access_token(&row, now).await?;
    }
    Ok(())
}
