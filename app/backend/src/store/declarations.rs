//! Declarations and the passes issued for them.

use time::OffsetDateTime;

use sqlx::Row;

use super::{
    bind, column, flag, for_backend, from_row, parameters, sql, values_rows, Conn, Result,
};
use crate::db::db_time;
use domain::date::CivilDate;
use domain::declaration::{Channel, Declaration};
use domain::paper::Trip;
use domain::text;

/// A declaration to store, with where it came from and the key that makes storing it again a no-op.
pub struct NewDeclaration<'a> {
    pub declaration: &'a Declaration,
    pub channel: Channel,
    /// An online client's `Idempotency-Key` (as stored), or a paper form's own key.
    pub idempotency_key: Option<&'a str>,
    /// A digest of the request the key came with.
    pub fingerprint: Option<&'a str>,
}

const NEW_DECLARATION: [&str; 21] = ["$"; 21];

/// Declarations per statement: 21 parameters each stays far below either backend's limit.
const PER_STATEMENT: usize = 1_000;

/// Stores one declaration; its id.
pub async fn insert(
    conn: &mut sqlx::AnyConnection,
    d: NewDeclaration<'_>,
    now: OffsetDateTime,
) -> Result<i64> {
    let stored = insert_many(conn, std::slice::from_ref(&d), now).await?;
    stored.first().map(|(id, _)| *id).ok_or(sqlx::Error::RowNotFound)
}

/// Stores declarations in as few statements as their number allows (run it in a transaction); the id of
/// each with its idempotency key, in no promised order: a caller finds its rows by their keys.
pub async fn insert_many(
    conn: &mut sqlx::AnyConnection,
    rows: &[NewDeclaration<'_>],
    now: OffsetDateTime,
) -> Result<Vec<(i64, Option<String>)>> {
    let mut stored = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO declarations (document_kind, document_number, full_name, name_folded,
                birth_date, sex, phone, residence_commune, residence_address, origin_commune,
                destination_commune, travel_date, vehicle, vehicle_plate, symptoms, close_contact,
                vaccination_doses, channel, idempotency_key, idempotency_fingerprint, created_at)
            VALUES {}
            RETURNING id, idempotency_key",
            values_rows(chunk.len(), &NEW_DECLARATION)
        );
        let sql = for_backend(conn, sql);
        let created_at = db_time(now);
        let mut query = sqlx::query_as::<_, (i64, Option<String>)>(&sql);
        for row in chunk {
            let d = row.declaration;
            let symptoms: Vec<&str> = d.symptoms.iter().map(|s| s.as_str()).collect();
            query =
                bind!(query, d.document_kind.as_str(), d.document_number.as_str(), &d.full_name);
            query =
                bind!(query, text::fold(&d.full_name), d.birth_date.to_string(), d.sex.as_str());
            query = bind!(query, &d.phone, d.residence_commune.as_str(), &d.residence_address);
            query = bind!(query, d.origin_commune.as_str(), d.destination_commune.as_str());
            query = bind!(query, d.travel_date.to_string(), d.vehicle.as_str(), &d.vehicle_plate);
            query = bind!(query, symptoms.join(","), flag(d.close_contact));
            query = bind!(query, i64::from(d.vaccination_doses.get()), row.channel.as_str());
            query = bind!(query, row.idempotency_key, row.fingerprint, created_at.clone());
        }
        stored.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(stored)
}

/// A stored declaration as a paper form is matched against it: whose trip, and where to.
#[derive(Debug, Clone)]
pub struct TripRow {
    pub id: i64,
    pub channel: Channel,
    pub full_name: String,
    pub trip: Trip,
}

from_row!(TripRow, |row| TripRow {
    id: row.try_get("id")?,
    channel: column(row, "channel")?,
    full_name: row.try_get("full_name")?,
    trip: Trip {
        document_number: row.try_get("document_number")?,
        name_folded: row.try_get("name_folded")?,
        birth_date: column(row, "birth_date")?,
        travel_date: column(row, "travel_date")?,
        destination: column(row, "destination_commune")?,
    },
});

