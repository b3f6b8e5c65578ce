//! Crossings recorded at checkpoints.

use std::collections::HashSet;

use sqlx::Row;
use time::OffsetDateTime;

use super::{
    bind, column, flag, flag_column, from_row, optional_column, sql, time_column, values_rows,
    Conn, Result,
};
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
pub async fn insert_batch(
    conn: impl Conn<'_>,
    checkpoint_code: &str,
    officer_id: i64,
    batch: &[NewCrossing<'_>],
    now: OffsetDateTime,
) -> Result<Vec<bool>> {
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
        let (pass_id, scanned_at) = (c.pass_id.map(|id| id.to_string()), db_time(c.scanned_at));
        query = bind!(query, c.client_id, checkpoint_code, officer_id, pass_id, c.document_number);
        query =
            bind!(query, c.direction.as_str(), c.verdict.as_str(), c.action.as_str(), scanned_at);
        query = bind!(query, received_at.clone(), flag(c.offline));
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

from_row!(CrossingRow, |row| CrossingRow {
    pass_id: optional_column(row, "pass_id")?,
    client_id: row.try_get("client_id")?,
    officer: row.try_get("officer")?,
    document_number: row.try_get("document_number")?,
    direction: column(row, "direction")?,
    verdict: column(row, "verdict")?,
    action: column(row, "action")?,
    scanned_at: time_column(row, "scanned_at")?,
    received_at: time_column(row, "received_at")?,
    offline: flag_column(row, "offline")?,
});

const AT_CHECKPOINT: &str =
    "SELECT c.client_id, u.username AS officer, c.pass_id, c.document_number,
        c.direction, c.verdict, c.action, c.scanned_at, c.received_at, c.offline
    FROM crossings c JOIN users u ON u.id = c.officer_id
    WHERE c.checkpoint_code = $1 AND c.scanned_at >= $2 AND c.scanned_at < $3
    ORDER BY c.scanned_at, c.id";

/// A checkpoint's crossings scanned in `[from, until)`, in scan order.
pub async fn at_checkpoint(
    conn: impl Conn<'_>,
    checkpoint_code: &str,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Vec<CrossingRow>> {
    sql!(query_as, AT_CHECKPOINT, checkpoint_code, db_time(from), db_time(until))
        .fetch_all(conn)
        .await
}

/// What one checkpoint recorded in a span of time.
#[derive(Debug, Clone)]
pub struct CheckpointTally {
    pub checkpoint: String,
    pub entering: i64,
    pub leaving: i64,
    pub people: i64,
}

from_row!(CheckpointTally, |row| CheckpointTally {
    checkpoint: row.try_get("checkpoint_code")?,
    entering: row.try_get("entering")?,
    leaving: row.try_get("leaving")?,
    people: row.try_get("people")?,
});

/// Every checkpoint's crossings scanned in `[from, until)`, stored by now, counted.
pub async fn tallies(
    conn: impl Conn<'_>,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Vec<CheckpointTally>> {
    let sql = "SELECT checkpoint_code,
            CAST(SUM(CASE WHEN direction = 'in' THEN 1 ELSE 0 END) AS BIGINT) AS entering,
            CAST(SUM(CASE WHEN direction = 'out' THEN 1 ELSE 0 END) AS BIGINT) AS leaving,
            COUNT(DISTINCT document_number) AS people
        FROM crossings WHERE scanned_at >= $1 AND scanned_at < $2
        GROUP BY checkpoint_code ORDER BY checkpoint_code";
    sql!(query_as, sql, db_time(from), db_time(until)).fetch_all(conn).await
}

const REPORT_DEVICE: &str =
    "INSERT INTO scanner_devices (device_id, checkpoint_code, officer, pending, reported_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (checkpoint_code, device_id) DO UPDATE SET officer = excluded.officer,
        pending = excluded.pending, reported_at = excluded.reported_at";

/// Records what a scanner device says it still holds.
pub async fn report_device(
    conn: impl Conn<'_>,
    device_id: &str,
    checkpoint_code: &str,
    officer: &str,
    pending: i64,
    now: OffsetDateTime,
) -> Result<()> {
    sql!(query, REPORT_DEVICE, device_id, checkpoint_code, officer, pending, db_time(now))
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

from_row!(DeviceRow, |row| DeviceRow {
    device_id: row.try_get("device_id")?,
    officer: row.try_get("officer")?,
    pending: row.try_get("pending")?,
    reported_at: time_column(row, "reported_at")?,
});

const DEVICES: &str = "SELECT device_id, officer, pending, reported_at FROM scanner_devices WHERE checkpoint_code = $1";

/// What a device last reported at a checkpoint.
pub async fn device_at(
    conn: impl Conn<'_>,
    checkpoint: &str,
    device_id: &str,
) -> Result<Option<DeviceRow>> {
    sql!(query_as, &format!("{DEVICES} AND device_id = $2"), checkpoint, device_id)
        .fetch_optional(conn)
        .await
}

pub async fn devices_at(conn: impl Conn<'_>, checkpoint_code: &str) -> Result<Vec<DeviceRow>> {
    sql!(query_as, &format!("{DEVICES} ORDER BY reported_at DESC"), checkpoint_code)
        .fetch_all(conn)
        .await
}

/// Removes the crossings scanned before `before`.
pub async fn purge_before(conn: impl Conn<'_>, before: OffsetDateTime) -> Result<u64> {
    let done = sql!(query, "DELETE FROM crossings WHERE scanned_at < $1", db_time(before))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// The Vietnam day of the oldest crossing scanned before `before`, if any.
pub async fn oldest_before(
    conn: impl Conn<'_>,
    before: OffsetDateTime,
) -> Result<Option<OffsetDateTime>> {
    let row = sql!(
        query,
        "SELECT MIN(scanned_at) AS oldest FROM crossings WHERE scanned_at < $1",
        db_time(before)
    )
    .fetch_one(conn)
    .await?;
    let oldest: Option<String> = row.try_get("oldest")?;
    oldest.as_deref().map(super::decode_time).transpose()
}

/// A crossing made with a pass: which pass, where, which way and when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PassCrossing {
    pub pass_id: String,
    pub checkpoint_code: String,
    pub direction: String,
    pub scanned_at: String,
}

/// The crossings made with these passes, in the order they were scanned.
pub async fn made_with(
    conn: &mut sqlx::AnyConnection,
    pass_ids: &[&str],
) -> Result<Vec<PassCrossing>> {
    let sql = format!(
        "SELECT pass_id, checkpoint_code, direction, scanned_at FROM crossings
        WHERE pass_id IN ({}) ORDER BY scanned_at, id",
        super::parameters(1, pass_ids.len())
    );
    let sql = super::for_backend(conn, sql);
    let query = sql!(query_as, &sql);
    pass_ids.iter().fold(query, |q, id| q.bind(*id)).fetch_all(&mut *conn).await
}
