//! Paper declarations: forms typed at the checkpoint, or typed elsewhere and imported as a file. Each
//! form is checked like an online declaration, matched against the same person's declarations for the
//! same trip (and then linked to it, never stored twice), and kept under the serial number printed on
//! the paper, so that typing or importing it again changes nothing.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::Result;
use contract::dto::{PaperImport, RejectedRow};
use domain::checkpoint::CheckpointCode;
use domain::declaration::Channel;
use domain::paper::{self, Column, Outcome, PaperForm, PaperProblem, Trip, SAME_TRIP_DAYS};
use domain::{Action, Scope, Target};

use super::store::audit::{self, By, Entry};
use super::store::declarations::{self as declarations_store, NewDeclaration, TripRow};
use super::store::paper::{self as store, NewPaperForm};
use super::{local_time, AppError, AppState, Official};

/// What to do with the good rows of a file that also has bad ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Store the good rows, report the bad ones.
    Skip,
    /// Store nothing.
    Reject,
}

impl OnError {
    pub fn parse(raw: &str) -> Option<OnError> {
        match raw.trim() {
            "skip" => Some(OnError::Skip),
            "reject" => Some(OnError::Reject),
            _ => None,
        }
    }
}

/// What an import did, and whether it stored anything at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub report: PaperImport,
    /// Nothing was stored: the file could not be read as a whole (not UTF-8, a missing column), or it
    /// had a bad row and `OnError::Reject` was asked for.
    pub refused: bool,
}

/// Forms written per transaction: a large file never holds the single writer for long, and a file
/// imported again after a failure finds what was stored and adds only the rest.
const PER_TRANSACTION: usize = 2_000;

