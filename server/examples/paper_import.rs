//! Benchmark (scripts/bench): importing paper forms against the plainest way to put the same rows into
//! the same table, measured in the same run on fresh databases: batched multi-row INSERTs in one
//! transaction on SQLite, COPY on PostgreSQL. ZonePass's import also reads the CSV, checks every form,
//! looks for the same person's trip and stores the forms themselves.
//!
//! `cargo run --release -p zonepass --example paper_import -- [ROWS]`; PostgreSQL from
//! ZONEPASS_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres), left out when absent.
//! Prints one JSON object per backend.

use std::time::Instant;

use serde_json::json;

use backend::paper::{self, OnError};
use backend::{demo, local_time, AppState};
use domain::paper::Column;
use domain::UnitCode;

mod common;
use common::{backends, batched_inserts, copy, fresh};
mod declaration_rows;
use declaration_rows::{declaration_row, doses, phone, COLUMNS};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    zonepass::telemetry::init_logging();
    let rows: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let backends = backends(&dir).await;
    for (backend, base) in backends {
        let (baseline_state, baseline_db) = fresh(backend, &base, "baseline").await?;
        let forms = Forms::of(&baseline_state, rows);
        let started = Instant::now();
        match backend {
            "sqlite" => {
                batched_inserts(&baseline_state, "declarations", COLUMNS, &forms.values).await?
            }
            _ => copy(&baseline_db, "declarations", COLUMNS, &forms.values).await?,
        }
        let baseline = started.elapsed().as_secs_f64();
        drop(baseline_state);

        let (state, _) = fresh(backend, &base, "import").await?;
        let officer = paper::console_officer(&state, "bench", "HD01")
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let started = Instant::now();
        let imported = paper::import_csv(
            &state,
            &officer,
            "HD01",
            forms.csv.as_bytes(),
            OnError::Skip,
            &|_, _| {},
        )
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let import = started.elapsed().as_secs_f64();
        let r = imported.report;
        println!(
            "{}",
            json!({
                "backend": backend, "rows": rows,
                "baseline": if backend == "sqlite" { "batched INSERT, one transaction" } else { "COPY" },
                "baseline_seconds": baseline, "import_seconds": import,
                "baseline_rows_per_second": rows as f64 / baseline,
                "import_rows_per_second": rows as f64 / import,
                "import_to_baseline": baseline / import,
                "imported": r.imported, "linked": r.linked, "duplicates": r.duplicates,
                "rejected": r.rejected.len(),
            })
        );
    }
    Ok(())
}

/// The same forms twice: as the CSV file a checkpoint uploads, and as the declaration rows the
/// baseline writes straight into the table.
struct Forms {
    csv: String,
    values: Vec<[String; 20]>,
}

impl Forms {
    /// Synthetic residents of Hải Dương coming home from Hà Nội today, each on their own paper form.
    fn of(state: &AppState, rows: usize) -> Forms {
        let units = state.units();
        let province = UnitCode::parse(demo::PROVINCE).unwrap_or_else(|_| unreachable!());
        let people = demo::synthetic_population(&units.tree, &province, 2021, rows);
        let now = state.now();
        let today = local_time::today(now).to_string();
        let created_at = backend::db::db_time(now);
        let header: Vec<&str> = Column::ALL.iter().map(|c| c.as_str()).collect();
        let mut csv = header.join(",") + "\n";
        let mut values = Vec::with_capacity(rows);
        for (i, p) in people.iter().enumerate() {
            let form = format!("HD01-{i:07}");
            let (phone, doses) = (phone(i), doses(i));
            let commune = p.current_commune.as_str();
            let (number, birth_date) = (p.document_number.to_string(), p.birth_date.to_string());
            let fields: Vec<String> = Column::ALL
                .iter()
                .map(|c| {
                    match c {
                        Column::DocumentType => "cccd",
                        Column::DocumentNumber => &number,
                        Column::FullName => &p.full_name,
                        Column::BirthDate => &birth_date,
                        Column::Sex => p.sex.as_str(),
                        Column::Phone => &phone,
                        Column::ResidenceCommune | Column::DestinationCommune => commune,
                        Column::ResidenceAddress => &p.address,
                        Column::OriginCommune => "00004",
                        Column::TravelDate | Column::CollectedOn => &today,
                        Column::Vehicle => "car",
                        Column::VehiclePlate | Column::Symptoms => "",
                        Column::CloseContact => "không",
                        Column::VaccinationDoses => &doses,
                        Column::FormNumber => &form,
                    }
                    .to_owned()
                })
                .collect();
            csv.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            csv.push('\n');
            values.push(declaration_row(p, i, &today, &created_at, format!("paper:HD01:{form}")));
        }
        Forms { csv, values }
    }
}

fn csv_field(raw: &str) -> String {
    if raw.contains([',', '"', '\n']) {
        format!("\"{}\"", raw.replace('"', "\"\""))
    } else {
        raw.to_owned()
    }
}
