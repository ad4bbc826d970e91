//! Reports about registers (diffs), rendered for people (text, Markdown, xlsx) or programs (JSON).
//! Like the writers, these return bytes and never print.

pub mod diff_markdown;
pub mod diff_text;
pub mod diff_xlsx;

use crate::diff::{Change, Detail, TaskRef};
use crate::model::Progress;
use crate::vocab::{Column, DIFF_SUMMARY_WORDS, DIFF_TEXT_LABEL, DIFF_TITLE_LABEL, printed_header};

/// `（三） 落实企业主体责任`
pub fn task_label(task: &TaskRef) -> String {
    match &task.seq {
        Some(seq) => format!("{seq} {}", task.title),
        None => task.title.clone(),
    }
}

/// A short name for the kind of change, for summaries and the 状态 column.
pub fn status(change: &Change) -> &'static str {
    let [_, changed, added, removed, split, merged] = DIFF_SUMMARY_WORDS;
    match change {
        Change::Changed { .. } => changed,
        Change::Added { .. } => added,
        Change::Removed { .. } => removed,
        Change::Split { .. } => split,
        Change::Merged { .. } => merged,
    }
}

/// What a detail is called in the reports for people: the table's own header where the field is
/// a column of the 责任分解表 (牵头单位, 完成时限 …), else 标题 or 内容. Progress has one line
/// per part, each called by its column ([`progress_changes`]).
pub fn field_label(detail: &Detail) -> &'static str {
    match detail {
        Detail::Renumbered { .. } => printed_header(Column::Seq),
        Detail::Moved { .. } => printed_header(Column::Section),
        Detail::Title { .. } => DIFF_TITLE_LABEL,
        Detail::Text { .. } => DIFF_TEXT_LABEL,
        Detail::Lead { .. } => printed_header(Column::Lead),
        Detail::Support { .. } => printed_header(Column::Support),
        Detail::Persons { .. } => printed_header(Column::Persons),
        Detail::Leaders { .. } => printed_header(Column::Leaders),
        Detail::Deadline { .. } => printed_header(Column::Deadline),
        Detail::Progress { .. } => printed_header(Column::Done),
    }
}

/// The parts of progress that differ: (the column's header, old, new).
pub fn progress_changes(
    old: &Option<Progress>,
    new: &Option<Progress>,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let parts = |p: &Option<Progress>| -> [Option<String>; 3] {
        match p {
            Some(p) => [p.done.clone(), p.problems.clone(), p.next_steps.clone()],
            None => [None, None, None],
        }
    };
    let columns = [Column::Done, Column::Problems, Column::NextSteps];
    columns
        .into_iter()
        .zip(parts(old).into_iter().zip(parts(new)))
        .filter(|(_, (a, b))| a != b)
        .map(|(column, (a, b))| (printed_header(column), a, b))
        .collect()
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
