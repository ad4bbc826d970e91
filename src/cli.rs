//! Command-line interface: commands and their shared options (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use dutyctl::model::Layout;
use dutyctl::reader::ReadOptions;
use dutyctl::reader::decode::EncodingChoice;
use dutyctl::writer::{CsvEncoding, Format, WriteOptions};
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
    /// Write a register (or any document import reads) as xlsx, csv, md, json or yaml.
    Export(ExportArgs),
    /// Compare two registers or documents (last year's notice and this year's).
    Diff(DiffArgs),
    /// List the units and people of registers or documents, or suggest a unit directory.
    Units(UnitsArgs),
    /// Check registers against the schema and lint them (for CI).
    Check(CheckArgs),
    /// Print the JSON Schema of the register (schema version 1).
    Schema,
    /// A local page to check a notice's register against its text, correct it and download it.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder of notices to list; edited registers are saved beside them as NAME.yaml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Port to listen on; 0 picks a free one (the address is printed on stdout).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on. Anything but 127.0.0.1 lets other computers in, with a warning.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the page in the browser.
    #[arg(long)]
    pub open: bool,
    /// Unit directory (units.yaml, as for `check --units`): its names are offered when a unit
    /// is added, and units it does not list are marked.
    #[arg(long)]
    pub units: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Documents to read, `-` for stdin: text (.txt in UTF-8, GBK/GB18030 or UTF-16), Word
    /// (.docx), Excel (.xlsx, .xls), OpenDocument sheets (.ods), CSV, web pages (.html), PDF with
    /// a text layer (.pdf), or
    /// registers (YAML/JSON); the format is found from the content, not the name.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output file, `-` for stdout, or a folder when several files are given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format; by default taken from the output's extension, else YAML.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The text encoding; `auto` detects BOMs, UTF-8 and GBK/GB18030.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    pub encoding: EncodingChoice,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub table: TableArgs,
    /// Treat warnings as errors: a file with any warning is not written.
    #[arg(long)]
    pub strict: bool,
    /// Print no warnings (errors still are).
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every warning of a batch, not a count per file.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A register (YAML/JSON) or any document `import` reads.
    pub file: PathBuf,
    /// Output file, or `-` for stdout (not for xlsx on a terminal).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format; by default taken from the output's extension.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Encoding of CSV output.
    #[arg(long, value_enum, default_value_t = CsvEncoding::Utf8)]
    pub encoding: CsvEncoding,
    #[command(flatten)]
    pub table: TableArgs,
    /// The input's text encoding when it is a text document.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    pub input_encoding: EncodingChoice,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older register or document.
    pub old: PathBuf,
    /// The newer register or document.
    pub new: PathBuf,
    /// Report format; by default taken from the extension of `-o` (.md, .json, .xlsx), else text.
    #[arg(long, value_enum)]
    pub format: Option<DiffFormat>,
    /// Write the report here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Least similarity (0–1) at which two tasks are one task.
    #[arg(long, default_value_t = dutyctl::diff::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Unit directory: names it lists as one unit compare equal.
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// Only these kinds of change make the exit status 1 (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub fail_on: Vec<dutyctl::diff::ChangeKind>,
    /// The inputs' layout when they are documents.
    #[arg(long, value_enum, default_value_t = LayoutChoice::Auto)]
    pub layout: LayoutChoice,
    /// Print no report: the exit status alone says whether anything changed (1) or not (0).
    #[arg(short, long, conflicts_with = "output")]
    pub quiet: bool,
    /// Colour the text report: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When the text report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
    Xlsx,
}

impl DiffFormat {
    /// The report a file name asks for, as `import -o` picks its writer.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(DiffFormat::Md),
            "json" => Some(DiffFormat::Json),
            "xlsx" => Some(DiffFormat::Xlsx),
            "txt" | "diff" => Some(DiffFormat::Text),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct UnitsArgs {
    /// Registers or any documents `import` reads.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print a units.yaml proposing names that are probably one unit.
    #[arg(long)]
    pub suggest: bool,
    /// Count names through this directory.
    #[arg(long)]
    pub units: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Registers (YAML or JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Unit directory; enables the unknown-unit lint.
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// The date deadlines are checked against (YYYY-MM-DD); default today.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<String>,
    /// Make this lint fail the run (repeatable).
    #[arg(long, value_enum)]
    pub deny: Vec<dutyctl::lint::Lint>,
    /// Do not report this lint (repeatable).
    #[arg(long, value_enum)]
    pub allow: Vec<dutyctl::lint::Lint>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::`).
    Github,
}

fn parse_date(text: &str) -> Result<String, String> {
    let ok = text.len() == 10
        && text.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(text.to_string())
    } else {
        Err("expected YYYY-MM-DD".into())
    }
}

/// How tables are laid out (xlsx, csv, md).
#[derive(Debug, Args, Clone)]
pub struct TableArgs {
    /// One row per sub-item (一是…), the parent's assignment repeated.
    #[arg(long)]
    pub expand_items: bool,
    /// Add one checklist sheet per unit (xlsx).
    #[arg(long)]
    pub by_unit: bool,
    /// Body font (xlsx).
    #[arg(long, default_value = "仿宋")]
    pub font: String,
    /// Title font (xlsx).
    #[arg(long, default_value = "黑体")]
    pub title_font: String,
    /// Add empty 完成情况 | 存在问题 | 下步计划 columns for the units to fill in; importing the
    /// returned table keeps what they wrote as each task's `progress`.
    #[arg(long)]
    pub progress_columns: bool,
    /// Write one table per unit into the folder `-o DIR/`, each with only the unit's tasks and a
    /// 角色 column (xlsx unless --format says docx, csv, md, yaml or json).
    #[arg(long)]
    pub split_by_unit: bool,
}

impl TableArgs {
    pub fn write_options(&self, csv_encoding: CsvEncoding) -> WriteOptions {
        WriteOptions {
            expand_items: self.expand_items,
            by_unit: self.by_unit,
            font: self.font.clone(),
            title_font: self.title_font.clone(),
            csv_encoding,
            progress_columns: self.progress_columns,
            unit: None,
        }
    }
}

/// How documents are read, shared by `import` and `export`. The text encoding is not here:
/// `export --encoding` names the CSV it writes, so each command declares its own.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The document's layout; `auto` recognises it.
    #[arg(long, value_enum, default_value_t = LayoutChoice::Auto)]
    pub layout: LayoutChoice,
    /// Read only this sheet of a workbook (default: every sheet with a table).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Convert old .doc/.wps/.odt files with LibreOffice (soffice on PATH) before reading.
    #[arg(long)]
    pub convert: bool,
    /// Unit directory: write its canonical names (printed ones are kept in `printed`).
    #[arg(long)]
    pub units: Option<PathBuf>,
}

impl InputArgs {
    pub fn read_options(&self, encoding: EncodingChoice) -> ReadOptions {
        ReadOptions {
            layout: self.layout.layout(),
            encoding,
            sheet: self.sheet.clone(),
        }
    }
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
