//! The population registry: who is registered as resident where.

use sqlx::{AnyConnection, Row};

use super::{bind, column, decode, from_row, sql, values_rows, Conn, Result};
use domain::{Sex, UnitCode};

#[derive(Debug, Clone)]
pub struct Person {
    pub document_number: String,
    pub full_name: String,
    pub birth_date: String,
    pub sex: Sex,
    pub commune_code: UnitCode,
    pub address: String,
}

from_row!(Person, |row| {
    let sex: String = row.try_get("sex")?;
    Person {
        document_number: row.try_get("document_number")?,
        full_name: row.try_get("full_name")?,
        birth_date: row.try_get("birth_date")?,
        sex: Sex::parse(&sex).ok_or_else(|| sqlx::Error::Decode(format!("sex {sex:?}").into()))?,
        commune_code: column(row, "commune_code")?,
        address: row.try_get("address")?,
    }
});

const BATCH: usize = 500;

/// Inserts people whose document number is not yet registered; returns how many were added.
pub async fn insert_many(conn: &mut AnyConnection, people: &[Person]) -> Result<u64> {
    let mut added = 0;
    for chunk in people.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO registry_people (document_number, full_name, name_folded, birth_date, sex, commune_code, address)
             VALUES {} ON CONFLICT (document_number) DO NOTHING",
            values_rows(chunk.len(), &["$"; 7])
        );
        let mut query = sqlx::query(&sql);
        for p in chunk {
            query =
                bind!(query, &p.document_number, &p.full_name, domain::text::fold(&p.full_name));
            query =
                bind!(query, &p.birth_date, p.sex.as_str(), p.commune_code.as_str(), &p.address);
        }
        added += query.execute(&mut *conn).await?.rows_affected();
    }
    Ok(added)
}

const PERSON: &str = "SELECT document_number, full_name, birth_date, sex, commune_code, address
    FROM registry_people WHERE document_number = $1";

pub async fn by_document_number(conn: impl Conn<'_>, number: &str) -> Result<Option<Person>> {
    sql!(query_as, PERSON, number).fetch_optional(conn).await
}

const RESIDENTS: &str = "SELECT p.commune_code, COUNT(*) FROM registry_people p
    JOIN units u ON u.tree = $1 AND u.code = p.commune_code
    WHERE u.path LIKE $2
    GROUP BY p.commune_code";

/// Registered residents per commune, for the communes whose unit path starts with `path_prefix`.
pub async fn residents_by_commune(
    conn: impl Conn<'_>,
    tree: &str,
    path_prefix: &str,
) -> Result<Vec<(UnitCode, i64)>> {
    let rows: Vec<(String, i64)> =
        sql!(query_as, RESIDENTS, tree, format!("{path_prefix}%")).fetch_all(conn).await?;
    rows.into_iter().map(|(commune, n)| Ok((decode(&commune)?, n))).collect()
}
