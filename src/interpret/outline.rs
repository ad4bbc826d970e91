//! Numbered 公文 outlines → tasks. One tree for every outline-like layout; the layouts differ only
//! in where leaders come from (named in the text, or the post a duty list is headed by).

use super::assign::{self, Assignment, push_unique};
use super::deadline::leading_deadline;
use super::due::due_date;
use super::duties::{self, duty_post};
use super::items::inline_items;
use super::meta::note;
use super::numbering::{Label, LabelKind, after_label, arabic_before_digits, parse_label};
use super::people::{self, leaders_in};
use super::{Line, is_closing_line, is_signature_date, sentence_title, source_ref};
use crate::document::Position;
use crate::error::Warning;
use crate::model::{Item, Layout, Person, Task};
use crate::normalize::short_text_contains;
use crate::normalize::units::{DocumentWords, UnitContext};
use crate::vocab::{
    NON_TASK_HEADING_ENDING_MAX_CHARS, NON_TASK_HEADING_ENDINGS, NON_TASK_HEADINGS,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug)]
struct Node {
    label: Label,
    at: Position,
    /// The label line as printed, for `section`.
    printed: String,
    head: String,
    body: Vec<String>,
    parent: Option<usize>,
    children: Vec<usize>,
    assignment: Assignment,
    lost_label: bool,
    /// Before the signature of a notice that issues an attachment: the cover letter's own points.
    cover: bool,
    /// The unit a duty list's paragraph is headed by (`区水利局：负责…`).
    owner: Option<String>,
}

/// What the outline yields besides tasks.
#[derive(Debug, Default)]
pub struct OutlineResult {
    pub tasks: Vec<Task>,
    pub people: Vec<Person>,
    pub notes: Vec<String>,
}

pub fn read_outline(
    lines: &[Line],
    layout: Layout,
    document: DocumentWords<'_>,
    warnings: &mut Vec<Warning>,
) -> OutlineResult {
    let mut result = OutlineResult::default();
    let mut nodes = collect_nodes(lines, layout, &mut result.notes);
    let phrases = Phrases::new(document);
    if nodes.is_empty() && layout == Layout::Outline {
        nodes = loose_measures(lines, &phrases);
    }
    link_tree(&mut nodes);
    infer_lost_labels(&mut nodes, warnings);
    split_measures(&mut nodes, &phrases);
    lift_closing_assignments(&mut nodes, &phrases);
    if layout == Layout::DutyList {
        split_unit_duties(&mut nodes);
        // A numbered paragraph headed by its unit (`一、区水利局：负责…`) is that unit's duty.
        for node in nodes
            .iter_mut()
            .filter(|n| n.owner.is_none() && n.children.is_empty())
        {
            node.owner = duties::unit_duty(&node.head).map(|(unit, _)| unit.to_string());
        }
    }
    // A note printed on its own (`备注：排第一的为牵头单位`, `（各项任务中排在首位的为牵头单位）`)
    // is the document's rule for every list.
    let mut first_leads = result.notes.iter().any(|n| assign::says_first_leads(n));
    for node in nodes.iter_mut() {
        if let Some(owner) = &node.owner {
            // Units named inside a duty (配合区交通局…) describe how its owner works.
            node.assignment.support = UnitContext::new(document).split(owner);
            continue;
        }
        // A line of units alone, or a sentence opening with units and their roles, assigns an
        // outline's task; in a leader's share it tells what the leader oversees (分管镇财政所、
        // 镇审计办).
        let prose_assigns = layout == Layout::Outline;
        node.assignment = extract_assignment(
            &mut node.head,
            &mut node.body,
            &phrases,
            first_leads,
            prose_assigns,
        );
        first_leads |= node.assignment.first_leads_forward;
        if node.assignment.cut_short {
            warnings.push(Warning::at(
                node.at.clone(),
                "the unit list is cut short (…): only the units printed are recorded",
            ));
        }
    }
    // Every bracket has been read: the readings go before the tasks are built.
    drop(phrases);
    let mut builder = TaskBuilder {
        nodes: &nodes,
        document,
        layout,
        tasks: Vec::new(),
        people: Vec::new(),
        standing: Vec::new(),
    };
    let roots: Vec<usize> = (0..nodes.len())
        .filter(|i| nodes[*i].parent.is_none())
        .collect();
    for root in roots {
        builder.visit(root, &[]);
    }
    result.tasks = builder.tasks;
    result.people = builder.people;
    result
}

/// The longest line read as a note on ranking alone, in characters: a longer one is a
/// sentence of the text that mentions the rule among other things.
const FIRST_LEADS_NOTE_MAX_CHARS: usize = 40;

/// An unnumbered line that says nothing but that the first unit listed leads
/// (`（以下各项任务中排在首位的为牵头单位）`, `排第一的单位为牵头单位，其余为配合单位。`).
fn is_first_leads_note(line: &str) -> bool {
    let text = line.trim();
    parse_label(text).is_none()
        && text.chars().nth(FIRST_LEADS_NOTE_MAX_CHARS).is_none()
        && assign::says_first_leads(text)
}

/// Splits the lines into numbered blocks; unnumbered lines are the body of the block above them.
/// Closing matter (抄送, signature, date) and the preamble belong to no block.
/// A notice that issues an attachment signs (issuer, date) before the attachment: numbered
/// points above that signature are the cover letter's requests, not the attachment's tasks.
fn collect_nodes(lines: &[Line], layout: Layout, notes: &mut Vec<String>) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut closed = false;
    let mut signatures: Vec<usize> = Vec::new();
    let mut last_arabic: Option<u32> = None;
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if let Some(text) = note(&line.text) {
            notes.push(text.to_string());
            continue;
        }
        if is_first_leads_note(&line.text) {
            notes.push(line.text.trim().to_string());
            continue;
        }
        let label = if line.lost_label {
            Some(Label {
                kind: LabelKind::Arabic,
                seq: String::new(),
                value: 0,
                len: 0,
            })
        } else {
            parse_label(&line.text).or_else(|| {
                // 11.121人才梯队项目 after item 10 is item 11, not the decimal 11.121.
                arabic_before_digits(&line.text)
                    .filter(|l| Some(l.value) == last_arabic.map(|v| v + 1))
            })
        };
        if let Some(label) = &label
            && label.kind == LabelKind::Arabic
        {
            last_arabic = Some(label.value);
        }
        // A division of work without numbers: each leader's paragraph is a block of its own;
        // so is each unit's head line or paragraph in a duty list.
        let label = label.or_else(|| {
            let opens_block = match layout {
                Layout::LeaderDivision => {
                    people::opens_with_leader(&line.text) || people::heads_share(lines, index)
                }
                Layout::DutyList => {
                    duties::opens_unit_block(&line.text) || duties::heads_duties(lines, index)
                }
                _ => false,
            };
            // A head line alone (`县教育局：`, `镇长职责：`) or a leader's paragraph opens its
            // block even after a signature: the attachment it heads follows the cover letter.
            let reopens = match layout {
                Layout::LeaderDivision => true,
                Layout::DutyList => {
                    duties::is_head_line(&line.text) || duties::heads_duties(lines, index)
                }
                _ => false,
            };
            (opens_block && (!closed || reopens)).then(|| Label {
                kind: LabelKind::Unnumbered,
                seq: String::new(),
                value: 0,
                len: 0,
            })
        });
        if let Some(label) = label {
            closed = false;
            let head = after_label(&line.text, &label).to_string();
            nodes.push(Node {
                at: line.at.clone(),
                printed: line.text.clone(),
                head,
                body: Vec::new(),
                parent: None,
                children: Vec::new(),
                assignment: Assignment::default(),
                lost_label: line.lost_label,
                cover: false,
                owner: None,
                label,
            });
            continue;
        }
        if is_closing_line(lines, index) {
            closed = true;
            if is_signature_date(&line.text) {
                signatures.push(nodes.len());
            }
            continue;
        }
        if closed {
            continue;
        }
        if let Some(node) = nodes.last_mut() {
            if node.head.is_empty() {
                node.head = line.text.clone();
            } else {
                node.body.push(line.text.clone());
            }
        }
    }
    if let Some(cover_end) = signatures
        .into_iter()
        .rev()
        .find(|n| *n > 0 && *n < nodes.len())
    {
        for node in &mut nodes[..cover_end] {
            node.cover = true;
        }
    }
    nodes
}

