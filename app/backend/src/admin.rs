//! Use cases of the administrator: accounts, checkpoints and the audit trail. The console operator
//! (the `zonepass` CLI on the server) is an `Official` too, authorised and audited alike.

use super::store::audit::{By, Entry};
use super::store::{self, checkpoints::NewCheckpoint, users::NewUser};
use super::{password, AppError, AppState, Official};
use crate::Result;
use contract::dto::{AuditView, CheckpointView, UserView};
use contract::error::ErrorCode;
use domain::access::{scope_for, Lookup, ScopeError};
use domain::account::{check_new_password, normalise_username};
use domain::checkpoint::CheckpointCode;
use domain::{Action, Role, Scope, Target, UnitCode};

/// Also the administrator's form as posted.
#[derive(serde::Deserialize)]
pub struct NewUserInput {
    pub username: String,
    pub password: String,
    pub role: String,
    pub unit_code: Option<String>,
    pub checkpoint_code: Option<String>,
}

pub async fn list_users(state: &AppState, by: &Official) -> Result<Vec<UserView>> {
    by.authorise(Action::ManageUsers, Target::System)?;
    let units = state.units();
    Ok(store::users::list(&state.db.read)
        .await?
        .into_iter()
        .map(|u| UserView {
            id: u.id,
            unit_name: u.unit_code.as_ref().map(|c| units.tree.full_name(c)),
            username: u.username,
            role: u.role,
            unit_code: u.unit_code.map(|c| c.to_string()),
            checkpoint_code: u.checkpoint_code.map(|c| c.to_string()),
            active: u.active,
        })
        .collect())
}

