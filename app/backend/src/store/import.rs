//! Writing what the national databases' extracts carry (registry entries, vaccination doses) in
//! batches of thousands: each batch compared with what is stored under its keys, so that new rows
//! are added, changed rows updated and the rest not written at all.

use std::collections::HashMap;
use std::hash::Hash;

use sqlx::{AnyConnection, AnyPool, Connection, PgConnection, Row};

use super::{for_backend, parameters, values_rows, Result};
use crate::db::{Backend, Db};

/// A kind of row an extract loads: its table, its columns (all stored as the text of `values`, which
/// SQLite's column affinity and COPY turn into the columns' types) and the columns that identify it.
/// The text of `values` is also what tells a changed row from an unchanged one, on either backend.
pub trait Extracted: PartialEq + Sized {
    const TABLE: &'static str;
    /// Every column, `document_number` first: batches are looked up by it.
    const COLUMNS: &'static [&'static str];
    /// The columns that identify a row (its primary key or unique constraint).
    const KEY: &'static [&'static str];
    type Key: Hash + Eq;

    fn key(&self) -> Self::Key;
    fn document_number(&self) -> &str;
    /// The row's values in the order of `COLUMNS`.
    fn values(&self) -> Vec<String>;
    /// A stored row, from its values as text in the order of `COLUMNS`.
    fn from_values(values: &[String]) -> Result<Self>;
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// Where an import writes: on SQLite the app's one writer, taken for a batch at a time so that other
/// writes go on between batches; on PostgreSQL a connection of its own, since COPY is PostgreSQL's
/// and sqlx's Any driver does not carry it.
pub enum Importer {
    Sqlite(AnyPool),
    Postgres(PgConnection),
    /// The first load into an empty table on PostgreSQL: one transaction that holds the table, its
    /// keys and indexes dropped while every batch is copied in, and rebuilt by [`Importer::finish`]
    /// (these statements). Building an index once over millions of rows is several times cheaper
    /// than keeping it up to date row by row.
    FirstLoad(PgConnection, Vec<String>),
}

impl Importer {
    pub async fn open<T: Extracted>(db: &Db, url: &str) -> Result<Importer> {
        Ok(match db.backend {
            Backend::Sqlite => Importer::Sqlite(db.write.clone()),
            Backend::Postgres => {
                let mut conn = PgConnection::connect(url).await?;
                match first_load::<T>(&mut conn).await? {
                    Some(rebuild) => Importer::FirstLoad(conn, rebuild),
                    None => Importer::Postgres(conn),
                }
            }
        })
    }

    /// Rows per batch, each written in a transaction of its own. SQLite has one writer for everyone, so
    /// its batches stay short (a quarter of a second or so) for the writes of a serving app to get
    /// between them; PostgreSQL's writers do not queue behind an import, and larger batches cost fewer
    /// round trips.
    pub fn batch_size(&self) -> usize {
        match self {
            Importer::Sqlite(_) => 10_000,
            Importer::Postgres(_) | Importer::FirstLoad(..) => 50_000,
        }
    }

    /// Stores a batch (each key once) in one transaction: new rows added, changed rows updated, the
    /// rest not written, so that importing the same file again writes nothing. On a first load every
    /// row is new (the file holds each key once), and goes straight in.
    pub async fn store<T: Extracted>(&mut self, batch: &[T]) -> Result<Stored> {
        match self {
            Importer::Sqlite(pool) => store_sqlite(&mut *pool.acquire().await?, batch).await,
            Importer::Postgres(conn) => store_postgres(conn, batch).await,
            Importer::FirstLoad(conn, _) => {
                let rows: Vec<&T> = batch.iter().collect();
                copy(conn, T::TABLE, T::COLUMNS, &rows).await?;
                Ok(Stored { added: rows.len() as u64, ..Stored::default() })
            }
        }
    }

    /// Ends the import: a first load rebuilds the table's keys and indexes and commits.
    pub async fn finish(self) -> Result<()> {
        if let Importer::FirstLoad(mut conn, rebuild) = self {
            for statement in rebuild {
                sqlx::query(&statement).execute(&mut conn).await?;
            }
            sqlx::query("COMMIT").execute(&mut conn).await?;
        }
        Ok(())
    }
}

/// On PostgreSQL, when `T`'s table is empty and no other table refers to it: begins the first load's
/// transaction, holding the table against every other reader and writer, drops its keys and indexes
/// and returns the statements that rebuild them exactly as they were. None otherwise (nothing begun).
async fn first_load<T: Extracted>(conn: &mut PgConnection) -> Result<Option<Vec<String>>> {
    let table = T::TABLE;
    sqlx::query("BEGIN").execute(&mut *conn).await?;
    // Lost to a crash before the commit, a first load is simply run again.
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *conn).await?;
    sqlx::query(&format!("LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
        .execute(&mut *conn)
        .await?;
    let empty: bool = sqlx::query_scalar(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"))
        .fetch_one(&mut *conn)
        .await?;
    let referred: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass)",
    )
    .bind(table)
    .fetch_one(&mut *conn)
    .await?;
    if !empty || referred {
        sqlx::query("ROLLBACK").execute(&mut *conn).await?;
        return Ok(None);
    }
    let keys: Vec<(String, String)> = sqlx::query_as(
        "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype IN ('p', 'u')",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.indexname::text, i.indexdef FROM pg_indexes i
         WHERE i.tablename = $1 AND i.schemaname = current_schema()
           AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    let mut rebuild = Vec::with_capacity(keys.len() + indexes.len());
    for (name, definition) in keys {
        sqlx::query(&format!("ALTER TABLE {table} DROP CONSTRAINT {name}"))
            .execute(&mut *conn)
            .await?;
        rebuild.push(format!("ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"));
    }
    for (name, definition) in indexes {
        sqlx::query(&format!("DROP INDEX {name}")).execute(&mut *conn).await?;
        rebuild.push(definition);
    }
    Ok(Some(rebuild))
}

/// The stored rows of the batch's people, as text.
fn select<T: Extracted>(filter: &str) -> String {
    let columns: Vec<String> = T::COLUMNS.iter().map(|c| format!("CAST({c} AS TEXT)")).collect();
    format!("SELECT {} FROM {} WHERE document_number {filter}", columns.join(", "), T::TABLE)
}

/// Sorts a batch against the stored rows of its people: the new, the changed, how many are as stored.
fn sort<'a, T: Extracted>(batch: &'a [T], stored: &[T]) -> (Vec<&'a T>, Vec<&'a T>, u64) {
    let stored: HashMap<T::Key, &T> = stored.iter().map(|s| (s.key(), s)).collect();
    let (mut new, mut changed, mut unchanged) = (Vec::new(), Vec::new(), 0);
    for row in batch {
        match stored.get(&row.key()) {
            None => new.push(row),
            Some(s) if *s == row => unchanged += 1,
            Some(_) => changed.push(row),
        }
    }
    (new, changed, unchanged)
}

