//! Extract files from the national databases (the population registry, vaccinations): CSV files of
//! millions of rows, read as a stream on a thread of their own and handed over in batches while the
//! previous batch is written, each row checked by the domain and refused with its line number.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;

use std::path::Path;

use contract::dto::RejectedRow;
use domain::{Action, Target};
use tokio::sync::mpsc;

use super::store::audit::{By, Entry};
use super::store::import::{Extracted, Importer};
use super::{AppError, AppState, Official};
use crate::Result;

/// Loads an extract of `what` (`registry`, `vaccinations`) into its table, by an official who may
/// import them: each row checked by `check` from its `columns`, `key` telling which rows are about the
/// same thing. `progress` hears the bytes read and the file's size as batches are stored. The import
/// is audited when it starts, before anything is written, and with its summary when it ends.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(actor = %actor.username, file = %path.display(), what))]
pub async fn load<T: Extracted + Send + 'static>(
    state: &AppState,
    actor: &Official,
    path: &Path,
    what: &str,
    columns: &[&'static str],
    check: impl for<'r> Fn(Field<'r>) -> Checked<T> + Send + 'static,
    key: impl Fn(&T) -> u64 + Send + 'static,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Summary> {
    actor.authorise(Action::ImportRegistry, Target::System)?;
    let file = File::open(path)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("{}: {e}", path.display())))?;
    let extract = match open(file, columns) {
        Ok(extract) => extract,
        Err(missing) => return Ok(Summary::refusal(missing)),
    };
    let (size, name) = (extract.size, path.display().to_string());
    let (started, done) = (format!("import_{what}"), format!("import_{what}_done"));
    Entry::new(&started, "file", &name)
        .record(&state.db.write, state.now(), By::Official(actor))
        .await?;
    let mut importer = Importer::open::<T>(&state.db, &state.config.database_url).await?;
    let mut batches = extract.stream(importer.batch_size(), check, key);
    let mut summary = Summary::default();
    // Where the time goes: waiting for the file to be read and checked, or storing.
    let (mut reading, mut storing) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    loop {
        let waited = std::time::Instant::now();
        let Some(batch) = batches.recv().await else { break };
        reading += waited.elapsed();
        let started = std::time::Instant::now();
        let stored = importer.store(&batch.rows).await?;
        storing += started.elapsed();
        summary.added += stored.added;
        summary.updated += stored.updated;
        summary.unchanged += stored.unchanged;
        summary.reject(batch.rejected);
        progress(batch.read_to, size);
    }
    let started = std::time::Instant::now();
    importer.finish().await?;
    storing += started.elapsed();
    tracing::debug!(?reading, ?storing, "extract imported");
    let said = format!(
        "{} added, {} updated, {} unchanged, {} rejected",
        summary.added, summary.updated, summary.unchanged, summary.rejected
    );
    Entry::new(&done, "file", &name)
        .saying(said)
        .record(&state.db.write, state.now(), By::Official(actor))
        .await?;
    Ok(summary)
}

/// A batch of checked rows, with the rows of its stretch of the file that were refused.
pub struct Batch<T> {
    pub rows: Vec<T>,
    pub rejected: Vec<RejectedRow>,
    /// How far into the file the batch reaches, in bytes.
    pub read_to: u64,
}

/// The text of a row's column, by its place among the columns asked for.
pub type Field<'r> = &'r dyn Fn(usize) -> &'r str;

/// What a check of one row answers: the row, or each column's problem (by its header name).
pub type Checked<T> = Result<T, Vec<(&'static str, &'static str)>>;

/// An open file whose header names every column asked for.
pub struct Extract {
    csv: csv::Reader<BufReader<File>>,
    index: Vec<usize>,
    header_len: usize,
    /// The file's size in bytes, for progress.
    pub size: u64,
}

