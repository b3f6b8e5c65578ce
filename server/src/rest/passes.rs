//! The citizen's side: declare a trip for a signed pass, the pass's QR images, and the public keys
//! offline verifiers check passes with.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use backend::{declarations, keys as signing_keys, own_data, AppError, AppState};
use contract::dto::{OwnData, OwnDataQuery};
use domain::declaration::DeclarationInput;

use super::error::{ApiError, ApiErrorBody};
use super::{body, rfc3339};
use crate::extract::ClientIp;

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PassResponse {
    /// The pass id, printed in the QR and in checkpoints' revocation lists: it opens nothing.
    pub id: String,
    /// The holder's secret (40 hex digits): it alone opens the pass page and QR images and cancels the
    /// pass. Keep it like a password; it is shown only here.
    pub holder_key: String,
    /// The holder's page for the pass: `/pass/{holder_key}`.
    pub url: String,
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

/// Declare a trip and receive a signed pass valid 72 hours. The same `Idempotency-Key` from the same client
/// with the same body returns the pass already issued; the same key with another body is refused
/// (422 `idempotency_key_reused`). A declaration never cancels another pass: the holder does, with
/// `DELETE /api/v1/passes/{holder_key}`.
#[utoipa::path(post, path = "/api/v1/declarations", request_body = DeclarationInput, tag = "declarations",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried submission safe: at most 255 characters, bound to this client and this body")),
    responses(
        (status = 201, description = "Declared; the pass", body = DeclarationResponse),
        (status = 413, description = "Body larger than 32 KiB", body = ApiErrorBody),
        (status = 422, description = "Fields to fix, one entry each; or an Idempotency-Key reused with another body", body = ApiErrorBody),
        (status = 429, description = "Too many declarations from this client", body = ApiErrorBody),
    ))]
pub async fn declare(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    payload: Result<Json<DeclarationInput>, JsonRejection>,
) -> Result<(StatusCode, Json<DeclarationResponse>), ApiError> {
    let request = body(payload)?;
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    let issued = declarations::declare(&state, ip, &request, key, None).await?;
    Ok((
        StatusCode::CREATED,
        Json(DeclarationResponse {
            declaration_id: issued.declaration_id,
            pass: PassResponse {
                id: issued.pass_id,
                url: issued.holder_key.page(),
                holder_key: issued.holder_key.to_string(),
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
    /// RFC 3339, UTC: when the key began to sign.
    pub created_at: String,
    /// RFC 3339, UTC: set once a newer key signs. The key verifies only passes issued before this.
    pub retired_at: Option<String>,
    /// RFC 3339, UTC: set when the key was revoked; it verifies nothing any more.
    pub revoked_at: Option<String>,
    /// RFC 3339, UTC: after this the key verifies no pass (72 hours after retirement, or at revocation);
    /// absent while the key signs.
    pub verifies_until: Option<String>,
}

/// The public keys that verify passes, for offline verifiers, with the window in which each verifies.
#[utoipa::path(get, path = "/api/v1/keys", tag = "declarations", responses((status = 200, body = [KeyResponse])))]
pub async fn keys(State(state): State<AppState>) -> Result<Json<Vec<KeyResponse>>, ApiError> {
    use base64::Engine;
    Ok(Json(
        signing_keys::public_keys(&state.db)
            .await?
            .into_iter()
            .map(|k| {
                let last_pass_expires = k
                    .retired_at
                    .map(|t| t + time::Duration::seconds(domain::pass::VALIDITY_SECONDS));
                KeyResponse {
                    key_id: k.key_id.0,
                    algorithm: "Ed25519".to_owned(),
                    public_key: base64::engine::general_purpose::STANDARD.encode(k.key.as_bytes()),
                    created_at: rfc3339(k.created_at),
                    retired_at: k.retired_at.map(rfc3339),
                    revoked_at: k.revoked_at.map(rfc3339),
                    verifies_until: k.revoked_at.or(last_pass_expires).map(rfc3339),
                }
            })
            .collect(),
    ))
}

const HOLDER_KEY: &str =
    "The holder's key from the declaration's answer (40 hexadecimal digits), not the pass id";

/// The pass's QR code as SVG (error correction level Q).
#[utoipa::path(get, path = "/api/v1/passes/{holder_key}/qr.svg", tag = "declarations",
    params(("holder_key" = String, Path, description = HOLDER_KEY, pattern = "^[0-9a-fA-F]{40}$")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = ApiErrorBody)))]
pub async fn pass_qr_svg(
    State(state): State<AppState>,
    Path(holder_key): Path<String>,
) -> Result<Response, ApiError> {
    let pass = declarations::pass(&state, &holder_key).await?;
    let svg = backend::qr::svg(&pass.token).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// The pass's QR code as PNG, for downloading or sharing with someone who prints it.
#[utoipa::path(get, path = "/api/v1/passes/{holder_key}/qr.png", tag = "declarations",
    params(("holder_key" = String, Path, description = HOLDER_KEY, pattern = "^[0-9a-fA-F]{40}$")),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 404, body = ApiErrorBody)))]
pub async fn pass_qr_png(
    State(state): State<AppState>,
    Path(holder_key): Path<String>,
) -> Result<Response, ApiError> {
    let pass = declarations::pass(&state, &holder_key).await?;
    let png = backend::qr::png(&pass.token, 8).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/png")], png).into_response())
}

/// The holder cancels their pass: checkpoints refuse it from now on (a scanner offline learns it with its
/// next bundle). Cancelling again changes nothing.
#[utoipa::path(delete, path = "/api/v1/passes/{holder_key}", tag = "declarations",
    params(("holder_key" = String, Path, description = HOLDER_KEY, pattern = "^[0-9a-fA-F]{40}$")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, description = "No pass has this holder's key", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client", body = ApiErrorBody),
    ))]
pub async fn cancel_pass(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(holder_key): Path<String>,
) -> Result<StatusCode, ApiError> {
    declarations::cancel(&state, ip, &holder_key).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What ZonePass holds on the person who asks: found by their document number and the phone number
/// they declared with, and only what was declared with that phone. Holding nothing, and holding
/// something under another phone, answer alike: `200` with no trips. Throttled per client and per
/// document number.
#[utoipa::path(post, path = "/api/v1/my-data", request_body = OwnDataQuery, tag = "declarations",
    responses(
        (status = 200, description = "What is held, and until when", body = OwnData),
        (status = 422, description = "Not a document number (`bad_document_number`) or a mobile number (`bad_phone`)", body = ApiErrorBody),
        (status = 429, description = "Too many look-ups from this client or of this number", body = ApiErrorBody),
    ))]
pub async fn own_data(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    payload: Result<Json<OwnDataQuery>, JsonRejection>,
) -> Result<Json<OwnData>, ApiError> {
    let query = body(payload)?;
    Ok(Json(own_data::look_up(&state, ip, &query).await?))
}
