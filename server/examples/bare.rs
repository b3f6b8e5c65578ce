//! Benchmark baselines (scripts/bench) for the verify endpoint's throughput, on the same machine:
//!
//! - `bare ADDR`: the barest axum handler, answering a JSON POST with a fixed verdict: what axum itself
//!   costs.
//! - `bare ADDR signature`: a handler that decodes the pass in the request and checks its Ed25519
//!   signature and validity with `domain::pass::verify`, and nothing else: the unavoidable work of a
//!   verify. The public keys come from ZONEPASS_BENCH_KEYS, the JSON of `GET /api/v1/keys`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};

use domain::pass::{self, KeyId, PublishedKey, VerifyingKey};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3201".to_owned());
    let app = match std::env::args().nth(2).as_deref() {
        Some("signature") => {
            let keys = Arc::new(published_keys()?);
            Router::new().route(
                "/api/v1/passes/verify",
                post(move |Json(body): Json<Value>| {
                    let keys = Arc::clone(&keys);
                    async move {
                        let now = time::OffsetDateTime::now_utc().unix_timestamp();
                        let token = body["token"].as_str().unwrap_or_default();
                        let verdict = match pass::verify(token, |id| keys.get(&id).copied(), now) {
                            Ok(_) => "green",
                            Err(_) => "red",
                        };
                        Json(json!({ "verdict": verdict, "reasons": [], "action": "let_through" }))
                    }
                }),
            )
        }
        _ => Router::new().route(
            "/api/v1/passes/verify",
            post(|Json(body): Json<Value>| async move {
                Json(json!({ "verdict": "green", "reasons": [], "action": "let_through", "echo": body["token"].as_str().map(str::len) }))
            }),
        ),
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The signing keys ZonePass publishes, by id, from ZONEPASS_BENCH_KEYS.
fn published_keys() -> anyhow::Result<HashMap<KeyId, PublishedKey>> {
    let raw = std::env::var("ZONEPASS_BENCH_KEYS")?;
    let listed: Vec<Value> = serde_json::from_str(&raw)?;
    let mut keys = HashMap::new();
    for k in listed {
        let id = u16::try_from(k["key_id"].as_u64().unwrap_or_default())?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(k["public_key"].as_str().unwrap_or_default())?;
        let bytes: [u8; 32] =
            bytes.try_into().map_err(|_| anyhow::anyhow!("a public key is 32 bytes"))?;
        keys.insert(
            KeyId(id),
            PublishedKey { key: VerifyingKey::from_bytes(&bytes)?, retired_at: None },
        );
    }
    anyhow::ensure!(!keys.is_empty(), "ZONEPASS_BENCH_KEYS lists no key");
    Ok(keys)
}
