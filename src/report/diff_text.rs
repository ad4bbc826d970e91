//! A diff for the terminal: one line per change, details indented under the names the
//! 责任分解表 and the Markdown report give them (牵头单位, 完成时限 …), coloured when asked.

use super::{Span, field_label, progress_changes, task_label, text_changes};
use crate::diff::{Change, Detail, Diff};
use crate::vocab::{
    Column, DIFF_BY_UNIT, DIFF_MERGED_FROM, DIFF_SPLIT_INTO, DIFF_SUMMARY_WORDS, DIFF_WAS_LABEL,
    printed_header,
};
use std::fmt::Write;

struct Paint {
    color: bool,
}

impl Paint {
    fn code(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn added(&self, text: &str) -> String {
        self.code("32", text)
    }
    fn removed(&self, text: &str) -> String {
        self.code("31", text)
    }
    fn changed(&self, text: &str) -> String {
        self.code("33", text)
    }
    fn moved(&self, text: &str) -> String {
        self.code("36", text)
    }
}

pub fn render(diff: &Diff, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    for change in &diff.changes {
        match change {
            Change::Changed {
                old, new, details, ..
            } => {
                let _ = writeln!(out, "{} {}", paint.changed("~"), task_label(new));
                if old.title != new.title {
                    let _ = writeln!(out, "    {DIFF_WAS_LABEL}：{}", task_label(old));
                }
                for detail in details {
                    for line in detail_lines(detail, &paint) {
                        let _ = writeln!(out, "    {line}");
                    }
                }
            }
            Change::Added { new } => {
                let _ = writeln!(out, "{} {}", paint.added("+"), task_label(new));
            }
            Change::Removed { old } => {
                let _ = writeln!(out, "{} {}", paint.removed("-"), task_label(old));
            }
            Change::Split { old, new } => {
                let _ = writeln!(
                    out,
                    "{} {}\n    {DIFF_SPLIT_INTO}：{}",
                    paint.moved("<"),
                    task_label(old),
                    labels(new)
                );
            }
            Change::Merged { old, new } => {
                let _ = writeln!(
                    out,
                    "{} {}\n    {DIFF_MERGED_FROM}：{}",
                    paint.moved(">"),
                    task_label(new),
                    labels(old)
                );
            }
        }
    }
    if !diff.units.is_empty() {
        let _ = writeln!(out, "\n{DIFF_BY_UNIT}：");
        for unit in &diff.units {
            let parts: Vec<String> = [
                (
                    printed_header(Column::Lead),
                    &unit.lead_gained,
                    &unit.lead_lost,
                ),
                (
                    printed_header(Column::Support),
                    &unit.support_gained,
                    &unit.support_lost,
                ),
            ]
            .into_iter()
            .filter(|(_, gained, lost)| !gained.is_empty() || !lost.is_empty())
            .map(|(label, gained, lost)| signed(label, gained, lost, &paint))
            .collect();
            let _ = writeln!(out, "  {}  {}", unit.unit, parts.join(PART_SEPARATOR));
        }
    }
    // A blank line sets the summary apart from the changes, and is left out where there are none.
    if !out.is_empty() {
        out.push('\n');
    }
    let s = &diff.summary;
    let counts = [
        s.unchanged,
        s.changed,
        s.added,
        s.removed,
        s.split,
        s.merged,
    ];
    let summary: Vec<String> = DIFF_SUMMARY_WORDS
        .iter()
        .zip(counts)
        .map(|(word, n)| format!("{word} {n}"))
        .collect();
    let _ = writeln!(out, "{}", summary.join("，"));
    out
}

/// Separates the parts of one line: a unit's lead and support changes.
const PART_SEPARATOR: &str = "；";

/// `（五） 严查…；（六） 推进…`
fn labels(tasks: &[crate::diff::TaskRef]) -> String {
    tasks
        .iter()
        .map(task_label)
        .collect::<Vec<_>>()
        .join(PART_SEPARATOR)
}

/// `牵头单位：+市应急管理局-市消防救援支队`: each entry carries its sign, and the sign is what
/// separates them, for units in a task's details and task numbers in a unit's line alike.
fn signed(label: &str, added: &[String], removed: &[String], paint: &Paint) -> String {
    let mut entries: Vec<String> = added
        .iter()
        .map(|u| paint.added(&format!("+{u}")))
        .collect();
    entries.extend(removed.iter().map(|u| paint.removed(&format!("-{u}"))));
    format!("{label}：{}", entries.concat())
}

/// The lines of one detail: one, or for progress one per part that changed.
fn detail_lines(detail: &Detail, paint: &Paint) -> Vec<String> {
    let or_none = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "—".to_string(), |v| v.replace('\n', "⏎"))
    };
    let label = field_label(detail);
    let line = match detail {
        Detail::Renumbered { old, new } | Detail::Deadline { old, new } => {
            format!("{label}：{} → {}", or_none(old), or_none(new))
        }
        Detail::Moved { old, new } => {
            format!("{label}：{} → {}", old.join(" / "), new.join(" / "))
        }
        Detail::Title { old, new } | Detail::Text { old, new } => {
            format!("{label}：{}", inline(old, new, paint))
        }
        Detail::Lead { added, removed }
        | Detail::Support { added, removed }
        | Detail::Persons { added, removed }
        | Detail::Leaders { added, removed } => signed(label, added, removed, paint),
        Detail::Progress { old, new } => {
            return progress_changes(old, new)
                .into_iter()
                .map(|(label, old, new)| format!("{label}：{} → {}", or_none(&old), or_none(&new)))
                .collect();
        }
    };
    vec![line]
}

/// `各部门[-按照-]{+严格按照+}…` without colour, red/green with it.
fn inline(old: &str, new: &str, paint: &Paint) -> String {
    text_changes(old, new)
        .into_iter()
        .map(|span| match span {
            Span::Same(t) => t.replace('\n', "⏎"),
            Span::Removed(t) if paint.color => paint.removed(&t),
            Span::Inserted(t) if paint.color => paint.added(&t),
            Span::Removed(t) => format!("[-{t}-]"),
            Span::Inserted(t) => format!("{{+{t}+}}"),
        })
        .collect()
}
