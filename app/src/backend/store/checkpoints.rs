//! Checkpoints on the roads.

use sqlx::{Any, Executor};

use super::{coordinate, flag};
use crate::backend::db::db_time;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Checkpoint {
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub road: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    active: i64,
}

impl Checkpoint {
    pub fn active(&self) -> bool {
        self.active != 0
    }
}

pub struct NewCheckpoint<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub unit_code: &'a str,
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
    .bind(cp.code)
    .bind(cp.name)
    .bind(cp.unit_code)
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
