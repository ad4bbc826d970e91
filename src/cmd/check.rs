//! `dutyctl check FILE...`: registers against schema version 1, then the lints. Exit 0 clean,
//! 1 problems found, 2 a file could not be read.

use crate::cli::{CheckArgs, CheckFormat};
use anyhow::Result;
use dutyctl::lint::{Lint, lint};
use dutyctl::reader::decode::{EncodingChoice, decode_text};
use dutyctl::reader::limits::check_yaml_expansion;
use dutyctl::reader::register::{parse_register, register_from_tree};
use dutyctl::reader::yaml_subset;
use serde::{Deserialize, Serialize};
use std::process::ExitCode;

/// One problem, located in its file.
#[derive(Debug, Serialize)]
struct Diagnostic {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    /// `error` fails the run, `warning` does not.
    level: &'static str,
    /// The lint's name, or `schema`.
    code: &'static str,
    message: String,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let units = match &args.units {
        Some(path) => Some(super::read_units(Some(path))?),
        None => None,
    };
    let today = args.today.clone().unwrap_or_else(today_utc);
    let mut diagnostics = Vec::new();
    let mut unreadable = false;
    for file in &args.files {
        let name = super::input_name(file);
        let text = match super::read_input_bytes(file) {
            Ok(bytes) => match decode_text(&bytes, EncodingChoice::Auto) {
                Ok(text) => text.into_owned(),
                Err(e) => {
                    eprintln!(
                        "dutyctl: {}",
                        super::printable_line(&format!("{name}: {e}"))
                    );
                    if args.format != CheckFormat::Text {
                        diagnostics.push(unreadable_file(&name, &e.to_string()));
                    }
                    unreadable = true;
                    continue;
                }
            },
            Err(e) => {
                let message = format!("{e:#}");
                eprintln!("dutyctl: {}", super::printable_line(&message));
                if args.format != CheckFormat::Text {
                    // Annotations and JSON consumers see the failure too, not only the log.
                    let message = message
                        .strip_prefix(&format!("{name}: "))
                        .unwrap_or(&message);
                    diagnostics.push(unreadable_file(&name, message));
                }
                unreadable = true;
                continue;
            }
        };
        diagnostics.extend(check_text(&name, &text, units.as_ref(), &today, args));
    }
    print(&diagnostics, args.format)?;
    let failed = diagnostics.iter().any(|d| d.level == "error");
    Ok(super::exit(match (unreadable, failed) {
        (true, _) => super::ERROR,
        (false, true) => super::FAILURE,
        (false, false) => super::SUCCESS,
    }))
}

fn unreadable_file(file: &str, message: &str) -> Diagnostic {
    Diagnostic {
        file: file.into(),
        line: None,
        column: None,
        level: "error",
        code: "unreadable",
        message: message.into(),
    }
}

