//! What the benchmarks share: a fresh database on either backend with the demo's checkpoints and
//! accounts, and the plainest ways to write rows into a table (the baselines): batched multi-row
//! INSERTs in one transaction on SQLite, COPY on PostgreSQL.

use std::sync::Arc;

use anyhow::Context;
use sqlx::Connection;

use backend::config::Config;
use backend::db::Db;
use backend::key_encryption::{Kek, KekSource};
use backend::{demo, units, AppState, Official};

/// The backends to measure on: SQLite in `dir`, and PostgreSQL at ZONEPASS_BENCH_POSTGRES (default
/// postgres://postgres@127.0.0.1:5432/postgres) when it answers.
pub async fn backends(dir: &tempfile::TempDir) -> Vec<(&'static str, String)> {
    sqlx::any::install_default_drivers();
    let postgres = std::env::var("ZONEPASS_BENCH_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let mut backends = vec![("sqlite", format!("sqlite://{}", dir.path().display()))];
    match sqlx::AnyConnection::connect(&postgres).await {
        Ok(_) => backends.push(("postgres", postgres)),
        Err(e) => eprintln!("PostgreSQL at {postgres} left out: {e}"),
    }
    backends
}

/// A new database on the backend, migrated, with the demo's checkpoints and accounts.
pub async fn fresh(backend: &str, base: &str, name: &str) -> anyhow::Result<(AppState, String)> {
    let url = if backend == "sqlite" {
        format!("{base}/{name}.db?mode=rwc")
    } else {
        let db_name = format!("zp_bench_{name}_{:08x}", rand::random::<u32>());
        let mut admin = sqlx::AnyConnection::connect(base).await?;
        sqlx::query(&format!("CREATE DATABASE {db_name}")).execute(&mut admin).await?;
        let (server, _) = base.rsplit_once('/').context("a PostgreSQL URL ends with /DATABASE")?;
        format!("{server}/{db_name}")
    };
    let mut config = Config::from_env();
    config.database_url = url.clone();
    config.kek = KekSource::Value(Kek::generate().encoded());
    let db = Db::connect(&url).await?;
    let operator = Official::operator("bench");
    let now = time::OffsetDateTime::now_utc();
    let kek = zonepass::prepare(&db, &config.kek, &operator, now).await?;
    let tree = units::load_active(&db).await?;
    let state = AppState::new(db, config, tree, Arc::new(kek));
    demo::ensure(&state, &operator, 1, 0).await.map_err(|e| anyhow::anyhow!("demo data: {e}"))?;
    Ok((state, url))
}

/// The baseline on SQLite: multi-row INSERTs of 400 rows into `table` in one transaction, every value
/// bound as text (the columns' affinity stores numbers as numbers).
pub async fn batched_inserts<R: AsRef<[String]>>(
    state: &AppState,
    table: &str,
    columns: &str,
    rows: &[R],
) -> anyhow::Result<()> {
    let width = rows.first().map_or(0, |r| r.as_ref().len());
    let mut tx = state.db.write.begin().await?;
    for chunk in rows.chunks(400) {
        // Anonymous parameters: SQLite binds numbered ones in quadratic time.
        let group = format!("({})", vec!["?"; width].join(","));
        let groups = vec![group; chunk.len()];
        let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", groups.join(","));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row.as_ref() {
                query = query.bind(value.as_str());
            }
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The baseline on PostgreSQL: one COPY of every row into `table`.
pub async fn copy<R: AsRef<[String]>>(
    url: &str,
    table: &str,
    columns: &str,
    rows: &[R],
) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    // Every field quoted: in COPY's CSV an unquoted empty field is NULL, and these are empty strings.
    let mut data = String::new();
    for row in rows {
        let quoted: Vec<String> =
            row.as_ref().iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        data.push_str(&quoted.join(","));
        data.push('\n');
    }
    let mut copy =
        conn.copy_in_raw(&format!("COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)")).await?;
    copy.send(data.into_bytes()).await?;
    copy.finish().await?;
    Ok(())
}
