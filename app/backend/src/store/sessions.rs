//! Sessions of officials: the browser's cookie and the API's bearer token are one kind of row,
//! stored as a SHA-256 of the token so a copy of the database cannot be replayed.

use time::OffsetDateTime;

use super::{sql, Conn, Result};
use crate::db::db_time;

pub struct Session<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub kind: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

const INSERT: &str = "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5)";

pub async fn insert(conn: impl Conn<'_>, s: Session<'_>) -> Result<()> {
    let (created, expires) = (db_time(s.created_at), db_time(s.expires_at));
    sql!(query, INSERT, s.token_hash, s.user_id, s.kind, created, expires).execute(conn).await?;
    Ok(())
}

const LIVE_USER: &str = "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1";

/// The live session's user id, if the token is known, unexpired and its account active.
pub async fn live_user(
    conn: impl Conn<'_>,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>> {
    sql!(query_scalar, LIVE_USER, token, db_time(now)).fetch_optional(conn).await
}

pub async fn delete(conn: impl Conn<'_>, token_hash: &str) -> Result<()> {
    sql!(query, "DELETE FROM sessions WHERE token_hash = $1", token_hash).execute(conn).await?;
    Ok(())
}

/// Ends every session of a user but one (the one changing the password keeps theirs).
pub async fn delete_for_user(conn: impl Conn<'_>, user_id: i64, keep: Option<&str>) -> Result<()> {
    const SQL: &str = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
    sql!(query, SQL, user_id, keep.unwrap_or("")).execute(conn).await?;
    Ok(())
}

/// Removes the sessions that ended before `now`: how many.
pub async fn delete_expired(conn: impl Conn<'_>, now: OffsetDateTime) -> Result<u64> {
    let done = sql!(query, "DELETE FROM sessions WHERE expires_at <= $1", db_time(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
