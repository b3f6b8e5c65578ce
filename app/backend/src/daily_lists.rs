//! The daily lists: closing a day, reading a unit's list with the units below it, and handing the
//! lists down the tree. Which records a list holds, who hands it to whom and how counts add up are the
//! domain's (`domain::daily_list`); this module runs them against the store.

use std::collections::HashMap;

use time::OffsetDateTime;

use crate::Result;
use contract::dto::{
    DailyList, DayClosed, DayCount, HandoverStep, ListArrival, ListCheckpoint, ListChild,
    ListCounts, ListHandover, UnitOption,
};
use contract::error::ErrorCode;
use domain::daily_list::{sum_up, Counts, Handover, LateRecord, Part, Stamp, Watermark};
use domain::date::CivilDate;
use domain::{can, vaccination, Action, Target, UnitCode};

use super::store::audit::{By, Entry};
use super::store::crossings::CheckpointTally as Tally;
use super::store::daily_lists::{self as lists, ArrivalRow, Close, Within};
use super::store::{reconciliations, retention, vaccinations};
use super::{AppError, AppState, Official};

/// The newest day whose lists may be built now.
pub fn last_closable(state: &AppState) -> CivilDate {
    state.config.close_day_at.last_closable(state.now().unix_timestamp())
}

/// Builds a day's lists: draws the line, counts each commune's list and stores both. A day closed
/// before stays as it was (`newly` is false).
#[tracing::instrument(skip_all, fields(day = %day))]
pub async fn close_day(state: &AppState, actor: &Official, day: CivilDate) -> Result<DayClosed> {
    actor.authorise(Action::CloseDay, Target::System)?;
    if day > last_closable(state) {
        return Err(AppError::Validation(ErrorCode::DayNotOver));
    }
    let units = state.units();
    let everywhere = Within::everywhere(&units.id);
    if let Some(close) = lists::close_of(&state.db.read, day).await? {
        let counted = lists::closed_counts(&state.db.read, day, day, &everywhere).await?;
        return Ok(closed(close.day, false, counted.iter().map(|(_, c, n)| (c, n))));
    }
    let mut tx = state.db.write.begin().await?;
    let line = lists::draw_line(&mut tx).await?;
    tx.commit().await?;
    lists::refresh_statistics(&mut *state.db.write.acquire().await?).await?;
    // Everything under the line is committed and never changes, so counting needs no lock.
    let per_commune = lists::count_main(&state.db.read, day, line, &everywhere).await?;
    let close = Close {
        day,
        line,
        tree: units.id.clone(),
        closed_at: state.now(),
        closed_by: actor.username.clone(),
    };
    let mut tx = state.db.write.begin().await?;
    if !lists::insert_close(&mut tx, &close, &per_commune).await? {
        // Closed meanwhile by someone else: theirs stands.
        tx.rollback().await?;
        return Box::pin(close_day(state, actor, day)).await;
    }
    let total: i64 = per_commune.values().map(|c| c.arrivals).sum();
    Entry::new("close_day", "day", &day.to_string())
        .saying(format!(
            "{total} arrivals in {} communes; line at declaration {} and crossing {}",
            per_commune.len(),
            line.declarations,
            line.crossings
        ))
        .record(&mut *tx, close.closed_at, By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(closed(day, true, per_commune.iter()))
}

fn closed<'a>(
    day: CivilDate,
    newly: bool,
    per_commune: impl Iterator<Item = (&'a UnitCode, &'a Counts)>,
) -> DayClosed {
    let (communes, arrivals) =
        per_commune.fold((0, 0), |(n, total), (_, c)| (n + 1, total + c.arrivals));
    DayClosed { date: day.to_string(), newly, arrivals, communes }
}

/// Closes every day of the last week that is over and not yet closed, oldest first: what the scheduler
/// does at the close time, and on start after the server was down at that time.
pub async fn close_due(state: &AppState, actor: &Official) -> Result<Vec<DayClosed>> {
    let last = last_closable(state);
    let closes = lists::closes_between(&state.db.read, last.add_days(-6), last).await?;
    let mut done = Vec::new();
    for back in (0..7).rev() {
        let day = last.add_days(-back);
        if closes.iter().all(|c| c.day != day) {
            done.push(close_day(state, actor, day).await?);
        }
    }
    Ok(done)
}

