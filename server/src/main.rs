//! `zonepass`: serves the app and carries the operator's commands.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;

use app::i18n::{Lang, Text};
use backend::admin::{self, NewUserInput};
use backend::config::Config;
use backend::db::Db;
use backend::key_encryption::Kek;
use backend::{
    daily_lists, demo, import_file, keys, paper, registry, retention, units, vaccinations,
    AppState, Official,
};
use zonepass::{seed, telemetry};

#[derive(Parser)]
#[command(
    name = "zonepass",
    version,
    about = "ZonePass: movement control for epidemic areas.",
    long_about = "ZonePass: movement control for epidemic areas.\n\n\
    Storage: a SQLite file under ./data/ unless DATABASE_URL says otherwise \
    (sqlite://PATH?mode=rwc or postgres://USER@HOST/DB). Every command applies pending migrations first \
    and loads the three-tier unit tree into an empty database."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app, the REST API (/api/v1), /healthz, /readyz and /metrics.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "ZONEPASS_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Folder holding the built site (pkg/ with the WASM bundle and CSS, icons).
        #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
        site_root: String,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load an administrative-unit tree: a built-in one (vn-3tier-2021, vn-2tier-2025) or a CSV file
    /// with columns code,name,level,unit_type,parent_code,lat,lon.
    ImportUnits {
        /// Id of the tree to store; a tree of that id is replaced.
        #[arg(long, default_value = "vn-2tier-2025")]
        tree: String,
        /// CSV file to read instead of the built-in tree of that id.
        #[arg(long)]
        file: Option<std::path::PathBuf>,
        /// Human name of the tree.
        #[arg(long)]
        name: Option<String>,
        /// Make it the tree the app works with.
        #[arg(long)]
        activate: bool,
    },
    /// Create an official's account.
    CreateUser {
        #[arg(long)]
        username: String,
        /// At least 10 characters.
        #[arg(long, env = "ZONEPASS_NEW_PASSWORD", hide_env_values = true)]
        password: String,
        /// admin, national, province, district, commune, checkpoint_officer, data_entry or steering.
        #[arg(long)]
        role: String,
        /// Unit code, for province, district, commune and steering roles.
        #[arg(long)]
        unit: Option<String>,
        /// Checkpoint code, for checkpoint_officer and data_entry roles.
        #[arg(long)]
        checkpoint: Option<String>,
    },
    /// Pass-signing keys: `rotate` retires the key in use and makes a new one (passes it signed stay
    /// valid until they expire); `revoke ID` makes every pass a compromised key signed red; `list` shows them.
    ///
    /// Secret halves are stored sealed with a key-encryption key (32 random bytes, standard Base64) read
    /// from ZONEPASS_KEK, or from the file ZONEPASS_KEK_FILE names (default data/zonepass.kek). The first
    /// start on an empty database makes that file; keep it apart from the database's backups. Without
    /// it the signing keys cannot be opened.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Import paper declarations typed elsewhere: a UTF-8 CSV file (a BOM is accepted) with a header
    /// naming the declaration API's fields plus form_number (the paper's serial) and collected_on, in
    /// any order. Dates dd/mm/yyyy or yyyy-mm-dd; symptoms separated by `;`; yes/no, true/false or
    /// có/không. A form already imported (same form_number at this checkpoint) changes nothing; a form of
    /// someone who declared the same trip is linked to that declaration. Bad rows are listed with
    /// their line; the exit status is 1 when the file was refused.
    ImportPaper {
        /// The checkpoint that collected the forms.
        #[arg(long)]
        checkpoint: String,
        /// `skip` stores the good rows and lists the bad; `reject` stores nothing if any row is bad.
        #[arg(long, default_value = "skip")]
        on_error: String,
        file: std::path::PathBuf,
    },
    /// Load the population registry from an extract of the national database: a UTF-8 CSV file whose
    /// header names document_number, full_name, birth_date, sex, permanent_commune, current_commune and
    /// address, in any order. Dates yyyy-mm-dd or dd/mm/yyyy; sex Nam/Nữ or male/female; communes as
    /// codes of the unit tree in use. People not yet registered are added and changed entries updated:
    /// importing the file again changes nothing. Bad rows are listed with their line; the exit status
    /// is 1 when the file was refused.
    ImportRegistry { file: std::path::PathBuf },
    /// Load doses from an extract of the national vaccination database: a UTF-8 CSV file whose header
    /// names document_number, dose (1 for the first), date, vaccine and site, in any order. Doses not
    /// yet recorded are added and changed ones updated: importing the file again changes nothing. Bad
    /// rows are listed with their line; the exit status is 1 when the file was refused.
    ImportVaccinations { file: std::path::PathBuf },
    /// Build the daily lists of a past day (Vietnam's calendar): every arrival under the commune it goes
    /// to, counted at every level. The server does this itself at ZONEPASS_CLOSE_DAY_AT (default 00:00)
    /// for the day before; closing a closed day again changes nothing.
    CloseDay {
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
    },
    /// Purge the personal records of trips older than ZONEPASS_RETENTION_DAYS (default 30) days:
    /// declarations, passes, paper forms, crossings and reconciliations, with ended sessions and
    /// drafts. Each day's report and dashboard figures are kept first, as counts. The server does this
    /// itself every day after closing the day's lists; purging again the same day removes nothing more.
    Purge,
    /// Load Hải Dương demo data: 28 checkpoints HD01-HD28, one account per role, and a synthetic
    /// population registry from a seed. Running it twice changes nothing.
    DemoData {
        #[arg(long, default_value_t = 2021)]
        seed: u64,
        /// Number of synthetic registry entries.
        #[arg(long, default_value_t = 20_000)]
        people: usize,
    },
}

