//! Doses as the vaccination database records them, one row per person and dose.

use std::collections::HashMap;

use super::import::Extracted;
use super::{decode, parameters, Result};
use domain::vaccination::Shot;

impl Extracted for Shot {
    const TABLE: &'static str = "registry_vaccinations";
    const COLUMNS: &'static [&'static str] =
        &["document_number", "dose", "given_on", "vaccine", "site"];
    const KEY: &'static [&'static str] = &["document_number", "dose"];
    type Key = (String, u8);

    fn key(&self) -> (String, u8) {
        (self.document_number.to_string(), self.dose)
    }

    fn document_number(&self) -> &str {
        self.document_number.as_str()
    }

    fn values(&self) -> Vec<String> {
        vec![
            self.document_number.to_string(),
            self.dose.to_string(),
            self.date.to_string(),
            self.vaccine.clone(),
            self.site.clone(),
        ]
    }

    fn from_values(v: &[String]) -> Result<Shot> {
        Ok(Shot {
            document_number: decode(&v[0])?,
            dose: decode(&v[1])?,
            date: decode(&v[2])?,
            vaccine: v[3].clone(),
            site: v[4].clone(),
        })
    }
}

/// Numbers looked up per statement.
const PER_LOOKUP: usize = 500;

/// How many doses are on record for each of `numbers` that has any.
pub async fn doses_of(
    conn: &mut sqlx::AnyConnection,
    numbers: &[&str],
) -> Result<HashMap<String, usize>> {
    let mut out = HashMap::with_capacity(numbers.len());
    // A province's list is tens of thousands of people: looked up a few hundred at a time, below
    // either backend's limit on parameters.
    for chunk in numbers.chunks(PER_LOOKUP) {
        let sql = format!(
            "SELECT document_number, COUNT(*) FROM registry_vaccinations
             WHERE document_number IN ({}) GROUP BY document_number",
            parameters(1, chunk.len())
        );
        let query = chunk.iter().fold(sqlx::query_as::<_, (String, i64)>(&sql), |q, n| q.bind(*n));
        for (n, count) in query.fetch_all(&mut *conn).await? {
            out.insert(n, usize::try_from(count).unwrap_or(0));
        }
    }
    Ok(out)
}
