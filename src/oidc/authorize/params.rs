//! The authorization request's parameters: a pure type (`domain::Params`) that every endpoint
//! and the HTTP extractors share.

pub use crate::domain::{DuplicateParam, Params};
