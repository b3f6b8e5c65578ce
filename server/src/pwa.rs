//! The service worker, served from the site's root so it may control every page. Its cache name carries a
//! digest of the built bundle, so a new release replaces what devices keep instead of mixing versions.

use std::path::Path;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};

const TEMPLATE: &str = include_str!("sw.js");

pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let script = TEMPLATE.replace("__VERSION__", &bundle_version(Path::new(site_root), pkg_dir));
    Router::new().route(
        "/sw.js",
        get(move || {
            let script = script.clone();
            async move {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        // Browsers check for a new worker on each visit; never let a proxy hold an old one.
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    script,
                )
                    .into_response()
            }
        }),
    )
}

/// A short digest of the built files (read once at start-up); "dev" when the site has not been built.
fn bundle_version(site: &Path, pkg_dir: &str) -> String {
    let mut digest = Sha256::new();
    let mut found = false;
    let pkg = site.join(pkg_dir);
    let files = [
        pkg.join("zonepass.js"),
        pkg.join("zonepass.wasm"),
        pkg.join("zonepass.css"),
        // The scanner's decoder, built into the site after cargo-leptos (scripts/lib/tools.sh).
        site.join("scanner/qr_worker_bg.wasm"),
    ];
    for file in files {
        if let Ok(bytes) = std::fs::read(file) {
            digest.update(&bytes);
            found = true;
        }
    }
    if !found {
        return "dev".to_owned();
    }
    digest.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect()
}
