//! Epidemic areas and each province's checkpoint rules.

use sqlx::Row;
use time::OffsetDateTime;

use super::{bind, column, decode, decode_time, from_row, sql, time_column, Conn, Result};
use crate::db::db_time;
use domain::epidemic::RiskLevel;
use domain::rules::CheckpointAction;
use domain::UnitCode;

#[derive(Debug, Clone)]
pub struct AreaRow {
    pub id: i64,
    pub unit_code: UnitCode,
    pub level: RiskLevel,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
    pub note: String,
    pub declared_by: String,
}

from_row!(AreaRow, |row| {
    let level: i64 = row.try_get("level")?;
    let valid_until: Option<String> = row.try_get("valid_until")?;
    AreaRow {
        id: row.try_get("id")?,
        unit_code: column(row, "unit_code")?,
        level: decode_level(level)?
            .ok_or_else(|| sqlx::Error::Decode(format!("an area of level {level}").into()))?,
        valid_from: time_column(row, "valid_from")?,
        valid_until: valid_until.as_deref().map(decode_time).transpose()?,
        note: row.try_get("note")?,
        declared_by: row.try_get("declared_by")?,
    }
});

/// Levels are stored as their number; 0 stands for "outside any epidemic area" in the rules.
fn decode_level(n: i64) -> Result<Option<RiskLevel>> {
    match u8::try_from(n) {
        Ok(0) => Ok(None),
        Ok(n) => RiskLevel::try_from(n).map(Some).map_err(|e| sqlx::Error::Decode(Box::new(e))),
        Err(e) => Err(sqlx::Error::Decode(Box::new(e))),
    }
}

fn level_number(level: Option<RiskLevel>) -> i64 {
    level.map_or(0, |l| i64::from(l.number()))
}

pub struct NewArea<'a> {
    pub unit_code: &'a UnitCode,
    pub level: RiskLevel,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
    pub note: &'a str,
    pub declared_by: &'a str,
}

const INSERT: &str =
    "INSERT INTO epidemic_areas (unit_code, level, valid_from, valid_until, note, declared_by,
        declared_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

pub async fn insert(conn: impl Conn<'_>, area: NewArea<'_>, now: OffsetDateTime) -> Result<i64> {
    let level = level_number(Some(area.level));
    let query =
        sql!(query_scalar, INSERT, area.unit_code.as_str(), level, db_time(area.valid_from));
    let query =
        bind!(query, area.valid_until.map(db_time), area.note, area.declared_by, db_time(now));
    query.fetch_one(conn).await
}

const END: &str = "UPDATE epidemic_areas SET valid_until = $2
    WHERE id = $1 AND (valid_until IS NULL OR valid_until > $2) AND valid_from < $2";

/// Ends an area that is still open or ends later; true when a row changed.
pub async fn end(conn: impl Conn<'_>, id: i64, at: OffsetDateTime) -> Result<bool> {
    Ok(sql!(query, END, id, db_time(at)).execute(conn).await?.rows_affected() == 1)
}

const SELECT: &str =
    "SELECT id, unit_code, level, valid_from, valid_until, note, declared_by FROM epidemic_areas";

/// Areas in force at some time from `since` on (those ended before are history).
pub async fn current(conn: impl Conn<'_>, since: OffsetDateTime) -> Result<Vec<AreaRow>> {
    let sql =
        format!("{SELECT} WHERE valid_until IS NULL OR valid_until > $1 ORDER BY valid_from, id");
    sql!(query_as, &sql, db_time(since)).fetch_all(conn).await
}

/// The whole history, newest first.
pub async fn history(conn: impl Conn<'_>, limit: i64) -> Result<Vec<AreaRow>> {
    let sql = format!("{SELECT} ORDER BY declared_at DESC, id DESC LIMIT $1");
    sql!(query_as, &sql, limit).fetch_all(conn).await
}

/// One row of a province's rule table: the action for travellers from a level (none: outside any area).
#[derive(Debug, Clone)]
pub struct RuleRow {
    pub province_code: UnitCode,
    pub origin_level: Option<RiskLevel>,
    pub action: CheckpointAction,
}

pub async fn rules(conn: impl Conn<'_>) -> Result<Vec<RuleRow>> {
    const SQL: &str = "SELECT province_code, origin_level, action FROM checkpoint_rules";
    let rows: Vec<(String, i64, String)> = sql!(query_as, SQL).fetch_all(conn).await?;
    rows.into_iter()
        .map(|(province, level, action)| {
            let (province_code, origin_level) = (decode(&province)?, decode_level(level)?);
            Ok(RuleRow { province_code, origin_level, action: decode(&action)? })
        })
        .collect()
}

const SET_RULE: &str = "INSERT INTO checkpoint_rules (province_code, origin_level, action, updated_by, updated_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (province_code, origin_level)
    DO UPDATE SET action = excluded.action, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

pub struct RuleChange<'a> {
    pub province_code: &'a UnitCode,
    pub origin_level: Option<RiskLevel>,
    pub action: CheckpointAction,
    pub by: &'a str,
}

pub async fn set_rule(
    conn: impl Conn<'_>,
    rule: RuleChange<'_>,
    now: OffsetDateTime,
) -> Result<()> {
    let (province, level) = (rule.province_code.as_str(), level_number(rule.origin_level));
    sql!(query, SET_RULE, province, level, rule.action.as_str(), rule.by, db_time(now))
        .execute(conn)
        .await?;
    Ok(())
}
