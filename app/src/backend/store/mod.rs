//! Repositories: one module per table family, the only place SQL is written. Every function takes an
//! executor, so a use case can run several of them inside one transaction.

pub mod audit;
pub mod checkpoints;
pub mod registry;
pub mod sessions;
pub mod units;
pub mod users;

/// Flags are stored as 0/1 integers on both backends.
pub(crate) fn flag(v: bool) -> i64 {
    i64::from(v)
}

/// Coordinates travel as text and are cast in SQL: sqlx 0.8.6's Any driver declares a NULL f64 as
/// float4 on PostgreSQL, which breaks the cached statement for the next non-NULL value.
pub(crate) fn coordinate(v: Option<f64>) -> Option<String> {
    v.filter(|x| x.is_finite()).map(|x| x.to_string())
}
