//! Sessions of officials' API clients: log in for a bearer token, log out, and who the token belongs to.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use app::web;
use backend::accounts::{self, SessionKind};
use backend::{AppError, AppState};

use super::error::{ApiError, ApiErrorBody};
use super::{body, rfc3339};
use crate::extract::{Caller, ClientIp};

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
        (status = 413, description = "Body larger than 32 KiB", body = ApiErrorBody),
        (status = 422, description = "Malformed request", body = ApiErrorBody),
        (status = 429, description = "Too many attempts from this address or for this account", body = ApiErrorBody),
    ))]
pub async fn create_session(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    payload: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<SessionResponse>, ApiError> {
    let req = body(payload)?;
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
pub async fn delete_session(
    State(state): State<AppState>,
    _: Caller,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = web::session_token(&headers).ok_or(AppError::Unauthenticated)?;
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
pub async fn me(
    State(state): State<AppState>,
    Caller(official): Caller,
) -> Result<Json<MeResponse>, ApiError> {
    let me = accounts::me(&state, &official).await?;
    Ok(Json(MeResponse {
        username: me.username,
        role: me.role.as_str().to_owned(),
        scope_name: me.scope_name,
    }))
}