#[derive(Subcommand)]
enum KeysAction {
    Rotate,
    /// Revoke a key thought compromised (rotating first if it is the one signing).
    Revoke {
        id: u16,
    },
    List,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init_logging();
    let cli = Cli::parse();
    let config = Config::from_env();
    let db = Db::connect(&config.database_url).await?;
    let now = time::OffsetDateTime::now_utc();
    // Whoever runs this command on the server acts as the operator, authorised and audited by name.
    let operator_name = std::env::var("USER").unwrap_or_else(|_| "console".to_owned());
    let operator = Official::operator(&operator_name);
    let kek = Arc::new(zonepass::prepare(&db, &config.kek, &operator, now).await?);

    match cli.command {
        Command::Migrate => {
            println!("migrations applied");
            Ok(())
        }
        Command::Serve { addr, site_root } => serve(db, config, kek, addr, site_root).await,
        Command::ImportUnits { tree, file, name, activate } => {
            let (csv, default_name) = match (&file, seed::builtin(&tree)) {
                (Some(path), _) => (
                    std::fs::read_to_string(path)
                        .with_context(|| format!("reading {}", path.display()))?,
                    tree.clone(),
                ),
                (None, Some(builtin)) => (builtin.csv.to_owned(), builtin.name.to_owned()),
                (None, None) => anyhow::bail!("no built-in tree {tree:?}: give --file"),
            };
            let n = units::import(
                &db,
                &operator,
                &tree,
                name.as_deref().unwrap_or(&default_name),
                &csv,
                activate,
                now,
            )
            .await?;
            println!("stored {n} units as tree {tree}{}", if activate { " (active)" } else { "" });
            Ok(())
        }
        Command::CreateUser { username, password, role, unit, checkpoint } => {
            let state = state(db, config, kek).await?;
            let input = NewUserInput {
                username: username.clone(),
                password,
                role,
                unit_code: unit,
                checkpoint_code: checkpoint,
            };
            admin::create_user(&state, &operator, input).await.map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    e.code().as_str(),
                    Text::for_error(e.code()).get(Lang::En)
                )
            })?;
            println!("created user {username}");
            Ok(())
        }
        Command::Keys { action: KeysAction::Rotate } => {
            let id = keys::rotate(&db, &kek, &operator, now).await?;
            println!(
                "signing key {} is now in use; older keys stay published until their passes expire",
                id.0
            );
            Ok(())
        }
        Command::Keys { action: KeysAction::Revoke { id } } => {
            if keys::revoke(&db, &kek, &operator, domain::pass::KeyId(id), now).await? {
                println!("signing key {id} is revoked: passes it signed are refused from now on");
            } else {
                println!("no key {id} to revoke (unknown, or revoked already)");
            }
            Ok(())
        }
        Command::Keys { action: KeysAction::List } => {
            let list = keys::public_keys(&db).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            for k in list {
                let state = match (k.revoked_at, k.retired_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(at)) => format!("retired {at}"),
                    (None, None) => "in use".to_owned(),
                };
                println!("{:>4}  created {}  {state}", k.key_id.0, k.created_at);
            }
            Ok(())
        }
        Command::ImportPaper { checkpoint, on_error, file } => {
            let on_error =
                paper::OnError::parse(&on_error).context("--on-error takes skip or reject")?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let state = state(db, config, kek).await?;
            let officer = paper::console_officer(&state, &operator_name, &checkpoint)
                .await
                .map_err(|e| anyhow::anyhow!("checkpoint {checkpoint}: {}", e.code().as_str()))?;
            let bar = indicatif::ProgressBar::new(0).with_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} forms {eta}")?,
            );
            let progress = |done: u64, total: u64| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let imported =
                paper::import_csv(&state, &officer, &checkpoint, &bytes, on_error, &progress)
                    .await
                    .map_err(|e| anyhow::anyhow!("{}", e.code().as_str()))?;
            bar.finish_and_clear();
            let r = &imported.report;
            for row in &r.rejected {
                let field = row.field.as_deref().unwrap_or("-");
                println!("line {}: {field}: {}", row.line, row.problem);
            }
            println!(
                "{} imported, {} linked, {} duplicates, {} rejected{}",
                r.imported,
                r.linked,
                r.duplicates,
                r.rejected.len(),
                if imported.refused { " — nothing stored" } else { "" }
            );
            if imported.refused {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::ImportRegistry { file } => {
            let state = state(db, config, kek).await?;
            let bar = file_progress()?;
            let progress = |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let summary = registry::import_csv(&state, &operator, &file, &progress).await;
            finish_import(bar, summary)
        }
        Command::ImportVaccinations { file } => {
            let state = state(db, config, kek).await?;
            let bar = file_progress()?;
            let progress = |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let summary = vaccinations::import_csv(&state, &operator, &file, &progress).await;
            finish_import(bar, summary)
        }
        Command::CloseDay { date } => {
            let day: domain::date::CivilDate =
                date.parse().map_err(|e| anyhow::anyhow!("--date {date:?}: {e}"))?;
            let state = state(db, config, kek).await?;
            let done = daily_lists::close_day(&state, &operator, day).await.map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    e.code().as_str(),
                    Text::for_error(e.code()).get(Lang::En)
                )
            })?;
            if done.newly {
                println!(
                    "closed {}: {} arrivals in {} communes",
                    done.date, done.arrivals, done.communes
                );
            } else {
                println!("{} was closed before: nothing changed", done.date);
            }
            Ok(())
        }
        Command::Purge => {
            let state = state(db, config, kek).await?;
            let purged = retention::purge(&state, &operator).await.map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    e.code().as_str(),
                    Text::for_error(e.code()).get(Lang::En)
                )
            })?;
            println!("trips before {} are no longer held", purged.before);
            if !purged.days.is_empty() {
                println!("counts kept for {} days: {}", purged.days.len(), purged.days.join(", "));
            }
            println!(
                "removed {} declarations, {} passes, {} paper forms, {} crossings, {} reconciliations, \
                 {} registry corrections, {} sessions, {} drafts",
                purged.declarations,
                purged.passes,
                purged.paper_forms,
                purged.crossings,
                purged.reconciliations,
                purged.registry_corrections,
                purged.sessions,
                purged.drafts
            );
            Ok(())
        }
        Command::DemoData { seed, people } => {
            let state = state(db, config, kek).await?;
            let report = demo::ensure(&state, &operator, seed, people)
                .await
                .map_err(|e| anyhow::anyhow!("demo data: {e}"))?;
            println!(
                "demo data: {} checkpoints, {} accounts and {} registry entries added",
                report.checkpoints_added, report.accounts_added, report.people_added
            );
            println!("demo accounts (password for all: {}):", demo::DEMO_PASSWORD);
            for a in report.accounts {
                println!("  {:<14} {:<19} {}", a.username, a.role, a.scope);
            }
            Ok(())
        }
    }
}

