//! Judging a scanned pass for a checkpoint officer, with the same domain code the scanner runs offline,
//! and the bundle a scanner device caches to judge without the network.

use crate::Result;
use domain::crossing::Direction;
use domain::epidemic::level_at;
use domain::revocation::{self, RevocationUpdate, Revoked};
use domain::verdict::{judge, Knowledge};
use domain::{vaccination, Action, DocumentNumber, Doses, Scope, UnitCode};

use super::db::parse_db_time;
use super::store::audit::{By, Entry};
use super::{knowledge, store, AppError, AppState, Official};
use contract::dto::{BundleKey, ScanDraft, ScannerBundle};
use contract::error::ErrorCode;
use domain::epidemic::LeafLevels;
use domain::verdict::Judgement;

/// A judgement, the names of the places the pass names, and the doses the holder has on record
/// (beside those declared in the pass), for showing.
pub struct Scan {
    pub judgement: Judgement,
    pub origin_name: String,
    pub destination_name: String,
    pub registered_doses: Option<Doses>,
}

/// The checkpoint an officer works at, and the province whose rules apply there, once `action` is
/// allowed there.
pub fn post_of(state: &AppState, actor: &Official, action: Action) -> Result<(String, UnitCode)> {
    let Scope::Checkpoint { code, unit } = &actor.scope else {
        return Err(AppError::Forbidden);
    };
    actor.authorise(action, actor.own_target())?;
    let units = state.units();
    let province = units.tree.root_of(unit).map(|p| p.code.clone()).ok_or(AppError::Forbidden)?;
    Ok((code.clone(), province))
}

#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn verify_pass(state: &AppState, actor: &Official, token: &str) -> Result<Scan> {
    let (checkpoint, province) = post_of(state, actor, Action::ScanPass)?;
    let known = knowledge::current(state).await?;
    let units = state.units();
    let now = state.now();
    let at = now.unix_timestamp();
    // The only per-scan query, whether the holder has since declared again, shares its transaction with
    // the audit row of what the officer is shown.
    let mut tx = state.db.write.begin().await?;
    let revoked = match domain::pass::read_unverified(token) {
        Ok(facts) => store::declarations::is_revoked(&mut *tx, &facts.id.to_string()).await?,
        Err(_) => false,
    };
    let rules = known.rules_for(&province);
    let judgement = judge(
        token,
        &Knowledge {
            key_for: |id| known.keys.get(&id).copied(),
            is_revoked: |_| revoked,
            level_of: |unit: &UnitCode| level_at(&known.areas, &units.tree, unit, at),
            rules: &rules,
        },
        now.unix_timestamp(),
    );
    let mut registered_doses = None;
    if let Some(holder) = &judgement.holder {
        let number = holder.document_number.as_str();
        let on_record = store::vaccinations::doses_of(&mut tx, &[number]).await?;
        registered_doses =
            Some(vaccination::registered_doses(on_record.get(number).copied().unwrap_or(0)));
        // Showing a holder's data to an official is a read of personal data.
        Entry::new("verify_pass", "pass", &holder.id.to_string())
            .saying(format!("{checkpoint}: {}", judgement.verdict.as_str()))
            .record(&mut *tx, now, By::Official(actor))
            .await?;
    }
    tx.commit().await?;
    let name = |code: Option<&UnitCode>| code.map(|c| units.tree.full_name(c)).unwrap_or_default();
    Ok(Scan {
        origin_name: name(judgement.holder.as_ref().map(|h| &h.origin)),
        destination_name: name(judgement.holder.as_ref().map(|h| &h.destination)),
        registered_doses,
        judgement,
    })
}

/// The doses on record of the holder of a pass an officer's device judged offline: what the verdict
/// shows beside the doses the pass declares, once the network answers. A read of personal data,
/// audited like a scan.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn doses_on_record(state: &AppState, actor: &Official, number: &str) -> Result<Doses> {
    let (checkpoint, _) = post_of(state, actor, Action::ScanPass)?;
    let number = DocumentNumber::parse(number)
        .map_err(|_| AppError::Validation(ErrorCode::BadDocumentNumber))?;
    let mut tx = state.db.write.begin().await?;
    let on_record = store::vaccinations::doses_of(&mut tx, &[number.as_str()]).await?;
    Entry::new("read_doses", "person", number.as_str())
        .saying(checkpoint)
        .record(&mut *tx, state.now(), By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(vaccination::registered_doses(on_record.get(number.as_str()).copied().unwrap_or(0)))
}

