//! What is kept of a purged day: which days were purged, and the counts the reports and dashboards
//! showed of them, naming nobody.

use std::collections::{BTreeSet, HashMap};

use sqlx::Row;
use time::OffsetDateTime;

use super::crossings::CheckpointTally;
use super::daily_lists::Within;
use super::{column, sql, Conn, Result};
use crate::db::db_time;
use domain::daily_list::LateRecord;
use domain::date::CivilDate;
use domain::report::Figures;
use domain::UnitCode;

/// Whether a day's personal records were purged.
pub async fn is_purged(conn: impl Conn<'_>, day: CivilDate) -> Result<bool> {
    let found = sql!(query, "SELECT 1 AS purged FROM purged_days WHERE day = $1", day.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// The purged days among those before `before`.
pub async fn purged_before(conn: impl Conn<'_>, before: CivilDate) -> Result<BTreeSet<CivilDate>> {
    let rows = sql!(query, "SELECT day FROM purged_days WHERE day < $1", before.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(|r| column(r, "day")).collect()
}

/// What a day held, as counts, and that it was purged: written in the transaction that deletes it.
pub struct KeptDay<'a> {
    pub day: CivilDate,
    pub figures: &'a [(UnitCode, Figures)],
    pub late: &'a [(UnitCode, LateRecord)],
    pub tallies: &'a [CheckpointTally],
}

pub async fn keep(
    conn: &mut sqlx::AnyConnection,
    kept: &KeptDay<'_>,
    by: &str,
    at: OffsetDateTime,
) -> Result<()> {
    let day = kept.day.to_string();
    for (unit, figures) in kept.figures {
        let figures = super::reports::stored(figures)?;
        sql!(
            query,
            "INSERT INTO kept_report_figures (unit_code, day, figures) VALUES ($1, $2, $3)",
            unit.as_str(),
            &day,
            figures
        )
        .execute(&mut *conn)
        .await?;
    }
    for (commune, record) in kept.late {
        sql!(
            query,
            "INSERT INTO kept_late_records (day, commune_code, declaration_id, crossing_id)
             VALUES ($1, $2, $3, $4)",
            &day,
            commune.as_str(),
            record.declaration,
            record.crossing
        )
        .execute(&mut *conn)
        .await?;
    }
    for t in kept.tallies {
        sql!(
            query,
            "INSERT INTO kept_checkpoint_tallies (day, checkpoint_code, entering, leaving, people)
             VALUES ($1, $2, $3, $4, $5)",
            &day,
            &t.checkpoint,
            t.entering,
            t.leaving,
            t.people
        )
        .execute(&mut *conn)
        .await?;
    }
    sql!(
        query,
        "INSERT INTO purged_days (day, purged_at, purged_by) VALUES ($1, $2, $3)",
        &day,
        db_time(at),
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A unit's report figures of a purged day; none where nobody arrived.
pub async fn figures(
    conn: impl Conn<'_>,
    unit: &UnitCode,
    day: CivilDate,
) -> Result<Option<Figures>> {
    let row = sql!(
        query,
        "SELECT figures FROM kept_report_figures WHERE unit_code = $1 AND day = $2",
        unit.as_str(),
        day.to_string()
    )
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(super::reports::figures_column).transpose()
}

/// A purged day's addendum rows under a unit, by commune, as `daily_lists::late_records` read them.
pub async fn late_records(
    conn: impl Conn<'_>,
    day: CivilDate,
    where_: &Within<'_>,
) -> Result<Vec<(UnitCode, LateRecord)>> {
    let rows = sql!(
        query,
        "SELECT k.commune_code, k.declaration_id, k.crossing_id
         FROM kept_late_records k JOIN units u ON u.tree = $2 AND u.code = k.commune_code
         WHERE k.day = $1 AND u.path LIKE $3",
        day.to_string(),
        where_.tree.to_owned(),
        format!("{}%", where_.path_prefix)
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let record = LateRecord {
                declaration: r.try_get("declaration_id")?,
                crossing: r.try_get("crossing_id")?,
            };
            Ok((column(r, "commune_code")?, record))
        })
        .collect()
}

/// What each checkpoint recorded on a purged day, by checkpoint code.
pub async fn tallies(
    conn: impl Conn<'_>,
    day: CivilDate,
) -> Result<HashMap<String, CheckpointTally>> {
    let rows: Vec<CheckpointTally> = sql!(
        query_as,
        "SELECT checkpoint_code, entering, leaving, people FROM kept_checkpoint_tallies
         WHERE day = $1",
        day.to_string()
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|t| (t.checkpoint.clone(), t)).collect())
}

/// The oldest day before `before` that still holds a trip, a reconciliation, or a close not yet
/// purged: where the purge starts. Crossings are asked of their own store, by time.
pub async fn oldest_day_before(
    conn: impl Conn<'_>,
    before: CivilDate,
) -> Result<Option<CivilDate>> {
    let row = sql!(
        query,
        "SELECT MIN(day) AS oldest FROM (
            SELECT MIN(travel_date) AS day FROM day_travellers WHERE travel_date < $1
            UNION ALL SELECT MIN(day) FROM reconciliations WHERE day < $1
            UNION ALL SELECT MIN(day) FROM day_closes
                WHERE day < $1 AND day NOT IN (SELECT day FROM purged_days)
        ) held",
        before.to_string()
    )
    .fetch_one(conn)
    .await?;
    super::optional_column(&row, "oldest")
}
