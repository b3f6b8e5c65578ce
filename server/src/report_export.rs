//! A daily report as a file for the steering committee's own records: CSV (UTF-8 with a BOM, so a
//! spreadsheet opens it in Vietnamese) or XLSX, one figure per row with its Vietnamese name.

use axum::response::Response;

use app::i18n::{Lang, Text};
use backend::AppError;
use contract::dto::DailyReport;

use crate::list_export::{attachment, Format, XLSX};

/// The report's rows: what each figure is, and its value.
fn rows(r: &DailyReport) -> Vec<(String, String)> {
    let vi = |t: Text| t.get(Lang::Vi).to_owned();
    let mut rows = vec![
        (vi(Text::Unit), format!("{} ({})", r.unit_name, r.unit_code)),
        (vi(Text::ListsDate), r.date.clone()),
        (vi(Text::ReportArrivals), r.arrivals.to_string()),
    ];
    rows.extend(
        r.by_origin
            .iter()
            .map(|(p, n)| (format!("{}: {p}", vi(Text::ReportFromProvince)), n.to_string())),
    );
    rows.extend(
        r.by_origin_level
            .iter()
            .map(|(l, n)| (format!("{}: {l}", vi(Text::ReportOriginLevel)), n.to_string())),
    );
    rows.extend([
        (vi(Text::ReportConfirmed), r.confirmed.to_string()),
        (vi(Text::ReportPending), r.pending.to_string()),
        (vi(Text::ReportNotFound), r.not_found.to_string()),
    ]);
    rows.extend(
        r.vaccination
            .iter()
            .map(|(d, n)| (format!("{}: {d}", vi(Text::ReportDoses)), n.to_string())),
    );
    rows.extend(
        r.vaccination_declared
            .iter()
            .map(|(d, n)| (format!("{}: {d}", vi(Text::ReportDeclaredDoses)), n.to_string())),
    );
    rows.push((vi(Text::ReportDosesDiffer), r.doses_differ.to_string()));
    rows.push((vi(Text::ReportFollowUp), r.follow_up.to_string()));
    rows.push((vi(Text::ReportApprovedBy), r.approved_by.clone().unwrap_or_default()));
    rows.push((vi(Text::ReportApprovedAt), r.approved_at.clone().unwrap_or_default()));
    rows.extend(r.amendment.iter().map(|c| {
        (
            format!("{}: {}", vi(Text::ReportAmendment), c.figure),
            format!("{} → {}", c.approved, c.now),
        )
    }));
    for u in &r.below {
        let unit = format!("{} ({})", u.name, u.unit_code);
        rows.push((format!("{unit}: {}", vi(Text::ReportArrivals)), u.arrivals.to_string()));
        rows.push((format!("{unit}: {}", vi(Text::ReportDone)), u.done.to_string()));
        rows.push((format!("{unit}: {}", vi(Text::ReportPending)), u.left.to_string()));
    }
    rows
}

pub fn download(report: &DailyReport, format: Format) -> Result<Response, AppError> {
    let name = format!("bao-cao-{}-{}", report.unit_code, report.date);
    let unexpected = |e: String| AppError::Unexpected(anyhow::anyhow!(e));
    let (bytes, mime, extension) = match format {
        Format::Csv => {
            let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
            out.write_record([Text::ReportFigure.get(Lang::Vi), Text::ReportValue.get(Lang::Vi)])
                .map_err(|e| unexpected(e.to_string()))?;
            for (what, value) in rows(report) {
                out.write_record([what, value]).map_err(|e| unexpected(e.to_string()))?;
            }
            (
                out.into_inner().map_err(|e| unexpected(e.to_string()))?,
                "text/csv; charset=utf-8",
                "csv",
            )
        }
        Format::Xlsx => {
            use rust_xlsxwriter::{Format as CellFormat, Workbook};
            let xlsx = |e: rust_xlsxwriter::XlsxError| unexpected(e.to_string());
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name(&report.date).map_err(xlsx)?;
            let bold = CellFormat::new().set_bold();
            sheet
                .write_string_with_format(0, 0, Text::ReportFigure.get(Lang::Vi), &bold)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(0, 1, Text::ReportValue.get(Lang::Vi), &bold)
                .map_err(xlsx)?;
            for (row, (what, value)) in rows(report).iter().enumerate() {
                sheet.write_string(row as u32 + 1, 0, what).map_err(xlsx)?;
                match value.parse::<f64>() {
                    Ok(n) => sheet.write_number(row as u32 + 1, 1, n).map_err(xlsx)?,
                    Err(_) => sheet.write_string(row as u32 + 1, 1, value).map_err(xlsx)?,
                };
            }
            (book.save_to_buffer().map_err(xlsx)?, XLSX, "xlsx")
        }
    };
    attachment(&format!("{name}.{extension}"), mime, bytes)
}