/// What an officer scanned or typed: a pass's QR text, or an ID number whose live pass is looked up (a
/// broken phone screen, a printed pass that will not scan). Kept as a draft for the screen without JavaScript.
pub async fn scan_text(
    state: &AppState,
    actor: &Official,
    text: &str,
    direction: &str,
) -> Result<ScanDraft> {
    let text = text.trim();
    if text.len() > MAX_SCAN_TEXT {
        return Err(AppError::Validation(ErrorCode::BadRequest));
    }
    let typed = DocumentNumber::parse(text).ok();
    let token = match &typed {
        Some(number) => {
            let (checkpoint, _) = post_of(state, actor, Action::LookUpPerson)?;
            let now = state.now();
            let mut tx = state.db.write.begin().await?;
            let live = store::declarations::live_pass_of(&mut *tx, number.as_str(), now).await?;
            // Asking about a person is a read of personal data, whether or not a pass is found.
            let outcome = if live.is_some() { "live pass found" } else { "no live pass" };
            Entry::new("look_up_pass", "person", number.as_str())
                .saying(format!("{checkpoint}: {outcome}"))
                .record(&mut *tx, now, By::Official(actor))
                .await?;
            tx.commit().await?;
            live.map(|p| p.token)
        }
        None => Some(text.to_owned()),
    };
    let scan = match &token {
        Some(token) => verify_pass(state, actor, token).await?,
        None => Scan {
            judgement: domain::verdict::no_pass(),
            origin_name: String::new(),
            destination_name: String::new(),
            registered_doses: None,
        },
    };
    Ok(ScanDraft {
        officer_id: actor.user_id,
        judgement: scan.judgement,
        origin_name: scan.origin_name,
        destination_name: scan.destination_name,
        registered_doses: scan.registered_doses.map(Doses::get),
        token,
        document_number: typed.map(String::from),
        direction: Direction::parse(direction).unwrap_or(Direction::In).as_str().to_owned(),
        scanned_at: state.now().unix_timestamp(),
        card: None,
    })
}

/// A scan kept for the screen without JavaScript, only for the officer who made it (anyone else is
/// refused as such, before any scan is looked up).
pub async fn saved_scan(state: &AppState, actor: &Official, id: &str) -> Result<ScanDraft> {
    post_of(state, actor, Action::ScanPass)?;
    state
        .scans
        .get(&state.db, id, state.now())
        .await?
        .filter(|s| s.officer_id == actor.user_id)
        .ok_or(AppError::NotFound)
}

/// Keeps a scan for the screen without JavaScript; returns its id.
pub async fn keep_scan(state: &AppState, scan: &ScanDraft) -> Result<String> {
    state.scans.put(&state.db, scan, state.now()).await
}

/// The holder's ID card read next to a kept scan; returns the id of the scan with the comparison.
pub async fn check_card(
    state: &AppState,
    actor: &Official,
    id: &str,
    card: &str,
) -> Result<String> {
    let mut scan = saved_scan(state, actor, id).await?;
    scan.card = Some(domain::card::check(scan.judgement.holder.as_ref(), card));
    keep_scan(state, &scan).await
}

/// A device that reports nothing new is written down at most this often (its supervisor still sees it live).
const DEVICE_REPORT_EVERY: time::Duration = time::Duration::minutes(1);

/// A QR holds a few hundred characters at most; a card QR a few more.
const MAX_SCAN_TEXT: usize = 2048;

/// Everything a scanner caches to judge offline: keys, revocations, the levels of places in epidemic areas
/// and its province's rules, stamped with the server's time so the device can tell how far its clock is off.
/// Revocations come as what changed since the list the device holds (`held_as_of`, the `as_of` of its
/// last bundle), so asking every few seconds costs little. The device reports how many crossings it still
/// holds, so its supervisor sees the backlog; that report is written only when it changes or grows old.
pub async fn bundle(
    state: &AppState,
    actor: &Official,
    device_id: &str,
    pending: u32,
    held_as_of: Option<i64>,
) -> Result<ScannerBundle> {
    let (checkpoint, province) = post_of(state, actor, Action::ScanPass)?;
    let known = knowledge::current(state).await?;
    let now = state.now();
    let device_id = device_id.trim();
    if device_id.is_empty()
        || device_id.len() > 64
        || !device_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(AppError::Validation(ErrorCode::BadRequest));
    }
    let since = revocation::delta_start(held_as_of, now.unix_timestamp())
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok());
    let revoked = store::declarations::revocations_since(&state.db.read, since, now)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Revoked { expires_at: parse_db_time(&r.expires_at)?.unix_timestamp(), id: r.id })
        })
        .collect::<Result<Vec<_>>>()?;
    let pending = i64::from(pending);
    let reported = store::crossings::device_at(&state.db.read, &checkpoint, device_id).await?;
    let report_due = reported.is_none_or(|d| {
        d.pending != pending
            || d.officer != actor.username
            || now - d.reported_at >= DEVICE_REPORT_EVERY
    });
    if report_due || !revoked.is_empty() {
        let mut tx = state.db.write.begin().await?;
        if report_due {
            store::crossings::report_device(
                &mut *tx,
                device_id,
                &checkpoint,
                &actor.username,
                pending,
                now,
            )
            .await?;
        }
        if !revoked.is_empty() {
            // Revoked passes name people (through their ids): who received them, when, is on the record.
            Entry::new("read_scanner_bundle", "checkpoint", &checkpoint)
                .saying(format!(
                    "device {device_id}, {} revocations{}",
                    revoked.len(),
                    if since.is_some() { " since its last list" } else { "" }
                ))
                .record(&mut *tx, now, By::Official(actor))
                .await?;
        }
        tx.commit().await?;
    }
    Ok(ScannerBundle {
        checkpoint,
        server_time: now.unix_timestamp(),
        keys: known
            .keys
            .iter()
            .map(|(id, published)| BundleKey {
                key_id: id.0,
                public_key: published.key.to_bytes(),
                retired_at: published.retired_at,
            })
            .collect(),
        revocations: RevocationUpdate {
            complete: since.is_none(),
            revoked,
            as_of: now.unix_timestamp(),
        },
        levels: LeafLevels::spread(&known.areas, &state.units().tree),
        rules: known.rules_for(&province),
        max_age_seconds: i64::try_from(state.config.scanner_max_age.as_secs()).unwrap_or(i64::MAX),
    })
}
