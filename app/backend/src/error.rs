//! The application error: every use case fails with one of these kinds, and each kind maps to one stable
//! code here; the interfaces map each kind to their own status (HTTP) once.

use contract::error::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {}", .0.as_str())]
    Validation(ErrorCode),
    #[error("the declaration has {} invalid fields", .0.len())]
    InvalidDeclaration(Vec<domain::declaration::FieldError>),
    #[error("the paper form has {} invalid fields", .0.len())]
    InvalidPaperForm(Vec<domain::paper::PaperProblem>),
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
    #[error("request body too large")]
    TooLarge,
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
            AppError::InvalidDeclaration(_) | AppError::InvalidPaperForm(_) => {
                ErrorCode::InvalidDeclaration
            }
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::BadCredentials => ErrorCode::BadCredentials,
            AppError::AccountDisabled => ErrorCode::AccountDisabled,
            AppError::Throttled => ErrorCode::Throttled,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::TooLarge => ErrorCode::TooLarge,
            AppError::Unexpected(_) => ErrorCode::Unexpected,
        }
    }

    /// The HTTP status every interface answers this error with (REST, server functions): decided here
    /// once, as a number, so the backend needs no web framework.
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::Validation(_)
            | AppError::InvalidDeclaration(_)
            | AppError::InvalidPaperForm(_) => 422,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::AccountDisabled | AppError::Forbidden => 403,
            AppError::Throttled => 429,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooLarge => 413,
            AppError::Unexpected(_) => 500,
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
