//! Checkpoints on the roads.

use sqlx::{Any, Executor};

use super::{coordinate, decode, flag};
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

#[derive(sqlx::FromRow)]
struct StoredCheckpoint {
    code: String,
    name: String,
    unit_code: String,
    road: String,
    lat: Option<f64>,
    lon: Option<f64>,
    active: i64,
}

impl TryFrom<StoredCheckpoint> for Checkpoint {
    type Error = sqlx::Error;

    fn try_from(r: StoredCheckpoint) -> Result<Self, sqlx::Error> {
        Ok(Checkpoint {
            code: decode(&r.code)?,
            unit_code: decode(&r.unit_code)?,
            active: r.active != 0,
            name: r.name,
            road: r.road,
            lat: r.lat,
            lon: r.lon,
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
    let row: Option<StoredCheckpoint> = sqlx::query_as(&format!("{SELECT} WHERE code = $1"))
        .bind(code)
        .fetch_optional(conn)
        .await?;
    row.map(Checkpoint::try_from).transpose()
}

pub async fn list<'c>(
    conn: impl Executor<'c, Database = Any>,
) -> Result<Vec<Checkpoint>, sqlx::Error> {
    let rows: Vec<StoredCheckpoint> = sqlx::query_as(&format!("{SELECT} ORDER BY code"))
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(Checkpoint::try_from).collect()
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
