//! A daily list as a file: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
//! Vietnamese right) or XLSX, with Vietnamese headers and every cell kept as text that cannot run.

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use app::i18n::{Lang, Text};
use backend::AppError;
use contract::dto::{DailyList, ListArrival};
use domain::text::spreadsheet_cell;

pub const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// The file format an `Accept` header asks for; none for JSON (or anything else).
    pub fn accepted(headers: &HeaderMap) -> Option<Format> {
        let accept = headers.get(header::ACCEPT)?.to_str().ok()?;
        accept.split(',').map(|m| m.split(';').next().unwrap_or("").trim()).find_map(|m| match m {
            CSV => Some(Format::Csv),
            XLSX => Some(Format::Xlsx),
            _ => None,
        })
    }

    /// The format a download link names (`csv`, `xlsx`).
    pub fn parse(raw: &str) -> Option<Format> {
        match raw.trim() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

const COLUMNS: [Text; 14] = [
    Text::ColDocument,
    Text::ColFullName,
    Text::ColBirthDate,
    Text::ColSex,
    Text::ColOrigin,
    Text::ColDestination,
    Text::ColTravelDate,
    Text::ColChannel,
    Text::ColCrossedAt,
    Text::ColCheckpoint,
    Text::ColPart,
    Text::ColDeclaredDoses,
    Text::ColRegisteredDoses,
    Text::ColDosesDiffer,
];

fn cells(a: &ListArrival) -> [String; 14] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        a.document_number.clone(),
        a.full_name.clone(),
        a.birth_date.clone(),
        a.sex.clone(),
        a.origin_commune.clone(),
        a.destination_commune.clone(),
        text(&a.travel_date),
        a.channel.clone(),
        text(&a.crossed_at),
        text(&a.checkpoint),
        a.part.clone(),
        a.declared_doses.map(|d| d.to_string()).unwrap_or_default(),
        a.registered_doses.to_string(),
        if a.doses_differ { Text::DosesDiffer.get(Lang::Vi) } else { "" }.to_owned(),
    ]
}

/// The list's people as a file to download, named after the unit and the day.
pub fn download(list: &DailyList, format: Format) -> Result<Response, AppError> {
    let unit = if list.unit_code.is_empty() { "VN" } else { &list.unit_code };
    let name = format!("danh-sach-{unit}-{}", list.date);
    let (bytes, mime, extension) = match format {
        Format::Csv => (csv(list)?, "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (xlsx(list)?, XLSX, "xlsx"),
    };
    attachment(&format!("{name}.{extension}"), mime, bytes)
}

/// A file to download: its bytes with their type, under `file_name` (ASCII, no quotes).
pub fn attachment(
    file_name: &str,
    mime: &'static str,
    bytes: Vec<u8>,
) -> Result<Response, AppError> {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(|e| AppError::Unexpected(e.into()))?,
            ),
        ],
        bytes,
    )
        .into_response())
}

fn csv(list: &DailyList) -> Result<Vec<u8>, AppError> {
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let unexpected = |e: csv::Error| AppError::Unexpected(e.into());
    out.write_record(COLUMNS.iter().map(|c| c.get(Lang::Vi))).map_err(unexpected)?;
    for a in &list.arrivals {
        out.write_record(cells(a).map(|c| spreadsheet_cell(&c).into_owned()))
            .map_err(unexpected)?;
    }
    out.into_inner().map_err(|e| AppError::Unexpected(anyhow::anyhow!("{e}")))
}

fn xlsx(list: &DailyList) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let unexpected = |e: rust_xlsxwriter::XlsxError| AppError::Unexpected(e.into());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&list.date).map_err(unexpected)?;
    let bold = CellFormat::new().set_bold();
    for (col, text) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, text.get(Lang::Vi), &bold)
            .map_err(unexpected)?;
    }
    for (row, a) in list.arrivals.iter().enumerate() {
        for (col, cell) in cells(a).iter().enumerate() {
            // Written as strings: an XLSX string cell is never read as a formula or a number, so the
            // cell holds exactly what the screen shows. (CSV has no types, hence the apostrophe there.)
            sheet.write_string(row as u32 + 1, col as u16, cell).map_err(unexpected)?;
        }
    }
    book.save_to_buffer().map_err(unexpected)
}
