//! What a server started for browser tests adds (`ZONEPASS_TEST_CLOCK=1`): a clock the tests can move.
//! Nothing here is mounted otherwise.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use backend::clock::ShiftedClock;
use backend::AppState;

use crate::router::SiteState;

#[derive(Deserialize)]
struct Shift {
    offset_seconds: i64,
}

/// Puts a movable clock into the state and the route that moves it into the router.
pub fn with_test_clock(state: AppState) -> (AppState, Router<SiteState>) {
    tracing::warn!("ZONEPASS_TEST_CLOCK is set: POST /test/clock moves this server's time");
    let clock = ShiftedClock::default();
    let state = state.with_clock(Arc::new(clock.clone()));
    let routes = Router::new().route(
        "/test/clock",
        post(move |State(_): State<AppState>, Json(shift): Json<Shift>| {
            let clock = clock.clone();
            async move {
                clock.shift_to(shift.offset_seconds);
                StatusCode::NO_CONTENT
            }
        }),
    );
    (state, routes)
}
