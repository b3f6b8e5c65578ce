//! The ZonePass server: composes the router (pages, form posts, REST API, health and metrics),
//! the state it shares, telemetry, and the operator commands.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod correction_export;
pub mod entry;
pub mod extract;
pub mod forms;
pub mod headers;
pub mod list_export;
pub mod pwa;
pub mod report_export;
pub mod rest;
pub mod router;
pub mod seed;
pub mod telemetry;
#[cfg(feature = "test-clock")]
pub mod testing;

pub use router::router;

use backend::db::Db;
use backend::key_encryption::{Kek, KekSource};
use backend::{keys, units, Official};

/// Makes a database ready to serve: pending migrations, the default unit tree on a fresh database,
/// and a first pass-signing key, sealed with the key-encryption key it returns. Every command and the
/// test harness go through here.
pub async fn prepare(
    db: &Db,
    kek: &KekSource,
    by: &Official,
    now: time::OffsetDateTime,
) -> anyhow::Result<Kek> {
    db.migrate().await?;
    let tree = &seed::THREE_TIER;
    units::ensure_default(db, by, tree.id, tree.name, tree.csv, now).await?;
    keys::ensure(db, kek, by, now).await
}
