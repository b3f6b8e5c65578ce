//! Pass-signing keys. The newest unretired key signs; every key stays published so passes it signed
//! verify until they expire.

use sqlx::{Any, Executor};

use crate::db::db_time;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicKeyRow {
    pub id: i64,
    pub public_key: String,
    pub created_at: String,
    pub retired_at: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct SecretKeyRow {
    pub id: i64,
    pub secret_key: String,
}

pub async fn active_secret<'c>(
    conn: impl Executor<'c, Database = Any>,
) -> Result<Option<SecretKeyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, secret_key FROM signing_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await
}

pub async fn all_public<'c>(
    conn: impl Executor<'c, Database = Any>,
) -> Result<Vec<PublicKeyRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, public_key, created_at, retired_at FROM signing_keys ORDER BY id")
        .fetch_all(conn)
        .await
}

pub async fn next_id<'c>(conn: impl Executor<'c, Database = Any>) -> Result<i64, sqlx::Error> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM signing_keys")
        .fetch_one(conn)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

pub async fn retire_all<'c>(
    conn: impl Executor<'c, Database = Any>,
    now: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL")
        .bind(db_time(now))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: i64,
    public_key: &str,
    secret_key: &str,
    now: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signing_keys (id, public_key, secret_key, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(public_key)
    .bind(secret_key)
    .bind(db_time(now))
    .execute(conn)
    .await?;
    Ok(())
}
