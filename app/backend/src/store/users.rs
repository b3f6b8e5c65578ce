//! Official accounts.

use sqlx::{Any, Executor};

use super::{decode, flag};
use crate::db::db_time;
use crate::password::PasswordHashText;
use domain::checkpoint::CheckpointCode;
use domain::{Role, UnitCode};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    password_hash: String,
    role: String,
    unit_code: Option<String>,
    checkpoint_code: Option<String>,
    checkpoint_unit: Option<String>,
    active: i64,
}

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
    pub active: bool,
}

impl TryFrom<UserRow> for User {
    type Error = sqlx::Error;
    fn try_from(r: UserRow) -> Result<Self, Self::Error> {
        Ok(User {
            id: r.id,
            role: decode(&r.role)?,
            username: r.username,
            password_hash: PasswordHashText(r.password_hash),
            unit_code: r.unit_code.as_deref().map(decode).transpose()?,
            checkpoint_code: r.checkpoint_code.as_deref().map(decode).transpose()?,
            checkpoint_unit: r.checkpoint_unit.as_deref().map(decode).transpose()?,
            active: r.active != 0,
        })
    }
}

const SELECT: &str =
    "SELECT u.id, u.username, u.password_hash, u.role, u.unit_code, u.checkpoint_code,
        c.unit_code AS checkpoint_unit, u.active
    FROM users u LEFT JOIN checkpoints c ON c.code = u.checkpoint_code";

pub async fn by_username<'c>(
    conn: impl Executor<'c, Database = Any>,
    username: &str,
) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE u.username = $1"))
        .bind(username)
        .fetch_optional(conn)
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn by_id<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: i64,
) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn list<'c>(conn: impl Executor<'c, Database = Any>) -> Result<Vec<User>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!("{SELECT} ORDER BY u.username"))
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub password_hash: &'a PasswordHashText,
    pub role: Role,
    pub unit_code: Option<&'a UnitCode>,
    pub checkpoint_code: Option<&'a CheckpointCode>,
}

/// Inserts unless the username exists; returns the new id, or None when it was taken.
pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    user: NewUser<'_>,
    now: time::OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (username, password_hash, role, unit_code, checkpoint_code, active, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
         ON CONFLICT (username) DO NOTHING
         RETURNING id",
    )
    .bind(user.username)
    .bind(&user.password_hash.0)
    .bind(user.role.as_str())
    .bind(user.unit_code.map(UnitCode::as_str))
    .bind(user.checkpoint_code.map(CheckpointCode::as_str))
    .bind(db_time(now))
    .fetch_optional(conn)
    .await
}

pub async fn set_active<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(flag(active))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_password<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: i64,
    hash: &PasswordHashText,
    now: time::OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(&hash.0)
        .bind(db_time(now))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count<'c>(conn: impl Executor<'c, Database = Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(conn)
        .await
}
