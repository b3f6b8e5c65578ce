//! Paper forms as typed at checkpoints, and the day's batches that count them.

use time::OffsetDateTime;

use super::{bind, parameters, sql, values_rows, Result};
use crate::db::db_time;
use domain::date::CivilDate;
use domain::paper::Outcome;

/// Form numbers per look-up: one parameter each.
const PER_LOOKUP: usize = 500;

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
const PER_STATEMENT: usize = 800;

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
