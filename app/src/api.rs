//! Server functions the pages read through. Each one only turns the request into an official, calls a
//! use case and returns a DTO; the use case authorises. Every one is a public endpoint too.

use leptos::prelude::*;

use crate::error::AppErrorDto;
use contract::dto::{
    AuditView, CheckpointView, CommuneGroup, CommuneMatch, DeclarationDraft, Me, PassView,
    PersonView, ScopeOverview, UnitOption, UserView,
};

#[cfg(feature = "ssr")]
mod ctx {
    use leptos::prelude::*;

    use backend::{AppError, AppState, Official};

    use crate::error::{AppErrorDto, ErrorCode};
    use crate::web;

    pub fn state() -> Result<AppState, AppErrorDto> {
        use_context::<AppState>().ok_or(AppErrorDto { code: ErrorCode::Unexpected })
    }

    /// The state and the official behind the request: what every official's server function starts with.
    pub async fn signed_in() -> Result<(AppState, Official), AppErrorDto> {
        let state = state()?;
        let official = official(&state).await?;
        Ok((state, official))
    }

    /// What a hand-over step starts with: who asks, and the unit, day and part they name.
    pub async fn list_step(
        unit: &str,
        date: &str,
        part: &str,
    ) -> Result<
        (AppState, Official, domain::UnitCode, domain::date::CivilDate, domain::daily_list::Part),
        AppErrorDto,
    > {
        use backend::daily_lists;
        let (state, official) = signed_in().await?;
        let unit = daily_lists::unit_named(unit)?.ok_or(AppError::NotFound)?;
        let day = daily_lists::day_named(&state, date)?;
        let part = daily_lists::part_named(Some(part))?;
        Ok((state, official, unit, day, part))
    }

    /// The official behind the request this server function answers.
    pub async fn official(state: &AppState) -> Result<Official, AppError> {
        match use_context::<axum::http::request::Parts>() {
            Some(parts) => web::official(state, &parts.headers).await,
            None => Err(AppError::Unauthenticated),
        }
    }

    /// A server function called over HTTP fails with the status a REST client would get (403 for a
    /// refusal, not a 500) and the code the page words itself. Called while a page renders, it leaves
    /// the page's status to the page.
    impl From<AppError> for AppErrorDto {
        fn from(e: AppError) -> Self {
            e.log();
            let called_over_http = use_context::<axum::http::request::Parts>()
                .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
            if let (true, Some(response), Ok(status)) = (
                called_over_http,
                use_context::<leptos_axum::ResponseOptions>(),
                axum::http::StatusCode::from_u16(e.http_status()),
            ) {
                response.set_status(status);
            }
            AppErrorDto { code: e.code() }
        }
    }
}

#[server]
pub async fn get_me() -> Result<Option<Me>, AppErrorDto> {
    use backend::{accounts, AppError};
    let state = ctx::state()?;
    match ctx::official(&state).await {
        Ok(official) => Ok(Some(accounts::me(&state, &official).await?)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[server]
pub async fn get_scope_overview() -> Result<ScopeOverview, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::scope::overview(&state, &official).await?)
}

#[server]
pub async fn look_up_person(document_number: String) -> Result<PersonView, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::registry::look_up_person(&state, &official, &document_number).await?)
}

#[server]
pub async fn list_users() -> Result<Vec<UserView>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::admin::list_users(&state, &official).await?)
}

#[server]
pub async fn list_checkpoints() -> Result<Vec<CheckpointView>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::admin::list_checkpoints(&state, &official).await?)
}

#[server]
pub async fn recent_audit() -> Result<Vec<AuditView>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::admin::recent_audit(&state, &official).await?)
}

/// A citizen's pass by its holder's key; no account, because holding the key is holding the pass.
#[server]
pub async fn get_pass(key: String) -> Result<PassView, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::declarations::pass_view(&state, &key).await?)
}

/// The declaration form's answers waiting for another round, if the id is still known.
#[server]
pub async fn get_draft(id: String) -> Result<Option<DeclarationDraft>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(state.drafts.get(&state.db, &id, state.now()).await?)
}

/// The provinces (the roots of the unit tree), for the declaration form.
#[server]
pub async fn list_provinces() -> Result<Vec<UnitOption>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::units::provinces(&state))
}

