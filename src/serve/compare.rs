//! The compare view: what changed between last year's register and this one, as `dutyctl diff`
//! finds it ([`dutyctl::diff::diff`], the same matcher, threshold and unit identities), grouped
//! the way the page lists it: added, removed, changed, renumbered, split, merged, then what each
//! unit gained and lost.

use dutyctl::diff::{self, Change, DEFAULT_THRESHOLD, Detail, Summary, UnitChange};
use dutyctl::model::Register;
use dutyctl::normalize::directory::UnitDirectory;
use dutyctl::report::{Span, text_changes};
use serde::Serialize;

/// The groups in the order the page shows them.
const GROUPS: [Group; 6] = [
    Group::Added,
    Group::Removed,
    Group::Changed,
    Group::Renumbered,
    Group::Split,
    Group::Merged,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Added,
    Removed,
    /// A matched task whose wording, units, people or deadline changed.
    Changed,
    /// A matched task that changed only its number or its place among the headings.
    Renumbered,
    Split,
    Merged,
}

#[derive(Debug, Serialize)]
pub struct Comparison {
    pub summary: Summary,
    /// Every group, empty ones included, in [`GROUPS`] order.
    pub groups: Vec<ChangeGroup>,
    pub units: Vec<UnitChange>,
}

#[derive(Debug, Serialize)]
pub struct ChangeGroup {
    pub group: Group,
    pub changes: Vec<PageChange>,
}

/// A change with, for each detail of a changed task, the wording compared character by
/// character where the detail is a title or text.
#[derive(Debug, Serialize)]
pub struct PageChange {
    pub change: Change,
    pub spans: Vec<Option<Vec<PageSpan>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageSpan {
    Same(String),
    Removed(String),
    Inserted(String),
}

/// Compares last year's register (`old`) with this one (`new`).
pub fn compare(old: &Register, new: &Register, units: &UnitDirectory) -> Comparison {
    let identity = |name: &str| units.identity(name);
    let found = diff::diff(old, new, &identity, DEFAULT_THRESHOLD);
    let mut groups: Vec<ChangeGroup> = GROUPS
        .iter()
        .map(|&group| ChangeGroup {
            group,
            changes: Vec::new(),
        })
        .collect();
    for change in found.changes {
        let group = group_of(&change);
        let spans = match &change {
            Change::Changed { details, .. } => details.iter().map(detail_spans).collect(),
            _ => Vec::new(),
        };
        let index = GROUPS.iter().position(|g| *g == group).unwrap_or(0);
        groups[index].changes.push(PageChange { change, spans });
    }
    Comparison {
        summary: found.summary,
        groups,
        units: found.units,
    }
}

fn group_of(change: &Change) -> Group {
    match change {
        Change::Added { .. } => Group::Added,
        Change::Removed { .. } => Group::Removed,
        Change::Split { .. } => Group::Split,
        Change::Merged { .. } => Group::Merged,
        Change::Changed { details, .. }
            if details
                .iter()
                .all(|d| matches!(d, Detail::Renumbered { .. } | Detail::Moved { .. })) =>
        {
            Group::Renumbered
        }
        Change::Changed { .. } => Group::Changed,
    }
}

fn detail_spans(detail: &Detail) -> Option<Vec<PageSpan>> {
    let (old, new) = match detail {
        Detail::Title { old, new } | Detail::Text { old, new } => (old, new),
        _ => return None,
    };
    Some(
        text_changes(old, new)
            .into_iter()
            .map(|span| match span {
                Span::Same(text) => PageSpan::Same(text),
                Span::Removed(text) => PageSpan::Removed(text),
                Span::Inserted(text) => PageSpan::Inserted(text),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use dutyctl::model::Task;

    fn task(seq: &str, title: &str, lead: &[&str]) -> Task {
        Task {
            id: format!("t{seq}"),
            seq: Some(seq.to_string()),
            title: title.to_string(),
            text: format!("{title}。"),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            ..Task::default()
        }
    }

    fn kinds(comparison: &Comparison) -> Vec<(Group, usize)> {
        comparison
            .groups
            .iter()
            .map(|g| (g.group, g.changes.len()))
            .collect()
    }

    #[test]
    fn changes_are_grouped_by_what_a_clerk_looks_for() {
        let old = Register::of_tasks(vec![
            task("1", "开展燃气管道隐患排查整治", &["县住建局"]),
            task("2", "加强道路交通安全宣传教育", &["县公安局"]),
            task("3", "推进危险化学品企业搬迁改造", &["县工信局"]),
            task("4", "组织防汛抗旱应急演练活动", &["县水利局"]),
        ]);
        let new = Register::of_tasks(vec![
            task("1", "开展燃气管道隐患排查整治", &["县住房和城乡建设局"]),
            task("3", "加强道路交通安全宣传教育", &["县公安局"]),
            task("4", "推进危险化学品企业搬迁改造工作", &["县应急局"]),
            task("5", "建设森林防火视频监控系统", &["县林业局"]),
        ]);
        let comparison = compare(&old, &new, &UnitDirectory::default());
        assert_eq!(
            kinds(&comparison),
            [
                (Group::Added, 1),
                (Group::Removed, 1),
                (Group::Changed, 1),
                (Group::Renumbered, 1),
                (Group::Split, 0),
                (Group::Merged, 0),
            ],
            "县住建局 and 县住房和城乡建设局 are one unit, so task 1 is unchanged"
        );
        let changed = &comparison.groups[2].changes[0];
        let title = changed.spans.iter().flatten().next().expect("title spans");
        assert!(title.contains(&PageSpan::Inserted("工作".into())));
        let units: Vec<&str> = comparison.units.iter().map(|u| u.unit.as_str()).collect();
        assert!(units.contains(&"县应急局") && units.contains(&"县工信局"));
        let json = serde_json::to_value(&comparison).unwrap();
        assert_eq!(json["groups"][2]["group"], "changed");
        assert_eq!(json["groups"][2]["changes"][0]["change"]["kind"], "changed");
    }
}