fn texts<R: Row>(row: &R, columns: usize) -> Result<Vec<String>>
where
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    (0..columns).map(|i| row.try_get::<String, _>(i)).collect()
}

/// Rows per statement on SQLite, whose statements take at most 32,766 parameters.
const PER_STATEMENT: usize = 500;

async fn store_sqlite<T: Extracted>(conn: &mut AnyConnection, batch: &[T]) -> Result<Stored> {
    // Immediate: the batch is read and then written, and a server sharing the file may be writing.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut stored = Vec::with_capacity(batch.len());
    for chunk in batch.chunks(PER_STATEMENT) {
        let sql = select::<T>(&format!("IN ({})", parameters(1, chunk.len())));
        let sql = for_backend(&tx, sql);
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = query.bind(row.document_number());
        }
        for row in query.fetch_all(&mut *tx).await? {
            stored.push(T::from_values(&texts(&row, T::COLUMNS.len())?)?);
        }
    }
    let (new, changed, unchanged) = sort(batch, &stored);
    let updates: Vec<String> = T::COLUMNS
        .iter()
        .filter(|c| !T::KEY.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let writes: Vec<&T> = new.iter().chain(&changed).copied().collect();
    for chunk in writes.chunks(PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {}",
            T::TABLE,
            T::COLUMNS.join(", "),
            values_rows(chunk.len(), &vec!["$"; T::COLUMNS.len()]),
            T::KEY.join(", "),
            updates.join(", ")
        );
        let sql = for_backend(&tx, sql);
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row.values() {
                query = query.bind(value);
            }
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Stored { added: new.len() as u64, updated: changed.len() as u64, unchanged })
}

async fn store_postgres<T: Extracted>(conn: &mut PgConnection, batch: &[T]) -> Result<Stored> {
    let mut tx = conn.begin().await?;
    // A batch lost to a crash before its commit reached the disk is stored again by running the import
    // again, which stores only what is missing: the import need not wait for each commit's flush.
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    // Between looking the batch up and writing it, no other import may add the same rows: writers of
    // the table wait, its readers do not.
    let lock = format!("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE", T::TABLE);
    sqlx::query(&lock).execute(&mut *tx).await?;
    let numbers: Vec<&str> = batch.iter().map(T::document_number).collect();
    let mut stored = Vec::with_capacity(batch.len());
    for row in sqlx::query(&select::<T>("= ANY($1)")).bind(&numbers).fetch_all(&mut *tx).await? {
        stored.push(T::from_values(&texts(&row, T::COLUMNS.len())?)?);
    }
    let (new, changed, unchanged) = sort(batch, &stored);
    if !new.is_empty() {
        copy(&mut tx, T::TABLE, T::COLUMNS, &new).await?;
    }
    if !changed.is_empty() {
        let staging = format!(
            "CREATE TEMPORARY TABLE extract_changes ON COMMIT DROP AS
             SELECT {} FROM {} WITH NO DATA",
            T::COLUMNS.join(", "),
            T::TABLE
        );
        sqlx::query(&staging).execute(&mut *tx).await?;
        copy(&mut tx, "extract_changes", T::COLUMNS, &changed).await?;
        let set: Vec<String> = T::COLUMNS
            .iter()
            .filter(|c| !T::KEY.contains(c))
            .map(|c| format!("{c} = c.{c}"))
            .collect();
        let on: Vec<String> = T::KEY.iter().map(|k| format!("t.{k} = c.{k}")).collect();
        let update = format!(
            "UPDATE {} t SET {} FROM extract_changes c WHERE {}",
            T::TABLE,
            set.join(", "),
            on.join(" AND ")
        );
        sqlx::query(&update).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Stored { added: new.len() as u64, updated: changed.len() as u64, unchanged })
}

/// Rows into `table` with COPY, as CSV with every field quoted (an unquoted empty field is NULL).
async fn copy<T: Extracted>(
    conn: &mut PgConnection,
    table: &str,
    columns: &[&str],
    rows: &[&T],
) -> Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::with_capacity(rows.len() * 128));
    for row in rows {
        csv.write_record(row.values()).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    }
    let data = csv.into_inner().map_err(|e| sqlx::Error::Encode(Box::new(e.into_error())))?;
    let sql = format!("COPY {table} ({}) FROM STDIN WITH (FORMAT csv)", columns.join(", "));
    let mut copy = conn.copy_in_raw(&sql).await?;
    copy.send(data).await?;
    copy.finish().await?;
    Ok(())
}
