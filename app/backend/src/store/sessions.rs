//! Sessions of officials: the browser's cookie and the API's bearer token are one kind of row,
//! stored as a SHA-256 of the token so a copy of the database cannot be replayed.

use sqlx::{Any, Executor};

use crate::db::db_time;

pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    token_hash: &str,
    user_id: i64,
    kind: &str,
    created_at: time::OffsetDateTime,
    expires_at: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash)
        .bind(user_id)
        .bind(kind)
        .bind(db_time(created_at))
        .bind(db_time(expires_at))
        .execute(conn)
        .await?;
    Ok(())
}

/// The live session's user id, if the token is known, unexpired and its account active.
pub async fn live_user<'c>(
    conn: impl Executor<'c, Database = Any>,
    token_hash: &str,
    now: time::OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
    )
    .bind(token_hash)
    .bind(db_time(now))
    .fetch_optional(conn)
    .await
}

pub async fn delete<'c>(
    conn: impl Executor<'c, Database = Any>,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user but one (the one changing the password keeps theirs).
pub async fn delete_for_user<'c>(
    conn: impl Executor<'c, Database = Any>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(())
}
