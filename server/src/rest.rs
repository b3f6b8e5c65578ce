//! The public, versioned REST API for machine clients (other government systems, scanner devices).
//! JSON field names are snake_case; every error is `{"code", "message"}` with a stable code.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use app::backend::accounts::{self, SessionKind};
use app::backend::error::{ApiErrorBody, ApiFieldError};
use app::backend::{crossings, declarations, keys as signing_keys, scanning};
use app::backend::{web, AppError, AppState};
use app::dto::{CheckpointDay, CrossingCounts, CrossingView, DeviceView};
use app::error::ErrorCode;
use domain::crossing::CrossingInput;
use domain::declaration::DeclarationInput;
use domain::pass::DocumentKind;
use domain::verdict::Reason;
use domain::UnitCode;

#[derive(OpenApi)]
#[openapi(
    info(title = "ZonePass API", version = "1", description = "Movement control for epidemic areas. Officials log in with POST /api/v1/session and send `Authorization: Bearer TOKEN`."),
    paths(create_session, delete_session, me, units, declare, keys, pass_qr_svg, pass_qr_png, verify,
        record_crossings, checkpoint_crossings),
    components(schemas(LoginRequest, SessionResponse, MeResponse, UnitResponse, ApiErrorBody, ApiFieldError,
        DeclarationInput, DeclarationResponse, PassResponse, KeyResponse, VerifyRequest, VerifyResponse,
        ReasonResponse, HolderResponse, CrossingsRequest, CrossingInput, CrossingsResponse, CrossingResult,
        CheckpointDay, CrossingCounts, CrossingView, DeviceView)),
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

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/session", post(create_session).delete(delete_session))
        .route("/me", get(me))
        .route("/units", get(units))
        .route("/declarations", post(declare))
        .route("/keys", get(keys))
        .route("/passes/{id}/qr.svg", get(pass_qr_svg))
        .route("/passes/{id}/qr.png", get(pass_qr_png))
        .route("/passes/verify", post(verify))
        .route("/crossings", post(record_crossings))
        .route("/checkpoints/{code}/crossings", get(checkpoint_crossings))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async { AppError::NotFound })
}

/// A JSON body, or a JSON error when the body is not the JSON asked for.
fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    payload
        .map(|Json(v)| v)
        .map_err(|_| AppError::Validation(ErrorCode::BadRequest))
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct SessionResponse {
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// Log in and receive a bearer token.
#[utoipa::path(post, path = "/api/v1/session", request_body = LoginRequest, tag = "session",
    responses(
        (status = 200, description = "Logged in", body = SessionResponse),
        (status = 401, description = "Wrong username or password", body = ApiErrorBody),
        (status = 403, description = "Account disabled", body = ApiErrorBody),
        (status = 422, description = "Malformed request", body = ApiErrorBody),
        (status = 429, description = "Too many attempts from this address or for this account", body = ApiErrorBody),
    ))]
async fn create_session(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    payload: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<SessionResponse>, AppError> {
    let req = body(payload)?;
    let ip = crate::forms::client_ip(&state, &headers, peer);
    let session =
        accounts::login(&state, ip, &req.username, &req.password, SessionKind::Api).await?;
    Ok(Json(SessionResponse {
        token: session.token.expose().to_owned(),
        expires_at: rfc3339(session.expires_at),
    }))
}

/// Log out: the token stops working at once.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", security(("bearer" = [])),
    responses((status = 204, description = "Logged out"), (status = 401, body = ApiErrorBody)))]
async fn delete_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let token = web::session_token(&headers).ok_or(AppError::Unauthenticated)?;
    accounts::authenticate(&state, &token).await?;
    accounts::logout(&state, &token).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct MeResponse {
    pub username: String,
    /// One of admin, national, province, district, commune, checkpoint_officer, data_entry, steering.
    pub role: String,
    pub scope_name: Option<String>,
}

