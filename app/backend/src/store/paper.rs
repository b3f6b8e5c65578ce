//! Paper forms as typed at checkpoints, and the day's batches that count them.

use time::OffsetDateTime;

use super::{bind, for_backend, parameters, sql, values_rows, Conn, Result};
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

const NEW_FORM: [&str; 10] = ["$"; 10];
/// Forms per statement: 10 parameters each.
const PER_STATEMENT: usize = 2_000;

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
        let sql = format!(
            "INSERT INTO paper_forms (checkpoint_code, form_number, collected_on, fingerprint, outcome,
                declaration_id, typed, override_reason, entered_by, entered_at)
            VALUES {}",
            values_rows(chunk.len(), &NEW_FORM)
        );
        let sql = for_backend(conn, sql);
        let mut query = sqlx::query(&sql);
        for f in chunk {
            query = bind!(query, checkpoint_code, f.form_number, f.collected_on.to_string());
            query = bind!(query, f.fingerprint, f.outcome.as_str(), f.declaration_id, f.typed);
            query = bind!(query, f.override_reason, entered_by, entered_at.clone());
        }
        query.execute(&mut *conn).await?;
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
