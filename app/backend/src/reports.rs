//! The daily report of a commune (or a district) for its epidemic steering committee, and its approval
//! by the commune chief. The figures are `domain::report`'s, counted from the day's lists, their
//! reconciliation, the doses on record and the epidemic areas of the day; an approved report keeps the
//! figures it was approved with, and what changed since is its amendment.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use crate::Result;
use contract::dto::{AmendedFigure, DailyReport, UnitProgress};
use contract::error::ErrorCode;
use domain::date::CivilDate;
use domain::epidemic::highest_level_during;
use domain::reconciliation::{standing, Proposal, Standing};
use domain::report::{self, Counted, Figures};
use domain::{can, vaccination, Action, Target, UnitCode};

use super::store::audit::{By, Entry};
use super::store::{daily_lists as lists, reconciliations, reports, retention, vaccinations};
use super::{daily_lists, knowledge, store, AppError, AppState, Official};

/// A unit's report of a day: for the police of the unit and above, its chief and its steering
/// committee. Figures only: nobody is named in it.
#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn report(
    state: &AppState,
    actor: &Official,
    unit: &UnitCode,
    day: CivilDate,
) -> Result<DailyReport> {
    let units = state.units();
    let unit_row = units.tree.get(unit).ok_or(AppError::NotFound)?;
    let path = units.tree.path_of(unit);
    actor.authorise(Action::ReadReports, Target::Unit(&path))?;
    let now = current(state, unit, day).await?;
    let approval = reports::approval(&state.db.read, unit, day).await?;
    let closed = lists::close_of(&state.db.read, day).await?.is_some();
    let trend = daily_lists::history(state, actor, Some(unit), day, 14).await?;
    let may_approve = closed
        && approval.is_none()
        && units.tree.is_commune(unit)
        && can(actor, Action::ApproveReport, Target::Unit(&path));
    let (shown, amendment, approved_by, approved_at) = match approval {
        Some(a) => {
            let amendment = report::amendment(&a.figures, &now);
            (a.figures, amendment, Some(a.approved_by), Some(rfc3339(a.approved_at)))
        }
        None => (now, Vec::new(), None, None),
    };
    Ok(DailyReport {
        unit_code: unit.to_string(),
        unit_name: unit_row.name.clone(),
        date: day.to_string(),
        closed,
        arrivals: shown.arrivals,
        by_origin: shown.by_origin,
        by_origin_level: shown.by_origin_level,
        confirmed: shown.confirmed,
        pending: shown.pending,
        not_found: shown.not_found,
        vaccination: shown.vaccination,
        vaccination_declared: shown.vaccination_declared,
        doses_differ: shown.doses_differ,
        follow_up: shown.follow_up,
        trend,
        approved_by,
        approved_at,
        amendment: amendment
            .into_iter()
            .map(|c| AmendedFigure { figure: c.figure, approved: c.approved, now: c.now })
            .collect(),
        may_approve,
        below: progress_below(state, unit, day).await?,
    })
}

/// Each unit right below a district (or a province) that had arrivals that day, with how far its
/// reconciliation has come.
async fn progress_below(
    state: &AppState,
    unit: &UnitCode,
    day: CivilDate,
) -> Result<Vec<UnitProgress>> {
    let units = state.units();
    let mut out = Vec::new();
    for child in units.tree.children_of(unit) {
        let f = current(state, &child.code, day).await?;
        if f.arrivals > 0 {
            out.push(UnitProgress {
                unit_code: child.code.to_string(),
                name: child.name.clone(),
                arrivals: f.arrivals,
                done: f.confirmed + f.not_found,
                left: f.pending,
            });
        }
    }
    Ok(out)
}