/// The official behind the token.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = MeResponse), (status = 401, body = ApiErrorBody)))]
async fn me(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<MeResponse>, AppError> {
    let actor = web::actor(&state, &headers).await?;
    let me = accounts::me(&state, &actor).await?;
    Ok(Json(MeResponse {
        username: me.username,
        role: me.role.as_str().to_owned(),
        scope_name: me.scope_name,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct UnitsQuery {
    /// The unit whose children to list; omitted, the provinces.
    pub parent: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct UnitResponse {
    pub code: String,
    pub name: String,
    pub level: String,
    pub unit_type: String,
    pub parent_code: Option<String>,
}

/// Administrative units (public reference data): the roots, or the children of `parent`.
#[utoipa::path(get, path = "/api/v1/units", tag = "units", params(UnitsQuery),
    responses((status = 200, body = [UnitResponse]), (status = 404, body = ApiErrorBody)))]
async fn units(
    State(state): State<AppState>,
    Query(q): Query<UnitsQuery>,
) -> Result<Json<Vec<UnitResponse>>, AppError> {
    let active = state.units();
    let tree = &active.tree;
    let list: Vec<&domain::Unit> = match q.parent.as_deref() {
        None => tree.roots().collect(),
        Some(raw) => {
            let code = UnitCode::parse(raw).map_err(|_| AppError::NotFound)?;
            tree.get(&code).ok_or(AppError::NotFound)?;
            tree.children_of(&code).collect()
        }
    };
    Ok(Json(
        list.into_iter()
            .map(|u| UnitResponse {
                code: u.code.to_string(),
                name: u.name.clone(),
                level: u.level.clone(),
                unit_type: u.unit_type.clone(),
                parent_code: u.parent.as_ref().map(|p| p.to_string()),
            })
            .collect(),
    ))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PassResponse {
    pub id: String,
    /// Exactly the text in the QR code.
    pub token: String,
    /// RFC 3339, UTC: 72 hours after issue.
    pub expires_at: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct DeclarationResponse {
    pub declaration_id: i64,
    pub pass: PassResponse,
}

/// Declare a trip and receive a signed pass valid 72 hours. The same `Idempotency-Key`, or the same person
/// and trip again within minutes, returns the pass already issued.
#[utoipa::path(post, path = "/api/v1/declarations", request_body = DeclarationInput, tag = "declarations",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried submission safe")),
    responses(
        (status = 201, description = "Declared; the pass", body = DeclarationResponse),
        (status = 422, description = "Fields to fix, one entry each", body = ApiErrorBody),
        (status = 429, description = "Too many declarations from this client", body = ApiErrorBody),
    ))]
async fn declare(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    payload: Result<Json<DeclarationInput>, JsonRejection>,
) -> Result<(StatusCode, Json<DeclarationResponse>), AppError> {
    let request = body(payload)?;
    if !state
        .throttle
        .allow_declaration(crate::forms::client_ip(&state, &headers, peer))
    {
        return Err(AppError::Throttled);
    }
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    let issued = declarations::declare(&state, &request, key).await?;
    Ok((
        StatusCode::CREATED,
        Json(DeclarationResponse {
            declaration_id: issued.declaration_id,
            pass: PassResponse {
                id: issued.pass_id,
                token: issued.token,
                expires_at: rfc3339(issued.expires_at),
            },
        }),
    ))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct KeyResponse {
    pub key_id: u16,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, standard Base64.
    pub public_key: String,
    pub created_at: String,
    /// Set once a newer key signs; the key still verifies the passes it signed until they expire.
    pub retired_at: Option<String>,
}

/// The public keys that verify passes, for offline verifiers.
#[utoipa::path(get, path = "/api/v1/keys", tag = "declarations", responses((status = 200, body = [KeyResponse])))]
async fn keys(State(state): State<AppState>) -> Result<Json<Vec<KeyResponse>>, AppError> {
    use base64::Engine;
    Ok(Json(
        signing_keys::public_keys(&state.db)
            .await?
            .into_iter()
            .map(|k| KeyResponse {
                key_id: k.key_id.0,
                algorithm: "Ed25519".to_owned(),
                public_key: base64::engine::general_purpose::STANDARD.encode(k.key.as_bytes()),
                created_at: k.created_at,
                retired_at: k.retired_at,
            })
            .collect(),
    ))
}

/// The pass's QR code as SVG (error correction level Q).
#[utoipa::path(get, path = "/api/v1/passes/{id}/qr.svg", tag = "declarations",
    params(("id" = String, Path, description = "The pass id")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = ApiErrorBody)))]
async fn pass_qr_svg(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let pass = declarations::pass(&state, &id).await?;
    let svg = app::backend::qr::svg(&pass.token).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// The pass's QR code as PNG, for downloading or sharing with someone who prints it.
#[utoipa::path(get, path = "/api/v1/passes/{id}/qr.png", tag = "declarations",
    params(("id" = String, Path, description = "The pass id")),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 404, body = ApiErrorBody)))]
