//! Checkpoints on the roads.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

use super::{column, coordinate, flag, flag_column};
use crate::db::db_time;
use domain::checkpoint::CheckpointCode;
use domain::UnitCode;

#[derive(Debug, Clone)]
pub struct Checkpoint {
    pub code: CheckpointCode,
    pub name: String,
    pub unit_code: UnitCode,
    pub road: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub active: bool,
}

impl FromRow<'_, AnyRow> for Checkpoint {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Checkpoint {
            code: column(row, "code")?,
            name: row.try_get("name")?,
            unit_code: column(row, "unit_code")?,
            road: row.try_get("road")?,
            lat: row.try_get("lat")?,
            lon: row.try_get("lon")?,
            active: flag_column(row, "active")?,
        })
    }
}

pub struct NewCheckpoint<'a> {
    pub code: &'a CheckpointCode,
    pub name: &'a str,
    pub unit_code: &'a UnitCode,
    pub road: &'a str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Inserts unless the code exists; true when a row was added.
pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    cp: NewCheckpoint<'_>,
    now: time::OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO checkpoints (code, name, unit_code, road, lat, lon, active, created_at)
         VALUES ($1, $2, $3, $4, CAST($5 AS DOUBLE PRECISION), CAST($6 AS DOUBLE PRECISION), 1, $7) ON CONFLICT (code) DO NOTHING",
    )
    .bind(cp.code.as_str())
    .bind(cp.name)
    .bind(cp.unit_code.as_str())
    .bind(cp.road)
    .bind(coordinate(cp.lat))
    .bind(coordinate(cp.lon))
    .bind(db_time(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

const SELECT: &str = "SELECT code, name, unit_code, road, lat, lon, active FROM checkpoints";

pub async fn by_code<'c>(
    conn: impl Executor<'c, Database = Any>,
    code: &str,
) -> Result<Option<Checkpoint>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE code = $1"))
        .bind(code)
        .fetch_optional(conn)
        .await
}

pub async fn list<'c>(
    conn: impl Executor<'c, Database = Any>,
) -> Result<Vec<Checkpoint>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} ORDER BY code"))
        .fetch_all(conn)
        .await
}

pub async fn set_active<'c>(
    conn: impl Executor<'c, Database = Any>,
    code: &str,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE checkpoints SET active = $1 WHERE code = $2")
        .bind(flag(active))
        .bind(code)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count<'c>(conn: impl Executor<'c, Database = Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM checkpoints")
        .fetch_one(conn)
        .await
}
