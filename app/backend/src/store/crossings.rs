//! Crossings recorded at checkpoints.

use std::collections::HashSet;

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};
use time::OffsetDateTime;

use super::{column, flag, flag_column, optional_column, time_column, values_rows};
use crate::db::db_time;
use domain::crossing::Direction;
use domain::pass::PassId;
use domain::rules::CheckpointAction;
use domain::verdict::Verdict;

pub struct NewCrossing<'a> {
    pub client_id: &'a str,
    pub pass_id: Option<PassId>,
    pub document_number: &'a str,
    pub direction: Direction,
    pub verdict: Verdict,
    pub action: CheckpointAction,
    pub scanned_at: OffsetDateTime,
    pub offline: bool,
}

const NEW_CROSSING: [&str; 11] = ["$", "$", "$", "$", "$", "$", "$", "$", "$", "$", "$"];

/// Stores a batch of crossings made by one officer at one checkpoint in one statement, leaving out those
/// whose client id is already stored. For each crossing, in order: true when it was stored now.
pub async fn insert_batch<'c>(
    conn: impl Executor<'c, Database = Any>,
    checkpoint_code: &str,
    officer_id: i64,
    batch: &[NewCrossing<'_>],
    now: OffsetDateTime,
) -> Result<Vec<bool>, sqlx::Error> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO crossings (client_id, checkpoint_code, officer_id, pass_id, document_number, direction,
            verdict, action, scanned_at, received_at, offline)
         VALUES {}
         ON CONFLICT (checkpoint_code, client_id) DO NOTHING
         RETURNING client_id",
        values_rows(batch.len(), &NEW_CROSSING)
    );
    let received_at = db_time(now);
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for c in batch {
        query = query
            .bind(c.client_id)
            .bind(checkpoint_code)
            .bind(officer_id)
            .bind(c.pass_id.map(|id| id.to_string()))
            .bind(c.document_number)
            .bind(c.direction.as_str())
            .bind(c.verdict.as_str())
            .bind(c.action.as_str())
            .bind(db_time(c.scanned_at))
            .bind(received_at.clone())
            .bind(flag(c.offline));
    }
    let mut new: HashSet<String> = query.fetch_all(conn).await?.into_iter().collect();
    // A client id sent twice in one batch is stored once: the first of them counts as new.
    Ok(batch.iter().map(|c| new.remove(c.client_id)).collect())
}

/// A recorded crossing as the checkpoint's day lists it.
#[derive(Debug, Clone)]
pub struct CrossingRow {
    pub client_id: String,
    pub officer: String,
    pub pass_id: Option<PassId>,
    pub document_number: String,
    pub direction: Direction,
    pub verdict: Verdict,
    pub action: CheckpointAction,
    pub scanned_at: OffsetDateTime,
    pub received_at: OffsetDateTime,
    pub offline: bool,
}

impl FromRow<'_, AnyRow> for CrossingRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(CrossingRow {
            client_id: row.try_get("client_id")?,
            officer: row.try_get("officer")?,
            pass_id: optional_column(row, "pass_id")?,
            document_number: row.try_get("document_number")?,
            direction: column(row, "direction")?,
            verdict: column(row, "verdict")?,
            action: column(row, "action")?,
            scanned_at: time_column(row, "scanned_at")?,
            received_at: time_column(row, "received_at")?,
            offline: flag_column(row, "offline")?,
        })
    }
}

/// A checkpoint's crossings scanned in `[from, until)`, in scan order.
pub async fn at_checkpoint<'c>(
    conn: impl Executor<'c, Database = Any>,
    checkpoint_code: &str,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Vec<CrossingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.client_id, u.username AS officer, c.pass_id, c.document_number, c.direction,
                c.verdict, c.action, c.scanned_at, c.received_at, c.offline
         FROM crossings c JOIN users u ON u.id = c.officer_id
         WHERE c.checkpoint_code = $1 AND c.scanned_at >= $2 AND c.scanned_at < $3
         ORDER BY c.scanned_at, c.id",
    )
    .bind(checkpoint_code)
    .bind(db_time(from))
    .bind(db_time(until))
    .fetch_all(conn)
    .await
}

/// Records what a scanner device says it still holds.
pub async fn report_device<'c>(
    conn: impl Executor<'c, Database = Any>,
    device_id: &str,
    checkpoint_code: &str,
    officer: &str,
    pending: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO scanner_devices (device_id, checkpoint_code, officer, pending, reported_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (checkpoint_code, device_id) DO UPDATE SET officer = excluded.officer,
             pending = excluded.pending, reported_at = excluded.reported_at",
    )
    .bind(device_id)
    .bind(checkpoint_code)
    .bind(officer)
    .bind(pending)
    .bind(db_time(now))
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct DeviceRow {
    pub device_id: String,
    pub officer: String,
    pub pending: i64,
    pub reported_at: OffsetDateTime,
}

impl FromRow<'_, AnyRow> for DeviceRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(DeviceRow {
            device_id: row.try_get("device_id")?,
            officer: row.try_get("officer")?,
            pending: row.try_get("pending")?,
            reported_at: time_column(row, "reported_at")?,
        })
    }
}

/// What a device last reported at a checkpoint.
pub async fn device_at<'c>(
    conn: impl Executor<'c, Database = Any>,
    checkpoint_code: &str,
    device_id: &str,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT device_id, officer, pending, reported_at FROM scanner_devices
         WHERE checkpoint_code = $1 AND device_id = $2",
    )
    .bind(checkpoint_code)
    .bind(device_id)
    .fetch_optional(conn)
    .await
}

pub async fn devices_at<'c>(
    conn: impl Executor<'c, Database = Any>,
    checkpoint_code: &str,
) -> Result<Vec<DeviceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT device_id, officer, pending, reported_at FROM scanner_devices
         WHERE checkpoint_code = $1 ORDER BY reported_at DESC",
    )
    .bind(checkpoint_code)
    .fetch_all(conn)
    .await
}
