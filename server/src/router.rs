//! The one router: Leptos pages and server functions, plain form posts, the REST API, health and metrics.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use app::backend::AppState;
use app::{shell, App};

/// Every answer here takes milliseconds; one still pending after this is stuck.
const RESPONSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

pub fn router(state: AppState) -> Router {
    let (state, test_routes) = if state.config.test_clock {
        crate::testing::with_test_clock(state)
    } else {
        (state, Router::new())
    };
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let context_state = state.clone();
    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .merge(crate::forms::routes())
        .merge(crate::pwa::routes(
            &state.leptos_options.site_root,
            &state.leptos_options.site_pkg_dir,
        ))
        .merge(test_routes)
        .nest("/api/v1", crate::rest::routes())
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(crate::telemetry::render))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Leptos 0.8's async rendering occasionally never finishes a page under a work-stealing runtime
        // (leptos-rs/leptos#4851, #4866): answer 408 after a while, so a reload helps instead of a hang.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            RESPONSE_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn(crate::telemetry::track))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