/// Opens `file` and reads its header (names trimmed and compared in lower case, in any order, a BOM
/// allowed). A column missing from the header refuses the whole file, with every missing column
/// named on line 1.
pub fn open(file: File, columns: &[&'static str]) -> Result<Extract, Vec<RejectedRow>> {
    let size = file.metadata().map_or(0, |m| m.len());
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(BufReader::new(file));
    let header: Vec<String> = match csv.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|name| {
                String::from_utf8_lossy(name).trim_start_matches('\u{feff}').trim().to_lowercase()
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let mut index = Vec::with_capacity(columns.len());
    let mut missing = Vec::new();
    for column in columns {
        match header.iter().position(|name| name == column) {
            Some(i) => index.push(i),
            None => missing.push(rejected(1, Some(column), "missing_column")),
        }
    }
    if missing.is_empty() {
        Ok(Extract { csv, index, header_len: header.len(), size })
    } else {
        Err(missing)
    }
}

impl Extract {
    /// Reads the rest of the file on a thread of its own, `per_batch` rows at a time. `check` reads
    /// a row from the text of each asked-for column (in the order asked); `key` identifies what a row
    /// is about, so that a second row about the same thing is refused as `repeated` rather than
    /// silently overriding the first. Two batches wait at most: a large file is never all in memory.
    pub fn stream<T: Send + 'static>(
        mut self,
        per_batch: usize,
        check: impl for<'r> Fn(Field<'r>) -> Checked<T> + Send + 'static,
        key: impl Fn(&T) -> u64 + Send + 'static,
    ) -> mpsc::Receiver<Batch<T>> {
        let (sender, receiver) = mpsc::channel(2);
        std::thread::spawn(move || {
            let mut seen: HashSet<u64> = HashSet::new();
            let mut record = csv::ByteRecord::new();
            let mut batch =
                Batch { rows: Vec::with_capacity(per_batch), rejected: Vec::new(), read_to: 0 };
            loop {
                match self.csv.read_byte_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        let line = e.position().map_or(0, csv::Position::line);
                        batch.rejected.push(rejected(line, None, "unreadable"));
                        break;
                    }
                }
                let line = record.position().map_or(0, csv::Position::line);
                if let Some(row) = self.row(&record, line, &check, &mut batch.rejected) {
                    if seen.insert(key(&row)) {
                        batch.rows.push(row);
                    } else {
                        batch.rejected.push(rejected(line, None, "repeated"));
                    }
                }
                if batch.rows.len() == per_batch {
                    batch.read_to = self.csv.position().byte();
                    let full = std::mem::replace(
                        &mut batch,
                        Batch {
                            rows: Vec::with_capacity(per_batch),
                            rejected: Vec::new(),
                            read_to: 0,
                        },
                    );
                    if sender.blocking_send(full).is_err() {
                        return;
                    }
                }
            }
            batch.read_to = self.size;
            let _ = sender.blocking_send(batch);
        });
        receiver
    }

    fn row<T>(
        &self,
        record: &csv::ByteRecord,
        line: u64,
        check: &impl for<'r> Fn(Field<'r>) -> Checked<T>,
        refused: &mut Vec<RejectedRow>,
    ) -> Option<T> {
        if record.len() != self.header_len {
            refused.push(rejected(line, None, "wrong_field_count"));
            return None;
        }
        let mut fields = Vec::with_capacity(self.index.len());
        for &i in &self.index {
            match std::str::from_utf8(record.get(i).unwrap_or_default()) {
                Ok(text) => fields.push(text),
                Err(_) => {
                    refused.push(rejected(line, None, "not_utf8"));
                    return None;
                }
            }
        }
        match check(&|column| fields[column]) {
            Ok(row) => Some(row),
            Err(problems) => {
                refused.extend(
                    problems
                        .into_iter()
                        .map(|(column, problem)| rejected(line, Some(column), problem)),
                );
                None
            }
        }
    }
}

fn rejected(line: u64, field: Option<&str>, problem: &str) -> RejectedRow {
    RejectedRow { line, field: field.map(str::to_owned), problem: problem.to_owned() }
}

/// A document number as a number, telling a 9-digit CMND from a 12-digit number of the same value:
/// the key of what a row is about, held for every row of a file of millions.
pub fn number_key(number: &domain::DocumentNumber) -> u64 {
    let digits = number.as_str();
    let value: u64 = digits.parse().unwrap_or(u64::MAX);
    if digits.len() == 9 {
        value + 1_000_000_000_000
    } else {
        value
    }
}

/// Refused rows listed at most: a file refused row after row is summed up, not listed in full.
pub const MAX_LISTED: usize = 10_000;

/// What importing an extract did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Rows refused, all of them counted.
    pub rejected: u64,
    /// The first [`MAX_LISTED`] refused rows, with why.
    pub listed: Vec<RejectedRow>,
    /// The file was refused as a whole (a column missing): nothing was stored.
    pub refused: bool,
}

impl Summary {
    pub fn refusal(rows: Vec<RejectedRow>) -> Summary {
        Summary { rejected: 0, listed: rows, refused: true, ..Summary::default() }
    }

    pub fn reject(&mut self, rows: Vec<RejectedRow>) {
        self.rejected += rows.len() as u64;
        let room = MAX_LISTED.saturating_sub(self.listed.len());
        self.listed.extend(rows.into_iter().take(room));
    }
}
