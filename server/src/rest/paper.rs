//! Paper declarations typed elsewhere, imported as a CSV file by a checkpoint's data-entry officer.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use backend::paper::{self, OnError};
use backend::{AppError, AppState};
use contract::dto::PaperImport;
use contract::error::ErrorCode;

use super::error::{ApiError, ApiErrorBody};
use crate::extract::Caller;

#[derive(Deserialize, IntoParams)]
pub struct ImportQuery {
    /// `skip` (the default) stores the good rows and lists the bad ones; `reject` stores nothing when
    /// any row is bad.
    #[param(pattern = "^(skip|reject)$")]
    pub on_error: Option<String>,
}

/// Import paper forms typed elsewhere, for the officer's own checkpoint. The body is UTF-8 CSV (a BOM is
/// accepted, RFC 4180 quoting) whose header names the declaration API's fields (`document_type`,
/// `document_number`, `full_name`, `birth_date`, `sex`, `phone`, `residence_commune`,
/// `residence_address`, `origin_commune`, `destination_commune`, `travel_date`, `vehicle`,
/// `vehicle_plate`, `symptoms`, `close_contact`, `vaccination_doses`) plus `form_number` and
/// `collected_on`, in any order. Dates are `dd/mm/yyyy` or `yyyy-mm-dd`, symptoms `;`-separated, booleans
/// `yes/no/true/false/có/không`. A form of someone who declared the same trip is linked to that
/// declaration; a `form_number` this checkpoint already holds changes nothing.
#[utoipa::path(post, path = "/api/v1/checkpoints/{code}/paper-forms", tag = "paper",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "Checkpoint code, e.g. HD01"), ImportQuery),
    request_body(content = String, content_type = "text/csv",
        description = "The forms, one per row after the header"),
    responses(
        (status = 200, description = "What was stored, linked, already held and refused", body = PaperImport),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a data-entry officer of this checkpoint", body = ApiErrorBody),
        (status = 404, description = "Not a checkpoint code", body = ApiErrorBody),
        (status = 413, description = "Body larger than 64 MiB", body = ApiErrorBody),
        (status = 422, description = "Nothing stored: not UTF-8 (the line of the first bad byte), a missing column (named), or with `on_error=reject` a bad row", body = PaperImport),
    ))]
pub async fn import_paper_forms(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(code): Path<String>,
    Query(q): Query<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<PaperImport>), ApiError> {
    paper::post(&official, &code)?;
    let on_error = match q.on_error.as_deref() {
        None => OnError::Skip,
        Some(raw) => OnError::parse(raw).ok_or(AppError::Validation(ErrorCode::BadRequest))?,
    };
    let csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("text/csv"));
    if !csv {
        return Err(AppError::Validation(ErrorCode::BadRequest).into());
    }
    let imported = paper::import_csv(&state, &official, &code, &body, on_error, &|_, _| {}).await?;
    let status = if imported.refused { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, Json(imported.report)))
}
