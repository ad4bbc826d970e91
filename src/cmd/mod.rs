//! One module per subcommand; each takes its parsed arguments and returns the exit code.

pub mod import;
pub mod schema;

use std::io::Write;
use std::process::ExitCode;

/// Exit codes shared by all commands.
pub const SUCCESS: u8 = 0;
/// Some input could not be read or written (import), or differences/findings (diff, check).
pub const FAILURE: u8 = 1;

/// Writes to stdout; a closed pipe (`dutyctl import x | head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
