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

/// One document to import and the name its output takes in a batch folder: the file's stem, or
/// for a document found in a folder given as input, its path below that folder (`sub/x`), so
/// the outputs keep the folder's structure.
struct Input {
    file: PathBuf,
    name: PathBuf,
}

/// The documents a folder holds, at any depth, that dutyctl reads (by extension; hidden files,
/// dutyctl's temporaries and `skip`, the output folder, are left out), in name order.
fn documents_in(folder: &Path, skip: Option<&Path>) -> Result<Vec<PathBuf>> {
    const DOCUMENT_EXTENSIONS: &[&str] = &[
        "txt", "text", "docx", "xlsx", "xlsm", "xls", "ods", "csv", "html", "htm", "pdf",
    ];
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if skip.is_some() && dir.canonicalize().ok() == skip {
            continue;
        }
        let entries = std::fs::read_dir(&dir)
            .with_context(|| format!("{}: cannot read the folder", dir.display()))?;
        for entry in entries {
            let entry =
                entry.with_context(|| format!("{}: cannot read the folder", dir.display()))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            // A symlink to a folder is not followed: it could lead back up the tree.
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The inputs named on the command line, folders expanded.
fn inputs(args: &ImportArgs) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for file in &args.files {
        if file.is_dir() {
            let Some(output) = args.output.as_deref().filter(|o| o.as_os_str() != "-") else {
                bail!(
                    "{}: a folder is read into a folder of registers: give -o FOLDER/",
                    file.display()
                );
            };
            for found in documents_in(file, Some(output))? {
                let below = found.strip_prefix(file).unwrap_or(&found);
                inputs.push(Input {
                    name: below.with_extension(""),
                    file: found,
                });
            }
        } else {
            inputs.push(Input {
                name: PathBuf::from(file.file_stem().unwrap_or(file.as_os_str())),
                file: file.clone(),
            });
        }
    }
    Ok(inputs)
}

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let inputs = inputs(args)?;
    if inputs.is_empty() {
        bail!("no document to read in the folders given");
    }
    // A folder is a batch however many documents it holds: its outputs go into -o FOLDER.
    let batch = inputs.len() > 1 || args.files.iter().any(|f| f.is_dir());
    let destination = destination(args, &inputs, batch)?;
    let options = args.input.read_options(args.encoding);
    let units = super::read_units(args.input.units.as_deref())?;
    let progress = progress_bar(inputs.len());
    // Files are independent: workers take the next one until none is left, so one slow or
    // failing file holds up nothing else.
    let next = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let warned_files = AtomicUsize::new(0);
    let warnings = AtomicUsize::new(0);
    // One input needs no count of the cores (which reads the cgroup's quota files).
    let workers = match inputs.len() {
        0 | 1 => 1,
        n => std::thread::available_parallelism().map_or(1, |cores| cores.get().min(n)),
    };
    let work = || {
        while let Some(input) = inputs.get(next.fetch_add(1, Ordering::Relaxed)) {
            // The work runs outside the bar's lock; only printing takes it.
            let mut report = String::new();
            let batch = Batch {
                counts_warnings: batch && !args.verbose && !args.quiet,
                several: batch,
            };
            let result = import_one(
                input,
                &destination,
                args,
                &options,
                &units,
                batch,
                &mut report,
            );
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
    };
    // One file is read on this thread: a worker's own malloc arena would grow a page at a time
    // (an mprotect each), which costs a small page's import more than the thread saves.
    if workers == 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(work);
            }
        });
    }
    progress.finish_and_clear();
    let failed = failures.into_inner();
    let (warned_files, warnings) = (warned_files.into_inner(), warnings.into_inner());
    if warnings > 0 && batch && !args.verbose && !args.quiet {
        eprintln!(
            "dutyctl: {warnings} warning(s) in {warned_files} of {} files (-v lists them)",
            inputs.len()
        );
    }
    if failed > 0 && batch {
        eprintln!("dutyctl: {failed} of {} files failed", inputs.len());
    }
    Ok(super::exit(if failed > 0 {
        super::ERROR
    } else {
        super::SUCCESS
    }))
}

fn destination(args: &ImportArgs, inputs: &[Input], batch: bool) -> Result<Destination> {
    if args.table.split_by_unit {
        let Some(dir) = &args.output else {
            bail!("--split-by-unit writes a folder of files: give -o FOLDER/");
        };
        super::split::check_folder(dir)?;
        if batch {
            refuse_collisions(dir, args, inputs)?;
        }
        return Ok(Destination::Units(dir.clone()));
    }
    match (&args.output, batch) {
        (None, false) => Ok(Destination::Stdout),
        (Some(path), false) if path.as_os_str() == "-" => Ok(Destination::Stdout),
        (Some(path), false) if !path.is_dir() => Ok(Destination::File(path.clone())),
        (Some(path), _) if path.as_os_str() != "-" => {
            if !path.is_dir() && names_a_file(path) {
                bail!(
                    "{}: several inputs need an output folder, and this names a file (end it with / for a folder of that name)",
                    path.display()
                );
            }
            refuse_collisions(path, args, inputs)?;
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

/// The register of an input in a batch's output folder: its name with the format's extension
/// (`a.b.txt` → `a.b.yaml`, not `a.yaml`; `sub/x.docx` of a folder → `sub/x.yaml`).
fn batch_target(dir: &Path, input: &Input, format: Format) -> PathBuf {
    let mut name = input.name.clone().into_os_string();
    name.push(".");
    name.push(format.extension());
    dir.join(name)
}

/// Two inputs that would write one output (`a/x.txt b/x.txt`, or one file given twice) are an
/// error before anything is written: the second would silently replace the first.
fn refuse_collisions(dir: &Path, args: &ImportArgs, inputs: &[Input]) -> Result<()> {
    let format = super::output_format(args.format, None, Format::Yaml);
    let mut inputs_of: std::collections::BTreeMap<PathBuf, Vec<&Path>> = Default::default();
    for input in inputs {
        inputs_of
            .entry(batch_target(dir, input, format))
            .or_default()
            .push(&input.file);
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

/// How one file of the run is reported and written.
#[derive(Clone, Copy)]
struct Batch {
    /// A batch prints a warning count per file and a total rather than every line (a batch of
    /// two hundred notices printed a thousand), unless `-v` asks for the lines or `-q` for none.
    counts_warnings: bool,
    /// Several inputs (or a folder): per-unit files go into a sub-folder per input.
    several: bool,
}

/// Imports one file; returns how many warnings reading it gave.
fn import_one(
    input: &Input,
    destination: &Destination,
    args: &ImportArgs,
    options: &ReadOptions,
    units: &UnitDirectory,
    batch: Batch,
    report: &mut String,
) -> Result<usize> {
    let file = input.file.as_path();
    let mut reading = super::read_quietly(file, options, args.input.convert)?;
    let name = super::input_name(file);
    if batch.counts_warnings && !reading.warnings.is_empty() {
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
            let dir = if batch.several {
                dir.join(&input.name)
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
        Destination::Folder(dir) => {
            let target = batch_target(
                dir,
                input,
                super::output_format(args.format, None, Format::Yaml),
            );
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).with_context(|| {
                    format!("{}: cannot create the output folder", parent.display())
                })?;
            }
            Some(target)
        }
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
