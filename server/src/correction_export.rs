//! Registry corrections as the file sent to the national population database: one row per corrected
//! fact, with the registry's value, the proposed one, the evidence and who proposed and reviewed it.

use axum::response::Response;

use backend::AppError;
use contract::dto::CorrectionView;
use domain::text::spreadsheet_cell;
use domain::UnitCode;

use crate::list_export::attachment;

const HEADER: [&str; 9] = [
    "document_number",
    "field",
    "registered",
    "proposed",
    "evidence",
    "status",
    "proposed_by",
    "reviewed_by",
    "reviewed_at",
];

pub fn csv(commune: &UnitCode, rows: &[CorrectionView]) -> Result<Response, AppError> {
    let unexpected = |e: csv::Error| AppError::Unexpected(e.into());
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record(HEADER).map_err(unexpected)?;
    for c in rows {
        for (field, proposed) in &c.proposed {
            let registered = c.registered.get(field).map(String::as_str).unwrap_or_default();
            let cells = [
                c.document_number.as_str(),
                field,
                registered,
                proposed,
                &c.evidence,
                &c.status,
                &c.proposed_by,
                c.reviewed_by.as_deref().unwrap_or_default(),
                c.reviewed_at.as_deref().unwrap_or_default(),
            ];
            out.write_record(cells.map(|cell| spreadsheet_cell(cell).into_owned()))
                .map_err(unexpected)?;
        }
    }
    let bytes = out.into_inner().map_err(|e| AppError::Unexpected(anyhow::anyhow!("{e}")))?;
    attachment(&format!("sua-du-lieu-dan-cu-{commune}.csv"), "text/csv; charset=utf-8", bytes)
}
