//! `dutyctl check FILE...`: registers against schema version 1, then the lints. Exit 0 clean,
//! 1 problems found, 2 a file could not be read.

use crate::cli::{CheckArgs, CheckFormat};
use anyhow::Result;
use dutyctl::model::lint::lint;
use dutyctl::reader::decode::{EncodingChoice, decode_text};
use dutyctl::reader::register::parse_register;
use serde::Serialize;
use std::process::ExitCode;

/// One problem, located in its file.
#[derive(Debug, Serialize)]
struct Diagnostic {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    /// `error` fails the run, `warning` does not.
    level: &'static str,
    /// The lint's name, or `schema`.
    code: &'static str,
    message: String,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let units = match &args.units {
        Some(path) => Some(super::read_units(Some(path))?),
        None => None,
    };
    let today = args.today.clone().unwrap_or_else(today_utc);
    let mut diagnostics = Vec::new();
    let mut unreadable = false;
    for file in &args.files {
        let name = file.display().to_string();
        let text = match std::fs::read(file) {
            Ok(bytes) => match decode_text(&bytes, EncodingChoice::Auto) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("dutyctl: {name}: {e}");
                    unreadable = true;
                    continue;
                }
            },
            Err(e) => {
                eprintln!("dutyctl: {name}: {}", super::io_message(&e));
                unreadable = true;
                continue;
            }
        };
        diagnostics.extend(check_text(&name, &text, units.as_ref(), &today, args));
    }
    print(&diagnostics, args.format)?;
    let failed = diagnostics.iter().any(|d| d.level == "error");
    Ok(super::exit(match (unreadable, failed) {
        (true, _) => 2,
        (false, true) => super::FAILURE,
        (false, false) => super::SUCCESS,
    }))
}

fn check_text(
    file: &str,
    text: &str,
    units: Option<&dutyctl::normalize::directory::UnitDirectory>,
    today: &str,
    args: &CheckArgs,
) -> Vec<Diagnostic> {
    let register = match parse_register(text) {
        Ok(register) => register,
        Err(e) => {
            let message = if e.path.is_empty() || e.path == "." {
                e.message
            } else {
                format!("{}: {}", e.path, e.message)
            };
            return vec![Diagnostic {
                file: file.into(),
                line: e.line,
                column: e.column,
                level: "error",
                code: "schema",
                message,
            }];
        }
    };
    let places = task_places(text);
    lint(&register, units, today)
        .into_iter()
        .filter(|f| !args.allow.contains(&f.lint))
        .map(|f| {
            let denied = args.deny.contains(&f.lint) || f.lint.denied_by_default();
            let (line, column) = places
                .get(f.task)
                .map_or((None, None), |&(line, column)| (Some(line), column));
            Diagnostic {
                file: file.into(),
                line,
                column,
                level: if denied { "error" } else { "warning" },
                code: f.lint.name(),
                message: format!("tasks[{}]: {}", f.task, f.message),
            }
        })
        .collect()
}

/// The line and column of each task's `id` key, in task order: the n-th `id:` (YAML) or `"id":`
/// (JSON) in the file is task n's (document and people have no `id`). One pass over the file,
/// however many findings there are.
fn task_places(text: &str) -> Vec<(usize, Option<usize>)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let is_id = trimmed.starts_with("id:") || trimmed.starts_with("\"id\":");
            is_id.then(|| {
                let column = line
                    .find("id")
                    .map(|c| c + 1 - usize::from(trimmed.starts_with('"')));
                (n + 1, column)
            })
        })
        .collect()
}

fn print(diagnostics: &[Diagnostic], format: CheckFormat) -> Result<()> {
    let out = match format {
        CheckFormat::Json => {
            let mut json = serde_json::to_string_pretty(diagnostics)?;
            json.push('\n');
            json
        }
        CheckFormat::Text => diagnostics
            .iter()
            .map(|d| format!("{}: {}[{}]: {}\n", place(d), d.level, d.code, d.message))
            .collect(),
        CheckFormat::Github => diagnostics
            .iter()
            .map(|d| {
                let mut props = format!("file={}", d.file);
                if let Some(line) = d.line {
                    props.push_str(&format!(",line={line}"));
                }
                if let Some(column) = d.column {
                    props.push_str(&format!(",col={column}"));
                }
                format!(
                    "::{} {props},title=dutyctl {}::{}\n",
                    d.level,
                    d.code,
                    d.message.replace('\n', "%0A")
                )
            })
            .collect(),
    };
    super::write_stdout(out.as_bytes())?;
    Ok(())
}

fn place(d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", d.file),
        (Some(line), None) => format!("{}:{line}", d.file),
        _ => d.file.clone(),
    }
}

/// Today's date (UTC) as YYYY-MM-DD, the default for `--today`.
fn today_utc() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    dutyctl::reader::workbook::date_from_unix_days(days as i64)
}
