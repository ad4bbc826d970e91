//! `dutyctl import FILE... [-o OUT]`: documents → registers.

use crate::cli::ImportArgs;
use anyhow::{Context, Result, bail};
use dutyctl::normalize::directory::{UnitDirectory, canonicalize};
use dutyctl::reader::ReadOptions;
use dutyctl::writer::{self, CsvEncoding, Format};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the registers go.
enum Destination {
    Stdout,
    File(PathBuf),
    Folder(PathBuf),
    /// `--split-by-unit`: one file per unit in this folder (in a sub-folder per input when there
    /// are several).
    Units(PathBuf),
}

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let destination = destination(args)?;
    let options = args.input.read_options(args.encoding);
    let units = super::read_units(args.input.units.as_deref())?;
    let progress = progress_bar(args.files.len());
    // Files are independent: workers take the next one until none is left, so one slow or
    // failing file holds up nothing else.
    let next = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let warned_files = AtomicUsize::new(0);
    let warnings = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(args.files.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(file) = args.files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    // The work runs outside the bar's lock; only printing takes it.
                    let mut report = String::new();
                    let result =
                        import_one(file, &destination, args, &options, &units, &mut report);
                    if let Ok(count @ 1..) = result {
                        warned_files.fetch_add(1, Ordering::Relaxed);
                        warnings.fetch_add(count, Ordering::Relaxed);
                    }
                    if let Err(error) = result {
                        failures.fetch_add(1, Ordering::Relaxed);
                        let message = super::printable_line(&format!("{error:#}")).into_owned();
                        report.push_str(&format!("dutyctl: {message}\n"));
                    }
                    if !report.is_empty() {
                        progress.suspend(|| eprint!("{report}"));
                    }
                    progress.inc(1);
                }
            });
        }
    });
    progress.finish_and_clear();
    let failed = failures.into_inner();
    let (warned_files, warnings) = (warned_files.into_inner(), warnings.into_inner());
    if warnings > 0 && batch_counts_warnings(args) {
        eprintln!(
            "dutyctl: {warnings} warning(s) in {warned_files} of {} files (-v lists them)",
            args.files.len()
        );
    }
    if failed > 0 && args.files.len() > 1 {
        eprintln!("dutyctl: {failed} of {} files failed", args.files.len());
    }
    Ok(super::exit(if failed > 0 {
        super::ERROR
    } else {
        super::SUCCESS
    }))
}

fn destination(args: &ImportArgs) -> Result<Destination> {
    if args.table.split_by_unit {
        let Some(dir) = &args.output else {
            bail!("--split-by-unit writes a folder of files: give -o FOLDER/");
        };
        super::split::check_folder(dir)?;
        if args.files.len() > 1 {
            refuse_collisions(dir, args)?;
        }
        return Ok(Destination::Units(dir.clone()));
    }
    match (&args.output, args.files.len()) {
        (None, 1) => Ok(Destination::Stdout),
        (Some(path), 1) if path.as_os_str() == "-" => Ok(Destination::Stdout),
        (Some(path), 1) if !path.is_dir() => Ok(Destination::File(path.clone())),
        (Some(path), _) if path.as_os_str() != "-" => {
            if !path.is_dir() && names_a_file(path) {
                bail!(
                    "{}: several inputs need an output folder, and this names a file (end it with / for a folder of that name)",
                    path.display()
                );
            }
            refuse_collisions(path, args)?;
            std::fs::create_dir_all(path)
                .with_context(|| format!("{}: cannot create the output folder", path.display()))?;
            Ok(Destination::Folder(path.clone()))
        }
        _ => bail!("several input files need `-o FOLDER`: one register is written per input"),
    }
}

/// `one.yaml` is a file to the user however many inputs there are; `out/` and `out` are folders.
fn names_a_file(path: &Path) -> bool {
    let ends_with_separator = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator);
    path.extension().is_some() && !ends_with_separator
}

/// The register of `file` in a batch's output folder: its file name with the format's extension
/// (`a.b.txt` → `a.b.yaml`, not `a.yaml`).
fn batch_target(dir: &Path, file: &Path, format: Format) -> PathBuf {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    let mut name = stem.to_os_string();
    name.push(".");
    name.push(format.extension());
    dir.join(name)
}

/// Two inputs that would write one output (`a/x.txt b/x.txt`, or one file given twice) are an
/// error before anything is written: the second would silently replace the first.
fn refuse_collisions(dir: &Path, args: &ImportArgs) -> Result<()> {
    let format = super::output_format(args.format, None, Format::Yaml);
    let mut inputs_of: std::collections::BTreeMap<PathBuf, Vec<&Path>> = Default::default();
    for file in &args.files {
        inputs_of
            .entry(batch_target(dir, file, format))
            .or_default()
            .push(file);
    }
    let collisions: Vec<String> = inputs_of
        .iter()
        .filter(|(_, inputs)| inputs.len() > 1)
        .map(|(target, inputs)| {
            let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
            format!("{} ← {}", target.display(), names.join(", "))
        })
        .collect();
    if !collisions.is_empty() {
        bail!(
            "several inputs would be written to one output, so nothing was written: {}",
            collisions.join("; ")
        );
    }
    Ok(())
}

/// A batch prints a warning count per file and a total rather than every line (a batch of two
/// hundred notices printed a thousand), unless `-v` asks for the lines or `-q` for nothing.
fn batch_counts_warnings(args: &ImportArgs) -> bool {
    args.files.len() > 1 && !args.verbose && !args.quiet
}

/// Imports one file; returns how many warnings reading it gave.
fn import_one(
    file: &Path,
    destination: &Destination,
    args: &ImportArgs,
    options: &ReadOptions,
    units: &UnitDirectory,
    report: &mut String,
) -> Result<usize> {
    let mut reading = super::read_quietly(file, options, args.input.convert)?;
    let name = super::input_name(file);
    if batch_counts_warnings(args) && !reading.warnings.is_empty() {
        report.push_str(&format!(
            "dutyctl: warning: {}: {} warning(s)\n",
            super::printable_line(&name),
            reading.warnings.len()
        ));
    } else if !args.quiet {
        report.push_str(&super::warning_lines(&name, &reading.warnings));
    }
    canonicalize(&mut reading.register, units);
    if args.strict && !reading.warnings.is_empty() {
        bail!(
            "{}: {} warning(s) and --strict: nothing written",
            file.display(),
            reading.warnings.len()
        );
    }
    let options = args.table.write_options(CsvEncoding::Utf8);
    let target = match destination {
        Destination::Units(dir) => {
            let dir = if args.files.len() > 1 {
                dir.join(file.file_stem().unwrap_or(file.as_os_str()))
            } else {
                dir.clone()
            };
            let format = args.format.unwrap_or(Format::Xlsx);
            let register = &reading.register;
            super::split::write_shares(file, register, &dir, format, &options, report)?;
            return Ok(reading.warnings.len());
        }
        Destination::Stdout => None,
        Destination::File(path) => Some(path.clone()),
        Destination::Folder(dir) => Some(batch_target(
            dir,
            file,
            super::output_format(args.format, None, Format::Yaml),
        )),
    };
    let format = super::output_format(args.format, target.as_deref(), Format::Yaml);
    let bytes = writer::write(&reading.register, format, &options)
        .with_context(|| file.display().to_string())?;
    super::write_output(file, target.as_deref(), format, &bytes)?;
    Ok(reading.warnings.len())
}

/// A progress bar for a batch on a terminal; hidden otherwise so logs stay clean.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files > 1 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}
