//! Request ids: a random UUID for each request that did not bring one, drawn from the
//! thread's random generator rather than a system call per request (`MakeRequestUuid`'s way).
//! An id is for finding log lines, not a secret.

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

tokio::task_local! {
    /// The id of the request this task is answering: error pages show it for support.
    static CURRENT: String;
}

/// Runs `f` (a request's handling) with `id` as the current request id.
pub async fn scope<F: std::future::Future>(id: String, f: F) -> F::Output {
    CURRENT.scope(id, f).await
}

/// The id of the request being answered, when there is one.
pub fn current() -> Option<String> {
    CURRENT.try_with(|id| id.clone()).ok().filter(|id| !id.is_empty())
}

#[derive(Clone, Copy, Default)]
pub struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
        HeaderValue::from_str(&id.hyphenated().to_string())
            .ok()
            .map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_version_4_uuids() {
        let req = Request::new(());
        let mut make = RandomRequestId;
        let ids: std::collections::HashSet<String> = (0..1000)
            .map(|_| {
                let id = make.make_request_id(&req).unwrap();
                id.header_value().to_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(ids.len(), 1000);
        for id in ids.iter().take(10) {
            let parsed = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(parsed.get_version_num(), 4, "{id}");
        }
    }
}