/// Imports a CSV file of typed paper forms for the actor's checkpoint. `progress` hears the rows
/// done and the rows to write as it goes.
#[tracing::instrument(skip_all, fields(actor = %actor.username, checkpoint, bytes = bytes.len()))]
pub async fn import_csv(
    state: &AppState,
    actor: &Official,
    checkpoint: &str,
    bytes: &[u8],
    on_error: OnError,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Imported> {
    let checkpoint = post(actor, checkpoint)?;
    let file = match read_file(state, bytes) {
        Ok(file) => file,
        Err(refused) => return Ok(Imported { report: refused, refused: true }),
    };
    let mut report = PaperImport {
        duplicates: file.repeated,
        rejected: file.rejected,
        ..PaperImport::default()
    };
    let mut conn = state.db.read.acquire().await?;
    let numbers: Vec<&str> = file.forms.iter().map(|f| f.form.form_number.as_str()).collect();
    let stored: HashMap<String, String> =
        store::fingerprints(&mut conn, checkpoint.as_str(), &numbers).await?.into_iter().collect();
    let mut new_forms = Vec::with_capacity(file.forms.len());
    for read in file.forms {
        match stored.get(&read.form.form_number) {
            Some(fingerprint) if *fingerprint == read.fingerprint => report.duplicates += 1,
            Some(_) => {
                report.rejected.push(rejected(read.line, Column::FormNumber, "form_number_taken"))
            }
            None => new_forms.push(read),
        }
    }
    report.rejected.sort_by_key(|r| r.line);
    if on_error == OnError::Reject && !report.rejected.is_empty() {
        return Ok(Imported { report, refused: true });
    }
    let links = same_trips(&mut conn, &new_forms).await?;
    drop(conn);

    let total = new_forms.len() as u64;
    let mut declaration_ids: Vec<Option<i64>> = vec![None; new_forms.len()];
    for (chunk_index, chunk) in new_forms.chunks(PER_TRANSACTION).enumerate() {
        let first = chunk_index * PER_TRANSACTION;
        let now = state.now();
        let keys: Vec<String> =
            chunk.iter().map(|r| paper_key(&checkpoint, &r.form.form_number)).collect();
        let created: Vec<NewDeclaration> = chunk
            .iter()
            .zip(&keys)
            .zip(&links[first..first + chunk.len()])
            .filter(|(_, link)| matches!(link, Link::None))
            .map(|((r, key), _)| NewDeclaration {
                declaration: &r.form.declaration,
                channel: Channel::Paper,
                idempotency_key: Some(key),
                fingerprint: Some(&r.fingerprint),
            })
            .collect();
        let mut tx = state.db.write.begin().await?;
        let ids: HashMap<String, i64> = declarations_store::insert_many(&mut tx, &created, now)
            .await?
            .into_iter()
            .filter_map(|(id, key)| Some((key?, id)))
            .collect();
        let mut forms = Vec::with_capacity(chunk.len());
        let (mut imported, mut linked) = (0, 0);
        for (offset, (read, key)) in chunk.iter().zip(&keys).enumerate() {
            let index = first + offset;
            let (outcome, id) = match links[index] {
                Link::None => {
                    imported += 1;
                    (Outcome::Created, ids.get(key).copied())
                }
                Link::Stored(id) => {
                    linked += 1;
                    (Outcome::Linked, Some(id))
                }
                Link::Earlier(earlier) => {
                    linked += 1;
                    (Outcome::Linked, declaration_ids[earlier])
                }
            };
            let id = id.ok_or_else(|| {
                AppError::Unexpected(anyhow::anyhow!("paper form {key}: no declaration stored"))
            })?;
            declaration_ids[index] = Some(id);
            forms.push(NewPaperForm {
                form_number: &read.form.form_number,
                collected_on: read.form.collected_on,
                fingerprint: &read.fingerprint,
                outcome,
                declaration_id: Some(id),
                typed: None,
                override_reason: None,
            });
        }
        store::insert_many(&mut tx, checkpoint.as_str(), &actor.username, &forms, now).await?;
        let lines = format!(
            "lines {}–{}: {imported} new, {linked} linked",
            chunk.first().map_or(0, |r| r.line),
            chunk.last().map_or(0, |r| r.line)
        );
        audit::record_many(
            &mut *tx,
            now,
            By::Official(actor),
            &[Entry::new("import_paper_forms", "checkpoint", checkpoint.as_str()).saying(&lines)],
        )
        .await?;
        tx.commit().await?;
        report.imported += imported;
        report.linked += linked;
        progress((first + chunk.len()) as u64, total);
    }
    Ok(Imported { report, refused: false })
}

/// The checkpoint an official types paper for: their own, and only when `can` says so.
pub fn post(actor: &Official, asked: &str) -> Result<CheckpointCode> {
    let code = CheckpointCode::parse(asked).map_err(|_| AppError::NotFound)?;
    let Scope::Checkpoint { unit, .. } = &actor.scope else {
        return Err(AppError::Forbidden);
    };
    let target = Target::Checkpoint { code: code.as_str(), unit: std::slice::from_ref(unit) };
    actor.authorise(Action::EnterPaperDeclaration, target)?;
    Ok(code)
}

/// The idempotency key of the declaration a paper form creates: one per checkpoint and serial.
fn paper_key(checkpoint: &CheckpointCode, form_number: &str) -> String {
    format!("paper:{checkpoint}:{form_number}")
}

/// A checked form of the file, with the line it starts on and a digest of what it says.
struct ReadForm {
    line: u64,
    form: PaperForm,
    fingerprint: String,
}

struct ReadFile {
    forms: Vec<ReadForm>,
    /// Rows repeating an earlier row of the file, serial and contents.
    repeated: u64,
    rejected: Vec<RejectedRow>,
}

fn rejected(line: u64, column: Column, problem: &str) -> RejectedRow {
    RejectedRow { line, field: Some(column.as_str().to_owned()), problem: problem.to_owned() }
}

fn refusal(rejected: Vec<RejectedRow>) -> PaperImport {
    PaperImport { rejected, ..PaperImport::default() }
}

/// Reads and checks every row: the forms to store, each once, and the rows refused. A file that cannot
/// be read as a whole is refused with why.
fn read_file(state: &AppState, bytes: &[u8]) -> std::result::Result<ReadFile, PaperImport> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        refusal(vec![RejectedRow { line, field: None, problem: "not_utf8".to_owned() }])
    })?;
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match csv.headers() {
        Ok(h) => h.iter().map(|name| name.trim().to_lowercase()).collect(),
        Err(_) => Vec::new(),
    };
    let index: HashMap<Column, usize> =
        header.iter().enumerate().filter_map(|(i, name)| Some((Column::parse(name)?, i))).collect();
    let missing: Vec<RejectedRow> = Column::ALL
        .into_iter()
        .filter(|c| !index.contains_key(c))
        .map(|c| rejected(1, c, "missing_column"))
        .collect();
    if !missing.is_empty() {
        return Err(refusal(missing));
    }
    let units = state.units();
    let today = local_time::today(state.now());
    let mut forms: Vec<ReadForm> = Vec::new();
    let mut rejected_rows = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut repeated = 0;
    for record in csv.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rejected_rows.push(RejectedRow {
                    line,
                    field: None,
                    problem: "not_csv".to_owned(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            let problem = "wrong_field_count".to_owned();
            rejected_rows.push(RejectedRow { line, field: None, problem });
            continue;
        }
        let field = |c: Column| record.get(index[&c]).unwrap_or_default().to_owned();
        match paper::read(field, today, |code| units.tree.is_commune(code)) {
            Err(problems) => {
                rejected_rows.extend(problems.into_iter().map(
                    |PaperProblem { column, problem }| rejected(line, column, problem.as_str()),
                ))
            }
            Ok(form) => {
                let fingerprint = fingerprint(&form);
                match seen.get(&form.form_number) {
                    Some(earlier) if *earlier == fingerprint => repeated += 1,
                    Some(_) => rejected_rows.push(rejected(
                        line,
                        Column::FormNumber,
                        "form_number_repeated",
                    )),
                    None => {
                        seen.insert(form.form_number.clone(), fingerprint.clone());
                        forms.push(ReadForm { line, form, fingerprint });
                    }
                }
            }
        }
    }
    Ok(ReadFile { forms, repeated, rejected: rejected_rows })
}