/// Everyone on a commune's lists of a day, the main list and then its addendum (for a day not closed
/// yet, who has arrived so far), for the use cases that work through them. Not audited here: the
/// caller reads the people and records that it did.
pub(crate) async fn people_of(
    state: &AppState,
    commune: &UnitCode,
    day: CivilDate,
) -> Result<Vec<ArrivalRow>> {
    if retention::is_purged(&state.db.read, day).await? {
        return Ok(Vec::new());
    }
    let units = state.units();
    let prefix = units.tree.path_key(commune);
    let within = Within { tree: &units.id, path_prefix: &prefix };
    let close = lists::close_of(&state.db.read, day).await?;
    let line = close
        .as_ref()
        .map_or(Watermark { declarations: i64::MAX, crossings: i64::MAX }, |c| c.line);
    let mut rows = lists::arrivals(&state.db.read, day, line, Part::Main, &within).await?;
    if close.is_some() {
        rows.extend(lists::arrivals(&state.db.read, day, line, Part::Addendum, &within).await?);
    }
    Ok(rows)
}

/// Where a reading looks: the unit (none for the whole country), its path and the key its communes'
/// paths start with.
struct Place {
    unit: Option<UnitCode>,
    path: Vec<UnitCode>,
    prefix: String,
}

impl Place {
    fn target(&self) -> Target<'_> {
        match self.unit {
            Some(_) => Target::Unit(&self.path),
            None => Target::Country,
        }
    }
}

fn place(state: &AppState, unit: Option<&UnitCode>) -> Result<Place> {
    let units = state.units();
    match unit {
        None => Ok(Place { unit: None, path: Vec::new(), prefix: "/".to_owned() }),
        Some(code) => {
            units.tree.get(code).ok_or(AppError::NotFound)?;
            Ok(Place {
                unit: Some(code.clone()),
                path: units.tree.path_of(code),
                prefix: units.tree.path_key(code),
            })
        }
    }
}