/// Nesting follows the order in which label kinds appear: a kind already open closes everything
/// opened after it, a new kind nests under the current block.
fn link_tree(nodes: &mut [Node]) {
    let mut stack: Vec<(LabelKind, usize)> = Vec::new();
    for i in 0..nodes.len() {
        let kind = nodes[i].label.kind;
        if let Some(pos) = stack.iter().position(|(k, _)| *k == kind) {
            stack.truncate(pos);
        }
        if let Some((_, parent)) = stack.last() {
            nodes[i].parent = Some(*parent);
            nodes[*parent].children.push(i);
        }
        stack.push((kind, i));
    }
}

/// A numbered block whose paragraphs are several measures, each closed by its own assignment
/// bracket (`专项整治…。…（区环保局牵头）` then `持续整治…。…（区国土局牵头）`), is a heading over
/// them: each measure becomes an unnumbered block of its own under it. Paragraphs after the last
/// measure stay with it. The block keeps its first sentence as its heading when its own first
/// paragraph was a measure too (text flattened onto one line runs the heading into it).
fn split_measures(nodes: &mut Vec<Node>, phrases: &Phrases<'_>) {
    for index in 0..nodes.len() {
        // Several measures need several paragraphs: most blocks are one and cost nothing here.
        if !nodes[index].children.is_empty() || nodes[index].body.is_empty() {
            continue;
        }
        let paragraphs: Vec<String> = std::iter::once(nodes[index].head.clone())
            .chain(nodes[index].body.iter().cloned())
            .collect();
        let closes_a_measure = |p: &str| {
            assign::trailing_parenthesis(p).is_some_and(|(inner, _)| phrases.assigns(inner))
        };
        let ends: Vec<usize> = (0..paragraphs.len())
            .filter(|i| closes_a_measure(&paragraphs[*i]))
            .collect();
        if ends.len() < 2 {
            continue;
        }
        let head_is_heading = is_heading_text(&paragraphs[0]) && ends[0] > 0;
        let mut start = usize::from(head_is_heading);
        let mut measures = Vec::new();
        for (n, end) in ends.iter().enumerate() {
            let last = if n + 1 == ends.len() {
                paragraphs.len() - 1
            } else {
                *end
            };
            measures.push(paragraphs[start..=last].to_vec());
            start = last + 1;
        }
        let parent = &mut nodes[index];
        if !head_is_heading {
            let sentence = sentence_title(&parent.head);
            let (heading, first_title) = match run_in_heading_end(&sentence) {
                Some(end) => (sentence[..end].to_string(), end),
                None => (sentence, 0),
            };
            if first_title > 0 {
                // The first measure keeps its own title, not the heading run into it.
                measures[0][0] = measures[0][0][first_title..].to_string();
            }
            parent.head = heading;
            parent.printed = format!("{}{}", label_prefix(&parent.printed), parent.head);
        }
        parent.body.clear();
        for measure in measures {
            add_unnumbered_child(nodes, index, measure, None);
        }
    }
}

/// An outline with no number anywhere whose measures are each closed by their assignment, in a
/// bracket (`推行一网通办。（牵头单位：…）`) or on key lines of its own (`牵头单位：…`): each is a
/// task. Paragraphs between two measures open the second; those before the first (the preamble,
/// but for the paragraph a key line closes) and after the last (closing words) are neither.
fn loose_measures(lines: &[Line], phrases: &Phrases<'_>) -> Vec<Node> {
    let closing_bracket =
        |p: &str| assign::trailing_parenthesis(p).is_some_and(|(inner, _)| phrases.assigns(inner));
    let key_line = |p: &str| {
        phrases
            .key_values(p, false)
            .is_some_and(|(_, range)| range.start == 0)
    };
    let mut nodes: Vec<Node> = Vec::new();
    let mut pending: Vec<&Line> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if is_closing_line(lines, index) {
            pending.clear();
            continue;
        }
        let paragraphs: Vec<&Line> = if closing_bracket(&line.text) {
            match nodes.is_empty() {
                true => vec![line],
                false => pending.iter().copied().chain([line]).collect(),
            }
        } else if key_line(&line.text) {
            if pending.is_empty() {
                // A second key line (`完成时限：…`) goes on with the measure above.
                if let Some(last) = nodes.last_mut() {
                    last.body.push(line.text.clone());
                }
                continue;
            }
            let from = if nodes.is_empty() {
                pending.len() - 1
            } else {
                0
            };
            pending[from..].iter().copied().chain([line]).collect()
        } else {
            pending.push(line);
            continue;
        };
        pending.clear();
        let opening = paragraphs[0];
        nodes.push(Node {
            label: Label {
                kind: LabelKind::Unnumbered,
                seq: String::new(),
                value: nodes.len() as u32 + 1,
                len: 0,
            },
            at: opening.at.clone(),
            printed: opening.text.clone(),
            head: opening.text.clone(),
            body: paragraphs[1..].iter().map(|l| l.text.clone()).collect(),
            parent: None,
            children: Vec::new(),
            assignment: Assignment::default(),
            lost_label: false,
            cover: false,
            owner: None,
        });
    }
    nodes
}

/// Where a heading run into its first measure's title ends (`优化种植布局` of
/// `优化种植布局加快节水改造`): before the first word a measure opens with, when both parts
/// are phrases of a few words. A sentence with a comma is a measure of its own, never a run-in.
fn run_in_heading_end(sentence: &str) -> Option<usize> {
    const PART_MIN_CHARS: usize = 4;
    if sentence.contains(['，', ',', '：', ':']) {
        return None;
    }
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let places = PART_MIN_CHARS..chars.len().saturating_sub(PART_MIN_CHARS - 1);
    let opener = places.clone().map(|k| chars[k].0).find(|at| {
        crate::vocab::MEASURE_OPENERS
            .iter()
            .any(|w| sentence[*at..].starts_with(w))
    });
    // A heading that ends with the word its measure opens with (`推进污染防治` + `防治养殖污染`):
    // official prose never says a two-character word twice running, so the seam is between.
    let doubled = places
        .filter(|&k| k >= 2 && k + 2 <= chars.len())
        .find(|&k| chars[k - 2].1 == chars[k].1 && chars[k - 1].1 == chars[k + 1].1)
        .filter(|&k| {
            chars[k - 2..k + 2]
                .iter()
                .all(|(_, c)| crate::normalize::is_han(*c))
        })
        .map(|k| chars[k].0);
    doubled.or(opener)
}

