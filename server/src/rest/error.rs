//! How an application error leaves the REST API: one HTTP status per kind and the JSON body
//! `{code, message, errors}`, decided here once for every endpoint.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use app::i18n::{Lang, Text};
use backend::AppError;

/// An application error on its way to an API client.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
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

pub fn status(e: &AppError) -> StatusCode {
    StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        e.log();
        let errors = match &e {
            AppError::InvalidDeclaration(errors) => errors
                .iter()
                .map(|f| ApiFieldError {
                    field: snake(&f.field),
                    problem: snake(&f.problem),
                    message: Text::for_problem(f.problem).get(Lang::En),
                })
                .collect(),
            AppError::InvalidPaperForm(problems) => problems
                .iter()
                .map(|p| ApiFieldError {
                    field: p.column.as_str().to_owned(),
                    problem: p.problem.as_str().to_owned(),
                    message: Text::for_problem(p.problem).get(Lang::En),
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody {
            code: e.code().as_str(),
            message: Text::for_error(e.code()).get(Lang::En),
            errors,
        };
        (status(&e), axum::Json(body)).into_response()
    }
}

/// The serde name of a field or problem code.
fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
