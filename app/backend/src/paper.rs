//! Paper declarations: forms typed at the checkpoint, or typed elsewhere and imported as a file. Each
//! form is checked like an online declaration, matched against the same person's declarations for the
//! same trip (and then linked to it, never stored twice), and kept under the serial number printed on
//! the paper, so that typing or importing it again changes nothing.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::Result;
use contract::dto::{
    PaperBatch, PaperDraft, PaperImport, PlaceChoices, RejectedRow, SameTrip, WaitingForm,
};
use contract::error::ErrorCode;
use domain::checkpoint::CheckpointCode;
use domain::declaration::{self, Channel, Problem};
use domain::paper::{
    self, Column, Outcome, PaperForm, PaperProblem, Trip, TypedForm, SAME_TRIP_DAYS,
};
use domain::{Action, Scope, Target};

use super::declarations::{issue, Issued};
use super::store::audit::{self, By, Entry};
use super::store::declarations::{self as declarations_store, NewDeclaration, TripRow};
use super::store::paper::{self as store, CheckedForm, NewPaperForm};
use super::units::ActiveTree;
use super::{local_time, AppError, AppState, Official};
use domain::date::CivilDate;

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
const PER_TRANSACTION: usize = 5_000;

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
    let started = std::time::Instant::now();
    let (units, today, owned) = (state.units(), local_time::today(state.now()), bytes.to_vec());
    // Seconds of checking for a large file: off the threads that answer requests.
    let read = tokio::task::spawn_blocking(move || read_file(&units, today, &owned))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let file = match read {
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
    let read_in = started.elapsed();
    let links = same_trips(&mut conn, &new_forms).await?;
    let looked_up_in = started.elapsed() - read_in;
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
    tracing::debug!(?read_in, ?looked_up_in, written_in = ?started.elapsed() - read_in - looked_up_in,
        "paper forms imported");
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
fn read_file(
    units: &ActiveTree,
    today: CivilDate,
    bytes: &[u8],
) -> std::result::Result<ReadFile, PaperImport> {
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
    let records: Vec<std::result::Result<csv::StringRecord, csv::Error>> = csv.records().collect();
    // Checking a form (names normalised, numbers, dates, places) is most of an import's work, and
    // each row is checked alone: the rows are shared among the machine's cores.
    let check = |record: &std::result::Result<csv::StringRecord, csv::Error>| -> Checked {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let problem = "not_csv".to_owned();
                return Err(vec![RejectedRow { line, field: None, problem }]);
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            let problem = "wrong_field_count".to_owned();
            return Err(vec![RejectedRow { line, field: None, problem }]);
        }
        let field = |c: Column| record.get(index[&c]).unwrap_or_default().to_owned();
        match paper::read(field, today, |code| units.tree.is_commune(code)) {
            Err(problems) => Err(problems
                .into_iter()
                .map(|PaperProblem { column, problem }| rejected(line, column, problem.as_str()))
                .collect()),
            Ok(form) => {
                let fingerprint = fingerprint(&form);
                Ok(ReadForm { line, form, fingerprint })
            }
        }
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = records.len().div_ceil(workers).max(1);
    let checked: Vec<Checked> = std::thread::scope(|scope| {
        let parts: Vec<_> = records
            .chunks(share)
            .map(|part| scope.spawn(|| part.iter().map(&check).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut forms: Vec<ReadForm> = Vec::with_capacity(checked.len());
    let mut rejected_rows = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut repeated = 0;
    for row in checked {
        let read = match row {
            Err(rows) => {
                rejected_rows.extend(rows);
                continue;
            }
            Ok(read) => read,
        };
        match seen.get(&read.form.form_number) {
            Some(earlier) if *earlier == read.fingerprint => repeated += 1,
            Some(_) => {
                rejected_rows.push(rejected(read.line, Column::FormNumber, "form_number_repeated"))
            }
            None => {
                seen.insert(read.form.form_number.clone(), read.fingerprint.clone());
                forms.push(read);
            }
        }
    }
    Ok(ReadFile { forms, repeated, rejected: rejected_rows })
}

/// One row of a file, checked: a form, or why the row is refused.
type Checked = std::result::Result<ReadForm, Vec<RejectedRow>>;

/// A digest of a checked form: the same paper typed twice gives the same digest, whatever the spacing,
/// date format or case it was typed in.
fn fingerprint(form: &PaperForm) -> String {
    let mut digest = Sha256::new();
    digest.update(form.collected_on.to_string());
    digest.update(serde_json::to_vec(&form.declaration).unwrap_or_default());
    hex(&digest.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
const PER_LOOKUP: usize = 2_000;

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
    by_name: HashMap<(String, CivilDate), Vec<usize>>,
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

/// What the officer decided about a typed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Save it, unless ZonePass finds the same person's trip: then show what was found first.
    Check,
    /// Join it to this declaration, one of those found.
    Link(i64),
    /// Store it as a new record although the same trip was found, for this reason (audited).
    Separate(String),
    /// Keep it as typed: the paper is illegible and must be checked.
    Illegible,
}

/// What typing a form did.
pub enum Entered {
    /// A new declaration, with the pass the traveller takes away on paper.
    Created(Issued),
    /// Joined to the same person's declaration for the same trip.
    Linked(i64),
    /// Nothing stored yet: these declarations look like the same trip.
    Found(Vec<SameTrip>),
    /// Nothing stored yet: a place was typed as a name several communes bear.
    Unclear(Vec<PlaceChoices>),
    /// Kept as typed, in the list of forms to check.
    Kept,
    /// This checkpoint holds this form already, with the same contents.
    AlreadyTyped,
}

const MAX_REASON: usize = 300;

/// Types one paper form at the officer's checkpoint.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn enter(
    state: &AppState,
    actor: &Official,
    typed: &TypedForm,
    choice: Choice,
) -> Result<Entered> {
    let checkpoint = own_post(actor)?;
    let now = state.now();
    if choice == Choice::Illegible {
        return keep_for_checking(state, actor, &checkpoint, typed).await;
    }
    let mut typed = typed.clone();
    let unclear = resolve_places(state, &mut typed);
    if !unclear.is_empty() {
        return Ok(Entered::Unclear(unclear));
    }
    let units = state.units();
    let form = typed
        .check(local_time::today(now), |code| units.tree.is_commune(code))
        .map_err(AppError::InvalidPaperForm)?;
    let fingerprint = fingerprint(&form);
    let stored = store::by_number(&state.db.read, checkpoint.as_str(), &form.form_number).await?;
    let waiting = match &stored {
        Some(s) if s.fingerprint == fingerprint => return Ok(Entered::AlreadyTyped),
        Some(s) if s.outcome == Outcome::NeedsChecking.as_str() => Some(s.id),
        Some(_) => return Err(AppError::Conflict(ErrorCode::FormNumberTaken)),
        None => None,
    };
    let trip = Trip::of(&form.declaration);
    let from = trip.travel_date.add_days(-SAME_TRIP_DAYS);
    let to = trip.travel_date.add_days(SAME_TRIP_DAYS);
    let (number, name) = (trip.document_number.as_str(), trip.name_folded.as_str());
    let mut conn = state.db.read.acquire().await?;
    let found: Vec<TripRow> = declarations_store::trips_of(&mut conn, &[number], &[name], from, to)
        .await?
        .into_iter()
        .filter(|row| row.trip.same_trip(&trip))
        .collect();
    drop(conn);
    let (link, reason) = match &choice {
        Choice::Check if !found.is_empty() => {
            return show_found(state, actor, &checkpoint, &found).await;
        }
        Choice::Link(id) => {
            (Some(found.iter().find(|row| row.id == *id).ok_or(AppError::NotFound)?.id), None)
        }
        Choice::Separate(reason) => {
            let reason = domain::text::clean(reason);
            if reason.is_empty() || reason.chars().count() > MAX_REASON {
                return Err(AppError::Validation(ErrorCode::BadRequest));
            }
            // A reason is kept only where it overrides something found.
            (None, (!found.is_empty()).then_some(reason))
        }
        _ => (None, None),
    };
    // The signing key is read before the single writer is taken.
    let joins = match link {
        Some(id) => Joins::Existing(id),
        None => {
            let (key_id, signing_key) = super::keys::signing_key(&state.db, &state.kek).await?;
            Joins::New(key_id, Box::new(signing_key))
        }
    };
    let key = paper_key(&checkpoint, &form.form_number);
    let mut tx = state.db.write.begin().await?;
    let (entered, declaration_id) = match joins {
        Joins::Existing(id) => (Entered::Linked(id), id),
        Joins::New(key_id, signing_key) => {
            let new = NewDeclaration {
                declaration: &form.declaration,
                channel: Channel::Paper,
                idempotency_key: Some(&key),
                fingerprint: Some(&fingerprint),
            };
            let issued = issue(&mut tx, new, None, (key_id, &signing_key), now).await?;
            let id = issued.declaration_id;
            (Entered::Created(issued), id)
        }
    };
    let outcome = if link.is_some() { Outcome::Linked } else { Outcome::Created };
    let done = match waiting {
        Some(id) => {
            let checked = CheckedForm {
                id,
                fingerprint: &fingerprint,
                outcome,
                declaration_id,
                override_reason: reason.as_deref(),
            };
            store::complete(&mut *tx, checked, &actor.username, now).await?
        }
        None => {
            let new = NewPaperForm {
                form_number: &form.form_number,
                collected_on: form.collected_on,
                fingerprint: &fingerprint,
                outcome,
                declaration_id: Some(declaration_id),
                typed: None,
                override_reason: reason.as_deref(),
            };
            store::insert_many(&mut tx, checkpoint.as_str(), &actor.username, &[new], now).await?;
            true
        }
    };
    if !done {
        return Err(AppError::Conflict(ErrorCode::FormNumberTaken));
    }
    let mut entry = Entry::new("enter_paper_form", "checkpoint", checkpoint.as_str())
        .saying(format!("{} {}", form.form_number, outcome.as_str()));
    if let Some(reason) = &reason {
        entry = entry.saying(format!(
            "{}: a new record although the same trip was found ({reason})",
            form.form_number
        ));
    }
    audit::record_many(&mut *tx, now, By::Official(actor), &[entry]).await?;
    tx.commit().await?;
    Ok(entered)
}

/// The places of a typed form as communes: a code (alone, or first, as the type-ahead fills it in), or
/// a name, with or without diacritics, that only one commune answers. A name several communes answer
/// comes back with them to choose from; a name none answers is left for the declaration's check.
pub fn resolve_places(state: &AppState, typed: &mut TypedForm) -> Vec<PlaceChoices> {
    let units = state.units();
    let mut unclear = Vec::new();
    let places = [
        (Column::ResidenceCommune, &mut typed.input.residence_commune),
        (Column::OriginCommune, &mut typed.input.origin_commune),
        (Column::DestinationCommune, &mut typed.input.destination_commune),
    ];
    for (column, place) in places {
        let raw = place.trim().to_owned();
        let first = raw.split_whitespace().next().unwrap_or_default();
        if let Ok(code) = domain::UnitCode::parse(first) {
            if units.tree.is_commune(&code) || first == raw {
                *place = code.to_string();
                continue;
            }
        }
        if raw.is_empty() {
            continue;
        }
        let mut found = super::units::search_communes(state, &raw);
        match found.len() {
            0 => {}
            1 => *place = found.remove(0).code,
            _ => unclear.push(PlaceChoices { field: column.as_str().to_owned(), communes: found }),
        }
    }
    unclear
}

/// What a typed form becomes part of: a declaration already held, or a new one signed with this key.
enum Joins {
    Existing(i64),
    New(domain::pass::KeyId, Box<domain::pass::SigningKey>),
}

/// The declarations found for the same trip, shown to the officer: each one a read of someone's data.
async fn show_found(
    state: &AppState,
    actor: &Official,
    checkpoint: &CheckpointCode,
    found: &[TripRow],
) -> Result<Entered> {
    let units = state.units();
    let ids: Vec<String> = found.iter().map(|row| row.id.to_string()).collect();
    let entries: Vec<Entry> = found
        .iter()
        .zip(&ids)
        .map(|(row, id)| {
            Entry::new("show_same_trip", "declaration", id)
                .saying(format!("{checkpoint}: {}", row.trip.document_number))
        })
        .collect();
    audit::record_many(&state.db.write, state.now(), By::Official(actor), &entries).await?;
    Ok(Entered::Found(
        found
            .iter()
            .map(|row| SameTrip {
                declaration_id: row.id,
                channel: row.channel.as_str().to_owned(),
                full_name: row.full_name.clone(),
                document_number: row.trip.document_number.clone(),
                birth_date: row.trip.birth_date.vietnamese(),
                travel_date: row.trip.travel_date.vietnamese(),
                destination: units.tree.full_name(&row.trip.destination),
            })
            .collect(),
    ))
}

/// An illegible form, kept as typed under its serial number until someone checks the paper.
async fn keep_for_checking(
    state: &AppState,
    actor: &Official,
    checkpoint: &CheckpointCode,
    typed: &TypedForm,
) -> Result<Entered> {
    let form_number = domain::text::clean(&typed.form_number);
    if form_number.is_empty() {
        let problem = PaperProblem { column: Column::FormNumber, problem: Problem::Required };
        return Err(AppError::InvalidPaperForm(vec![problem]));
    }
    let now = state.now();
    let today = local_time::today(now);
    let collected_on = declaration::parse_date(&paper::typed_date(&typed.collected_on))
        .ok()
        .filter(|day| *day <= today)
        .unwrap_or(today);
    let json = serde_json::to_string(typed).map_err(|e| AppError::Unexpected(e.into()))?;
    let digest = hex(&Sha256::digest(json.as_bytes()));
    if let Some(stored) =
        store::by_number(&state.db.read, checkpoint.as_str(), &form_number).await?
    {
        return if stored.fingerprint == digest {
            Ok(Entered::AlreadyTyped)
        } else {
            Err(AppError::Conflict(ErrorCode::FormNumberTaken))
        };
    }
    let new = NewPaperForm {
        form_number: &form_number,
        collected_on,
        fingerprint: &digest,
        outcome: Outcome::NeedsChecking,
        declaration_id: None,
        typed: Some(&json),
        override_reason: None,
    };
    let mut tx = state.db.write.begin().await?;
    store::insert_many(&mut tx, checkpoint.as_str(), &actor.username, &[new], now).await?;
    let entry = Entry::new("enter_paper_form", "checkpoint", checkpoint.as_str())
        .saying(format!("{form_number} needs_checking"));
    audit::record_many(&mut *tx, now, By::Official(actor), &[entry]).await?;
    tx.commit().await?;
    Ok(Entered::Kept)
}

/// The officer's own checkpoint, for typing its paper.
pub fn own_post(actor: &Official) -> Result<CheckpointCode> {
    match &actor.scope {
        Scope::Checkpoint { code, .. } => post(actor, code),
        _ => Err(AppError::Forbidden),
    }
}

/// The day's batch of the officer's checkpoint: how many forms were collected.
pub async fn set_collected(
    state: &AppState,
    actor: &Official,
    day: &str,
    collected: i64,
) -> Result<()> {
    let checkpoint = own_post(actor)?;
    let now = state.now();
    let today = local_time::today(now);
    let day = paper::typed_date(day);
    let day = if day.trim().is_empty() {
        today
    } else {
        declaration::parse_date(&day)
            .ok()
            .filter(|d| *d <= today && d.add_days(paper::MAX_PAPER_AGE_DAYS) >= today)
            .ok_or(AppError::Validation(ErrorCode::BadDate))?
    };
    if !(0..=MAX_COLLECTED).contains(&collected) {
        return Err(AppError::Validation(ErrorCode::BadRequest));
    }
    let mut tx = state.db.write.begin().await?;
    store::set_collected(&mut *tx, checkpoint.as_str(), day, collected, &actor.username, now)
        .await?;
    let entry = Entry::new("count_paper_forms", "checkpoint", checkpoint.as_str())
        .saying(format!("{day}: {collected} collected"));
    audit::record_many(&mut *tx, now, By::Official(actor), &[entry]).await?;
    tx.commit().await?;
    Ok(())
}

/// More forms than any checkpoint collects in a day is a typing slip.
const MAX_COLLECTED: i64 = 100_000;

/// How far back the backlog looks: paper older than this is past its keeping time.
const BACKLOG_DAYS: i64 = paper::MAX_PAPER_AGE_DAYS;

/// The batches of paper the official can see: their own checkpoint's, or every checkpoint's in their
/// unit for province and district police; oldest first, each with what is left to type.
pub async fn batches(state: &AppState, actor: &Official) -> Result<Vec<PaperBatch>> {
    let now = state.now();
    let units = state.units();
    let checkpoints = super::store::checkpoints::list(&state.db.read).await?;
    let visible: Vec<&super::store::checkpoints::Checkpoint> = checkpoints
        .iter()
        .filter(|cp| {
            let path = units.tree.path_of(&cp.unit_code);
            let target = Target::Checkpoint { code: cp.code.as_str(), unit: &path };
            domain::can(actor, Action::EnterPaperDeclaration, target)
                || domain::can(actor, Action::ViewUnit, target)
        })
        .collect();
    if !actor.may(Action::EnterPaperDeclaration) && !actor.may(Action::ViewUnit) {
        return Err(AppError::Forbidden);
    }
    if visible.is_empty() {
        return Ok(Vec::new());
    }
    let codes: Vec<&str> = visible.iter().map(|cp| cp.code.as_str()).collect();
    let since = local_time::today(now).add_days(-BACKLOG_DAYS);
    let rows = store::batches(&state.db.read, &codes, since).await?;
    rows.into_iter()
        .map(|row| {
            let name = visible
                .iter()
                .find(|cp| cp.code.as_str() == row.checkpoint_code)
                .map(|cp| cp.name.clone())
                .unwrap_or_default();
            let opened = crate::db::parse_db_time(&row.opened_at)?;
            let untyped = row.collected - row.typed;
            Ok(PaperBatch {
                checkpoint: row.checkpoint_code,
                name,
                collected_on: row.collected_on,
                collected: row.collected,
                typed: row.typed - row.needs_checking,
                needs_checking: row.needs_checking,
                untyped: untyped.max(0),
                waiting_minutes: (untyped > 0).then(|| (now - opened).whole_minutes()),
            })
        })
        .collect()
}

/// The forms of the officer's checkpoint that wait for someone to check the paper.
pub async fn waiting(state: &AppState, actor: &Official) -> Result<Vec<WaitingForm>> {
    let checkpoint = own_post(actor)?;
    let rows = store::waiting(&state.db.read, checkpoint.as_str()).await?;
    rows.into_iter()
        .map(|row| {
            let typed: TypedForm = row
                .typed
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| AppError::Unexpected(e.into()))?
                .unwrap_or_default();
            Ok(WaitingForm {
                form_number: row.form_number,
                collected_on: row.collected_on,
                entered_by: row.entered_by,
                entered_at: local_time::text(crate::db::parse_db_time(&row.entered_at)?),
                typed,
            })
        })
        .collect()
}

/// Keeps a paper form between two rounds of the entry screen without JavaScript; its id.
pub async fn keep_draft(state: &AppState, actor: &Official, draft: PaperDraft) -> Result<String> {
    own_post(actor)?;
    let draft = PaperDraft { officer_id: actor.user_id, ..draft };
    state.paper_drafts.put(&state.db, &draft, state.now()).await
}

/// A paper form kept between rounds, for the officer who typed it.
pub async fn saved_draft(state: &AppState, actor: &Official, id: &str) -> Result<PaperDraft> {
    own_post(actor)?;
    state
        .paper_drafts
        .get(&state.db, id, state.now())
        .await?
        .filter(|d| d.officer_id == actor.user_id)
        .ok_or(AppError::NotFound)
}

/// The header of an import file and one example row: the template the entry screen offers.
pub fn template() -> String {
    let example = |column: Column| match column {
        Column::DocumentType => "cccd",
        Column::DocumentNumber => "030190012345",
        Column::FullName => "Nguyễn Thị Hằng",
        Column::BirthDate => "28/02/1990",
        Column::Sex => "nữ",
        Column::Phone => "0912345678",
        Column::ResidenceCommune | Column::DestinationCommune => "10507",
        Column::ResidenceAddress => "\"Số 5, Thôn 2\"",
        Column::OriginCommune => "00004",
        Column::TravelDate | Column::CollectedOn => "28/11/2021",
        Column::Vehicle => "motorbike",
        Column::VehiclePlate => "34B1-123.45",
        Column::Symptoms => "fever;cough",
        Column::CloseContact => "không",
        Column::VaccinationDoses => "2",
        Column::FormNumber => "HD01-000001",
    };
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.as_str()).collect();
    let row: Vec<&str> = Column::ALL.into_iter().map(example).collect();
    format!("\u{feff}{}\r\n{}\r\n", header.join(","), row.join(","))
}
