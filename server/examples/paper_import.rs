//! Benchmark (scripts/bench): importing paper forms against the plainest way to put the same rows into
//! the same table, measured in the same run on fresh databases: batched multi-row INSERTs in one
//! transaction on SQLite, COPY on PostgreSQL. ZonePass's import also reads the CSV, checks every form,
//! looks for the same person's trip and stores the forms themselves.
//!
//! `cargo run --release -p zonepass --example paper_import -- [ROWS]`; PostgreSQL from
//! ZONEPASS_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres), left out when absent.
//! Prints one JSON object per backend.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use serde_json::json;
use sqlx::Connection;

use backend::config::Config;
use backend::db::Db;
use backend::key_encryption::{Kek, KekSource};
use backend::paper::{self, OnError};
use backend::{demo, local_time, units, AppState, Official};
use domain::paper::Column;
use domain::UnitCode;

/// The columns the baseline fills: those of a declaration as ZonePass stores it.
const COLUMNS: &str = "document_kind, document_number, full_name, name_folded, birth_date, sex, phone, \
    residence_commune, residence_address, origin_commune, destination_commune, travel_date, vehicle, \
    vehicle_plate, symptoms, close_contact, vaccination_doses, channel, idempotency_key, created_at";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    zonepass::telemetry::init_logging();
    let rows: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir()?;
    let postgres = std::env::var("ZONEPASS_BENCH_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let mut backends = vec![("sqlite", format!("sqlite://{}", dir.path().display()))];
    match sqlx::AnyConnection::connect(&postgres).await {
        Ok(_) => backends.push(("postgres", postgres)),
        Err(e) => eprintln!("PostgreSQL at {postgres} left out: {e}"),
    }
    for (backend, base) in backends {
        let (baseline_state, baseline_db) = fresh(backend, &base, "baseline").await?;
        let forms = Forms::of(&baseline_state, rows);
        let started = Instant::now();
        match backend {
            "sqlite" => batched_inserts(&baseline_state, &forms.values).await?,
            _ => copy(&baseline_db, &forms.values).await?,
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

/// A new database on the backend, migrated, with the demo's checkpoints and accounts.
async fn fresh(backend: &str, base: &str, name: &str) -> anyhow::Result<(AppState, String)> {
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
            let phone = format!("09{:08}", i % 100_000_000);
            let commune = p.commune_code.as_str();
            let doses = (i % 4).to_string();
            let fields: Vec<String> = Column::ALL
                .iter()
                .map(|c| {
                    match c {
                        Column::DocumentType => "cccd",
                        Column::DocumentNumber => &p.document_number,
                        Column::FullName => &p.full_name,
                        Column::BirthDate => &p.birth_date,
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
            values.push([
                "cccd".to_owned(),
                p.document_number.clone(),
                p.full_name.clone(),
                domain::text::fold(&p.full_name),
                p.birth_date.clone(),
                p.sex.as_str().to_owned(),
                phone,
                commune.to_owned(),
                p.address.clone(),
                "00004".to_owned(),
                commune.to_owned(),
                today.clone(),
                "car".to_owned(),
                String::new(),
                String::new(),
                "0".to_owned(),
                doses,
                "paper".to_owned(),
                format!("paper:HD01:{form}"),
                created_at.clone(),
            ]);
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

/// The baseline on SQLite: multi-row INSERTs of 400 rows in one transaction.
async fn batched_inserts(state: &AppState, rows: &[[String; 20]]) -> anyhow::Result<()> {
    let mut tx = state.db.write.begin().await?;
    for chunk in rows.chunks(400) {
        // Anonymous parameters: SQLite binds numbered ones in quadratic time.
        let group = format!("({})", ["?"; 20].join(","));
        let groups = vec![group; chunk.len()];
        let sql = format!("INSERT INTO declarations ({COLUMNS}) VALUES {}", groups.join(","));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for (i, value) in row.iter().enumerate() {
                // close_contact and vaccination_doses are integers.
                query = if i == 15 || i == 16 {
                    query.bind(value.parse::<i64>().unwrap_or_default())
                } else {
                    query.bind(value.as_str())
                };
            }
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The baseline on PostgreSQL: one COPY of every row.
async fn copy(url: &str, rows: &[[String; 20]]) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    // Every field quoted: in COPY's CSV an unquoted empty field is NULL, and these are empty strings.
    let mut data = String::new();
    for row in rows {
        let quoted: Vec<String> =
            row.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        data.push_str(&quoted.join(","));
        data.push('\n');
    }
    let mut copy = conn
        .copy_in_raw(&format!("COPY declarations ({COLUMNS}) FROM STDIN WITH (FORMAT csv)"))
        .await?;
    copy.send(data.into_bytes()).await?;
    copy.finish().await?;
    Ok(())
}
