//! Registers written by dutyctl (YAML or JSON) read back, so every command also takes a register.

use crate::error::ReadError;
use crate::model::{Register, SCHEMA_VERSION};

/// A register starts with its `dutyctl:` version key (YAML) or is a JSON object holding it.
pub fn looks_like_register(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    start.starts_with("dutyctl:")
        || (start.starts_with('{') && start[..start.len().min(200)].contains("\"dutyctl\""))
}

pub fn read_register(text: &str) -> Result<Register, ReadError> {
    let register: Register = if text.trim_start().starts_with('{') {
        serde_json::from_str(text)
            .map_err(|e| ReadError::BadRegister(format!("line {}: {e}", e.line())))?
    } else {
        serde_yaml::from_str(text).map_err(|e| ReadError::BadRegister(e.to_string()))?
    };
    if register.dutyctl != SCHEMA_VERSION {
        return Err(ReadError::BadRegister(format!(
            "schema version {} is not supported (this dutyctl reads version {SCHEMA_VERSION})",
            register.dutyctl
        )));
    }
    Ok(register)
}
