//! Health endpoints for orchestrators.

use crate::support::*;

#[tokio::test]
async fn liveness_and_readiness_answer_200() {
    let app = TestApp::spawn().await;
    for path in ["/health/live", "/health/ready"] {
        let resp = app.http().get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
    }
}
