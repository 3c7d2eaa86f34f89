//! `/admin/v1/keys`: the signing keys (public parts and dates only) and an emergency rotation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::page::List;
use super::problem::Errors;
use super::{Admin, Caller, Problem};
use crate::domain::SigningKeyRecord;
use crate::manage::keys::KeyState;
use axum::body::Bytes;

#[derive(Debug, Serialize, ToSchema)]
pub struct KeyView {
    kid: String,
    alg: String,
    /// `next` (published, not signing yet), `active` or `retired` (published while its tokens
    /// live).
    state: String,
    created_at: i64,
    activates_at: i64,
    retired_at: Option<i64>,
    /// The public key as a JWK.
    #[schema(value_type = Object)]
    public_jwk: serde_json::Value,
}

fn view(k: SigningKeyRecord, state: KeyState) -> KeyView {
    KeyView {
        public_jwk: serde_json::from_str(&k.public_jwk).unwrap_or_default(),
        kid: k.kid,
        alg: k.alg,
        state: state.as_str().to_owned(),
        created_at: k.created_at,
        activates_at: k.activates_at,
        retired_at: k.retired_at,
    }
}

#[utoipa::path(get, path = "/admin/v1/keys", tag = "keys",
    responses((status = 200, body = List<KeyView>), Errors))]
pub async fn list(State(admin): State<Admin>, caller: Caller) -> Result<axum::Json<List<KeyView>>, Problem> {
    caller.require("keys:read")?;
    let keys = admin.keys.list().await?;
    Ok(axum::Json(List {
        items: keys.into_iter().map(|(k, s)| view(k, s)).collect(),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateBody {
    /// Seconds until the new key signs (default 0: at once, for an emergency; relying parties
    /// that cached the JWKS fetch it again on an unknown `kid`).
    #[schema(minimum = 0, maximum = 2592000)]
    activate_in: Option<i64>,
}

/// Add a signing key; the current one retires when the new one starts signing.
#[utoipa::path(post, path = "/admin/v1/keys/rotate", tag = "keys", request_body(content = RotateBody),
    responses((status = 201, body = KeyView), Errors))]
pub async fn rotate(State(admin): State<Admin>, caller: Caller, body: Bytes) -> Result<Response, Problem> {
    caller.require_recent("keys:write", admin.now(), admin.recent())?;
    // The body may be left out.
    let b: RotateBody = match body.is_empty() {
        true => RotateBody::default(),
        false => serde_json::from_slice(&body).map_err(|e| Problem::invalid("", e.to_string()))?,
    };
    let activate_in = b.activate_in.unwrap_or(0);
    if !(0..=30 * 24 * 3600).contains(&activate_in) {
        return Err(Problem::invalid(
            "/activate_in",
            "activate_in is 0 to 2592000 seconds",
        ));
    }
    let key = admin.keys.rotate(activate_in, &caller.actor).await?;
    let state = KeyState::of(&key, admin.now());
    Ok((StatusCode::CREATED, axum::Json(view(key, state))).into_response())
}
