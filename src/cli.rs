//! Command-line interface: commands and their shared options (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use dutyctl::model::Layout;
use dutyctl::reader::decode::EncodingChoice;
use dutyctl::writer::Format;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dutyctl",
    version,
    about = "Turn Chinese policy notices into responsibility registers (责任分解表)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read notices and write their responsibility registers.
    Import(ImportArgs),
    /// Print the JSON Schema of the register (schema version 1).
    Schema,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Documents to read (.txt in UTF-8, GBK/GB18030 or UTF-16; or registers in YAML/JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output file, `-` for stdout, or a folder when several files are given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format; by default taken from the output's extension, else YAML.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Treat warnings as errors: a file with any warning is not written.
    #[arg(long)]
    pub strict: bool,
    /// Convert old .doc/.wps/.odt files with LibreOffice (soffice on PATH) before reading.
    #[arg(long)]
    pub convert: bool,
}

/// How documents are read; shared by every command that reads documents.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The document's layout; `auto` recognises it.
    #[arg(long, value_enum, default_value_t = LayoutChoice::Auto)]
    pub layout: LayoutChoice,
    /// The text encoding; `auto` detects BOMs, UTF-8 and GBK/GB18030.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    pub encoding: EncodingChoice,
    /// Read only this sheet of a workbook (default: every sheet with a table).
    #[arg(long)]
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutChoice {
    Auto,
    Table,
    Outline,
    LeaderDivision,
    DutyList,
}

impl LayoutChoice {
    pub fn layout(self) -> Option<Layout> {
        match self {
            LayoutChoice::Auto => None,
            LayoutChoice::Table => Some(Layout::Table),
            LayoutChoice::Outline => Some(Layout::Outline),
            LayoutChoice::LeaderDivision => Some(Layout::LeaderDivision),
            LayoutChoice::DutyList => Some(Layout::DutyList),
        }
    }
}
