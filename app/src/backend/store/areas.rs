//! Epidemic areas and each province's checkpoint rules.

use sqlx::{Any, Executor};

use crate::backend::db::db_time;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub unit_code: String,
    pub level: i64,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub note: String,
    pub declared_by: String,
    pub declared_at: String,
}

pub struct NewArea<'a> {
    pub unit_code: &'a str,
    pub level: i64,
    pub valid_from: time::OffsetDateTime,
    pub valid_until: Option<time::OffsetDateTime>,
    pub note: &'a str,
    pub declared_by: &'a str,
}

pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    area: NewArea<'_>,
    now: time::OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO epidemic_areas (unit_code, level, valid_from, valid_until, note, declared_by, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(area.unit_code)
    .bind(area.level)
    .bind(db_time(area.valid_from))
    .bind(area.valid_until.map(db_time))
    .bind(area.note)
    .bind(area.declared_by)
    .bind(db_time(now))
    .fetch_one(conn)
    .await
}

/// Ends an area that is still open or ends later; true when a row changed.
pub async fn end<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: i64,
    at: time::OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let at = db_time(at);
    let done = sqlx::query(
        "UPDATE epidemic_areas SET valid_until = $2
         WHERE id = $1 AND (valid_until IS NULL OR valid_until > $2) AND valid_from < $2",
    )
    .bind(id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

const SELECT: &str =
    "SELECT id, unit_code, level, valid_from, valid_until, note, declared_by, declared_at
    FROM epidemic_areas";

/// Areas in force at some time from `since` on (those ended before are history).
pub async fn current<'c>(
    conn: impl Executor<'c, Database = Any>,
    since: time::OffsetDateTime,
) -> Result<Vec<AreaRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE valid_until IS NULL OR valid_until > $1 ORDER BY valid_from, id"
    ))
    .bind(db_time(since))
    .fetch_all(conn)
    .await
}

/// The whole history, newest first.
pub async fn history<'c>(
    conn: impl Executor<'c, Database = Any>,
    limit: i64,
) -> Result<Vec<AreaRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} ORDER BY declared_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RuleRow {
    pub province_code: String,
    pub origin_level: i64,
    pub action: String,
}

pub async fn rules<'c>(
    conn: impl Executor<'c, Database = Any>,
) -> Result<Vec<RuleRow>, sqlx::Error> {
    sqlx::query_as("SELECT province_code, origin_level, action FROM checkpoint_rules")
        .fetch_all(conn)
        .await
}

pub async fn set_rule<'c>(
    conn: impl Executor<'c, Database = Any>,
    province_code: &str,
    origin_level: i64,
    action: &str,
    by: &str,
    now: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO checkpoint_rules (province_code, origin_level, action, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (province_code, origin_level)
         DO UPDATE SET action = excluded.action, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(province_code)
    .bind(origin_level)
    .bind(action)
    .bind(by)
    .bind(db_time(now))
    .execute(conn)
    .await?;
    Ok(())
}
