//! Lints over a register: each has a name for `--deny`/`--allow`, and findings are data.

use crate::interpret::due::due_date;
use crate::model::Register;
use crate::normalize::directory::UnitDirectory;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// A task without a lead unit.
    NoLead,
    /// A unit the directory (`--units`) does not list.
    UnknownUnit,
    /// Two tasks with the same title and text in the same section.
    DuplicateTask,
    /// An id used twice.
    DuplicateId,
    /// A due date before `--today`.
    PastDeadline,
    /// A due date that is not the date its deadline text names.
    DueMismatch,
    /// A task without a title.
    EmptyTitle,
}

impl Lint {
    pub fn name(self) -> &'static str {
        match self {
            Lint::NoLead => "no-lead",
            Lint::UnknownUnit => "unknown-unit",
            Lint::DuplicateTask => "duplicate-task",
            Lint::DuplicateId => "duplicate-id",
            Lint::PastDeadline => "past-deadline",
            Lint::DueMismatch => "due-mismatch",
            Lint::EmptyTitle => "empty-title",
        }
    }

    /// Lints that fail the run unless allowed; the others warn unless denied. Many tables name
    /// only responsible units, and last year's register has past deadlines by nature.
    pub fn denied_by_default(self) -> bool {
        !matches!(self, Lint::NoLead | Lint::PastDeadline)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub lint: Lint,
    /// Index of the task in `tasks`.
    pub task: usize,
    pub id: String,
    pub message: String,
}

/// Runs every lint. `units` enables `unknown-unit`; `today` is YYYY-MM-DD.
pub fn lint(register: &Register, units: Option<&UnitDirectory>, today: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    // The same duty under two posts of a duty list is two tasks: the section is part of a task.
    let mut contents: HashMap<(&[String], String, String), usize> = HashMap::new();
    for (i, task) in register.tasks.iter().enumerate() {
        let label = format!("{} {}", task.seq.as_deref().unwrap_or(""), task.title)
            .trim()
            .to_string();
        let mut add = |lint: Lint, message: String| {
            findings.push(Finding {
                lint,
                task: i,
                id: task.id.clone(),
                message,
            })
        };
        if task.title.trim().is_empty() {
            add(Lint::EmptyTitle, "the task has no title".into());
        }
        if task.lead.is_empty() {
            add(Lint::NoLead, format!("{label}: no lead unit (牵头单位)"));
        }
        if let Some(first) = ids.insert(&task.id, i) {
            add(
                Lint::DuplicateId,
                format!("id {} is used by tasks[{first}] too", task.id),
            );
        }
        let content = (
            task.section.as_slice(),
            squeeze(&task.title),
            squeeze(&task.text),
        );
        if let Some(first) = contents.insert(content, i) {
            add(
                Lint::DuplicateTask,
                format!("{label}: the same task as tasks[{first}]"),
            );
        }
        if let Some(directory) = units {
            for unit in task.lead.iter().chain(&task.support) {
                if !directory.contains(unit) {
                    add(
                        Lint::UnknownUnit,
                        format!("{unit} is not in the unit directory"),
                    );
                }
            }
        }
        match (&task.due, task.deadline.as_deref().and_then(due_date)) {
            (Some(due), Some(named)) if *due != named => {
                add(
                    Lint::DueMismatch,
                    format!(
                        "{label}: due {due} but the deadline {} names {named}",
                        task.deadline.as_deref().unwrap_or("")
                    ),
                );
            }
            (Some(due), None) if task.deadline.is_some() => {
                add(
                    Lint::DueMismatch,
                    format!(
                        "{label}: due {due} but the deadline {} names no date",
                        task.deadline.as_deref().unwrap_or("")
                    ),
                );
            }
            _ => {}
        }
        if let Some(due) = &task.due
            && due.as_str() < today
        {
            add(
                Lint::PastDeadline,
                format!("{label}: due {due}, before {today}"),
            );
        }
    }
    findings
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Task;

    fn task(
        id: &str,
        title: &str,
        lead: &[&str],
        deadline: Option<&str>,
        due: Option<&str>,
    ) -> Task {
        Task {
            id: id.into(),
            title: title.into(),
            text: format!("{title}。"),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            deadline: deadline.map(str::to_string),
            due: due.map(str::to_string),
            ..Task::default()
        }
    }

    fn lints(tasks: Vec<Task>, units: Option<&UnitDirectory>) -> Vec<&'static str> {
        let register = Register::of_tasks(tasks);
        let mut names: Vec<&str> = lint(&register, units, "2024-01-01")
            .iter()
            .map(|f| f.lint.name())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_sound_task_has_no_findings() {
        assert!(
            lints(
                vec![task(
                    "t1",
                    "排查",
                    &["市应急局"],
                    Some("2024年底前"),
                    Some("2024-12-31")
                )],
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn each_lint_fires() {
        assert_eq!(
            lints(vec![task("t1", "", &["市应急局"], None, None)], None),
            ["empty-title"]
        );
        assert_eq!(
            lints(vec![task("t1", "排查", &[], None, None)], None),
            ["no-lead"]
        );
        assert_eq!(
            lints(
                vec![
                    task("t1", "排查", &["甲局"], None, None),
                    task("t1", "整改", &["甲局"], None, None)
                ],
                None
            ),
            ["duplicate-id"]
        );
        assert_eq!(
            lints(
                vec![
                    task("t1", "排查", &["甲局"], None, None),
                    task("t2", "排查", &["甲局"], None, None)
                ],
                None
            ),
            ["duplicate-task"]
        );
        assert_eq!(
            lints(
                vec![task(
                    "t1",
                    "排查",
                    &["甲局"],
                    Some("2024年底前"),
                    Some("2024-06-30")
                )],
                None
            ),
            ["due-mismatch"]
        );
        assert_eq!(
            lints(
                vec![task(
                    "t1",
                    "排查",
                    &["甲局"],
                    Some("2023年底前"),
                    Some("2023-12-31")
                )],
                None
            ),
            ["past-deadline"]
        );
        let directory = UnitDirectory::from_yaml("市应急管理局:\n").unwrap();
        assert_eq!(
            lints(
                vec![task("t1", "排查", &["市应急局"], None, None)],
                Some(&directory)
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            lints(
                vec![task("t1", "排查", &["市财政局"], None, None)],
                Some(&directory)
            ),
            ["unknown-unit"]
        );
    }
}
