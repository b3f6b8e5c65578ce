//! Benchmark (scripts/bench): importing a population registry extract against the plainest way to
//! put the same rows into the same table, measured in the same run on fresh databases: batched
//! multi-row INSERTs in one transaction on SQLite, COPY on PostgreSQL. ZonePass's import also reads
//! and checks every row, looks each batch up to tell new from changed from unchanged, and writes a
//! transaction per batch; importing the same file again (all unchanged) is measured too.
//!
//! `cargo run --release -p zonepass --example registry_import -- [PEOPLE]` (default 2,000,000);
//! PostgreSQL from ZONEPASS_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres),
//! left out when absent. Prints one JSON object per backend.

use std::io::Write;
use std::time::Instant;

use serde_json::json;

use backend::store::import::Extracted;
use backend::{demo, registry, AppState};
use domain::registry::{Column, Entry};
use domain::UnitCode;

mod common;
use common::{backends, batched_inserts, copy, fresh};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    zonepass::telemetry::init_logging();
    let people: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(2_000_000);
    let dir = tempfile::tempdir()?;
    let backends = backends(&dir).await;
    let file = dir.path().join("registry.csv");
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (backend, base) in backends {
        let (baseline_state, baseline_db) = fresh(backend, &base, "baseline").await?;
        if rows.is_empty() {
            rows = write_extract(&baseline_state, people, &file)?;
        }
        let started = Instant::now();
        match backend {
            "sqlite" => batched_inserts(&baseline_state, "registry_people", COLUMNS, &rows).await?,
            _ => copy(&baseline_db, "registry_people", COLUMNS, &rows).await?,
        }
        let baseline = started.elapsed().as_secs_f64();
        drop(baseline_state);

        let (state, _) = fresh(backend, &base, "import").await?;
        let operator = backend::Official::operator("bench");
        let started = Instant::now();
        let first = registry::import_csv(&state, &operator, &file, &|_, _| {})
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let import = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let again = registry::import_csv(&state, &operator, &file, &|_, _| {})
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let reimport = started.elapsed().as_secs_f64();
        println!(
            "{}",
            json!({
                "backend": backend, "people": rows.len(),
                "baseline": if backend == "sqlite" { "batched INSERT, one transaction" } else { "COPY" },
                "baseline_seconds": baseline, "import_seconds": import,
                "baseline_rows_per_second": rows.len() as f64 / baseline,
                "import_rows_per_second": rows.len() as f64 / import,
                "import_to_baseline": baseline / import,
                "added": first.added, "rejected": first.rejected,
                "reimport_seconds": reimport, "reimport_unchanged": again.unchanged,
            })
        );
    }
    Ok(())
}

/// Hải Dương's synthetic people as an extract file, and as the rows the baseline writes.
fn write_extract(
    state: &AppState,
    people: usize,
    path: &std::path::Path,
) -> anyhow::Result<Vec<Vec<String>>> {
    let units = state.units();
    let province = UnitCode::parse("30")?;
    let population: Vec<Entry> = demo::synthetic_population(&units.tree, &province, 2021, people);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.as_str()).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut csv = csv::Writer::from_writer(out);
    for p in &population {
        let (number, date) = (p.document_number.to_string(), p.birth_date.to_string());
        let (permanent, current) = (p.permanent_commune.to_string(), p.current_commune.to_string());
        csv.write_record([
            number.as_str(),
            &p.full_name,
            &date,
            p.sex.as_str(),
            &permanent,
            &current,
            &p.address,
        ])?;
    }
    csv.flush()?;
    Ok(population.iter().map(Extracted::values).collect())
}

const COLUMNS: &str =
    "document_number, full_name, birth_date, sex, permanent_commune, current_commune, address";
