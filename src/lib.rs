//! Portcullis: a standalone OpenID Connect / OAuth 2.0 identity provider.
//!
//! The module map and the layering rule (imports point down only) are in `docs/architecture.md`.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod admin_api;
pub mod app;
pub mod audit;
pub mod authn;
pub mod brand;
pub mod cache;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod domain;
pub mod federation;
pub mod files;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod login_ui;
pub mod manage;
pub mod metrics;
pub mod mfa;
pub mod notify;
pub mod oidc;
pub mod saml;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod web;

pub use app::{AppState, app};
