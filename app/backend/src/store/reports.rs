//! Daily reports as approved.

use sqlx::Row;
use time::OffsetDateTime;

use super::{sql, time_column, Conn, Result};
use crate::db::db_time;
use domain::date::CivilDate;
use domain::report::Figures;
use domain::UnitCode;

/// A report's approval: its figures as approved, by whom and when.
#[derive(Debug, Clone)]
pub struct Approval {
    pub figures: Figures,
    pub approved_by: String,
    pub approved_at: OffsetDateTime,
}

pub async fn approval(
    conn: impl Conn<'_>,
    unit: &UnitCode,
    day: CivilDate,
) -> Result<Option<Approval>> {
    let row = sql!(
        query,
        "SELECT figures, approved_by, approved_at FROM report_approvals
         WHERE unit_code = $1 AND day = $2",
        unit.as_str(),
        day.to_string()
    )
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(Approval {
            figures: figures_column(&row)?,
            approved_by: row.try_get("approved_by")?,
            approved_at: time_column(&row, "approved_at")?,
        })
    })
    .transpose()
}

/// Records an approval; a report approved already keeps its first one. Whether this one was recorded.
pub async fn approve(
    conn: impl Conn<'_>,
    unit: &UnitCode,
    day: CivilDate,
    figures: &Figures,
    by: &str,
    at: OffsetDateTime,
) -> Result<bool> {
    let figures = stored(figures)?;
    let done = sql!(
        query,
        "INSERT INTO report_approvals (unit_code, day, figures, approved_by, approved_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unit_code, day) DO NOTHING",
        unit.as_str(),
        day.to_string(),
        figures,
        by,
        db_time(at)
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Figures as a report table stores them: JSON of `domain::report::Figures`.
pub(super) fn stored(figures: &Figures) -> Result<String> {
    serde_json::to_string(figures).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// The `figures` column of a row, as [`stored`] wrote it.
pub(super) fn figures_column(row: &sqlx::any::AnyRow) -> Result<Figures> {
    let figures: String = row.try_get("figures")?;
    serde_json::from_str(&figures).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
