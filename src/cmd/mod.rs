//! One module per subcommand; each takes its parsed arguments and returns the exit code.
//! Reading inputs and writing outputs, the only file-system work, is shared here.

pub mod check;
pub mod diff;
pub mod export;
pub mod import;
pub mod schema;
pub mod units;

use anyhow::{Context, Result, bail};
use dutyctl::error::{ReadError, Warning};
use dutyctl::normalize::directory::UnitDirectory;
use dutyctl::output::write_safely;
use dutyctl::reader::{self, ReadOptions, Reading};
use dutyctl::writer::Format;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit codes shared by all commands.
pub const SUCCESS: u8 = 0;
/// Some input could not be read or written (import), or differences/findings (diff, check).
pub const FAILURE: u8 = 1;

/// Reads a unit directory (units.yaml) given with `--units`.
pub fn read_units(path: Option<&Path>) -> Result<UnitDirectory> {
    let Some(path) = path else {
        return Ok(UnitDirectory::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), io_message(&e)))?;
    UnitDirectory::from_yaml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Reads one input file into a register and prints its warnings.
pub fn read_input(file: &Path, options: &ReadOptions, convert: bool) -> Result<Reading> {
    let reading = read_quietly(file, options, convert)?;
    eprint!(
        "{}",
        warning_lines(&file.display().to_string(), &reading.warnings)
    );
    Ok(reading)
}

/// Reads one input file into a register, converting old Office files first when asked.
/// Errors name the file; warnings are left to the caller.
pub fn read_quietly(file: &Path, options: &ReadOptions, convert: bool) -> Result<Reading> {
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
        Err(ReadError::OldBinary(_, target)) if convert => {
            let converted = convert_with_libreoffice(file, target)?;
            reader::read(&converted, &source_name, options)
        }
        other => other,
    }
    .with_context(|| name.to_string())?;
    Ok(reading)
}

/// The format named by `--format`, else by the target's extension, else `fallback`.
pub fn output_format(explicit: Option<Format>, target: Option<&Path>, fallback: Format) -> Format {
    explicit
        .or_else(|| target.and_then(Format::from_extension))
        .unwrap_or(fallback)
}

/// Writes an output to stdout (`None`) or, atomically, to a file that is not the input itself.
pub fn write_output(
    input: &Path,
    target: Option<&Path>,
    format: Format,
    bytes: &[u8],
) -> Result<()> {
    match target {
        None => {
            if format.is_binary() && std::io::stdout().is_terminal() {
                bail!(
                    "refusing to print {} to a terminal: give -o FILE",
                    format.extension()
                );
            }
            write_stdout(bytes).context("cannot write to stdout")
        }
        Some(path) => {
            if same_file(input, path) {
                bail!(
                    "{}: refusing to write over the input itself",
                    path.display()
                );
            }
            write_safely(path, bytes)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), io_message(&e)))
        }
    }
}

/// Writes to stdout; a closed pipe (`dutyctl import x | head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Warnings as printed, `dutyctl: warning: FILE:LINE: message`, one per line.
pub fn warning_lines(name: &str, warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(|w| match w.line {
            Some(line) => format!("dutyctl: warning: {name}:{line}: {}\n", w.message),
            None => format!("dutyctl: warning: {name}: {}\n", w.message),
        })
        .collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The OS message without Rust's `(os error 2)` suffix, lower-cased like the rest.
pub fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

const CONVERT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

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
    let mut child = std::process::Command::new(office)
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(dir.path())
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("{name}: cannot run {office}"))?;
    // A stuck office process must not hold up a batch or a CI job for ever.
    let deadline = std::time::Instant::now() + CONVERT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            bail!(
                "{name}: {office} did not finish converting within {} s",
                CONVERT_TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stem = file.file_stem().unwrap_or_default();
    let converted = dir.path().join(stem).with_extension(target);
    if !status.success() || !converted.exists() {
        bail!("{name}: {office} could not convert it to .{target}");
    }
    Ok(std::fs::read(converted)?)
}