/// In a duty list by department, each paragraph headed by its unit (`区水利局：负责…`) is a duty
/// of that unit: an unnumbered block of its own under the heading above it.
fn split_unit_duties(nodes: &mut Vec<Node>) {
    for index in 0..nodes.len() {
        if !nodes[index].children.is_empty() {
            continue;
        }
        let body = std::mem::take(&mut nodes[index].body);
        let mut kept = Vec::new();
        let mut duties: Vec<(String, Vec<String>)> = Vec::new();
        for paragraph in body {
            match duties::unit_duty(&paragraph) {
                Some((unit, _)) => duties.push((unit.to_string(), vec![paragraph.clone()])),
                // A paragraph after a unit's own goes on with that unit's duties.
                None => match duties.last_mut() {
                    Some((_, paragraphs)) => paragraphs.push(paragraph),
                    None => kept.push(paragraph),
                },
            }
        }
        // A unit's or a post's head over its duties as paragraphs (`县水利局：` / `负责…。` /
        // `负责…。`): each duty is one, as each numbered one would be. A head line alone binds
        // even one duty under it; a numbered heading over one is that duty.
        if duties.is_empty() && heads_duty_paragraphs(&nodes[index].head) {
            let duties = sentence_groups(&kept);
            let least = if nodes[index].label.kind == LabelKind::Unnumbered {
                1
            } else {
                2
            };
            if duties.len() >= least {
                for duty in duties {
                    add_unnumbered_child(nodes, index, vec![duty], None);
                }
                continue;
            }
        }
        nodes[index].body = kept;
        for (unit, paragraphs) in duties {
            add_unnumbered_child(nodes, index, paragraphs, Some(unit));
        }
    }
}

/// A head that binds the duties under it: a unit's (`县水利局：`, `二、县公安局`, `县农业局职责`)
/// or a post's (`镇长职责：`).
fn heads_duty_paragraphs(head: &str) -> bool {
    duties::unit_heading(head).is_some()
        || duties::post_head_line(head).is_some()
        || duty_post(head).is_some()
}

/// Paragraphs joined into sentences: a paragraph that does not end one (a line wrapped inside a
/// duty) runs on into the next.
fn sentence_groups(paragraphs: &[String]) -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    let mut open = false;
    for paragraph in paragraphs {
        match sentences.last_mut().filter(|_| open) {
            Some(sentence) => sentence.push_str(paragraph.trim()),
            None => sentences.push(paragraph.clone()),
        }
        open = !paragraph.trim_end().ends_with(['。', '；', ';', '！', '!']);
    }
    sentences
}

/// An assignment on a line of its own after the last of a block's numbered items, where no item
/// has one of its own (`1.…2.…3.…` then `（责任单位：…）`), closes the group: it is the block's,
/// and the items are the block's items rather than tasks.
fn lift_closing_assignments(nodes: &mut [Node], phrases: &Phrases<'_>) {
    let assignment_only = |p: &str| {
        let p = p.trim();
        let bracket = assign::trailing_parenthesis(p)
            .is_some_and(|(inner, range)| range.start == 0 && phrases.assigns(inner));
        bracket
            || phrases
                .key_values(p, false)
                .is_some_and(|(_, range)| range.start == 0)
    };
    for index in 0..nodes.len() {
        let children = nodes[index].children.clone();
        let Some((&last, others)) = children.split_last() else {
            continue;
        };
        if others.is_empty() || children.iter().any(|c| !nodes[*c].children.is_empty()) {
            continue;
        }
        // The run of assignment lines at the end (`牵头单位：…` / `配合单位：…` on lines of their
        // own), in order.
        let body = &nodes[last].body;
        let run = body.iter().rev().take_while(|p| assignment_only(p)).count();
        if run == 0 {
            continue;
        }
        let closing: Vec<String> = body[body.len() - run..].to_vec();
        let items_unassigned = others.iter().all(|c| {
            let node = &nodes[*c];
            std::iter::once(&node.head).chain(&node.body).all(|p| {
                !assignment_only(p)
                    && assign::bracket_groups(p)
                        .iter()
                        .all(|(inner, _)| !phrases.assigns(inner))
            })
        });
        if items_unassigned {
            let keep = nodes[last].body.len() - run;
            nodes[last].body.truncate(keep);
            nodes[index].body.extend(closing);
        }
    }
}

/// The assignment phrases of a document's brackets, each read once: the passes that shape the
/// outline ask whether a bracket assigns, and extraction then reads the same brackets. Each
/// reading starts a fresh unit context, so what a phrase gives depends only on its text and on
/// whether a 排第一的为牵头 note stands before it.
struct Phrases<'d> {
    document: DocumentWords<'d>,
    read: RefCell<HashMap<(bool, String), Option<Assignment>>>,
    /// The `KEY：VALUE` runs of paragraphs, read by the same two passes.
    key_values: RefCell<HashMap<(bool, String), Option<KeyValues>>>,
}

/// A paragraph's `KEY：VALUE` run: what it assigns and where it stands.
type KeyValues = (Assignment, std::ops::Range<usize>);

impl<'d> Phrases<'d> {
    fn new(document: DocumentWords<'d>) -> Self {
        Phrases {
            document,
            read: RefCell::default(),
            key_values: RefCell::default(),
        }
    }

    fn parse(&self, inner: &str, first_leads: bool) -> Option<Assignment> {
        let key = (first_leads, inner.to_string());
        if let Some(found) = self.read.borrow().get(&key) {
            return found.clone();
        }
        let found = assign::parse_phrase(inner, &mut UnitContext::new(self.document), first_leads);
        self.read.borrow_mut().insert(key, found.clone());
        found
    }

    fn assigns(&self, inner: &str) -> bool {
        self.parse(inner, false).is_some()
    }

    /// A paragraph's `KEY：VALUE` run. Only a long paragraph's is kept: an ordinary one costs
    /// less to read again than to keep.
    fn key_values(&self, paragraph: &str, first_leads: bool) -> Option<KeyValues> {
        const KEPT_FROM_BYTES: usize = 4096;
        let read =
            || assign::key_values(paragraph, &mut UnitContext::new(self.document), first_leads);
        if paragraph.len() < KEPT_FROM_BYTES {
            return read();
        }
        let key = (first_leads, paragraph.to_string());
        if let Some(found) = self.key_values.borrow().get(&key) {
            return found.clone();
        }
        let found = read();
        self.key_values.borrow_mut().insert(key, found.clone());
        found
    }
}

/// Adds an unnumbered block of these paragraphs (a measure, a unit's duty) under `parent`.
fn add_unnumbered_child(
    nodes: &mut Vec<Node>,
    parent: usize,
    paragraphs: Vec<String>,
    owner: Option<String>,
) {
    let child = nodes.len();
    let value = nodes[parent].children.len() as u32 + 1;
    let (at, cover) = (nodes[parent].at.clone(), nodes[parent].cover);
    nodes.push(Node {
        label: Label {
            kind: LabelKind::Unnumbered,
            seq: String::new(),
            value,
            len: 0,
        },
        at,
        printed: paragraphs[0].clone(),
        head: paragraphs[0].clone(),
        body: paragraphs[1..].to_vec(),
        parent: Some(parent),
        children: Vec::new(),
        assignment: Assignment::default(),
        lost_label: false,
        cover,
        owner,
    });
    nodes[parent].children.push(child);
}

/// The label as printed at the start of a block's line (`1．` of `1．狠抓…`).
fn label_prefix(printed: &str) -> &str {
    &printed[..parse_label(printed).map_or(0, |l| l.len)]
}