/// A progress bar for reading a file, drawn only on a terminal.
fn file_progress() -> anyhow::Result<indicatif::ProgressBar> {
    Ok(indicatif::ProgressBar::new(0).with_style(indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {eta}",
    )?))
}

/// Prints what importing an extract did; the exit status is 1 when the file was refused.
fn finish_import(
    bar: indicatif::ProgressBar,
    summary: backend::Result<import_file::Summary>,
) -> anyhow::Result<()> {
    bar.finish_and_clear();
    let summary = summary.map_err(|e| anyhow::anyhow!("{}: {e}", e.code().as_str()))?;
    print_summary(&summary);
    if summary.refused {
        std::process::exit(1);
    }
    Ok(())
}

/// What an import of an extract did, its refused rows first.
fn print_summary(summary: &import_file::Summary) {
    for row in &summary.listed {
        let field = row.field.as_deref().unwrap_or("-");
        println!("line {}: {field}: {}", row.line, row.problem);
    }
    let unlisted = summary.rejected.saturating_sub(summary.listed.len() as u64);
    if unlisted > 0 {
        println!("… and {unlisted} more rejected rows");
    }
    println!(
        "{} added, {} updated, {} unchanged, {} rejected{}",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.rejected,
        if summary.refused { " — the file was refused, nothing stored" } else { "" }
    );
}