#[tracing::instrument(skip(state, by, input), fields(username = %input.username, role = %input.role))]
pub async fn create_user(state: &AppState, by: &Official, input: NewUserInput) -> Result<i64> {
    by.authorise(Action::ManageUsers, Target::System)?;
    let username = normalise_username(&input.username)?;
    check_new_password(&input.password)?;
    let role: Role =
        input.role.parse().map_err(|_| AppError::Validation(ErrorCode::UnknownRole))?;
    let given = |v: &Option<String>| {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
    };
    let units = state.units();
    let unit = match given(&input.unit_code) {
        None => Lookup::NotGiven,
        Some(raw) => UnitCode::parse(&raw)
            .ok()
            .and_then(|code| units.tree.get(&code))
            .map_or(Lookup::NotFound, Lookup::Found),
    };
    let checkpoint = match given(&input.checkpoint_code) {
        None => None,
        Some(raw) => Some(match CheckpointCode::parse(&raw) {
            Ok(code) => store::checkpoints::by_code(&state.db.read, code.as_str()).await?,
            Err(_) => None,
        }),
    };
    let checkpoint_lookup = match &checkpoint {
        None => Lookup::NotGiven,
        Some(None) => Lookup::NotFound,
        Some(Some(cp)) => Lookup::Found((&cp.code, &cp.unit_code)),
    };
    let scope = scope_for(role, unit, checkpoint_lookup).map_err(|e| {
        AppError::Validation(match e {
            ScopeError::NotAllowed => ErrorCode::ScopeNotAllowed,
            ScopeError::UnitRequired => ErrorCode::UnitRequired,
            ScopeError::UnknownUnit => ErrorCode::UnknownUnit,
            ScopeError::UnitLevelMismatch => ErrorCode::UnitLevelMismatch,
            ScopeError::CheckpointRequired => ErrorCode::CheckpointRequired,
            ScopeError::UnknownCheckpoint => ErrorCode::UnknownCheckpoint,
        })
    })?;
    let (unit_code, checkpoint_code) = match &scope {
        Scope::Country => (None, None),
        Scope::Unit(code) => (Some(code.clone()), None),
        Scope::Checkpoint { .. } => (None, checkpoint.flatten().map(|cp| cp.code)),
    };
    let hash = password::hash(input.password).await?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let id = store::users::insert(
        &mut *tx,
        NewUser {
            username: &username,
            password_hash: &hash,
            role,
            unit_code: unit_code.as_ref(),
            checkpoint_code: checkpoint_code.as_ref(),
        },
        now,
    )
    .await?
    .ok_or(AppError::Conflict(ErrorCode::UsernameTaken))?;
    Entry::new("create_user", "user", &id.to_string())
        .in_unit(unit_code.as_ref().map(UnitCode::as_str))
        .saying(format!("{username} as {role}"))
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_user_active(
    state: &AppState,
    by: &Official,
    user_id: i64,
    active: bool,
) -> Result<()> {
    switch(state, by, Switchable::User(user_id), active).await
}

pub async fn list_checkpoints(state: &AppState, by: &Official) -> Result<Vec<CheckpointView>> {
    by.authorise(Action::ManageCheckpoints, Target::System)?;
    let units = state.units();
    Ok(store::checkpoints::list(&state.db.read)
        .await?
        .into_iter()
        .map(|c| checkpoint_view(c, &units.tree))
        .collect())
}

pub(crate) fn checkpoint_view(
    c: store::checkpoints::Checkpoint,
    tree: &domain::UnitTree,
) -> CheckpointView {
    CheckpointView {
        unit_name: tree.full_name(&c.unit_code),
        active: c.active,
        code: c.code.to_string(),
        name: c.name,
        unit_code: c.unit_code.to_string(),
        road: c.road,
        lat: c.lat,
        lon: c.lon,
    }
}

/// Also the administrator's form as posted (coordinates come only from data imports).
#[derive(serde::Deserialize)]
pub struct NewCheckpointInput {
    pub code: String,
    pub name: String,
    pub unit_code: String,
    #[serde(default)]
    pub road: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
}

pub async fn create_checkpoint(
    state: &AppState,
    by: &Official,
    input: NewCheckpointInput,
) -> Result<()> {
    by.authorise(Action::ManageCheckpoints, Target::System)?;
    let code = CheckpointCode::parse(&input.code)
        .map_err(|_| AppError::Validation(ErrorCode::BadCheckpointCode))?;
    let unit = UnitCode::parse(&input.unit_code)
        .map_err(|_| AppError::Validation(ErrorCode::UnknownUnit))?;
    if state.units().tree.get(&unit).is_none() {
        return Err(AppError::Validation(ErrorCode::UnknownUnit));
    }
    let name = domain::text::clean(&input.name);
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Validation(ErrorCode::BadRequest));
    }
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let added = store::checkpoints::insert(
        &mut *tx,
        NewCheckpoint {
            code: &code,
            name: &name,
            unit_code: &unit,
            road: &domain::text::clean(&input.road),
            lat: input.lat,
            lon: input.lon,
        },
        now,
    )
    .await?;
    if !added {
        return Err(AppError::Conflict(ErrorCode::CheckpointCodeTaken));
    }
    Entry::new("create_checkpoint", "checkpoint", code.as_str())
        .in_unit(unit.as_str())
        .saying(name.clone())
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_checkpoint_active(
    state: &AppState,
    by: &Official,
    code: &str,
    active: bool,
) -> Result<()> {
    switch(state, by, Switchable::Checkpoint(code), active).await
}

/// What an administrator enables and disables.
enum Switchable<'a> {
    User(i64),
    Checkpoint(&'a str),
}

/// Turns an account or a checkpoint on or off, audited in the same transaction; a disabled account
/// loses its sessions at once.
async fn switch(state: &AppState, by: &Official, what: Switchable<'_>, active: bool) -> Result<()> {
    let (action, kind, id) = match &what {
        Switchable::User(id) => (Action::ManageUsers, "user", id.to_string()),
        Switchable::Checkpoint(code) => (Action::ManageCheckpoints, "checkpoint", code.to_string()),
    };
    by.authorise(action, Target::System)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    let found = match what {
        Switchable::User(user_id) => {
            if !active {
                store::sessions::delete_for_user(&mut *tx, user_id, None).await?;
            }
            store::users::set_active(&mut *tx, user_id, active).await?
        }
        Switchable::Checkpoint(code) => {
            store::checkpoints::set_active(&mut *tx, code, active).await?
        }
    };
    if !found {
        return Err(AppError::NotFound);
    }
    let verb = if active { "enable" } else { "disable" };
    Entry::new(&format!("{verb}_{kind}"), kind, &id)
        .record(&mut *tx, now, By::Official(by))
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn recent_audit(state: &AppState, by: &Official) -> Result<Vec<AuditView>> {
    by.authorise(Action::ReadAudit, Target::System)?;
    Ok(store::audit::recent(&state.db.read, 200).await?)
}
