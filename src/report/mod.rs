//! Reports about registers (diffs), rendered for people (text, Markdown, xlsx) or programs (JSON).
//! Like the writers, these return bytes and never print.

pub mod diff_markdown;
pub mod diff_text;
pub mod diff_xlsx;

use crate::diff::{Change, TaskRef};

/// `（三） 落实企业主体责任`
pub fn task_label(task: &TaskRef) -> String {
    match &task.seq {
        Some(seq) => format!("{seq} {}", task.title),
        None => task.title.clone(),
    }
}

/// A short name for the kind of change, for summaries and the 状态 column.
pub fn status(change: &Change) -> &'static str {
    match change {
        Change::Changed { .. } => "变更",
        Change::Added { .. } => "新增",
        Change::Removed { .. } => "删除",
        Change::Split { .. } => "拆分",
        Change::Merged { .. } => "合并",
    }
}

/// One text span of a character-level comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Same(String),
    Removed(String),
    Inserted(String),
}

/// Character-level differences, with long unchanged stretches shortened to their ends.
pub fn text_changes(old: &str, new: &str) -> Vec<Span> {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut spans: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        let next = match change.tag() {
            similar::ChangeTag::Equal => Span::Same(value.to_string()),
            similar::ChangeTag::Delete => Span::Removed(value.to_string()),
            similar::ChangeTag::Insert => Span::Inserted(value.to_string()),
        };
        match (spans.last_mut(), next) {
            (Some(Span::Same(a)), Span::Same(b))
            | (Some(Span::Removed(a)), Span::Removed(b))
            | (Some(Span::Inserted(a)), Span::Inserted(b)) => a.push_str(&b),
            (_, next) => spans.push(next),
        }
    }
    const KEEP: usize = 8;
    let last = spans.len().saturating_sub(1);
    for (i, span) in spans.iter_mut().enumerate() {
        if let Span::Same(text) = span {
            let chars: Vec<char> = text.chars().collect();
            if chars.len() > 3 * KEEP {
                let head: String = if i == 0 {
                    String::new()
                } else {
                    chars[..KEEP].iter().collect()
                };
                let tail: String = if i == last {
                    String::new()
                } else {
                    chars[chars.len() - KEEP..].iter().collect()
                };
                *text = format!("{head}…{tail}");
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_changes_mark_removed_and_inserted_characters() {
        let spans = text_changes("各部门按照要求履行职责", "各部门严格按照要求全面履行职责");
        assert!(spans.contains(&Span::Inserted("严格".into())));
        assert!(spans.contains(&Span::Inserted("全面".into())));
        assert!(!spans.iter().any(|s| matches!(s, Span::Removed(_))));
    }
}
