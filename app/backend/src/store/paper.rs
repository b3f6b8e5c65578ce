//! Paper forms as typed at checkpoints, and the day's batches that count them.

use time::OffsetDateTime;

use super::{bind, for_backend, is_postgres, parameters, sql, values_rows, Conn, Result};
use crate::db::db_time;
use domain::date::CivilDate;
use domain::paper::Outcome;

/// Form numbers per look-up: one parameter each.
const PER_LOOKUP: usize = 2_000;

/// The stored forms of a checkpoint among these serial numbers, with the digest of what each held.
pub async fn fingerprints(
    conn: &mut sqlx::AnyConnection,
    checkpoint_code: &str,
    form_numbers: &[&str],
) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for chunk in form_numbers.chunks(PER_LOOKUP) {
        let sql = format!(
            "SELECT form_number, fingerprint FROM paper_forms
            WHERE checkpoint_code = $1 AND form_number IN ({})",
            parameters(2, chunk.len())
        );
        let sql = for_backend(conn, sql);
        let query = sql!(query_as, &sql, checkpoint_code);
        found.extend(chunk.iter().fold(query, |q, n| q.bind(*n)).fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

pub struct NewPaperForm<'a> {
    pub form_number: &'a str,
    pub collected_on: CivilDate,
    pub fingerprint: &'a str,
    pub outcome: Outcome,
    pub declaration_id: Option<i64>,
    /// The form as typed (JSON), for a form that needs checking.
    pub typed: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

const COLUMNS: &str = "checkpoint_code, form_number, collected_on, fingerprint, outcome,
    declaration_id, typed, override_reason, entered_by, entered_at";

/// Forms per statement: 10 parameters each on SQLite, one per chunk on PostgreSQL.
const PER_STATEMENT: usize = 2_000;

/// A form as its table row, named after the columns (see `declarations::TableRow`).
#[derive(serde::Serialize)]
struct TableRow<'a> {
    checkpoint_code: &'a str,
    form_number: &'a str,
    collected_on: String,
    fingerprint: &'a str,
    outcome: &'a str,
    declaration_id: Option<i64>,
    typed: Option<&'a str>,
    override_reason: Option<&'a str>,
    entered_by: &'a str,
    entered_at: &'a str,
}

/// Stores forms typed at one checkpoint by one official (run it in a transaction).
pub async fn insert_many(
    conn: &mut sqlx::AnyConnection,
    checkpoint_code: &str,
    entered_by: &str,
    forms: &[NewPaperForm<'_>],
    now: OffsetDateTime,
) -> Result<()> {
    let entered_at = db_time(now);
    for chunk in forms.chunks(PER_STATEMENT) {
        let rows = chunk.iter().map(|f| TableRow {
            checkpoint_code,
            form_number: f.form_number,
            collected_on: f.collected_on.to_string(),
            fingerprint: f.fingerprint,
            outcome: f.outcome.as_str(),
            declaration_id: f.declaration_id,
            typed: f.typed,
            override_reason: f.override_reason,
            entered_by,
            entered_at: &entered_at,
        });
        if is_postgres(conn) {
            let sql = format!(
                "INSERT INTO paper_forms ({COLUMNS}) SELECT {COLUMNS}
                FROM json_populate_recordset(NULL::paper_forms, $1::json)"
            );
            let json = serde_json::to_string(&rows.collect::<Vec<_>>())
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            sqlx::query(&sql).bind(json).execute(&mut *conn).await?;
        } else {
            let sql = format!(
                "INSERT INTO paper_forms ({COLUMNS}) VALUES {}",
                values_rows(chunk.len(), &["$"; 10])
            );
            let sql = for_backend(conn, sql);
            let mut query = sqlx::query(&sql);
            for r in rows {
                query = bind!(query, r.checkpoint_code, r.form_number, r.collected_on);
                query = bind!(query, r.fingerprint, r.outcome, r.declaration_id, r.typed);
                query = bind!(query, r.override_reason, r.entered_by, r.entered_at);
            }
            query.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// A stored form as typing it again must know it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredForm {
    pub id: i64,
    pub outcome: String,
    pub fingerprint: String,
}

pub async fn by_number(
    conn: impl Conn<'_>,
    checkpoint_code: &str,
    form_number: &str,
) -> Result<Option<StoredForm>> {
    let query = sql!(
        query_as,
        "SELECT id, outcome, fingerprint FROM paper_forms WHERE checkpoint_code = $1 AND form_number = $2",
        checkpoint_code,
        form_number
    );
    query.fetch_optional(conn).await
}

pub struct CheckedForm<'a> {
    pub id: i64,
    pub fingerprint: &'a str,
    pub outcome: Outcome,
    pub declaration_id: i64,
    pub override_reason: Option<&'a str>,
}

const CHECKED: &str = "UPDATE paper_forms SET fingerprint = $1, outcome = $2, declaration_id = $3,
        typed = NULL, override_reason = $4, entered_by = $5, entered_at = $6
    WHERE id = $7 AND outcome = 'needs_checking'";

/// A form that waited for checking, now checked and stored: false when someone else did it first.
pub async fn complete(
    conn: impl Conn<'_>,
    form: CheckedForm<'_>,
    entered_by: &str,
    now: OffsetDateTime,
) -> Result<bool> {
    let query = sql!(query, CHECKED, form.fingerprint, form.outcome.as_str(), form.declaration_id);
    let query = bind!(query, form.override_reason, entered_by, db_time(now), form.id);
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// A form that waits for someone to check the paper.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitingRow {
    pub form_number: String,
    pub collected_on: String,
    pub typed: Option<String>,
    pub entered_by: String,
    pub entered_at: String,
}

pub async fn waiting(conn: impl Conn<'_>, checkpoint_code: &str) -> Result<Vec<WaitingRow>> {
    let query = sql!(
        query_as,
        "SELECT form_number, collected_on, typed, entered_by, entered_at FROM paper_forms
        WHERE checkpoint_code = $1 AND outcome = 'needs_checking' ORDER BY entered_at, id",
        checkpoint_code
    );
    query.fetch_all(conn).await
}

const SET_COLLECTED: &str =
    "INSERT INTO paper_batches (checkpoint_code, collected_on, collected, opened_at, updated_by, updated_at)
    VALUES ($1, $2, $3, $4, $5, $4)
    ON CONFLICT (checkpoint_code, collected_on)
    DO UPDATE SET collected = excluded.collected, updated_by = excluded.updated_by,
        updated_at = excluded.updated_at";

/// How many forms a checkpoint collected on a day, as counted now.
pub async fn set_collected(
    conn: impl Conn<'_>,
    checkpoint_code: &str,
    day: CivilDate,
    collected: i64,
    by: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let query = sql!(query, SET_COLLECTED, checkpoint_code, day.to_string(), collected);
    bind!(query, db_time(now), by).execute(conn).await?;
    Ok(())
}

/// A checkpoint's day of paper: counted, typed, waiting for a check.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BatchRow {
    pub checkpoint_code: String,
    pub collected_on: String,
    pub collected: i64,
    pub typed: i64,
    pub needs_checking: i64,
    pub opened_at: String,
}

const BATCHES: &str = "SELECT b.checkpoint_code, b.collected_on, b.collected, b.opened_at,
        (SELECT COUNT(*) FROM paper_forms f
            WHERE f.checkpoint_code = b.checkpoint_code AND f.collected_on = b.collected_on) AS typed,
        (SELECT COUNT(*) FROM paper_forms f
            WHERE f.checkpoint_code = b.checkpoint_code AND f.collected_on = b.collected_on
            AND f.outcome = 'needs_checking') AS needs_checking
    FROM paper_batches b";

/// The batches of these checkpoints from `since` on, oldest first.
pub async fn batches(
    conn: impl Conn<'_>,
    checkpoint_codes: &[&str],
    since: CivilDate,
) -> Result<Vec<BatchRow>> {
    let sql = format!(
        "{BATCHES} WHERE b.collected_on >= $1 AND b.checkpoint_code IN ({})
        ORDER BY b.opened_at, b.checkpoint_code",
        parameters(2, checkpoint_codes.len())
    );
    let query = sql!(query_as, &sql, since.to_string());
    checkpoint_codes.iter().fold(query, |q, c| q.bind(*c)).fetch_all(conn).await
}

/// Removes the paper forms that no longer stand for a held declaration: those of the declarations
/// the purge takes, and the forms collected before `before` kept as typed for a check. How many.
pub async fn purge_before(conn: &mut sqlx::AnyConnection, before: CivilDate) -> Result<u64> {
    let before = before.to_string();
    let linked = format!(
        "DELETE FROM paper_forms WHERE declaration_id IN ({})",
        super::declarations::PURGED
    );
    let linked = sql!(query, &linked, &before).execute(&mut *conn).await?.rows_affected();
    let unlinked = sql!(
        query,
        "DELETE FROM paper_forms WHERE declaration_id IS NULL AND collected_on < $1",
        &before
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(linked + unlinked)
}
