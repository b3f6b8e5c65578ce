//! Server-side half of ZonePass: storage, sessions and the use cases the interfaces call.
//! Compiled only with the `ssr` feature, so none of it reaches the browser bundle.

pub mod accounts;
pub mod admin;
pub mod areas;
pub mod clock;
pub mod config;
pub mod crossings;
pub mod db;
pub mod declarations;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod keys;
pub mod knowledge;
pub mod local_time;
pub mod password;
pub mod qr;
pub mod registry;
pub mod scanning;
pub mod scope;
pub mod state;
pub mod store;
pub mod throttle;
pub mod units;
pub mod web;

pub use error::AppError;
pub use state::AppState;

/// Audit helper for changes made at the console by an operator rather than a logged-in official.
pub(crate) async fn audit_by_operator(
    conn: &mut sqlx::AnyConnection,
    now: time::OffsetDateTime,
    action: &str,
    target_kind: &str,
    target_id: &str,
    detail: String,
) -> Result<(), sqlx::Error> {
    let operator = std::env::var("USER").unwrap_or_else(|_| "console".to_owned());
    store::audit::record(
        conn,
        now,
        store::audit::By::Operator(&operator),
        store::audit::Entry {
            action,
            target_kind,
            target_id,
            unit_code: None,
            detail,
        },
    )
    .await
}