/// A unit's list of a day (the whole country's without a unit): its counts, the units below with
/// their lists' hand-over, and the people on it for an account that may read personal data there
/// (audited). A day not closed yet shows what has arrived so far.
pub async fn list(
    state: &AppState,
    actor: &Official,
    unit: Option<&UnitCode>,
    day: CivilDate,
) -> Result<DailyList> {
    let here = place(state, unit)?;
    actor.authorise(Action::ViewUnit, here.target())?;
    let units = state.units();
    let tree = &units.tree;
    let within = Within { tree: &units.id, path_prefix: &here.prefix };
    let close = lists::close_of(&state.db.read, day).await?;
    // An open day is read up to now: no line yet.
    let line = close
        .as_ref()
        .map_or(Watermark { declarations: i64::MAX, crossings: i64::MAX }, |c| c.line);
    let per_commune: HashMap<UnitCode, Counts> = match &close {
        Some(_) => lists::closed_counts(&state.db.read, day, day, &within)
            .await?
            .into_iter()
            .map(|(_, commune, counts)| (commune, counts))
            .collect(),
        None => lists::count_main(&state.db.read, day, line, &within).await?,
    };
    // What came after the line, by commune and by what put it there; of a purged day, as kept.
    let purged = retention::is_purged(&state.db.read, day).await?;
    let late = match &close {
        Some(_) if purged => retention::late_records(&state.db.read, day, &within).await?,
        Some(_) => lists::late_records(&state.db.read, day, line, &within).await?,
        None => Vec::new(),
    };
    let late_within = |unit: &UnitCode| -> Vec<&LateRecord> {
        late.iter().filter(|(commune, _)| tree.is_inside(commune, unit)).map(|(_, r)| r).collect()
    };
    let (per_unit, total) = sum_up(per_commune.iter(), |c| tree.path_of(c));

    let children: Vec<&domain::Unit> = match &here.unit {
        Some(code) => tree.children_of(code).collect(),
        None => tree.roots().collect(),
    };
    let mut handed: Vec<&UnitCode> = children.iter().map(|u| &u.code).collect();
    handed.extend(here.unit.iter());
    let handovers = lists::handovers(&state.db.read, day, &handed).await?;
    let handover = |code: &UnitCode| handovers.get(code).cloned().unwrap_or_default();
    let now = state.now().unix_timestamp();
    let overdue_hours = i64::from(state.config.list_overdue_hours);
    let status_of = |h: &Handover| match close {
        Some(_) => h.status().as_str().to_owned(),
        None => "open".to_owned(),
    };
    let children = children
        .into_iter()
        .map(|u| {
            let handed = handover(&u.code);
            let counts = per_unit.get(&u.code).copied().unwrap_or_default();
            let below = late_within(&u.code);
            let (late, fresh) = (below.len() as i64, handed.fresh(below));
            let path = tree.path_of(&u.code);
            let forward_part = handed
                .next_to_forward(fresh)
                .filter(|_| close.is_some())
                .filter(|_| can(actor, Action::ForwardDailyList, Target::Unit(&path)));
            ListChild {
                unit_code: u.code.to_string(),
                name: u.name.clone(),
                status: status_of(&handed.main),
                arrivals: counts.arrivals,
                crossed: counts.crossed,
                addendum: late,
                addendum_status: (late > 0)
                    .then(|| handed.addendum_status(fresh).as_str().to_owned()),
                overdue: handed.is_overdue(now, overdue_hours),
                may_forward: forward_part.is_some(),
                forward_part: forward_part.map(|p| p.as_str().to_owned()),
                forwarded: step(&handed.main.forwarded),
                acknowledged: step(&handed.main.acknowledged),
            }
        })
        .collect();

    let mine = here.unit.as_ref().map(handover).unwrap_or_default();
    let late_rows = late.len() as i64;
    let fresh = mine.fresh(late.iter().map(|(_, r)| r));
    let acknowledge_part = mine
        .next_to_acknowledge()
        .filter(|_| close.is_some() && here.unit.is_some())
        .filter(|_| can(actor, Action::AcknowledgeDailyList, here.target()));

    // The people on the list: for a unit, and for an account that may read personal data there.
    let arrivals = if here.unit.is_some()
        && !purged
        && can(actor, Action::ReadPersonalData, here.target())
    {
        let mut rows = lists::arrivals(&state.db.read, day, line, Part::Main, &within).await?;
        let main_rows = rows.len();
        if close.is_some() {
            rows.extend(lists::arrivals(&state.db.read, day, line, Part::Addendum, &within).await?);
        }
        Entry::new("read_daily_list", "daily_list", &format!("{day}{}", here.prefix))
            .in_unit(here.unit.as_ref().map(UnitCode::as_str))
            .saying(format!("{main_rows} arrivals, {} in the addendum", rows.len() - main_rows))
            .record(&state.db.write, state.now(), By::Official(actor))
            .await?;
        let doses = Doses::of(state, day, &rows).await?;
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                arrival(r, if i < main_rows { Part::Main } else { Part::Addendum }, &doses)
            })
            .collect()
    } else {
        Vec::new()
    };

    let counts = match &here.unit {
        Some(code) => per_unit.get(code).copied().unwrap_or_default(),
        None => total,
    };
    let status = match (&close, &here.unit) {
        (None, _) => "open".to_owned(),
        (Some(_), None) => "closed".to_owned(),
        (Some(_), Some(_)) => mine.main.status().as_str().to_owned(),
    };
    let above = here
        .path
        .iter()
        .skip(1)
        .rev()
        .filter_map(|c| tree.get(c))
        .map(|u| UnitOption { code: u.code.to_string(), name: u.name.clone() })
        .collect();
    let checkpoints = checkpoints_of(state, here.unit.as_ref(), day, purged).await?;
    let areas = super::areas::in_force_around(state, here.unit.as_ref()).await?;
    Ok(DailyList {
        unit_code: here.unit.as_ref().map(UnitCode::to_string).unwrap_or_default(),
        unit_name: here.unit.as_ref().map(|c| tree.full_name(c)).unwrap_or_default(),
        date: day.to_string(),
        status,
        closed_at: close.as_ref().map(|c| rfc3339(c.closed_at)),
        generated_at: rfc3339(state.now()),
        counts: ListCounts {
            arrivals: counts.arrivals,
            crossed: counts.crossed,
            declared: counts.declared,
            crossing_only: counts.crossing_only,
            online: counts.online,
            paper: counts.paper,
            addendum: late_rows,
        },
        forwarded: step(&mine.main.forwarded),
        acknowledged: step(&mine.main.acknowledged),
        addendum_status: (close.is_some() && late_rows > 0)
            .then(|| mine.addendum_status(fresh).as_str().to_owned()),
        children,
        arrivals,
        purged,
        may_acknowledge: acknowledge_part.is_some(),
        acknowledge_part: acknowledge_part.map(|p| p.as_str().to_owned()),
        above,
        checkpoints,
        areas,
    })
}