/// The commune chief approves the commune's report of a closed day: its figures as they are now are
/// kept, and the report is locked. Approving it again changes nothing.
#[tracing::instrument(skip(state, actor), fields(actor = %actor.username))]
pub async fn approve(
    state: &AppState,
    actor: &Official,
    unit: &UnitCode,
    day: CivilDate,
) -> Result<DailyReport> {
    let units = state.units();
    if !units.tree.is_commune(unit) {
        return Err(AppError::NotFound);
    }
    let path = units.tree.path_of(unit);
    actor.authorise(Action::ApproveReport, Target::Unit(&path))?;
    if lists::close_of(&state.db.read, day).await?.is_none() {
        return Err(AppError::Conflict(ErrorCode::DayNotClosed));
    }
    let figures = current(state, unit, day).await?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    if reports::approve(&mut *tx, unit, day, &figures, &actor.username, now).await? {
        Entry::new("approve_report", "report", &format!("{unit}/{day}"))
            .in_unit(unit.as_str())
            .saying(format!("{} arrivals", figures.arrivals))
            .record(&mut *tx, now, By::Official(actor))
            .await?;
    }
    tx.commit().await?;
    report(state, actor, unit, day).await
}

/// The figures of a unit's day as they are now: as kept when the day's records were purged (nothing
/// where nobody arrived), else counted.
async fn current(state: &AppState, unit: &UnitCode, day: CivilDate) -> Result<Figures> {
    if !retention::is_purged(&state.db.read, day).await? {
        return figures(state, unit, day).await;
    }
    Ok(retention::figures(&state.db.read, unit, day).await?.unwrap_or_else(|| report::tally(&[])))
}

/// The figures of a unit's day counted from its records: each person on the unit's lists once, where their
/// reconciliation stands in the commune they arrived in, the doses on record, and the highest
/// epidemic level in force that day where they set out from.
pub(crate) async fn figures(state: &AppState, unit: &UnitCode, day: CivilDate) -> Result<Figures> {
    let units = state.units();
    let arrivals = daily_lists::people_of(state, unit, day).await?;
    let mut seen = HashSet::new();
    let arrivals: Vec<_> = arrivals.iter().filter(|a| seen.insert(&a.document_number)).collect();
    let numbers: Vec<&str> = arrivals.iter().map(|a| a.document_number.as_str()).collect();
    let mut conn = state.db.read.acquire().await?;
    let decided: HashMap<(String, UnitCode), (Proposal, Option<domain::reconciliation::Decision>)> =
        reconciliations::of_people(&mut conn, day, &numbers)
            .await?
            .into_iter()
            .map(|r| ((r.document_number, r.commune), (r.proposal, r.decision)))
            .collect();
    let doses = vaccinations::doses_of(&mut conn, &numbers).await?;
    let declared: HashMap<String, u8> = reconciliations::declared(&mut conn, day, &numbers)
        .await?
        .into_iter()
        .map(|d| (d.document_number, d.vaccination_doses))
        .collect();
    let (start, end) = domain::daily_list::day_span(day);
    let since =
        OffsetDateTime::from_unix_timestamp(start).map_err(|e| AppError::Unexpected(e.into()))?;
    let areas: Vec<_> = store::areas::current(&mut *conn, since)
        .await?
        .iter()
        .filter_map(|row| knowledge::area(&units.tree, row))
        .collect();
    drop(conn);
    let counted: Vec<Counted> = arrivals
        .iter()
        .map(|a| {
            let origin = UnitCode::parse(&a.origin_commune).ok();
            let origin_level = origin
                .as_ref()
                .and_then(|o| highest_level_during(&areas, &units.tree, o, start, end));
            let origin_province = origin
                .as_ref()
                .and_then(|o| units.tree.path_of(o).last().map(UnitCode::to_string))
                .unwrap_or_else(|| "unknown".to_owned());
            let standing = decided
                .get(&(a.document_number.clone(), a.commune.clone()))
                .map_or(Standing::Pending, |(proposal, decision)| standing(*proposal, *decision));
            let on_record = doses.get(&a.document_number).copied().unwrap_or(0);
            Counted {
                origin_province,
                origin_level,
                standing,
                registered_doses: vaccination::registered_doses(on_record),
                declared_doses: declared
                    .get(&a.document_number)
                    .and_then(|d| domain::Doses::try_from(*d).ok()),
            }
        })
        .collect();
    Ok(report::tally(&counted))
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
