//! Reconciling a commune's arrivals with the population registry: each arrival looked up and
//! proposed (the rule is `domain::reconciliation`'s), then decided by the commune's police. Every read
//! of the list names people and is audited; so is every decision.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::Result;
use contract::dto::{
    CorrectionView, DecisionInput, DifferenceView, ReconciliationItem, ReconciliationList,
};
use contract::error::ErrorCode;
use domain::date::CivilDate;
use domain::reconciliation::{self as rules, Decision, DecisionError, Facts, Field, Review};
use domain::registry::Entry as Registered;
use domain::{vaccination, Action, Target, UnitCode};

use super::store::audit::{By, Entry};
use super::store::reconciliations::{self as store, NewCorrection, Proposed, Reconciled};
use super::store::vaccinations;
use super::{daily_lists, AppError, AppState, Official};

/// The commune a reconciliation is about: a commune of the tree in use, read by an official who may
/// read its people's data.
fn commune_path(state: &AppState, commune: &UnitCode) -> Result<Vec<UnitCode>> {
    let units = state.units();
    if !units.tree.is_commune(commune) {
        return Err(AppError::NotFound);
    }
    Ok(units.tree.path_of(commune))
}

/// A commune's arrivals of a day with what ZonePass proposes for each, looked up in the registry
/// now for those not decided yet, and how many are done and left. The commune's police and the
/// police above it read it (audited); only the commune's police decide.
#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn worklist(
    state: &AppState,
    actor: &Official,
    commune: &UnitCode,
    day: CivilDate,
) -> Result<ReconciliationList> {
    let path = commune_path(state, commune)?;
    actor.authorise(Action::ReadPersonalData, Target::Unit(&path))?;
    let arrivals = daily_lists::people_of(state, commune, day).await?;
    let mut names: HashMap<&str, &str> = HashMap::new();
    let mut numbers: Vec<&str> = Vec::new();
    for a in &arrivals {
        if names.insert(&a.document_number, &a.full_name).is_none() {
            numbers.push(&a.document_number);
        }
    }
    let mut conn = state.db.read.acquire().await?;
    let declared = store::declared(&mut conn, day, &numbers).await?;
    let registered = store::registered(&mut conn, &numbers).await?;
    let doses = vaccinations::doses_of(&mut conn, &numbers).await?;
    drop(conn);
    let declared: HashMap<&str, &store::Declared> =
        declared.iter().map(|d| (d.document_number.as_str(), d)).collect();
    let registered: HashMap<&str, &Registered> =
        registered.iter().map(|r| (r.document_number.as_str(), r)).collect();
    let looked_up: Vec<(&str, rules::Reconciliation)> = numbers
        .iter()
        .map(|n| {
            let entry = registered.get(n).copied();
            (*n, propose(commune, declared.get(n).copied(), entry))
        })
        .collect();
    let proposed: Vec<Proposed> = looked_up
        .iter()
        .map(|(n, r)| Proposed {
            document_number: n,
            proposal: r.proposal,
            differences: &r.differences,
        })
        .collect();
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    store::propose(&mut tx, day, commune, &proposed).await?;
    let rows = store::of_commune(&mut *tx, day, commune).await?;
    Entry::new("read_reconciliation", "commune", commune.as_str())
        .in_unit(commune.as_str())
        .saying(format!("{day}: {} arrivals", rows.len()))
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    tx.commit().await?;

    let listed: HashSet<&str> = numbers.iter().copied().collect();
    let items: Vec<ReconciliationItem> = rows
        .iter()
        .filter(|r| listed.contains(r.document_number.as_str()))
        .map(|r| {
            let number = r.document_number.as_str();
            let declared_doses = declared.get(number).map(|d| d.vaccination_doses);
            let on_record = vaccination::registered_doses(doses.get(number).copied().unwrap_or(0));
            item(r, names.get(number).copied().unwrap_or_default(), declared_doses, on_record.get())
        })
        .collect();
    let done = items.iter().filter(|i| i.decision.is_some()).count() as i64;
    Ok(ReconciliationList { done, left: items.len() as i64 - done, items })
}

/// What is proposed for an arrival, from what they declared for the day, if anything.
fn propose(
    commune: &UnitCode,
    declared: Option<&store::Declared>,
    registered: Option<&Registered>,
) -> rules::Reconciliation {
    let facts = declared.map(|d| Facts {
        full_name: &d.full_name,
        birth_date: d.birth_date,
        sex: d.sex,
        commune: &d.residence_commune,
        address: &d.residence_address,
    });
    rules::propose(commune, facts.as_ref(), registered.map(Registered::registered).as_ref())
}

fn item(
    r: &Reconciled,
    full_name: &str,
    declared_doses: Option<u8>,
    registered_doses: u8,
) -> ReconciliationItem {
    ReconciliationItem {
        arrival_id: r.id,
        document_number: r.document_number.clone(),
        full_name: full_name.to_owned(),
        proposal: r.proposal.as_str().to_owned(),
        differences: r
            .differences
            .iter()
            .map(|d| DifferenceView {
                field: d.field.as_str().to_owned(),
                declared: d.declared.clone(),
                registered: d.registered.clone(),
            })
            .collect(),
        decision: r.decision.map(|d| d.as_str().to_owned()),
        note: r.note.clone(),
        corrections: r
            .corrections
            .iter()
            .map(|(f, v)| (f.as_str().to_owned(), v.clone()))
            .collect(),
        declared_doses,
        registered_doses,
    }
}