/// Declarations travelling between `from` and `to` (inclusive) of anyone with one of these document
/// numbers or folded names: every declaration that can be the same trip as one of theirs.
pub async fn trips_of(
    conn: &mut sqlx::AnyConnection,
    numbers: &[&str],
    names: &[&str],
    from: CivilDate,
    to: CivilDate,
) -> Result<Vec<TripRow>> {
    let sql = format!(
        "SELECT id, channel, full_name, document_number, name_folded, birth_date, travel_date,
            destination_commune
        FROM declarations
        WHERE travel_date BETWEEN $1 AND $2
            AND (document_number IN ({}) OR name_folded IN ({}))",
        parameters(3, numbers.len()),
        parameters(3 + numbers.len(), names.len()),
    );
    let sql = for_backend(conn, sql);
    let query = sql!(query_as, &sql, from.to_string(), to.to_string());
    let query = numbers.iter().fold(query, |q, n| q.bind(*n));
    names.iter().fold(query, |q, n| q.bind(*n)).fetch_all(&mut *conn).await
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

const KEYED_PASS: &str = "SELECT p.id, p.declaration_id, p.document_number, p.token, p.expires_at,
        p.revoked_at, d.idempotency_fingerprint
    FROM passes p JOIN declarations d ON d.id = p.declaration_id
    WHERE d.idempotency_key = $1 ORDER BY p.issued_at DESC LIMIT 1";

pub async fn pass_for_idempotency_key(conn: impl Conn<'_>, key: &str) -> Result<Option<KeyedPass>> {
    sql!(query_as, KEYED_PASS, key).fetch_optional(conn).await
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

const INSERT_PASS: &str =
    "INSERT INTO passes (id, declaration_id, document_number, holder_digest, key_id,
        token, issued_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

pub async fn insert_pass(conn: impl Conn<'_>, p: NewPass<'_>) -> Result<()> {
    let query =
        sql!(query, INSERT_PASS, p.id, p.declaration_id, p.document_number, p.holder_digest);
    let query = bind!(query, p.key_id, p.token, db_time(p.issued_at), db_time(p.expires_at));
    query.execute(conn).await?;
    Ok(())
}

/// A pass by the digest of its holder's key.
pub async fn pass_of_holder(
    conn: impl Conn<'_>,
    holder_digest: &str,
) -> Result<Option<StoredPass>> {
    sql!(query_as, &format!("{PASS} WHERE p.holder_digest = $1"), holder_digest)
        .fetch_optional(conn)
        .await
}

const REVOKE: &str =
    "UPDATE passes SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND expires_at > $1";

/// Revokes a pass still in force; false when it was already revoked or has expired.
pub async fn revoke(conn: impl Conn<'_>, id: &str, now: OffsetDateTime) -> Result<bool> {
    Ok(sql!(query, REVOKE, db_time(now), id).execute(conn).await?.rows_affected() == 1)
}

/// A revoked pass still unexpired, as a scanner must know it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevokedRow {
    pub id: String,
    pub expires_at: String,
}

const REVOKED_SINCE: &str =
    "SELECT id, expires_at FROM passes WHERE revoked_at > $1 AND expires_at > $2 ORDER BY id";

/// Passes revoked since `since` (all of them when `None`) that are still unexpired at `now`: what an
/// offline scanner must add to its list to refuse them.
pub async fn revocations_since(
    conn: impl Conn<'_>,
    since: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<Vec<RevokedRow>> {
    // From the epoch: every revocation (a stored time always sorts after this one).
    let since = since.map_or_else(|| "0".to_owned(), db_time);
    sql!(query_as, REVOKED_SINCE, since, db_time(now)).fetch_all(conn).await
}

pub async fn is_revoked(conn: impl Conn<'_>, pass_id: &str) -> Result<bool> {
    let query = sql!(query_scalar, "SELECT revoked_at FROM passes WHERE id = $1", pass_id);
    let revoked: Option<Option<String>> = query.fetch_optional(conn).await?;
    Ok(matches!(revoked, Some(Some(_))))
}

const LIVE_PASS: &str =
    "WHERE p.document_number = $1 AND p.revoked_at IS NULL AND p.expires_at > $2
    ORDER BY p.issued_at DESC LIMIT 1";

/// The newest unrevoked, unexpired pass of a person, for an officer who typed their ID number.
pub async fn live_pass_of(
    conn: impl Conn<'_>,
    number: &str,
    now: OffsetDateTime,
) -> Result<Option<StoredPass>> {
    sql!(query_as, &format!("{PASS} {LIVE_PASS}"), number, db_time(now)).fetch_optional(conn).await
}
