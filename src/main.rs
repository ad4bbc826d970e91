//! The dutyctl binary: parse arguments, run the command, map errors to exit codes.

mod cli;
mod cmd;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// Errors that stop a command before it could do anything.
const ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Units(args) => cmd::units::run(args),
        Command::Schema => cmd::schema::run(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dutyctl: {error:#}");
            ExitCode::from(ERROR)
        }
    }
}
