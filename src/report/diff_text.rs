//! A diff for the terminal: one line per change, details indented, coloured when asked.

use super::{Span, task_label, text_changes};
use crate::diff::{Change, Detail, Diff};
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
                    let _ = writeln!(out, "    was: {}", task_label(old));
                }
                for detail in details {
                    let _ = writeln!(out, "    {}", detail_line(detail, &paint));
                }
            }
            Change::Added { new } => {
                let _ = writeln!(out, "{} {}", paint.added("+"), task_label(new));
            }
            Change::Removed { old } => {
                let _ = writeln!(out, "{} {}", paint.removed("-"), task_label(old));
            }
            Change::Split { old, new } => {
                let parts: Vec<String> = new.iter().map(task_label).collect();
                let _ = writeln!(
                    out,
                    "{} {}\n    split into: {}",
                    paint.moved("<"),
                    task_label(old),
                    parts.join("; ")
                );
            }
            Change::Merged { old, new } => {
                let parts: Vec<String> = old.iter().map(task_label).collect();
                let _ = writeln!(
                    out,
                    "{} {}\n    merged from: {}",
                    paint.moved(">"),
                    task_label(new),
                    parts.join("; ")
                );
            }
        }
    }
    if !diff.units.is_empty() {
        let _ = writeln!(out, "\nunits:");
        for unit in &diff.units {
            let mut parts = Vec::new();
            // Every task number carries its own sign, as in the details: lead: +（五） +（六）.
            for (label, gained, lost) in [
                ("lead", &unit.lead_gained, &unit.lead_lost),
                ("support", &unit.support_gained, &unit.support_lost),
            ] {
                let mut signed: Vec<String> = gained
                    .iter()
                    .map(|seq| paint.added(&format!("+{seq}")))
                    .collect();
                signed.extend(lost.iter().map(|seq| paint.removed(&format!("-{seq}"))));
                if !signed.is_empty() {
                    parts.push(format!("{label}: {}", signed.join(" ")));
                }
            }
            let _ = writeln!(out, "  {}: {}", unit.unit, parts.join("; "));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let s = &diff.summary;
    let _ = writeln!(
        out,
        "{} unchanged, {} changed, {} added, {} removed, {} split, {} merged",
        s.unchanged, s.changed, s.added, s.removed, s.split, s.merged
    );
    out
}

fn detail_line(detail: &Detail, paint: &Paint) -> String {
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    let names = |label: &str, added: &[String], removed: &[String]| {
        let mut parts: Vec<String> = added
            .iter()
            .map(|u| paint.added(&format!("+{u}")))
            .collect();
        parts.extend(removed.iter().map(|u| paint.removed(&format!("-{u}"))));
        format!("{label}: {}", parts.join(" "))
    };
    match detail {
        Detail::Renumbered { old, new } => {
            format!("renumbered: {} → {}", or_none(old), or_none(new))
        }
        Detail::Moved { old, new } => format!("moved: {} → {}", old.join(" / "), new.join(" / ")),
        Detail::Title { old, new } => format!("title: {}", inline(old, new, paint)),
        Detail::Text { old, new } => format!("text: {}", inline(old, new, paint)),
        Detail::Lead { added, removed } => names("lead", added, removed),
        Detail::Support { added, removed } => names("support", added, removed),
        Detail::Persons { added, removed } => names("persons", added, removed),
        Detail::Leaders { added, removed } => names("leaders", added, removed),
        Detail::Deadline { old, new } => format!("deadline: {} → {}", or_none(old), or_none(new)),
    }
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
