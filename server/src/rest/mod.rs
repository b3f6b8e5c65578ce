//! The public, versioned REST API for machine clients (other government systems, scanner devices).
//! JSON field names are snake_case; every error is `{"code", "message"}` with a stable code.

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::Method;
use axum::{Json, Router};
use utoipa::OpenApi;

use backend::{AppError, AppState};

use crate::entry::{self, EntryPoint};
use contract::dto::{
    AmendedFigure, AreaInForce, CheckpointDay, CorrectionView, CrossingCounts, CrossingView,
    DailyList, DailyReport, DayCount, DecisionInput, DeviceView, DifferenceView, HandoverStep,
    ListArrival, ListCheckpoint, ListChild, ListCounts, ListHandover, OwnCrossing, OwnData,
    OwnDataQuery, OwnPass, OwnTrip, PaperImport, ReconciliationItem, ReconciliationList,
    RejectedRow, ReviewInput, UnitOption, UnitProgress,
};
use contract::error::ErrorCode;
use domain::crossing::CrossingInput;
use domain::declaration::DeclarationInput;

use checkpoint::{
    CrossingError, CrossingResult, CrossingsRequest, CrossingsResponse, HolderResponse,
    ReasonResponse, VerifyRequest, VerifyResponse,
};
use error::{ApiError, ApiErrorBody, ApiFieldError};
use passes::{DeclarationResponse, KeyResponse, PassResponse};
use session::{LoginRequest, MeResponse, SessionResponse};
use units::UnitResponse;

mod checkpoint;
pub mod error;
mod lists;
mod paper;
mod passes;
mod reconciliation;
mod reports;
mod session;
mod units;

#[derive(OpenApi)]
#[openapi(
    info(title = "ZonePass API", version = "1", description = "Movement control for epidemic areas. Officials log in with POST /api/v1/session and send `Authorization: Bearer TOKEN`."),
    paths(session::create_session, session::delete_session, session::me, units::units, passes::declare,
        passes::keys, passes::pass_qr_svg, passes::pass_qr_png, passes::cancel_pass, passes::own_data, checkpoint::verify, checkpoint::record_crossings, checkpoint::discard_crossing,
        checkpoint::checkpoint_crossings, paper::import_paper_forms, lists::unit_list, lists::forward_list,
        lists::acknowledge_list, reconciliation::worklist, reconciliation::decide, reconciliation::corrections, reconciliation::review, reports::report, reports::approve),
    components(schemas(LoginRequest, SessionResponse, MeResponse, UnitResponse, ApiErrorBody, ApiFieldError,
        DeclarationInput, DeclarationResponse, PassResponse, KeyResponse, VerifyRequest, VerifyResponse,
        ReasonResponse, HolderResponse, CrossingsRequest, CrossingInput, CrossingsResponse, CrossingResult, CrossingError,
        CheckpointDay, CrossingCounts, CrossingView, DeviceView, PaperImport, RejectedRow, DailyList, HandoverStep,
        ListCounts, ListChild, ListArrival, ListHandover, ListCheckpoint, AreaInForce, UnitOption,
        ReconciliationList, ReconciliationItem, DifferenceView, DecisionInput, DailyReport, AmendedFigure, DayCount, CorrectionView, ReviewInput,
        OwnDataQuery, OwnData, OwnTrip, OwnPass, OwnCrossing, UnitProgress)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

pub fn routes<S>() -> Router<S>
where
    AppState: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    entry::router(served())
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(DefaultBodyLimit::max(REQUEST_LIMIT))
}

/// Every REST entry point, under `/api/v1`.
fn served<S>() -> Vec<EntryPoint<S>>
where
    AppState: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    vec![
        EntryPoint::post("/session", session::create_session),
        EntryPoint::delete("/session", session::delete_session),
        EntryPoint::get("/me", session::me),
        EntryPoint::get("/units", units::units),
        EntryPoint::post("/declarations", passes::declare),
        EntryPoint::get("/keys", passes::keys),
        EntryPoint::delete("/passes/{holder_key}", passes::cancel_pass),
        EntryPoint::post("/my-data", passes::own_data),
        EntryPoint::get("/passes/{holder_key}/qr.svg", passes::pass_qr_svg),
        EntryPoint::get("/passes/{holder_key}/qr.png", passes::pass_qr_png),
        EntryPoint::post("/passes/verify", checkpoint::verify),
        EntryPoint::post("/crossings", checkpoint::record_crossings)
            .with(DefaultBodyLimit::max(CROSSINGS_LIMIT)),
        EntryPoint::post("/crossings/discarded", checkpoint::discard_crossing),
        EntryPoint::get("/checkpoints/{code}/crossings", checkpoint::checkpoint_crossings),
        EntryPoint::post("/checkpoints/{code}/paper-forms", paper::import_paper_forms)
            .with(DefaultBodyLimit::max(PAPER_FORMS_LIMIT)),
        EntryPoint::get("/units/{code}/lists", lists::unit_list),
        EntryPoint::post("/units/{code}/lists/{date}/forward", lists::forward_list),
        EntryPoint::post("/units/{code}/lists/{date}/acknowledge", lists::acknowledge_list),
        EntryPoint::get("/units/{commune}/reconciliation", reconciliation::worklist),
        EntryPoint::post("/units/{commune}/reconciliation/{arrival_id}", reconciliation::decide),
        EntryPoint::get("/units/{commune}/registry-corrections", reconciliation::corrections),
        EntryPoint::post("/units/{commune}/registry-corrections/{id}", reconciliation::review),
        EntryPoint::get("/units/{code}/reports/{date}", reports::report),
        EntryPoint::post("/units/{code}/reports/{date}/approve", reports::approve),
        EntryPoint::get("/openapi.json", || async { Json(ApiDoc::openapi()) }),
    ]
}

/// What the REST API serves, as `(method, path under /api/v1)`: the authorisation matrix's rows.
pub fn entry_points() -> Vec<(Method, &'static str)> {
    entry::listed(&served::<AppState>())
}

/// Every request body is limited before it is parsed: a declaration or a login is a few kilobytes…
const REQUEST_LIMIT: usize = 32 * 1024;
/// …and a batch of crossings at most 500 of about half a kilobyte each.
const CROSSINGS_LIMIT: usize = 512 * 1024;

/// …and a file of paper forms about 300 bytes a row: 200,000 forms, several days of a busy province.
pub const PAPER_FORMS_LIMIT: usize = 64 * 1024 * 1024;

/// A JSON body, or a JSON error when the body is too large or not the JSON asked for.
fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    payload.map(|Json(v)| v).map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::Validation(ErrorCode::BadRequest)
        }
    })
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
