//! Reconciliation of arrivals with the registry: each arrival's proposal and the officer's decision,
//! and the registry corrections proposed on the way.

use std::collections::BTreeMap;

use sqlx::any::AnyRow;
use sqlx::Row;
use time::OffsetDateTime;

use super::{bind, column, for_backend, parameters, sql, time_column, values_rows, Conn, Result};
use crate::db::db_time;
use domain::date::CivilDate;
use domain::reconciliation::{Decision, Difference, Field, Proposal, Review};
use domain::registry::Entry;
use domain::{Sex, UnitCode};

/// An arrival's reconciliation as stored.
#[derive(Debug, Clone)]
pub struct Reconciled {
    pub id: i64,
    pub day: CivilDate,
    pub commune: UnitCode,
    pub document_number: String,
    pub proposal: Proposal,
    pub differences: Vec<Difference>,
    pub decision: Option<Decision>,
    pub note: String,
    pub corrections: BTreeMap<Field, String>,
}

fn json<T: serde::de::DeserializeOwned>(row: &AnyRow, name: &str) -> Result<T> {
    let raw: String = row.try_get(name)?;
    serde_json::from_str(&raw).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

fn reconciled(row: &AnyRow) -> Result<Reconciled> {
    let decision: Option<String> = row.try_get("decision")?;
    Ok(Reconciled {
        id: row.try_get("id")?,
        day: column(row, "day")?,
        commune: column(row, "commune_code")?,
        document_number: row.try_get("document_number")?,
        proposal: Proposal::parse(&row.try_get::<String, _>("proposal")?)
            .ok_or_else(|| sqlx::Error::Decode("proposal".into()))?,
        differences: json(row, "differences")?,
        decision: match decision {
            Some(d) => {
                Some(Decision::parse(&d).ok_or_else(|| sqlx::Error::Decode("decision".into()))?)
            }
            None => None,
        },
        note: row.try_get("note")?,
        corrections: json(row, "corrections")?,
    })
}

const SELECT: &str =
    "SELECT id, day, commune_code, document_number, proposal, differences, decision,
    note, corrections FROM reconciliations";

/// What a traveller declared for the day, as reconciliation compares it: their newest declaration.
#[derive(Debug, Clone)]
pub struct Declared {
    pub document_number: String,
    pub full_name: String,
    pub birth_date: CivilDate,
    pub sex: Sex,
    pub residence_commune: UnitCode,
    pub residence_address: String,
    pub vaccination_doses: u8,
}

/// Numbers looked up per statement.
const PER_LOOKUP: usize = 500;

/// The newest declaration of the day of each of `numbers` that has one.
pub async fn declared(
    conn: &mut sqlx::AnyConnection,
    day: CivilDate,
    numbers: &[&str],
) -> Result<Vec<Declared>> {
    let mut out = Vec::with_capacity(numbers.len());
    for chunk in numbers.chunks(PER_LOOKUP) {
        let sql = for_backend(
            conn,
            format!(
                "SELECT d.document_number, d.full_name, d.birth_date, d.sex, d.residence_commune,
                    d.residence_address, d.vaccination_doses
                 FROM day_travellers t JOIN declarations d ON d.id = t.declaration_id
                 WHERE t.travel_date = $1 AND t.document_number IN ({})",
                parameters(2, chunk.len())
            ),
        );
        let mut query = sqlx::query(&sql).bind(day.to_string());
        for n in chunk {
            query = query.bind(*n);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let sex: String = row.try_get("sex")?;
            out.push(Declared {
                document_number: row.try_get("document_number")?,
                full_name: row.try_get("full_name")?,
                birth_date: column(&row, "birth_date")?,
                sex: Sex::parse(&sex).ok_or_else(|| sqlx::Error::Decode("sex".into()))?,
                residence_commune: column(&row, "residence_commune")?,
                residence_address: row.try_get("residence_address")?,
                vaccination_doses: u8::try_from(row.try_get::<i64, _>("vaccination_doses")?)
                    .unwrap_or(u8::MAX),
            });
        }
    }
    Ok(out)
}

/// The registry's entries for `numbers`, for those it holds.
pub async fn registered(conn: &mut sqlx::AnyConnection, numbers: &[&str]) -> Result<Vec<Entry>> {
    let mut out = Vec::with_capacity(numbers.len());
    for chunk in numbers.chunks(PER_LOOKUP) {
        let sql = for_backend(
            conn,
            format!(
                "SELECT document_number, full_name, birth_date, sex, permanent_commune,
                    current_commune, address FROM registry_people WHERE document_number IN ({})",
                parameters(1, chunk.len())
            ),
        );
        let mut query = sqlx::query(&sql);
        for n in chunk {
            query = query.bind(*n);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let sex: String = row.try_get("sex")?;
            out.push(Entry {
                document_number: column(&row, "document_number")?,
                full_name: row.try_get("full_name")?,
                birth_date: column(&row, "birth_date")?,
                sex: Sex::parse(&sex).ok_or_else(|| sqlx::Error::Decode("sex".into()))?,
                permanent_commune: column(&row, "permanent_commune")?,
                current_commune: column(&row, "current_commune")?,
                address: row.try_get("address")?,
            });
        }
    }
    Ok(out)
}

/// A proposal for an arrival, as looked up now.
pub struct Proposed<'a> {
    pub document_number: &'a str,
    pub proposal: Proposal,
    pub differences: &'a [Difference],
}