/// Records a commune officer's decision about one of the commune's arrivals. A registry correction
/// goes to the commune chief's list with the registry's values beside the proposed ones. Deciding
/// again replaces the decision; both are on the audit trail.
#[tracing::instrument(skip(state, actor, input), fields(actor = %actor.username))]
pub async fn decide(
    state: &AppState,
    actor: &Official,
    commune: &UnitCode,
    arrival_id: i64,
    input: &DecisionInput,
) -> Result<()> {
    let path = commune_path(state, commune)?;
    actor.authorise(Action::ReconcileArrival, Target::Unit(&path))?;
    let decision =
        Decision::parse(&input.decision).ok_or(AppError::Validation(ErrorCode::BadRequest))?;
    let mut corrections = BTreeMap::new();
    for (field, value) in &input.corrections {
        let field = Field::parse(field).ok_or(AppError::Validation(ErrorCode::BadCorrection))?;
        corrections.insert(field, value.clone());
    }
    let note = domain::text::clean(&input.note);
    if note.chars().count() > rules::MAX_NOTE {
        return Err(AppError::Validation(ErrorCode::TooLong));
    }
    let row = store::by_id(&state.db.read, arrival_id)
        .await?
        .filter(|r| &r.commune == commune)
        .ok_or(AppError::NotFound)?;
    let units = state.units();
    let corrections =
        rules::decide(row.proposal, decision, &note, &corrections, |c| units.tree.is_commune(c))
            .map_err(|e| AppError::Validation(code(e)))?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    store::decide(&mut *tx, row.id, decision, &note, &corrections, &actor.username, now).await?;
    if decision == Decision::ProposeRegistryCorrection {
        let entry = store::registered(&mut tx, &[row.document_number.as_str()]).await?;
        let registered = entry.first().map(registry_values).unwrap_or_default();
        let correction = NewCorrection {
            reconciliation_id: row.id,
            commune,
            document_number: &row.document_number,
            proposed: &corrections,
            registered: &registered,
            evidence: &note,
        };
        store::propose_correction(&mut *tx, correction, &actor.username, now).await?;
    }
    Entry::new("reconcile_arrival", "person", &row.document_number)
        .in_unit(commune.as_str())
        .saying(format!("{} {}: {}", row.day, row.proposal.as_str(), decision.as_str()))
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The registry's values of the facts a correction may touch.
fn registry_values(e: &Registered) -> BTreeMap<Field, String> {
    BTreeMap::from([
        (Field::FullName, e.full_name.clone()),
        (Field::BirthDate, e.birth_date.to_string()),
        (Field::Sex, e.sex.as_str().to_owned()),
        (Field::ResidenceCommune, e.current_commune.to_string()),
        (Field::Address, e.address.clone()),
    ])
}

fn code(e: DecisionError) -> ErrorCode {
    match e {
        DecisionError::DoesNotFit => ErrorCode::DecisionDoesNotFit,
        DecisionError::NothingCorrected => ErrorCode::NothingCorrected,
        DecisionError::CorrectionsNotExpected => ErrorCode::CorrectionsNotExpected,
        DecisionError::BadCorrection(_) => ErrorCode::BadCorrection,
        DecisionError::NoEvidence => ErrorCode::EvidenceRequired,
    }
}

/// A commune's registry corrections (of one status, or all): for the commune chief who reviews them
/// and the police of the commune and above, audited. The accepted ones are what the national
/// population database is sent.
#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn corrections(
    state: &AppState,
    actor: &Official,
    commune: &UnitCode,
    status: Option<Review>,
) -> Result<Vec<CorrectionView>> {
    let path = commune_path(state, commune)?;
    actor.authorise(Action::ReadPersonalData, Target::Unit(&path))?;
    let mut tx = state.db.write.begin().await?;
    let rows = store::corrections(&mut *tx, commune, status).await?;
    Entry::new("read_registry_corrections", "commune", commune.as_str())
        .in_unit(commune.as_str())
        .saying(format!("{} corrections", rows.len()))
        .record(&mut *tx, state.now(), By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(rows.iter().map(correction_view).collect())
}

/// The commune chief accepts or rejects a proposed registry correction (`accept` or `reject`); a
/// correction reviewed already keeps its review (409 `correction_reviewed`).
#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn review(
    state: &AppState,
    actor: &Official,
    commune: &UnitCode,
    id: i64,
    answer: &str,
) -> Result<CorrectionView> {
    let path = commune_path(state, commune)?;
    actor.authorise(Action::ReviewRegistryCorrection, Target::Unit(&path))?;
    let review = Review::answer(answer).ok_or(AppError::Validation(ErrorCode::BadRequest))?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let found = store::correction_by_id(&mut *tx, id)
        .await?
        .filter(|c| &c.commune == commune)
        .ok_or(AppError::NotFound)?;
    if !store::review_correction(&mut *tx, id, review, &actor.username, now).await? {
        return Err(AppError::Conflict(ErrorCode::CorrectionReviewed));
    }
    Entry::new("review_registry_correction", "person", &found.document_number)
        .in_unit(commune.as_str())
        .saying(review.as_str())
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    let reviewed = store::correction_by_id(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(correction_view(&reviewed))
}

fn correction_view(c: &store::Correction) -> CorrectionView {
    let by_name = |facts: &BTreeMap<Field, String>| {
        facts.iter().map(|(f, v)| (f.as_str().to_owned(), v.clone())).collect()
    };
    CorrectionView {
        id: c.id,
        document_number: c.document_number.clone(),
        proposed: by_name(&c.proposed),
        registered: by_name(&c.registered),
        evidence: c.evidence.clone(),
        status: c.status.as_str().to_owned(),
        proposed_by: c.proposed_by.clone(),
        proposed_at: rfc3339(c.proposed_at),
        reviewed_by: c.reviewed_by.clone(),
        reviewed_at: c.reviewed_at.map(rfc3339),
    }
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