fn check_text(
    file: &str,
    text: &str,
    units: Option<&dutyctl::normalize::directory::UnitDirectory>,
    today: &str,
    args: &CheckArgs,
) -> Vec<Diagnostic> {
    // The file is read into a tree once, for the keys the parser does not see; a register the
    // tree holds needs no second reading. Only an error sends the parser over the text again,
    // for the line and column it names. YAML as dutyctl prints it is read by the subset reader,
    // whose tree serves the checks too; any other YAML by serde_yaml, into a `Value`.
    let subset = yaml_subset::parse(text).ok();
    let (value, from_tree) = match &subset {
        Some(tree) => (None, register_from_tree(tree)),
        None => {
            let value = check_yaml_expansion(text)
                .ok()
                .and_then(|()| serde_yaml::from_str::<serde_yaml::Value>(text).ok());
            let register = value
                .as_ref()
                .and_then(|v| dutyctl::model::Register::deserialize(v).ok());
            (value, register)
        }
    };
    let from_tree = from_tree.filter(|r| r.dutyctl == dutyctl::model::SCHEMA_VERSION);
    let parsed = match from_tree {
        Some(register) => Ok(register),
        None => parse_register(text),
    };
    let (register, mut diagnostics) = match parsed {
        Ok(register) => (Some(register), Vec::new()),
        Err(e) => {
            let first = Diagnostic {
                file: file.into(),
                line: e.line,
                column: e.column,
                level: "error",
                code: "schema",
                message: if e.path.is_empty() || e.path == "." {
                    e.message
                } else {
                    format!("{}: {}", e.path, e.message)
                },
            };
            (None, vec![first])
        }
    };
    // The parser stops at the first error; the rest of the file is checked part by part, so
    // that one run reports every broken task. (A syntax error, or a register refused for its
    // aliases, leaves nothing to go through.)
    // Each task's line and column, found in one pass over the file.
    let places = task_places(text);
    let place = |index: usize| {
        places
            .get(index)
            .map_or((None, None), |&(line, column)| (Some(line), column))
    };
    let mut bad_due = std::collections::BTreeSet::new();
    let first_error_path = match &register {
        None => diagnostics[0]
            .message
            .split(": ")
            .next()
            .unwrap_or("")
            .to_string(),
        Some(_) => String::new(),
    };
    let parsed = register.is_some();
    let problems = match &subset {
        // A register that parsed needs only lookups in its tree, which answer as the `Value`
        // would. (A tree holding an integer too large for `Value` has no `Value`, and nothing
        // is looked up, as before.)
        Some(tree) if parsed && tree.fits_value() => schema::missing_keys_and_dates(tree),
        // The errors of each part of a register that does not parse are `Value`'s to find.
        Some(tree) => serde_yaml::Value::deserialize(tree)
            .ok()
            .map_or_else(Vec::new, |v| schema::problems(&v, parsed)),
        None => value
            .as_ref()
            .map_or_else(Vec::new, |v| schema::problems(v, parsed)),
    };
    for problem in problems {
        let reported = !first_error_path.is_empty()
            && !problem.missing_or_date
            && (first_error_path == problem.part
                || first_error_path.starts_with(&format!("{}.", problem.part))
                || first_error_path.starts_with(&format!("{}[", problem.part)));
        if reported {
            continue;
        }
        if problem.bad_due {
            bad_due.extend(problem.task);
        }
        let (line, column) = match problem.task {
            Some(index) => place(index),
            None => (None, None),
        };
        diagnostics.push(Diagnostic {
            file: file.into(),
            line,
            column,
            level: "error",
            code: "schema",
            message: problem.message,
        });
    }
    let Some(register) = register else {
        return diagnostics;
    };
    // A due date that is no date is a schema error, not a deadline to compare with today.
    let findings = lint(&register, units, today).into_iter().filter(|f| {
        !(bad_due.contains(&f.task) && matches!(f.lint, Lint::PastDeadline | Lint::DueMismatch))
    });
    diagnostics.extend(findings.filter(|f| !args.allow.contains(&f.lint)).map(|f| {
        let denied = args.deny.contains(&f.lint) || f.lint.denied_by_default();
        let (line, column) = place(f.task);
        Diagnostic {
            file: file.into(),
            line,
            column,
            level: if denied { "error" } else { "warning" },
            code: f.lint.name(),
            message: format!("tasks[{}]: {}", f.task, f.message),
        }
    }));
    diagnostics
}

/// The line and column of each task's `id` key, in task order: the n-th `id:` (YAML) or `"id":`
/// (JSON) in the file is task n's (document and people have no `id`). One pass over the file,
/// however many findings there are.
fn task_places(text: &str) -> Vec<(usize, Option<usize>)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let is_id = trimmed.starts_with("id:") || trimmed.starts_with("\"id\":");
            is_id.then(|| {
                let column = line
                    .find("id")
                    .map(|c| c + 1 - usize::from(trimmed.starts_with('"')));
                (n + 1, column)
            })
        })
        .collect()
}

fn print(diagnostics: &[Diagnostic], format: CheckFormat) -> Result<()> {
    let out = match format {
        CheckFormat::Json => {
            let mut json = serde_json::to_string_pretty(diagnostics)?;
            json.push('\n');
            json
        }
        CheckFormat::Text => diagnostics
            .iter()
            .map(|d| {
                let message = super::printable_line(&d.message);
                let place = super::printable_line(&place(d)).into_owned();
                format!("{place}: {}[{}]: {message}\n", d.level, d.code)
            })
            .collect(),
        CheckFormat::Github => diagnostics.iter().map(github_annotation).collect(),
    };
    super::write_stdout(out.as_bytes())?;
    Ok(())
}

