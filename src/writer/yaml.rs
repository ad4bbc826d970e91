//! The register as YAML: the canonical, diff-friendly form. All YAML goes through this module.

use super::WriteError;
use super::yaml_emitter;
use crate::model::Register;

pub fn write(register: &Register) -> Result<Vec<u8>, WriteError> {
    // The fast printer gives serde_yaml's exact text or declines; serde_yaml prints the rest.
    if let Ok(text) = yaml_emitter::to_string(register) {
        return Ok(text.into_bytes());
    }
    serde_yaml::to_string(register)
        .map(String::into_bytes)
        .map_err(|e| WriteError(e.to_string()))
}