/// A number lost to debris is one more than the sibling before it, or one less than the one after.
fn infer_lost_labels(nodes: &mut [Node], warnings: &mut Vec<Warning>) {
    for i in 0..nodes.len() {
        if !nodes[i].lost_label {
            continue;
        }
        let siblings: Vec<usize> = match nodes[i].parent {
            Some(p) => nodes[p].children.clone(),
            None => (0..nodes.len())
                .filter(|j| nodes[*j].parent.is_none())
                .collect(),
        };
        let pos = siblings.iter().position(|s| *s == i).unwrap_or(0);
        let same_kind =
            |j: &usize| nodes[*j].label.kind == LabelKind::Arabic && !nodes[*j].lost_label;
        let before = siblings[..pos]
            .iter()
            .rev()
            .find(|j| same_kind(j))
            .map(|j| nodes[*j].label.value + 1);
        let after = siblings[pos + 1..]
            .iter()
            .find(|j| same_kind(j))
            .map(|j| nodes[*j].label.value.saturating_sub(1));
        let value = before.or(after).unwrap_or(1).max(1);
        nodes[i].label.value = value;
        nodes[i].label.seq = value.to_string();
        nodes[i].printed = format!("{value}.{}", nodes[i].head);
        warnings.push(Warning::at(
            nodes[i].at.clone(),
            format!("number lost to conversion debris; read as {value}."),
        ));
    }
}

/// Finds every assignment phrase in a block and removes it from the text.
fn extract_assignment(
    head: &mut String,
    body: &mut [String],
    phrases: &Phrases<'_>,
    first_leads: bool,
    prose_assigns: bool,
) -> Assignment {
    let document = phrases.document;
    // Every phrase found, in order: merged once at the end.
    let mut parts: Vec<Assignment> = Vec::new();
    // A trailing assignment closes its item: later unnumbered paragraphs are remarks on the list
    // (以上实施方案由…), except 完成时限：… lines that belong to the item.
    let mut closed = false;
    for (index, paragraph) in std::iter::once(&mut *head)
        .chain(body.iter_mut())
        .enumerate()
    {
        let mut key_values = phrases.key_values(paragraph, first_leads);
        if closed && key_values.is_none() {
            paragraph.clear();
            continue;
        }
        // Every bracket in the paragraph that assigns: several groups give the union of their
        // units, in order of first appearance; each is taken out of the text.
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for (inner, range) in assign::bracket_groups(paragraph) {
            if let Some(found) = phrases.parse(inner, first_leads) {
                parts.push(found);
                taken.push(range);
            }
        }
        if taken.is_empty()
            && let Some((found, range)) =
                assign::closing_unit_list(paragraph, &mut UnitContext::new(document))
        {
            parts.push(found);
            taken.push(range);
        }
        if !taken.is_empty() {
            // A heading's bracket (`1.加强校园安全（县教育局负责）` over its paragraphs) closes
            // nothing: the paragraphs below are the task's text.
            let heading = index == 0 && !paragraph[..taken[0].start].contains(['。', '；', ';']);
            closed |= !heading;
            // The text changed: read its KEY：VALUE run again below.
            key_values = None;
            *paragraph = without_brackets(paragraph, &taken);
        }
        if let Some((found, range)) =
            key_values.or_else(|| phrases.key_values(paragraph, first_leads))
        {
            parts.push(found);
            paragraph.truncate(range.start);
            let kept = paragraph.trim_end().len();
            paragraph.truncate(kept);
        }
    }
    if parts.is_empty()
        && prose_assigns
        && let Some(last) = body.last_mut()
        && let Some(found) = assign::unit_list_paragraph(last, &mut UnitContext::new(document))
    {
        // The units are the assignment, not the task's text.
        parts.push(found);
        last.clear();
    }
    if parts.is_empty() {
        let last = body.last().unwrap_or(head);
        parts.extend(agent_sentence(last).and_then(|s| phrases.parse(s, first_leads)));
    }
    let mut units = UnitContext::new(document);
    let opening = assign::opening_assignment(head, &mut units, first_leads);
    let head_assigns = opening.is_some();
    parts.extend(opening.or_else(|| assign::subject_unit(head, &mut units)));
    if parts.is_empty() && !head_assigns && prose_assigns {
        // `（一）储备物资。县应急局牵头，县粮储中心配合，做好…`: a later sentence of the head, or
        // one of the text below it, may open with the assignment the head lacks.
        let later_in_head = head.split_once('。').map(|(_, rest)| rest);
        let sentences = later_in_head
            .into_iter()
            .chain(body.iter().map(String::as_str))
            .flat_map(|paragraph| paragraph.split('。'));
        parts.extend(
            sentences
                .filter_map(|sentence| {
                    assign::opening_assignment(sentence, &mut units, first_leads)
                })
                .take(1),
        );
    }
    Assignment::merged(parts)
}

/// The sentence that closes a paragraph when it is an assignment printed as prose, not in
/// brackets or a 责任单位 line (`…。由县市场监管局牵头，县税务局配合。`, `…。市教育局负责，市公安局
/// 配合。`). Only the last sentence, one inside the text tells how the work is done; and not a
/// paragraph's only sentence unless it opens with 由, since a task's title says what is done; the
/// clauses that close a sentence when those before them say what is done.
fn agent_sentence(paragraph: &str) -> Option<&str> {
    let trimmed = paragraph.trim_end().trim_end_matches(['。', '.']);
    let start = trimmed.rfind('。').map_or(0, |at| at + '。'.len_utf8());
    let sentence = trimmed[start..].trim();
    let named_first = assign::after_agent_marker(sentence).len() < sentence.len();
    let (tail, subject_opens) = assign::assignment_tail_read(sentence)?;
    let whole = tail.len() == sentence.len();
    // `加强巡查，由县交通局负责`: the clauses before the tail say what is done; so does the
    // first clause of `县水利局负责供水监管，县卫健局配合`, after the unit that does it.
    (!whole || named_first || start > 0 || subject_opens).then_some(tail)
}

/// `paragraph` without the assignment brackets at `taken` (in order, none overlapping), in one
/// pass. A bracket that ends the paragraph takes its closing stop with it: what follows the last
/// bracket after which more than white space and stops stands is dropped.
fn without_brackets(paragraph: &str, taken: &[std::ops::Range<usize>]) -> String {
    let Some(first) = taken.first() else {
        return paragraph.to_string();
    };
    let gaps: Vec<&str> = taken
        .iter()
        .enumerate()
        .map(|(k, range)| {
            let next = taken.get(k + 1).map_or(paragraph.len(), |n| n.start);
            &paragraph[range.end..next]
        })
        .collect();
    let is_filler = |gap: &&str| {
        gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '；' | ';' | '.'))
            .is_empty()
    };
    let kept = gaps
        .iter()
        .rposition(|g| !is_filler(g))
        .map_or(0, |last| last + 1);
    let mut out = String::with_capacity(paragraph.len());
    out.push_str(&paragraph[..first.start]);
    for gap in &gaps[..kept] {
        out.push_str(gap);
    }
    out
}

struct TaskBuilder<'a> {
    nodes: &'a [Node],
    document: DocumentWords<'a>,
    layout: Layout,
    tasks: Vec<Task>,
    people: Vec<Person>,
    /// Units a standing note adds to later tasks of one list, keyed by that list's section.
    standing: Vec<(Vec<String>, Vec<String>)>,
}

