//! The audit trail: who read or changed what, written in the same transaction as the read or change.

use sqlx::{Any, Executor};

use super::{decode_time, values_rows};
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
        Entry {
            action,
            target_kind,
            target_id,
            unit_code: None,
            detail: String::new(),
        }
    }

    pub fn in_unit(self, unit_code: impl Into<Option<&'a str>>) -> Entry<'a> {
        Entry {
            unit_code: unit_code.into(),
            ..self
        }
    }

    pub fn saying(self, detail: impl Into<String>) -> Entry<'a> {
        Entry {
            detail: detail.into(),
            ..self
        }
    }

    /// Writes the entry, on the connection (or in the transaction) of the read or change it records.
    pub async fn record<'c>(
        self,
        conn: impl Executor<'c, Database = Any>,
        at: time::OffsetDateTime,
        by: By<'_>,
    ) -> Result<(), sqlx::Error> {
        record(conn, at, by, self).await
    }
}

/// Who did it: an official (or the console operator), or someone without an account, named as they
/// named themselves (a username typed at login).
pub enum By<'a> {
    Official(&'a Official),
    Anonymous(&'a str),
}

pub async fn record<'c>(
    conn: impl Executor<'c, Database = Any>,
    at: time::OffsetDateTime,
    by: By<'_>,
    entry: Entry<'_>,
) -> Result<(), sqlx::Error> {
    record_many(conn, at, by, std::slice::from_ref(&entry)).await
}

/// Writes several entries of one actor in one statement: a batch of crossings is one audit write.
pub async fn record_many<'c>(
    conn: impl Executor<'c, Database = Any>,
    at: time::OffsetDateTime,
    by: By<'_>,
    entries: &[Entry<'_>],
) -> Result<(), sqlx::Error> {
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
        query = query
            .bind(at.clone())
            .bind(user_id)
            .bind(username.clone())
            .bind(entry.action)
            .bind(entry.target_kind)
            .bind(entry.target_id)
            .bind(entry.unit_code)
            .bind(entry.detail.clone());
    }
    query.execute(conn).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    at: String,
    actor_username: String,
    action: String,
    target_kind: String,
    target_id: String,
    unit_code: Option<String>,
    detail: String,
}

pub async fn recent<'c>(
    conn: impl Executor<'c, Database = Any>,
    limit: i64,
) -> Result<Vec<AuditView>, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT at, actor_username, action, target_kind, target_id, unit_code, detail
         FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AuditView {
                at: decode_time(&r.at)?.unix_timestamp(),
                actor_username: r.actor_username,
                action: r.action,
                target_kind: r.target_kind,
                target_id: r.target_id,
                unit_code: r.unit_code,
                detail: r.detail,
            })
        })
        .collect()
}

pub async fn count_for<'c>(
    conn: impl Executor<'c, Database = Any>,
    action: &str,
    target_kind: &str,
    target_id: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND target_kind = $2 AND target_id = $3",
    )
    .bind(action)
    .bind(target_kind)
    .bind(target_id)
    .fetch_one(conn)
    .await
}
