//! The purge of personal records held past the retention period (`domain::retention`): by the daily
//! job and by `zonepass purge`. Each day before the first one held is closed if it was not, its
//! report figures, addendum rows and checkpoint tallies are kept as counts, and then the day's
//! declarations, passes, paper forms, crossings and reconciliations go, with the sessions and drafts
//! that ended. Every past report and dashboard reads the same afterwards; each purge is audited.

use std::collections::BTreeSet;

use serde::Serialize;
use time::Duration;

use crate::Result;
use domain::date::CivilDate;
use domain::retention::Retention;
use domain::{Action, Target, UnitCode};

use super::store::audit::{By, Entry};
use super::store::daily_lists::{self as lists, Within};
use super::store::retention::{self as kept, KeptDay};
use super::store::{crossings, declarations, drafts, paper, reconciliations, sessions};
use super::{daily_lists, local_time, reports, AppError, AppState, Official};

/// What a purge removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    /// Trips before this day are no longer held.
    pub before: String,
    /// The days whose counts were kept and whose records went, oldest first.
    pub days: Vec<String>,
    pub declarations: u64,
    pub passes: u64,
    pub paper_forms: u64,
    pub crossings: u64,
    pub reconciliations: u64,
    pub registry_corrections: u64,
    pub sessions: u64,
    pub drafts: u64,
}

impl Purged {
    fn removed_anything(&self) -> bool {
        self.declarations
            + self.passes
            + self.paper_forms
            + self.crossings
            + self.reconciliations
            + self.registry_corrections
            + self.sessions
            + self.drafts
            > 0
            || !self.days.is_empty()
    }
}

/// The retention period in force.
pub fn retention(state: &AppState) -> Retention {
    Retention { days: state.config.retention_days }
}

/// Purges what is held past the retention period today. Running it again the same day removes
/// nothing more.
#[tracing::instrument(skip_all)]
pub async fn purge(state: &AppState, actor: &Official) -> Result<Purged> {
    actor.authorise(Action::PurgeRecords, Target::System)?;
    let now = state.now();
    let before = retention(state).first_held(local_time::today(now));
    let mut purged = Purged { before: before.to_string(), ..Purged::default() };
    for day in days_to_keep(state, before).await? {
        keep_day(state, actor, day).await?;
        purged.days.push(day.to_string());
    }
    let cut = local_time::day_start(before)?;
    let mut tx = state.db.write.begin().await?;
    (purged.reconciliations, purged.registry_corrections) =
        reconciliations::purge_before(&mut tx, before).await?;
    purged.crossings = crossings::purge_before(&mut *tx, cut).await?;
    purged.paper_forms = paper::purge_before(&mut tx, before).await?;
    (purged.declarations, purged.passes) = declarations::purge_before(&mut tx, before).await?;
    purged.sessions = sessions::delete_expired(&mut *tx, now).await?;
    purged.drafts = drafts::delete_expired(&mut *tx, now).await?;
    if purged.removed_anything() {
        let detail = serde_json::to_string(&purged).map_err(|e| AppError::Unexpected(e.into()))?;
        Entry::new("purge_records", "retention", &purged.before)
            .saying(detail)
            .record(&mut *tx, now, By::Official(actor))
            .await?;
    }
    tx.commit().await?;
    Ok(purged)
}

/// The days before `before` not purged yet that may hold anything, oldest first.
async fn days_to_keep(state: &AppState, before: CivilDate) -> Result<Vec<CivilDate>> {
    let cut = local_time::day_start(before)?;
    let oldest_crossing =
        crossings::oldest_before(&state.db.read, cut).await?.map(local_time::today);
    let oldest = kept::oldest_day_before(&state.db.read, before).await?;
    let Some(mut day) = oldest.into_iter().chain(oldest_crossing).min() else {
        return Ok(Vec::new());
    };
    let done: BTreeSet<CivilDate> = kept::purged_before(&state.db.read, before).await?;
    let mut days = Vec::new();
    while day < before {
        if !done.contains(&day) {
            days.push(day);
        }
        day = day.add_days(1);
    }
    Ok(days)
}

/// Keeps a day's counts as the reports and dashboards show them, closing the day first if it never
/// was, and marks it purged.
async fn keep_day(state: &AppState, actor: &Official, day: CivilDate) -> Result<()> {
    let closed = daily_lists::close_day(state, actor, day).await?;
    tracing::debug!(%day, newly = closed.newly, "kept before the purge");
    let units = state.units();
    let everywhere = Within::everywhere(&units.id);
    let close = lists::close_of(&state.db.read, day).await?.ok_or(AppError::NotFound)?;
    let late = lists::late_records(&state.db.read, day, close.line, &everywhere).await?;
    let mut reported: BTreeSet<UnitCode> = BTreeSet::new();
    let communes = lists::closed_counts(&state.db.read, day, day, &everywhere).await?;
    for commune in communes
        .iter()
        .filter(|(_, _, counts)| counts.arrivals > 0)
        .map(|(_, commune, _)| commune)
        .chain(late.iter().map(|(commune, _)| commune))
    {
        reported.extend(units.tree.path_of(commune));
    }
    let mut figures = Vec::with_capacity(reported.len());
    for unit in reported {
        let f = reports::figures(state, &unit, day).await?;
        figures.push((unit, f));
    }
    let from = local_time::day_start(day)?;
    let tallies = crossings::tallies(&state.db.read, from, from + Duration::days(1)).await?;
    let kept_day = KeptDay { day, figures: &figures, late: &late, tallies: &tallies };
    let mut tx = state.db.write.begin().await?;
    kept::keep(&mut tx, &kept_day, &actor.username, state.now()).await?;
    tx.commit().await?;
    Ok(())
}
