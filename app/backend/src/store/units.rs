//! Administrative-unit trees. Several trees may be stored (the three-tier tree of 2021 and the two-tier
//! tree of 2025); one is active, and the app holds it in memory.

use sqlx::AnyConnection;

use super::{bind, coordinate, flag, sql, values_rows, Conn, Result};
use crate::db::db_time;
use domain::{Unit, UnitCode, UnitTree};

/// Rows per INSERT: 9 parameters each stays well under both backends' parameter limits.
const BATCH: usize = 500;

pub async fn active_tree_id(conn: impl Conn<'_>) -> Result<Option<String>> {
    sql!(query_scalar, "SELECT id FROM unit_trees WHERE active = 1").fetch_optional(conn).await
}

/// Replaces the stored tree `id` with `tree`, and makes it the active one if asked.
pub async fn store_tree(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    tree: &UnitTree,
    activate: bool,
    now: time::OffsetDateTime,
) -> Result<()> {
    sql!(query, "DELETE FROM units WHERE tree = $1", id).execute(&mut *conn).await?;
    sql!(query, "DELETE FROM unit_trees WHERE id = $1", id).execute(&mut *conn).await?;
    if activate {
        sql!(query, "UPDATE unit_trees SET active = 0").execute(&mut *conn).await?;
    }
    const INSERT_TREE: &str =
        "INSERT INTO unit_trees (id, name, active, loaded_at) VALUES ($1, $2, $3, $4)";
    sql!(query, INSERT_TREE, id, name, flag(activate), db_time(now)).execute(&mut *conn).await?;
    let units: Vec<&Unit> = tree.iter().collect();
    for chunk in units.chunks(BATCH) {
        const DOUBLE: &str = "CAST($ AS DOUBLE PRECISION)";
        let sql = format!(
            "INSERT INTO units (tree, code, name, level, unit_type, parent_code, lat, lon, path) VALUES {}",
            values_rows(chunk.len(), &["$", "$", "$", "$", "$", "$", DOUBLE, DOUBLE, "$"])
        );
        let mut query = sqlx::query(&sql);
        for u in chunk {
            let parent = u.parent.as_ref().map(|p| p.as_str().to_owned());
            query = bind!(query, id, u.code.as_str(), &u.name, &u.level, &u.unit_type, parent);
            query = bind!(query, coordinate(u.lat), coordinate(u.lon), tree.path_key(&u.code));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Brings PostgreSQL's statistics of the units up to date after a tree is stored. Every list reads
/// its communes through this table; planned as if it held the handful of rows it had before, the
/// close's count would be recomputed once per unit.
pub async fn refresh_statistics(conn: &mut AnyConnection) -> Result<()> {
    if super::is_postgres(conn) {
        sql!(query, "ANALYZE units").execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    code: String,
    name: String,
    level: String,
    unit_type: String,
    parent_code: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

const LOAD: &str =
    "SELECT code, name, level, unit_type, parent_code, lat, lon FROM units WHERE tree = $1 ORDER BY code";

pub async fn load(conn: impl Conn<'_>, id: &str) -> Result<Vec<Unit>> {
    let rows: Vec<UnitRow> = sql!(query_as, LOAD, id).fetch_all(conn).await?;
    let decode = |e| sqlx::Error::Decode(Box::new(e));
    rows.into_iter()
        .map(|r| {
            Ok(Unit {
                code: UnitCode::parse(&r.code).map_err(decode)?,
                parent: r
                    .parent_code
                    .as_deref()
                    .map(UnitCode::parse)
                    .transpose()
                    .map_err(decode)?,
                name: r.name,
                level: r.level,
                unit_type: r.unit_type,
                lat: r.lat,
                lon: r.lon,
            })
        })
        .collect()
}
