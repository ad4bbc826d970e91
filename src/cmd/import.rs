//! `dutyctl import FILE... [-o OUT]`: documents → registers.

use crate::cli::ImportArgs;
use anyhow::{Context, Result, bail};
use dutyctl::error::{ReadError, Warning};
use dutyctl::output::write_atomically;
use dutyctl::reader::{self, ReadOptions};
use dutyctl::writer::{self, Format};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the registers go.
enum Destination {
    Stdout,
    File(PathBuf),
    Folder(PathBuf),
}

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let destination = destination(args)?;
    let options = ReadOptions {
        layout: args.input.layout.layout(),
        encoding: args.input.encoding,
        sheet: args.input.sheet.clone(),
    };
    let progress = progress_bar(args.files.len());
    let mut failed = 0;
    for file in &args.files {
        if let Err(error) = import_one(file, &destination, args, &options) {
            failed += 1;
            progress.suspend(|| eprintln!("dutyctl: {error:#}"));
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    if failed > 0 && args.files.len() > 1 {
        eprintln!("dutyctl: {failed} of {} files failed", args.files.len());
    }
    Ok(super::exit(if failed > 0 {
        super::FAILURE
    } else {
        super::SUCCESS
    }))
}

fn destination(args: &ImportArgs) -> Result<Destination> {
    match (&args.output, args.files.len()) {
        (None, 1) => Ok(Destination::Stdout),
        (Some(path), 1) if path.as_os_str() == "-" => Ok(Destination::Stdout),
        (Some(path), 1) if !path.is_dir() => Ok(Destination::File(path.clone())),
        (Some(path), _) if path.as_os_str() != "-" => {
            std::fs::create_dir_all(path)
                .with_context(|| format!("{}: cannot create the output folder", path.display()))?;
            Ok(Destination::Folder(path.clone()))
        }
        _ => bail!("several input files need `-o FOLDER`: one register is written per input"),
    }
}

fn import_one(
    file: &Path,
    destination: &Destination,
    args: &ImportArgs,
    options: &ReadOptions,
) -> Result<()> {
    let name = file.display();
    if file.is_dir() {
        bail!("{name}: is a directory, not a document");
    }
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{name}: {}", io_message(&e)))?;
    let source_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let reading = match reader::read(&bytes, &source_name, options) {
        Err(ReadError::OldBinary(_, target)) if args.convert => {
            let converted = convert_with_libreoffice(file, target)?;
            reader::read(&converted, &source_name, options)
        }
        other => other,
    }
    .with_context(|| name.to_string())?;
    report_warnings(&name.to_string(), &reading.warnings);
    if args.strict && !reading.warnings.is_empty() {
        bail!(
            "{name}: {} warning(s) and --strict: nothing written",
            reading.warnings.len()
        );
    }
    let target = match destination {
        Destination::Stdout => None,
        Destination::File(path) => Some(path.clone()),
        Destination::Folder(dir) => {
            let stem = file.file_stem().unwrap_or(file.as_os_str());
            Some(
                dir.join(stem)
                    .with_extension(output_format(args, None).extension()),
            )
        }
    };
    let format = output_format(args, target.as_deref());
    let bytes_out = writer::write(&reading.register, format).with_context(|| name.to_string())?;
    match target {
        None => super::write_stdout(&bytes_out).context("cannot write to stdout")?,
        Some(path) => {
            if same_file(file, &path) {
                bail!(
                    "{}: refusing to write the register over its own input",
                    path.display()
                );
            }
            write_atomically(&path, &bytes_out)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), io_message(&e)))?;
        }
    }
    Ok(())
}

fn output_format(args: &ImportArgs, target: Option<&Path>) -> Format {
    args.format
        .or_else(|| target.and_then(Format::from_extension))
        .unwrap_or(Format::Yaml)
}

fn report_warnings(name: &str, warnings: &[Warning]) {
    for warning in warnings {
        match warning.line {
            Some(line) => eprintln!("dutyctl: warning: {name}:{line}: {}", warning.message),
            None => eprintln!("dutyctl: warning: {name}: {}", warning.message),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The OS message without Rust's `(os error 2)` suffix, lower-cased like the rest.
fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// Converts an old .doc/.wps/.odt with LibreOffice, for `--convert`, and returns the new bytes.
fn convert_with_libreoffice(file: &Path, target: &str) -> Result<Vec<u8>> {
    let name = file.display();
    let office = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .with_context(|| format!("{name}: --convert needs LibreOffice (soffice) on PATH"))?;
    let dir = tempfile::tempdir()?;
    let status = std::process::Command::new(office)
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(dir.path())
        .arg(file)
        .output()
        .with_context(|| format!("{name}: cannot run {office}"))?;
    let stem = file.file_stem().unwrap_or_default();
    let converted = dir.path().join(stem).with_extension(target);
    if !status.status.success() || !converted.exists() {
        bail!("{name}: {office} could not convert it to .{target}");
    }
    Ok(std::fs::read(converted)?)
}

/// A progress bar for a batch on a terminal; hidden otherwise so logs stay clean.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files > 1 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}
