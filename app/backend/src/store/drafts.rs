//! Drafts of forms between two rounds: stored as JSON text under a random id until they expire.

use sqlx::{Any, Executor};
use time::OffsetDateTime;

use crate::db::db_time;

pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: &str,
    kind: &str,
    body: &str,
    expires_at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO drafts (id, kind, body, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(kind)
        .bind(body)
        .bind(db_time(expires_at))
        .execute(conn)
        .await?;
    Ok(())
}

/// The draft's body while it has not expired.
pub async fn body<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: &str,
    kind: &str,
    now: OffsetDateTime,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM drafts WHERE id = $1 AND kind = $2 AND expires_at > $3")
        .bind(id)
        .bind(kind)
        .bind(db_time(now))
        .fetch_optional(conn)
        .await
}

pub async fn delete_expired<'c>(
    conn: impl Executor<'c, Database = Any>,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM drafts WHERE expires_at <= $1")
        .bind(db_time(now))
        .execute(conn)
        .await?;
    Ok(())
}
