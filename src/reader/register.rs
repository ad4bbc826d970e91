//! Registers written by dutyctl (YAML or JSON) read back, so every command also takes a register.
//! Errors say where: line, column and the path of the offending key (`tasks[12].lead`).
//!
//! YAML as dutyctl prints it is read by [`super::yaml_subset`]; any other YAML, and any register
//! that does not parse, goes through `serde_yaml`, which gives the errors their place.

use super::yaml_subset;
use crate::error::ReadError;
use crate::model::{Register, SCHEMA_VERSION};
use serde::Deserialize;

/// A register starts with its `dutyctl:` version key (YAML) or is a JSON object holding it.
pub fn looks_like_register(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // Bytes, not characters: the 200th byte may fall inside a title's character.
    let head = &start.as_bytes()[..start.len().min(200)];
    start.starts_with("dutyctl:")
        || (start.starts_with('{') && memchr::memmem::find(head, b"\"dutyctl\"").is_some())
}

/// Where a register departs from schema version 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The key path, such as `tasks[12].lead`; empty at the top.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "{line}:{column}: ")?;
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)
    }
}

pub fn read_register(text: &str) -> Result<Register, ReadError> {
    parse_register(text).map_err(|e| ReadError::BadRegister(e.to_string()))
}

/// Parses a register, YAML or JSON, checking it against schema version 1.
pub fn parse_register(text: &str) -> Result<Register, SchemaError> {
    let text = text.trim_start_matches('\u{feff}');
    let fast = || {
        let tree = yaml_subset::parse(text).ok()?;
        register_from_tree(&tree)
    };
    let register: Register = if text.trim_start().starts_with('{') {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let inner = e.inner();
            SchemaError {
                line: Some(inner.line()),
                column: Some(inner.column()),
                path: e.path().to_string(),
                message: without_location(&inner.to_string()),
            }
        })?
    } else if let Some(register) = fast() {
        register
    } else {
        super::limits::check_yaml_expansion(text).map_err(|message| SchemaError {
            line: None,
            column: None,
            path: String::new(),
            message,
        })?;
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let location = e.inner().location();
            let path = e.path().to_string();
            // yaml_serde names the path itself; it is reported once, separately.
            let message = without_location(&e.inner().to_string());
            let message = message
                .strip_prefix(&format!("{path}: "))
                .map(str::to_string)
                .unwrap_or(message);
            SchemaError {
                line: location.as_ref().map(|l| l.line()),
                column: location.as_ref().map(|l| l.column()),
                path,
                message,
            }
        })?
    };
    if register.dutyctl != SCHEMA_VERSION {
        return Err(SchemaError {
            line: None,
            column: None,
            path: "dutyctl".into(),
            message: format!(
                "schema version {} is not supported (this dutyctl reads version {SCHEMA_VERSION})",
                register.dutyctl
            ),
        });
    }
    Ok(register)
}

/// The register a tree of [`yaml_subset`] holds, as `serde_yaml` would read it from the text;
/// `None` where it does not parse (the schema version is not checked here).
pub fn register_from_tree(tree: &yaml_subset::Node) -> Option<Register> {
    Register::deserialize(tree).ok()
}

/// The parsers append ` at line 3 column 7`; the location is reported separately.
fn without_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_register_is_known_whatever_character_its_200th_byte_falls_in() {
        for pad in 0..3 {
            let title = format!("{}{}", "x".repeat(pad), "某县关于做好工作的通知".repeat(20));
            let json =
                format!("{{\n  \"dutyctl\": 1,\n  \"document\": {{\"title\": \"{title}\"}}}}");
            assert!(looks_like_register(&json), "pad {pad}");
        }
        assert!(!looks_like_register(&format!(
            "{{\"title\": \"{}\"}}",
            "某".repeat(100)
        )));
    }

    #[test]
    fn wrong_types_are_located_by_line_column_and_path() {
        let text = "dutyctl: 1\ndocument:\n  title: null\n  doc_number: null\n  issuer: null\n  date: null\n  layout: table\n  source: a.txt\n  sha256: x\n  notes: []\npeople: []\ntasks:\n- id: t1\n  seq: null\n  section: []\n  title: 甲\n  text: 甲\n  lead: 市应急局\n";
        let e = parse_register(text).unwrap_err();
        assert_eq!(e.path, "tasks[0].lead");
        assert_eq!(e.line, Some(18));
        assert!(e.message.contains("expected a sequence"), "{}", e.message);
    }

    #[test]
    fn a_register_reads_the_same_with_a_bom_as_json_and_as_serde_yaml_reads_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/leader_division_gb18030.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let register = parse_register(&text).unwrap();
        assert_eq!(register, serde_yaml::from_str::<Register>(&text).unwrap());
        assert_eq!(
            parse_register(&format!("\u{feff}{text}")).unwrap(),
            register
        );
        let json = serde_json::to_string_pretty(&register).unwrap();
        assert_eq!(parse_register(&json).unwrap(), register);
        // A version this dutyctl does not read is refused from the fast reader's tree too.
        let e = parse_register(&text.replacen("dutyctl: 1", "dutyctl: 2", 1)).unwrap_err();
        assert_eq!(e.path, "dutyctl");
    }

    #[test]
    // A YAML bomb is tested through `dutyctl check`, where users meet it (tests/cli.rs).
    fn tabs_are_located_errors() {
        let error = parse_register("dutyctl: 1\n\tdocument: x\n").unwrap_err();
        assert_eq!(error.line, Some(2));
    }
}
