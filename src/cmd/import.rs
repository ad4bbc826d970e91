//! `dutyctl import FILE... [-o OUT]`: documents → registers.

use crate::cli::ImportArgs;
use anyhow::{Context, Result, bail};
use dutyctl::normalize::directory::{UnitDirectory, canonicalize};
use dutyctl::reader::ReadOptions;
use dutyctl::writer::{self, CsvEncoding, Format};
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
    let units = super::read_units(args.input.units.as_deref())?;
    let progress = progress_bar(args.files.len());
    let mut failed = 0;
    for file in &args.files {
        if let Err(error) =
            progress.suspend(|| import_one(file, &destination, args, &options, &units))
        {
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
    units: &UnitDirectory,
) -> Result<()> {
    let mut reading = super::read_input(file, options, args.input.convert)?;
    canonicalize(&mut reading.register, units);
    if args.strict && !reading.warnings.is_empty() {
        bail!(
            "{}: {} warning(s) and --strict: nothing written",
            file.display(),
            reading.warnings.len()
        );
    }
    let target = match destination {
        Destination::Stdout => None,
        Destination::File(path) => Some(path.clone()),
        Destination::Folder(dir) => {
            let stem = file.file_stem().unwrap_or(file.as_os_str());
            let format = super::output_format(args.format, None, Format::Yaml);
            Some(dir.join(stem).with_extension(format.extension()))
        }
    };
    let format = super::output_format(args.format, target.as_deref(), Format::Yaml);
    let options = args.table.write_options(CsvEncoding::Utf8);
    let bytes = writer::write(&reading.register, format, &options)
        .with_context(|| file.display().to_string())?;
    super::write_output(file, target.as_deref(), format, &bytes)
}

/// A progress bar for a batch on a terminal; hidden otherwise so logs stay clean.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files > 1 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}
