//! What changed between two registers. Tasks are matched by content, not by number: character
//! bigrams (which suit Chinese) compared by Dice similarity, assigned one to one, best first, with
//! document order breaking ties; a task that clearly covers two on the other side is a split or
//! a merge. The result is data; `report` renders it.

use super::{Register, Task};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Below this similarity two tasks are not the same task (chosen on the fixtures: light
/// rewording scores above 0.7, unrelated tasks of one notice below 0.3).
pub const DEFAULT_THRESHOLD: f64 = 0.45;
/// Share of a part's bigrams that must lie inside the whole for a split or merge.
const COVERAGE: f64 = 0.6;

/// Kinds of change, as named by `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Split,
    Merged,
    Renumbered,
    Moved,
    Title,
    Text,
    Lead,
    Support,
    Persons,
    Leaders,
    Deadline,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRef {
    pub id: String,
    pub seq: Option<String>,
    pub title: String,
    pub section: Vec<String>,
}

impl TaskRef {
    fn of(task: &Task) -> Self {
        TaskRef {
            id: task.id.clone(),
            seq: task.seq.clone(),
            title: task.title.clone(),
            section: task.section.clone(),
        }
    }
}

/// One difference in a matched task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "field", rename_all = "lowercase")]
pub enum Detail {
    Renumbered {
        old: Option<String>,
        new: Option<String>,
    },
    Moved {
        old: Vec<String>,
        new: Vec<String>,
    },
    Title {
        old: String,
        new: String,
    },
    Text {
        old: String,
        new: String,
    },
    Lead {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Support {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Persons {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Leaders {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Deadline {
        old: Option<String>,
        new: Option<String>,
    },
}

impl Detail {
    pub fn kind(&self) -> ChangeKind {
        match self {
            Detail::Renumbered { .. } => ChangeKind::Renumbered,
            Detail::Moved { .. } => ChangeKind::Moved,
            Detail::Title { .. } => ChangeKind::Title,
            Detail::Text { .. } => ChangeKind::Text,
            Detail::Lead { .. } => ChangeKind::Lead,
            Detail::Support { .. } => ChangeKind::Support,
            Detail::Persons { .. } => ChangeKind::Persons,
            Detail::Leaders { .. } => ChangeKind::Leaders,
            Detail::Deadline { .. } => ChangeKind::Deadline,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Change {
    Changed {
        old: TaskRef,
        new: TaskRef,
        similarity: f64,
        details: Vec<Detail>,
    },
    Added {
        new: TaskRef,
    },
    Removed {
        old: TaskRef,
    },
    Split {
        old: TaskRef,
        new: Vec<TaskRef>,
    },
    Merged {
        old: Vec<TaskRef>,
        new: TaskRef,
    },
}

impl Change {
    pub fn kinds(&self) -> Vec<ChangeKind> {
        match self {
            Change::Changed { details, .. } => details.iter().map(Detail::kind).collect(),
            Change::Added { .. } => vec![ChangeKind::Added],
            Change::Removed { .. } => vec![ChangeKind::Removed],
            Change::Split { .. } => vec![ChangeKind::Split],
            Change::Merged { .. } => vec![ChangeKind::Merged],
        }
    }
}

/// What a unit gained and lost, by the printed numbers (or ids) of the tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitChange {
    pub unit: String,
    pub lead_gained: Vec<String>,
    pub lead_lost: Vec<String>,
    pub support_gained: Vec<String>,
    pub support_lost: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
    pub split: usize,
    pub merged: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub summary: Summary,
    pub changes: Vec<Change>,
    pub units: Vec<UnitChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether any change is of one of these kinds (all kinds when `kinds` is empty).
    pub fn has_any(&self, kinds: &[ChangeKind]) -> bool {
        self.changes
            .iter()
            .flat_map(Change::kinds)
            .any(|k| kinds.is_empty() || kinds.contains(&k))
    }
}

/// Compares two registers. `identity` says which unit a printed name is (so that 市住建局 and
/// 市住房和城乡建设局 compare equal); `threshold` is the least similarity for one task.
pub fn diff(
    old: &Register,
    new: &Register,
    identity: &dyn Fn(&str) -> String,
    threshold: f64,
) -> Diff {
    let old_grams: Vec<Vec<u64>> = old.tasks.iter().map(bigrams).collect();
    let new_grams: Vec<Vec<u64>> = new.tasks.iter().map(bigrams).collect();
    let pairs = match_tasks(&old.tasks, &new.tasks, &old_grams, &new_grams, threshold);
    let mut new_of_old: HashMap<usize, usize> = pairs.iter().map(|(o, n, _)| (*o, *n)).collect();
    let mut old_of_new: HashMap<usize, usize> = pairs.iter().map(|(o, n, _)| (*n, *o)).collect();
    let similarity: HashMap<(usize, usize), f64> =
        pairs.iter().map(|(o, n, s)| ((*o, *n), *s)).collect();

    // Splits: an old task covering two or more new ones; merges: the mirror image.
    let mut splits: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut used_new: HashSet<usize> = HashSet::new();
    // Only unmatched tasks can be the extra parts of a split or merge.
    let unmatched_new: Vec<usize> = (0..new.tasks.len())
        .filter(|n| !old_of_new.contains_key(n))
        .collect();
    let unmatched_old: Vec<usize> = (0..old.tasks.len())
        .filter(|o| !new_of_old.contains_key(o))
        .collect();
    for (o, whole) in old_grams.iter().enumerate() {
        let parts: Vec<usize> = new_of_old
            .get(&o)
            .into_iter()
            .chain(&unmatched_new)
            .copied()
            .filter(|n| !used_new.contains(n) && covered(&new_grams[*n], whole))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let mut parts = parts;
        parts.sort_unstable();
        used_new.extend(&parts);
        splits.push((o, parts));
    }
    for (o, parts) in &splits {
        new_of_old.remove(o);
        for n in parts {
            old_of_new.remove(n);
        }
    }
    let mut merges: Vec<(Vec<usize>, usize)> = Vec::new();
    let split_old: HashSet<usize> = splits.iter().map(|(o, _)| *o).collect();
    let mut used_old: HashSet<usize> = split_old.clone();
    for (n, whole) in new_grams.iter().enumerate() {
        if used_new.contains(&n) {
            continue;
        }
        let mut parts: Vec<usize> = old_of_new
            .get(&n)
            .into_iter()
            .chain(&unmatched_old)
            .copied()
            .filter(|o| !used_old.contains(o) && covered(&old_grams[*o], whole))
            .collect();
        parts.sort_unstable();
        if parts.len() >= 2 {
            used_old.extend(&parts);
            merges.push((parts, n));
        }
    }
    for (parts, n) in &merges {
        old_of_new.remove(n);
        for o in parts {
            new_of_old.remove(o);
        }
        used_new.insert(*n);
    }

    let mut changes = Vec::new();
    let mut summary = Summary::default();
    let mut units = UnitLedger::default();
    let mut matched: Vec<(usize, usize)> = new_of_old.iter().map(|(o, n)| (*o, *n)).collect();
    matched.sort_by_key(|(_, n)| *n);
    for (o, n) in matched {
        let (a, b) = (&old.tasks[o], &new.tasks[n]);
        units.compare(&[a], &[b], identity);
        let details = details(a, b, identity);
        if details.is_empty() {
            summary.unchanged += 1;
        } else {
            summary.changed += 1;
            changes.push(Change::Changed {
                old: TaskRef::of(a),
                new: TaskRef::of(b),
                similarity: round(similarity[&(o, n)]),
                details,
            });
        }
    }
    for (o, parts) in &splits {
        summary.split += 1;
        let new_tasks: Vec<&Task> = parts.iter().map(|n| &new.tasks[*n]).collect();
        units.compare(&[&old.tasks[*o]], &new_tasks, identity);
        changes.push(Change::Split {
            old: TaskRef::of(&old.tasks[*o]),
            new: new_tasks.iter().map(|t| TaskRef::of(t)).collect(),
        });
    }
    for (parts, n) in &merges {
        summary.merged += 1;
        let old_tasks: Vec<&Task> = parts.iter().map(|o| &old.tasks[*o]).collect();
        units.compare(&old_tasks, &[&new.tasks[*n]], identity);
        changes.push(Change::Merged {
            old: old_tasks.iter().map(|t| TaskRef::of(t)).collect(),
            new: TaskRef::of(&new.tasks[*n]),
        });
    }
    for (o, task) in old.tasks.iter().enumerate() {
        if !new_of_old.contains_key(&o) && !used_old.contains(&o) {
            summary.removed += 1;
            units.compare(&[task], &[], identity);
            changes.push(Change::Removed {
                old: TaskRef::of(task),
            });
        }
    }
    for (n, task) in new.tasks.iter().enumerate() {
        if !old_of_new.contains_key(&n) && !used_new.contains(&n) {
            summary.added += 1;
            units.compare(&[], &[task], identity);
            changes.push(Change::Added {
                new: TaskRef::of(task),
            });
        }
    }
    Diff {
        summary,
        changes,
        units: units.finish(),
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Character bigrams of a task's title and text, punctuation and spaces removed, as sorted hashes.
fn bigrams(task: &Task) -> Vec<u64> {
    let chars: Vec<char> = format!("{}{}", task.title, task.text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether most of `part` lies inside `whole` (and `part` is big enough to judge).
fn covered(part: &[u64], whole: &[u64]) -> bool {
    part.len() >= 6 && intersection(part, whole) as f64 / part.len() as f64 >= COVERAGE
}

/// One-to-one matching: every pair at or above the threshold, best first; among equal scores the
/// pair whose positions are closest in document order wins. Shared bigrams are counted through an
/// index of the old tasks' bigrams, so only pairs that share something are ever scored.
fn match_tasks(
    old: &[Task],
    new: &[Task],
    old_grams: &[Vec<u64>],
    new_grams: &[Vec<u64>],
    threshold: f64,
) -> Vec<(usize, usize, f64)> {
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (o, grams) in old_grams.iter().enumerate() {
        for gram in grams {
            index.entry(*gram).or_default().push(o as u32);
        }
    }
    let old_titles: Vec<String> = old.iter().map(|t| normalized(&t.title)).collect();
    let mut title_index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (o, title) in old_titles.iter().enumerate() {
        if !title.is_empty() {
            title_index.entry(title.as_str()).or_default().push(o);
        }
    }
    let mut shared = vec![0u32; old.len()];
    let mut candidates = Vec::new();
    for (n, grams) in new_grams.iter().enumerate() {
        shared.iter_mut().for_each(|c| *c = 0);
        for gram in grams {
            for o in index.get(gram).into_iter().flatten() {
                shared[*o as usize] += 1;
            }
        }
        let same_title: &[usize] = title_index
            .get(normalized(&new[n].title).as_str())
            .map_or(&[], Vec::as_slice);
        for (o, count) in shared.iter().enumerate() {
            let total = old_grams[o].len() + grams.len();
            let mut score = if total == 0 {
                1.0
            } else {
                2.0 * f64::from(*count) / total as f64
            };
            if same_title.contains(&o) {
                score = score.max(0.9);
            }
            if score >= threshold {
                let distance = (o as f64 / old.len() as f64 - n as f64 / new.len() as f64).abs();
                candidates.push((o, n, score, distance));
            }
        }
    }
    candidates.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.3.total_cmp(&y.3)));
    let (mut old_used, mut new_used) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    for (o, n, score, _) in candidates {
        if !old_used[o] && !new_used[n] {
            old_used[o] = true;
            new_used[n] = true;
            pairs.push((o, n, score));
        }
    }
    pairs
}

fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn details(a: &Task, b: &Task, identity: &dyn Fn(&str) -> String) -> Vec<Detail> {
    let mut out = Vec::new();
    if a.seq != b.seq {
        out.push(Detail::Renumbered {
            old: a.seq.clone(),
            new: b.seq.clone(),
        });
    }
    if a.section
        .iter()
        .map(|s| normalized(s))
        .ne(b.section.iter().map(|s| normalized(s)))
    {
        out.push(Detail::Moved {
            old: a.section.clone(),
            new: b.section.clone(),
        });
    }
    if normalized(&a.title) != normalized(&b.title) {
        out.push(Detail::Title {
            old: a.title.clone(),
            new: b.title.clone(),
        });
    }
    if normalized(&a.text) != normalized(&b.text) {
        out.push(Detail::Text {
            old: a.text.clone(),
            new: b.text.clone(),
        });
    }
    let names = |old: &[String],
                 new: &[String],
                 same: &dyn Fn(&str) -> String|
     -> Option<(Vec<String>, Vec<String>)> {
        let old_ids: HashSet<String> = old.iter().map(|u| same(u)).collect();
        let new_ids: HashSet<String> = new.iter().map(|u| same(u)).collect();
        let added: Vec<String> = new
            .iter()
            .filter(|u| !old_ids.contains(&same(u)))
            .cloned()
            .collect();
        let removed: Vec<String> = old
            .iter()
            .filter(|u| !new_ids.contains(&same(u)))
            .cloned()
            .collect();
        (!added.is_empty() || !removed.is_empty()).then_some((added, removed))
    };
    let person = |p: &str| p.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if let Some((added, removed)) = names(&a.lead, &b.lead, identity) {
        out.push(Detail::Lead { added, removed });
    }
    if let Some((added, removed)) = names(&a.support, &b.support, identity) {
        out.push(Detail::Support { added, removed });
    }
    if let Some((added, removed)) = names(&a.persons, &b.persons, &person) {
        out.push(Detail::Persons { added, removed });
    }
    if let Some((added, removed)) = names(&a.leaders, &b.leaders, &person) {
        out.push(Detail::Leaders { added, removed });
    }
    if a.deadline.as_deref().map(normalized) != b.deadline.as_deref().map(normalized) {
        out.push(Detail::Deadline {
            old: a.deadline.clone(),
            new: b.deadline.clone(),
        });
    }
    out
}

/// Collects per-unit gains and losses, keyed by unit identity, named as last printed.
#[derive(Default)]
struct UnitLedger {
    order: Vec<String>,
    by_unit: HashMap<String, UnitChange>,
}

impl UnitLedger {
    /// Compares the units of some old tasks with those of the new tasks that replace them.
    fn compare(&mut self, old: &[&Task], new: &[&Task], identity: &dyn Fn(&str) -> String) {
        let label = |tasks: &[&Task]| {
            tasks
                .iter()
                .map(|t| t.seq.clone().unwrap_or_else(|| t.id.clone()))
                .collect::<Vec<_>>()
                .join("+")
        };
        let (old_label, new_label) = (label(old), label(new));
        for lead in [true, false] {
            let units = |tasks: &[&Task]| -> Vec<(String, String)> {
                tasks
                    .iter()
                    .flat_map(|t| if lead { &t.lead } else { &t.support })
                    .map(|u| (identity(u), u.clone()))
                    .collect()
            };
            let (before, after) = (units(old), units(new));
            for (id, printed) in &after {
                if !before.iter().any(|(b, _)| b == id) {
                    let entry = self.entry(id, printed);
                    if lead {
                        entry.lead_gained.push(new_label.clone())
                    } else {
                        entry.support_gained.push(new_label.clone())
                    }
                }
            }
            for (id, printed) in &before {
                if !after.iter().any(|(a, _)| a == id) {
                    let entry = self.entry(id, printed);
                    if lead {
                        entry.lead_lost.push(old_label.clone())
                    } else {
                        entry.support_lost.push(old_label.clone())
                    }
                }
            }
        }
    }

    fn entry(&mut self, id: &str, printed: &str) -> &mut UnitChange {
        if !self.by_unit.contains_key(id) {
            self.order.push(id.to_string());
        }
        let entry = self.by_unit.entry(id.to_string()).or_default();
        entry.unit = printed.to_string();
        entry
    }

    fn finish(mut self) -> Vec<UnitChange> {
        let mut out: Vec<UnitChange> = self
            .order
            .iter()
            .filter_map(|id| self.by_unit.remove(id))
            .collect();
        for change in &mut out {
            for list in [
                &mut change.lead_gained,
                &mut change.lead_lost,
                &mut change.support_gained,
                &mut change.support_lost,
            ] {
                list.dedup();
            }
        }
        out
    }
}
