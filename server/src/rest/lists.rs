//! The daily lists over the API: a unit's list of a day (JSON, CSV or XLSX by `Accept`), and its
//! hand-over down the tree.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use backend::{daily_lists, AppError, AppState};
use contract::dto::{DailyList, ListHandover};
use domain::UnitCode;

use super::error::{ApiError, ApiErrorBody};
use crate::extract::Caller;
use crate::list_export::{self, Format};

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// `YYYY-MM-DD` in Vietnam's calendar; the newest closed day when absent.
    #[param(format = Date, pattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$")]
    pub date: Option<String>,
}

/// A unit's list of a day, as the hand-over paths name it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ListPath {
    /// The unit the list is for, e.g. 288 (a district).
    pub code: String,
    /// `YYYY-MM-DD` in Vietnam's calendar.
    #[param(format = Date, pattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$")]
    pub date: String,
}

#[derive(Deserialize, IntoParams)]
pub struct PartQuery {
    /// `main` (the default) or `addendum`: what reached the server after the close.
    #[param(pattern = "^(main|addendum)$")]
    pub part: Option<String>,
}

/// A unit code from the path: one that is not a code names no unit.
fn unit_code(raw: &str) -> Result<UnitCode, AppError> {
    daily_lists::unit_named(raw)?.ok_or(AppError::NotFound)
}

/// A unit's list of a day: counts, the units below with their hand-over status, and the people on it
/// for police of the unit or above (their reading is audited). `Accept: text/csv` or the XLSX type
/// answers the people as a file with Vietnamese headers.
#[utoipa::path(get, path = "/api/v1/units/{code}/lists", tag = "lists", security(("bearer" = [])),
    params(("code" = String, Path, description = "Unit code, e.g. 30 (a province), 288 (a district)"), ListQuery),
    responses(
        (status = 200, body = DailyList, content_type = "application/json"),
        (status = 200, description = "The people on the list as CSV (UTF-8 with BOM)", content_type = "text/csv"),
        (status = 200, description = "The people on the list as a spreadsheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 422, description = "Not a date", body = ApiErrorBody),
    ))]
pub async fn unit_list(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let code = unit_code(&code)?;
    let date = daily_lists::day_named(&state, q.date.as_deref().unwrap_or_default())?;
    let list = daily_lists::list(&state, &official, Some(&code), date).await?;
    match Format::accepted(&headers) {
        Some(format) => Ok(list_export::download(&list, format)?),
        None => Ok(Json(list).into_response()),
    }
}

/// The level above the unit passes the unit's list of a closed day down to it (`?part=addendum` for
/// the addendum). Doing it again changes nothing.
#[utoipa::path(post, path = "/api/v1/units/{code}/lists/{date}/forward", tag = "lists", security(("bearer" = [])),
    params(ListPath, PartQuery),
    responses(
        (status = 200, body = ListHandover),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not the level right above the unit", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 409, description = "The day is not closed yet", body = ApiErrorBody),
        (status = 422, description = "Not a date, or not a part", body = ApiErrorBody),
    ))]
pub async fn forward_list(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(ListPath { code, date }): Path<ListPath>,
    Query(q): Query<PartQuery>,
) -> Result<Json<ListHandover>, ApiError> {
    let (code, date) = (unit_code(&code)?, daily_lists::day_named(&state, &date)?);
    let part = daily_lists::part_named(q.part.as_deref())?;
    Ok(Json(daily_lists::forward(&state, &official, &code, date, part).await?))
}

/// The unit's police confirm its list (or `?part=addendum`) reached them.
#[utoipa::path(post, path = "/api/v1/units/{code}/lists/{date}/acknowledge", tag = "lists", security(("bearer" = [])),
    params(ListPath, PartQuery),
    responses(
        (status = 200, body = ListHandover),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not the unit's own police", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 409, description = "The day is not closed, or the list was not forwarded", body = ApiErrorBody),
        (status = 422, description = "Not a date, or not a part", body = ApiErrorBody),
    ))]
pub async fn acknowledge_list(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(ListPath { code, date }): Path<ListPath>,
    Query(q): Query<PartQuery>,
) -> Result<Json<ListHandover>, ApiError> {
    let (code, date) = (unit_code(&code)?, daily_lists::day_named(&state, &date)?);
    let part = daily_lists::part_named(q.part.as_deref())?;
    Ok(Json(daily_lists::acknowledge(&state, &official, &code, date, part).await?))
}
