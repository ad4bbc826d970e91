//! Writers: a register → the bytes of one output format. A format is one module here and one
//! line in `Format`.

pub mod csv;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod sheet;
pub mod summary;
pub mod view;
pub mod xlsx;
pub mod yaml;
pub(crate) mod yaml_emitter;

use crate::model::Register;

/// Output formats, chosen by `--format` or the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Yaml,
    Json,
    Xlsx,
    Csv,
    #[value(name = "md")]
    Markdown,
    Docx,
}

impl Format {
    /// The format an output path's extension names, if dutyctl writes it.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }

    /// Whether the output is binary and so not for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel needs to recognise UTF-8.
    #[default]
    #[value(name = "utf-8")]
    Utf8,
    Gbk,
}

/// How tables are written; ignored by YAML and JSON.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// One row per sub-item (一是…), the parent's assignment repeated.
    pub expand_items: bool,
    /// A checklist sheet per unit (xlsx).
    pub by_unit: bool,
    /// Body font (xlsx).
    pub font: String,
    /// Title font (xlsx).
    pub title_font: String,
    pub csv_encoding: CsvEncoding,
    /// Empty 完成情况 | 存在问题 | 下步计划 columns for the units to fill in (they are printed
    /// anyway where a task has progress, so that it reads back).
    pub progress_columns: bool,
    /// The unit whose table this is (`--split-by-unit`): a 角色 column, the unit's name in the
    /// title, and in a workbook the table alone.
    pub unit: Option<String>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        // 仿宋_GB2312 lacks characters outside GB2312 and 方正小标宋 is often not installed.
        WriteOptions {
            expand_items: false,
            by_unit: false,
            font: "仿宋".to_string(),
            title_font: "黑体".to_string(),
            csv_encoding: CsvEncoding::Utf8,
            progress_columns: false,
            unit: None,
        }
    }
}

pub fn write(
    register: &Register,
    format: Format,
    options: &WriteOptions,
) -> Result<Vec<u8>, WriteError> {
    match format {
        Format::Yaml => yaml::write(register),
        Format::Json => json::write(register),
        Format::Xlsx => xlsx::write(register, options),
        Format::Csv => csv::write(register, options),
        Format::Markdown => markdown::write(register, options),
        Format::Docx => docx::write(register, options),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write the register: {0}")]
pub struct WriteError(pub String);