/// What each checkpoint in a unit recorded that day, those that recorded nothing too (a checkpoint
/// gone quiet is worth seeing); for the whole country, the checkpoints that recorded anything.
async fn checkpoints_of(
    state: &AppState,
    unit: Option<&UnitCode>,
    day: CivilDate,
    purged: bool,
) -> Result<Vec<ListCheckpoint>> {
    let units = state.units();
    let from = super::local_time::day_start(day)?;
    let tallies: HashMap<String, Tally> = if purged {
        retention::tallies(&state.db.read, day).await?
    } else {
        super::store::crossings::tallies(&state.db.read, from, from + time::Duration::days(1))
            .await?
            .into_iter()
            .map(|t| (t.checkpoint.clone(), t))
            .collect()
    };
    let mut out: Vec<ListCheckpoint> = super::store::checkpoints::list(&state.db.read)
        .await?
        .into_iter()
        .filter(|c| unit.is_none_or(|unit| units.tree.is_inside(&c.unit_code, unit)))
        .map(|c| {
            let code = c.code.to_string();
            let tally = tallies.get(&code);
            ListCheckpoint {
                entering: tally.map_or(0, |t| t.entering),
                leaving: tally.map_or(0, |t| t.leaving),
                people: tally.map_or(0, |t| t.people),
                code,
                name: c.name,
            }
        })
        .filter(|c| c.entering + c.leaving > 0 || unit.is_some())
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// The doses each person on a list declared for the day, and has on record.
struct Doses {
    declared: HashMap<String, u8>,
    registered: HashMap<String, usize>,
}

impl Doses {
    async fn of(state: &AppState, day: CivilDate, rows: &[ArrivalRow]) -> Result<Doses> {
        let numbers: Vec<&str> = rows.iter().map(|r| r.document_number.as_str()).collect();
        let mut conn = state.db.read.acquire().await?;
        let declared = reconciliations::declared(&mut conn, day, &numbers)
            .await?
            .into_iter()
            .map(|d| (d.document_number, d.vaccination_doses))
            .collect();
        let registered = vaccinations::doses_of(&mut conn, &numbers).await?;
        Ok(Doses { declared, registered })
    }
}

fn arrival(r: &ArrivalRow, part: Part, doses: &Doses) -> ListArrival {
    let declared = doses.declared.get(&r.document_number).copied();
    let registered = vaccination::registered_doses(
        doses.registered.get(&r.document_number).copied().unwrap_or(0),
    );
    let differ = declared
        .and_then(|d| domain::Doses::try_from(d).ok())
        .is_some_and(|d| vaccination::differs(d, registered));
    ListArrival {
        declared_doses: declared,
        registered_doses: registered.get(),
        doses_differ: differ,
        document_number: r.document_number.clone(),
        full_name: r.full_name.clone(),
        birth_date: r.birth_date.clone(),
        sex: r.sex.clone(),
        origin_commune: r.origin_commune.clone(),
        destination_commune: r.commune.to_string(),
        travel_date: r.travel_date.clone(),
        channel: r.channel.clone(),
        crossed_at: r.crossed_at.map(rfc3339),
        checkpoint: r.checkpoint.clone(),
        part: part.as_str().to_owned(),
        listed_before: r.listed_before,
    }
}

fn step(stamp: &Option<Stamp>) -> Option<HandoverStep> {
    stamp.as_ref().map(|s| HandoverStep {
        by: s.by.clone(),
        at: OffsetDateTime::from_unix_timestamp(s.at).map(rfc3339).unwrap_or_default(),
    })
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The level above a unit passes its list (or addendum) of a closed day down to it.
pub async fn forward(
    state: &AppState,
    actor: &Official,
    unit: &UnitCode,
    day: CivilDate,
    part: Part,
) -> Result<ListHandover> {
    hand_over(state, actor, unit, day, part, Action::ForwardDailyList).await
}

/// The unit confirms its list (or addendum) reached it.
pub async fn acknowledge(
    state: &AppState,
    actor: &Official,
    unit: &UnitCode,
    day: CivilDate,
    part: Part,
) -> Result<ListHandover> {
    hand_over(state, actor, unit, day, part, Action::AcknowledgeDailyList).await
}

async fn hand_over(
    state: &AppState,
    actor: &Official,
    unit: &UnitCode,
    day: CivilDate,
    part: Part,
    action: Action,
) -> Result<ListHandover> {
    let here = place(state, Some(unit))?;
    actor.authorise(action, here.target())?;
    let Some(close) = lists::close_of(&state.db.read, day).await? else {
        return Err(AppError::Conflict(ErrorCode::DayNotClosed));
    };
    let now = state.now();
    let stamp = Stamp { by: actor.username.clone(), at: now.unix_timestamp() };
    let mut tx = state.db.write.begin().await?;
    let stored = lists::handovers(&mut *tx, day, &[unit]).await?.remove(unit).unwrap_or_default();
    let mut handover = stored.part(part).clone();
    let verb = match (action, part) {
        (Action::ForwardDailyList, Part::Addendum) => {
            // The round reaches as far as what is stored now.
            let reached = lists::draw_line(&mut tx).await?;
            let units = state.units();
            let within = Within { tree: &units.id, path_prefix: &here.prefix };
            let late = lists::late_records(&mut *tx, day, close.line, &within).await?;
            let due = stored
                .addendum_round_due(late.iter().map(|(_, r)| r))
                .map_err(|_| AppError::Conflict(ErrorCode::AddendumEmpty))?;
            if due {
                lists::forward_addendum(&mut *tx, day, unit, &stamp, reached).await?;
            }
            "forward_daily_list"
        }
        (Action::ForwardDailyList, Part::Main) => {
            handover.forward(stamp);
            lists::save_handover(&mut *tx, day, unit, part, &handover).await?;
            "forward_daily_list"
        }
        _ => {
            handover
                .acknowledge(stamp)
                .map_err(|_| AppError::Conflict(ErrorCode::ListNotForwarded))?;
            lists::save_handover(&mut *tx, day, unit, part, &handover).await?;
            "acknowledge_daily_list"
        }
    };
    // Someone else's step may have been stored first meanwhile: theirs stands, and is what to answer.
    let stored = lists::handovers(&mut *tx, day, &[unit]).await?.remove(unit).unwrap_or_default();
    let handover = stored.part(part).clone();
    Entry::new(verb, "daily_list", &format!("{day}/{unit}/{}", part.as_str()))
        .in_unit(unit.as_str())
        .record(&mut *tx, now, By::Official(actor))
        .await?;
    tx.commit().await?;
    Ok(ListHandover {
        unit_code: unit.to_string(),
        date: day.to_string(),
        part: part.as_str().to_owned(),
        status: handover.status().as_str().to_owned(),
        forwarded: step(&handover.forwarded),
        acknowledged: step(&handover.acknowledged),
    })
}

/// A unit's arrivals on each of the `days` days up to `to`, as closed (a day not closed counts nothing
/// yet): what the charts draw.
pub async fn history(
    state: &AppState,
    actor: &Official,
    unit: Option<&UnitCode>,
    to: CivilDate,
    days: i64,
) -> Result<Vec<DayCount>> {
    let here = place(state, unit)?;
    actor.authorise(Action::ViewUnit, here.target())?;
    let units = state.units();
    let within = Within { tree: &units.id, path_prefix: &here.prefix };
    let from = to.add_days(1 - days);
    let closes = lists::closes_between(&state.db.read, from, to).await?;
    let mut per_day: HashMap<CivilDate, Counts> = HashMap::new();
    for (day, _, counts) in lists::closed_counts(&state.db.read, from, to, &within).await? {
        per_day.entry(day).or_default().add(&counts);
    }
    Ok((0..days)
        .map(|i| {
            let day = from.add_days(i);
            let c = per_day.get(&day).copied().unwrap_or_default();
            DayCount {
                date: day.to_string(),
                closed: closes.iter().any(|close| close.day == day),
                arrivals: c.arrivals,
                crossed: c.crossed,
                crossing_only: c.crossing_only,
            }
        })
        .collect())
}

/// The unit a client names: none (the whole country) when empty; a text that is not a unit code names
/// no unit.
pub fn unit_named(raw: &str) -> Result<Option<UnitCode>> {
    match raw.trim() {
        "" => Ok(None),
        code => UnitCode::parse(code).map(Some).map_err(|_| AppError::NotFound),
    }
}

/// The unit whose list an official sees first: their own, or the whole country's.
pub fn home_unit(actor: &Official) -> Option<UnitCode> {
    match &actor.scope {
        domain::Scope::Unit(code) => Some(code.clone()),
        _ => None,
    }
}

/// The day a client names, `YYYY-MM-DD`; the newest closable day when empty.
pub fn day_named(state: &AppState, raw: &str) -> Result<CivilDate> {
    match raw.trim() {
        "" => Ok(last_closable(state)),
        day => day.parse().map_err(|_| AppError::Validation(ErrorCode::BadDate)),
    }
}

/// The part of a list a client names: the list itself unless the addendum is asked for.
pub fn part_named(raw: Option<&str>) -> Result<Part> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(Part::Main),
        Some(raw) => Part::parse(raw).ok_or(AppError::Validation(ErrorCode::BadRequest)),
    }
}
