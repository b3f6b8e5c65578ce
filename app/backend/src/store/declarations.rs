//! Declarations and the passes issued for them.

use sqlx::{Any, Executor};

use super::flag;
use crate::db::db_time;
use domain::declaration::Declaration;

fn date(d: domain::date::CivilDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

pub async fn insert<'c>(
    conn: impl Executor<'c, Database = Any>,
    d: &Declaration,
    idempotency: Option<(&str, &str)>,
    now: time::OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let kind = match d.document_kind {
        domain::pass::DocumentKind::Cccd => "cccd",
        domain::pass::DocumentKind::Cmnd => "cmnd",
    };
    let symptoms: Vec<&str> = d.symptoms.iter().map(|s| s.as_str()).collect();
    sqlx::query_scalar(
        "INSERT INTO declarations (document_kind, document_number, full_name, name_folded, birth_date, sex, phone,
            residence_commune, residence_address, origin_commune, destination_commune, travel_date, vehicle,
            vehicle_plate, symptoms, close_contact, vaccination_doses, idempotency_key, idempotency_fingerprint,
            created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         RETURNING id",
    )
    .bind(kind)
    .bind(d.document_number.as_str())
    .bind(&d.full_name)
    .bind(domain::text::fold(&d.full_name))
    .bind(date(d.birth_date))
    .bind(d.sex.as_str())
    .bind(&d.phone)
    .bind(d.residence_commune.as_str())
    .bind(&d.residence_address)
    .bind(d.origin_commune.as_str())
    .bind(d.destination_commune.as_str())
    .bind(date(d.travel_date))
    .bind(d.vehicle.as_str())
    .bind(&d.vehicle_plate)
    .bind(symptoms.join(","))
    .bind(flag(d.close_contact))
    .bind(i64::from(d.vaccination_doses.get()))
    .bind(idempotency.map(|(key, _)| key))
    .bind(idempotency.map(|(_, fingerprint)| fingerprint))
    .bind(db_time(now))
    .fetch_one(conn)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredPass {
    pub id: String,
    pub declaration_id: i64,
    pub document_number: String,
    pub token: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

const PASS: &str =
    "SELECT p.id, p.declaration_id, p.document_number, p.token, p.expires_at, p.revoked_at
    FROM passes p";

/// The pass issued for an idempotency key, with the fingerprint of the request that came with the key.
#[derive(sqlx::FromRow)]
pub struct KeyedPass {
    #[sqlx(flatten)]
    pub pass: StoredPass,
    pub idempotency_fingerprint: Option<String>,
}

pub async fn pass_for_idempotency_key<'c>(
    conn: impl Executor<'c, Database = Any>,
    key: &str,
) -> Result<Option<KeyedPass>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.declaration_id, p.document_number, p.token, p.expires_at, p.revoked_at,
            d.idempotency_fingerprint
         FROM passes p JOIN declarations d ON d.id = p.declaration_id
         WHERE d.idempotency_key = $1 ORDER BY p.issued_at DESC LIMIT 1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await
}

pub struct NewPass<'a> {
    pub id: &'a str,
    pub declaration_id: i64,
    pub document_number: &'a str,
    pub holder_digest: &'a str,
    pub key_id: i64,
    pub token: &'a str,
    pub issued_at: time::OffsetDateTime,
    pub expires_at: time::OffsetDateTime,
}

pub async fn insert_pass<'c>(
    conn: impl Executor<'c, Database = Any>,
    p: NewPass<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO passes (id, declaration_id, document_number, holder_digest, key_id, token, issued_at,
            expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(p.id)
    .bind(p.declaration_id)
    .bind(p.document_number)
    .bind(p.holder_digest)
    .bind(p.key_id)
    .bind(p.token)
    .bind(db_time(p.issued_at))
    .bind(db_time(p.expires_at))
    .execute(conn)
    .await?;
    Ok(())
}

/// A pass by the digest of its holder's key.
pub async fn pass_of_holder<'c>(
    conn: impl Executor<'c, Database = Any>,
    holder_digest: &str,
) -> Result<Option<StoredPass>, sqlx::Error> {
    sqlx::query_as(&format!("{PASS} WHERE p.holder_digest = $1"))
        .bind(holder_digest)
        .fetch_optional(conn)
        .await
}

/// Revokes a pass still in force; false when it was already revoked or has expired.
pub async fn revoke<'c>(
    conn: impl Executor<'c, Database = Any>,
    id: &str,
    now: time::OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE passes SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(db_time(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A revoked pass still unexpired, as a scanner must know it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevokedRow {
    pub id: String,
    pub expires_at: String,
}

/// Passes revoked since `since` (all of them when `None`) that are still unexpired at `now`: what an
/// offline scanner must add to its list to refuse them.
pub async fn revocations_since<'c>(
    conn: impl Executor<'c, Database = Any>,
    since: Option<time::OffsetDateTime>,
    now: time::OffsetDateTime,
) -> Result<Vec<RevokedRow>, sqlx::Error> {
    const SINCE: &str = "SELECT id, expires_at FROM passes
        WHERE revoked_at > $1 AND expires_at > $2 ORDER BY id";
    // From the epoch: every revocation (a stored time always sorts after this one).
    let since = since.map_or_else(|| "0".to_owned(), db_time);
    sqlx::query_as(SINCE)
        .bind(since)
        .bind(db_time(now))
        .fetch_all(conn)
        .await
}

pub async fn is_revoked<'c>(
    conn: impl Executor<'c, Database = Any>,
    pass_id: &str,
) -> Result<bool, sqlx::Error> {
    let revoked: Option<Option<String>> =
        sqlx::query_scalar("SELECT revoked_at FROM passes WHERE id = $1")
            .bind(pass_id)
            .fetch_optional(conn)
            .await?;
    Ok(matches!(revoked, Some(Some(_))))
}

/// The newest unrevoked, unexpired pass of a person, for an officer who typed their ID number.
pub async fn live_pass_of<'c>(
    conn: impl Executor<'c, Database = Any>,
    document_number: &str,
    now: time::OffsetDateTime,
) -> Result<Option<StoredPass>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{PASS} WHERE p.document_number = $1 AND p.revoked_at IS NULL AND p.expires_at > $2
         ORDER BY p.issued_at DESC LIMIT 1"
    ))
    .bind(document_number)
    .bind(db_time(now))
    .fetch_optional(conn)
    .await
}
