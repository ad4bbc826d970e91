//! Readers: bytes of one input → a [`Document`] of blocks, which the interpreters turn into a
//! register. The format is found from the content, not the name (`sniff`): zip containers
//! (docx, xlsx, ods), OLE files (xls), PDFs, web pages (html), registers (YAML/JSON, read back as they are), CSV, plain
//! text. A new format is one reader file that emits blocks plus one line in [`read_document`].

pub mod csv;
pub mod decode;
pub mod docx;
pub mod grid;
pub mod html;
mod html_tree;
pub mod limits;
pub mod pdf;
pub mod register;
pub mod sniff;
pub mod text;
pub mod workbook;
pub mod yaml_subset;

use crate::document::Document;
use crate::error::{ReadError, Warning};
use crate::interpret::{self, meta::Metadata};
use crate::model::{self, Layout, Person, Register};
use decode::EncodingChoice;
use sha2::{Digest, Sha256};
use sniff::Kind;
use workbook::WorkbookKind;

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides layout detection.
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

pub use crate::document::WORKBOOK_META_PROPERTY;

/// What a reader made of the bytes: a document to interpret, or a register read back as it is.
pub enum Read {
    Document { document: Document, tabular: bool },
    Register(Register),
}

/// The reader registry: one line per format.
pub fn read_document(
    bytes: &[u8],
    options: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Read, ReadError> {
    let (document, tabular) = match sniff::sniff(bytes)? {
        Kind::Docx => (docx::read_docx(bytes)?, false),
        Kind::Html => (html::read_html(bytes, options.encoding, warnings)?, false),
        Kind::Pdf => (pdf::read_pdf(bytes, warnings)?, false),
        Kind::Xlsx => (
            workbook::read_workbook(bytes, WorkbookKind::Xlsx, options)?,
            true,
        ),
        Kind::Xls => (
            workbook::read_workbook(bytes, WorkbookKind::Xls, options)?,
            true,
        ),
        Kind::Ods => (
            workbook::read_workbook(bytes, WorkbookKind::Ods, options)?,
            true,
        ),
        Kind::Text => {
            let text = decode::decode_text(bytes, options.encoding)?;
            if register::looks_like_register(&text) {
                return Ok(Read::Register(register::read_register(&text)?));
            }
            if text.trim().is_empty() {
                return Err(ReadError::Empty);
            }
            if csv::looks_like_csv(&text) {
                (csv::read_csv(&text)?, true)
            } else {
                (text::read_text(&text, warnings), false)
            }
        }
    };
    Ok(Read::Document { document, tabular })
}

/// Reads one input. `source_name` is recorded in the register as the document's file name.
pub fn read(bytes: &[u8], source_name: &str, options: &ReadOptions) -> Result<Reading, ReadError> {
    let mut warnings = Vec::new();
    let (document, tabular) = match read_document(bytes, options, &mut warnings)? {
        Read::Register(register) => return Ok(Reading { register, warnings }),
        Read::Document { document, tabular } => (document, tabular),
    };
    let mut found = interpret::interpret(&document, options.layout, &mut warnings);
    if tabular && found.tables_read == 0 {
        return Err(ReadError::NoTable(
            "no row names two known columns (序号, 工作任务, 牵头单位, 责任单位 …)".into(),
        ));
    }
    let mut people = std::mem::take(&mut found.people);
    if let Some(meta) = workbook_meta(&document) {
        found.metadata = Metadata {
            title: meta.document.title,
            doc_number: meta.document.doc_number,
            issuer: meta.document.issuer,
            date: meta.document.date,
        };
        found.layout = meta.document.layout;
        people = meta.people;
        // Where the table's rows are still the workbook's tasks, one for one.
        if let Some(sections) = meta.sections.filter(|s| s.len() == found.tasks.len()) {
            for (task, section) in found.tasks.iter_mut().zip(sections) {
                task.section = section;
            }
        }
    }
    let mut tasks = found.tasks;
    model::assign_ids(&mut tasks);
    if tasks.is_empty() {
        warnings.push(Warning::general("no tasks recognised in this document"));
    }
    let register = Register {
        dutyctl: model::SCHEMA_VERSION,
        document: model::Document {
            title: found.metadata.title,
            doc_number: found.metadata.doc_number,
            issuer: found.metadata.issuer,
            date: found.metadata.date,
            layout: found.layout,
            source: source_name.to_string(),
            sha256: hex_sha256(bytes),
            notes: found.notes,
        },
        people,
        tasks,
    };
    Ok(Reading { register, warnings })
}

/// What the hidden sheet of a dutyctl workbook holds.
#[derive(serde::Deserialize)]
pub struct WorkbookMeta {
    pub table_sheet: String,
    pub document: model::Document,
    #[serde(default)]
    pub people: Vec<Person>,
    /// Each task's sections, in the table's order (absent from older workbooks).
    #[serde(default)]
    pub sections: Option<Vec<Vec<String>>>,
}

fn workbook_meta(document: &Document) -> Option<WorkbookMeta> {
    document
        .properties
        .iter()
        .find(|(k, _)| k == WORKBOOK_META_PROPERTY)
        .and_then(|(_, json)| serde_json::from_str(json).ok())
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
