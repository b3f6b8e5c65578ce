//! Reconciling a commune's arrivals with the population registry over the API.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use backend::{daily_lists, reconciliation, AppError, AppState};
use contract::dto::{CorrectionView, DecisionInput, ReconciliationList, ReviewInput};
use contract::error::ErrorCode;
use domain::reconciliation::Review;
use domain::UnitCode;

use super::error::{ApiError, ApiErrorBody};
use super::lists::ListQuery;
use crate::correction_export;
use crate::extract::Caller;
use crate::list_export::Format;

/// An arrival of a commune, as the decision's path names it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ArrivalPath {
    /// The commune, e.g. 10507.
    pub commune: String,
    /// The arrival's id, from the commune's reconciliation list. Read as text, so that one that is
    /// not a number is an arrival that does not exist (404), like any other.
    #[param(value_type = i64)]
    pub arrival_id: String,
}

fn commune_code(raw: &str) -> Result<UnitCode, AppError> {
    daily_lists::unit_named(raw)?.ok_or(AppError::NotFound)
}

/// A commune's arrivals of a day (the newest closed day when no date is given), each with what
/// ZonePass proposes from the population registry, and how many are decided and left. For the
/// commune's police and the police above it; every reading is audited.
#[utoipa::path(get, path = "/api/v1/units/{commune}/reconciliation", tag = "reconciliation", security(("bearer" = [])),
    params(("commune" = String, Path, description = "Commune code, e.g. 10507"), ListQuery),
    responses(
        (status = 200, body = ReconciliationList),
        (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody),
        (status = 404, description = "Not a commune", body = ApiErrorBody),
        (status = 422, description = "Not a date", body = ApiErrorBody),
    ))]
pub async fn worklist(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(commune): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ReconciliationList>, ApiError> {
    let commune = commune_code(&commune)?;
    let date = daily_lists::day_named(&state, q.date.as_deref().unwrap_or_default())?;
    Ok(Json(reconciliation::worklist(&state, &official, &commune, date).await?))
}

/// The commune's police decide about an arrival: `confirm` a resident, record a `temporary_stay`,
/// `correct_declaration` with the corrected facts, or `propose_registry_correction` with the facts
/// and the evidence (`note`) for the commune chief. Deciding again replaces the decision.
#[utoipa::path(post, path = "/api/v1/units/{commune}/reconciliation/{arrival_id}", tag = "reconciliation", security(("bearer" = [])),
    params(ArrivalPath),
    request_body = DecisionInput,
    responses(
        (status = 204, description = "Decided"),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not the commune's police", body = ApiErrorBody),
        (status = 404, description = "No such arrival in the commune", body = ApiErrorBody),
        (status = 422, description = "A decision that does not fit, or corrections that are not valid", body = ApiErrorBody),
    ))]
pub async fn decide(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(ArrivalPath { commune, arrival_id }): Path<ArrivalPath>,
    payload: Result<Json<DecisionInput>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let commune = commune_code(&commune)?;
    let arrival_id: i64 = arrival_id.parse().map_err(|_| AppError::NotFound)?;
    let input = super::body(payload)?;
    reconciliation::decide(&state, &official, &commune, arrival_id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
pub struct CorrectionsQuery {
    /// `proposed`, `accepted` or `rejected`; all when absent.
    #[param(pattern = "^(proposed|accepted|rejected)$")]
    pub status: Option<String>,
}

/// A correction of a commune, as the review's path names it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CorrectionPath {
    /// The commune, e.g. 10507.
    pub commune: String,
    /// The correction's id. Read as text, so that one that is not a number is a correction that
    /// does not exist (404), like any other.
    #[param(value_type = i64)]
    pub id: String,
}

/// A commune's proposed registry corrections, with the registry's values beside the proposed ones.
/// `Accept: text/csv` answers them as the file sent to the national population database, one row per
/// corrected fact (usually with `?status=accepted`). Audited.
#[utoipa::path(get, path = "/api/v1/units/{commune}/registry-corrections", tag = "reconciliation", security(("bearer" = [])),
    params(("commune" = String, Path, description = "Commune code, e.g. 10507"), CorrectionsQuery),
    responses(
        (status = 200, body = [CorrectionView], content_type = "application/json"),
        (status = 200, description = "One row per corrected fact (UTF-8 with BOM)", content_type = "text/csv"),
        (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody),
        (status = 404, description = "Not a commune", body = ApiErrorBody),
        (status = 422, description = "Not a status", body = ApiErrorBody),
    ))]
pub async fn corrections(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(commune): Path<String>,
    Query(q): Query<CorrectionsQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let commune = commune_code(&commune)?;
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(Review::parse(raw).ok_or(AppError::Validation(ErrorCode::BadRequest))?),
    };
    let rows = reconciliation::corrections(&state, &official, &commune, status).await?;
    match Format::accepted(&headers) {
        Some(Format::Csv) => Ok(correction_export::csv(&commune, &rows)?),
        _ => Ok(Json(rows).into_response()),
    }
}

/// The commune chief accepts or rejects a proposed registry correction.
#[utoipa::path(post, path = "/api/v1/units/{commune}/registry-corrections/{id}", tag = "reconciliation", security(("bearer" = [])),
    params(CorrectionPath),
    request_body = ReviewInput,
    responses(
        (status = 200, body = CorrectionView),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not the commune's chief", body = ApiErrorBody),
        (status = 404, description = "No such correction in the commune", body = ApiErrorBody),
        (status = 409, description = "Reviewed already", body = ApiErrorBody),
        (status = 422, description = "Neither accept nor reject", body = ApiErrorBody),
    ))]
pub async fn review(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(CorrectionPath { commune, id }): Path<CorrectionPath>,
    payload: Result<Json<ReviewInput>, JsonRejection>,
) -> Result<Json<CorrectionView>, ApiError> {
    let commune = commune_code(&commune)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let input = super::body(payload)?;
    Ok(Json(reconciliation::review(&state, &official, &commune, id, &input.review).await?))
}
