//! Benchmark (scripts/bench): reconciling a day's arrivals against the population registry, against
//! the plainest look-up of the same people, measured in the same run on the same database. The
//! registry holds 2,000,000 people; 100,000 of them arrive (one in twenty declaring another address,
//! one in fifty unknown to the registry). Reconciling is what each commune's police open: the
//! commune's worklist, which reads the commune's list, looks every arrival up in the registry and the
//! vaccination records, proposes, and stores the proposals; opened again, the proposals are looked
//! up anew (the registry may have changed). The baseline reads the same people's registry rows in
//! batches of 500 by document number, and nothing else.
//!
//! `cargo run --release -p zonepass --example reconcile -- [ARRIVALS] [REGISTRY]` (defaults 100,000
//! and 2,000,000); PostgreSQL from ZONEPASS_BENCH_POSTGRES (default
//! postgres://postgres@127.0.0.1:5432/postgres), left out when absent. Prints one JSON object per
//! backend.

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::json;

use backend::accounts::{self, SessionKind};
use backend::demo::{self, DEMO_PASSWORD};
use backend::store::import::Extracted;
use backend::{daily_lists, local_time, reconciliation, Official};
use domain::UnitCode;

mod common;
use common::{backends, batched_inserts, copy, fresh};
mod declaration_rows;
use declaration_rows::{declaration_row, COLUMNS};

const REGISTRY_COLUMNS: &str =
    "document_number, full_name, birth_date, sex, permanent_commune, current_commune, address";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    zonepass::telemetry::init_logging();
    let arg = |n: usize, default: usize| {
        std::env::args().nth(n).and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let (arrivals, registry) = (arg(1, 100_000), arg(2, 2_000_000));
    let dir = tempfile::tempdir()?;
    for (backend, base) in backends(&dir).await {
        let (state, url) = fresh(backend, &base, "reconcile").await?;
        let units = state.units();
        let province = UnitCode::parse(demo::PROVINCE)?;
        let people = demo::synthetic_population(&units.tree, &province, 2021, registry);
        let rows: Vec<Vec<String>> = people.iter().map(Extracted::values).collect();
        match backend {
            "sqlite" => batched_inserts(&state, "registry_people", REGISTRY_COLUMNS, &rows).await?,
            _ => copy(&url, "registry_people", REGISTRY_COLUMNS, &rows).await?,
        }
        drop(rows);
        let day = local_time::today(state.now()).add_days(-1);
        let (day_text, created_at) = (day.to_string(), backend::db::db_time(state.now()));
        // Every hundredth person of the registry arrives, home to the commune they live in.
        let step = (registry / arrivals).max(1);
        let declared: Vec<[String; 20]> = people
            .iter()
            .step_by(step)
            .take(arrivals)
            .enumerate()
            .map(|(i, p)| {
                let mut row = declaration_row(p, i, &day_text, &created_at, format!("bench:{i}"));
                if i % 20 == 7 {
                    row[8] = format!("Số {i}, Xóm Mới");
                }
                if i % 50 == 11 {
                    row[1] = format!("0010950{:05}", i % 100_000);
                }
                row
            })
            .collect();
        drop(people);
        match backend {
            "sqlite" => batched_inserts(&state, "declarations", COLUMNS, &declared).await?,
            _ => copy(&url, "declarations", COLUMNS, &declared).await?,
        }
        backend::store::declarations::note_travellers(&state.db.write, 1, i64::MAX).await?;
        let numbers: Vec<String> = declared.iter().map(|r| r[1].clone()).collect();
        drop(declared);
        let operator = Official::operator("bench");
        daily_lists::close_day(&state, &operator, day)
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        if backend == "postgres" {
            sqlx::query("ANALYZE").execute(&state.db.write).await?;
        }

        let started = Instant::now();
        let mut found = 0usize;
        for chunk in numbers.chunks(500) {
            let sql = format!(
                "SELECT document_number, full_name, birth_date, sex, permanent_commune,
                    current_commune, address FROM registry_people WHERE document_number IN ({})",
                (1..=chunk.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(",")
            );
            let query = chunk.iter().fold(sqlx::query(&sql), |q, n| q.bind(n));
            found += query.fetch_all(&state.db.read).await?.len();
        }
        let baseline = started.elapsed().as_secs_f64();

        let session = accounts::login(
            &state,
            "127.0.0.1".parse()?,
            "national",
            DEMO_PASSWORD,
            SessionKind::Api,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let police = accounts::authenticate(&state, &session.token)
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        let communes: Vec<UnitCode> =
            units.tree.communes_within(&province).iter().map(|u| u.code.clone()).collect();
        let mut proposals: BTreeMap<String, usize> = BTreeMap::new();
        let mut listed = 0usize;
        let started = Instant::now();
        for commune in &communes {
            let list = reconciliation::worklist(&state, &police, commune, day)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
            listed += list.items.len();
            for item in list.items {
                *proposals.entry(item.proposal).or_default() += 1;
            }
        }
        let first = started.elapsed().as_secs_f64();
        let started = Instant::now();
        for commune in &communes {
            reconciliation::worklist(&state, &police, commune, day)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
        }
        let again = started.elapsed().as_secs_f64();
        anyhow::ensure!(listed == numbers.len(), "{listed} listed of {} arrivals", numbers.len());
        println!(
            "{}",
            json!({
                "backend": backend, "registry": registry, "arrivals": numbers.len(),
                "communes": communes.len(),
                "baseline": "registry rows by document number, 500 a statement",
                "baseline_seconds": baseline, "baseline_found": found,
                "first_reading_seconds": first, "again_seconds": again,
                "arrivals_per_second": numbers.len() as f64 / first,
                "first_to_baseline": baseline / first, "again_to_baseline": baseline / again,
                "proposals": proposals,
            })
        );
    }
    Ok(())
}