impl TaskBuilder<'_> {
    fn visit(&mut self, index: usize, section: &[usize]) {
        let node = &self.nodes[index];
        if node.children.is_empty() {
            self.emit(index, section, &[]);
            return;
        }
        let child_assigned = node.children.iter().any(|c| self.subtree_assigned(*c));
        if !node.assignment.is_empty() && !child_assigned {
            let items: Vec<usize> = node.children.clone();
            self.emit(index, section, &items);
            return;
        }
        if is_heading_text(&node.head) {
            let mut inner = section.to_vec();
            inner.push(index);
            for child in node.children.clone() {
                self.visit(child, &inner);
            }
            return;
        }
        let (items, tasks): (Vec<usize>, Vec<usize>) = node
            .children
            .iter()
            .partition(|c| self.nodes[**c].label.kind.is_item_kind());
        self.emit(index, section, &items);
        for child in tasks {
            self.visit(child, section);
        }
    }

    /// `（一）推进交通建设（牵头单位：县交通局；责任领导：王某某）` over tasks of its own: what the
    /// heading assigns holds for each task below it in what the task leaves unsaid, the nearest
    /// heading first. Its lead leads a task that names none; its other units carry a task that
    /// names no unit at all; its leaders, people and time limit stand where the task has none.
    fn inherit_from_headings(&self, assignment: &mut Assignment, section: &[usize]) {
        for node in section.iter().rev().map(|s| &self.nodes[*s]) {
            let heading = &node.assignment;
            if heading.is_empty() {
                // `一、王某某副县长牵头` over the tasks that leader leads.
                if assignment.leaders.is_empty() {
                    assignment.leaders = leading_leaders(&node.head);
                }
                continue;
            }
            if assignment.lead.is_empty() && !heading.lead.is_empty() {
                let names_no_unit = assignment.support.is_empty();
                assignment.lead = heading.lead.clone();
                assignment.support.retain(|u| !heading.lead.contains(u));
                if names_no_unit {
                    assignment.support = heading.support.clone();
                }
            } else if assignment.lead.is_empty() && assignment.support.is_empty() {
                assignment.support = heading.support.clone();
            }
            if assignment.leaders.is_empty() {
                assignment.leaders = heading.leaders.clone();
            }
            if assignment.persons.is_empty() {
                assignment.persons = heading.persons.clone();
            }
            if assignment.deadline.is_none() {
                assignment.deadline = heading.deadline.clone();
            }
        }
    }

    fn subtree_assigned(&self, index: usize) -> bool {
        let node = &self.nodes[index];
        !node.assignment.is_empty() || node.children.iter().any(|c| self.subtree_assigned(*c))
    }

    fn emit(&mut self, index: usize, section: &[usize], item_nodes: &[usize]) {
        let node = &self.nodes[index];
        let mut assignment = node.assignment.clone();
        let section_names: Vec<String> = section
            .iter()
            .map(|s| printed_heading(&self.nodes[*s].printed))
            .collect();
        let excluded = node.cover
            || std::iter::once(index)
                .chain(section.iter().copied())
                .any(|i| is_non_task_heading(&self.nodes[i].head));
        if excluded && assignment.is_empty() {
            return;
        }
        let wrapped = wrapped_sentence(&node.head, &node.body);
        let heading_title = wrapped.is_none()
            && is_heading_text(&node.head)
            && (!node.body.is_empty() || !item_nodes.is_empty());
        // In a duty list a unit's heading, or a post's head line, over its duty as a paragraph
        // is no title: the duty is.
        let unit_over_duty = self.layout == Layout::DutyList
            && item_nodes.is_empty()
            && (duties::unit_heading(&node.head).is_some()
                || (node.label.kind == LabelKind::Unnumbered
                    && duties::post_head_line(&node.head).is_some()));
        let title = if let Some(duty) = node.body.first().filter(|_| unit_over_duty) {
            sentence_title(duty)
        } else if heading_title {
            node.head
                .trim_end_matches(['。', '.', '：', ':'])
                .to_string()
        } else {
            sentence_title(wrapped.as_deref().unwrap_or(&node.head))
        };
        // The unit's heading binds the duty; the duty's own words are its text.
        let head = if unit_over_duty && !node.body.is_empty() {
            ""
        } else {
            node.head.as_str()
        };
        let mut text = join_paragraphs(head, &node.body);
        let mut items = inline_items(&text);
        // An item's own assignment (…（3）…。责任单位：…) is the task's.
        if !item_nodes.is_empty() {
            let children = item_nodes.iter().map(|c| self.nodes[*c].assignment.clone());
            assignment = Assignment::merged(std::iter::once(assignment).chain(children));
        }
        for child in item_nodes {
            let child = &self.nodes[*child];
            let child_text = join_paragraphs(&child.head, &child.body);
            text.push('\n');
            text.push_str(label_prefix(&child.printed));
            text.push_str(&child_text);
            items.push(Item {
                label: child.label.seq.clone(),
                deadline: super::deadline::deadline_in(&child_text),
                text: child_text,
            });
        }
        match self.layout {
            Layout::LeaderDivision => {
                for leader in leaders_in(&node.head) {
                    push_unique(&mut assignment.leaders, leader.name.clone());
                    if !self.people.iter().any(|p| p.name == leader.name) {
                        self.people.push(Person {
                            name: leader.name,
                            title: Some(leader.title).filter(|t| !t.is_empty()),
                            backup: None,
                        });
                    }
                }
            }
            Layout::DutyList if node.owner.is_none() => {
                // A heading that names a unit (区农业局职责) binds it; one that names a post
                // (市长职责) makes the post the leader. A unit's heading over its duties as
                // paragraphs (`二、县公安局` then `负责…`) binds them itself.
                let own_heading = (!node.body.is_empty()).then_some(&index);
                let unit = own_heading
                    .into_iter()
                    .chain(section.iter().rev())
                    .find_map(|s| duties::unit_heading(&self.nodes[*s].head));
                let post = || {
                    own_heading
                        .into_iter()
                        .filter(|_| node.label.kind == LabelKind::Unnumbered)
                        .map(|_| node.head.as_str())
                        .find_map(duties::post_head_line)
                        .or_else(|| {
                            section
                                .iter()
                                .rev()
                                .find_map(|s| duty_post(&self.nodes[*s].head))
                        })
                };
                if let Some(unit) = unit {
                    for unit in UnitContext::new(self.document).split(unit) {
                        if !assignment.lead.contains(&unit) {
                            push_unique(&mut assignment.support, unit);
                        }
                    }
                } else if let Some(post) = post() {
                    push_unique(&mut assignment.leaders, post);
                } else if node.parent.is_none() && assignment.is_empty() {
                    // A top-level block of a duty list with no duties under it describes the
                    // list (组成单位, 成员名单); it is not a duty.
                    return;
                }
            }
            Layout::DutyList => {}
            Layout::Outline | Layout::Table => {}
        }
        // A standing note reaches the later tasks of its list: those under the same top-level
        // heading.
        let list: Vec<String> = section_names.iter().take(1).cloned().collect();
        for (noted_list, units) in &self.standing {
            if *noted_list == list {
                for unit in units {
                    if !assignment.lead.contains(unit) {
                        push_unique(&mut assignment.support, unit.clone());
                    }
                }
            }
        }
        if !assignment.standing_support.is_empty() {
            self.standing
                .push((list.clone(), assignment.standing_support.clone()));
        }
        if self.layout == Layout::Outline {
            self.inherit_from_headings(&mut assignment, section);
        }
        let deadline = assignment
            .deadline
            .clone()
            .or_else(|| leading_deadline(&node.head));
        self.tasks.push(Task {
            id: String::new(),
            checked: false,
            seq: Some(node.label.seq.clone()).filter(|s| !s.is_empty()),
            section: section_names,
            title,
            text,
            lead: assignment.lead,
            support: assignment.support,
            persons: assignment.persons,
            leaders: assignment.leaders,
            due: deadline.as_deref().and_then(due_date),
            deadline,
            items,
            printed: Default::default(),
            progress: None,
            source: source_ref(&node.at),
        });
    }
}

