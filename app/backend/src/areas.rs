//! Administrators declare epidemic areas and set each province's checkpoint rules. Every change is audited
//! in its transaction and makes the scanners' knowledge reload.

use crate::Result;
use time::OffsetDateTime;

use domain::epidemic::{EpidemicArea, RiskLevel};
use domain::rules::CheckpointAction;
use domain::{Action, Target, UnitCode};

use super::store::audit::{By, Entry};
use super::{knowledge, store, AppError, AppState, Official};
use contract::dto::{AreaInForce, AreaView, RulesView};
use contract::error::ErrorCode;

/// An area as the administrator's form (or a client) gives it: dates are days of Vietnam's calendar, the
/// start empty for "now", the end empty for "until ended", and the end day included.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewAreaInput {
    pub unit_code: String,
    pub level: String,
    pub valid_from: String,
    pub valid_until: String,
    pub note: String,
}

fn day(raw: &str) -> Result<Option<OffsetDateTime>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let date = domain::declaration::parse_date(raw)
        .map_err(|_| AppError::Validation(ErrorCode::BadDate))?;
    super::local_time::day_start(date)
        .map(Some)
        .map_err(|_| AppError::Validation(ErrorCode::BadDate))
}

const MAX_NOTE: usize = 500;

#[tracing::instrument(skip_all)]
pub async fn declare_area(state: &AppState, by: &Official, new: NewAreaInput) -> Result<i64> {
    by.authorise(Action::ManageAreas, Target::System)?;
    let units = state.units();
    let now = state.now();
    let unit = UnitCode::parse(new.unit_code.trim())
        .map_err(|_| AppError::Validation(ErrorCode::UnknownUnit))?;
    let level = new
        .level
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(|n| RiskLevel::try_from(n).ok())
        .ok_or(AppError::Validation(ErrorCode::BadLevel))?;
    let valid_from = day(&new.valid_from)?.unwrap_or(now);
    let valid_until = day(&new.valid_until)?.map(|d| d + time::Duration::days(1));
    let note = domain::text::clean(&new.note);
    if note.chars().count() > MAX_NOTE {
        return Err(AppError::Validation(ErrorCode::TooLong));
    }
    let area = EpidemicArea::new(
        &units.tree,
        unit,
        level,
        valid_from.unix_timestamp(),
        valid_until.map(|t| t.unix_timestamp()),
    )
    .map_err(|e| {
        AppError::Validation(match e {
            domain::epidemic::AreaError::UnknownUnit(_) => ErrorCode::UnknownUnit,
            domain::epidemic::AreaError::EndsBeforeStart => ErrorCode::EndsBeforeStart,
        })
    })?;
    let mut tx = state.db.write.begin().await?;
    let id = store::areas::insert(
        &mut *tx,
        store::areas::NewArea {
            unit_code: &area.unit,
            level,
            valid_from,
            valid_until,
            note: &note,
            declared_by: &by.username,
        },
        now,
    )
    .await?;
    Entry::new("declare_area", "epidemic_area", &id.to_string())
        .in_unit(area.unit.as_str())
        .saying(format!("level {}", level.number()))
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(id)
}

/// Ends an area now; it stays in the history.
pub async fn end_area(state: &AppState, by: &Official, id: i64) -> Result<()> {
    by.authorise(Action::ManageAreas, Target::System)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    if !store::areas::end(&mut *tx, id, now).await? {
        return Err(AppError::NotFound);
    }
    Entry::new("end_area", "epidemic_area", &id.to_string())
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(())
}

const HISTORY: i64 = 200;

pub async fn list_areas(state: &AppState, by: &Official) -> Result<Vec<AreaView>> {
    by.authorise(Action::ManageAreas, Target::System)?;
    let units = state.units();
    let now = state.now().unix_timestamp();
    Ok(store::areas::history(&state.db.read, HISTORY)
        .await?
        .into_iter()
        .map(|row| view(&units.tree, row, now))
        .collect())
}

fn view(tree: &domain::UnitTree, row: store::areas::AreaRow, now: i64) -> AreaView {
    let in_force = knowledge::area(tree, &row).is_some_and(|a| a.in_force_at(now));
    AreaView {
        id: row.id,
        unit_name: tree.full_name(&row.unit_code),
        unit_code: row.unit_code.to_string(),
        level: row.level.number(),
        valid_from: super::local_time::text(row.valid_from),
        valid_until: row.valid_until.map(super::local_time::text),
        in_force,
        note: row.note,
        declared_by: row.declared_by,
    }
}

/// The areas in force now inside a unit or over it (everywhere without one): what its people and
/// those travelling to it live under. Whoever may view the unit may read them.
pub async fn in_force_around(
    state: &AppState,
    unit: Option<&UnitCode>,
) -> Result<Vec<AreaInForce>> {
    let units = state.units();
    let tree = &units.tree;
    let now = state.now().unix_timestamp();
    let concerned = |row: &store::areas::AreaRow| {
        knowledge::area(tree, row).is_some_and(|area| {
            area.in_force_at(now) && unit.is_none_or(|unit| area.concerns(tree, unit))
        })
    };
    Ok(store::areas::current(&state.db.read, state.now())
        .await?
        .into_iter()
        .filter(concerned)
        .map(|row| AreaInForce {
            unit_name: tree.full_name(&row.unit_code),
            unit_code: row.unit_code.to_string(),
            level: row.level.number(),
            valid_from: super::local_time::text(row.valid_from),
            valid_until: row.valid_until.map(super::local_time::text),
        })
        .collect())
}

pub async fn rules_of(state: &AppState, by: &Official, province: &str) -> Result<RulesView> {
    by.authorise(Action::ManageAreas, Target::System)?;
    let units = state.units();
    let code = UnitCode::parse(province).map_err(|_| AppError::NotFound)?;
    let unit = units.tree.get(&code).filter(|u| u.parent.is_none()).ok_or(AppError::NotFound)?;
    let known = knowledge::current(state).await?;
    Ok(RulesView {
        province_code: unit.code.to_string(),
        province_name: unit.name.clone(),
        rules: known.rules_for(&code),
    })
}

/// Sets one province's whole rule table (the action for travellers from outside any area, then per level).
pub async fn set_rules(
    state: &AppState,
    by: &Official,
    province: &str,
    actions: [&str; 5],
) -> Result<()> {
    by.authorise(Action::ManageAreas, Target::System)?;
    let units = state.units();
    let code = UnitCode::parse(province).map_err(|_| AppError::NotFound)?;
    if units.tree.get(&code).is_none_or(|u| u.parent.is_some()) {
        return Err(AppError::NotFound);
    }
    let levels = std::iter::once(None).chain(RiskLevel::ALL.map(Some));
    let table = levels
        .zip(actions)
        .map(|(level, raw)| {
            CheckpointAction::parse(raw)
                .map(|action| (level, action))
                .ok_or(AppError::Validation(ErrorCode::BadAction))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    for (level, action) in table {
        let rule = store::areas::RuleChange {
            province_code: &code,
            origin_level: level,
            action,
            by: &by.username,
        };
        store::areas::set_rule(&mut *tx, rule, now).await?;
    }
    Entry::new("set_rules", "province", code.as_str())
        .in_unit(code.as_str())
        .saying(actions.join(","))
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(())
}
