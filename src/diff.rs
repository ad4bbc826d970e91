//! What changed between two registers. Tasks are matched by content, not by number: character
//! bigrams (which suit Chinese) compared by Dice similarity, assigned one to one, best first, with
//! document order breaking ties; a task that clearly covers two on the other side is a split or
//! a merge. The result is data; `report` renders it.

use crate::model::{Progress, Register, Task};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

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
    /// What the units reported (完成情况, 存在问题, 下步计划).
    Progress,
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
    /// The progress reported, whole on each side (null where none was).
    Progress {
        old: Option<Progress>,
        new: Option<Progress>,
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
            Detail::Progress { .. } => ChangeKind::Progress,
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

/// Joins the numbers of the tasks a split or merge puts in the place of one (`（五）、（六）`),
/// which a unit gained or lost together.
pub const TASK_GROUP_SEPARATOR: &str = "、";

/// What a unit gained and lost, by the printed numbers (or ids) of the tasks; the tasks of a
/// split or merge are one entry, their numbers joined by `TASK_GROUP_SEPARATOR`.
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
    // A register names a few hundred units thousands of times, and an identity is costly (the
    // short forms are expanded one by one): each name is looked up once.
    let known: RefCell<HashMap<String, String>> = RefCell::default();
    let identity = |name: &str| -> String {
        if let Some(id) = known.borrow().get(name) {
            return id.clone();
        }
        let id = identity(name);
        known.borrow_mut().insert(name.to_string(), id.clone());
        id
    };
    let identity: &dyn Fn(&str) -> String = &identity;
    let Pairing {
        pairs,
        splits,
        merges,
    } = pair_tasks(&old.tasks, &new.tasks, threshold);
    let mut new_of_old: HashMap<usize, usize> = pairs.iter().map(|(o, n, _)| (*o, *n)).collect();
    let mut old_of_new: HashMap<usize, usize> = pairs.iter().map(|(o, n, _)| (*n, *o)).collect();
    let similarity: HashMap<(usize, usize), f64> =
        pairs.iter().map(|(o, n, s)| ((*o, *n), *s)).collect();
    let mut used_new: HashSet<usize> = HashSet::new();
    for (o, parts) in &splits {
        new_of_old.remove(o);
        for n in parts {
            old_of_new.remove(n);
        }
        used_new.extend(parts);
    }
    let mut used_old: HashSet<usize> = splits.iter().map(|(o, _)| *o).collect();
    for (parts, n) in &merges {
        old_of_new.remove(n);
        for o in parts {
            new_of_old.remove(o);
        }
        used_old.extend(parts);
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

/// Character bigrams of a task's title and text, punctuation and spaces removed, as sorted codes.
fn bigrams(task: &Task) -> Vec<u64> {
    let chars: Vec<char> = task
        .title
        .chars()
        .chain(task.text.chars())
        .filter(|c| is_word_char(*c))
        .collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Size of the intersection of two sorted sets.
fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
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

/// Whether the two sorted sets share at least `least` elements: the size of the intersection
/// if they do. Gives up as soon as what is left cannot reach `least`, which is most of the time
/// for the candidates an index proposes.
fn intersection_at_least(a: &[u32], b: &[u32], least: usize) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < least {
            return None;
        }
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
    (n >= least).then_some(n)
}

/// The least count in `0..=most` that `reaches` (monotone) accepts, computed with the same
/// floating-point expression as the test it stands for, so that counting to it decides alike.
fn least_count(most: usize, reaches: impl Fn(usize) -> bool) -> Option<usize> {
    let (mut low, mut high) = (0, most + 1);
    while low < high {
        let mid = (low + high) / 2;
        if reaches(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    (low <= most).then_some(low)
}

/// The shared bigrams `part` needs to lie mostly inside a whole (None: too small to judge).
fn coverage_needs(part: usize) -> Option<usize> {
    if part < MIN_PART {
        return None;
    }
    least_count(part, |c| c as f64 / part as f64 >= COVERAGE)
}

/// Whether most of `part` lies inside `whole` (and `part` is big enough to judge).
fn covers(whole: &[u32], part: &[u32]) -> bool {
    coverage_needs(part.len())
        .is_some_and(|least| intersection_at_least(part, whole, least).is_some())
}

/// Bigrams a split or merge part needs at least.
const MIN_PART: usize = 6;

/// Dice similarity of two bigram sets (1 for two empty sets).
fn dice<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        1.0
    } else {
        2.0 * intersection(a, b) as f64 / total as f64
    }
}

/// How the tasks of two registers correspond: one-to-one matches (old, new, similarity) in no
/// particular order, old tasks split into new ones (ascending), old ones merged into a new one.
#[derive(Debug, Clone, PartialEq)]
struct Pairing {
    pairs: Vec<(usize, usize, f64)>,
    splits: Vec<(usize, Vec<usize>)>,
    merges: Vec<(Vec<usize>, usize)>,
}

/// Matches tasks one to one, then finds the splits and merges among what is left.
fn pair_tasks(old: &[Task], new: &[Task], threshold: f64) -> Pairing {
    let (old_sets, new_sets, vocabulary) = ranked_bigrams(old, new);
    let pairs = match_tasks(old, new, &old_sets, &new_sets, vocabulary, threshold);
    let (mut new_of_old, mut old_of_new) = (vec![None; old.len()], vec![None; new.len()]);
    for (o, n, _) in &pairs {
        new_of_old[*o] = Some(*n);
        old_of_new[*n] = Some(*o);
    }
    // Only unmatched tasks can be the extra parts of a split or merge.
    let unmatched_new: Vec<usize> = (0..new.len())
        .filter(|n| old_of_new[*n].is_none())
        .collect();
    let unmatched_old: Vec<usize> = (0..old.len())
        .filter(|o| new_of_old[*o].is_none())
        .collect();
    // Splits: an old task covering two or more new ones; merges: the mirror image, among the
    // tasks no split took.
    let mut split_part = vec![false; new.len()];
    let splits = coverings(
        &old_sets,
        &new_sets,
        vocabulary,
        |o| new_of_old[o],
        &unmatched_new,
        &mut split_part,
        |_| false,
    );
    let mut used_old = vec![false; old.len()];
    for (o, _) in &splits {
        used_old[*o] = true;
    }
    let merges = coverings(
        &new_sets,
        &old_sets,
        vocabulary,
        |n| old_of_new[n].filter(|_| !split_part[n]),
        &unmatched_old,
        &mut used_old,
        |n| split_part[n],
    );
    Pairing {
        pairs,
        splits,
        merges: merges.into_iter().map(|(n, parts)| (parts, n)).collect(),
    }
}

/// Each task's bigrams as ranks, rarest bigram first (rank 0), and the number of ranks. Any
/// order shared by both sides keeps intersections as they are; rarest first makes the prefixes
/// the candidate indexes below are built from short and selective.
fn ranked_bigrams(old: &[Task], new: &[Task]) -> (Vec<Vec<u32>>, Vec<Vec<u32>>, usize) {
    let mut codes: FastMap<u64, u32> = HashMap::default();
    let mut grams: Vec<u64> = Vec::new();
    let mut frequency: Vec<u32> = Vec::new();
    let mut as_ids = |task: &Task| -> Vec<u32> {
        bigrams(task)
            .into_iter()
            .map(|gram| {
                let id = *codes.entry(gram).or_insert_with(|| {
                    grams.push(gram);
                    frequency.push(0);
                    (grams.len() - 1) as u32
                });
                frequency[id as usize] += 1;
                id
            })
            .collect()
    };
    let old_ids: Vec<Vec<u32>> = old.iter().map(&mut as_ids).collect();
    let new_ids: Vec<Vec<u32>> = new.iter().map(&mut as_ids).collect();
    let mut order: Vec<u32> = (0..grams.len() as u32).collect();
    order.sort_unstable_by_key(|id| (frequency[*id as usize], grams[*id as usize]));
    let mut rank = vec![0u32; grams.len()];
    for (r, id) in order.iter().enumerate() {
        rank[*id as usize] = r as u32;
    }
    let ranked = |sets: Vec<Vec<u32>>| -> Vec<Vec<u32>> {
        sets.into_iter()
            .map(|mut set| {
                set.iter_mut().for_each(|id| *id = rank[*id as usize]);
                set.sort_unstable();
                set
            })
            .collect()
    };
    (ranked(old_ids), ranked(new_ids), grams.len())
}

/// Shared prefix bigrams a candidate pair needs (where its sets are big enough to need them).
/// More than one rules out the many pairs that share a bigram or two by chance (measured on
/// generated registers over a small vocabulary, 4 halves the time of 2); each one more makes
/// every prefix one bigram longer.
const SHARED: usize = 4;

/// One-to-one matching: every pair at or above the threshold, best first; among equal scores the
/// pair whose positions are closest in document order wins, then the earlier new task, then the
/// earlier old one. Tasks with the same bigrams (score 1) are paired first, within their group;
/// then only pairs that can reach the threshold are scored: pairs with the same title, and pairs
/// whose prefixes (rarest bigrams first) share bigrams. The prefix of a set of `a` bigrams leaves
/// out `α − SHARED` of them, where α is the overlap any partner at the threshold needs
/// (`t·a/(2−t)`, Dice): a pair that reaches the threshold shares its rarest common bigrams
/// inside both prefixes, so no pair is missed (`reference` in the tests is the exhaustive one).
fn match_tasks(
    old: &[Task],
    new: &[Task],
    old_sets: &[Vec<u32>],
    new_sets: &[Vec<u32>],
    vocabulary: usize,
    threshold: f64,
) -> Vec<(usize, usize, f64)> {
    let distance =
        |o: usize, n: usize| (o as f64 / old.len() as f64 - n as f64 / new.len() as f64).abs();
    let by_rank = |x: &(usize, usize, f64, f64), y: &(usize, usize, f64, f64)| {
        y.2.total_cmp(&x.2)
            .then(x.3.total_cmp(&y.3))
            .then(x.1.cmp(&y.1))
            .then(x.0.cmp(&y.0))
    };
    let (mut old_used, mut new_used) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    let mut take = |candidates: &mut Vec<(usize, usize, f64, f64)>,
                    old_used: &mut [bool],
                    new_used: &mut [bool]| {
        candidates.sort_unstable_by(by_rank);
        for (o, n, score, _) in candidates.drain(..) {
            if !old_used[o] && !new_used[n] {
                old_used[o] = true;
                new_used[n] = true;
                pairs.push((o, n, score));
            }
        }
    };

    // Identical bigram sets score 1, above every other pair: each group is settled on its own.
    let mut same: FastMap<&[u32], (Vec<usize>, Vec<usize>)> = HashMap::default();
    for (o, set) in old_sets.iter().enumerate() {
        same.entry(set).or_default().0.push(o);
    }
    for (n, set) in new_sets.iter().enumerate() {
        if let Some(group) = same.get_mut(set.as_slice()) {
            group.1.push(n);
        }
    }
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = same
        .into_values()
        .filter(|(olds, news)| !olds.is_empty() && !news.is_empty())
        .collect();
    groups.sort_unstable_by_key(|(olds, _)| olds[0]);
    let mut candidates = Vec::new();
    for (olds, news) in groups {
        for &n in &news {
            for &o in &olds {
                candidates.push((o, n, 1.0, distance(o, n)));
            }
        }
        take(&mut candidates, &mut old_used, &mut new_used);
    }

    // Then every pair of the tasks left that reaches the threshold, best first.
    let old_left: Vec<usize> = (0..old.len()).filter(|o| !old_used[*o]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|n| !new_used[*n]).collect();
    let mut titles: FastMap<String, u32> = HashMap::default();
    let mut title_of = |task: &Task| -> Option<u32> {
        let title = normalized(&task.title);
        let next = titles.len() as u32;
        (!title.is_empty()).then(|| *titles.entry(title).or_insert(next))
    };
    let old_title: Vec<Option<u32>> = old.iter().map(&mut title_of).collect();
    let new_title: Vec<Option<u32>> = new.iter().map(&mut title_of).collect();
    let score = |o: usize, n: usize| {
        let mut score = dice(&old_sets[o], &new_sets[n]);
        if old_title[o].is_some() && old_title[o] == new_title[n] {
            score = score.max(0.9);
        }
        score
    };
    if threshold <= 0.0 {
        // Every pair reaches a threshold of 0: nothing to prune.
        for &n in &new_left {
            for &o in &old_left {
                candidates.push((o, n, score(o, n), distance(o, n)));
            }
        }
        take(&mut candidates, &mut old_used, &mut new_used);
        return pairs;
    }
    // Pairs with the same title score at least 0.9 whatever their bigrams.
    let mut old_by_title: Vec<Vec<usize>> = vec![Vec::new(); titles.len()];
    for &o in &old_left {
        if let Some(title) = old_title[o] {
            old_by_title[title as usize].push(o);
        }
    }
    for &n in &new_left {
        if let Some(title) = new_title[n] {
            for &o in &old_by_title[title as usize] {
                let score = score(o, n);
                if score >= threshold {
                    candidates.push((o, n, score, distance(o, n)));
                }
            }
        }
    }
    // Pairs whose prefixes share bigrams; the same-title ones are counted above.
    let overlap = |size: usize| -> usize {
        let needed = (threshold * size as f64 / (2.0 - threshold)).ceil() as usize;
        // One less, so that rounding can never make a prefix too short.
        needed.saturating_sub(1).max(1)
    };
    let prefix = |set: &[u32]| {
        set.len()
            .min(set.len() + SHARED - overlap(set.len()).min(set.len()))
    };
    // Postings hold positions in `old_left`, so that the tally is small enough for the cache.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
    for (i, &o) in old_left.iter().enumerate() {
        let set = &old_sets[o];
        for rank in &set[..prefix(set)] {
            postings[*rank as usize].push(i as u32);
        }
    }
    let old_overlap: Vec<usize> = old_left
        .iter()
        .map(|o| overlap(old_sets[*o].len()))
        .collect();
    let mut tally = Tally::new(old_left.len());
    for &n in &new_left {
        let set = &new_sets[n];
        if set.is_empty() {
            continue;
        }
        for rank in &set[..prefix(set)] {
            tally.add(&postings[*rank as usize]);
        }
        let new_overlap = overlap(set.len());
        for (i, shared) in tally.drain() {
            // The pair's prefixes hold its first SHARED common bigrams, or all of them, and it
            // needs more common bigrams than either side's least overlap.
            if shared < SHARED.min(new_overlap.max(old_overlap[i])) {
                continue;
            }
            let o = old_left[i];
            let other = &old_sets[o];
            let total = set.len() + other.len();
            let reaches = |c: usize| 2.0 * c as f64 / total as f64 >= threshold;
            let same_title = old_title[o].is_some() && old_title[o] == new_title[n];
            if same_title || !(shared >= SHARED || reaches(shared)) {
                continue;
            }
            let Some(least) = least_count(set.len().min(other.len()), reaches) else {
                continue;
            };
            if let Some(count) = intersection_at_least(other, set, least) {
                let score = 2.0 * count as f64 / total as f64;
                candidates.push((o, n, score, distance(o, n)));
            }
        }
    }
    take(&mut candidates, &mut old_used, &mut new_used);
    pairs
}

/// Wholes that cover two or more parts (splits, or with the sides swapped, merges), wholes in
/// order, each part used once: a whole's candidates are its matched partner and the free parts,
/// and a free part is found through an index of its prefix (rarest bigrams first): a part
/// covered by a whole has its rarest common bigrams inside that prefix.
fn coverings(
    wholes: &[Vec<u32>],
    parts: &[Vec<u32>],
    vocabulary: usize,
    partner: impl Fn(usize) -> Option<usize>,
    free: &[usize],
    used: &mut [bool],
    skip: impl Fn(usize) -> bool,
) -> Vec<(usize, Vec<usize>)> {
    // Postings hold positions in `free`, so that the tally is small enough for the cache.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
    let mut enough = vec![usize::MAX; free.len()];
    for (i, &p) in free.iter().enumerate() {
        let set = &parts[p];
        if let Some(least) = coverage_needs(set.len()) {
            // A covered part has its first SHARED common bigrams in its prefix, or all of them.
            enough[i] = SHARED.min(least);
            let prefix = set.len().min(set.len() - least + SHARED);
            for rank in &set[..prefix] {
                postings[*rank as usize].push(i as u32);
            }
        }
    }
    let mut tally = Tally::new(free.len());
    let mut out = Vec::new();
    for (w, whole) in wholes.iter().enumerate() {
        if skip(w) {
            continue;
        }
        let mut found: Vec<usize> = partner(w)
            .filter(|p| !used[*p] && covers(whole, &parts[*p]))
            .into_iter()
            .collect();
        if !free.is_empty() {
            for rank in whole {
                tally.add(&postings[*rank as usize]);
            }
            for (i, shared) in tally.drain() {
                let p = free[i];
                if shared >= enough[i] && !used[p] && covers(whole, &parts[p]) {
                    found.push(p);
                }
            }
        }
        if found.len() < 2 {
            continue;
        }
        found.sort_unstable();
        for p in &found {
            used[*p] = true;
        }
        out.push((w, found));
    }
    out
}

/// Counts how often each id occurs in the posting lists added, touching only those ids.
struct Tally {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Tally {
    fn new(ids: usize) -> Self {
        Tally {
            counts: vec![0; ids],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, ids: &[u32]) {
        for id in ids {
            let count = &mut self.counts[*id as usize];
            if *count == 0 {
                self.touched.push(*id);
            }
            *count += 1;
        }
    }

    /// Each id counted, with its count, and the tally cleared.
    fn drain(&mut self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let counts = &mut self.counts;
        self.touched.drain(..).map(move |id| {
            let count = std::mem::take(&mut counts[id as usize]);
            (id as usize, count as usize)
        })
    }
}

/// A hash map with [`FoldHasher`].
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FoldHasher>>;

/// A fast hash for bigram codes and rank sets (FxHash's fold-and-multiply): the keys are not
/// chosen by an adversary who could gain from collisions, and SipHash would dominate the cost.
#[derive(Default)]
struct FoldHasher(u64);

impl FoldHasher {
    fn fold(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.fold(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.fold(u64::from_le_bytes(last) ^ ((chunks.remainder().len() as u64) << 56));
    }

    fn write_u32(&mut self, n: u32) {
        self.fold(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.fold(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.fold(n as u64);
    }

    /// The product's high bits are the well-mixed ones, and the table indexes by the low bits.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

fn normalized(text: &str) -> String {
    text.chars().filter(|c| is_word_char(*c)).collect()
}

/// `char::is_alphanumeric`, answered at once for the common CJK ideographs (all letters), which
/// the general lookup would search its tables for: most characters of a register are these.
fn is_word_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric()
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
    if a.progress != b.progress {
        out.push(Detail::Progress {
            old: a.progress.clone(),
            new: b.progress.clone(),
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
                .join(TASK_GROUP_SEPARATOR)
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

#[cfg(test)]
mod reference {
    //! The exhaustive matcher dutyctl had before the candidate indexes (every old task scored
    //! against every new one, every whole against every free part), kept to check that the
    //! indexes find exactly what it finds.

    use super::{COVERAGE, MIN_PART, Pairing, Task, bigrams, intersection, normalized};
    use std::collections::{HashMap, HashSet};

    /// Whether most of `part` lies inside `whole` (and `part` is big enough to judge).
    fn covered(part: &[u64], whole: &[u64]) -> bool {
        part.len() >= MIN_PART && intersection(part, whole) as f64 / part.len() as f64 >= COVERAGE
    }

    pub(super) fn pair_tasks(old: &[Task], new: &[Task], threshold: f64) -> Pairing {
        let old_grams: Vec<Vec<u64>> = old.iter().map(bigrams).collect();
        let new_grams: Vec<Vec<u64>> = new.iter().map(bigrams).collect();
        let pairs = match_tasks(old, new, &old_grams, &new_grams, threshold);
        let mut new_of_old: HashMap<usize, usize> =
            pairs.iter().map(|(o, n, _)| (*o, *n)).collect();
        let mut old_of_new: HashMap<usize, usize> =
            pairs.iter().map(|(o, n, _)| (*n, *o)).collect();
        let mut splits: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut used_new: HashSet<usize> = HashSet::new();
        let unmatched_new: Vec<usize> = (0..new.len())
            .filter(|n| !old_of_new.contains_key(n))
            .collect();
        let unmatched_old: Vec<usize> = (0..old.len())
            .filter(|o| !new_of_old.contains_key(o))
            .collect();
        for (o, whole) in old_grams.iter().enumerate() {
            let mut parts: Vec<usize> = new_of_old
                .get(&o)
                .into_iter()
                .chain(&unmatched_new)
                .copied()
                .filter(|n| !used_new.contains(n) && covered(&new_grams[*n], whole))
                .collect();
            if parts.len() < 2 {
                continue;
            }
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
        let mut used_old: HashSet<usize> = splits.iter().map(|(o, _)| *o).collect();
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
        Pairing {
            pairs,
            splits,
            merges,
        }
    }

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
                    let distance =
                        (o as f64 / old.len() as f64 - n as f64 / new.len() as f64).abs();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::{ReadOptions, read};
    use std::path::Path;

    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    fn phrase(rng: &mut Lcg, alphabet: &[char], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[rng.next(alphabet.len())])
            .collect()
    }

    /// Tasks of random phrases over an alphabet (a small one makes unrelated tasks share
    /// bigrams and scores tie), with repeated titles, empty titles and texts.
    fn generated(rng: &mut Lcg, size: usize, alphabet: &[char]) -> Vec<Task> {
        (0..size)
            .map(|i| {
                let title = match rng.next(8) {
                    0 => String::new(),
                    1 => "加强安全监管".to_string(),
                    _ => {
                        let len = 2 + rng.next(8);
                        phrase(rng, alphabet, len)
                    }
                };
                let text = match rng.next(12) {
                    0 => String::new(),
                    _ => {
                        let len = rng.next(60);
                        phrase(rng, alphabet, len)
                    }
                };
                Task {
                    id: format!("t{i}"),
                    title,
                    text,
                    ..Task::default()
                }
            })
            .collect()
    }

    /// The next year's tasks: most kept, some reworded, dropped, split in two, merged with the
    /// next, doubled, swapped with the next, and new ones added at the end.
    fn edited(rng: &mut Lcg, old: &[Task], alphabet: &[char]) -> Vec<Task> {
        let mut new = Vec::new();
        let mut i = 0;
        while i < old.len() {
            let mut task = old[i].clone();
            let chars: Vec<char> = task.text.chars().collect();
            match rng.next(12) {
                0 => {}
                1 => {
                    let at = rng.next(chars.len() + 1);
                    let len = 1 + rng.next(6);
                    let words = phrase(rng, alphabet, len);
                    task.text = format!(
                        "{}{words}{}",
                        chars[..at].iter().collect::<String>(),
                        chars[at..].iter().collect::<String>()
                    );
                    new.push(task);
                }
                2 => {
                    let half = chars.len() / 2;
                    let mut second = task.clone();
                    task.text = chars[..half].iter().collect();
                    second.text = chars[half..].iter().collect();
                    second.title = second.text.chars().take(6).collect();
                    new.extend([task, second]);
                }
                3 if i + 1 < old.len() => {
                    task.text.push_str(&old[i + 1].text);
                    new.push(task);
                    i += 1;
                }
                4 => new.extend([task.clone(), task]),
                5 if i + 1 < old.len() => {
                    new.extend([old[i + 1].clone(), task]);
                    i += 1;
                }
                _ => new.push(task),
            }
            i += 1;
        }
        let added = rng.next(old.len() / 4 + 2);
        new.extend(generated(rng, added, alphabet));
        new
    }

    /// Asserts that the indexed matcher pairs tasks exactly as the exhaustive one does.
    fn assert_same_pairing(old: &[Task], new: &[Task], threshold: f64, what: &str) -> Pairing {
        let mut fast = pair_tasks(old, new, threshold);
        let mut exhaustive = reference::pair_tasks(old, new, threshold);
        for pairing in [&mut fast, &mut exhaustive] {
            pairing.pairs.sort_by_key(|(o, n, _)| (*o, *n));
        }
        assert_eq!(fast, exhaustive, "{what}, threshold {threshold}");
        fast
    }

    #[test]
    fn indexed_matching_finds_what_exhaustive_matching_finds_on_generated_registers() {
        let small: Vec<char> = "河湖巡查问题整改".chars().collect();
        let large: Vec<char> = "河湖巡查问题整改专项整治危险化学品道路交通消防燃气管道建筑施工特种设备应急救援监管执法宣传教育"
            .chars()
            .collect();
        let (mut partial, mut splits, mut merges) = (0, 0, 0);
        for seed in 0..24u64 {
            let mut rng = Lcg(seed);
            let alphabet = if seed % 3 == 0 { &small } else { &large };
            let size = 5 + rng.next(120);
            let old = generated(&mut rng, size, alphabet);
            let new = edited(&mut rng, &old, alphabet);
            for threshold in [0.0, 0.2, DEFAULT_THRESHOLD, 0.6, 0.9, 0.95, 1.0] {
                let pairing = assert_same_pairing(&old, &new, threshold, &format!("seed {seed}"));
                partial += pairing.pairs.iter().filter(|p| p.2 < 1.0).count();
                splits += pairing.splits.len();
                merges += pairing.merges.len();
            }
        }
        // The comparison covers every path: scored pairs, splits and merges.
        assert!(
            partial > 100 && splits > 10 && merges > 10,
            "{partial} {splits} {merges}"
        );
    }

    fn registers_in(folder: &Path) -> Vec<(String, Vec<Task>)> {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files
            .iter()
            .filter_map(|path| {
                let name = path.display().to_string();
                let bytes = std::fs::read(path).ok()?;
                let reading = read(&bytes, &name, &ReadOptions::default()).ok()?;
                Some((name, reading.register.tasks))
            })
            .collect()
    }

    #[test]
    fn indexed_matching_finds_what_exhaustive_matching_finds_on_fixtures_and_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut documents = registers_in(&root.join("fixtures"));
        documents.extend(registers_in(&root.join("fixtures/diff")));
        documents.extend(registers_in(&root.join("../shared/corpus")));
        assert!(documents.len() >= 10);
        let mut rng = Lcg(11);
        for (name, tasks) in &documents {
            let alphabet: Vec<char> = tasks
                .iter()
                .flat_map(|t| t.text.chars())
                .chain("整治".chars())
                .filter(|c| c.is_alphanumeric())
                .collect();
            for round in 0..3 {
                let copy = edited(&mut rng, tasks, &alphabet);
                assert_same_pairing(
                    tasks,
                    &copy,
                    DEFAULT_THRESHOLD,
                    &format!("{name} edited {round}"),
                );
            }
            for (other, other_tasks) in &documents {
                assert_same_pairing(
                    tasks,
                    other_tasks,
                    DEFAULT_THRESHOLD,
                    &format!("{name} → {other}"),
                );
            }
        }
        let (old, new) = (
            &documents
                .iter()
                .find(|d| d.0.ends_with("2023.txt"))
                .unwrap()
                .1,
            &documents
                .iter()
                .find(|d| d.0.ends_with("2024.txt"))
                .unwrap()
                .1,
        );
        let pairing = pair_tasks(old, new, DEFAULT_THRESHOLD);
        assert_eq!((pairing.splits.len(), pairing.merges.len()), (1, 1));
    }

    #[test]
    fn the_ideograph_shortcut_agrees_with_the_unicode_tables() {
        for c in '\u{4e00}'..='\u{9fff}' {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', '9', '，', '。', ' ', '\u{3000}', '（', 'Ⅳ', '\u{3400}'] {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
