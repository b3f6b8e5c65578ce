//! Repositories: one module per table family, the only place SQL is written. Every function takes an
//! executor, so a use case can run several of them inside one transaction.

pub mod areas;
pub mod audit;
pub mod checkpoints;
pub mod crossings;
pub mod daily_lists;
pub mod declarations;
pub mod drafts;
pub mod import;
pub mod keys;
pub mod paper;
pub mod reconciliations;
pub mod registry;
pub mod reports;
pub mod retention;
pub mod sessions;
pub mod units;
pub mod users;
pub mod vaccinations;

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// What every store function answers: its value, or the database's error.
pub type Result<T, E = sqlx::Error> = std::result::Result<T, E>;

/// What a store function runs on: a pool, a connection or an open transaction, on either backend.
pub trait Conn<'c>: Executor<'c, Database = Any> {}

impl<'c, E: Executor<'c, Database = Any>> Conn<'c> for E {}

/// `sqlx::$make(sql)` with its parameters bound in the order of `$1, $2 …`: `sql!(query_as, SELECT, id)`.
macro_rules! sql {
    ($make:ident, $sql:expr $(, $arg:expr)* $(,)?) => {
        sqlx::$make($sql)$(.bind($arg))*
    };
}
pub(crate) use sql;

/// Binds more parameters onto a query, in order: one row of a batch insert.
macro_rules! bind {
    ($query:expr $(, $arg:expr)* $(,)?) => {
        $query$(.bind($arg))*
    };
}
pub(crate) use bind;

/// `FromRow` for a typed row: built from the row by the closure-like body, which decodes each column with
/// `column` and the helpers below, so a stored value becomes a domain value here, once.
macro_rules! from_row {
    ($row_type:ident, |$row:ident| $build:expr) => {
        impl sqlx::FromRow<'_, sqlx::any::AnyRow> for $row_type {
            fn from_row($row: &sqlx::any::AnyRow) -> Result<Self> {
                Ok($build)
            }
        }
    };
}
pub(crate) use from_row;

/// A column of a row decoded into its domain type: typed rows implement `FromRow` with these, so a stored
/// code becomes a value in one place and a value the domain refuses is a broken row.
pub(crate) fn column<T>(row: &AnyRow, name: &str) -> Result<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    decode(&row.try_get::<String, _>(name)?)
}

pub(crate) fn optional_column<T>(row: &AnyRow, name: &str) -> Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let raw: Option<String> = row.try_get(name)?;
    raw.as_deref().map(decode).transpose()
}

pub(crate) fn time_column(row: &AnyRow, name: &str) -> Result<time::OffsetDateTime> {
    decode_time(&row.try_get::<String, _>(name)?)
}

/// Flags are stored as 0/1 integers on both backends.
pub(crate) fn flag_column(row: &AnyRow, name: &str) -> Result<bool> {
    Ok(row.try_get::<i64, _>(name)? != 0)
}

/// Decodes a stored code into its domain type, once, here: a value the domain refuses is a broken row.
pub(crate) fn decode<T>(raw: &str) -> Result<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    raw.parse()
        .map_err(|e: T::Err| sqlx::Error::Decode(format!("stored value {raw:?}: {e}").into()))
}

/// Decodes a stored time (UTC, fixed width).
pub(crate) fn decode_time(raw: &str) -> Result<time::OffsetDateTime> {
    crate::db::parse_db_time(raw).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// Flags are stored as 0/1 integers on both backends.
pub(crate) fn flag(v: bool) -> i64 {
    i64::from(v)
}

/// Coordinates travel as text and are cast in SQL: sqlx 0.8.6's Any driver declares a NULL f64 as
/// float4 on PostgreSQL, which breaks the cached statement for the next non-NULL value.
pub(crate) fn coordinate(v: Option<f64>) -> Option<String> {
    v.filter(|x| x.is_finite()).map(|x| x.to_string())
}

/// `VALUES` rows for a batch insert: `columns` are templates in which `$` stands for the next parameter,
/// e.g. `["$", "CAST($ AS DOUBLE PRECISION)"]`.
pub(crate) fn values_rows(rows: usize, columns: &[&str]) -> String {
    let mut sql = String::new();
    let mut n = 0;
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ",(" });
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            n += 1;
            sql.push_str(&column.replace('$', &format!("${n}")));
        }
        sql.push(')');
    }
    sql
}

/// A generated statement as the connection's database binds it fastest. SQLite finds a numbered
/// parameter (`$7`) by scanning the names of all of them, so a statement of thousands binds in quadratic
/// time, while anonymous `?` bind in order: generated statements number their parameters in the order
/// they appear, so on SQLite each `$n` becomes `?`.
pub(crate) fn for_backend(conn: &sqlx::AnyConnection, sql: String) -> String {
    if conn.backend_name() == "SQLite" {
        anonymous_parameters(&sql)
    } else {
        sql
    }
}

/// Whether the connection is PostgreSQL's: a batch there travels as one JSON parameter.
pub(crate) fn is_postgres(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name() == "PostgreSQL"
}

/// `$1, $2 …` as `?, ? …`.
fn anonymous_parameters(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// `$from, $from+1, …` for `count` parameters: the list of an `IN (…)`. An empty list is `NULL`, which
/// matches nothing.
pub(crate) fn parameters(from: usize, count: usize) -> String {
    if count == 0 {
        return "NULL".to_owned();
    }
    (from..from + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_rows_number_parameters_across_rows() {
        assert_eq!(
            super::values_rows(2, &["$", "CAST($ AS REAL)"]),
            "($1,CAST($2 AS REAL)),($3,CAST($4 AS REAL))"
        );
    }

    #[test]
    fn numbered_parameters_become_anonymous_in_order() {
        assert_eq!(
            super::anonymous_parameters("a = $1 AND b IN ($2,$10) AND c = CAST($11 AS REAL)"),
            "a = ? AND b IN (?,?) AND c = CAST(? AS REAL)"
        );
    }
}
