//! Use cases of the administrator: accounts, checkpoints and the audit trail. Console operators
//! (the `zonepass` CLI on the server) may do the same; they are recorded as operators.

use super::store::audit::{self, By, Entry};
use super::store::{self, checkpoints::NewCheckpoint, users::NewUser};
use super::{password, AppError, AppState};
use crate::dto::{AuditView, CheckpointView, UserView};
use crate::error::ErrorCode;
use domain::access::Binding;
use domain::account::{check_new_password, normalise_username};
use domain::checkpoint::CheckpointCode;
use domain::{can, Action, Role, Target, UnitCode};

fn authorise(by: &By<'_>, action: Action) -> Result<(), AppError> {
    match by {
        By::Official(actor) if can(actor, action, Target::System) => Ok(()),
        By::Operator(_) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Also the administrator's form as posted.
#[derive(serde::Deserialize)]
pub struct NewUserInput {
    pub username: String,
    pub password: String,
    pub role: String,
    pub unit_code: Option<String>,
    pub checkpoint_code: Option<String>,
}

pub async fn list_users(state: &AppState, by: By<'_>) -> Result<Vec<UserView>, AppError> {
    authorise(&by, Action::ManageUsers)?;
    let units = state.units();
    Ok(store::users::list(&state.db.read)
        .await?
        .into_iter()
        .map(|u| UserView {
            id: u.id,
            unit_name: u
                .unit_code
                .as_deref()
                .and_then(|c| UnitCode::parse(c).ok())
                .map(|c| units.tree.full_name(&c)),
            username: u.username,
            role: u.role,
            unit_code: u.unit_code,
            checkpoint_code: u.checkpoint_code,
            active: u.active,
            created_at: u.created_at,
        })
        .collect())
}

#[tracing::instrument(skip(state, by, input), fields(username = %input.username, role = %input.role))]
pub async fn create_user(
    state: &AppState,
    by: By<'_>,
    input: NewUserInput,
) -> Result<i64, AppError> {
    authorise(&by, Action::ManageUsers)?;
    let username = normalise_username(&input.username)?;
    check_new_password(&input.password)?;
    let role: Role = input
        .role
        .parse()
        .map_err(|_| AppError::Validation(ErrorCode::UnknownRole))?;
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (unit_code, checkpoint_code) = (given(&input.unit_code), given(&input.checkpoint_code));
    let (unit_code, checkpoint_code) = match role.binding() {
        Binding::Country => {
            if unit_code.is_some() || checkpoint_code.is_some() {
                return Err(AppError::Validation(ErrorCode::ScopeNotAllowed));
            }
            (None, None)
        }
        Binding::Unit => {
            let raw = unit_code.ok_or(AppError::Validation(ErrorCode::UnitRequired))?;
            let code =
                UnitCode::parse(&raw).map_err(|_| AppError::Validation(ErrorCode::UnknownUnit))?;
            let units = state.units();
            let unit = units
                .tree
                .get(&code)
                .ok_or(AppError::Validation(ErrorCode::UnknownUnit))?;
            if let Some(levels) = role.unit_level() {
                if !levels.contains(&unit.level.as_str()) {
                    return Err(AppError::Validation(ErrorCode::UnitLevelMismatch));
                }
            }
            (Some(code.to_string()), None)
        }
        Binding::Checkpoint => {
            let raw = checkpoint_code.ok_or(AppError::Validation(ErrorCode::CheckpointRequired))?;
            let code = CheckpointCode::parse(&raw)
                .map_err(|_| AppError::Validation(ErrorCode::UnknownCheckpoint))?;
            store::checkpoints::by_code(&state.db.read, code.as_str())
                .await?
                .ok_or(AppError::Validation(ErrorCode::UnknownCheckpoint))?;
            (None, Some(code.to_string()))
        }
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
            unit_code: unit_code.as_deref(),
            checkpoint_code: checkpoint_code.as_deref(),
        },
        now,
    )
    .await?
    .ok_or(AppError::Conflict(ErrorCode::UsernameTaken))?;
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: "create_user",
            target_kind: "user",
            target_id: &id.to_string(),
            unit_code: unit_code.as_deref(),
            detail: format!("{username} as {role}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_user_active(
    state: &AppState,
    by: By<'_>,
    user_id: i64,
    active: bool,
) -> Result<(), AppError> {
    authorise(&by, Action::ManageUsers)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    if !store::users::set_active(&mut *tx, user_id, active).await? {
        return Err(AppError::NotFound);
    }
    if !active {
        store::sessions::delete_for_user(&mut *tx, user_id, None).await?;
    }
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: if active {
                "enable_user"
            } else {
                "disable_user"
            },
            target_kind: "user",
            target_id: &user_id.to_string(),
            unit_code: None,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list_checkpoints(
    state: &AppState,
    by: By<'_>,
) -> Result<Vec<CheckpointView>, AppError> {
    authorise(&by, Action::ManageCheckpoints)?;
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
        unit_name: UnitCode::parse(&c.unit_code)
            .map(|code| tree.full_name(&code))
            .unwrap_or_default(),
        active: c.active(),
        code: c.code,
        name: c.name,
        unit_code: c.unit_code,
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
    by: By<'_>,
    input: NewCheckpointInput,
) -> Result<(), AppError> {
    authorise(&by, Action::ManageCheckpoints)?;
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
            code: code.as_str(),
            name: &name,
            unit_code: unit.as_str(),
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
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: "create_checkpoint",
            target_kind: "checkpoint",
            target_id: code.as_str(),
            unit_code: Some(unit.as_str()),
            detail: name.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_checkpoint_active(
    state: &AppState,
    by: By<'_>,
    code: &str,
    active: bool,
) -> Result<(), AppError> {
    authorise(&by, Action::ManageCheckpoints)?;
    let now = state.now();
    let mut tx = state.db.write.begin().await?;
    if !store::checkpoints::set_active(&mut *tx, code, active).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        now,
        by,
        Entry {
            action: if active {
                "enable_checkpoint"
            } else {
                "disable_checkpoint"
            },
            target_kind: "checkpoint",
            target_id: code,
            unit_code: None,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn recent_audit(state: &AppState, by: By<'_>) -> Result<Vec<AuditView>, AppError> {
    authorise(&by, Action::ReadAudit)?;
    Ok(store::audit::recent(&state.db.read, 200).await?)
}
