//! Benchmark baseline (scripts/bench): the barest axum handler on the same machine, answering a JSON POST
//! with a fixed verdict, so the verify endpoint's throughput can be read against what axum itself costs.

use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3201".to_owned());
    let app = Router::new().route(
        "/api/v1/passes/verify",
        post(|Json(body): Json<Value>| async move {
            Json(json!({ "verdict": "green", "reasons": [], "action": "let_through", "echo": body["token"].as_str().map(str::len) }))
        }),
    );
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