/// A diagnostic as a GitHub workflow command, escaped as the runner requires: `%`, CR and LF
/// in the message; those and `:` and `,` in property values (a file `a,b:c.yaml` would
/// otherwise end the property early).
fn github_annotation(d: &Diagnostic) -> String {
    let data = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let mut props = format!("file={}", property(&d.file));
    if let Some(line) = d.line {
        props.push_str(&format!(",line={line}"));
    }
    if let Some(column) = d.column {
        props.push_str(&format!(",col={column}"));
    }
    let title = property(&format!("dutyctl {}", d.code));
    // Control characters other than line breaks are escaped for the log viewer too.
    let message = data(&super::printable(&d.message));
    format!("::{} {props},title={title}::{message}\n", d.level)
}

fn place(d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", d.file),
        (Some(line), None) => format!("{}:{line}", d.file),
        _ => d.file.clone(),
    }
}

/// Today's date (UTC) as YYYY-MM-DD, the default for `--today`.
fn today_utc() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    dutyctl::reader::workbook::date_from_unix_days(days as i64)
}

/// What the parser does not see: keys missing that every register has (serde takes a missing
/// `deadline` for null), dates that are no dates, and errors in tasks after the first error.
mod schema {
    use dutyctl::model::{Document, Item, Person, Register, SCHEMA_VERSION, Task};
    use dutyctl::reader::yaml_subset::Node;
    use serde_yaml::Value;

    /// What the checks look up in a register's tree: serde_yaml's `Value`, or the subset
    /// reader's tree, which answers alike.
    pub trait Tree {
        /// The node under `key` of a mapping; `None` for a missing key or no mapping.
        fn get(&self, key: &str) -> Option<&Self>;
        fn is_mapping(&self) -> bool;
        /// The items of a sequence; none for anything else.
        fn items(&self) -> &[Self]
        where
            Self: Sized;
        /// The text of a string (not of a null, boolean or number).
        fn text(&self) -> Option<&str>;
    }

    impl Tree for Value {
        fn get(&self, key: &str) -> Option<&Self> {
            Value::get(self, key)
        }
        fn is_mapping(&self) -> bool {
            self.as_mapping().is_some()
        }
        fn items(&self) -> &[Self] {
            self.as_sequence().map_or(&[], Vec::as_slice)
        }
        fn text(&self) -> Option<&str> {
            self.as_str()
        }
    }

