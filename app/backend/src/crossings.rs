//! Recording crossings, which scanners send in batches (several at once after a time offline), and the
//! day of a checkpoint as its supervisor sees it.

use crate::Result;
use time::OffsetDateTime;

use domain::crossing::{self, CrossingInput, MAX_BATCH};
use domain::{can, Action, Target};

use super::scanning::post_of;
use super::store::audit::{self, By, Entry};
use super::{store, AppError, AppState, Official};
use contract::dto::{
    CheckpointDay, CrossingCounts, CrossingOutcome, CrossingView, DeviceView, RefusedField,
};

/// Stores the valid crossings of a batch and answers for each one, in order. An invalid crossing is
/// refused alone, with its reasons: one crossing the server cannot take (a device clock running fast,
/// say) must never hold back the rest of a checkpoint's backlog.
#[tracing::instrument(skip_all, fields(actor = %actor.username, count = batch.len()))]
pub async fn record_crossings(
    state: &AppState,
    actor: &Official,
    batch: &[CrossingInput],
) -> Result<Vec<CrossingOutcome>> {
    let (checkpoint, _) = post_of(state, actor, Action::RecordCrossing)?;
    if batch.is_empty() || batch.len() > MAX_BATCH {
        return Err(AppError::Validation(contract::error::ErrorCode::BadBatchSize));
    }
    let now = state.now();
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut checked = Vec::with_capacity(batch.len());
    for input in batch {
        let scanned_at = OffsetDateTime::parse(
            input.scanned_at.trim(),
            &time::format_description::well_known::Rfc3339,
        )
        .ok()
        .map(|t| t.unix_timestamp());
        match crossing::check(input, scanned_at, now.unix_timestamp()) {
            Ok(c) => {
                checked.push(c);
                outcomes.push(None);
            }
            Err(found) => outcomes.push(Some(CrossingOutcome::Refused(
                found
                    .into_iter()
                    .map(|p| RefusedField {
                        field: p.field.to_owned(),
                        problem: p.problem.to_owned(),
                    })
                    .collect(),
            ))),
        }
    }
    let rows = checked
        .iter()
        .map(|c| {
            Ok(store::crossings::NewCrossing {
                client_id: &c.client_id,
                pass_id: c.pass_id,
                document_number: &c.document_number,
                direction: c.direction,
                verdict: c.verdict,
                action: c.action,
                scanned_at: OffsetDateTime::from_unix_timestamp(c.scanned_at)
                    .map_err(|e| AppError::Unexpected(e.into()))?,
                offline: c.offline,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let stored = if rows.is_empty() {
        Vec::new()
    } else {
        let mut tx = state.db.write.begin().await?;
        let stored =
            store::crossings::insert_batch(&mut *tx, &checkpoint, actor.user_id, &rows, now)
                .await?;
        // Each crossing names a person: what was stored, with its verdict, is on the record, including a
        // scan the device judged offline, which is audited now that it reaches the server.
        let details: Vec<String> = checked
            .iter()
            .map(|c| {
                let late = if c.offline { ", judged offline" } else { "" };
                let corrected = if c.corrected { ", time corrected by the officer" } else { "" };
                format!("{checkpoint} {}: {}{late}{corrected}", c.client_id, c.verdict.as_str())
            })
            .collect();
        let entries: Vec<Entry> = rows
            .iter()
            .zip(&stored)
            .zip(&details)
            .filter(|((_, new), _)| **new)
            .map(|((c, _), detail)| {
                Entry::new("record_crossing", "person", c.document_number).saying(detail.as_str())
            })
            .collect();
        audit::record_many(&mut *tx, now, By::Official(actor), &entries).await?;
        tx.commit().await?;
        stored
    };
    let mut stored = stored.into_iter();
    Ok(outcomes
        .into_iter()
        .map(|refused| {
            refused.unwrap_or_else(|| match stored.next() {
                Some(true) => CrossingOutcome::Stored,
                _ => CrossingOutcome::Duplicate,
            })
        })
        .collect())
}

/// The officer drops a crossing the server refused and that cannot be corrected. It names a person and
/// leaves no crossing behind, so the dropping itself is on the record.
pub async fn discard_crossing(
    state: &AppState,
    actor: &Official,
    input: &CrossingInput,
) -> Result<()> {
    let (checkpoint, _) = post_of(state, actor, Action::RecordCrossing)?;
    let person = crossing::person_named(input).unwrap_or_else(|| "unknown".to_owned());
    let client_id: String = input.client_id.trim().chars().take(64).collect();
    Entry::new("discard_crossing", "person", &person)
        .saying(format!(
            "{checkpoint} {client_id}: refused by the server, discarded by the officer"
        ))
        .record(&state.db.write, state.now(), By::Official(actor))
        .await?;
    Ok(())
}

/// The officer's decision on a scan shown on the screen without JavaScript: confirm (the card matches the
/// pass; the rules' action is taken) or mismatch (the card does not match: turned back, recorded red).
pub async fn record_scan(
    state: &AppState,
    actor: &Official,
    scan_id: &str,
    card_matches: bool,
) -> Result<()> {
    let scan = super::scanning::saved_scan(state, actor, scan_id).await?;
    let (verdict, action) = domain::verdict::recorded_outcome(
        scan.judgement.verdict,
        scan.judgement.action,
        card_matches,
    );
    let mut id = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
    let input = CrossingInput {
        client_id: format!("web-{}", id.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        token: scan.token.clone(),
        document_number: scan.document_number.clone(),
        direction: scan.direction.clone(),
        verdict: verdict.as_str().to_owned(),
        action: action.as_str().to_owned(),
        scanned_at: OffsetDateTime::from_unix_timestamp(scan.scanned_at)
            .ok()
            .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
            .unwrap_or_default(),
        offline: false,
        corrected: false,
    };
    match record_crossings(state, actor, std::slice::from_ref(&input)).await?.as_slice() {
        [outcome] if outcome.is_kept() => Ok(()),
        _ => Err(AppError::Validation(contract::error::ErrorCode::InvalidCrossings)),
    }
}

/// A checkpoint's crossings on one day (Vietnam's calendar), with counts, for its officers and for the
/// police whose unit contains it. Listing people's crossings is a read of personal data: audited.
/// `code` empty means the officer's own checkpoint; `date` (`YYYY-MM-DD`) empty means today.
pub async fn day_at_checkpoint(
    state: &AppState,
    actor: &Official,
    code: &str,
    date: &str,
) -> Result<CheckpointDay> {
    let code = match (code.trim(), &actor.scope) {
        ("", domain::Scope::Checkpoint { code, .. }) => code.as_str(),
        (code, _) => code,
    };
    let date = if date.trim().is_empty() {
        domain::date::vietnam_date(state.now().unix_timestamp())
    } else {
        domain::declaration::parse_date(date)
            .map_err(|_| AppError::Validation(contract::error::ErrorCode::BadDate))?
    };
    let checkpoint =
        store::checkpoints::by_code(&state.db.read, code).await?.ok_or(AppError::NotFound)?;
    let units = state.units();
    let unit = checkpoint.unit_code.clone();
    let path = units.tree.path_of(&unit);
    let allowed = can(actor, Action::ReadCrossings, Target::Checkpoint { code, unit: &path });
    let now = state.now();
    Entry::new(
        if allowed { "read_crossings" } else { "read_crossings_denied" },
        "checkpoint",
        code,
    )
    .in_unit(unit.as_str())
    .saying(date.to_string())
    .record(&state.db.write, now, By::Official(actor))
    .await?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let from = super::local_time::day_start(date)?;
    let until = from + time::Duration::days(1);
    let rows = store::crossings::at_checkpoint(&state.db.read, code, from, until).await?;
    let mut counts = CrossingCounts::default();
    let crossings: Vec<CrossingView> = rows
        .into_iter()
        .map(|r| {
            counts.add(r.verdict, r.direction, r.offline);
            view(r)
        })
        .collect();
    let devices = store::crossings::devices_at(&state.db.read, code)
        .await?
        .into_iter()
        .map(|d| DeviceView {
            reported_at: rfc3339(d.reported_at),
            device_id: d.device_id,
            officer: d.officer,
            pending: d.pending,
        })
        .collect();
    Ok(CheckpointDay {
        devices,
        checkpoint: checkpoint.code.to_string(),
        name: checkpoint.name,
        date: date.to_string(),
        counts,
        crossings,
    })
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn view(r: store::crossings::CrossingRow) -> CrossingView {
    CrossingView {
        offline: r.offline,
        scanned_at: rfc3339(r.scanned_at),
        received_at: rfc3339(r.received_at),
        client_id: r.client_id,
        officer: r.officer,
        pass_id: r.pass_id.map(|id| id.to_string()),
        document_number: r.document_number,
        direction: r.direction,
        verdict: r.verdict,
        action: r.action,
    }
}