/// Rows per statement: 5 parameters each.
const PER_STATEMENT: usize = 400;

/// Writes the proposals for a commune's arrivals of a day: new arrivals are added, and those not
/// decided yet take the proposal as looked up now (the registry may have been loaded since); a
/// decided arrival keeps what it was decided on.
pub async fn propose(
    conn: &mut sqlx::AnyConnection,
    day: CivilDate,
    commune: &UnitCode,
    proposed: &[Proposed<'_>],
) -> Result<()> {
    for chunk in proposed.chunks(PER_STATEMENT) {
        let sql = for_backend(
            conn,
            format!(
                "INSERT INTO reconciliations (day, commune_code, document_number, proposal, differences)
                 VALUES {} ON CONFLICT (day, commune_code, document_number) DO UPDATE
                 SET proposal = excluded.proposal, differences = excluded.differences
                 WHERE reconciliations.decision IS NULL
                    AND (reconciliations.proposal <> excluded.proposal
                        OR reconciliations.differences <> excluded.differences)",
                values_rows(chunk.len(), &["$"; 5])
            ),
        );
        let mut query = sqlx::query(&sql);
        for p in chunk {
            query = bind!(query, day.to_string(), commune.as_str(), p.document_number);
            query = bind!(query, p.proposal.as_str(), to_json(&p.differences)?);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A commune's reconciliations of a day.
pub async fn of_commune(
    conn: impl Conn<'_>,
    day: CivilDate,
    commune: &UnitCode,
) -> Result<Vec<Reconciled>> {
    let sql = format!("{SELECT} WHERE day = $1 AND commune_code = $2 ORDER BY id");
    sql!(query, &sql, day.to_string(), commune.as_str())
        .try_map(|row: AnyRow| reconciled(&row))
        .fetch_all(conn)
        .await
}

pub async fn by_id(conn: impl Conn<'_>, id: i64) -> Result<Option<Reconciled>> {
    let sql = format!("{SELECT} WHERE id = $1");
    sql!(query, &sql, id).try_map(|row: AnyRow| reconciled(&row)).fetch_optional(conn).await
}

/// Records an officer's decision.
pub async fn decide(
    conn: impl Conn<'_>,
    id: i64,
    decision: Decision,
    note: &str,
    corrections: &BTreeMap<Field, String>,
    by: &str,
    at: OffsetDateTime,
) -> Result<()> {
    sql!(
        query,
        "UPDATE reconciliations SET decision = $1, note = $2, corrections = $3, decided_by = $4,
            decided_at = $5 WHERE id = $6",
        decision.as_str(),
        note,
        to_json(corrections)?,
        by,
        db_time(at),
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A registry correction proposed by an officer, waiting for the commune chief.
pub struct NewCorrection<'a> {
    pub reconciliation_id: i64,
    pub commune: &'a UnitCode,
    pub document_number: &'a str,
    pub proposed: &'a BTreeMap<Field, String>,
    pub registered: &'a BTreeMap<Field, String>,
    pub evidence: &'a str,
}

pub async fn propose_correction(
    conn: impl Conn<'_>,
    c: NewCorrection<'_>,
    by: &str,
    at: OffsetDateTime,
) -> Result<()> {
    sql!(
        query,
        "INSERT INTO registry_corrections (reconciliation_id, commune_code, document_number,
            proposed, registered, evidence, proposed_by, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        c.reconciliation_id,
        c.commune.as_str(),
        c.document_number,
        to_json(c.proposed)?,
        to_json(c.registered)?,
        c.evidence,
        by,
        db_time(at)
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The reconciliations of a day of these people, in whichever commune they arrived.
pub async fn of_people(
    conn: &mut sqlx::AnyConnection,
    day: CivilDate,
    numbers: &[&str],
) -> Result<Vec<Reconciled>> {
    let mut out = Vec::with_capacity(numbers.len());
    for chunk in numbers.chunks(PER_LOOKUP) {
        let sql = for_backend(
            conn,
            format!(
                "{SELECT} WHERE day = $1 AND document_number IN ({})",
                parameters(2, chunk.len())
            ),
        );
        let mut query = sqlx::query(&sql).bind(day.to_string());
        for n in chunk {
            query = query.bind(*n);
        }
        for row in query.fetch_all(&mut *conn).await? {
            out.push(reconciled(&row)?);
        }
    }
    Ok(out)
}

/// A registry correction proposed by a commune officer, and its review.
#[derive(Debug, Clone)]
pub struct Correction {
    pub id: i64,
    pub commune: UnitCode,
    pub document_number: String,
    pub proposed: BTreeMap<Field, String>,
    pub registered: BTreeMap<Field, String>,
    pub evidence: String,
    pub status: Review,
    pub proposed_by: String,
    pub proposed_at: OffsetDateTime,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<OffsetDateTime>,
}

fn correction(row: &AnyRow) -> Result<Correction> {
    let status: String = row.try_get("status")?;
    let reviewed_at: Option<String> = row.try_get("reviewed_at")?;
    Ok(Correction {
        id: row.try_get("id")?,
        commune: column(row, "commune_code")?,
        document_number: row.try_get("document_number")?,
        proposed: json(row, "proposed")?,
        registered: json(row, "registered")?,
        evidence: row.try_get("evidence")?,
        status: Review::parse(&status).ok_or_else(|| sqlx::Error::Decode("status".into()))?,
        proposed_by: row.try_get("proposed_by")?,
        proposed_at: time_column(row, "proposed_at")?,
        reviewed_by: row.try_get("reviewed_by")?,
        reviewed_at: reviewed_at.as_deref().map(super::decode_time).transpose()?,
    })
}

const CORRECTIONS: &str =
    "SELECT id, commune_code, document_number, proposed, registered, evidence,
    status, proposed_by, proposed_at, reviewed_by, reviewed_at FROM registry_corrections";

/// A commune's registry corrections, of one status or all, oldest first.
pub async fn corrections(
    conn: impl Conn<'_>,
    commune: &UnitCode,
    status: Option<Review>,
) -> Result<Vec<Correction>> {
    let sql =
        format!("{CORRECTIONS} WHERE commune_code = $1 AND ($2 = '' OR status = $2) ORDER BY id");
    let status = status.map_or("", Review::as_str);
    sql!(query, &sql, commune.as_str(), status)
        .try_map(|row: AnyRow| correction(&row))
        .fetch_all(conn)
        .await
}

pub async fn correction_by_id(conn: impl Conn<'_>, id: i64) -> Result<Option<Correction>> {
    let sql = format!("{CORRECTIONS} WHERE id = $1");
    sql!(query, &sql, id).try_map(|row: AnyRow| correction(&row)).fetch_optional(conn).await
}

/// Records the chief's review of a correction still waiting for one; whether it was.
pub async fn review_correction(
    conn: impl Conn<'_>,
    id: i64,
    review: Review,
    by: &str,
    at: OffsetDateTime,
) -> Result<bool> {
    let done = sql!(
        query,
        "UPDATE registry_corrections SET status = $1, reviewed_by = $2, reviewed_at = $3
         WHERE id = $4 AND status = 'proposed'",
        review.as_str(),
        by,
        db_time(at),
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the reconciliations of days before `before`, with the registry corrections proposed from
/// them: how many of each.
pub async fn purge_before(conn: &mut sqlx::AnyConnection, before: CivilDate) -> Result<(u64, u64)> {
    let before = before.to_string();
    let corrections = sql!(
        query,
        "DELETE FROM registry_corrections WHERE reconciliation_id IN
            (SELECT id FROM reconciliations WHERE day < $1)",
        &before
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let reconciliations = sql!(query, "DELETE FROM reconciliations WHERE day < $1", &before)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok((reconciliations, corrections))
}

/// The days and communes where a person's arrival has been decided on.
pub async fn decided_for(
    conn: impl Conn<'_>,
    document_number: &str,
) -> Result<Vec<(CivilDate, UnitCode)>> {
    let rows = sql!(
        query,
        "SELECT day, commune_code FROM reconciliations
         WHERE document_number = $1 AND decision IS NOT NULL",
        document_number
    )
    .fetch_all(conn)
    .await?;
    rows.iter().map(|r| Ok((column(r, "day")?, column(r, "commune_code")?))).collect()
}
