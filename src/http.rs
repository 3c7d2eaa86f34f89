//! Shared axum pieces: parameter extractors that answer in the right error shape, client origin,
//! security headers and static assets.

pub mod assets;
pub mod body;
pub mod edge;
pub mod forwarded;
pub mod observe;
pub mod origin;
pub mod outage;
pub mod params;
pub mod request_id;
pub mod security;
