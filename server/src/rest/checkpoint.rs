//! The checkpoint's machine clients: verify a scanned pass, record crossings, read a checkpoint's day.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use app::i18n::{Lang, Text};
use backend::{crossings, scanning, AppError, AppState};
use contract::dto::{CheckpointDay, CrossingOutcome};
use contract::error::ErrorCode;
use domain::crossing::CrossingInput;
use domain::vaccination;
use domain::verdict::Reason;

use super::error::{ApiError, ApiErrorBody};
use super::{body, rfc3339};
use crate::extract::Caller;

#[derive(Deserialize, ToSchema)]
pub struct VerifyRequest {
    /// The QR text exactly as scanned.
    pub token: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VerifyResponse {
    /// `green` (let through), `amber` (valid, but the rules ask for an action) or `red` (no valid pass).
    pub verdict: String,
    pub reasons: Vec<ReasonResponse>,
    /// What the rules say to do: `let_through`, `notify_destination`, `send_for_testing`, `turn_back`.
    pub action: String,
    /// The facts to compare with the ID card; absent when the pass is forged or unreadable.
    pub holder: Option<HolderResponse>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ReasonResponse {
    /// `valid`, `from_epidemic_area`, `expired`, `not_yet_valid`, `revoked`, `unknown_key`, `forged`, `unreadable`.
    pub code: String,
    /// The risk level, for `from_epidemic_area`.
    pub level: Option<u8>,
    pub message: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct HolderResponse {
    pub pass_id: String,
    pub full_name: String,
    /// `cccd` or `cmnd`.
    pub document_type: String,
    pub document_number: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// `male` or `female`.
    pub sex: String,
    pub origin_commune: String,
    pub origin: String,
    pub destination_commune: String,
    pub destination: String,
    /// Doses declared, as the pass carries them.
    pub vaccination_doses: u8,
    /// Doses on record in the vaccination database, and whether the two disagree.
    pub registered_doses: u8,
    pub doses_differ: bool,
    /// RFC 3339.
    pub expires_at: String,
}

/// Judge a scanned pass for the officer's checkpoint: signature, expiry, revocation and the rules for the
/// epidemic area it comes from.
#[utoipa::path(post, path = "/api/v1/passes/verify", request_body = VerifyRequest, tag = "checkpoint",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verdict; a bad pass is a red verdict, not an error", body = VerifyResponse),
        (status = 401, description = "No or expired bearer token", body = ApiErrorBody),
        (status = 403, description = "Not a checkpoint officer", body = ApiErrorBody),
        (status = 413, description = "Body larger than 32 KiB", body = ApiErrorBody),
        (status = 422, description = "Malformed request", body = ApiErrorBody),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    Caller(official): Caller,
    headers: HeaderMap,
    payload: Result<Json<VerifyRequest>, JsonRejection>,
) -> Result<Json<VerifyResponse>, ApiError> {
    let req = body(payload)?;
    if req.token.len() > MAX_TOKEN {
        return Err(AppError::Validation(ErrorCode::BadRequest).into());
    }
    let lang = app::web::lang(&headers);
    let scan = scanning::verify_pass(&state, &official, &req.token).await?;
    let j = scan.judgement;
    let registered = scan.registered_doses.unwrap_or_default();
    Ok(Json(VerifyResponse {
        verdict: j.verdict.as_str().to_owned(),
        reasons: j
            .reasons
            .iter()
            .map(|r| ReasonResponse {
                code: r.code().to_owned(),
                level: match r {
                    Reason::FromEpidemicArea { level } => Some(level.number()),
                    _ => None,
                },
                message: app::i18n::Text::for_reason(*r).get(lang).to_owned(),
            })
            .collect(),
        action: j.action.as_str().to_owned(),
        holder: j.holder.map(|h| HolderResponse {
            pass_id: h.id.to_string(),
            full_name: h.full_name,
            document_type: h.document_kind.as_str().to_owned(),
            document_number: h.document_number,
            birth_date: h.birth_date.to_string(),
            sex: h.sex.as_str().to_owned(),
            origin_commune: h.origin.to_string(),
            origin: scan.origin_name,
            destination_commune: h.destination.to_string(),
            destination: scan.destination_name,
            vaccination_doses: h.vaccination_doses.get(),
            registered_doses: registered.get(),
            doses_differ: vaccination::differs(h.vaccination_doses, registered),
            expires_at: time::OffsetDateTime::from_unix_timestamp(h.expires_at)
                .map(rfc3339)
                .unwrap_or_default(),
        }),
    }))
}

/// A QR holds at most a few hundred characters; anything longer is not a pass.
const MAX_TOKEN: usize = 2048;

#[derive(Deserialize, ToSchema)]
pub struct CrossingsRequest {
    #[schema(min_items = 1, max_items = 500)]
    pub crossings: Vec<CrossingInput>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CrossingsResponse {
    /// Crossings stored by this request.
    pub stored: usize,
    /// Crossings already stored by an earlier request (same `client_id`), left as they were.
    pub duplicates: usize,
    /// Crossings not stored, each with its reasons in `results`.
    pub refused: usize,
    /// One per crossing sent, in the order sent.
    pub results: Vec<CrossingResult>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CrossingResult {
    pub client_id: String,
    #[schema(value_type = String, pattern = "^(stored|duplicate|refused)$")]
    /// `stored`, `duplicate` or `refused`.
    pub status: String,
    /// For a refused crossing, each field at fault (`scanned_at`, `document_number`…) with a stable problem
    /// code (`in_the_future`, `too_old`, `not_a_document_number`…) and a message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<CrossingError>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CrossingError {
    pub field: String,
    pub problem: String,
    pub message: String,
}

/// Record crossings at the officer's checkpoint, up to 500 at once. Idempotent by `client_id`. Each crossing
/// is answered on its own: valid ones are stored, invalid ones are refused with their reasons and nothing
/// else is held back, so a device keeps only the refused ones (to correct or discard) and sends the rest.
#[utoipa::path(post, path = "/api/v1/crossings", request_body = CrossingsRequest, tag = "checkpoint",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Each crossing stored, already stored, or refused with its reasons", body = CrossingsResponse),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a checkpoint officer", body = ApiErrorBody),
        (status = 413, description = "Body larger than 512 KiB", body = ApiErrorBody),
        (status = 422, description = "Not a batch of 1 to 500 crossings", body = ApiErrorBody),
    ))]
pub async fn record_crossings(
    State(state): State<AppState>,
    Caller(official): Caller,
    payload: Result<Json<CrossingsRequest>, JsonRejection>,
) -> Result<Json<CrossingsResponse>, ApiError> {
    let req = body(payload)?;
    let outcomes = crossings::record_crossings(&state, &official, &req.crossings).await?;
    let count =
        |wanted: fn(&CrossingOutcome) -> bool| outcomes.iter().filter(|o| wanted(o)).count();
    Ok(Json(CrossingsResponse {
        stored: count(|o| matches!(o, CrossingOutcome::Stored)),
        duplicates: count(|o| matches!(o, CrossingOutcome::Duplicate)),
        refused: count(|o| !o.is_kept()),
        results: req
            .crossings
            .iter()
            .zip(&outcomes)
            .map(|(c, outcome)| {
                let (status, errors) = match outcome {
                    CrossingOutcome::Stored => ("stored", Vec::new()),
                    CrossingOutcome::Duplicate => ("duplicate", Vec::new()),
                    CrossingOutcome::Refused(problems) => (
                        "refused",
                        problems
                            .iter()
                            .map(|p| CrossingError {
                                message: Text::for_crossing_problem(&p.problem)
                                    .get(Lang::En)
                                    .to_owned(),
                                field: p.field.clone(),
                                problem: p.problem.clone(),
                            })
                            .collect(),
                    ),
                };
                CrossingResult {
                    client_id: c.client_id.trim().to_owned(),
                    status: status.to_owned(),
                    errors,
                }
            })
            .collect(),
    }))
}

/// The officer discards a crossing the server refused and that cannot be corrected; the device then
/// forgets it. It names a person, so the discarding is audited.
#[utoipa::path(post, path = "/api/v1/crossings/discarded", request_body = CrossingInput, tag = "checkpoint",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Discarded, on the record"),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a checkpoint officer", body = ApiErrorBody),
        (status = 413, description = "Body larger than 32 KiB", body = ApiErrorBody),
        (status = 422, description = "Not a crossing", body = ApiErrorBody),
    ))]
pub async fn discard_crossing(
    State(state): State<AppState>,
    Caller(official): Caller,
    payload: Result<Json<CrossingInput>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let crossing = body(payload)?;
    crossings::discard_crossing(&state, &official, &crossing).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
pub struct DayQuery {
    /// `YYYY-MM-DD` in Vietnam's calendar; today when absent.
    #[param(format = Date, pattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$")]
    pub date: Option<String>,
}

/// A checkpoint's crossings on one day, with counts by verdict and direction. For its officers and the
/// police whose unit contains it.
#[utoipa::path(get, path = "/api/v1/checkpoints/{code}/crossings", tag = "checkpoint", security(("bearer" = [])),
    params(("code" = String, Path, description = "Checkpoint code, e.g. HD01"), DayQuery),
    responses(
        (status = 200, body = CheckpointDay),
        (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 422, description = "Not a date", body = ApiErrorBody),
    ))]
pub async fn checkpoint_crossings(
    State(state): State<AppState>,
    Caller(official): Caller,
    Path(code): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Json<CheckpointDay>, ApiError> {
    Ok(Json(
        crossings::day_at_checkpoint(
            &state,
            &official,
            &code,
            q.date.as_deref().unwrap_or_default(),
        )
        .await?,
    ))
}
