//! What every face that answers a browser shares: the shared pages (`pages`), the page's
//! language (`lang`), the protocol's decisions as HTTP (`outcome`) and the problems of a
//! submitted form (`problems`). The protocol's endpoints
//! and the hosted pages both use it, so neither imports the other.

pub mod lang;
pub mod outcome;
pub mod pages;
pub mod problems;
