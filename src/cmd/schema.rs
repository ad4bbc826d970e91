//! `dutyctl schema`: the register's JSON Schema, generated from the model so it cannot drift.

use dutyctl::model::Register;
use std::process::ExitCode;

pub fn run() -> anyhow::Result<ExitCode> {
    let schema = schemars::schema_for!(Register);
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    super::write_stdout(text.as_bytes())?;
    Ok(super::exit(super::SUCCESS))
}
