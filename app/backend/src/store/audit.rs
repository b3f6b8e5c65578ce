//! The audit trail: who read or changed what, written in the same transaction as the read or change.

use sqlx::any::AnyRow;
use sqlx::Row;
use time::OffsetDateTime;

use super::{bind, sql, time_column, values_rows, Conn, Result};
use crate::db::db_time;
use crate::Official;
use contract::dto::AuditView;

/// One line of the trail: what was done (`action`) to which thing (`target_kind`, `target_id`), in which
/// unit if it has one, with any detail.
pub struct Entry<'a> {
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub unit_code: Option<&'a str>,
    pub detail: String,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, target_kind: &'a str, target_id: &'a str) -> Entry<'a> {
        Entry { action, target_kind, target_id, unit_code: None, detail: String::new() }
    }

    pub fn in_unit(self, unit_code: impl Into<Option<&'a str>>) -> Entry<'a> {
        Entry { unit_code: unit_code.into(), ..self }
    }

    pub fn saying(self, detail: impl Into<String>) -> Entry<'a> {
        Entry { detail: detail.into(), ..self }
    }

    /// Writes the entry, on the connection (or in the transaction) of the read or change it records.
    pub async fn record(self, conn: impl Conn<'_>, at: OffsetDateTime, by: By<'_>) -> Result<()> {
        record(conn, at, by, self).await
    }
}

/// Who did it: an official (or the console operator), or someone without an account, named as they
/// named themselves (a username typed at login).
pub enum By<'a> {
    Official(&'a Official),
    Anonymous(&'a str),
}

pub async fn record(
    conn: impl Conn<'_>,
    at: OffsetDateTime,
    by: By<'_>,
    entry: Entry<'_>,
) -> Result<()> {
    record_many(conn, at, by, std::slice::from_ref(&entry)).await
}

/// Writes several entries of one actor in one statement: a batch of crossings is one audit write.
pub async fn record_many(
    conn: impl Conn<'_>,
    at: OffsetDateTime,
    by: By<'_>,
    entries: &[Entry<'_>],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let (user_id, username) = match by {
        By::Official(official) => (official.account_id(), official.username.clone()),
        By::Anonymous(name) => (None, name.to_owned()),
    };
    let sql = format!(
        "INSERT INTO audit_log (at, actor_user_id, actor_username, action, target_kind, target_id, unit_code, detail)
         VALUES {}",
        values_rows(entries.len(), &["$"; 8])
    );
    let at = db_time(at);
    let mut query = sqlx::query(&sql);
    for entry in entries {
        let what = (entry.action, entry.target_kind, entry.target_id, entry.unit_code);
        query = bind!(
            query,
            at.clone(),
            user_id,
            username.clone(),
            what.0,
            what.1,
            what.2,
            what.3,
            entry.detail.clone()
        );
    }
    query.execute(conn).await?;
    Ok(())
}

fn audit_view(row: &AnyRow) -> Result<AuditView> {
    Ok(AuditView {
        at: time_column(row, "at")?.unix_timestamp(),
        actor_username: row.try_get("actor_username")?,
        action: row.try_get("action")?,
        target_kind: row.try_get("target_kind")?,
        target_id: row.try_get("target_id")?,
        unit_code: row.try_get("unit_code")?,
        detail: row.try_get("detail")?,
    })
}

const RECENT: &str = "SELECT at, actor_username, action, target_kind, target_id, unit_code, detail
    FROM audit_log ORDER BY id DESC LIMIT $1";

pub async fn recent(conn: impl Conn<'_>, limit: i64) -> Result<Vec<AuditView>> {
    sql!(query, RECENT, limit).fetch_all(conn).await?.iter().map(audit_view).collect()
}

const COUNT_FOR: &str =
    "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND target_kind = $2 AND target_id = $3";

pub async fn count_for(conn: impl Conn<'_>, action: &str, kind: &str, id: &str) -> Result<i64> {
    sql!(query_scalar, COUNT_FOR, action, kind, id).fetch_one(conn).await
}
