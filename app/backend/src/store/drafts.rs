//! Drafts of forms between two rounds: stored as JSON text under a random id until they expire.

use time::OffsetDateTime;

use super::{sql, Conn, Result};
use crate::db::db_time;

pub async fn insert(
    conn: impl Conn<'_>,
    id: &str,
    kind: &str,
    body: &str,
    expires_at: OffsetDateTime,
) -> Result<()> {
    const SQL: &str = "INSERT INTO drafts (id, kind, body, expires_at) VALUES ($1, $2, $3, $4)";
    sql!(query, SQL, id, kind, body, db_time(expires_at)).execute(conn).await?;
    Ok(())
}

/// The draft's body while it has not expired.
pub async fn body(
    conn: impl Conn<'_>,
    id: &str,
    kind: &str,
    now: OffsetDateTime,
) -> Result<Option<String>> {
    const SQL: &str = "SELECT body FROM drafts WHERE id = $1 AND kind = $2 AND expires_at > $3";
    sql!(query_scalar, SQL, id, kind, db_time(now)).fetch_optional(conn).await
}

/// Removes the drafts that expired by `now`: how many.
pub async fn delete_expired(conn: impl Conn<'_>, now: OffsetDateTime) -> Result<u64> {
    let done = sql!(query, "DELETE FROM drafts WHERE expires_at <= $1", db_time(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