/// A digest of a checked form: the same paper typed twice gives the same digest, whatever the spacing,
/// date format or case it was typed in.
fn fingerprint(form: &PaperForm) -> String {
    let mut digest = Sha256::new();
    digest.update(form.collected_on.to_string());
    digest.update(serde_json::to_vec(&form.declaration).unwrap_or_default());
    digest.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a new form is joined to.
#[derive(Debug, Clone, Copy)]
enum Link {
    None,
    /// A stored declaration.
    Stored(i64),
    /// The declaration an earlier form of this file creates.
    Earlier(usize),
}

/// Trips whose numbers or names are looked up per query: two parameters each.
const PER_LOOKUP: usize = 400;

/// For each form, the same person's declaration for the same trip, stored or earlier in the file.
async fn same_trips(conn: &mut sqlx::AnyConnection, forms: &[ReadForm]) -> Result<Vec<Link>> {
    let trips: Vec<Trip> = forms.iter().map(|f| Trip::of(&f.form.declaration)).collect();
    let mut stored: Vec<TripRow> = Vec::new();
    for chunk in trips.chunks(PER_LOOKUP) {
        let dates = chunk.iter().map(|t| t.travel_date);
        let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else { continue };
        let numbers: Vec<&str> = chunk.iter().map(|t| t.document_number.as_str()).collect();
        let names: Vec<&str> = chunk.iter().map(|t| t.name_folded.as_str()).collect();
        let (from, to) = (first.add_days(-SAME_TRIP_DAYS), last.add_days(SAME_TRIP_DAYS));
        stored.extend(declarations_store::trips_of(&mut *conn, &numbers, &names, from, to).await?);
    }
    let mut stored_by = People::default();
    for (i, row) in stored.iter().enumerate() {
        stored_by.add(&row.trip, i);
    }
    let mut created_by = People::default();
    let mut links = Vec::with_capacity(trips.len());
    for (i, trip) in trips.iter().enumerate() {
        let link = if let Some(j) = stored_by.find(trip, |j| &stored[j].trip) {
            Link::Stored(stored[j].id)
        } else if let Some(j) = created_by.find(trip, |j| &trips[j]) {
            Link::Earlier(j)
        } else {
            created_by.add(trip, i);
            Link::None
        };
        links.push(link);
    }
    Ok(links)
}

/// Trips indexed by who travels: by document number and by folded name and birth date.
#[derive(Default)]
struct People {
    by_number: HashMap<String, Vec<usize>>,
    by_name: HashMap<(String, domain::date::CivilDate), Vec<usize>>,
}

impl People {
    fn add(&mut self, trip: &Trip, i: usize) {
        self.by_number.entry(trip.document_number.clone()).or_default().push(i);
        self.by_name.entry((trip.name_folded.clone(), trip.birth_date)).or_default().push(i);
    }

    fn find<'a>(&self, trip: &Trip, get: impl Fn(usize) -> &'a Trip) -> Option<usize> {
        let by_number = self.by_number.get(&trip.document_number).into_iter().flatten();
        let by_name =
            self.by_name.get(&(trip.name_folded.clone(), trip.birth_date)).into_iter().flatten();
        by_number.chain(by_name).copied().find(|&j| get(j).same_trip(trip))
    }
}

/// The operator at the server's console, importing a file for a checkpoint that exists.
pub async fn console_officer(
    state: &AppState,
    operator_name: &str,
    checkpoint: &str,
) -> Result<Official> {
    let code = CheckpointCode::parse(checkpoint).map_err(|_| AppError::NotFound)?;
    let found = super::store::checkpoints::by_code(&state.db.read, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Official::operator_at_checkpoint(operator_name, &found.code, found.unit_code))
}
