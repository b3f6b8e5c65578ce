//! Server functions the pages read through. Each one only turns the request into an actor, calls a
//! use case and returns a DTO; the use case authorises.

use leptos::prelude::*;

use crate::dto::{
    AuditView, CheckpointView, CommuneGroup, CommuneMatch, DeclarationDraft, Me, PassView,
    PersonView, ScopeOverview, UnitOption, UserView,
};
use crate::error::AppErrorDto;

#[cfg(feature = "ssr")]
mod ctx {
    use leptos::prelude::*;

    use crate::backend::{web, AppError, AppState};
    use crate::error::{AppErrorDto, ErrorCode};

    pub fn state() -> Result<AppState, AppErrorDto> {
        use_context::<AppState>().ok_or(AppErrorDto {
            code: ErrorCode::Unexpected,
        })
    }

    pub async fn actor(state: &AppState) -> Result<domain::Actor, AppError> {
        let parts = use_context::<axum::http::request::Parts>()
            .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("no request in context")))?;
        web::actor(state, &parts.headers).await
    }
}

#[server]
pub async fn get_me() -> Result<Option<Me>, AppErrorDto> {
    use crate::backend::{accounts, AppError};
    let state = ctx::state()?;
    match ctx::actor(&state).await {
        Ok(actor) => Ok(Some(accounts::me(&state, &actor).await?)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[server]
pub async fn get_scope_overview() -> Result<ScopeOverview, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::scope::overview(&state, &actor).await?)
}

#[server]
pub async fn look_up_person(document_number: String) -> Result<PersonView, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::registry::look_up_person(&state, &actor, &document_number).await?)
}

#[server]
pub async fn list_users() -> Result<Vec<UserView>, AppErrorDto> {
    use crate::backend::store::audit::By;
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::admin::list_users(&state, By::Official(&actor)).await?)
}

#[server]
pub async fn list_checkpoints() -> Result<Vec<CheckpointView>, AppErrorDto> {
    use crate::backend::store::audit::By;
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::admin::list_checkpoints(&state, By::Official(&actor)).await?)
}

#[server]
pub async fn recent_audit() -> Result<Vec<AuditView>, AppErrorDto> {
    use crate::backend::store::audit::By;
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::admin::recent_audit(&state, By::Official(&actor)).await?)
}

/// A citizen's pass by its id; public, because holding the id is holding the pass.
#[server]
pub async fn get_pass(id: String) -> Result<PassView, AppErrorDto> {
    let state = ctx::state()?;
    Ok(crate::backend::declarations::pass_view(&state, &id).await?)
}

/// The declaration form's answers waiting for another round, if the id is still known.
#[server]
pub async fn get_draft(id: String) -> Result<Option<DeclarationDraft>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(state.drafts.get(&id, state.now()))
}

/// The provinces (the roots of the unit tree), for the declaration form.
#[server]
pub async fn list_provinces() -> Result<Vec<UnitOption>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(crate::backend::units::provinces(&state))
}

/// The communes of a province, grouped by district, for the declaration form.
#[server]
pub async fn list_communes(province: String) -> Result<Vec<CommuneGroup>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(crate::backend::units::communes_of(&state, &province))
}

/// Communes and wards whose names answer what a person typed, with or without diacritics.
#[server]
pub async fn search_communes(query: String) -> Result<Vec<CommuneMatch>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(crate::backend::units::search_communes(&state, &query))
}

/// The epidemic areas, newest first, for the administrator.
#[server]
pub async fn list_areas() -> Result<Vec<crate::dto::AreaView>, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::areas::list_areas(
        &state,
        crate::backend::store::audit::By::Official(&actor),
    )
    .await?)
}

/// One province's checkpoint rules, for the administrator.
#[server]
pub async fn get_rules(province: String) -> Result<crate::dto::RulesView, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::areas::rules_of(
        &state,
        crate::backend::store::audit::By::Official(&actor),
        &province,
    )
    .await?)
}

/// What a checkpoint officer's scanner keeps for judging passes offline.
#[server]
pub async fn get_scanner_bundle(
    device_id: String,
    pending: u32,
) -> Result<crate::dto::ScannerBundle, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::scanning::bundle(&state, &actor, &device_id, pending).await?)
}

/// A checkpoint's day (Vietnam's calendar, `YYYY-MM-DD`; today when empty) for its supervisor. The officer
/// of a checkpoint gets their own when the code is empty.
#[server]
pub async fn checkpoint_day(
    code: String,
    date: String,
) -> Result<crate::dto::CheckpointDay, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::crossings::day_at_checkpoint(&state, &actor, &code, &date).await?)
}

/// A scan made on the screen without JavaScript, for the officer who made it.
#[server]
pub async fn get_scan(id: String) -> Result<Option<crate::dto::ScanDraft>, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::scanning::saved_scan(&state, &actor, &id).ok())
}

/// Sends crossings recorded on the scanner (perhaps offline); true for each one stored now, false for one
/// stored before. Same rules as `POST /api/v1/crossings`.
#[server]
pub async fn sync_crossings(
    crossings: Vec<domain::crossing::CrossingInput>,
) -> Result<Vec<bool>, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(
        crate::backend::crossings::record_crossings(&state, &actor, &crossings)
            .await?
            .stored,
    )
}

/// The live pass of a person whose ID number the officer typed, judged on the server.
#[server]
pub async fn scan_number(number: String) -> Result<crate::dto::ScanDraft, AppErrorDto> {
    let state = ctx::state()?;
    let actor = ctx::actor(&state).await?;
    Ok(crate::backend::scanning::scan_text(&state, &actor, &number, "in").await?)
}
