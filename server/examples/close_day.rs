//! Benchmark (scripts/bench): closing a day of declarations (3% of them a person's second for the
//! day) against a single indexed `GROUP BY` over the same rows, measured in the same run on fresh
//! databases. The close draws its line, counts each person's newest declaration (kept as declarations
//! are stored; the bulk load here fills it in one statement, timed on its own) with their first
//! crossing, adds the people seen crossing without one, and stores every commune's counts; the
//! baseline only counts the day's rows per commune, from an index of its own.
//!
//! `cargo run --release -p zonepass --example close_day -- [ROWS]` (default 1,000,000); PostgreSQL from
//! ZONEPASS_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres), left out when absent.
//! Prints one JSON object per backend.

use std::time::Instant;

use serde_json::json;

use backend::{daily_lists, demo, local_time, Official};
use domain::UnitCode;

mod common;
use common::{backends, batched_inserts, copy, fresh};
mod declaration_rows;
use declaration_rows::{declaration_row, COLUMNS};

/// People who declare twice for the day, in percent of the rows.
const REPEATED_PERCENT: usize = 3;

const BASELINE_INDEX: &str =
    "CREATE INDEX bench_day_destination ON declarations (travel_date, destination_commune)";

const GROUP_BY: &str = "SELECT destination_commune, COUNT(*) FROM declarations
    WHERE travel_date = $1 GROUP BY destination_commune";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    zonepass::telemetry::init_logging();
    let rows: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let backends = backends(&dir).await;
    for (backend, base) in backends {
        let (state, url) = fresh(backend, &base, "close").await?;
        let units = state.units();
        let province = UnitCode::parse(demo::PROVINCE)?;
        let people = demo::synthetic_population(&units.tree, &province, 2021, rows);
        // Yesterday's trips: the newest day that may be closed now.
        let day = local_time::today(state.now()).add_days(-1);
        let (day_text, created_at) = (day.to_string(), backend::db::db_time(state.now()));
        let mut values: Vec<[String; 20]> = people
            .iter()
            .enumerate()
            .map(|(i, p)| declaration_row(p, i, &day_text, &created_at, format!("bench:{i}")))
            .collect();
        drop(people);
        // Some people declare twice, the second time for somewhere else: only the newer is listed.
        let repeated = rows * REPEATED_PERCENT / 100;
        for k in 0..repeated {
            values[rows - repeated + k][1] = values[k][1].clone();
        }
        let started = Instant::now();
        match backend {
            "sqlite" => batched_inserts(&state, "declarations", COLUMNS, &values).await?,
            _ => copy(&url, "declarations", COLUMNS, &values).await?,
        }
        let loaded = started.elapsed().as_secs_f64();
        drop(values);
        // What storing each declaration keeps as it goes, done for the whole load at once.
        let started = Instant::now();
        backend::store::declarations::note_travellers(&state.db.write, 1, i64::MAX).await?;
        let noted = started.elapsed().as_secs_f64();
        // The baseline's own index: ZonePass has none by destination for it to use.
        sqlx::query(BASELINE_INDEX).execute(&state.db.write).await?;
        if backend == "postgres" {
            // Both are measured on fresh statistics, as the close itself makes them.
            sqlx::query("ANALYZE").execute(&state.db.write).await?;
        }

        let started = Instant::now();
        let counted: Vec<(String, i64)> =
            sqlx::query_as(GROUP_BY).bind(&day_text).fetch_all(&state.db.read).await?;
        let group_by = started.elapsed().as_secs_f64();

        let started = Instant::now();
        let closed = daily_lists::close_day(&state, &Official::operator("bench"), day)
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let close = started.elapsed().as_secs_f64();
        let baseline_total: i64 = counted.iter().map(|(_, n)| n).sum();
        anyhow::ensure!(
            closed.arrivals == baseline_total - repeated as i64,
            "the close counted {} arrivals of {baseline_total} declarations, {repeated} repeated",
            closed.arrivals
        );
        println!(
            "{}",
            json!({
                "backend": backend, "rows": rows, "load_seconds": loaded,
                "note_travellers_seconds": noted,
                "group_by_seconds": group_by, "close_seconds": close,
                "close_to_group_by": close / group_by,
                "arrivals": closed.arrivals, "repeated": repeated, "communes": closed.communes,
            })
        );
    }
    Ok(())
}