async fn pass_qr_png(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let pass = declarations::pass(&state, &id).await?;
    let png = app::backend::qr::png(&pass.token, 8).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/png")], png).into_response())
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

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
    pub vaccination_doses: u8,
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
        (status = 422, description = "Malformed request", body = ApiErrorBody),
    ))]
async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<VerifyRequest>, JsonRejection>,
) -> Result<Json<VerifyResponse>, AppError> {
    let actor = web::actor(&state, &headers).await?;
    let req = body(payload)?;
    if req.token.len() > MAX_TOKEN {
        return Err(AppError::Validation(ErrorCode::BadRequest));
    }
    let lang = web::lang(&headers);
    let scan = scanning::verify_pass(&state, &actor, &req.token).await?;
    let j = scan.judgement;
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
            document_type: match h.document_kind {
                DocumentKind::Cccd => "cccd".into(),
                DocumentKind::Cmnd => "cmnd".into(),
            },
            document_number: h.document_number,
            birth_date: format!(
                "{:04}-{:02}-{:02}",
                h.birth_date.year, h.birth_date.month, h.birth_date.day
            ),
            sex: h.sex.as_str().to_owned(),
            origin_commune: h.origin.to_string(),
            origin: scan.origin_name,
            destination_commune: h.destination.to_string(),
            destination: scan.destination_name,
            vaccination_doses: h.vaccination_doses,
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
    pub crossings: Vec<CrossingInput>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CrossingsResponse {
    /// Crossings stored by this request.
    pub stored: usize,
    /// Crossings already stored by an earlier request (same `client_id`), left as they were.
    pub duplicates: usize,
    pub results: Vec<CrossingResult>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CrossingResult {
    pub client_id: String,
    /// `stored` or `duplicate`.
    pub status: String,
}

/// Record crossings at the officer's checkpoint, up to 500 at once. Idempotent by `client_id`. A batch with
/// any invalid crossing is refused whole (422, one error per field at fault, named `crossings[i].field`).
#[utoipa::path(post, path = "/api/v1/crossings", request_body = CrossingsRequest, tag = "checkpoint",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = CrossingsResponse),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a checkpoint officer", body = ApiErrorBody),
        (status = 422, description = "Invalid crossings; nothing was stored", body = ApiErrorBody),
    ))]
async fn record_crossings(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<CrossingsRequest>, JsonRejection>,
) -> Result<Json<CrossingsResponse>, AppError> {
    let actor = web::actor(&state, &headers).await?;
    let req = body(payload)?;
    let recorded = crossings::record_crossings(&state, &actor, &req.crossings).await?;
    let stored = recorded.stored.iter().filter(|s| **s).count();
    Ok(Json(CrossingsResponse {
        stored,
        duplicates: recorded.stored.len() - stored,
        results: req
            .crossings
            .iter()
            .zip(&recorded.stored)
            .map(|(c, s)| CrossingResult {
                client_id: c.client_id.trim().to_owned(),
                status: if *s { "stored" } else { "duplicate" }.to_owned(),
            })
            .collect(),
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct DayQuery {
    /// `YYYY-MM-DD` in Vietnam's calendar; today when absent.
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
async fn checkpoint_crossings(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Json<CheckpointDay>, AppError> {
    let actor = web::actor(&state, &headers).await?;
    Ok(Json(
        crossings::day_at_checkpoint(&state, &actor, &code, q.date.as_deref().unwrap_or_default())
            .await?,
    ))
}
