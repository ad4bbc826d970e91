//! Readers: bytes of one input → a register. The format is found from the content, not the name.

pub mod decode;
pub mod register;
pub mod text;

use crate::error::{ReadError, Warning};
use crate::model::{self, Document, Layout, Register};
use decode::EncodingChoice;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Overrides layout detection.
    pub layout: Option<Layout>,
    pub encoding: EncodingChoice,
}

/// A register and the doubts met while reading it.
#[derive(Debug)]
pub struct Reading {
    pub register: Register,
    pub warnings: Vec<Warning>,
}

/// Reads one input. `source_name` is recorded in the register as the document's file name.
pub fn read(bytes: &[u8], source_name: &str, options: &ReadOptions) -> Result<Reading, ReadError> {
    let text = decode::decode_text(bytes, options.encoding)?;
    if register::looks_like_register(&text) {
        return Ok(Reading {
            register: register::read_register(&text)?,
            warnings: Vec::new(),
        });
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let mut warnings = Vec::new();
    let reading = text::read_text(&text, options.layout, &mut warnings);
    let mut tasks = reading.tasks;
    model::assign_ids(&mut tasks);
    if tasks.is_empty() {
        warnings.push(Warning::general("no tasks recognised in this document"));
    }
    let register = Register {
        dutyctl: model::SCHEMA_VERSION,
        document: Document {
            title: reading.metadata.title,
            doc_number: reading.metadata.doc_number,
            issuer: reading.metadata.issuer,
            date: reading.metadata.date,
            layout: reading.layout,
            source: source_name.to_string(),
            sha256: hex_sha256(bytes),
            notes: reading.notes,
        },
        people: reading.people,
        tasks,
    };
    Ok(Reading { register, warnings })
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
