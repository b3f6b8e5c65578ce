//! Checkpoints on the roads.

use sqlx::Row;
use time::OffsetDateTime;

use super::{column, coordinate, flag, flag_column, from_row, sql, Conn, Result};
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

from_row!(Checkpoint, |row| Checkpoint {
    code: column(row, "code")?,
    name: row.try_get("name")?,
    unit_code: column(row, "unit_code")?,
    road: row.try_get("road")?,
    lat: row.try_get("lat")?,
    lon: row.try_get("lon")?,
    active: flag_column(row, "active")?,
});

pub struct NewCheckpoint<'a> {
    pub code: &'a CheckpointCode,
    pub name: &'a str,
    pub unit_code: &'a UnitCode,
    pub road: &'a str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

const INSERT: &str =
    "INSERT INTO checkpoints (code, name, unit_code, road, lat, lon, active, created_at)
    VALUES ($1, $2, $3, $4, CAST($5 AS DOUBLE PRECISION), CAST($6 AS DOUBLE PRECISION), 1, $7)
    ON CONFLICT (code) DO NOTHING";

/// Inserts unless the code exists; true when a row was added.
pub async fn insert(
    conn: impl Conn<'_>,
    cp: NewCheckpoint<'_>,
    now: OffsetDateTime,
) -> Result<bool> {
    let (code, unit, lat, lon) =
        (cp.code.as_str(), cp.unit_code.as_str(), coordinate(cp.lat), coordinate(cp.lon));
    let done = sql!(query, INSERT, code, cp.name, unit, cp.road, lat, lon, db_time(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

const SELECT: &str = "SELECT code, name, unit_code, road, lat, lon, active FROM checkpoints";

pub async fn by_code(conn: impl Conn<'_>, code: &str) -> Result<Option<Checkpoint>> {
    sql!(query_as, &format!("{SELECT} WHERE code = $1"), code).fetch_optional(conn).await
}

pub async fn list(conn: impl Conn<'_>) -> Result<Vec<Checkpoint>> {
    sql!(query_as, &format!("{SELECT} ORDER BY code")).fetch_all(conn).await
}

pub async fn set_active(conn: impl Conn<'_>, code: &str, active: bool) -> Result<bool> {
    let done =
        sql!(query, "UPDATE checkpoints SET active = $1 WHERE code = $2", flag(active), code)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count(conn: impl Conn<'_>) -> Result<i64> {
    sql!(query_scalar, "SELECT COUNT(*) FROM checkpoints").fetch_one(conn).await
}
