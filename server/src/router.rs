//! The one router: Leptos pages and server functions, plain form posts, the REST API, health and metrics.

use std::sync::OnceLock;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::{ResponseBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use app::{shell, App};
use backend::AppState;

/// Every answer here takes milliseconds; one still pending after this is stuck.
const RESPONSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What the router's handlers share: the backend's state, and the site options Leptos renders with.
#[derive(Clone, FromRef)]
pub struct SiteState {
    pub app: AppState,
    pub leptos_options: LeptosOptions,
}

/// The pages' routes, listed once per process: while Leptos lists them it holds a process-wide flag that
/// stalls resources polled on other threads (leptos-rs/leptos#4773), so never again once serving.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState, leptos_options: LeptosOptions) -> Router {
    #[cfg(feature = "test-clock")]
    let (state, test_routes) = if state.config.test_clock {
        crate::testing::with_test_clock(state)
    } else {
        (state, Router::new())
    };
    #[cfg(not(feature = "test-clock"))]
    let test_routes = {
        if state.config.test_clock {
            tracing::warn!("ZONEPASS_TEST_CLOCK is ignored: this build has no test clock");
        }
        Router::new()
    };
    let site = SiteState { app: state.clone(), leptos_options: leptos_options.clone() };
    Router::new()
        .leptos_routes_with_context(
            &site,
            page_routes(),
            move || provide_context(state.clone()),
            move || shell(leptos_options.clone()),
        )
        .merge(crate::forms::routes())
        .merge(crate::pwa::routes(
            &site.leptos_options.site_root,
            &site.leptos_options.site_pkg_dir,
        ))
        .merge(test_routes)
        .nest("/api/v1", crate::rest::routes())
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(crate::telemetry::render))
        .fallback(leptos_axum::file_and_error_handler::<SiteState, _>(shell))
        .layer(axum::middleware::from_fn(crate::extract::refuse_cross_site))
        .layer(axum::middleware::from_fn(crate::headers::secure))
        // A response stuck before its headers answers 408; one stuck after them (a page whose rendering
        // stalls midway, leptos-rs/leptos#4773) is cut off, so no client waits for ever either way.
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, RESPONSE_TIMEOUT))
        .layer(ResponseBodyTimeoutLayer::new(RESPONSE_TIMEOUT))
        .layer(axum::middleware::from_fn(crate::telemetry::track))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(site)
}

/// A request's span names its route as routed, never the path as sent: a holder's key or a draft id in
/// a URL stays out of the logs at every level.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let path = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", axum::extract::MatchedPath::as_str);
    tracing::debug_span!("request", method = %request.method(), path)
}

async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
