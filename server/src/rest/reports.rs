//! Daily reports over the API: a unit's report of a day (JSON, CSV or XLSX by `Accept`) and its
//! approval by the commune chief.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use backend::{daily_lists, reports, AppError, AppState};
use contract::dto::DailyReport;
use domain::UnitCode;

use super::error::{ApiError, ApiErrorBody};
use crate::extract::Caller;
use crate::list_export::Format;
use crate::report_export;

/// A unit's report of a day, as its paths name it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReportPath {
    /// The unit the report is for, e.g. 10507 (a commune) or 288 (a district).
    pub code: String,
    /// `YYYY-MM-DD` in Vietnam's calendar.
    #[param(format = Date, pattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$")]
    pub date: String,
}

fn unit_code(raw: &str) -> Result<UnitCode, AppError> {
    daily_lists::unit_named(raw)?.ok_or(AppError::NotFound)
}

/// A unit's daily report for its steering committee: arrivals by origin and by the epidemic level
/// there, where reconciliation stands, doses on record, follow-up and the 14-day trend; once approved,
/// the figures as approved and what changed since. For the police of the unit and above, its chief
/// and its steering committee. `Accept: text/csv` or the XLSX type answers it as a file.
#[utoipa::path(get, path = "/api/v1/units/{code}/reports/{date}", tag = "reports", security(("bearer" = [])),
    params(ReportPath),
    responses(
        (status = 200, body = DailyReport, content_type = "application/json"),
        (status = 200, description = "The report as CSV (UTF-8 with BOM)", content_type = "text/csv"),
        (status = 200, description = "The report as a spreadsheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 422, description = "Not a date", body = ApiErrorBody),
    ))]
pub async fn report(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(ReportPath { code, date }): Path<ReportPath>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (code, date) = (unit_code(&code)?, daily_lists::day_named(&state, &date)?);
    let report = reports::report(&state, &official, &code, date).await?;
    match Format::accepted(&headers) {
        Some(format) => Ok(report_export::download(&report, format)?),
        None => Ok(Json(report).into_response()),
    }
}

/// The commune chief approves the commune's report of a closed day: it is locked with its figures,
/// and later changes show as its amendment. Approving it again changes nothing.
#[utoipa::path(post, path = "/api/v1/units/{code}/reports/{date}/approve", tag = "reports", security(("bearer" = [])),
    params(ReportPath),
    responses(
        (status = 200, body = DailyReport),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not the commune's chief", body = ApiErrorBody),
        (status = 404, description = "Not a commune", body = ApiErrorBody),
        (status = 409, description = "The day is not closed yet", body = ApiErrorBody),
        (status = 422, description = "Not a date", body = ApiErrorBody),
    ))]
pub async fn approve(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(ReportPath { code, date }): Path<ReportPath>,
) -> Result<Json<DailyReport>, ApiError> {
    let (code, date) = (unit_code(&code)?, daily_lists::day_named(&state, &date)?);
    Ok(Json(reports::approve(&state, &official, &code, date).await?))
}
