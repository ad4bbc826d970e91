//! One module per subcommand; each takes its parsed arguments and returns the exit code.
//! Reading inputs and writing outputs, the only file-system work, is shared here.

pub mod check;
pub mod diff;
pub mod export;
pub mod import;
pub(crate) mod interrupt;
pub(crate) mod output;
pub mod schema;
pub mod serve;
pub(crate) mod split;
pub mod units;

use anyhow::{Context, Result, bail};
use dutyctl::error::{ReadError, Warning};
use dutyctl::normalize::directory::UnitDirectory;
use dutyctl::reader::limits::INPUT_LIMIT;
use dutyctl::reader::{self, ReadOptions, Reading};
use dutyctl::writer::Format;
use output::write_safely;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit codes shared by all commands (README, "Exit status"): success or no differences.
pub const SUCCESS: u8 = 0;
/// Differences (diff) or lint findings (check).
pub const FAILURE: u8 = 1;
/// An error: a file could not be read or written, or the command line was wrong.
pub const ERROR: u8 = 2;

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
    eprint!("{}", warning_lines(&input_name(file), &reading.warnings));
    Ok(reading)
}

/// Reads one input file into a register, converting old Office files first when asked.
/// Errors name the file; warnings are left to the caller.
pub fn read_quietly(file: &Path, options: &ReadOptions, convert: bool) -> Result<Reading> {
    let name = input_name(file);
    let bytes = read_input_bytes(file)?;
    let source_name = match file.file_name() {
        Some(n) if file.as_os_str() != "-" => n.to_string_lossy().into_owned(),
        _ => name.clone(),
    };
    // A reader that panics (a bug, or a parser crate meeting a file it did not expect) costs
    // only this file: it is reported as this file's error, never as a crash of the run.
    let read = |bytes: &[u8]| {
        std::panic::catch_unwind(|| reader::read(bytes, &source_name, options))
            .unwrap_or_else(|panic| Err(ReadError::Corrupt(internal_error(&*panic))))
    };
    let reading = match read(&bytes) {
        Err(ReadError::OldBinary(_, target)) if convert => {
            let converted = convert_with_libreoffice(file, target)?;
            read(&converted)
        }
        other => other,
    }
    .with_context(|| name.clone())?;
    Ok(reading)
}

/// A caught panic as a one-line message.
pub fn internal_error(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!(
        "internal error, please report it: {}",
        message.lines().next().unwrap_or("")
    )
}

/// How an input is named in messages: its path, or `stdin` for `-`.
pub fn input_name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "stdin".into()
    } else {
        file.display().to_string()
    }
}

/// The bytes of an input file, or of standard input for `-`, refused past the input limit
/// before they are read (a file) or once it is passed (a stream).
pub fn read_input_bytes(file: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let name = input_name(file);
    let limit = INPUT_LIMIT;
    let too_large = || {
        anyhow::anyhow!(
            "{name}: refused: larger than the {} MB dutyctl reads",
            limit / (1024 * 1024)
        )
    };
    let io_error = |e: std::io::Error| anyhow::anyhow!("{name}: {}", io_message(&e));
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    } else {
        if file.is_dir() {
            bail!("{name}: is a directory, not a document");
        }
        let opened = std::fs::File::open(file).map_err(io_error)?;
        let len = opened.metadata().map_err(io_error)?.len();
        if len > limit {
            return Err(too_large());
        }
        // Room for the whole file (and the byte that shows it grew): one read, not a doubling
        // buffer's twenty.
        bytes.reserve_exact(usize::try_from(len).unwrap_or(0) + 1);
        opened
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
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
        .map(|w| {
            let (name, message) = (printable_line(name), printable_line(&w.message));
            match (&w.at, w.line()) {
                (_, Some(line)) => format!("dutyctl: warning: {name}:{line}: {message}\n"),
                (Some(at), None) => format!(
                    "dutyctl: warning: {name}: {}: {message}\n",
                    printable_line(&at.to_string())
                ),
                (None, None) => format!("dutyctl: warning: {name}: {message}\n"),
            }
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
    let (dir, _listed) = interrupt::make_listed(tempfile::tempdir)?;
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

/// Text from an input made safe to print on a terminal: control characters (ESC starts a
/// terminal command, CR overwrites a line) and bidirectional overrides (U+202E reverses what
/// follows) are shown as escapes such as `\x1b` and `\u{202e}`. Line breaks and tabs stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    escape_where(text, |c| c != '\n' && c != '\t' && needs_escape(c))
}

/// As [`printable`], and line breaks escaped too, for what must stay on one line.
pub fn printable_line(text: &str) -> std::borrow::Cow<'_, str> {
    escape_where(text, needs_escape)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_where(text: &str, escape: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(&escape) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !escape(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
        }
    }
    out.into()
}

/// Every string of a register made [`printable`], for reports printed to a terminal. The same
/// mapping on both sides of a diff keeps equal strings equal. Most registers hold nothing to
/// escape: they are returned as they are, found so from their JSON text (one pass, no tree).
pub fn printable_register(register: dutyctl::model::Register) -> Result<dutyctl::model::Register> {
    fn walk(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                if let std::borrow::Cow::Owned(escaped) = printable(s) {
                    *s = escaped;
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    if !json_needs_printable(&serde_json::to_string(&register)?) {
        return Ok(register);
    }
    let mut value = serde_json::to_value(&register)?;
    walk(&mut value);
    Ok(serde_json::from_value(value)?)
}

/// Whether a string in this JSON text (as serde_json writes it) holds a character that
/// [`printable`] escapes. serde_json writes a control character below U+0020 as an escape
/// (`\b`, `\f`, `\r`, `\u00XX`; `\n` and `\t` are kept by `printable`) and every other
/// character as itself, so one look at each character and escape decides.
fn json_needs_printable(json: &str) -> bool {
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if !matches!(chars.next(), Some('n' | 't' | '"' | '\\' | '/')) {
                return true;
            }
        } else if needs_escape(c) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_commands_and_bidi_overrides_are_escaped() {
        assert_eq!(printable("市\u{1b}[2J应急局"), "市\\x1b[2J应急局");
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(printable("一\n二\t三"), "一\n二\t三");
        assert_eq!(printable_line("一\r\n二"), "一\\r\\n二");
        assert!(matches!(printable("平常"), std::borrow::Cow::Borrowed(_)));
    }

    /// The JSON look decides as the walk over every string would, for every character that
    /// matters and its neighbours in a string.
    #[test]
    fn a_register_needs_escaping_exactly_when_one_of_its_strings_does() {
        let samples = [
            "平常的任务",
            "一\n二\t三",
            "带\"引号\"和\\反斜杠/",
            "市\u{1b}[2J应急局",
            "回车\r",
            "退格\u{8}",
            "换页\u{c}",
            "删除\u{7f}",
            "C1\u{85}",
            "abc\u{202e}fed",
            "\u{2066}隔离",
            "\u{0}",
            "末尾\\",
        ];
        for sample in samples {
            let mut register = dutyctl::model::Register::of_tasks(Vec::new());
            register.document.title = Some(sample.to_string());
            let json = serde_json::to_string(&register).unwrap();
            let expected = matches!(printable(sample), std::borrow::Cow::Owned(_));
            assert_eq!(
                json_needs_printable(&json),
                expected,
                "{sample:?} in {json}"
            );
            let escaped = printable_register(register).unwrap();
            assert_eq!(
                escaped.document.title.as_deref(),
                Some(&*printable(sample)),
                "{sample:?}"
            );
        }
    }
}