/// The longest heading read as naming the leaders who lead what is under it, in characters.
const LEADER_HEADING_MAX_CHARS: usize = 24;

/// `王某某副县长牵头`, `副县长李某负责`: a short heading that is a leader's name and post and
/// the verb of leading, nothing more: the leaders it names.
fn leading_leaders(head: &str) -> Vec<String> {
    let head = head.trim_end_matches(['。', '：', ':']);
    let leads = ["牵头", "负责", "牵头负责"]
        .iter()
        .any(|v| head.ends_with(v));
    if !leads
        || head.chars().nth(LEADER_HEADING_MAX_CHARS).is_some()
        || head.contains(['，', '。', '；'])
    {
        return Vec::new();
    }
    leaders_in(head).into_iter().map(|l| l.name).collect()
}

/// The paragraphs of a block (left after assignments were taken out) as one text, a line each; a line that stops inside its sentence
/// (`…改造，`) was wrapped by the page and runs on into the next.
fn join_paragraphs(head: &str, body: &[String]) -> String {
    let bytes = head.len() + body.iter().map(|p| p.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(bytes);
    for paragraph in std::iter::once(head)
        .chain(body.iter().map(String::as_str))
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if !text.is_empty() && !ends_inside_sentence(&text) {
            text.push('\n');
        }
        text.push_str(paragraph);
    }
    text
}

fn ends_inside_sentence(text: &str) -> bool {
    text.ends_with(['，', '、', ','])
}

/// A heading names a part of the document rather than saying what to do: short, no sentence inside.
/// A head that stops inside its sentence (`开展隐患排查，` over `全面清理林区可燃物。`: a line
/// wrapped by the page) run on through the paragraphs that end the sentence.
fn wrapped_sentence(head: &str, body: &[String]) -> Option<String> {
    if body.is_empty() || !ends_inside_sentence(head.trim_end()) {
        return None;
    }
    let mut sentence = head.trim_end().to_string();
    for paragraph in body {
        sentence.push_str(paragraph.trim());
        if paragraph.contains(['。', '；', ';', '！', '？']) {
            break;
        }
    }
    Some(sentence)
}

fn is_heading_text(head: &str) -> bool {
    let core = head.trim_end_matches(['。', '.', '：', ':']);
    // A sentence (…，…。) or a lead-in to a list (…，…：) says something; a heading names a part.
    let full_sentence = head.ends_with(['。', '：', ':']) && core.contains(['，', ',']);
    !core.is_empty()
        && !full_sentence
        && core.chars().count() <= 40
        && !core.contains(['。', '；', ';', '！', '？'])
}

fn is_non_task_heading(head: &str) -> bool {
    // Each heading with its length in characters, and the longest: counted once, not per head.
    static HEADINGS: LazyLock<(Vec<(&str, usize)>, usize)> = LazyLock::new(|| {
        let headings: Vec<(&str, usize)> = NON_TASK_HEADINGS
            .iter()
            .map(|h| (*h, h.chars().count()))
            .collect();
        let longest = headings.iter().map(|(_, chars)| *chars).max().unwrap_or(0);
        (headings, longest)
    });
    let (headings, longest) = &*HEADINGS;
    let core = head.trim_end_matches(['。', '.', '：', ':']).trim();
    // A head may be a whole paragraph: its characters are counted only as far as a test needs.
    let core_chars = core.chars().take(longest + 5).count();
    // Text flattened onto one line runs a heading into its body (`工作目标以…为指导，…`).
    headings.iter().any(|&(h, h_chars)| {
        core == h
            || (core_chars <= h_chars + 4 && short_text_contains(core, h))
            || (core.starts_with(h) && !core[h.len()..].starts_with(['的', '和', '与']))
    }) || (core_chars <= NON_TASK_HEADING_ENDING_MAX_CHARS
        && NON_TASK_HEADING_ENDINGS.iter().any(|e| core.ends_with(e)))
}

