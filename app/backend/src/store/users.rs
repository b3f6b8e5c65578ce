//! Official accounts.

use sqlx::Row;
use time::OffsetDateTime;

use super::{column, flag, flag_column, from_row, optional_column, sql, Conn, Result};
use crate::db::db_time;
use crate::password::PasswordHashText;
use domain::checkpoint::CheckpointCode;
use domain::{Role, UnitCode};

/// An account as the backend sees it, hash included; never sent anywhere.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub password_hash: PasswordHashText,
    pub role: Role,
    pub unit_code: Option<UnitCode>,
    pub checkpoint_code: Option<CheckpointCode>,
    /// The unit the user's checkpoint stands in.
    pub checkpoint_unit: Option<UnitCode>,
    /// Whether the user's checkpoint is open; none for an account bound to no checkpoint.
    pub checkpoint_active: Option<bool>,
    pub active: bool,
}

from_row!(User, |row| User {
    id: row.try_get("id")?,
    username: row.try_get("username")?,
    password_hash: PasswordHashText(row.try_get("password_hash")?),
    role: column(row, "role")?,
    unit_code: optional_column(row, "unit_code")?,
    checkpoint_code: optional_column(row, "checkpoint_code")?,
    checkpoint_unit: optional_column(row, "checkpoint_unit")?,
    checkpoint_active: row.try_get::<Option<i64>, _>("checkpoint_active")?.map(|a| a != 0),
    active: flag_column(row, "active")?,
});

const SELECT: &str =
    "SELECT u.id, u.username, u.password_hash, u.role, u.unit_code, u.checkpoint_code,
        c.unit_code AS checkpoint_unit, c.active AS checkpoint_active, u.active
    FROM users u LEFT JOIN checkpoints c ON c.code = u.checkpoint_code";

pub async fn by_username(conn: impl Conn<'_>, username: &str) -> Result<Option<User>> {
    sql!(query_as, &format!("{SELECT} WHERE u.username = $1"), username).fetch_optional(conn).await
}

pub async fn by_id(conn: impl Conn<'_>, id: i64) -> Result<Option<User>> {
    sql!(query_as, &format!("{SELECT} WHERE u.id = $1"), id).fetch_optional(conn).await
}

pub async fn list(conn: impl Conn<'_>) -> Result<Vec<User>> {
    sql!(query_as, &format!("{SELECT} ORDER BY u.username")).fetch_all(conn).await
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub password_hash: &'a PasswordHashText,
    pub role: Role,
    pub unit_code: Option<&'a UnitCode>,
    pub checkpoint_code: Option<&'a CheckpointCode>,
}

const INSERT: &str =
    "INSERT INTO users (username, password_hash, role, unit_code, checkpoint_code, active,
        created_at, password_changed_at)
    VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
    ON CONFLICT (username) DO NOTHING
    RETURNING id";

/// Inserts unless the username exists; returns the new id, or None when it was taken.
pub async fn insert(
    conn: impl Conn<'_>,
    user: NewUser<'_>,
    now: OffsetDateTime,
) -> Result<Option<i64>> {
    let (unit, checkpoint) =
        (user.unit_code.map(UnitCode::as_str), user.checkpoint_code.map(CheckpointCode::as_str));
    sql!(
        query_scalar,
        INSERT,
        user.username,
        &user.password_hash.0,
        user.role.as_str(),
        unit,
        checkpoint,
        db_time(now)
    )
    .fetch_optional(conn)
    .await
}

pub async fn set_active(conn: impl Conn<'_>, id: i64, active: bool) -> Result<bool> {
    let done = sql!(query, "UPDATE users SET active = $1 WHERE id = $2", flag(active), id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_password(
    conn: impl Conn<'_>,
    id: i64,
    hash: &PasswordHashText,
    now: OffsetDateTime,
) -> Result<()> {
    const SQL: &str = "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3";
    sql!(query, SQL, &hash.0, db_time(now), id).execute(conn).await?;
    Ok(())
}

pub async fn count(conn: impl Conn<'_>) -> Result<i64> {
    sql!(query_scalar, "SELECT COUNT(*) FROM users").fetch_one(conn).await
}