/// The answer to a citizen's question about their own data, kept under this id by the form.
#[server]
pub async fn get_own_data(id: String) -> Result<Option<contract::dto::OwnData>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::own_data::answer_kept(&state, &id).await?)
}

/// How many days after a trip its records are held: the declaration form tells the citizen.
#[server]
pub async fn retention_days() -> Result<u16, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::retention::retention(&state).days)
}

/// The communes of a province, grouped by district, for the declaration form.
#[server]
pub async fn list_communes(province: String) -> Result<Vec<CommuneGroup>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::units::communes_of(&state, &province))
}

/// Communes and wards whose names answer what a person typed, with or without diacritics.
#[server]
pub async fn search_communes(query: String) -> Result<Vec<CommuneMatch>, AppErrorDto> {
    let state = ctx::state()?;
    Ok(backend::units::search_communes(&state, &query))
}

/// The epidemic areas, newest first, for the administrator.
#[server]
pub async fn list_areas() -> Result<Vec<contract::dto::AreaView>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::areas::list_areas(&state, &official).await?)
}

/// One province's checkpoint rules, for the administrator.
#[server]
pub async fn get_rules(province: String) -> Result<contract::dto::RulesView, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::areas::rules_of(&state, &official, &province).await?)
}

/// What a checkpoint officer's scanner keeps for judging passes offline.
#[server]
pub async fn get_scanner_bundle(
    device_id: String,
    pending: u32,
    held_as_of: Option<i64>,
) -> Result<contract::dto::ScannerBundle, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::scanning::bundle(&state, &official, &device_id, pending, held_as_of).await?)
}

/// A checkpoint's day (Vietnam's calendar, `YYYY-MM-DD`; today when empty) for its supervisor. The officer
/// of a checkpoint gets their own when the code is empty.
#[server]
pub async fn checkpoint_day(
    code: String,
    date: String,
) -> Result<contract::dto::CheckpointDay, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::crossings::day_at_checkpoint(&state, &official, &code, &date).await?)
}

/// A scan made on the screen without JavaScript, for the officer who made it.
#[server]
pub async fn get_scan(id: String) -> Result<Option<contract::dto::ScanDraft>, AppErrorDto> {
    use backend::AppError;
    let (state, official) = ctx::signed_in().await?;
    match backend::scanning::saved_scan(&state, &official, &id).await {
        Ok(scan) => Ok(Some(scan)),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Sends crossings recorded on the scanner (perhaps offline) and answers for each: stored now, stored
/// before, or refused with its reasons. Same rules as `POST /api/v1/crossings`.
#[server]
pub async fn sync_crossings(
    crossings: Vec<domain::crossing::CrossingInput>,
) -> Result<Vec<contract::dto::CrossingOutcome>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::crossings::record_crossings(&state, &official, &crossings).await?)
}

/// A crossing the server refused, dropped by its officer: on the record.
#[server]
pub async fn discard_crossing(
    crossing: domain::crossing::CrossingInput,
) -> Result<(), AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::crossings::discard_crossing(&state, &official, &crossing).await?)
}

/// The live pass of a person whose ID number the officer typed, judged on the server.
#[server]
pub async fn scan_number(number: String) -> Result<contract::dto::ScanDraft, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::scanning::scan_text(&state, &official, &number, "in").await?)
}

/// The doses on record of a pass's holder, which a device that judged the pass offline adds to its
/// verdict when the network answers.
#[server]
pub async fn doses_on_record(number: String) -> Result<u8, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::scanning::doses_on_record(&state, &official, &number).await?.get())
}

/// A paper form kept between two rounds of the entry screen, for the officer who typed it.
#[server]
pub async fn get_paper_draft(id: String) -> Result<Option<contract::dto::PaperDraft>, AppErrorDto> {
    use backend::AppError;
    let (state, official) = ctx::signed_in().await?;
    match backend::paper::saved_draft(&state, &official, &id).await {
        Ok(draft) => Ok(Some(draft)),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The batches of paper forms the official sees: their checkpoint's, or those of every checkpoint in
/// their unit, oldest first.
#[server]
pub async fn paper_batches() -> Result<Vec<contract::dto::PaperBatch>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::paper::batches(&state, &official).await?)
}

/// The officer's checkpoint's forms waiting for someone to check the paper.
#[server]
pub async fn waiting_paper_forms() -> Result<Vec<contract::dto::WaitingForm>, AppErrorDto> {
    let (state, official) = ctx::signed_in().await?;
    Ok(backend::paper::waiting(&state, &official).await?)
}