fn printed_heading(printed: &str) -> String {
    printed.trim_end_matches(['。', '.', '：', ':']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, layout: Layout) -> OutlineResult {
        let lines = crate::interpret::lines_of(text);
        read_outline(&lines, layout, text.into(), &mut Vec::new())
    }

    /// Brackets taken out as they were first, one at a time from the last, copying the rest of
    /// the paragraph each time: the oracle for the one-pass removal.
    fn without_brackets_one_at_a_time(paragraph: &str, taken: &[std::ops::Range<usize>]) -> String {
        let mut paragraph = paragraph.to_string();
        for range in taken.iter().rev() {
            let tail = paragraph[range.end..].to_string();
            paragraph.truncate(range.start);
            if !tail
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '；' | ';' | '.'))
                .is_empty()
            {
                paragraph.push_str(&tail);
            }
        }
        paragraph
    }

    #[test]
    fn a_headings_assignment_holds_for_its_tasks_in_what_they_leave_unsaid() {
        let result = read(
            "一、主要任务\n（一）推进交通建设（牵头单位：县交通局；责任领导：王某某）\n1.建成公路连接线。\n2.改造农村公路。县财政局配合。\n3.整治超载。县公安局牵头。\n（二）改善环境\n1.改造小区。\n2.推进分类。县城管局负责。\n",
            Layout::Outline,
        );
        let roles: Vec<(Vec<String>, Vec<String>, Vec<String>)> = result
            .tasks
            .iter()
            .map(|t| (t.lead.clone(), t.support.clone(), t.leaders.clone()))
            .collect();
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            roles,
            [
                (names(&["县交通局"]), names(&[]), names(&["王某某"])),
                (
                    names(&["县交通局"]),
                    names(&["县财政局"]),
                    names(&["王某某"])
                ),
                (names(&["县公安局"]), names(&[]), names(&["王某某"])),
                (names(&[]), names(&[]), names(&[])),
                (names(&[]), names(&["县城管局"]), names(&[])),
            ]
        );
    }

    #[test]
    fn a_heading_naming_a_leader_who_leads_gives_the_leader_of_the_tasks_below() {
        assert_eq!(leading_leaders("王某某副县长牵头"), ["王某某"]);
        assert_eq!(leading_leaders("副县长李某负责"), ["李某"]);
        assert!(leading_leaders("县长王某某讲话精神").is_empty());
        assert!(leading_leaders("王某某副县长牵头，县交通局配合推进").is_empty());
        let result = read(
            "一、王某某副县长牵头\n1.修路。县交通局负责。\n2.建桥。县住建局负责。\n二、其他\n3.清淤。县水利局负责。\n",
            Layout::Outline,
        );
        let leaders: Vec<Vec<String>> = result.tasks.iter().map(|t| t.leaders.clone()).collect();
        assert_eq!(
            leaders,
            [
                vec!["王某某".to_string()],
                vec!["王某某".to_string()],
                vec![]
            ]
        );
    }

    #[test]
    fn a_rules_general_and_closing_articles_are_no_tasks() {
        let result = read(
            "第一章 总则\n第一条 为落实安全责任，制定本规定。\n第二章 职责\n第二条 县交通局负责道路巡查。\n第三章 附则\n第三条 本规定自印发之日起施行。\n",
            Layout::Outline,
        );
        let seqs: Vec<_> = result.tasks.iter().map(|t| t.seq.as_deref()).collect();
        assert_eq!(seqs, [Some("第二条")]);
    }

    #[test]
    fn brackets_are_taken_out_in_one_pass_as_one_at_a_time() {
        let alphabet = ['甲', '。', ' ', '；', '（', '）', '乙'];
        for text in crate::test_samples::strings(&alphabet, 14, 20_000) {
            let groups: Vec<std::ops::Range<usize>> = assign::bracket_groups(&text)
                .into_iter()
                .map(|(_, range)| range)
                .collect();
            // Every choice of the groups to take, as some assign and some do not.
            for mask in 0..(1u32 << groups.len().min(4)) {
                let taken: Vec<_> = groups
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, r)| r.clone())
                    .collect();
                assert_eq!(
                    without_brackets(&text, &taken),
                    without_brackets_one_at_a_time(&text, &taken),
                    "{text:?} {taken:?}"
                );
            }
        }
    }

    #[test]
    fn a_phrase_is_read_once_for_each_state_of_the_first_leads_note() {
        let phrases = Phrases::new("".into());
        let fresh = |phrase: &str, first_leads: bool| {
            assign::parse_phrase(phrase, &mut UnitContext::new(""), first_leads)
        };
        let phrase = "县应急局、县公安局负责";
        let once = phrases.parse(phrase, false);
        assert_eq!(once, fresh(phrase, false));
        assert_eq!(phrases.parse(phrase, false), once);
        // Under the note the first unit leads: a reading of its own, not the one above.
        let led = phrases.parse(phrase, true);
        assert_eq!(led, fresh(phrase, true));
        assert_ne!(led, once);
        assert!(phrases.assigns(phrase));
        assert!(!phrases.assigns("加强组织领导"));
        assert_eq!(phrases.read.borrow().len(), 3);
    }

    #[test]
    fn headings_become_sections_and_preamble_is_skipped() {
        let r = read(
            "一、总体要求\n1.指导思想\n坚持。\n二、主要任务\n3.压实属地责任\n各级党委要落实。\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks.len(), 1);
        let t = &r.tasks[0];
        assert_eq!(
            (t.seq.as_deref(), t.title.as_str()),
            (Some("3"), "压实属地责任")
        );
        assert_eq!(t.section, ["二、主要任务"]);
    }

    #[test]
    fn targets_and_working_principles_are_preamble() {
        let r = read(
            "一、目标任务\n1.到2026年，普及率达到95%。\n二、工作原则\n1.坚持因地制宜。\n三、重点任务\n（一）推进改造。\n",
            Layout::Outline,
        );
        let seqs: Vec<_> = r.tasks.iter().map(|t| t.seq.as_deref()).collect();
        assert_eq!(seqs, [Some("（一）")]);
    }

    #[test]
    fn trailing_assignment_and_items() {
        let r = read(
            "二、主要任务\n(一)危险化学品整治。一是排查。二是整改。(市应急管理局牵头,市发改局、工信局等按职责分工负责)\n",
            Layout::Outline,
        );
        let t = &r.tasks[0];
        assert_eq!(t.lead, ["市应急管理局"]);
        assert_eq!(t.support, ["市发改局", "市工信局"]);
        assert_eq!(t.items.len(), 2);
        assert!(!t.text.contains("牵头"));
    }

    #[test]
    fn a_trailing_assignment_closes_its_item_but_not_its_deadline_line() {
        let r = read(
            "二、主要任务\n(一)甲专题。(市应急局牵头)\n完成时限：2024年底前\n以上实施方案由各部门制定。\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks[0].text, "甲专题。");
        assert_eq!(r.tasks[0].deadline.as_deref(), Some("2024年底前"));
    }

    #[test]
    fn a_cover_letters_points_before_its_signature_are_not_tasks() {
        let r = read(
            "关于印发方案的通知\n一、提高认识。各部门要重视。\n某县人民政府办公室\n2024年3月1日\n某县方案\n一、主要任务\n（一）开展排查。（县应急局牵头）\n",
            Layout::Outline,
        );
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["开展排查"]);
    }

    #[test]
    fn standing_note_applies_to_later_tasks_of_the_list() {
        let r = read(
            "二、主要任务\n(一)甲专题。(市应急局牵头;各镇负责,以下均需要各镇负责,不再列出)\n(二)乙专题。(市公安局牵头)\n三、其他\n(一)丙。(市财政局牵头)\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks[1].support, ["各镇"]);
        assert!(r.tasks[2].support.is_empty());
    }

    #[test]
    fn measures_each_closed_by_their_bracket_are_tasks_under_their_heading() {
        let r = read(
            "二、主要任务\n1．整治工业污染\n取缔小企业。全面排查。（县环保局牵头，县工信局等参与）\n整治重点行业。推进治理。（县环保局牵头）\n",
            Layout::Outline,
        );
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["取缔小企业", "整治重点行业"]);
        assert_eq!(r.tasks[0].section, ["二、主要任务", "1．整治工业污染"]);
        assert_eq!(r.tasks[0].support, ["县工信局"]);
        assert_eq!(r.tasks[1].seq, None);
    }

    #[test]
    fn several_groups_in_one_paragraph_give_their_union_and_leave_the_text() {
        let r = read(
            "二、主要任务\n（一）推进改革。扩大试点（教育部、财政部负责）。完善制度（人社部负责）。\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks[0].support, ["教育部", "财政部", "人社部"]);
        assert_eq!(r.tasks[0].text, "推进改革。扩大试点。完善制度");
    }

    #[test]
    fn an_items_own_assignment_is_its_tasks_and_a_run_in_preamble_heading_is_left_out() {
        let r = read(
            "一、工作目标以质量为先，全面提升。\n二、主要任务\n1.明确目标。其中：\n（1）甲类企业增长10%；\n（2）乙类企业增长8%。责任单位：各区属国企\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks.len(), 1);
        assert_eq!(r.tasks[0].support, ["各区属国企"]);
        assert_eq!(r.tasks[0].items.len(), 2);
        assert!(!r.tasks[0].text.contains("责任单位"));
    }

    #[test]
    fn an_assignment_closing_a_group_of_items_is_the_blocks_and_one_after_each_item_makes_tasks() {
        let r = read(
            "一、重点任务\n（一）提升设施\n分期实施。\n1.公路。加快改造（含村道）。\n2.厕所。推进建设。\n（责任单位：区旅游委、交通局）\n（二）培养人才\n1.加强培训。组织培训。\n（责任单位：区旅游委）\n2.鼓励创业。支持创业。\n（责任单位：区人社局）\n",
            Layout::Outline,
        );
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["提升设施", "加强培训", "鼓励创业"]);
        assert_eq!(r.tasks[0].items.len(), 2);
        assert_eq!(r.tasks[0].support, ["区旅游委", "区交通局"]);
        assert_eq!(r.tasks[2].support, ["区人社局"]);
    }

    #[test]
    fn key_lines_closing_a_group_of_items_are_the_blocks_together() {
        let r = read(
            "一、重点任务\n（一）整治道路\n1.排查路段；\n2.完善设施。\n牵头单位：县交通局\n配合单位：县公安局\n（二）整治超载\n1.设置站点。\n牵头单位：县公安局\n2.联合执法。\n牵头单位：县交通局\n",
            Layout::Outline,
        );
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["整治道路", "设置站点", "联合执法"]);
        assert_eq!(r.tasks[0].items.len(), 2);
        assert_eq!(r.tasks[0].lead, ["县交通局"]);
        assert_eq!(r.tasks[0].support, ["县公安局"]);
        // Each item with lines of its own is a task of its own.
        assert_eq!(r.tasks[1].lead, ["县公安局"]);
        assert_eq!(r.tasks[2].lead, ["县交通局"]);
    }

    #[test]
    fn an_assignment_printed_as_the_closing_sentence_is_the_tasks() {
        let r = read(
            "一、重点任务\n1.优化企业开办服务，压缩开办时间。由县市场监管局牵头，县税务局配合，2025年5月底前完成。\n2.落实惠企政策。由县财政局负责资金兑付，确保按期落实。\n3.完善考核办法。各部门要梳理清单，由县财政局牵头汇总。各乡镇抓好落实。\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks[0].lead, ["县市场监管局"]);
        assert_eq!(r.tasks[0].support, ["县税务局"]);
        assert_eq!(r.tasks[0].deadline.as_deref(), Some("2025年5月底前完成"));
        // A sentence whose last clause is no role (负责资金兑付), or one inside the text: nothing.
        assert!(r.tasks[1].lead.is_empty() && r.tasks[1].support.is_empty());
        assert!(r.tasks[2].lead.is_empty() && r.tasks[2].support.is_empty());
    }

    #[test]
    fn a_heading_run_into_its_first_measure_is_split_before_the_measures_opening_word() {
        assert_eq!(
            run_in_heading_end("调整产业布局依法关停落后产能")
                .map(|e| &"调整产业布局依法关停落后产能"[..e]),
            Some("调整产业布局")
        );
        assert_eq!(
            run_in_heading_end("强化农村污水治理加快管网建设与改造")
                .map(|e| &"强化农村污水治理加快管网建设与改造"[..e]),
            Some("强化农村污水治理")
        );
        assert_eq!(
            run_in_heading_end("推进农村污染防治防治畜禽养殖污染")
                .map(|e| &"推进农村污染防治防治畜禽养殖污染"[..e]),
            Some("推进农村污染防治")
        );
        // A measure of its own (with a comma) or too short to hold two phrases is left alone.
        assert_eq!(run_in_heading_end("研究制定退缩线办法，加强管理"), None);
        assert_eq!(run_in_heading_end("加强监测"), None);
    }

    #[test]
    fn measures_under_a_heading_run_into_the_first_of_them() {
        let text = "二、主要任务\n（一）守护岸线\n1．整治污染加快排污口排查。年底前完成登记。（区环境局牵头，区水务局参与）\n开展养殖尾水整治，年内完成。（区渔业局牵头）\n";
        let result = read(text, Layout::Outline);
        let titles: Vec<&str> = result.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["加快排污口排查", "开展养殖尾水整治，年内完成"]);
        assert_eq!(
            result.tasks[0].section.last().map(String::as_str),
            Some("1．整治污染")
        );
        assert_eq!(result.tasks[1].lead, ["区渔业局"]);
    }

    #[test]
    fn a_numbered_paragraph_headed_by_its_unit_is_that_units_duty() {
        let text = "一、县水务局：负责河道巡查。\n二、县交通局：负责道路保通。\n三、各村委会：负责组织群众转移。\n";
        let result = read(text, Layout::DutyList);
        let support: Vec<&[String]> = result.tasks.iter().map(|t| t.support.as_slice()).collect();
        assert_eq!(
            support,
            [
                &["县水务局".to_string()][..],
                &["县交通局".to_string()],
                &["各村委会".to_string()]
            ]
        );
        assert_eq!(result.tasks[0].seq.as_deref(), Some("一"));
    }

    #[test]
    fn each_duty_paragraph_under_a_units_or_posts_head_is_a_duty() {
        let r = read(
            "县水务局：\n负责河道巡查。\n负责水库调度，\n及时发布预警。\n县气象局\n负责天气预报。\n副县长职责：\n负责分管行业安全。\n",
            Layout::DutyList,
        );
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "负责河道巡查",
                "负责水库调度，及时发布预警",
                "负责天气预报",
                "负责分管行业安全"
            ]
        );
        assert_eq!(r.tasks[1].text, "负责水库调度，及时发布预警。");
        assert_eq!(r.tasks[1].support, ["县水务局"]);
        assert_eq!(r.tasks[2].support, ["县气象局"]);
        assert_eq!(r.tasks[2].section, ["县气象局"]);
        assert_eq!(r.tasks[3].leaders, ["副县长"]);
        // A numbered unit heading over one duty is that duty.
        let r = read("一、县水务局\n负责河道巡查。\n", Layout::DutyList);
        assert_eq!(r.tasks[0].seq.as_deref(), Some("一"));
        assert_eq!(r.tasks[0].support, ["县水务局"]);
    }

    #[test]
    fn measures_closed_by_their_assignments_are_tasks_where_nothing_is_numbered() {
        let text = "某县工作要点\n为做好工作，特制定本要点。\n★推行网上办理。（牵头单位：县政务中心）\n\
                    ● 深化改革，\n压减审批时限。（牵头单位：县市场监管局）\n规范涉企收费。\n牵头单位：县发改局\n\
                    完成时限：2027年6月底\n请认真落实。\n";
        let r = read(text, Layout::Outline);
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            ["推行网上办理", "深化改革，压减审批时限", "规范涉企收费"]
        );
        assert_eq!(r.tasks[2].lead, ["县发改局"]);
        assert_eq!(r.tasks[2].deadline.as_deref(), Some("2027年6月底"));
        assert!(
            r.tasks
                .iter()
                .all(|t| t.seq.is_none() && t.section.is_empty())
        );
        // Numbers anywhere leave the outline as it is read.
        let r = read(
            "一、主要任务\n推行网上办理。（牵头单位：县政务中心）\n",
            Layout::Outline,
        );
        assert_eq!(r.tasks.len(), 1);
        assert_eq!(r.tasks[0].seq.as_deref(), Some("一"));
    }

    #[test]
    fn a_head_wrapped_inside_its_sentence_runs_on_for_its_title() {
        let text = "一、主要任务\n1.开展隐患排查，\n全面清理可燃物。（责任单位：县林业局）\n2.加强巡护、\n看护。\n";
        let r = read(text, Layout::Outline);
        let titles: Vec<&str> = r.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["开展隐患排查，全面清理可燃物", "加强巡护、看护"]);
        assert_eq!(wrapped_sentence("加强巡护", &["看护。".to_string()]), None);
    }

    #[test]
    fn duty_list_posts_are_leaders() {
        let r = read(
            "一、市长职责\n（一）认真贯彻落实，抓好安全。\n二、副市长职责\n（一）组织分管行业。\n",
            Layout::DutyList,
        );
        assert_eq!(r.tasks[0].leaders, ["市长"]);
        assert_eq!(r.tasks[1].leaders, ["副市长"]);
    }

    #[test]
    fn numbered_children_of_a_sentence_are_tasks_and_lost_numbers_are_inferred() {
        let r = read(
            "一、分工\n（一）根据规定，各位副区长要督促落实安全生产工作，确保落实。\n[image: IM 1].副区长张三负责交通。\n2.副区长李四负责教育。\n",
            Layout::LeaderDivision,
        );
        let seqs: Vec<_> = r
            .tasks
            .iter()
            .map(|t| t.seq.clone().unwrap_or_default())
            .collect();
        assert_eq!(seqs, ["（一）", "1", "2"]);
        assert_eq!(r.tasks[1].leaders, ["张三"]);
        assert_eq!(r.tasks[1].section, ["一、分工"]);
    }

    #[test]
    fn headings_of_preamble_schedule_and_remarks() {
        for heading in [
            "总体要求",
            "工作目标：",
            "创建目标",
            "年度整治目标",
            "基本原则",
            "纪律要求",
            "方法步骤",
            "工作目标以全面提升为导向",
        ] {
            assert!(is_non_task_heading(heading), "{heading}");
        }
        for heading in [
            "主要任务",
            "重点任务",
            "工作目标和主要任务",
            "实现年度目标的具体措施",
        ] {
            assert!(!is_non_task_heading(heading), "{heading}");
        }
    }
}
