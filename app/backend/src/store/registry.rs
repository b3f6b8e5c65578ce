//! The population registry: who is registered where, and where they currently reside.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::import::Extracted;
use super::{bind, column, decode, for_backend, sql, values_rows, Conn, Result};
use domain::registry::Entry;
use domain::{Sex, UnitCode};

/// The columns an entry fills, in the order of [`values`].
const COLUMNS: &str =
    "document_number, full_name, birth_date, sex, permanent_commune, current_commune,
    address";

const SELECT: &str = "SELECT document_number, full_name, birth_date, sex, permanent_commune,
    current_commune, address FROM registry_people";

fn entry(row: &AnyRow) -> Result<Entry> {
    let sex: String = row.try_get("sex")?;
    Ok(Entry {
        document_number: column(row, "document_number")?,
        full_name: row.try_get("full_name")?,
        birth_date: column(row, "birth_date")?,
        sex: Sex::parse(&sex).ok_or_else(|| sqlx::Error::Decode(format!("sex {sex:?}").into()))?,
        permanent_commune: column(row, "permanent_commune")?,
        current_commune: column(row, "current_commune")?,
        address: row.try_get("address")?,
    })
}

/// An entry's values in the order of [`COLUMNS`].
fn values(e: &Entry) -> [String; 7] {
    [
        e.document_number.to_string(),
        e.full_name.clone(),
        e.birth_date.to_string(),
        e.sex.as_str().to_owned(),
        e.permanent_commune.to_string(),
        e.current_commune.to_string(),
        e.address.clone(),
    ]
}

/// Rows per statement on SQLite: 7 parameters each.
const BATCH: usize = 500;

/// Inserts people whose document number is not yet registered; returns how many were added.
pub async fn insert_many(conn: &mut AnyConnection, people: &[Entry]) -> Result<u64> {
    let mut added = 0;
    for chunk in people.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO registry_people ({COLUMNS}) VALUES {} ON CONFLICT (document_number) DO NOTHING",
            values_rows(chunk.len(), &["$"; 7])
        );
        let sql = for_backend(conn, sql);
        let mut query = sqlx::query(&sql);
        for p in chunk {
            for value in values(p) {
                query = bind!(query, value);
            }
        }
        added += query.execute(&mut *conn).await?.rows_affected();
    }
    Ok(added)
}

pub async fn by_document_number(conn: impl Conn<'_>, number: &str) -> Result<Option<Entry>> {
    let sql = format!("{SELECT} WHERE document_number = $1");
    sqlx::query(&sql).bind(number).try_map(|row: AnyRow| entry(&row)).fetch_optional(conn).await
}

const RESIDENTS: &str = "SELECT p.current_commune, COUNT(*) FROM registry_people p
    JOIN units u ON u.tree = $1 AND u.code = p.current_commune
    WHERE u.path LIKE $2
    GROUP BY p.current_commune";

/// People currently residing per commune, for the communes whose unit path starts with `path_prefix`.
pub async fn residents_by_commune(
    conn: impl Conn<'_>,
    tree: &str,
    path_prefix: &str,
) -> Result<Vec<(UnitCode, i64)>> {
    let rows: Vec<(String, i64)> =
        sql!(query_as, RESIDENTS, tree, format!("{path_prefix}%")).fetch_all(conn).await?;
    rows.into_iter().map(|(commune, n)| Ok((decode(&commune)?, n))).collect()
}

impl Extracted for Entry {
    const TABLE: &'static str = "registry_people";
    const COLUMNS: &'static [&'static str] = &[
        "document_number",
        "full_name",
        "birth_date",
        "sex",
        "permanent_commune",
        "current_commune",
        "address",
    ];
    const KEY: &'static [&'static str] = &["document_number"];
    type Key = String;

    fn key(&self) -> String {
        self.document_number.to_string()
    }

    fn document_number(&self) -> &str {
        self.document_number.as_str()
    }

    fn values(&self) -> Vec<String> {
        values(self).into()
    }

    fn from_values(v: &[String]) -> Result<Entry> {
        Ok(Entry {
            document_number: decode(&v[0])?,
            full_name: v[1].clone(),
            birth_date: decode(&v[2])?,
            sex: Sex::parse(&v[3])
                .ok_or_else(|| sqlx::Error::Decode(format!("sex {:?}", v[3]).into()))?,
            permanent_commune: decode(&v[4])?,
            current_commune: decode(&v[5])?,
            address: v[6].clone(),
        })
    }
}
