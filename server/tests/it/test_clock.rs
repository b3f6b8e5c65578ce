//! The clock a build for browser tests lets them move (feature `test-clock`, ZONEPASS_TEST_CLOCK=1).

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::{Kind, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_server_moves_its_clock_by_at_most_a_year_and_never_panics() {
    let app = TestApp::build(Kind::Sqlite, true).await;
    let shift = |offset: i64| {
        let app = &app;
        async move {
            app.post_json("/test/clock", json!({ "offset_seconds": offset }), "10.0.0.9")
                .await
                .status
        }
    };
    assert_eq!(shift(72 * 3600).await, StatusCode::NO_CONTENT);
    assert_eq!(shift(-72 * 3600).await, StatusCode::NO_CONTENT);
    for out_of_range in [367 * 24 * 3600, -367 * 24 * 3600, i64::MAX, i64::MIN] {
        assert_eq!(shift(out_of_range).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(app.get("/khai-bao", None).await.status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/keys", None).await.status, StatusCode::OK);
}
