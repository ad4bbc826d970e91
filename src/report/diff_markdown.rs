//! A diff as Markdown for a pull-request comment: the summary table first, details folded.

use super::{Span, field_label, progress_changes, task_label, text_changes};
use crate::diff::{Change, Detail, Diff};
use std::fmt::Write;

/// Says whether a change belongs in a folded group.
type Grouping = fn(&Change) -> bool;

pub fn render(diff: &Diff, old_name: &str, new_name: &str) -> String {
    let s = &diff.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### 任务变化：{} → {}\n",
        escape(old_name),
        escape(new_name)
    );
    let _ = writeln!(
        out,
        "| 未变 | 变更 | 新增 | 删除 | 拆分 | 合并 |\n| --- | --- | --- | --- | --- | --- |"
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        s.unchanged, s.changed, s.added, s.removed, s.split, s.merged
    );
    let groups: [(&str, Grouping); 5] = [
        ("变更", |c| matches!(c, Change::Changed { .. })),
        ("新增", |c| matches!(c, Change::Added { .. })),
        ("删除", |c| matches!(c, Change::Removed { .. })),
        ("拆分", |c| matches!(c, Change::Split { .. })),
        ("合并", |c| matches!(c, Change::Merged { .. })),
    ];
    for (title, belongs) in groups {
        let items: Vec<&Change> = diff.changes.iter().filter(|c| belongs(c)).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<details><summary>{title}（{}）</summary>\n",
            items.len()
        );
        for change in items {
            let _ = writeln!(out, "{}", item(change));
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    if !diff.units.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>按单位（{}）</summary>\n",
            diff.units.len()
        );
        let _ = writeln!(
            out,
            "| 单位 | 新增牵头 | 不再牵头 | 新增配合 | 不再配合 |\n| --- | --- | --- | --- | --- |"
        );
        for u in &diff.units {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&u.unit),
                u.lead_gained.join("、"),
                u.lead_lost.join("、"),
                u.support_gained.join("、"),
                u.support_lost.join("、")
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}

fn item(change: &Change) -> String {
    match change {
        Change::Changed { new, details, .. } => {
            let mut line = format!("- **{}**", escape(&task_label(new)));
            for text in details.iter().flat_map(detail_lines) {
                let _ = write!(line, "\n  - {text}");
            }
            line
        }
        Change::Added { new } => format!("- {}", escape(&task_label(new))),
        Change::Removed { old } => format!("- {}", escape(&task_label(old))),
        Change::Split { old, new } => format!(
            "- {} → {}",
            escape(&task_label(old)),
            new.iter()
                .map(|t| escape(&task_label(t)))
                .collect::<Vec<_>>()
                .join("；")
        ),
        Change::Merged { old, new } => format!(
            "- {} → {}",
            old.iter()
                .map(|t| escape(&task_label(t)))
                .collect::<Vec<_>>()
                .join("；"),
            escape(&task_label(new))
        ),
    }
}

/// The lines of one detail: one, or for progress one per part that changed.
fn detail_lines(detail: &Detail) -> Vec<String> {
    let or_none = |v: &Option<String>| v.as_deref().map_or_else(|| "—".into(), escape);
    let names = |label: &str, added: &[String], removed: &[String]| {
        let mut parts: Vec<String> = added.iter().map(|u| format!("＋{}", escape(u))).collect();
        parts.extend(removed.iter().map(|u| format!("－{}", escape(u))));
        format!("{label}：{}", parts.join(" "))
    };
    let label = field_label(detail);
    let line = match detail {
        Detail::Renumbered { old, new } | Detail::Deadline { old, new } => {
            format!("{label}：{} → {}", or_none(old), or_none(new))
        }
        Detail::Moved { old, new } => format!(
            "{label}：{} → {}",
            escape(&old.join(" / ")),
            escape(&new.join(" / "))
        ),
        Detail::Title { old, new } | Detail::Text { old, new } => {
            format!("{label}：{}", inline(old, new))
        }
        Detail::Lead { added, removed }
        | Detail::Support { added, removed }
        | Detail::Persons { added, removed }
        | Detail::Leaders { added, removed } => names(label, added, removed),
        Detail::Progress { old, new } => {
            return progress_changes(old, new)
                .into_iter()
                .map(|(label, old, new)| format!("{label}：{} → {}", or_none(&old), or_none(&new)))
                .collect();
        }
    };
    vec![line]
}

fn inline(old: &str, new: &str) -> String {
    text_changes(old, new)
        .into_iter()
        .map(|span| match span {
            Span::Same(t) => escape(&t),
            Span::Removed(t) => format!("~~{}~~", escape(&t)),
            Span::Inserted(t) => format!("**{}**", escape(&t)),
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
}