/// Closes the days that are due: on start (any day of the last week the server was down for), then at
/// each configured close time; then, once a day, purges what is held past the retention period.
/// Waking at least every five minutes keeps it on time across a clock change; a failure is logged and
/// tried again at the next wake.
async fn close_days(state: AppState) {
    let scheduler = Official::operator("scheduler");
    let mut purged_on = None;
    loop {
        match daily_lists::close_due(&state, &scheduler).await {
            Ok(done) => {
                for d in done {
                    tracing::info!(day = %d.date, arrivals = d.arrivals, "closed the day's lists");
                }
            }
            Err(e) => tracing::error!(error = %e, "closing the day's lists failed"),
        }
        let today = backend::local_time::today(state.now());
        if purged_on != Some(today) {
            match retention::purge(&state, &scheduler).await {
                Ok(p) => {
                    purged_on = Some(today);
                    tracing::info!(
                        before = %p.before,
                        days = p.days.len(),
                        declarations = p.declarations,
                        crossings = p.crossings,
                        "purged what is held past the retention period"
                    );
                }
                Err(e) => tracing::error!(error = %e, "purging past the retention period failed"),
            }
        }
        let now = state.now().unix_timestamp();
        let (_, at) = state.config.close_day_at.next_after(now);
        let wait = (at - now).clamp(1, 300);
        tokio::time::sleep(std::time::Duration::from_secs(wait as u64)).await;
    }
}

async fn state(db: Db, config: Config, kek: Arc<Kek>) -> anyhow::Result<AppState> {
    let tree = units::load_active(&db).await?;
    Ok(AppState::new(db, config, tree, kek))
}

fn site_options(site_root: String, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("zonepass")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

async fn serve(
    db: Db,
    config: Config,
    kek: Arc<Kek>,
    addr: SocketAddr,
    site_root: String,
) -> anyhow::Result<()> {
    let options = site_options(site_root, addr);
    telemetry::metrics_handle();
    let state = state(db, config, kek).await?;
    tokio::spawn(close_days(state.clone()));
    let app = zonepass::router(state, options);
    let listener =
        tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
    tracing::info!(%addr, "ZonePass listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")?;
    Ok(())
}
