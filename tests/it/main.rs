//! Integration tests: the real router on an ephemeral port, a fresh database per test (SQLite, or
//! PostgreSQL when PORTCULLIS_TEST_DATABASE_URL is set) and the in-process cache (or Redis when
//! PORTCULLIS_TEST_REDIS_URL is set).

mod mailbox;
mod support;

mod account_pages;
mod admin_api;
mod admin_api_matrix;
mod admin_api_tokens;
mod api_keys;
mod audit;
mod authorize;
mod branding;
mod cli;
mod client_assertion;
mod connections;
mod consent;
mod cookies;
mod csrf;
mod detours;
mod disabled_users;
mod discovery;
mod dynamic_registration;
mod files;
mod health;
mod interactions;
mod introspection;
mod key_rotation;
mod languages;
mod lockout;
mod logout;
mod logout_effects;
mod manage;
mod metrics;
mod mfa_account;
mod mfa_channels;
mod mfa_login;
mod mfa_services;
mod mfa_setup;
mod notify;
mod pages;
mod passkeys;
mod proxies;
mod rate_limits;
mod recovery;
mod redirect_uris;
mod refresh;
mod registration;
mod revocation;
mod roles;
mod rp_flow;
mod sessions;
mod tls;
mod token;
mod userinfo;
mod webauthn_services;