    impl Tree for Node<'_> {
        fn get(&self, key: &str) -> Option<&Self> {
            Node::get(self, key)
        }
        fn is_mapping(&self) -> bool {
            matches!(self, Node::Map(_))
        }
        fn items(&self) -> &[Self] {
            self.as_sequence().unwrap_or(&[])
        }
        fn text(&self) -> Option<&str> {
            self.as_str()
        }
    }

    pub struct Problem {
        /// The key path of the part at fault: `document`, `people[2]`, `tasks[7]`.
        pub part: String,
        pub task: Option<usize>,
        pub message: String,
        /// A missing key or a bad date, which the parser never reports.
        pub missing_or_date: bool,
        pub bad_due: bool,
    }

    /// A register as dutyctl writes it, with one of everything: the keys it writes are the keys
    /// every register has, so the list cannot drift from the model.
    fn sample() -> serde_json::Value {
        let register = Register {
            dutyctl: SCHEMA_VERSION,
            document: Document::default(),
            people: vec![Person {
                name: String::new(),
                title: None,
                backup: None,
            }],
            tasks: vec![Task {
                items: vec![Item {
                    label: String::new(),
                    text: String::new(),
                    deadline: None,
                }],
                ..Task::default()
            }],
        };
        serde_json::to_value(register).expect("a register serializes")
    }

    /// The problems of a register read as YAML. Where the whole register `parsed`, every part
    /// of it parses too: only missing keys and dates are looked for.
    pub fn problems(value: &Value, parsed: bool) -> Vec<Problem> {
        let mut problems = missing_keys_and_dates(value);
        if parsed {
            return problems;
        }
        // Each part on its own, for the errors after the parser's first.
        let mut invalid = |part: String, task: Option<usize>, error: Option<String>| {
            if let Some(error) = error {
                problems.push(Problem {
                    part: part.clone(),
                    task,
                    message: format!("{part}{error}"),
                    missing_or_date: false,
                    bad_due: false,
                });
            }
        };
        invalid(
            "document".into(),
            None,
            parse_error::<Document>(&value["document"]),
        );
        for (i, person) in sequence(&value["people"]).iter().enumerate() {
            invalid(format!("people[{i}]"), None, parse_error::<Person>(person));
        }
        for (i, task) in sequence(&value["tasks"]).iter().enumerate() {
            invalid(format!("tasks[{i}]"), Some(i), parse_error::<Task>(task));
        }
        problems
    }

    /// The problems a register has even where it parses: keys missing and dates that are no
    /// dates.
    pub fn missing_keys_and_dates<T: Tree>(value: &T) -> Vec<Problem> {
        let sample = sample();
        let mut problems = Vec::new();
        let mut missing = |part: String,
                           task: Option<usize>,
                           node: Option<&T>,
                           keys: &serde_json::Value| {
            let Some(node) = node.filter(|n| n.is_mapping()) else {
                return;
            };
            for (key, example) in keys.as_object().into_iter().flatten() {
                if node.get(key).is_none() {
                    let empty = match example {
                        serde_json::Value::Array(_) => "[]",
                        serde_json::Value::Object(_) => "{}",
                        _ => "null",
                    };
                    let place = if part.is_empty() {
                        String::new()
                    } else {
                        format!("{part}: ")
                    };
                    problems.push(Problem {
                        part: part.clone(),
                        task,
                        message: format!(
                            "{place}missing key `{key}` (every key is always present: write `{key}: {empty}`)"
                        ),
                        missing_or_date: true,
                        bad_due: false,
                    });
                }
            }
        };
        missing(String::new(), None, Some(value), &sample);
        missing(
            "document".into(),
            None,
            value.get("document"),
            &sample["document"],
        );
        for (i, person) in items(value, "people").iter().enumerate() {
            missing(
                format!("people[{i}]"),
                None,
                Some(person),
                &sample["people"][0],
            );
        }
        let tasks = items(value, "tasks");
        for (i, task) in tasks.iter().enumerate() {
            missing(
                format!("tasks[{i}]"),
                Some(i),
                Some(task),
                &sample["tasks"][0],
            );
            for (j, item) in items(task, "items").iter().enumerate() {
                missing(
                    format!("tasks[{i}].items[{j}]"),
                    Some(i),
                    Some(item),
                    &sample["tasks"][0]["items"][0],
                );
            }
        }
        let mut bad_date = |part: String, task: Option<usize>, node: Option<&T>| {
            if let Some(text) = node.and_then(T::text)
                && !is_date(text)
            {
                problems.push(Problem {
                    part: part.clone(),
                    task,
                    message: format!("{part}: `{text}` is not a date (YYYY-MM-DD)"),
                    missing_or_date: true,
                    bad_due: task.is_some(),
                });
            }
        };
        bad_date(
            "document.date".into(),
            None,
            value.get("document").and_then(|d| d.get("date")),
        );
        for (i, task) in tasks.iter().enumerate() {
            bad_date(format!("tasks[{i}].due"), Some(i), task.get("due"));
        }
        problems
    }

    /// The items of the sequence under `key`; none if there is none.
    fn items<'t, T: Tree>(node: &'t T, key: &str) -> &'t [T] {
        node.get(key).map_or(&[], T::items)
    }

    fn sequence(value: &Value) -> &[Value] {
        value.as_sequence().map_or(&[], Vec::as_slice)
    }

    /// Why `value` is not a `T`, as the rest of a message after the part's path
    /// (`.lead: invalid type …`).
    fn parse_error<T: serde::de::DeserializeOwned>(value: &Value) -> Option<String> {
        if value.is_null() {
            return None; // reported as a missing key, or by the parser
        }
        serde_path_to_error::deserialize::<_, T>(value.clone())
            .err()
            .map(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner().to_string();
                if path.is_empty() || path == "." {
                    format!(": {inner}")
                } else {
                    let inner = inner
                        .strip_prefix(&format!("{path}: "))
                        .unwrap_or(&inner)
                        .to_string();
                    format!(".{path}: {inner}")
                }
            })
    }

    /// YYYY-MM-DD naming a day of the calendar.
    pub fn is_date(text: &str) -> bool {
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return false;
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
            return false;
        }
        let (year, month, day): (u32, u32, u32) = (
            year.parse().unwrap_or(0),
            month.parse().unwrap_or(0),
            day.parse().unwrap_or(0),
        );
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&day)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn dates_must_be_days_of_the_calendar() {
            assert!(is_date("2024-02-29"));
            assert!(!is_date("2023-02-29"));
            assert!(!is_date("2024-13-45"));
            assert!(!is_date("2024-6-30"));
        }
    }
}
