//! Readers: bytes of one input → a register. The format is found from the content, not the name:
//! zip containers (docx, xlsx, ods), OLE files (xls), registers (YAML/JSON), CSV, plain text.
//! Binary formats go container → intermediate → model: a .docx becomes the text Word would
//! export, a workbook or CSV becomes a grid of cells, and both meet the text reader's table
//! builder, so the same content gives the same register whatever it came in.

pub mod csv;
pub mod decode;
pub mod docx;
pub mod grid;
pub mod register;
pub mod sniff;
pub mod text;
pub mod workbook;

use crate::error::{ReadError, Warning};
use crate::model::{self, Document, Layout, Person, Register, Task};
use decode::EncodingChoice;
use sha2::{Digest, Sha256};
use sniff::Kind;
use text::meta::Metadata;
use workbook::WorkbookKind;

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides layout detection (text and Word documents).
    pub layout: Option<Layout>,
    pub encoding: EncodingChoice,
    /// Reads only this sheet of a workbook.
    pub sheet: Option<String>,
}

/// A register and the doubts met while reading it.
#[derive(Debug)]
pub struct Reading {
    pub register: Register,
    pub warnings: Vec<Warning>,
}

/// What a reader found, before the source name and hash make it a register.
struct Found {
    metadata: Metadata,
    layout: Layout,
    people: Vec<Person>,
    tasks: Vec<Task>,
    notes: Vec<String>,
}

/// Reads one input. `source_name` is recorded in the register as the document's file name.
pub fn read(bytes: &[u8], source_name: &str, options: &ReadOptions) -> Result<Reading, ReadError> {
    let mut warnings = Vec::new();
    let found = match sniff::sniff(bytes)? {
        Kind::Docx => read_text(&docx::docx_text(bytes)?, options, &mut warnings),
        Kind::Xlsx => read_workbook(bytes, WorkbookKind::Xlsx, options, &mut warnings)?,
        Kind::Xls => read_workbook(bytes, WorkbookKind::Xls, options, &mut warnings)?,
        Kind::Ods => read_workbook(bytes, WorkbookKind::Ods, options, &mut warnings)?,
        Kind::Text => {
            let text = decode::decode_text(bytes, options.encoding)?;
            if register::looks_like_register(&text) {
                return Ok(Reading {
                    register: register::read_register(&text)?,
                    warnings,
                });
            }
            if text.trim().is_empty() {
                return Err(ReadError::Empty);
            }
            if csv::looks_like_csv(&text) {
                let grid = csv::csv_grid(&text)?;
                read_grids(vec![grid], &mut warnings)?
            } else {
                read_text(&text, options, &mut warnings)
            }
        }
    };
    let mut tasks = found.tasks;
    model::assign_ids(&mut tasks);
    if tasks.is_empty() {
        warnings.push(Warning::general("no tasks recognised in this document"));
    }
    let register = Register {
        dutyctl: model::SCHEMA_VERSION,
        document: Document {
            title: found.metadata.title,
            doc_number: found.metadata.doc_number,
            issuer: found.metadata.issuer,
            date: found.metadata.date,
            layout: found.layout,
            source: source_name.to_string(),
            sha256: hex_sha256(bytes),
            notes: found.notes,
        },
        people: found.people,
        tasks,
    };
    Ok(Reading { register, warnings })
}

fn read_text(text: &str, options: &ReadOptions, warnings: &mut Vec<Warning>) -> Found {
    let reading = text::read_text(text, options.layout, warnings);
    Found {
        metadata: reading.metadata,
        layout: reading.layout,
        people: reading.people,
        tasks: reading.tasks,
        notes: reading.notes,
    }
}

/// A workbook written by dutyctl names its table sheet and keeps the document's metadata in a
/// hidden sheet; other workbooks are read sheet by sheet.
fn read_workbook(
    bytes: &[u8],
    kind: WorkbookKind,
    options: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Found, ReadError> {
    let mut grids = workbook::read_workbook(bytes, kind, None)?;
    let meta = grids
        .iter()
        .position(|g| g.sheet.as_deref() == Some(model::WORKBOOK_META_SHEET))
        .map(|i| grids.remove(i))
        .and_then(|g| g.cells.get(1).and_then(|row| row.first()).cloned())
        .and_then(|json| serde_json::from_str::<WorkbookMeta>(&json).ok());
    let wanted = options
        .sheet
        .clone()
        .or_else(|| meta.as_ref().map(|m| m.table_sheet.clone()));
    if let Some(wanted) = &wanted {
        let names: Vec<String> = grids.iter().filter_map(|g| g.sheet.clone()).collect();
        grids.retain(|g| g.sheet.as_ref() == Some(wanted));
        if grids.is_empty() {
            return Err(ReadError::NoTable(format!(
                "no sheet named {wanted} (sheets: {})",
                names.join(", ")
            )));
        }
    }
    let mut found = read_grids(grids, warnings)?;
    if let Some(meta) = meta {
        found.metadata = Metadata {
            title: meta.document.title,
            doc_number: meta.document.doc_number,
            issuer: meta.document.issuer,
            date: meta.document.date,
        };
        found.layout = meta.document.layout;
        found.people = meta.people;
    }
    Ok(found)
}

/// What the hidden sheet of a dutyctl workbook holds.
#[derive(serde::Deserialize)]
struct WorkbookMeta {
    table_sheet: String,
    document: Document,
    #[serde(default)]
    people: Vec<Person>,
}

/// Every grid with a table contributes its tasks, in order; the first title found is the title.
fn read_grids(grids: Vec<grid::Grid>, warnings: &mut Vec<Warning>) -> Result<Found, ReadError> {
    let document: String = grids
        .iter()
        .flat_map(|g| g.cells.iter().flatten())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Found {
        metadata: Metadata::default(),
        layout: Layout::Table,
        people: Vec::new(),
        tasks: Vec::new(),
        notes: Vec::new(),
    };
    let mut tables = 0;
    for grid in grids {
        let (rows, title) = grid::grid_rows(grid);
        let Some(table) = text::table::build_table(&rows, &document, warnings) else {
            continue;
        };
        tables += 1;
        if found.metadata.title.is_none() {
            found.metadata.title = title;
        }
        found.tasks.extend(table.tasks);
        found.notes.extend(table.notes);
    }
    if tables == 0 {
        return Err(ReadError::NoTable(
            "no row names two known columns (序号, 工作任务, 牵头单位, 责任单位 …)".into(),
        ));
    }
    Ok(found)
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
