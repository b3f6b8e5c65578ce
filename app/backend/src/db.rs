//! Connections: SQLite by default (WAL, one writer, a read pool, busy timeout on every connection)
//! or PostgreSQL, behind sqlx's Any driver so every repository runs one code path on both.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    /// SQLite allows one writer at a time; giving it one connection turns lock contention into a queue.
    pub write: AnyPool,
    pub read: AnyPool,
    pub backend: Backend,
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

impl Db {
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        if url.starts_with("sqlite:") {
            ensure_sqlite_dir(url)?;
            let options: AnyConnectOptions = url.parse().context("parsing DATABASE_URL")?;
            let write = AnyPoolOptions::new()
                .max_connections(1)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;").await?;
                        Ok(())
                    })
                })
                .connect_with(options.clone())
                .await
                .with_context(|| format!("opening SQLite database {url}"))?;
            let read = AnyPoolOptions::new()
                .max_connections(4)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
                            .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await
                .with_context(|| format!("opening SQLite read pool {url}"))?;
            Ok(Db { write, read, backend: Backend::Sqlite })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Db { write: pool.clone(), read: pool, backend: Backend::Postgres })
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
        }
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        migrator.run(&self.write).await.context("applying migrations")?;
        Ok(())
    }

    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.read).await.is_ok()
    }
}

fn ensure_sqlite_dir(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(())
}

const DB_TIME: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// UTC, fixed width, so stored times sort as text on both backends.
pub fn db_time(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(DB_TIME).unwrap_or_default()
}

pub fn parse_db_time(raw: &str) -> anyhow::Result<OffsetDateTime> {
    Ok(PrimitiveDateTime::parse(raw, DB_TIME)
        .with_context(|| format!("stored time {raw:?}"))?
        .assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn stored_times_are_utc_fixed_width_and_round_trip() {
        let at = datetime!(2026-11-28 15:04:05.5 +07:00);
        let text = db_time(at);
        assert_eq!(text, "2026-11-28T08:04:05.500000Z");
        assert_eq!(parse_db_time(&text).unwrap(), at);
    }
}
