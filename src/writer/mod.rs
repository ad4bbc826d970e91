//! Writers: a register → the bytes of one output format.

pub mod json;
pub mod yaml;

use crate::model::Register;

/// Output formats, chosen by `--format` or the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// The format an output path's extension names, if dutyctl writes it.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

pub fn write(register: &Register, format: Format) -> Result<Vec<u8>, WriteError> {
    match format {
        Format::Yaml => yaml::write(register),
        Format::Json => json::write(register),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write the register: {0}")]
pub struct WriteError(pub String);
