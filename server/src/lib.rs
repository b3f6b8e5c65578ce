//! The ZonePass server: composes the router (pages, form posts, REST API, health and metrics),
//! the state it shares, telemetry, and the operator commands.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod forms;
pub mod qr;
pub mod rest;
pub mod router;
pub mod seed;
pub mod telemetry;

pub use router::router;
