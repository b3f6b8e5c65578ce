//! Declarations and the passes issued for them.

use time::OffsetDateTime;

use sqlx::Row;

use super::{
    bind, column, flag, for_backend, from_row, is_postgres, parameters, sql, values_rows, Conn,
    Result,
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

/// The columns a new declaration fills, in the order of [`TableRow`].
const COLUMNS: &str =
    "document_kind, document_number, full_name, name_folded, birth_date, sex, phone,
    residence_commune, residence_address, origin_commune, destination_commune, travel_date, vehicle,
    vehicle_plate, symptoms, close_contact, vaccination_doses, channel, idempotency_key,
    idempotency_fingerprint, created_at";

/// Declarations per statement: 21 parameters each stays far below either backend's limit on SQLite;
/// on PostgreSQL a chunk is one parameter.
const PER_STATEMENT: usize = 1_000;

/// A declaration as its table row: named after the columns, so PostgreSQL can read a batch of them as
/// one JSON parameter.
#[derive(serde::Serialize)]
struct TableRow<'a> {
    document_kind: &'a str,
    document_number: &'a str,
    full_name: &'a str,
    name_folded: String,
    birth_date: String,
    sex: &'a str,
    phone: &'a str,
    residence_commune: &'a str,
    residence_address: &'a str,
    origin_commune: &'a str,
    destination_commune: &'a str,
    travel_date: String,
    vehicle: &'a str,
    vehicle_plate: &'a str,
    symptoms: String,
    close_contact: i64,
    vaccination_doses: i64,
    channel: &'a str,
    idempotency_key: Option<&'a str>,
    idempotency_fingerprint: Option<&'a str>,
    created_at: &'a str,
}

impl<'a> TableRow<'a> {
    fn new(row: &NewDeclaration<'a>, created_at: &'a str) -> Self {
        let d = row.declaration;
        let symptoms: Vec<&str> = d.symptoms.iter().map(|s| s.as_str()).collect();
        TableRow {
            document_kind: d.document_kind.as_str(),
            document_number: d.document_number.as_str(),
            full_name: &d.full_name,
            name_folded: text::fold(&d.full_name),
            birth_date: d.birth_date.to_string(),
            sex: d.sex.as_str(),
            phone: &d.phone,
            residence_commune: d.residence_commune.as_str(),
            residence_address: &d.residence_address,
            origin_commune: d.origin_commune.as_str(),
            destination_commune: d.destination_commune.as_str(),
            travel_date: d.travel_date.to_string(),
            vehicle: d.vehicle.as_str(),
            vehicle_plate: &d.vehicle_plate,
            symptoms: symptoms.join(","),
            close_contact: flag(d.close_contact),
            vaccination_doses: i64::from(d.vaccination_doses.get()),
            channel: row.channel.as_str(),
            idempotency_key: row.idempotency_key,
            idempotency_fingerprint: row.fingerprint,
            created_at,
        }
    }
}

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
    let created_at = db_time(now);
    let mut stored = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(PER_STATEMENT) {
        let table_rows: Vec<TableRow> =
            chunk.iter().map(|r| TableRow::new(r, &created_at)).collect();
        let found = if is_postgres(conn) {
            // One parameter for the whole chunk: PostgreSQL parses and plans a statement of thousands
            // of parameters for longer than it takes to insert the rows.
            let sql = format!(
                "INSERT INTO declarations ({COLUMNS}) SELECT {COLUMNS}
                FROM json_populate_recordset(NULL::declarations, $1::json)
                RETURNING id, idempotency_key"
            );
            let json =
                serde_json::to_string(&table_rows).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            sqlx::query_as::<_, (i64, Option<String>)>(&sql)
                .bind(json)
                .fetch_all(&mut *conn)
                .await?
        } else {
            let sql = format!(
                "INSERT INTO declarations ({COLUMNS}) VALUES {} RETURNING id, idempotency_key",
                values_rows(chunk.len(), &["$"; 21])
            );
            let sql = for_backend(conn, sql);
            let mut query = sqlx::query_as::<_, (i64, Option<String>)>(&sql);
            for r in table_rows {
                query =
                    bind!(query, r.document_kind, r.document_number, r.full_name, r.name_folded);
                query = bind!(query, r.birth_date, r.sex, r.phone, r.residence_commune);
                query = bind!(query, r.residence_address, r.origin_commune, r.destination_commune);
                query = bind!(query, r.travel_date, r.vehicle, r.vehicle_plate, r.symptoms);
                query = bind!(query, r.close_contact, r.vaccination_doses, r.channel);
                query = bind!(query, r.idempotency_key, r.idempotency_fingerprint, r.created_at);
            }
            query.fetch_all(&mut *conn).await?
        };
        let ids = found.iter().map(|(id, _)| *id);
        if let (Some(first), Some(last)) = (ids.clone().min(), ids.max()) {
            note_travellers(&mut *conn, first, last).await?;
        }
        stored.extend(found);
    }
    Ok(stored)
}

