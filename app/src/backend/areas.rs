//! Administrators declare epidemic areas and set each province's checkpoint rules. Every change is audited
//! in its transaction and makes the scanners' knowledge reload.

use time::OffsetDateTime;

use domain::epidemic::{EpidemicArea, RiskLevel};
use domain::rules::{CheckpointAction, Rules};
use domain::{can, Action, Target, UnitCode};

use super::db::parse_db_time;
use super::store::audit::{self, By, Entry};
use super::{knowledge, store, AppError, AppState};
use crate::dto::{AreaView, RulesView};
use crate::error::ErrorCode;

fn admin(by: &By<'_>) -> Result<(), AppError> {
    match by {
        By::Official(actor) if can(actor, Action::ManageAreas, Target::System) => Ok(()),
        By::Operator(_) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

fn by_name(by: &By<'_>) -> String {
    match by {
        By::Official(actor) => actor.username.clone(),
        By::Operator(name) => format!("operator:{name}"),
        By::Anonymous(name) => (*name).to_owned(),
    }
}

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

fn day(raw: &str) -> Result<Option<OffsetDateTime>, AppError> {
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
pub async fn declare_area(
    state: &AppState,
    by: By<'_>,
    new: NewAreaInput,
) -> Result<i64, AppError> {
    admin(&by)?;
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
    let who = by_name(&by);
    let mut tx = state.db.write.begin().await?;
    let id = store::areas::insert(
        &mut *tx,
        store::areas::NewArea {
            unit_code: area.unit.as_str(),
            level: i64::from(level.number()),
            valid_from,
            valid_until,
            note: &note,
            declared_by: &who,
        },
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: "declare_area",
            target_kind: "epidemic_area",
            target_id: &id.to_string(),
            unit_code: Some(area.unit.as_str()),
            detail: format!("level {}", level.number()),
        },
    )
    .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(id)
}

/// Ends an area now; it stays in the history.
pub async fn end_area(state: &AppState, by: By<'_>, id: i64) -> Result<(), AppError> {
    admin(&by)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    if !store::areas::end(&mut *tx, id, now).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: "end_area",
            target_kind: "epidemic_area",
            target_id: &id.to_string(),
            unit_code: None,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(())
}

const HISTORY: i64 = 200;

pub async fn list_areas(state: &AppState, by: By<'_>) -> Result<Vec<AreaView>, AppError> {
    admin(&by)?;
    let units = state.units();
    let now = state.now().unix_timestamp();
    let local = |t: &str| {
        parse_db_time(t)
            .map(super::local_time::text)
            .unwrap_or_else(|_| t.to_owned())
    };
    Ok(store::areas::history(&state.db.read, HISTORY)
        .await?
        .into_iter()
        .map(|row| {
            let in_force =
                knowledge::area(&units.tree, row.clone()).is_some_and(|a| a.in_force_at(now));
            AreaView {
                id: row.id,
                unit_name: UnitCode::parse(&row.unit_code)
                    .map(|c| units.tree.full_name(&c))
                    .unwrap_or_default(),
                unit_code: row.unit_code,
                level: u8::try_from(row.level).unwrap_or(0),
                valid_from: local(&row.valid_from),
                valid_until: row.valid_until.as_deref().map(local),
                in_force,
                note: row.note,
                declared_by: row.declared_by,
            }
        })
        .collect())
}

pub async fn rules_of(state: &AppState, by: By<'_>, province: &str) -> Result<RulesView, AppError> {
    admin(&by)?;
    let units = state.units();
    let code = UnitCode::parse(province).map_err(|_| AppError::NotFound)?;
    let unit = units
        .tree
        .get(&code)
        .filter(|u| u.parent.is_none())
        .ok_or(AppError::NotFound)?;
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
    by: By<'_>,
    province: &str,
    actions: [&str; 5],
) -> Result<(), AppError> {
    admin(&by)?;
    let units = state.units();
    let code = UnitCode::parse(province).map_err(|_| AppError::NotFound)?;
    if units.tree.get(&code).is_none_or(|u| u.parent.is_some()) {
        return Err(AppError::NotFound);
    }
    let mut rules = Rules::default();
    for (i, raw) in actions.iter().enumerate() {
        let action =
            CheckpointAction::parse(raw).map_err(|_| AppError::Validation(ErrorCode::BadAction))?;
        let level = u8::try_from(i)
            .ok()
            .and_then(|n| RiskLevel::try_from(n).ok());
        rules.set(level, action);
    }
    let now = state.now();
    let who = by_name(&by);
    let mut tx = state.db.write.begin().await?;
    for (i, raw) in actions.iter().enumerate() {
        store::areas::set_rule(&mut *tx, code.as_str(), i as i64, raw.trim(), &who, now).await?;
    }
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: "set_rules",
            target_kind: "province",
            target_id: code.as_str(),
            unit_code: Some(code.as_str()),
            detail: actions.join(","),
        },
    )
    .await?;
    tx.commit().await?;
    state.knowledge.invalidate();
    Ok(())
}
