//! Crossings recorded at checkpoints.

use sqlx::{Any, Executor};

use super::flag;
use crate::backend::db::db_time;

pub struct NewCrossing<'a> {
    pub client_id: &'a str,
    pub checkpoint_code: &'a str,
    pub officer_id: i64,
    pub pass_id: Option<&'a str>,
    pub document_number: &'a str,
    pub direction: &'a str,
    pub verdict: &'a str,
    pub action: &'a str,
    pub scanned_at: time::OffsetDateTime,
    pub offline: bool,
}

/// Stores a crossing unless its client id is already stored; true when it was new.
pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    c: NewCrossing<'_>,
    now: time::OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO crossings (client_id, checkpoint_code, officer_id, pass_id, document_number, direction,
            verdict, action, scanned_at, received_at, offline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (client_id) DO NOTHING",
    )
    .bind(c.client_id)
    .bind(c.checkpoint_code)
    .bind(c.officer_id)
    .bind(c.pass_id)
    .bind(c.document_number)
    .bind(c.direction)
    .bind(c.verdict)
    .bind(c.action)
    .bind(db_time(c.scanned_at))
    .bind(db_time(now))
    .bind(flag(c.offline))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CrossingRow {
    pub client_id: String,
    pub checkpoint_code: String,
    pub officer: String,
    pub pass_id: Option<String>,
    pub document_number: String,
    pub direction: String,
    pub verdict: String,
    pub action: String,
    pub scanned_at: String,
    pub received_at: String,
    offline: i64,
}

impl CrossingRow {
    pub fn offline(&self) -> bool {
        self.offline != 0
    }
}

/// A checkpoint's crossings scanned in `[from, until)`, in scan order.
pub async fn at_checkpoint<'c>(
    conn: impl Executor<'c, Database = Any>,
    checkpoint_code: &str,
    from: time::OffsetDateTime,
    until: time::OffsetDateTime,
) -> Result<Vec<CrossingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.client_id, c.checkpoint_code, u.username AS officer, c.pass_id, c.document_number, c.direction,
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
    now: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO scanner_devices (device_id, checkpoint_code, officer, pending, reported_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (device_id) DO UPDATE SET checkpoint_code = excluded.checkpoint_code,
             officer = excluded.officer, pending = excluded.pending, reported_at = excluded.reported_at",
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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub device_id: String,
    pub officer: String,
    pub pending: i64,
    pub reported_at: String,
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