/// A unit's daily list of a day: the asker's own unit's (the whole country's for national staff) for an
/// empty unit, the newest closed day for an empty date. The people on it come only to police who may read them there, and their reading is
/// audited.
#[server]
pub async fn daily_list(
    unit: String,
    date: String,
) -> Result<contract::dto::DailyList, AppErrorDto> {
    use backend::daily_lists;
    let (state, official) = ctx::signed_in().await?;
    let unit = daily_lists::unit_named(&unit)?.or_else(|| daily_lists::home_unit(&official));
    let day = daily_lists::day_named(&state, &date)?;
    Ok(daily_lists::list(&state, &official, unit.as_ref(), day).await?)
}

/// A commune's arrivals of a day to reconcile (the asker's own commune for an empty unit, the newest
/// closed day for an empty date), with the commune and day they are for. Audited.
#[server]
pub async fn reconciliation_list(
    unit: String,
    date: String,
) -> Result<(String, String, contract::dto::ReconciliationList), AppErrorDto> {
    use backend::daily_lists;
    let (state, official) = ctx::signed_in().await?;
    let unit = daily_lists::unit_named(&unit)?
        .or_else(|| daily_lists::home_unit(&official))
        .ok_or(backend::AppError::NotFound)?;
    let day = daily_lists::day_named(&state, &date)?;
    let list = backend::reconciliation::worklist(&state, &official, &unit, day).await?;
    Ok((unit.to_string(), day.to_string(), list))
}

/// A commune's registry corrections (the asker's own commune's for an empty unit), with the commune
/// they are of. Audited.
#[server]
pub async fn registry_corrections(
    unit: String,
) -> Result<(String, Vec<contract::dto::CorrectionView>), AppErrorDto> {
    use backend::daily_lists;
    let (state, official) = ctx::signed_in().await?;
    let unit = daily_lists::unit_named(&unit)?
        .or_else(|| daily_lists::home_unit(&official))
        .ok_or(backend::AppError::NotFound)?;
    let rows = backend::reconciliation::corrections(&state, &official, &unit, None).await?;
    Ok((unit.to_string(), rows))
}

/// A unit's daily report (the asker's own unit's for an empty unit, the newest closed day for an
/// empty date).
#[server]
pub async fn daily_report(
    unit: String,
    date: String,
) -> Result<contract::dto::DailyReport, AppErrorDto> {
    use backend::daily_lists;
    let (state, official) = ctx::signed_in().await?;
    let unit = daily_lists::unit_named(&unit)?
        .or_else(|| daily_lists::home_unit(&official))
        .ok_or(backend::AppError::NotFound)?;
    let day = daily_lists::day_named(&state, &date)?;
    Ok(backend::reports::report(&state, &official, &unit, day).await?)
}

/// The level above a unit forwards its list (`part` `main` or `addendum`) of a closed day.
#[server]
pub async fn forward_list(
    unit: String,
    date: String,
    part: String,
) -> Result<contract::dto::ListHandover, AppErrorDto> {
    let (state, official, unit, day, part) = ctx::list_step(&unit, &date, &part).await?;
    Ok(backend::daily_lists::forward(&state, &official, &unit, day, part).await?)
}

/// A unit's police acknowledge its list (`part` `main` or `addendum`).
#[server]
pub async fn acknowledge_list(
    unit: String,
    date: String,
    part: String,
) -> Result<contract::dto::ListHandover, AppErrorDto> {
    let (state, official, unit, day, part) = ctx::list_step(&unit, &date, &part).await?;
    Ok(backend::daily_lists::acknowledge(&state, &official, &unit, day, part).await?)
}

/// A unit's arrivals on each of the 14 days up to `date`, for the charts.
#[server]
pub async fn list_history(
    unit: String,
    date: String,
) -> Result<Vec<contract::dto::DayCount>, AppErrorDto> {
    use backend::daily_lists;
    let (state, official) = ctx::signed_in().await?;
    let unit = daily_lists::unit_named(&unit)?.or_else(|| daily_lists::home_unit(&official));
    let day = daily_lists::day_named(&state, &date)?;
    Ok(daily_lists::history(&state, &official, unit.as_ref(), day, 14).await?)
}
