//! The register as YAML: the canonical, diff-friendly form. All YAML goes through this module.

use super::WriteError;
use crate::model::Register;

pub fn write(register: &Register) -> Result<Vec<u8>, WriteError> {
    serde_yaml::to_string(register)
        .map(String::into_bytes)
        .map_err(|e| WriteError(e.to_string()))
}
