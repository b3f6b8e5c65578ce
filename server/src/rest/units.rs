//! Administrative units: public reference data, the same tree the pages use.

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use backend::AppState;

use super::error::{ApiError, ApiErrorBody};

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
pub async fn units(
    State(state): State<AppState>,
    Query(q): Query<UnitsQuery>,
) -> Result<Json<Vec<UnitResponse>>, ApiError> {
    let list = backend::units::children(&state, q.parent.as_deref())?;
    Ok(Json(
        list.into_iter()
            .map(|u| UnitResponse {
                code: u.code.to_string(),
                parent_code: u.parent.as_ref().map(|p| p.to_string()),
                name: u.name,
                level: u.level,
                unit_type: u.unit_type,
            })
            .collect(),
    ))
}
