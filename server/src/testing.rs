//! What a server built for browser tests adds (the `test-clock` feature, which no release build enables,
//! and `ZONEPASS_TEST_CLOCK=1` at start): a clock the tests can move. Nothing here exists otherwise.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use time::OffsetDateTime;

use backend::clock::Clock;
use backend::AppState;

use crate::router::SiteState;

/// Far enough for any expiry a test watches (a pass lives 72 hours), near enough never to overflow.
const MAX_OFFSET_SECONDS: i64 = 366 * 24 * 3600;

/// The system clock moved by an offset: browser tests watch a pass expire by moving the offset, not by
/// waiting 72 hours.
#[derive(Clone, Default)]
struct ShiftedClock(Arc<AtomicI64>);

impl Clock for ShiftedClock {
    fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        now.checked_add(time::Duration::seconds(self.0.load(Ordering::Relaxed))).unwrap_or(now)
    }
}

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
        post(move |Json(shift): Json<Shift>| {
            let clock = clock.clone();
            async move {
                if !(-MAX_OFFSET_SECONDS..=MAX_OFFSET_SECONDS).contains(&shift.offset_seconds) {
                    return StatusCode::UNPROCESSABLE_ENTITY;
                }
                clock.0.store(shift.offset_seconds, Ordering::Relaxed);
                StatusCode::NO_CONTENT
            }
        }),
    );
    (state, routes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shifted_clock_moves_by_its_offset_and_never_overflows() {
        let clock = ShiftedClock::default();
        clock.0.store(3600, Ordering::Relaxed);
        let ahead = clock.now() - OffsetDateTime::now_utc();
        assert!((3590..=3600).contains(&ahead.whole_seconds()), "{ahead}");
        clock.0.store(i64::MAX, Ordering::Relaxed);
        let _ = clock.now();
    }
}
