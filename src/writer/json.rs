//! The register as JSON, for other programs.

use super::WriteError;
use crate::model::Register;

pub fn write(register: &Register) -> Result<Vec<u8>, WriteError> {
    let mut bytes = serde_json::to_vec_pretty(register).map_err(|e| WriteError(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
