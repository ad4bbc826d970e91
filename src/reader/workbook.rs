//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods) → one table block per sheet, with
//! calamine. A workbook written by dutyctl names its table sheet and keeps the register's
//! metadata in a hidden sheet, which is handed on as a document property.

use super::grid::{Grid, Merge};
use super::{ReadOptions, WORKBOOK_META_PROPERTY, WorkbookMeta};
use crate::document::{Block, Document};
use crate::error::ReadError;
use crate::model::WORKBOOK_META_SHEET;
use calamine::{Data, Dimensions, Ods, Reader, Xls, Xlsx};
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    Xlsx,
    Xls,
    Ods,
}

/// The workbook's sheets as tables, in workbook order: every sheet, or the one `--sheet` names,
/// or the table sheet a dutyctl workbook names.
pub fn read_workbook(
    bytes: &[u8],
    kind: WorkbookKind,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let mut grids = workbook_grids(bytes, kind, None)?;
    let mut properties = Vec::new();
    let meta = grids
        .iter()
        .position(|g| g.sheet.as_deref() == Some(WORKBOOK_META_SHEET))
        .map(|i| grids.remove(i))
        .and_then(|g| g.cells.get(1).and_then(|row| row.first()).cloned());
    let table_sheet = meta
        .as_deref()
        .and_then(|json| serde_json::from_str::<WorkbookMeta>(json).ok())
        .map(|m| m.table_sheet);
    if let Some(json) = meta {
        properties.push((WORKBOOK_META_PROPERTY.to_string(), json));
    }
    if let Some(wanted) = options.sheet.clone().or(table_sheet) {
        let names: Vec<String> = grids.iter().filter_map(|g| g.sheet.clone()).collect();
        grids.retain(|g| g.sheet.as_ref() == Some(&wanted));
        if grids.is_empty() {
            return Err(ReadError::NoTable(format!(
                "no sheet named {wanted} (sheets: {})",
                names.join(", ")
            )));
        }
    }
    Ok(Document {
        blocks: grids
            .into_iter()
            .map(|g| Block::Table(g.into_table()))
            .collect(),
        properties,
    })
}

/// Every sheet (or only `only_sheet`) as a grid, in workbook order, hidden ones included.
pub fn workbook_grids(
    bytes: &[u8],
    kind: WorkbookKind,
    only_sheet: Option<&str>,
) -> Result<Vec<Grid>, ReadError> {
    super::limits::check_workbook(bytes, kind)?;
    let cursor = Cursor::new(bytes);
    match kind {
        WorkbookKind::Xlsx => {
            let mut book: Xlsx<_> = Xlsx::new(cursor).map_err(|e| broken(&e))?;
            grids(&mut book, only_sheet, |book, name| {
                book.merge_cells_by_sheet_name(name).map_err(|e| broken(&e))
            })
        }
        WorkbookKind::Xls => {
            let mut book: Xls<_> = Xls::new(cursor).map_err(|e| match e {
                calamine::XlsError::Password => ReadError::PasswordProtected,
                other => broken(&other),
            })?;
            grids(&mut book, only_sheet, |book, name| {
                Ok(book.merge_cells_by_sheet_name(name).unwrap_or_default())
            })
        }
        // calamine reads no merged regions from .ods; merged-down cells arrive empty.
        WorkbookKind::Ods => {
            let mut book: Ods<_> = Ods::new(cursor).map_err(|e| broken(&e))?;
            grids(&mut book, only_sheet, |_, _| Ok(Vec::new()))
        }
    }
}

fn broken(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Corrupt(format!("cannot open the workbook: {e}"))
}

/// The chosen sheets of any calamine workbook, with the merged regions `merges` finds.
fn grids<R, B>(
    book: &mut B,
    only_sheet: Option<&str>,
    merges: impl Fn(&mut B, &str) -> Result<Vec<Dimensions>, ReadError>,
) -> Result<Vec<Grid>, ReadError>
where
    B: Reader<R>,
    B::Error: std::fmt::Display,
    R: std::io::Read + std::io::Seek,
{
    chosen_sheets(book.sheet_names(), only_sheet)?
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).map_err(|e| broken(&e))?;
            let merges = merges(book, &name)?
                .iter()
                .map(|d| Merge {
                    start: (d.start.0 as usize, d.start.1 as usize),
                    end: (d.end.0 as usize, d.end.1 as usize),
                })
                .collect();
            Ok(grid(name, &range, merges))
        })
        .collect()
}

fn chosen_sheets(names: Vec<String>, only: Option<&str>) -> Result<Vec<String>, ReadError> {
    match only {
        None => Ok(names),
        Some(wanted) if names.iter().any(|n| n == wanted) => Ok(vec![wanted.to_string()]),
        Some(wanted) => Err(ReadError::NoTable(format!(
            "no sheet named {wanted} (sheets: {})",
            names.join(", ")
        ))),
    }
}

fn grid(sheet: String, range: &calamine::Range<Data>, merges: Vec<Merge>) -> Grid {
    let origin = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let cells = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    Grid {
        sheet: Some(sheet),
        origin,
        cells,
        merges,
        lines: None,
    }
}

/// A cell as the text a clerk sees: 1.0 → "1", an Excel date → "2024-06-30".
fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// An Excel serial date (days since 1899-12-30) as YYYY-MM-DD.
pub fn excel_date(serial: f64) -> String {
    // Serial 25569 is 1970-01-01.
    date_from_unix_days(serial.floor() as i64 - 25569)
}

/// Days since 1970-01-01 as YYYY-MM-DD.
pub fn date_from_unix_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45473.0), "2024-06-30");
        assert_eq!(excel_date(44926.5), "2022-12-31");
    }
}
