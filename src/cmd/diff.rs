//! `dutyctl diff OLD NEW`: what changed between two years' task lists. Exit status like
//! `git diff --exit-code`: 0 no changes, 1 changes (of the `--fail-on` kinds), 2 error.

use crate::cli::{ColorChoice, DiffArgs, DiffFormat};
use anyhow::{Result, bail};
use dutyctl::diff::diff;
use dutyctl::reader::ReadOptions;
use dutyctl::report::{diff_markdown, diff_text, diff_xlsx};
use dutyctl::writer::{Format, WriteOptions};
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let units = super::read_units(args.units.as_deref())?;
    let options = ReadOptions {
        layout: args.layout.layout(),
        ..ReadOptions::default()
    };
    let old = super::read_input(&args.old, &options, false)?.register;
    let new = super::read_input(&args.new, &options, false)?.register;
    let target = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let report_format = args
        .format
        .or_else(|| target.and_then(DiffFormat::from_extension))
        .unwrap_or(DiffFormat::Text);
    // Reports read on a terminal or a web page show control characters as escapes.
    let (old, new) = match report_format {
        DiffFormat::Text | DiffFormat::Md => (
            super::printable_register(old)?,
            super::printable_register(new)?,
        ),
        DiffFormat::Json | DiffFormat::Xlsx => (old, new),
    };
    let identity = |name: &str| units.identity(name);
    let result = diff(&old, &new, &identity, args.threshold);
    let bytes = match report_format {
        DiffFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    target.is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            diff_text::render(&result, color).into_bytes()
        }
        DiffFormat::Md => {
            diff_markdown::render(&result, &name(&args.old), &name(&args.new)).into_bytes()
        }
        DiffFormat::Json => {
            let mut json = serde_json::to_vec_pretty(&result)?;
            json.push(b'\n');
            json
        }
        DiffFormat::Xlsx => diff_xlsx::render(&result, &old, &new, &WriteOptions::default().font)?,
    };
    let format = if report_format == DiffFormat::Xlsx {
        Format::Xlsx
    } else {
        Format::Markdown
    };
    if !args.quiet {
        super::write_output(&args.new, target, format, &bytes)?;
    }
    let changed = result.has_any(&args.fail_on);
    // The process ends next: freeing two registers and their diff string by string would cost a
    // twentieth of a large diff's time, for memory the exit returns anyway.
    std::mem::forget((old, new, result));
    Ok(super::exit(if changed {
        super::FAILURE
    } else {
        super::SUCCESS
    }))
}

fn name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
