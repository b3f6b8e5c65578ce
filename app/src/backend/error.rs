//! The application error: every use case fails with one of these kinds, and each kind maps to one
//! HTTP status and one stable code here, so no handler decides that on its own.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{AppErrorDto, ErrorCode};
use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {}", .0.as_str())]
    Validation(ErrorCode),
    #[error("the declaration has {} invalid fields", .0.len())]
    InvalidDeclaration(Vec<domain::declaration::FieldError>),
    #[error("{} problems in the crossings sent", .0.len())]
    InvalidCrossings(Vec<(usize, domain::crossing::CrossingProblem)>),
    #[error("not authenticated")]
    Unauthenticated,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("account disabled")]
    AccountDisabled,
    #[error("too many attempts")]
    Throttled,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("conflict: {}", .0.as_str())]
    Conflict(ErrorCode),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Unexpected(anyhow::Error::new(e).context("database"))
    }
}

impl From<domain::account::AccountError> for AppError {
    fn from(e: domain::account::AccountError) -> Self {
        use domain::account::AccountError::*;
        AppError::Validation(match e {
            BadUsername => ErrorCode::BadUsername,
            PasswordTooShort => ErrorCode::PasswordTooShort,
            PasswordTooLong => ErrorCode::PasswordTooLong,
        })
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Validation(code) | AppError::Conflict(code) => *code,
            AppError::InvalidDeclaration(_) => ErrorCode::InvalidDeclaration,
            AppError::InvalidCrossings(_) => ErrorCode::InvalidCrossings,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::BadCredentials => ErrorCode::BadCredentials,
            AppError::AccountDisabled => ErrorCode::AccountDisabled,
            AppError::Throttled => ErrorCode::Throttled,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::Unexpected(_) => ErrorCode::Unexpected,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_)
            | AppError::InvalidDeclaration(_)
            | AppError::InvalidCrossings(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::AccountDisabled | AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs what the client must not see; called once wherever an error leaves the server.
    pub fn log(&self) {
        match self {
            AppError::Unexpected(e) => tracing::error!(error = ?e, "unexpected error"),
            other => tracing::debug!(code = other.code().as_str(), "request refused"),
        }
    }
}

/// The JSON error body of the REST API: a stable code and a message, and for a refused declaration
/// one entry per field at fault.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub code: &'static str,
    pub message: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiFieldError>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiFieldError {
    /// The request field, e.g. `document_number`.
    pub field: String,
    /// A stable problem code, e.g. `cccd_birth_year_mismatch`.
    pub problem: String,
    pub message: &'static str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let errors = match &self {
            AppError::InvalidDeclaration(errors) => errors
                .iter()
                .map(|e| ApiFieldError {
                    field: snake(&e.field),
                    problem: snake(&e.problem),
                    message: crate::i18n::Text::for_problem(e.problem).get(Lang::En),
                })
                .collect(),
            AppError::InvalidCrossings(problems) => problems
                .iter()
                .map(|(index, p)| ApiFieldError {
                    field: format!("crossings[{index}].{}", p.field),
                    problem: p.problem.to_owned(),
                    message: crate::i18n::Text::for_crossing_problem(p.problem).get(Lang::En),
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody {
            code: self.code().as_str(),
            message: self.code().message(Lang::En),
            errors,
        };
        (self.status(), axum::Json(body)).into_response()
    }
}

impl From<AppError> for AppErrorDto {
    fn from(e: AppError) -> Self {
        e.log();
        AppErrorDto { code: e.code() }
    }
}

/// The serde name of a field or problem code.
fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