/// Keeps `day_travellers` (each person's newest declaration of a day) up to date with the declarations
/// whose ids lie between `first` and `last`; run it in the transaction that stored them. Noting a
/// declaration twice, or someone else's that fell in the range, changes nothing wrong: a person's row
/// only ever moves to a newer declaration. Two servers noting the same person wait for each other on
/// the row, and take the people of a batch in the same order so they cannot deadlock.
pub async fn note_travellers(conn: impl Conn<'_>, first: i64, last: i64) -> Result<()> {
    let sql = "INSERT INTO day_travellers (travel_date, document_number, declaration_id,
            destination_commune, channel)
        SELECT travel_date, document_number, id, destination_commune, channel FROM declarations
        WHERE id IN (SELECT MAX(id) FROM declarations WHERE id BETWEEN $1 AND $2
            GROUP BY travel_date, document_number)
        ORDER BY travel_date, document_number
        ON CONFLICT (travel_date, document_number) DO UPDATE SET
            declaration_id = excluded.declaration_id,
            destination_commune = excluded.destination_commune, channel = excluded.channel
        WHERE excluded.declaration_id > day_travellers.declaration_id";
    sql!(query, sql, first, last).execute(conn).await?;
    Ok(())
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

/// The declarations of trips before `$1` that the purge removes: all of them but those whose pass a
/// crossing still held was made with (that crossing's list places its traveller by the declaration;
/// it goes with the crossing).
pub(super) const PURGED: &str = "SELECT d.id FROM declarations d WHERE d.travel_date < $1
    AND NOT EXISTS (SELECT 1 FROM passes p JOIN crossings c ON c.pass_id = p.id
        WHERE p.declaration_id = d.id)";

/// Removes the declarations of trips before `before` and their passes (see [`PURGED`]), after the
/// crossings of those days went: how many of each.
pub async fn purge_before(conn: &mut sqlx::AnyConnection, before: CivilDate) -> Result<(u64, u64)> {
    let before = before.to_string();
    let passes =
        sql!(query, &format!("DELETE FROM passes WHERE declaration_id IN ({PURGED})"), &before)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    sql!(query, "DELETE FROM day_travellers WHERE travel_date < $1", &before)
        .execute(&mut *conn)
        .await?;
    let declarations =
        sql!(query, &format!("DELETE FROM declarations WHERE id IN ({PURGED})"), &before)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    Ok((declarations, passes))
}

/// A declaration as its maker made it, for their own look-up.
#[derive(Debug, Clone)]
pub struct Held {
    pub id: i64,
    pub channel: Channel,
    pub full_name: String,
    pub birth_date: String,
    pub sex: String,
    pub phone: String,
    pub residence_commune: String,
    pub residence_address: String,
    pub origin_commune: String,
    pub destination_commune: String,
    pub travel_date: CivilDate,
    pub vehicle: String,
    pub vehicle_plate: String,
    /// Comma-separated, as stored.
    pub symptoms: String,
    pub close_contact: bool,
    pub vaccination_doses: i64,
    pub created_at: OffsetDateTime,
}

from_row!(Held, |row| Held {
    id: row.try_get("id")?,
    channel: column(row, "channel")?,
    full_name: row.try_get("full_name")?,
    birth_date: row.try_get("birth_date")?,
    sex: row.try_get("sex")?,
    phone: row.try_get("phone")?,
    residence_commune: row.try_get("residence_commune")?,
    residence_address: row.try_get("residence_address")?,
    origin_commune: row.try_get("origin_commune")?,
    destination_commune: row.try_get("destination_commune")?,
    travel_date: column(row, "travel_date")?,
    vehicle: row.try_get("vehicle")?,
    vehicle_plate: row.try_get("vehicle_plate")?,
    symptoms: row.try_get("symptoms")?,
    close_contact: super::flag_column(row, "close_contact")?,
    vaccination_doses: row.try_get("vaccination_doses")?,
    created_at: super::time_column(row, "created_at")?,
});

/// The declarations made under a document number with this (normalised) phone number, newest trip
/// first.
pub async fn held_for(conn: impl Conn<'_>, number: &str, phone: &str) -> Result<Vec<Held>> {
    sql!(
        query_as,
        "SELECT id, channel, full_name, birth_date, sex, phone, residence_commune,
            residence_address, origin_commune, destination_commune, travel_date, vehicle,
            vehicle_plate, symptoms, close_contact, vaccination_doses, created_at
        FROM declarations WHERE document_number = $1 AND phone = $2
        ORDER BY travel_date DESC, id DESC",
        number,
        phone
    )
    .fetch_all(conn)
    .await
}

/// A pass as its holder's look-up shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldPass {
    pub id: String,
    pub declaration_id: i64,
    pub issued_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

/// The passes issued for these declarations, oldest first.
pub async fn passes_for(
    conn: &mut sqlx::AnyConnection,
    declaration_ids: &[i64],
) -> Result<Vec<HeldPass>> {
    let sql = format!(
        "SELECT id, declaration_id, issued_at, expires_at, revoked_at FROM passes
        WHERE declaration_id IN ({}) ORDER BY issued_at",
        parameters(1, declaration_ids.len())
    );
    let sql = for_backend(conn, sql);
    let query = sql!(query_as, &sql);
    declaration_ids.iter().fold(query, |q, id| q.bind(*id)).fetch_all(&mut *conn).await
}
