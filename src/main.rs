//! The dutyctl binary: parse arguments, run the command, map errors to exit codes.

mod cli;
mod cmd;
mod serve;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Panics are caught and reported in one line (per file where a file caused them); the
    // default hook's multi-line report would only repeat them. RUST_BACKTRACE keeps it.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let result = std::panic::catch_unwind(|| match &cli.command {
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Units(args) => cmd::units::run(args),
        Command::Schema => cmd::schema::run(),
        Command::Serve(args) => cmd::serve::run(args),
    })
    .unwrap_or_else(|panic| Err(anyhow::anyhow!(cmd::internal_error(&*panic))));
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dutyctl: {}", cmd::printable_line(&format!("{error:#}")));
            ExitCode::from(cmd::ERROR)
        }
    }
}
