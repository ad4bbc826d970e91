//! Assignment phrases: `(市应急管理局牵头,市发改局、工信局等部门按职责分工负责)`,
//! `牵头单位：…；责任单位：…`, `A会同B负责`, `X负责…` at the head of a task.

use crate::normalize::name_list::NameList;
use crate::normalize::persons::split_persons;
use crate::normalize::split_top_level;
use crate::normalize::units::{UnitContext, is_gov_body, take_marked_leads};
use crate::vocab::{
    AGENT_MARKERS, AGENT_TOPICS, ASSIGNMENT_LINE_KEYS, BARE_ROLE_KEYS, CARRIED_FORWARD,
    CLAUSE_VERB_ADVERBS, CLAUSE_VERBS, ClauseRole, Column, FIRST_LEADS_CLAUSE_ENDS,
    FIRST_LEADS_COPULAS, FIRST_LEADS_COUNTERS, FIRST_LEADS_GAP_CHARS, FIRST_LEADS_ORDINALS,
    FIRST_LEADS_POSSESSIVE, FIRST_LEADS_UNIT_WORDS, FOLLOWING_ASSIGNMENT_KEYS,
    FOLLOWING_CLAUSE_VERBS, LEAD_FRAME, RANKING_VERBS, ROLE_COPULAS, ROLE_LEAD, ROLE_NOUNS,
    STANDING_NOTE_MARKERS, UNIT_CLAUSE_VERBS,
};

/// Who does a task, as far as one phrase says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub persons: Vec<String>,
    pub leaders: Vec<String>,
    pub deadline: Option<String>,
    /// Units a standing note adds to this and every later task of the same list.
    pub standing_support: Vec<String>,
    /// The phrase said that the first unit leads, `下同`: so do later phrases.
    pub first_leads_forward: bool,
    /// The list was printed cut short (`市发改局、工信局……`).
    pub cut_short: bool,
}

impl Assignment {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.support.is_empty()
            && self.persons.is_empty()
            && self.leaders.is_empty()
            && self.deadline.is_none()
            && self.standing_support.is_empty()
    }

    /// Adds another phrase's names. A unit that leads any part leads: it is not also support.
    /// Each list is searched through a [`NameList`], so a merge costs what the two hold.
    pub fn merge(&mut self, other: Assignment) {
        if other.lead.len() > 16 {
            let new_leads: std::collections::HashSet<&str> =
                other.lead.iter().map(String::as_str).collect();
            self.support.retain(|u| !new_leads.contains(u.as_str()));
        } else if !other.lead.is_empty() {
            self.support.retain(|u| !other.lead.contains(u));
        }
        let mut lead = NameList::from_vec(std::mem::take(&mut self.lead));
        for unit in other.lead {
            lead.push_unique(unit);
        }
        let mut support = NameList::from_vec(std::mem::take(&mut self.support));
        for unit in other.support {
            if !lead.contains(&unit) {
                support.push_unique(unit);
            }
        }
        self.lead = lead.into_vec();
        self.support = support.into_vec();
        for (list, names) in [
            (&mut self.persons, other.persons),
            (&mut self.leaders, other.leaders),
            (&mut self.standing_support, other.standing_support),
        ] {
            let mut merged = NameList::from_vec(std::mem::take(list));
            for name in names {
                merged.push_unique(name);
            }
            *list = merged.into_vec();
        }
        if self.deadline.is_none() {
            self.deadline = other.deadline;
        }
        self.first_leads_forward |= other.first_leads_forward;
        self.cut_short |= other.cut_short;
    }
}

impl Assignment {
    /// What merging `parts` one after another into an empty assignment gives, in time linear in
    /// their names: a task that gathers thousands of brackets (a page flattened into one
    /// paragraph) made the one-by-one merge quadratic.
    pub fn merged(parts: impl IntoIterator<Item = Assignment>) -> Assignment {
        let mut all = Assignment::default();
        let (mut lead, mut support) = (NameList::default(), NameList::default());
        let (mut persons, mut leaders, mut standing) = (
            NameList::default(),
            NameList::default(),
            NameList::default(),
        );
        for part in parts {
            for unit in part.lead {
                lead.push_unique(unit);
            }
            for unit in part.support {
                if !lead.contains(&unit) {
                    support.push_unique(unit);
                }
            }
            for name in part.persons {
                persons.push_unique(name);
            }
            for name in part.leaders {
                leaders.push_unique(name);
            }
            for unit in part.standing_support {
                standing.push_unique(unit);
            }
            if all.deadline.is_none() {
                all.deadline = part.deadline;
            }
            all.first_leads_forward |= part.first_leads_forward;
            all.cut_short |= part.cut_short;
        }
        // A unit that leads any part leads: it is not also support, whichever came first.
        all.support = support.into_vec();
        all.support.retain(|unit| !lead.contains(unit));
        all.lead = lead.into_vec();
        all.persons = persons.into_vec();
        all.leaders = leaders.into_vec();
        all.standing_support = standing.into_vec();
        all
    }
}

pub fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// What ends a key: a colon, or the bracket around it (`【责任单位】`).
fn is_key_end(c: char) -> bool {
    matches!(c, '：' | ':' | '】' | ']' | '］') || is_key_dash(c)
}

/// Marks some notices print for a key's colon (`责任单位/县住建局`, `牵头单位——县市场监管局`):
/// a key ends there only where a whole assignment key opens a clause before it and a value
/// follows, as a slash or a dash elsewhere (`牵头单位/配合单位`, `2027—2028年`) joins words.
fn is_key_dash(c: char) -> bool {
    matches!(c, '/' | '／' | '—')
}

/// Whether `text` may hold a `KEY：` at all: most paragraphs are ruled out without the key
/// grammar. One search per ending, each a vectorised scan of the bytes, costs less than
/// decoding every character to compare it with all of them.
fn may_hold_keys(text: &str) -> bool {
    // The searchers are built once: building one costs more than a paragraph's search.
    static WIDE_ENDS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| ["：", "】", "］"].map(memchr::memmem::Finder::new));
    static WIDE_DASHES: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| ["／", "—"].map(memchr::memmem::Finder::new));
    let bytes = text.as_bytes();
    memchr::memchr3(b':', b']', b'/', bytes).is_some()
        || WIDE_ENDS.iter().any(|end| end.find(bytes).is_some())
        || WIDE_DASHES.iter().any(|end| end.find(bytes).is_some())
}

/// Where the value after a key's dash starts (past `——` and spaces), if `key` is one there:
/// it opens its clause, and a value that is not another key follows.
fn after_key_dash(text: &str, dash: usize, before: &str, key: &str) -> Option<usize> {
    let opens = before[..before.len() - key.len()]
        .chars()
        .next_back()
        .is_none_or(|c| !crate::normalize::is_han(c) && !c.is_alphanumeric());
    let rest = &text[dash..];
    let value = rest.trim_start_matches(|c: char| is_key_dash(c) || c.is_whitespace());
    let names_more = value.chars().next().is_some_and(|c| {
        crate::normalize::is_han(c) || c.is_alphanumeric() || c == '（' || c == '('
    });
    let another_key = ASSIGNMENT_LINE_KEYS
        .iter()
        .any(|(other, _)| value.starts_with(other));
    (opens && names_more && !another_key).then_some(text.len() - value.len())
}

/// One `KEY：` of an assignment line (`牵头单位：`): the key's column, and where key and colon
/// stand in the text.
struct KeyAt {
    column: Column,
    whole: std::ops::Range<usize>,
}

/// Every `KEY：` of `ASSIGNMENT_LINE_KEYS` in `text`, in order: at each colon, the longest key
/// ending before it (spaces between allowed). Written by hand from the colons, which are rare,
/// rather than as an alternation of every key, which cost more to compile than a notice to read.
fn assignment_keys(text: &str) -> Vec<KeyAt> {
    let mut found = Vec::new();
    for (colon, c) in text.char_indices().filter(|(_, c)| is_key_end(*c)) {
        // `【牵头单位】县交通局`: a key in brackets ends with the bracket and starts with its opener.
        let opener = match c {
            '】' => Some('【'),
            ']' => Some('['),
            '］' => Some('［'),
            _ => None,
        };
        let before = match opener {
            Some(_) => &text[..colon],
            None => text[..colon].trim_end_matches(char::is_whitespace),
        };
        let mut best: Option<&(&str, Column)> = None;
        let following: &[(&str, Column)] = if found.is_empty() {
            &[]
        } else {
            FOLLOWING_ASSIGNMENT_KEYS
        };
        for entry in ASSIGNMENT_LINE_KEYS.iter().chain(following) {
            if before.ends_with(entry.0) && best.is_none_or(|b| entry.0.len() > b.0.len()) {
                best = Some(entry);
            }
        }
        if is_key_dash(c) {
            // A dash ends only a whole key (no bare role word: `配合/协助` joins words).
            if let Some((key, column)) = best
                && let Some(value_start) = after_key_dash(text, colon, before, key)
            {
                found.push(KeyAt {
                    column: *column,
                    whole: before.len() - key.len()..value_start,
                });
            }
            continue;
        }
        if best.is_none() {
            best = BARE_ROLE_KEYS.iter().find(|(key, _)| {
                before.strip_suffix(key).is_some_and(|rest| {
                    rest.chars()
                        .next_back()
                        .is_none_or(|c| !crate::normalize::is_han(c) && !c.is_alphanumeric())
                })
            });
        }
        if let Some((key, column)) = best {
            let start = before.len() - key.len();
            // `县融媒体中心【牵头】、县教育局`: a bracket that holds nothing after it (a list's
            // separator or the end follows) marks the name before it, as （牵头） does.
            let after = &text[colon + c.len_utf8()..];
            let holds_nothing = after
                .chars()
                .next()
                .is_none_or(|n| matches!(n, '、' | '，' | ',' | '；' | ';' | '。' | '）' | ')'));
            let start = match opener {
                None => Some(start),
                Some(_) if holds_nothing => None,
                Some(opener) => before[..start]
                    .strip_suffix(opener)
                    .map(|outside| outside.len()),
            };
            if let Some(start) = start {
                found.push(KeyAt {
                    column: *column,
                    whole: start..colon + c.len_utf8(),
                });
            }
        }
    }
    if let Some(first) = found.first().map(|k| k.whole.start)
        && let Some(leading) = following_key_before(text, first)
    {
        found.insert(0, leading);
    }
    found
}

/// A short key that opens the run just before its first key (`（时限：6月底；责任人：张某）`):
/// the colon nearest before that key, with no stop between them.
fn following_key_before(text: &str, first: usize) -> Option<KeyAt> {
    let (colon, c) = text[..first]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '：' | ':' | '。'))?;
    if c == '。' {
        return None;
    }
    let before = text[..colon].trim_end_matches(char::is_whitespace);
    let (key, column) = FOLLOWING_ASSIGNMENT_KEYS
        .iter()
        .find(|(key, _)| before.ends_with(key))?;
    // The key stands alone: at the start, or after a bracket, a stop or a space.
    let opens = before[..before.len() - key.len()]
        .chars()
        .next_back()
        .is_none_or(|c| !crate::normalize::is_han(c) && !c.is_alphanumeric());
    opens.then(|| KeyAt {
        column: *column,
        whole: before.len() - key.len()..colon + c.len_utf8(),
    })
}

/// The endings of a unit that opens a task head, in the order they are tried (委员会 before 委).
const SUBJECT_ENDINGS: [&str; 9] = [
    "局",
    "委员会",
    "办公室",
    "办",
    "委",
    "中心",
    "大队",
    "支队",
    "政府",
];
/// The longest subject unit read, its ending included (`…局`, `…委员会`).
const SUBJECT_NAME_MAX_CHARS: usize = 43;
/// The longest note in brackets after a subject unit (`（区应急管理局）`), in characters.
const SUBJECT_NOTE_MAX_CHARS: usize = 20;

/// A task head that opens with the unit responsible (`区安委办（区应急管理局）负责指导…`): the
/// shortest name of two characters or more up to an ending, without punctuation or spaces, an
/// optional note in brackets, an optional 要, then 负责 or 牵头. Returns name, note and verb;
/// `None` past `SUBJECT_NAME_MAX_CHARS`.
fn subject_parts(head: &str) -> Option<(&str, &str, &str)> {
    let is_separator = |c: char| matches!(c, '，' | '。' | '；' | '、' | '：') || c.is_whitespace();
    for (chars_before, (at, c)) in head.char_indices().enumerate() {
        // The shortest name wins: once it could only be longer than the limit, none is read.
        if chars_before >= SUBJECT_NAME_MAX_CHARS || is_separator(c) {
            return None;
        }
        if chars_before < 2 {
            continue;
        }
        for ending in SUBJECT_ENDINGS {
            if !head[at..].starts_with(ending) {
                continue;
            }
            let name_end = at + ending.len();
            let note_end = bracket_note_end(&head[name_end..]).map(|n| name_end + n);
            for after_name in note_end.into_iter().chain([name_end]) {
                let rest = &head[after_name..];
                let rest = rest.strip_prefix('要').unwrap_or(rest);
                if let Some(verb) = ["负责", "牵头"].into_iter().find(|v| rest.starts_with(v)) {
                    let too_long = chars_before + ending.chars().count() > SUBJECT_NAME_MAX_CHARS;
                    return (!too_long)
                        .then(|| (&head[..name_end], &head[name_end..after_name], verb));
                }
            }
        }
    }
    None
}

/// The length in bytes of a bracketed note opening `text` (`（区应急管理局）`), if one does.
fn bracket_note_end(text: &str) -> Option<usize> {
    let inside = text.strip_prefix(['（', '('])?;
    let close = inside.find(['）', ')'])?;
    let closing = inside[close..].chars().next()?;
    (1..=SUBJECT_NOTE_MAX_CHARS)
        .contains(&inside[..close].chars().count())
        .then(|| text.len() - inside.len() + close + closing.len_utf8())
}

/// Whether a clause says the first unit named leads (`排第一的为牵头单位`): the wording of
/// [`FIRST_LEADS_ORDINALS`] read by hand (its regular expression cost a tenth of an import to
/// compile), every way of reading the optional words after the ordinal tried.
pub fn says_first_leads(text: &str) -> bool {
    FIRST_LEADS_ORDINALS
        .iter()
        .flat_map(|ordinal| text.match_indices(ordinal))
        .any(|(at, ordinal)| {
            let rest = &text[at + ordinal.len()..];
            first_leads_subject_ends(rest)
                .into_iter()
                .any(|end| copula_then_lead(&rest[end..]))
        })
}

/// Where the optional counter, 的 and unit word after 第一 may end (byte offsets; 0 for none).
fn first_leads_subject_ends(rest: &str) -> Vec<usize> {
    let mut ends = vec![0];
    if let Some(counter) = rest
        .chars()
        .next()
        .filter(|c| FIRST_LEADS_COUNTERS.contains(c))
    {
        ends.push(counter.len_utf8());
    }
    for end in ends.clone() {
        if rest[end..].starts_with(FIRST_LEADS_POSSESSIVE) {
            ends.push(end + FIRST_LEADS_POSSESSIVE.len_utf8());
        }
    }
    for end in ends.clone() {
        if let Some(word) = FIRST_LEADS_UNIT_WORDS
            .iter()
            .find(|w| rest[end..].starts_with(**w))
        {
            ends.push(end + word.len());
        }
    }
    ends
}

/// A copula within the first gap of one clause, then 牵头 within the second.
fn copula_then_lead(text: &str) -> bool {
    let (before, after) = FIRST_LEADS_GAP_CHARS;
    for (skipped, (at, c)) in text.char_indices().enumerate() {
        if skipped > before {
            break;
        }
        if FIRST_LEADS_COPULAS.contains(&c) && lead_within(&text[at + c.len_utf8()..], after) {
            return true;
        }
        if FIRST_LEADS_CLAUSE_ENDS.contains(&c) {
            break;
        }
    }
    false
}

/// Whether [`ROLE_LEAD`] starts within `gap` characters of one clause.
fn lead_within(text: &str, gap: usize) -> bool {
    for (skipped, (at, c)) in text.char_indices().enumerate() {
        if text[at..].starts_with(ROLE_LEAD) {
            return true;
        }
        if skipped == gap || FIRST_LEADS_CLAUSE_ENDS.contains(&c) {
            return false;
        }
    }
    false
}

/// Parses a `KEY：VALUE；KEY：VALUE` run. Returns the assignment and the byte range it occupies
/// in `text`, so the caller can remove it from the task text.
pub fn key_values(
    text: &str,
    units: &mut UnitContext,
    first_leads: bool,
) -> Option<(Assignment, std::ops::Range<usize>)> {
    if let Some((colonised, first_key)) = with_spaced_line_keys(text) {
        let (assignment, _) = key_values(&colonised, units, first_leads)?;
        return Some((assignment, first_key..text.len()));
    }
    let copulas = with_copula_keys(text);
    let text = &*copulas;
    if !may_hold_keys(text) {
        return None;
    }
    let keys = assignment_keys(text);
    let first = keys.first()?.whole.start;
    let mut assignment = Assignment::default();
    // Where the document says the first unit listed leads, the first of a list that ranks
    // nobody (责任单位：A、B) leads, unless a key names the lead.
    let ranks_first = first_leads && !keys.iter().any(|k| k.column == Column::Lead);
    let mut first_unranked: Option<String> = None;
    for (i, key) in keys.iter().enumerate() {
        let value_end = keys.get(i + 1).map_or(text.len(), |k| k.whole.start);
        let mut value = &text[key.whole.end..value_end];
        // A list of names is one sentence: what follows its stop is not part of it.
        if !matches!(key.column, Column::Deadline | Column::Notes)
            && let Some(stop) = value.find('。')
        {
            value = &value[..stop];
        }
        let mut value = without_unmatched_closers(value.trim());
        // 责任单位：县教育局，2025年6月底前完成 / 县教育局（2025年6月底前）: the list's time
        // limit, not a unit.
        if matches!(key.column, Column::Lead | Column::Support | Column::Units)
            && let Some((names, limit)) = trailing_time_limit(value)
        {
            assignment.deadline.get_or_insert(limit);
            value = names;
        }
        // 责任单位：县交通局、县公安局，其中县交通局为牵头单位: the list, then which of it leads.
        if matches!(key.column, Column::Support | Column::Units)
            && let Some((listed, leading)) = lead_named_after_list(value)
        {
            let leads = units.split(leading);
            for name in units.split(&listed) {
                if !leads.contains(&name) {
                    push_unique(&mut assignment.support, name);
                }
            }
            for name in leads {
                push_unique(&mut assignment.lead, name);
            }
            continue;
        }
        match key.column {
            Column::Lead => assignment.lead.extend(units.split(value)),
            // 责任单位：市教育局、市人社局，排在第一位的为牵头单位: the note ranks the list.
            Column::Support | Column::Units if says_first_leads(value) => {
                let listed: Vec<&str> =
                    split_top_level(value, |c| matches!(c, '，' | ',' | '；' | ';'))
                        .into_iter()
                        .filter(|clause| !says_first_leads(clause))
                        .collect();
                let mut names = units.split(&listed.join("，")).into_iter();
                if let Some(first) = names.next() {
                    push_unique(&mut assignment.lead, first);
                }
                for name in names {
                    push_unique(&mut assignment.support, name);
                }
            }
            // 责任单位：区审批局、大数据中心牵头，区直各单位 ranks as it says.
            Column::Support | Column::Units if reads_as_phrase(value) => {
                if let Some(found) = parse_phrase(value, units, false) {
                    assignment.merge(found);
                }
            }
            Column::Units if ranks_first && first_unranked.is_none() => {
                let mut names = units.split(value).into_iter();
                first_unranked = names.next();
                assignment.support.extend(names);
            }
            Column::Support | Column::Units => assignment.support.extend(units.split(value)),
            // 责任单位及责任人：县交通局 李某某 names a unit beside its 责任人.
            Column::Persons => {
                for name in split_persons(&[value]).0 {
                    if let Some((unit, person)) = unit_and_bracketed_person(&name) {
                        for unit in units.split(unit) {
                            push_unique(&mut assignment.support, unit);
                        }
                        push_unique(&mut assignment.persons, person.to_string());
                    } else if names_units(&name) || unit_with_person(&name).is_some() {
                        for unit in units.split(&name) {
                            push_unique(&mut assignment.support, unit);
                        }
                    } else {
                        push_unique(&mut assignment.persons, name);
                    }
                }
            }
            Column::Leaders => assignment.leaders.extend(split_persons(&[value]).0),
            Column::Deadline => {
                assignment.deadline = Some(value.to_string()).filter(|v| !v.is_empty())
            }
            _ => {}
        }
    }
    // 责任单位：县交通局 李某某 names the unit's 责任人 beside it.
    for person in take_people_after_units(&mut assignment.lead)
        .into_iter()
        .chain(take_people_after_units(&mut assignment.support))
    {
        push_unique(&mut assignment.persons, person);
    }
    // 责任单位：县应急管理局（牵头）、县公安局 names its lead inside the list.
    let (marked, rest) = take_marked_leads(std::mem::take(&mut assignment.support));
    assignment.support = rest;
    for unit in marked {
        push_unique(&mut assignment.lead, unit);
    }
    if let Some(first) = first_unranked {
        if assignment.lead.is_empty() {
            assignment.support.retain(|u| *u != first);
            assignment.lead.push(first);
        } else {
            assignment.support.insert(0, first);
        }
    }
    // Keys that name nothing (适用范围：…) alone are text, not an assignment.
    (!assignment.is_empty()).then_some((assignment, first..text.len()))
}

/// The longest key of [`ASSIGNMENT_LINE_KEYS`], in characters (具体负责单位).
const KEY_MAX_CHARS: usize = 6;

/// `牵头单位　县住建局　配合单位　县财政局` / `实施道路提升工程　牵头单位　县交通局` → the same with
/// colons, and where the first such key starts: a line laid out as a form, a whole key set apart
/// by spaces from the words before it and from its value. A key followed by another key (a
/// header row, `牵头单位  配合单位`) or by nothing is no key's value; a notes key is none.
fn with_spaced_line_keys(text: &str) -> Option<(String, usize)> {
    use crate::normalize::is_space;
    static WIDE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    let is_key = |piece: &str| {
        piece.chars().count() <= KEY_MAX_CHARS
            && ASSIGNMENT_LINE_KEYS
                .iter()
                .any(|(key, column)| *key == piece && *column != Column::Notes)
    };
    let names_a_value = |value: &str| {
        value.chars().next().is_some_and(|c| {
            crate::normalize::is_han(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
        }) && !ASSIGNMENT_LINE_KEYS
            .iter()
            .any(|(key, _)| value.starts_with(key))
    };
    // Most paragraphs hold no space at all: they are ruled out by one scan of their bytes.
    let line_start = text.len() - text.trim_start_matches(is_space).len();
    let line = text.trim_matches(is_space);
    let bytes = line.as_bytes();
    if memchr::memchr2(b' ', b'\t', bytes).is_none() && WIDE_SPACE.find(bytes).is_none() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut first_key = None;
    let mut rest = line;
    while !rest.is_empty() {
        let end = rest.find(is_space).unwrap_or(rest.len());
        let (piece, after) = rest.split_at(end);
        let next = after.trim_start_matches(is_space);
        out.push_str(piece);
        if is_key(piece) && !next.is_empty() && names_a_value(next) {
            first_key.get_or_insert(line_start + line.len() - rest.len());
            out.push('：');
        } else {
            out.push_str(&after[..after.len() - next.len()]);
        }
        rest = next;
    }
    first_key.map(|at| (out, at))
}

/// `责任单位为区文旅局，完成时间为2027年10月` → `责任单位：区文旅局，完成时间：2027年10月`: a whole
/// key that opens its clause and names its value with a copula (为, 是) instead of a colon. Each
/// copula and the colon are three bytes, so every place in the text stays where it was. Not a key
/// inside a clause (`明确责任单位为…`), nor one another key follows.
fn with_copula_keys(text: &str) -> std::borrow::Cow<'_, str> {
    // The searchers are built once: building one costs more than a paragraph's search.
    static COPULAS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| ["为", "是"].map(memchr::memmem::Finder::new));
    // A key ends in one of few characters: most copulas are ruled out by the one before them.
    static KEY_ENDINGS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut endings: Vec<char> = ASSIGNMENT_LINE_KEYS
            .iter()
            .filter_map(|(key, _)| key.chars().next_back())
            .collect();
        endings.sort_unstable();
        endings.dedup();
        endings
    });
    let ends_a_key = |c: char| KEY_ENDINGS.binary_search(&c).is_ok();
    let mut found: Vec<usize> = COPULAS
        .iter()
        .flat_map(|copula| copula.find_iter(text.as_bytes()))
        .collect();
    found.sort_unstable();
    let mut at: Vec<usize> = Vec::new();
    for i in found {
        let before = &text[..i];
        if before.chars().next_back().is_some_and(ends_a_key) {
            let opens_clause = |key: &str| {
                before.strip_suffix(key).is_some_and(|outside| {
                    outside.chars().next_back().is_none_or(|p| {
                        crate::normalize::is_space(p) || "。，,；;：:（(【[".contains(p)
                    })
                })
            };
            let value = &text[i + '为'.len_utf8()..];
            let names_a_value = value.chars().next().is_some_and(|v| {
                crate::normalize::is_han(v) || v.is_ascii_digit() || ('０'..='９').contains(&v)
            }) && !ASSIGNMENT_LINE_KEYS
                .iter()
                .any(|(key, _)| value.starts_with(key));
            let keyed = ASSIGNMENT_LINE_KEYS
                .iter()
                .any(|(key, column)| *column != Column::Notes && opens_clause(key));
            if keyed && names_a_value {
                at.push(i);
            }
        }
    }
    if at.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for i in at {
        out.push_str(&text[from..i]);
        out.push('：');
        from = i + '为'.len_utf8();
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// `县交通局（李某某）` → (`县交通局`, `李某某`): a body, or a group of them (`各乡镇`), with
/// what follows it in brackets.
fn unit_with_person(unit: &str) -> Option<(&str, &str)> {
    unit.strip_suffix(['）', ')'])
        .and_then(|inner| inner.rsplit_once(['（', '(']))
        .filter(|(name, person)| !person.is_empty() && names_units(name))
}

/// `县交通局（李某某）`, `各乡镇（乡镇长）`, `县住建局（局长王某）` → the unit and the person (the
/// name where a post stands beside it) or the post that stands for its holder.
fn unit_and_bracketed_person(unit: &str) -> Option<(&str, &str)> {
    use crate::normalize::persons::{is_personal_name, is_post, name_and_post};
    let (unit, person) = unit_with_person(unit)?;
    if is_personal_name(person) && !is_gov_body(person) {
        return Some((unit, person));
    }
    if let Some((name, _)) = name_and_post(person) {
        return Some((unit, name));
    }
    (is_post(person) || person.ends_with(RESPONSIBLE_PERSON)).then_some((unit, person))
}

/// A body's name or a group of bodies (`各乡镇`, `相关部门`).
fn names_units(name: &str) -> bool {
    is_gov_body(name)
        || crate::vocab::UNIT_LINE_STARTS
            .iter()
            .any(|s| name.len() > s.len() && name.starts_with(s))
}

/// The longest name with its post (`县住房和城乡建设局局长欧阳某某`), in bytes: a longer clause
/// names no one person.
const PERSON_WITH_POST_MAX_BYTES: usize = 72;

/// A post that names whoever heads a unit (`主要负责人`).
const RESPONSIBLE_PERSON: &str = "负责人";

/// Takes out of a list of units the people it names beside them (`县交通局`, `李某某`, or
/// `县交通局（李某某）`): a cell or key that gives each unit with its 责任人. A name is a surname
/// and one or two characters that no unit's name ends like; one printed before any unit is
/// left, as nothing then shows that the list names people beside units.
pub fn take_people_after_units(units: &mut Vec<String>) -> Vec<String> {
    use crate::normalize::persons::is_personal_name;
    // `卫健`, `林草`: a department's short form is no name, whatever its first character.
    let is_short_form = |name: &str| {
        crate::vocab::ABBREVIATIONS
            .iter()
            .any(|(short, _)| *short == name)
    };
    let is_person =
        |name: &str| is_personal_name(name) && !is_gov_body(name) && !is_short_form(name);
    // Most lists name units alone: they are left as they are, without a copy.
    if !units
        .iter()
        .any(|u| u.ends_with(['）', ')']) || is_person(u))
    {
        return Vec::new();
    }
    let mut people = Vec::new();
    let mut seen_unit = false;
    let mut kept = Vec::with_capacity(units.len());
    for unit in units.drain(..) {
        if seen_unit && is_person(&unit) {
            people.push(unit);
            continue;
        }
        // `县交通局（李某某）`, `各乡镇（乡镇长）`: the person or post in brackets after the unit.
        if let Some((name, person)) = unit_and_bracketed_person(&unit) {
            people.push(person.to_string());
            kept.push(name.to_string());
            seen_unit = true;
            continue;
        }
        seen_unit |= !is_person(&unit);
        kept.push(unit);
    }
    *units = kept;
    people
}

/// A unit list's closing time limit, after a comma or in brackets (`A、B，2025年底前完成`,
/// `A（2025年6月底前）`): the names before it and the limit.
fn trailing_time_limit(value: &str) -> Option<(&str, String)> {
    let (names, limit) = match value.strip_suffix(['）', ')']) {
        Some(inner) => inner.rsplit_once(['（', '('])?,
        None => value.rsplit_once(['，', ','])?,
    };
    let limit = super::deadline::deadline_clause(limit)?;
    Some((names.trim_end_matches(['，', ',']).trim(), limit))
}

/// The brackets an assignment may stand in, opening and closing alike.
const OPENING_BRACKETS: [char; 6] = ['（', '(', '【', '[', '〔', '［'];
const CLOSING_BRACKETS: [char; 6] = ['）', ')', '】', ']', '〕', '］'];

/// A key's value without the stops after it and the brackets that close around the run
/// (`（责任单位：A、B）`), keeping a bracket the value opened itself (`各村（社区）`,
/// `张某某（镇城建办主任）`).
fn without_unmatched_closers(value: &str) -> &str {
    let opened = value.matches(OPENING_BRACKETS).count();
    let mut closed = value.matches(CLOSING_BRACKETS).count();
    let mut value = value;
    loop {
        let trimmed = value
            .trim_end()
            .trim_end_matches(['；', ';', '。', '，', ','])
            .trim_end();
        match trimmed.strip_suffix(CLOSING_BRACKETS) {
            Some(inner) if closed > opened => {
                closed -= 1;
                value = inner;
            }
            _ => return trimmed,
        }
    }
}

/// `县交通局、县公安局，其中县交通局为牵头单位`: a list, then a clause naming which of its units
/// lead (`其中A为牵头单位`, `A为牵头单位`). Returns the list's other clauses and the leading names.
fn lead_named_after_list(value: &str) -> Option<(String, &str)> {
    if !value.contains("牵头") {
        return None;
    }
    let clauses = split_top_level(value, |c| matches!(c, '，' | ',' | '；' | ';'));
    let (at, leading) = clauses
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(at, clause)| {
            let clause = clause.trim();
            let clause = clause.strip_prefix("其中").unwrap_or(clause);
            let clause = clause.trim_start_matches(['，', ',']);
            let (named, role) = strip_verb(clause);
            let is_noun_role = ROLE_NOUNS.iter().any(|(noun, _)| clause.ends_with(noun));
            (role == Some(ClauseRole::Lead) && is_noun_role && names_only_units(named))
                .then_some((at, named))
        })?;
    let listed: Vec<&str> = clauses
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != at)
        .map(|(_, c)| *c)
        .collect();
    Some((listed.join("，"), leading))
}

/// Whether a unit list is worded as a phrase that ranks its units (`县应急局牵头，县公安局配合`):
/// a verb after a name (not a marker in brackets, `（牵头）`) that ends its clause (牵头，/配合；/
/// 负责 at the end), not part of a name. Written by hand: its regular expression cost more to
/// compile than a notice costs to read.
pub fn reads_as_phrase(units: &str) -> bool {
    // `牵头：县住建局；配合：县城管局` in one cell ranks by its keys.
    if may_hold_keys(units) && !assignment_keys(units).is_empty() {
        return true;
    }
    RANKING_VERBS.iter().any(|verb| {
        units.match_indices(verb).any(|(at, _)| {
            let after_name = units[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !matches!(c, '（' | '('));
            let clause_ends = units[at + verb.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '，' | ',' | '；' | ';' | '。') || c.is_whitespace());
            after_name && clause_ends
        })
    })
}

/// Whether a sentence of prose is an assignment through and through (`由县市场监管局牵头，
/// 县税务局、县公安局配合，2025年5月底前完成`): every clause names units and ends with the verb
/// of their role, or is a time limit. Prose that merely mentions a unit (`由县财政局负责资金兑付，
/// 确保按期落实`) is not.
pub fn is_assignment_sentence(sentence: &str) -> bool {
    assignment_tail(sentence).is_some_and(|tail| tail.len() == sentence.len())
}

/// The clauses that close a sentence and assign it (`加强巡查，由县交通局负责，县公安局配合` →
/// `由县交通局负责，县公安局配合`): the longest run of clauses at its end that each name units
/// and the verb of their role or give a time limit, with at least one role among them. Read
/// from the end, each clause once.
pub fn assignment_tail(sentence: &str) -> Option<&str> {
    assignment_tail_read(sentence).map(|(tail, _)| tail)
}

/// [`assignment_tail`], and whether the run opens with a unit that is the subject of its
/// clause (`县生态环境局负责…保护工作，县水利局配合`): a sentence that assigns as a whole then,
/// though its first clause says what is done.
pub fn assignment_tail_read(sentence: &str) -> Option<(&str, bool)> {
    let printed = sentence;
    // Offsets in the two are the same: the comma replaced is as long as the one put in.
    let sentence = &*with_clause_commas(printed);
    // A colon ends a clause too: `加强宣传：县公安局负责` names no unit `加强宣传：县公安局`.
    let clauses = split_top_level(sentence, |c| {
        matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
    });
    let mut start = sentence.len();
    let mut roles = 0;
    let mut subject_opens = false;
    for clause in clauses.iter().rev() {
        // The slice's offset in the sentence: split_top_level hands out pieces of it.
        let at = clause.as_ptr() as usize - sentence.as_ptr() as usize;
        let Some(ranks) = clause_assigns(clause) else {
            // `县交通局要牵头做好巡查，县公安局配合`: the unit that opens the clause with its verb
            // ranks as the verb says; the run goes no further back.
            if roles > 0 && subject_parts(clause.trim()).is_some_and(|(unit, ..)| is_gov_body(unit))
            {
                start = at;
                subject_opens = true;
            }
            break;
        };
        roles += usize::from(ranks);
        start = at;
    }
    // A run of time limits and following verbs alone (`确保按期完成`) assigns nothing.
    (roles > 0).then(|| (printed[start..].trim_start(), subject_opens))
}

/// `县交通局牵头、县公安局配合`: an enumeration comma right after 牵头 ends the clause as a comma
/// does; `、` and `，` are both three bytes, so offsets hold in either text.
fn with_clause_commas(text: &str) -> std::borrow::Cow<'_, str> {
    const ENDED: &str = "牵头、";
    if text.contains(ENDED) {
        std::borrow::Cow::Owned(text.replace(ENDED, "牵头，"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The longest topic before 由 read as naming the work (`此项工作`, `上述重点任务`), in characters.
const AGENT_TOPIC_MAX_CHARS: usize = 8;

/// `由县交通局牵头` or `此项工作由县交通局牵头` from the unit on: without the agent marker, and
/// without a short topic before it that names the work (no unit's name ends so).
pub fn after_agent_marker(clause: &str) -> &str {
    if let Some(rest) = AGENT_MARKERS.iter().find_map(|m| clause.strip_prefix(m)) {
        return rest;
    }
    let Some(at) = clause.find('由') else {
        return clause;
    };
    let topic = &clause[..at];
    let names_work = |topic: &str| {
        AGENT_TOPICS.iter().any(|t| topic.ends_with(t))
            && topic.chars().count() <= AGENT_TOPIC_MAX_CHARS
    };
    // A word of manner may stand between the topic and 由 (`此项工作具体由`), or alone (`具体由`).
    let names_the_work = names_work(topic)
        || crate::vocab::AGENT_MANNERS
            .iter()
            .find_map(|manner| topic.strip_suffix(manner))
            .is_some_and(|before| before.is_empty() || names_work(before));
    if names_the_work {
        &clause[at + '由'.len_utf8()..]
    } else {
        clause
    }
}

/// Whether one clause reads as part of an assignment: `None` when it does not; `Some(true)`
/// for a clause that gives units their role, `Some(false)` for a time limit or a clause that
/// follows the ranking one (`各乡镇抓好落实`).
fn clause_assigns(clause: &str) -> Option<bool> {
    let clause = clause.trim();
    let clause = after_agent_marker(clause);
    if super::deadline::deadline_clause(clause).is_some() {
        return Some(false);
    }
    // `县交通局（牵头），县公安局配合`, `县交通局（牵头）、县公安局`: a list of units one of which
    // is marked as leading is ranked by its mark.
    if clause.contains("牵头") {
        let names = split_top_level(clause.trim_end_matches('。'), |c| c == '、');
        let marked = names.iter().any(|name| marks_lead(name.trim()));
        if marked
            && names
                .iter()
                .all(|name| names_a_unit(name.trim()) || marks_lead(name.trim()))
        {
            return Some(true);
        }
    }
    if !may_end_with_role(clause) {
        return None;
    }
    let (named, role) = strip_verb(clause);
    role?;
    let all_units = split_top_level(named, |c| c == '、').iter().all(|name| {
        let name = name.trim();
        names_a_unit(crate::normalize::units::strip_generic_tail(name)) || marks_lead(name)
    });
    let follows = FOLLOWING_CLAUSE_VERBS.iter().any(|v| clause.ends_with(v));
    all_units.then_some(!follows)
}

/// Whether a clause ends with a character that some role word ends with (负责, 配合, 为牵头单位 …):
/// most clauses of prose end otherwise and need no search through the role words.
fn may_end_with_role(clause: &str) -> bool {
    static LAST_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut last: Vec<char> = CLAUSE_VERBS
            .iter()
            .chain(UNIT_CLAUSE_VERBS)
            .chain(ROLE_NOUNS)
            .map(|(word, _)| *word)
            .chain([LEAD_FRAME.1])
            .filter_map(|word| word.chars().next_back())
            .collect();
        last.sort_unstable();
        last.dedup();
        last
    });
    clause
        .trim_end_matches(['。', '.', ' '])
        .chars()
        .next_back()
        .is_some_and(|c| LAST_CHARS.binary_search(&c).is_ok())
}

/// A government body, a company, or a group of them (`各乡镇`, `相关部门`), by how the name ends.
fn names_a_unit(name: &str) -> bool {
    use crate::vocab::{ADDRESSEE_ENDINGS, COMPANY_SUFFIXES, UNIT_LINE_ENDINGS};
    is_gov_body(name)
        || names_places_as_a_group(name)
        || [COMPANY_SUFFIXES, UNIT_LINE_ENDINGS, ADDRESSEE_ENDINGS]
            .iter()
            .flat_map(|endings| endings.iter())
            .any(|ending| name.ends_with(ending) && name.len() > ending.len())
}

/// `各村`, `各村（社区）`, `各县（市、区）`: every place of a level, named as a group (a note in
/// brackets may follow the level).
fn names_places_as_a_group(name: &str) -> bool {
    use crate::vocab::GROUP_PLACE_LEVELS;
    let core = name.split(['（', '(']).next().unwrap_or(name);
    core.strip_prefix('各')
        .is_some_and(|level| GROUP_PLACE_LEVELS.iter().any(|l| level.ends_with(l)))
        && core.chars().count() <= 6
}

/// A bracket that closes a paragraph and holds nothing but units (`…排查。（县教育局、县公安局）`,
/// `加强校园安全（县教育局）`): the units that carry the task, ranked by nobody. Not a bracket
/// right after a unit's name, which gives its other name (`县应急管理局（县安委办）`).
pub fn closing_unit_list(
    paragraph: &str,
    units: &mut UnitContext,
) -> Option<(Assignment, std::ops::Range<usize>)> {
    let (inner, range) = trailing_parenthesis(paragraph)?;
    let before = paragraph[..range.start].trim_end();
    if !lists_only_units(inner) || before.is_empty() || is_gov_body(before) || names_a_unit(before)
    {
        return None;
    }
    let assignment = Assignment {
        support: units.split(inner),
        ..Assignment::default()
    };
    (!assignment.support.is_empty()).then_some((assignment, range))
}

/// The longest list of units alone read, in bytes (some forty names).
const UNIT_LIST_MAX_BYTES: usize = 1200;

/// Whether `text` is nothing but a list of units (`县教育局、县公安局`), each name three
/// characters or more.
fn lists_only_units(text: &str) -> bool {
    // A list of units is short, and its first name is read before the whole list is split.
    let first_end = first_clause_end(text).min(text.find('、').unwrap_or(text.len()));
    if text.len() > UNIT_LIST_MAX_BYTES || !names_a_unit(text[..first_end].trim()) {
        return false;
    }
    let names = split_top_level(text, |c| matches!(c, '、' | '，' | ',' | '；' | ';'));
    !names.is_empty()
        && names.iter().all(|name| {
            let name = name.trim();
            name.chars().count() >= 3
                && names_a_unit(name)
                && !name.contains(['：', ':'])
                && !crate::vocab::OVERSIGHT_VERBS
                    .iter()
                    .any(|verb| name.starts_with(verb))
        })
}

/// A paragraph of units alone that closes a task's text (`1.加强巡查。` / `县交通局、县公安局`):
/// the units that carry the task, ranked by nobody, as a closing bracket of units gives them.
pub fn unit_list_paragraph(paragraph: &str, units: &mut UnitContext) -> Option<Assignment> {
    let listed = paragraph.trim().trim_end_matches(['。', '；', ';']);
    if !lists_only_units(listed) {
        return None;
    }
    let assignment = Assignment {
        support: units.split(listed),
        ..Assignment::default()
    };
    (!assignment.support.is_empty()).then_some(assignment)
}

/// Parses the inside of a trailing parenthesis. `None` when it assigns nothing (an aside).
/// `first_leads` is in force when an earlier phrase said the first unit leads, `下同`.
pub fn parse_phrase(
    phrase: &str,
    units: &mut UnitContext,
    first_leads: bool,
) -> Option<Assignment> {
    let spaced = with_spaced_keys(phrase);
    let phrase = &*with_copula_keys(&spaced);
    if may_hold_keys(phrase) && !assignment_keys(phrase).is_empty() {
        return key_values(phrase, units, first_leads).map(|(a, _)| a);
    }
    let names_a_role = CLAUSE_VERBS
        .iter()
        .chain(UNIT_CLAUSE_VERBS)
        .chain(ROLE_NOUNS)
        .any(|(verb, _)| phrase.contains(verb));
    if !names_a_role && !phrase.contains("会同") && !phrase.contains(LEAD_FRAME.1) {
        return None;
    }
    // Each clause's units in the phrase's order, with the role its verb gives (`None`: no verb).
    let mut groups: Vec<(Option<ClauseRole>, Vec<String>)> = Vec::new();
    let mut standing = Vec::new();
    let mut named_people: Vec<(String, bool)> = Vec::new();
    let mut deadline = None;
    let mut first_leads = first_leads;
    let mut forward = false;
    let phrase = &*with_clause_commas(phrase);
    for clause in split_top_level(phrase, |c| matches!(c, '，' | ',' | '；' | ';' | '。')) {
        let clause = clause.trim();
        if clause.is_empty() || clause.contains("不再列出") {
            continue;
        }
        // `由区环保局牵头`: the agent marker is no part of the unit's name.
        let clause = after_agent_marker(clause);
        // `…，2025年5月底前完成`: the group's time limit, no unit.
        if let Some(limit) = super::deadline::deadline_clause(clause) {
            deadline.get_or_insert(limit);
            continue;
        }
        let says_first_leads = says_first_leads(clause);
        if says_first_leads || clause == CARRIED_FORWARD {
            first_leads |= says_first_leads;
            forward |= clause.contains(CARRIED_FORWARD);
            continue;
        }
        if let Some(marker) = STANDING_NOTE_MARKERS
            .iter()
            .find(|m| clause.starts_with(**m))
        {
            let rest = &clause[marker.len()..];
            let (named, _) = strip_verb(rest);
            standing.extend(units.split(named));
            continue;
        }
        if let Some((lead, rest)) = clause.split_once("会同") {
            let (support, _) = strip_verb(rest);
            groups.push((Some(ClauseRole::Lead), units.split(lead)));
            groups.push((Some(ClauseRole::Support), units.split(support)));
            continue;
        }
        let (named, role) = strip_verb(clause);
        // `县长王某某负责`: a leader (or a unit's head, `局长李某`) takes the part, not a unit.
        if let Some((name, post)) = role
            .filter(|_| {
                named.len() <= PERSON_WITH_POST_MAX_BYTES
                    && !named.contains(['、', '，', ','])
                    && !names_a_unit(named)
            })
            .and_then(|_| crate::normalize::persons::name_and_post(named.trim()))
        {
            let leads = crate::vocab::LEADER_POSTS.iter().any(|p| post.ends_with(p));
            named_people.push((name.to_string(), leads));
            // `县交通局局长钱某`: the unit the person heads takes the part with them.
            let unit = crate::vocab::PERSON_POST_ENDINGS
                .iter()
                .find_map(|e| post.strip_suffix(e))
                .filter(|u| names_a_unit(u));
            if let Some(unit) = unit {
                groups.push((role, units.split(unit)));
            }
            continue;
        }
        let mut names = units.split(named);
        if role.is_none() {
            // `县财政局保障资金`: a clause of no role verb names its unit before what it does; a
            // unit marked as leading (`县交通局（牵头）`) keeps its mark for the ranking below.
            names = names
                .into_iter()
                .filter_map(|name| match names_a_unit(&name) || marks_lead(&name) {
                    true => Some(name),
                    false => leading_unit(&name).map(str::to_string),
                })
                .collect();
        }
        groups.push((role, names));
    }
    let has_role = |wanted: ClauseRole| groups.iter().any(|(r, _)| *r == Some(wanted));
    let has_lead = has_role(ClauseRole::Lead);
    let has_support_verb = has_role(ClauseRole::Support);
    // `县交通局（牵头）、县公安局`: a mark ranks the list as a lead verb would.
    let has_marked_lead = groups
        .iter()
        .any(|(role, names)| role.is_none() && names.iter().any(|n| marks_lead(n)));
    // 'A，B配合' and 'A负责，B配合' rank A first; plain 'A负责' only says A takes part.
    let responsible_leads = has_support_verb && !has_lead;
    // 'A，B负责' ranks nobody: A takes part as B does.
    let only_responsible = !has_lead && !has_support_verb && has_role(ClauseRole::Responsible);
    let mut assignment = Assignment {
        first_leads_forward: first_leads && forward,
        cut_short: phrase.contains(['…', '⋯']) || phrase.contains("..."),
        deadline,
        ..Assignment::default()
    };
    let (mut lead, mut support) = (NameList::default(), NameList::default());
    let mut unmarked: Vec<Vec<String>> = Vec::new();
    if first_leads && !has_lead && !has_support_verb {
        // Marked clauses first, then the unmarked ones, as they were always taken.
        let (marked, plain): (Vec<_>, Vec<_>) = groups.drain(..).partition(|(r, _)| r.is_some());
        let mut names = marked.into_iter().chain(plain).flat_map(|(_, n)| n);
        if let Some(first) = names.next() {
            lead.push(first);
        }
        for name in names {
            support.push_unique(name);
        }
    }
    for (role, names) in groups {
        let Some(role) = role else {
            if only_responsible {
                for name in names {
                    support.push_unique(name);
                }
            } else {
                unmarked.push(names);
            }
            continue;
        };
        let leads =
            role == ClauseRole::Lead || (role == ClauseRole::Responsible && responsible_leads);
        for name in names {
            if leads {
                lead.push_unique(name);
            } else if !lead.contains(&name) {
                support.push_unique(name);
            }
        }
    }
    if has_support_verb || has_lead || has_marked_lead {
        for name in unmarked.into_iter().flatten() {
            if has_lead || has_marked_lead {
                support.push_unique(name);
            } else {
                lead.push_unique(name);
            }
        }
    }
    // 市应急局（牵头）、市公安局负责: the marked unit leads.
    let (marked, rest) = take_marked_leads(support.into_vec());
    let mut support = NameList::from_vec(rest);
    let (also_marked, leads) = take_marked_leads(lead.into_vec());
    let mut lead = NameList::from_vec(leads);
    for unit in also_marked.into_iter().chain(marked) {
        lead.push_unique(unit);
    }
    for unit in &standing {
        if !lead.contains(unit) {
            support.push_unique(unit.clone());
        }
    }
    assignment.lead = lead.into_vec();
    assignment.support = support.into_vec();
    assignment.standing_support = standing;
    for (name, leads) in named_people {
        match leads {
            true => push_unique(&mut assignment.leaders, name),
            false => push_unique(&mut assignment.persons, name),
        }
    }
    (!assignment.is_empty()).then_some(assignment)
}

/// `牵头单位 县城管局；配合单位　县公安局` → `牵头单位：县城管局；配合单位：县公安局`: a whole key that
/// opens a clause of a bracket, set apart from its value by spaces instead of a colon.
fn with_spaced_keys(phrase: &str) -> std::borrow::Cow<'_, str> {
    fn spaced_key(clause: &str) -> Option<(&'static str, &str)> {
        ASSIGNMENT_LINE_KEYS.iter().find_map(|(key, _)| {
            let rest = clause.trim_start().strip_prefix(key)?;
            let value = rest.trim_start_matches(crate::normalize::is_space);
            let names = value.len() < rest.len()
                && value.chars().next().is_some_and(crate::normalize::is_han)
                && !ASSIGNMENT_LINE_KEYS
                    .iter()
                    .any(|(k, _)| value.starts_with(k));
            names.then_some((*key, value))
        })
    }
    // Most brackets hold no space: they are handed back as they are.
    if !phrase.contains(crate::normalize::is_space) {
        return std::borrow::Cow::Borrowed(phrase);
    }
    let mut out = String::with_capacity(phrase.len() + 6);
    let mut changed = false;
    for piece in phrase.split_inclusive(['；', ';', '，', ',']) {
        match spaced_key(piece) {
            Some((key, value)) => {
                out.push_str(key);
                out.push('：');
                out.push_str(value);
                changed = true;
            }
            None => out.push_str(piece),
        }
    }
    match changed {
        true => std::borrow::Cow::Owned(out),
        false => std::borrow::Cow::Borrowed(phrase),
    }
}

/// Whether a name is a unit's with a lead mark after it (`县交通局（牵头）`).
fn marks_lead(name: &str) -> bool {
    crate::normalize::units::without_lead_mark(name).is_some_and(names_a_unit)
}

/// Splits `市发改局等部门按职责分工负责` into the named part and the role its verb gives.
fn strip_verb(clause: &str) -> (&str, Option<ClauseRole>) {
    let trimmed = clause.trim().trim_end_matches(['。', '.', ' ']);
    for (verb, role) in CLAUSE_VERBS {
        if let Some(named) = trimmed.strip_suffix(verb) {
            return (without_manner(named), Some(*role));
        }
    }
    for (noun, role) in ROLE_NOUNS {
        if let Some(named) = trimmed
            .strip_suffix(noun)
            .and_then(|rest| ROLE_COPULAS.iter().find_map(|c| rest.strip_suffix(c)))
        {
            return (named, Some(*role));
        }
    }
    let (open, close) = LEAD_FRAME;
    let framed = trimmed
        .strip_prefix(open)
        .and_then(|rest| rest.strip_suffix(close))
        .map(|named| (named, ClauseRole::Lead));
    let weak = UNIT_CLAUSE_VERBS.iter().find_map(|(verb, role)| {
        let named = without_manner(trimmed.strip_suffix(verb)?);
        Some((named, *role))
    });
    match framed.or(weak) {
        Some((named, role)) if names_only_units(named) => (named, Some(role)),
        _ => (trimmed, None),
    }
}

/// The unit a clause opens with (`县财政局` of `县财政局保障资金`): its shortest opening of three
/// characters or more that ends like a government body.
fn leading_unit(clause: &str) -> Option<&str> {
    clause
        .char_indices()
        .skip(2)
        .map(|(at, c)| &clause[..at + c.len_utf8()])
        .find(|opening| is_gov_body(opening))
        .filter(|unit| unit.len() < clause.len())
}

/// `B、C积极配合`: the manner is not part of the last name.
fn without_manner(named: &str) -> &str {
    CLAUSE_VERB_ADVERBS
        .iter()
        .find_map(|adverb| named.strip_suffix(adverb))
        .unwrap_or(named)
}

/// Whether every name of a list (`县财政局、县税务局`) is a unit's, generic tails aside.
fn names_only_units(list: &str) -> bool {
    let names = split_top_level(list, |c| c == '、');
    !names.is_empty()
        && names.iter().all(|name| {
            let name = crate::normalize::units::strip_generic_tail(name.trim());
            // `会同县财政局`: the clause's 会同 comes before the first name.
            let name = name.strip_prefix("会同").unwrap_or(name);
            names_a_unit(name)
        })
}

/// The assignment a task head opens with, before what is to be done: clauses that rank units
/// (`县交通局牵头，县公安局配合：加强…`, `由县交通局牵头，县公安局配合，加强…`), or units alone
/// before a colon (`县交通局、县公安局：加强…`), who then carry the task as a list that ranks
/// nobody does. Only the head's first sentence is read.
pub fn opening_assignment(
    head: &str,
    units: &mut UnitContext,
    first_leads: bool,
) -> Option<Assignment> {
    // Most heads open with what is to be done: their first clause alone rules them out.
    let first_end = first_clause_end(head);
    let (first, rest) = head.split_at(first_end);
    if clause_assigns(first).is_none() {
        return units_before_colon(first, rest, units);
    }
    let sentence = &head[..head.find(['：', ':', '。']).unwrap_or(head.len())];
    let mut end = 0;
    let mut roles = 0;
    for clause in split_top_level(sentence, |c| matches!(c, '，' | ',' | '；' | ';')) {
        let Some(ranks) = clause_assigns(clause) else {
            break;
        };
        roles += usize::from(ranks);
        end = clause.as_ptr() as usize - sentence.as_ptr() as usize + clause.len();
    }
    (roles > 0)
        .then(|| parse_phrase(&sentence[..end], units, first_leads))
        .flatten()
}

/// Where the first clause of `text` ends: at its first stop, comma or colon outside brackets.
fn first_clause_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            '，' | ',' | '；' | ';' | '：' | ':' | '。' if depth == 0 => return i,
            _ => {}
        }
    }
    text.len()
}

/// `县交通局、县公安局：加强…`: units alone before a colon, with what they do after it. A unit's
/// name over its own list (`区应急管理局：` and duties below) is a duty list's owner instead.
fn units_before_colon(first: &str, rest: &str, units: &mut UnitContext) -> Option<Assignment> {
    let after = rest.strip_prefix(['：', ':'])?;
    let named = first.trim();
    if after.trim().is_empty() || !names_only_units(named) {
        return None;
    }
    let mut support = NameList::from_vec(units.split(named));
    // `县交通局：负责巡查；县公安局：负责疏导。`: each unit of the sentence with its own share
    // after a colon carries the task too.
    let sentence = &after[..after.find('。').unwrap_or(after.len())];
    for piece in split_top_level(sentence, |c| matches!(c, '；' | ';'))
        .iter()
        .skip(1)
    {
        if let Some((others, share)) = piece.split_once(['：', ':'])
            && !share.trim().is_empty()
            && names_only_units(others.trim())
        {
            for name in units.split(others.trim()) {
                support.push_unique(name);
            }
        }
    }
    let assignment = Assignment {
        support: support.into_vec(),
        ..Assignment::default()
    };
    (!assignment.support.is_empty()).then_some(assignment)
}

/// The unit a task head opens with (`市安委办负责…`), and where the head continues.
pub fn subject_unit(head: &str, units: &mut UnitContext) -> Option<Assignment> {
    if !head.contains("负责") && !head.contains("牵头") {
        return None;
    }
    // `由县交通局负责…`: the agent marker is no part of the name.
    let head = after_agent_marker(head);
    let (unit, note, verb) = subject_parts(head)?;
    let after_verb = &head[unit.len() + note.len()..];
    let after_verb = after_verb[after_verb.find(verb).unwrap_or(0) + verb.len()..].trim_start();
    // `…负责解释。`, the whole of what it does: not `负责解释政策并做好宣传`.
    let interprets = after_verb
        .strip_prefix(crate::vocab::INTERPRETING_DUTY)
        .is_some_and(|rest| !rest.starts_with(crate::normalize::is_han));
    if !is_gov_body(unit) || interprets {
        return None;
    }
    let mut assignment = Assignment::default();
    let names = units.split(&format!("{unit}{note}"));
    if verb == "牵头" {
        assignment.lead = names;
    } else {
        assignment.support = names;
    }
    (!assignment.is_empty()).then_some(assignment)
}

/// Every bracket group at the top level of a paragraph — （…）, (…), 【…】, 〔…〕, ［…］ — with its inside and
/// the byte range of the whole group, in order. Unbalanced brackets end the search.
pub fn bracket_groups(paragraph: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in paragraph.char_indices() {
        match c {
            '（' | '(' | '【' | '[' | '〔' | '［' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '）' | ')' | '】' | ']' | '〕' | '］' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                if depth == 0 {
                    let open_len = paragraph[start..].chars().next().map_or(1, char::len_utf8);
                    groups.push((&paragraph[start + open_len..i], start..i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    groups
}

/// Finds a parenthesis that closes a paragraph (allowing a final 。 and spaces), returning its
/// inside and the byte range of the whole parenthesis.
pub fn trailing_parenthesis(paragraph: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let trimmed = paragraph.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '.' | '；' | ';' | '\u{3000}')
    });
    let close = trimmed.char_indices().next_back()?;
    // 【牵头单位：…】 closes a paragraph the way （…） does.
    let (opening, closing): (&[char], &[char]) = match close.1 {
        '）' | ')' => (&['（', '('], &['）', ')']),
        '】' | ']' => (&['【', '['], &['】', ']']),
        '〕' => (&['〔'], &['〕']),
        '］' => (&['［'], &['］']),
        _ => return None,
    };
    let mut depth = 0;
    for (i, c) in trimmed.char_indices().rev() {
        match c {
            c if closing.contains(&c) => depth += 1,
            c if opening.contains(&c) => {
                depth -= 1;
                if depth == 0 {
                    let inner = &trimmed[i + c.len_utf8()..close.0];
                    return Some((inner, i..paragraph.len()));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_all_at_once_gives_what_merging_one_by_one_gives() {
        let names = [
            "甲局", "乙局", "丙局", "", "丁局", "戊局", "己局", "庚局", "辛局", "壬局", "癸局",
            "子局", "丑局", "寅局", "卯局", "辰局", "巳局", "午局", "未局", "申局", "酉局",
        ];
        let mut next = 0usize;
        let mut pick = |count: usize| -> Vec<String> {
            (0..count)
                .map(|_| {
                    next = (next * 7 + 3) % 1009;
                    names[next % names.len()].to_string()
                })
                .collect()
        };
        for round in 0..300 {
            let parts: Vec<Assignment> = (0..round % 6)
                .map(|k| Assignment {
                    lead: pick(k % 3 + (round % 3) * 9),
                    support: pick((k + round) % 4 + (round % 5) * 6),
                    persons: pick(k % 2),
                    leaders: pick((k + 1) % 2),
                    deadline: (k % 3 == 1).then(|| format!("{k}月底前")),
                    standing_support: pick(k % 2),
                    first_leads_forward: (k + round) % 5 == 0,
                    cut_short: (k + round) % 7 == 0,
                })
                .collect();
            let mut one_by_one = Assignment::default();
            for part in parts.clone() {
                merge_as_first_written(&mut one_by_one, part);
            }
            assert_eq!(Assignment::merged(parts.clone()), one_by_one, "{parts:?}");
            // The merge itself, from any state: repeats and a unit both leading and supporting
            // included, as a table's columns can give them.
            let mut searched = parts.first().cloned().unwrap_or_default();
            let mut listed = searched.clone();
            for part in parts.iter().skip(1).cloned() {
                merge_as_first_written(&mut searched, part.clone());
                listed.merge(part);
            }
            assert_eq!(listed, searched, "{parts:?}");
        }
    }

    /// The merge as first written, each name searched for in the lists: the oracle.
    fn merge_as_first_written(this: &mut Assignment, other: Assignment) {
        for unit in other.lead {
            this.support.retain(|u| *u != unit);
            push_unique(&mut this.lead, unit);
        }
        for unit in other.support {
            if !this.lead.contains(&unit) {
                push_unique(&mut this.support, unit);
            }
        }
        for name in other.persons {
            push_unique(&mut this.persons, name);
        }
        for name in other.leaders {
            push_unique(&mut this.leaders, name);
        }
        for unit in other.standing_support {
            push_unique(&mut this.standing_support, unit);
        }
        if this.deadline.is_none() {
            this.deadline = other.deadline;
        }
        this.first_leads_forward |= other.first_leads_forward;
        this.cut_short |= other.cut_short;
    }
    use regex::Regex;

    #[test]
    fn subject_units_are_read_as_their_old_expression_read_them() {
        let oracle = Regex::new(r"^([^，。；、：\s]{2}[^，。；、：\s]*?(?:局|委员会|办公室|办|委|中心|大队|支队|政府))((?:[（(][^）)]{1,20}[）)])?)(?:要)?(负责|牵头)").unwrap();
        let long = "某".repeat(38);
        let parts: [&[&str]; 6] = [
            &["区", "市", "", "县安全生产", &long, "区，"],
            &[
                "应急管理局",
                "安委办",
                "安全生产委员会",
                "委员会办公室",
                "大队",
                "政府",
                "局",
                "委",
            ],
            &[
                "",
                "（区应急管理局）",
                "(牵头)",
                "（）",
                "（一二三四五六七八九十一二三四五六七八九十一）",
                "（甲",
            ],
            &["", "要", "要要", " "],
            &["负责", "牵头", "配合", "局负责"],
            &["", "指导协调", "。"],
        ];
        let mut subjects = 0;
        for text in crate::test_samples::lines(&parts, 8_000) {
            let expected = oracle.captures(&text).and_then(|c| {
                (c[1].chars().count() <= SUBJECT_NAME_MAX_CHARS).then(|| {
                    (
                        c.get(1).unwrap().as_str(),
                        c.get(2).unwrap().as_str(),
                        c.get(3).unwrap().as_str(),
                    )
                })
            });
            assert_eq!(subject_parts(&text), expected, "{text:?}");
            subjects += usize::from(expected.is_some());
        }
        assert!(
            subjects > 1_000 && subjects < 7_000,
            "both outcomes: {subjects}"
        );
    }

    #[test]
    fn assignment_keys_are_found_as_their_old_expression_found_them() {
        let mut keys: Vec<&str> = ASSIGNMENT_LINE_KEYS.iter().map(|(k, _)| *k).collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let oracle = Regex::new(&format!(r"({})\s*[：:]", keys.join("|"))).unwrap();
        let bare_keys: Vec<&str> = BARE_ROLE_KEYS.iter().map(|(k, _)| *k).collect();
        let bare = Regex::new(&format!(
            r"(^|[^\p{{Han}}\p{{L}}\p{{N}}])({})\s*[：:]",
            bare_keys.join("|")
        ))
        .unwrap();
        let parts: [&[&str]; 6] = [
            &["", "加强监管。", "主要", "责任"],
            &[
                "牵头单位",
                "责任单位",
                "单位",
                "配合单位",
                "完成时限",
                "责任人",
                "牵头",
            ],
            &["", " ", "\u{3000}", "  "],
            &["：", ":", "", "，"],
            &["县应急局", "", "2024年底前", "县公安局；"],
            &["", "配合单位：县公安局", "；责任领导： 张三", ":"],
        ];
        let mut with_keys = 0;
        for text in crate::test_samples::lines(&parts, 5_000) {
            let mut expected: Vec<(std::ops::Range<usize>, Column)> = oracle
                .captures_iter(&text)
                .map(|c| {
                    let column = ASSIGNMENT_LINE_KEYS
                        .iter()
                        .find(|(k, _)| *k == &c[1])
                        .map(|(_, col)| *col)
                        .unwrap();
                    (c.get(0).unwrap().range(), column)
                })
                .collect();
            // A role word alone is a key where no longer key ends at its colon.
            for c in bare.captures_iter(&text) {
                let key = c.get(2).unwrap();
                let whole = key.start()..c.get(0).unwrap().end();
                if !expected.iter().any(|(r, _)| r.end == whole.end) {
                    let column = BARE_ROLE_KEYS.iter().find(|(k, _)| *k == key.as_str());
                    expected.push((whole, column.unwrap().1));
                }
            }
            expected.sort_by_key(|(r, _)| r.start);
            let got: Vec<_> = assignment_keys(&text)
                .into_iter()
                .map(|k| (k.whole, k.column))
                .collect();
            assert_eq!(got, expected, "{text:?}");
            with_keys += usize::from(!expected.is_empty());
        }
        assert!(
            with_keys > 1_000 && with_keys < 4_900,
            "both outcomes: {with_keys}"
        );
    }

    #[test]
    fn a_first_leads_note_is_read_as_its_old_expression_read_it() {
        let oracle = Regex::new(
            r"(?:第一|首位|首个)[位个名]?的?(?:部门|单位)?[^，。；,;]{0,6}?(?:为|是)[^，。；,;]{0,4}牵头",
        )
        .unwrap();
        let parts: [&[&str]; 7] = [
            &["", "排", "每项任务排", "第", "，"],
            &["第一", "第一第一", "第二", "首位", "首个", "首"],
            &["", "位", "个", "名", "的", "位的", "名的部门"],
            &["", "的", "部门", "单位", "单位的", "所列", "，", "；"],
            &["", "为", "是", "即为", "均", "单位为", "的单位是"],
            &["", "该项", "主要", "，", ";", "责任", "一二三四五"],
            &["牵头", "牵头单位", "配合", "牵", "头", "。牵头"],
        ];
        let mut notes = 0;
        for text in crate::test_samples::lines(&parts, 8_000) {
            assert_eq!(says_first_leads(&text), oracle.is_match(&text), "{text:?}");
            notes += usize::from(oracle.is_match(&text));
        }
        assert!(notes > 300 && notes < 7_000, "both outcomes: {notes}");
        let alphabet: Vec<char> = "第一位个名的部门单位为是牵头，。；,;甲乙".chars().collect();
        for text in crate::test_samples::strings(&alphabet, 24, 20_000) {
            assert_eq!(says_first_leads(&text), oracle.is_match(&text), "{text:?}");
        }
        assert!(says_first_leads("各项任务排第一的单位为牵头单位，下同"));
        assert!(says_first_leads("排名第一位的是牵头部门"));
        assert!(!says_first_leads("第一责任人为主要负责同志，牵头抓总"));
    }

    #[test]
    fn a_phrase_is_read_as_its_old_expression_read_it() {
        let oracle = Regex::new(r"[^（(](?:牵头|配合|协助|负责|参与)(?:[，,；;。\s]|$)").unwrap();
        let parts: [&[&str]; 5] = [
            &["", "县应急局", "（", "(", "区"],
            &["牵头", "配合", "协助", "负责", "参与", "牵", "头"],
            &["", "，", ",", "；", "。", " ", "\n", "、", "单位", "）"],
            &["", "县公安局", "（"],
            &["", "配合", "负责。", "等"],
        ];
        let mut phrases = 0;
        for text in crate::test_samples::lines(&parts, 5_000) {
            assert_eq!(reads_as_phrase(&text), oracle.is_match(&text), "{text:?}");
            phrases += usize::from(oracle.is_match(&text));
        }
        assert!(phrases > 500 && phrases < 4_500, "both outcomes: {phrases}");
        assert!(reads_as_phrase("县应急局牵头，县公安局配合"));
        assert!(!reads_as_phrase("县应急局（牵头）、县公安局"));
        assert!(reads_as_phrase("牵头：县住建局；配合：县城管局"));
    }

    /// What a text's `KEY：VALUE` run assigns, read with no document around it.
    fn keyed(text: &str) -> Assignment {
        key_values(text, &mut UnitContext::new(""), false)
            .expect("the text holds keys")
            .0
    }

    fn phrase(text: &str) -> Assignment {
        parse_phrase(text, &mut UnitContext::new(""), false).expect("an assignment")
    }

    #[test]
    fn a_role_word_standing_alone_before_a_colon_is_a_key() {
        let a = keyed("牵头：县卫健委 配合：县医保局、县财政局");
        assert_eq!(a.lead, ["县卫健委"]);
        assert_eq!(a.support, ["县医保局", "县财政局"]);
        // Inside a sentence the word is not a key.
        assert!(key_values("压实主体责任：加强监管", &mut UnitContext::new(""), false).is_none());
        assert!(key_values("由县卫健委牵头：统筹推进", &mut UnitContext::new(""), false).is_none());
    }

    #[test]
    fn a_short_time_key_may_open_a_run_of_keys_and_a_unit_may_be_said_to_do_the_work() {
        let a = keyed("修缮村级活动场所（时限：2026年9月底；责任人：钱某；具体负责：镇财政所）");
        assert_eq!(a.deadline.as_deref(), Some("2026年9月底"));
        assert_eq!(a.persons, ["钱某"]);
        assert_eq!(a.support, ["镇财政所"]);
        // Alone, or inside a word, the short key heads anything.
        assert!(key_values("（时限：2026年9月底）", &mut UnitContext::new(""), false).is_none());
        let a = keyed("工作时限：每月5日前。责任单位：镇财政所");
        assert_eq!(a.deadline, None);
    }

    #[test]
    fn a_unit_list_ends_at_its_stop_and_a_short_time_key_may_follow() {
        let a = keyed(
            "全面排查隐患。责任单位：县住建局（牵头）、县消防救援大队。时间：2025年6月底前。",
        );
        assert_eq!(a.lead, ["县住建局"]);
        assert_eq!(a.support, ["县消防救援大队"]);
        assert_eq!(a.deadline.as_deref(), Some("2025年6月底前"));
        // Alone, a time key heads anything: it assigns nothing.
        assert!(key_values("会议时间：2025年3月", &mut UnitContext::new(""), false).is_none());
    }

    #[test]
    fn a_bracket_the_value_opened_stays_and_the_runs_own_closes() {
        assert_eq!(
            without_unmatched_closers("各村（社区））。"),
            "各村（社区）"
        );
        assert_eq!(without_unmatched_closers("县水利局）；"), "县水利局");
        assert_eq!(
            without_unmatched_closers("县住建局（牵头）"),
            "县住建局（牵头）"
        );
        assert_eq!(without_unmatched_closers("A、B ）。 "), "A、B");
        let a = keyed("（责任单位：各村（社区）、县水利局）");
        assert_eq!(a.support, ["各村（社区）", "县水利局"]);
        let a = keyed("责任人：周某某（镇建设办主任）。");
        assert_eq!(a.persons, ["周某某"]);
    }

    #[test]
    fn a_time_limit_closing_a_unit_list_is_the_deadline() {
        let read = |text: &str| {
            key_values(text, &mut UnitContext::new(""), false)
                .unwrap()
                .0
        };
        let a = read("责任单位：县林业局（2025年6月底前完成）");
        assert_eq!(a.support, ["县林业局"]);
        assert_eq!(a.deadline.as_deref(), Some("2025年6月底前完成"));
        let a = read("（责任单位：县林业局、县公安局，2025年底前）");
        assert_eq!(a.support, ["县林业局", "县公安局"]);
        assert_eq!(a.deadline.as_deref(), Some("2025年底前"));
        // A deadline key says it first; a bracket that is no limit stays with its unit.
        let a = read("责任单位：县林业局（2025年底）；完成时限：2025年6月");
        assert_eq!(a.deadline.as_deref(), Some("2025年6月"));
        assert_eq!(read("责任单位：各乡镇（街道）").support, ["各乡镇（街道）"]);
    }

    #[test]
    fn the_documents_first_leads_rule_ranks_a_list_that_ranks_nobody() {
        let read = |text: &str| key_values(text, &mut UnitContext::new(""), true).unwrap().0;
        let a = read("责任单位：县水务局、县财政局、县住建局");
        assert_eq!(
            (a.lead, a.support),
            (
                vec!["县水务局".to_string()],
                vec!["县财政局".to_string(), "县住建局".to_string()]
            )
        );
        // A lead key or a support key says who does what, whatever the rule.
        let a = read("牵头单位：县水务局；责任单位：县财政局");
        assert_eq!(
            (a.lead, a.support),
            (vec!["县水务局".to_string()], vec!["县财政局".to_string()])
        );
        let a = read("配合单位：县财政局、县住建局");
        assert!(a.lead.is_empty());
        // A lead marked in the list wins over the rule; the first unit stays in support.
        let a = read("责任单位：县财政局、县水务局（牵头）");
        assert_eq!(
            (a.lead, a.support),
            (vec!["县水务局".to_string()], vec!["县财政局".to_string()])
        );
    }

    #[test]
    fn a_first_leads_note_inside_a_units_value_ranks_that_list() {
        let a = keyed("责任单位：市教育局、市人社局，排在第一位的为牵头单位");
        assert_eq!(a.lead, ["市教育局"]);
        assert_eq!(a.support, ["市人社局"]);
    }

    #[test]
    fn a_sentence_is_an_assignment_only_when_every_clause_is_one() {
        assert!(is_assignment_sentence(
            "由县市场监管局牵头，县税务局、县公安局配合，2025年5月底前完成"
        ));
        assert!(is_assignment_sentence("县教育局负责，县公安局配合"));
        assert!(is_assignment_sentence("各乡镇负责"));
        assert!(!is_assignment_sentence(
            "由县财政局负责资金兑付，确保按期落实"
        ));
        assert!(!is_assignment_sentence("确保按期落实"));
        // 抓好落实 assigns only beside a clause that ranks (`A负总责，B抓好落实`).
        assert!(!is_assignment_sentence("各乡镇抓好落实"));
        assert!(is_assignment_sentence("县财政局负总责，各乡镇抓好落实"));
        assert!(!is_assignment_sentence("2025年底前完成"));
    }

    #[test]
    fn a_clause_without_a_role_verb_gives_the_unit_it_opens_with_or_nothing() {
        let a = phrase("县应急局负责，县财政局保障资金");
        assert_eq!(a.support, ["县应急局", "县财政局"]);
        let a = phrase("由县民政局牵头负责，县财政局协助配合");
        assert_eq!(
            (a.lead, a.support),
            (vec!["县民政局".to_string()], vec!["县财政局".to_string()])
        );
        let a = phrase("区环保局牵头，确保按期完成");
        assert_eq!((a.lead, a.support), (vec!["区环保局".to_string()], vec![]));
    }

    #[test]
    fn roles_named_by_a_copula_a_frame_or_a_verb_that_follows_units_only() {
        let cases: [(&str, &[&str], &[&str]); 6] = [
            (
                "县民政局为牵头单位，县残联、县卫健委为配合单位",
                &["县民政局"],
                &["县残联", "县卫健委"],
            ),
            (
                "县文旅局作为牵头部门，县公安局共同配合",
                &["县文旅局"],
                &["县公安局"],
            ),
            (
                "以县水利局为主，县农业农村局配合",
                &["县水利局"],
                &["县农业农村局"],
            ),
            ("县交通局统筹，各乡镇具体落实", &["县交通局"], &["各乡镇"]),
            (
                "由县科协牵头，会同县教育局、县团委推进",
                &["县科协"],
                &["县教育局", "县团委"],
            ),
            ("县体育局承办，县文旅局协办", &["县体育局"], &["县文旅局"]),
        ];
        for (text, lead, support) in cases {
            let a = phrase(text);
            assert_eq!(a.lead, lead, "lead of {text}");
            assert_eq!(a.support, support, "support of {text}");
        }
        assert!(is_assignment_sentence("县统计局会同县发改局组织实施"));
        // The same words close clauses that name no unit.
        for aside in [
            "以预防为主",
            "试点先行实施",
            "统筹推进",
            "逐步推进，分类实施",
        ] {
            assert!(
                parse_phrase(aside, &mut UnitContext::new(""), false).is_none(),
                "{aside}"
            );
            assert!(!is_assignment_sentence(aside), "{aside}");
        }
    }

    #[test]
    fn every_place_of_a_level_is_a_group_unit() {
        assert!(is_assignment_sentence(
            "由县农业农村局负责，各村（社区）配合"
        ));
        assert!(is_assignment_sentence("县水利局牵头，各行政村配合"));
        assert!(is_assignment_sentence("各县（市、区）负责"));
        assert!(!is_assignment_sentence("由县财政局负责，各方面配合"));
        let a = phrase("由县农业农村局负责，各村（社区）配合");
        assert_eq!(
            (a.lead, a.support),
            (
                vec!["县农业农村局".to_string()],
                vec!["各村（社区）".to_string()]
            )
        );
    }

    #[test]
    fn a_time_limit_closing_a_phrase_is_its_deadline_not_a_unit() {
        let a = phrase("由县市场监管局牵头，县税务局、县公安局配合，2025年5月底前完成");
        assert_eq!(a.lead, ["县市场监管局"]);
        assert_eq!(a.support, ["县税务局", "县公安局"]);
        assert_eq!(a.deadline.as_deref(), Some("2025年5月底前完成"));
        assert_eq!(
            phrase("县水利局负责，2024年底前").deadline.as_deref(),
            Some("2024年底前")
        );
    }

    #[test]
    fn units_before_a_responsible_clause_take_part_as_it_does() {
        let a = phrase("县政务服务中心，县司法局负责");
        assert!(a.lead.is_empty());
        assert_eq!(a.support, ["县政务服务中心", "县司法局"]);
    }

    #[test]
    fn a_word_of_manner_before_the_verb_is_not_part_of_a_name() {
        let a = phrase("县住建局牵头，县自然资源局、县水利局密切配合");
        assert_eq!(a.lead, ["县住建局"]);
        assert_eq!(a.support, ["县自然资源局", "县水利局"]);
        let a = phrase("县教育局负责，县卫健委协同配合");
        assert_eq!(a.support, ["县卫健委"]);
        assert!(is_assignment_sentence(
            "由县商务局牵头，县公安局、县法院共同参与"
        ));
        // What the units do it by (`按职责`) is no part of their names either.
        let a = phrase("县交通局牵头，县公安局、县城管局按职责配合");
        assert_eq!(a.support, ["县公安局", "县城管局"]);
    }

    #[test]
    fn the_unit_that_answers_for_the_whole_leads() {
        let a = phrase("县市场监管局负总责，县发改局、县财政局按职责分工负责");
        assert_eq!(a.lead, ["县市场监管局"]);
        assert_eq!(a.support, ["县发改局", "县财政局"]);
    }

    #[test]
    fn lead_then_support_with_inherited_prefix() {
        let a = phrase("市应急管理局牵头,市发改局、工信局、市场监管局等部门按职责分工负责");
        assert_eq!(a.lead, ["市应急管理局"]);
        assert_eq!(a.support, ["市发改局", "市工信局", "市市场监管局"]);
    }

    #[test]
    fn the_agent_marker_is_no_part_of_the_name() {
        let a = phrase("由县水务局牵头，县交通局配合");
        assert_eq!(a.lead, ["县水务局"]);
        assert_eq!(a.support, ["县交通局"]);
        let b = phrase("县城管局负责，并由各街道配合");
        assert_eq!(b.support, ["各街道"]);
        let c = phrase("责成县金融办牵头，县财政局协助");
        assert_eq!(c.lead, ["县金融办"]);
        // A word of manner before the marker, alone or after the topic, goes with it.
        assert_eq!(
            phrase("具体由县市场监管局负责落实").support,
            ["县市场监管局"]
        );
        assert_eq!(phrase("此项工作统一由县财政局牵头").lead, ["县财政局"]);
    }

    #[test]
    fn a_key_set_apart_from_its_value_by_spaces_is_a_key() {
        let a = phrase("牵头单位 县水利局；配合单位　县公安局、县财政局");
        assert_eq!(a.lead, ["县水利局"]);
        assert_eq!(a.support, ["县公安局", "县财政局"]);
        // Spaces inside a list are no key's.
        let b = phrase("县水利局 县公安局负责");
        assert_eq!(b.support, ["县水利局", "县公安局"]);
    }

    #[test]
    fn a_line_laid_out_as_a_form_sets_its_keys_apart_by_spaces() {
        let a = keyed("牵头单位　县住建局　　配合单位　县财政局、县生态环境局");
        assert_eq!(a.lead, ["县住建局"]);
        assert_eq!(a.support, ["县财政局", "县生态环境局"]);
        assert_eq!(
            keyed("完成时限  2027年6月底").deadline.as_deref(),
            Some("2027年6月底")
        );
        let (_, range) = key_values("  责任单位 各乡镇", &mut UnitContext::new(""), false).unwrap();
        assert_eq!(range, 2.."  责任单位 各乡镇".len());
        // After the task's words on its line.
        let text = "实施道路提升工程　牵头单位　县交通局　配合单位　县城管局 ";
        let (a, range) = key_values(text, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(
            (a.lead, a.support),
            (vec!["县交通局".to_string()], vec!["县城管局".to_string()])
        );
        assert_eq!(
            &text[range.start..],
            "牵头单位　县交通局　配合单位　县城管局 "
        );
        // A header row, a key alone, a key inside a sentence or a notes key is no such line.
        for text in [
            "牵头单位  配合单位  完成时限",
            "责任单位",
            "责任单位 ",
            "压实责任单位 主体责任",
            "适用范围 全县各乡镇",
        ] {
            assert!(
                key_values(text, &mut UnitContext::new(""), false).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn no_key_is_longer_than_the_longest_a_form_line_opens_with() {
        for (key, _) in ASSIGNMENT_LINE_KEYS {
            assert!(key.chars().count() <= KEY_MAX_CHARS, "{key}");
        }
    }

    #[test]
    fn a_key_may_name_its_value_with_a_copula() {
        let text = "新建城市书房5处。责任单位为区文旅局，完成时间为2027年10月。";
        let (a, range) = key_values(text, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(a.support, ["区文旅局"]);
        assert_eq!(a.deadline.as_deref(), Some("2027年10月"));
        assert_eq!(
            &text[range.start..],
            "责任单位为区文旅局，完成时间为2027年10月。"
        );
        assert_eq!(
            phrase("责任单位为县住建局、县财政局").support,
            ["县住建局", "县财政局"]
        );
        let b = keyed("牵头单位是区住建局；配合单位为区财政局");
        assert_eq!(
            (b.lead, b.support),
            (vec!["区住建局".to_string()], vec!["区财政局".to_string()])
        );
        // A key inside a clause, or one that names another key, is no key.
        for text in [
            "明确责任单位为区文旅局",
            "责任单位为牵头单位的",
            "各责任单位是主体",
        ] {
            assert!(
                key_values(text, &mut UnitContext::new(""), false).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_leader_or_a_units_head_who_takes_the_part_is_no_unit() {
        let a = phrase("县长王某某负责");
        assert_eq!((a.leaders, a.support), (vec!["王某某".to_string()], vec![]));
        let b = phrase("赵某副县长牵头，县交通局配合");
        assert_eq!(b.leaders, ["赵某"]);
        assert_eq!(b.support, ["县交通局"]);
        let c = phrase("县交通局局长钱某负责");
        assert_eq!(c.persons, ["钱某"]);
        assert_eq!(c.support, ["县交通局"]);
    }

    #[test]
    fn several_leads_and_generic_support() {
        let a = phrase("市交通局、公安局、农业农村局、市交警大队分别牵头,有关部门按职责分工负责");
        assert_eq!(
            a.lead,
            ["市交通局", "市公安局", "市农业农村局", "市交警大队"]
        );
        assert!(a.support.is_empty());
    }

    #[test]
    fn responsible_alone_is_support_but_ranks_first_before_cooperate() {
        assert_eq!(
            phrase("市发改局、工信局、经济开发区等按职责分工负责").support,
            ["市发改局", "市工信局", "经济开发区"]
        );
        let a = phrase("区住建局负责，区城管局配合");
        assert_eq!(
            (a.lead, a.support),
            (vec!["区住建局".to_string()], vec!["区城管局".to_string()])
        );
        let a = phrase("市教育局，市公安局配合");
        assert_eq!(a.lead, ["市教育局"]);
        let a = phrase("市卫健局会同市医保局负责");
        assert_eq!(
            (a.lead, a.support),
            (vec!["市卫健局".to_string()], vec!["市医保局".to_string()])
        );
    }

    #[test]
    fn standing_note_carries_forward() {
        let a = phrase(
            "市应急管理局、市委宣传部牵头,市委组织部等部门按职责分工负责;各镇党委和政府负责,以下均需要各镇党委和政府负责,不再列出",
        );
        assert_eq!(a.lead, ["市应急管理局", "市委宣传部"]);
        assert_eq!(a.support, ["市委组织部", "各镇党委和政府"]);
        assert_eq!(a.standing_support, ["各镇党委和政府"]);
    }

    #[test]
    fn a_unit_marked_as_leading_leads() {
        let a = phrase("市公安局、市应急管理局（牵头）、市交通运输局负责");
        assert_eq!(a.lead, ["市应急管理局"]);
        assert_eq!(a.support, ["市公安局", "市交通运输局"]);
    }

    #[test]
    fn a_list_cut_short_is_flagged() {
        let a = phrase("市应急管理局牵头，市发改局、工信局……按职责分工负责");
        assert!(a.cut_short);
        assert_eq!(a.support, ["市发改局", "市工信局"]);
        assert!(!phrase("市应急管理局牵头，市发改局等按职责分工负责").cut_short);
    }

    #[test]
    fn an_aside_is_not_an_assignment() {
        assert_eq!(
            parse_phrase("含劳务派遣灵活用工人员", &mut UnitContext::new(""), false),
            None
        );
    }

    #[test]
    fn first_unit_leads_when_the_phrase_says_so_and_later_phrases_follow_with_xiatong() {
        let a = phrase("市公安局、市交通运输局、市城管局负责，排在第一位的为牵头单位，下同");
        assert_eq!(a.lead, ["市公安局"]);
        assert_eq!(a.support, ["市交通运输局", "市城管局"]);
        assert!(a.first_leads_forward);
        let later = parse_phrase(
            "市住建局、市消防救援大队负责",
            &mut UnitContext::new(""),
            true,
        )
        .unwrap();
        assert_eq!(later.lead, ["市住建局"]);
        assert!(phrase("市住建局、市消防救援大队负责").lead.is_empty());
    }

    #[test]
    fn key_value_lines() {
        let (a, range) = key_values(
            "加强巡查。牵头单位：县应急局；责任单位：县公安局、交通局；完成时限：2023年6月底前",
            &mut UnitContext::new(""),
            false,
        )
        .unwrap();
        assert_eq!(a.lead, ["县应急局"]);
        assert_eq!(a.support, ["县公安局", "县交通局"]);
        assert_eq!(a.deadline.as_deref(), Some("2023年6月底前"));
        assert_eq!(range.start, "加强巡查。".len());
    }

    #[test]
    fn keys_of_a_towns_offices_and_of_leaders_who_carry_a_case() {
        let a = keyed("（分管领导：王某；牵头站所：镇经发办；配合站所：镇财政所）");
        assert_eq!(a.leaders, ["王某"]);
        assert_eq!(a.lead, ["镇经发办"]);
        assert_eq!(a.support, ["镇财政所"]);
        let a = keyed("（包案领导：赵某；责任站所：镇综治中心、镇司法所）");
        assert_eq!(a.leaders, ["赵某"]);
        assert_eq!(a.support, ["镇综治中心", "镇司法所"]);
        let a = keyed("牵头单位：县发改局；配合责任单位：县财政局；协作单位：县统计局");
        assert_eq!(a.lead, ["县发改局"]);
        assert_eq!(a.support, ["县财政局", "县统计局"]);
    }

    #[test]
    fn a_key_value_list_worded_as_a_phrase_ranks_its_units() {
        let a = keyed("责任单位：区审批局（审改办）、数据中心牵头，区直各单位，各乡镇人民政府");
        assert_eq!(a.lead, ["区审批局（审改办）", "区数据中心"]);
        assert_eq!(a.support, ["区直各单位", "各乡镇人民政府"]);
    }

    #[test]
    fn wordings_that_rank_and_keys_that_end_a_list() {
        let a = phrase("负责部门：省商务厅、省发改委；适用范围：自贸试验区");
        assert_eq!(a.support, ["省商务厅", "省发改委"]);
        let a = phrase("省市场监管局指导，各市场主体参与");
        assert_eq!(
            (a.lead, a.support),
            (
                vec!["省市场监管局".to_string()],
                vec!["各市场主体".to_string()]
            )
        );
        assert_eq!(phrase("省教育厅指导").support, ["省教育厅"]);
        let a = phrase("各街道负责，区城管局督导");
        assert_eq!(a.support, ["各街道", "区城管局"]);
        let a = phrase("省公安厅、省民政厅等和各有关市级人民政府负责");
        assert_eq!(a.support, ["省公安厅", "省民政厅", "各有关市级人民政府"]);
        let a = phrase("区卫健局（牵头医疗板块）、区医保局负责");
        assert_eq!(a.support, ["区卫健局", "区医保局"]);
        let a = phrase("区教育局牵头，区财政局参与，区人社局落实");
        assert_eq!(a.lead, ["区教育局"]);
        assert_eq!(a.support, ["区财政局", "区人社局"]);
    }

    #[test]
    fn key_value_lines_with_a_marked_lead_and_a_county_leader() {
        let text = "压实责任。\n责任单位：县应急管理局（牵头）、县市场监管局\n县级领导：王  明";
        let (a, _) = key_values(text, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(a.lead, ["县应急管理局"]);
        assert_eq!(a.support, ["县市场监管局"]);
        assert_eq!(a.leaders, ["王明"]);
    }

    #[test]
    fn trailing_parenthesis_with_nested_brackets() {
        let (inner, _) =
            trailing_parenthesis("开展排查。【牵头单位：县应急局；配合单位：县公安局】").unwrap();
        assert_eq!(inner, "牵头单位：县应急局；配合单位：县公安局");
        let text = "推进整治。(区安委办（区应急局）牵头,各街道负责)。";
        let (inner, range) = trailing_parenthesis(text).unwrap();
        assert_eq!(inner, "区安委办（区应急局）牵头,各街道负责");
        assert_eq!(&text[..range.start], "推进整治。");
        assert!(trailing_parenthesis("没有括号。").is_none());
    }

    #[test]
    fn merged_groups_give_each_unit_one_role_and_lead_wins() {
        let mut a = phrase("区环保局牵头，区经发局参与");
        a.merge(phrase("区经发局牵头，区财政局参与"));
        assert_eq!(a.lead, ["区环保局", "区经发局"]);
        assert_eq!(a.support, ["区财政局"]);
    }

    #[test]
    fn tortoise_shell_and_full_width_square_brackets_hold_assignments_too() {
        let groups =
            bracket_groups("排查隐患〔责任单位：县应急局〕，完善台账［牵头单位：县财政局］。");
        let inner: Vec<&str> = groups.iter().map(|(inner, _)| *inner).collect();
        assert_eq!(inner, ["责任单位：县应急局", "牵头单位：县财政局"]);
        let (inner, _) = trailing_parenthesis("完善台账。〔责任单位：县应急局〕").unwrap();
        assert_eq!(inner, "责任单位：县应急局");
        assert_eq!(without_unmatched_closers("县应急局〕"), "县应急局");
    }

    #[test]
    fn a_closing_bracket_of_units_alone_carries_the_task() {
        let read =
            |p: &str| closing_unit_list(p, &mut UnitContext::new("")).map(|(a, _)| a.support);
        assert_eq!(
            read("开展排查。（县文旅局、县消防救援大队）").unwrap(),
            ["县文旅局", "县消防救援大队"]
        );
        assert_eq!(read("加强景区管理（县文旅局）").unwrap(), ["县文旅局"]);
        assert_eq!(
            read("各乡镇要落实属地责任（各乡镇人民政府）。").unwrap(),
            ["各乡镇人民政府"]
        );
        // Another name of the unit before it, an aside, a phrase: none of them.
        assert!(read("牵头抓总的是县应急管理局（县安委办）").is_none());
        assert!(read("开展排查（每季度一次）").is_none());
        assert!(read("开展排查（见附件）").is_none());
        assert!(read("（县文旅局）").is_none());
    }

    #[test]
    fn every_bracket_group_of_a_paragraph() {
        let text = "推进甲（教育部、财政部负责）。推进乙【体育总局负责】，完成（含丙）。";
        let inner: Vec<&str> = bracket_groups(text).into_iter().map(|(i, _)| i).collect();
        assert_eq!(inner, ["教育部、财政部负责", "体育总局负责", "含丙"]);
    }

    #[test]
    fn subject_unit_heads() {
        let a = subject_unit(
            "区安全生产委员会办公室（区应急管理局）负责指导协调",
            &mut UnitContext::new(""),
        )
        .unwrap();
        assert_eq!(a.support, ["区安全生产委员会办公室（区应急管理局）"]);
        assert!(subject_unit("区长负责全面贯彻", &mut UnitContext::new("")).is_none());
        // Who reads a rule is no unit carrying a task.
        assert!(subject_unit("本办法由县水利局负责解释", &mut UnitContext::new("")).is_none());
        assert!(subject_unit("县人社局负责解释政策", &mut UnitContext::new("")).is_some());
        assert_eq!(
            subject_unit("本方案由县水利局负责组织实施", &mut UnitContext::new(""))
                .unwrap()
                .support,
            ["县水利局"]
        );
        // A unit that is the subject of the first clause opens a whole sentence's assignment.
        assert_eq!(
            assignment_tail_read("县生态环境局负责水源地保护工作，县水利局配合"),
            Some(("县生态环境局负责水源地保护工作，县水利局配合", true))
        );
        assert_eq!(
            assignment_tail_read("加强巡查，县交通局牵头，县公安局配合"),
            Some(("县交通局牵头，县公安局配合", false))
        );
    }

    #[test]
    fn a_sentence_may_close_with_its_assignment() {
        let cases = [
            (
                "加强巡查，由县交通局负责，县公安局配合",
                Some("由县交通局负责，县公安局配合"),
            ),
            (
                "加强巡查，县交通局牵头，各乡镇配合，2026年底前完成",
                Some("县交通局牵头，各乡镇配合，2026年底前完成"),
            ),
            ("加强巡查，各乡镇负责", Some("各乡镇负责")),
            // A unit that opens its clause with its verb, before the clauses that follow it.
            (
                "加强巡查，县交通局要牵头做好排查，县公安局配合",
                Some("县交通局要牵头做好排查，县公安局配合"),
            ),
            ("县交通局要牵头做好排查", None),
            (
                "县教育局负责，县公安局配合",
                Some("县教育局负责，县公安局配合"),
            ),
            // Clauses that only follow a ranking or give a time, and prose that names a unit.
            ("加强巡查，确保按期完成", None),
            ("加强巡查，各乡镇抓好落实", None),
            ("加强巡查，县财政局负责资金保障，各乡镇抓好落实", None),
            ("加强巡查，主要负责同志亲自负责", None),
        ];
        for (sentence, tail) in cases {
            assert_eq!(assignment_tail(sentence), tail, "{sentence}");
        }
        assert!(!is_assignment_sentence("加强巡查，由县交通局负责"));
        let a = parse_phrase(
            "县交通局要牵头做好排查，县公安局配合",
            &mut UnitContext::new(""),
            false,
        )
        .unwrap();
        assert_eq!(
            (a.lead, a.support),
            (vec!["县交通局".to_string()], vec!["县公安局".to_string()])
        );
        // `分别` is how each takes part, not part of a name.
        let a = parse_phrase(
            "县交通局、县公安局分别负责",
            &mut UnitContext::new(""),
            false,
        )
        .unwrap();
        assert_eq!(a.support, ["县交通局", "县公安局"]);
    }

    #[test]
    fn a_head_may_open_with_its_assignment() {
        let read = |head: &str| {
            opening_assignment(head, &mut UnitContext::new(""), false).map(|a| (a.lead, a.support))
        };
        let ranked = |lead: &[&str], support: &[&str]| {
            let owned = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
            Some((owned(lead), owned(support)))
        };
        assert_eq!(
            read("县交通局牵头，县公安局配合：加强道路巡查"),
            ranked(&["县交通局"], &["县公安局"])
        );
        assert_eq!(
            read("由县水利局牵头，县农业局、各乡镇配合，开展河道清淤"),
            ranked(&["县水利局"], &["县农业局", "各乡镇"])
        );
        assert_eq!(
            read("县交通局、县公安局：加强道路巡查"),
            ranked(&[], &["县交通局", "县公安局"])
        );
        // Each unit of the sentence with its own share after a colon; not one of a later one.
        assert_eq!(
            read("县交通局：负责巡查；县公安局：负责疏导；做好宣传。县城管局：负责秩序"),
            ranked(&[], &["县交通局", "县公安局"])
        );
        // A unit over its own list, a theme before a colon, a task that names no role.
        assert_eq!(read("县交通局："), None);
        assert_eq!(read("工作目标：道路畅通"), None);
        assert_eq!(read("加强道路巡查，县交通局要主动作为"), None);
        // `由` opens no unit's name.
        let a = subject_unit("由县交通局负责全县巡查", &mut UnitContext::new("")).unwrap();
        assert_eq!(a.support, ["县交通局"]);
    }

    #[test]
    fn a_clause_after_a_list_may_name_its_lead() {
        let a = keyed("（责任单位：县交通局、县公安局，其中县交通局为牵头单位）");
        assert_eq!(a.lead, ["县交通局"]);
        assert_eq!(a.support, ["县公安局"]);
        // A clause that names no lead, or no unit, leaves the list as it was.
        let a = keyed("责任单位：县交通局、县公安局，各乡镇");
        assert!(a.lead.is_empty());
        assert_eq!(a.support, ["县交通局", "县公安局", "各乡镇"]);
    }

    #[test]
    fn keys_may_stand_in_brackets() {
        let text = "加强道路巡查。【牵头单位】县交通局【配合单位】县公安局、县城管局【完成时限】2026年6月底";
        let (a, range) = key_values(text, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(a.lead, ["县交通局"]);
        assert_eq!(a.support, ["县公安局", "县城管局"]);
        assert_eq!(a.deadline.as_deref(), Some("2026年6月底"));
        assert_eq!(&text[..range.start], "加强道路巡查。");
        let a = keyed("[责任单位]县交通局");
        assert_eq!(a.support, ["县交通局"]);
        // A bracket that holds no key, or a key with no opener, is text.
        assert!(key_values("【重点任务】加强道路巡查", &mut UnitContext::new(""), false).is_none());
        assert!(key_values("巡查责任单位】县交通局", &mut UnitContext::new(""), false).is_none());
        // A bracket after a name with a separator after it marks the name: no key.
        assert!(assignment_keys("（责任单位：县融媒体中心【牵头】、县教育局）").len() == 1);
        let a = keyed("（责任单位：县融媒体中心【牵头】、县教育局）");
        assert_eq!(a.lead, ["县融媒体中心"]);
        assert_eq!(a.support, ["县教育局"]);
    }

    #[test]
    fn a_slash_or_a_dash_after_a_whole_key_stands_for_its_colon() {
        let a = keyed("责任单位/县住建局");
        assert_eq!(a.support, ["县住建局"]);
        let a = keyed("完成时限／2027年6月底");
        assert_eq!(a.deadline.as_deref(), Some("2027年6月底"));
        let a = keyed("牵头单位——县市场监管局；配合单位——县税务局、县公安局。");
        assert_eq!(a.lead, ["县市场监管局"]);
        assert_eq!(a.support, ["县税务局", "县公安局"]);
        let a = keyed("牵头单位—县水利局");
        assert_eq!(a.lead, ["县水利局"]);
        // A slash between two keys, inside a word or a date, or after a key that does not open
        // its clause, ends no key.
        assert!(assignment_keys("牵头单位/配合单位").is_empty());
        assert!(assignment_keys("2027—2028年").is_empty());
        assert!(assignment_keys("明确牵头单位—确保落实").is_empty());
        assert!(assignment_keys("牵头单位/").is_empty());
        assert!(assignment_keys("配合/协助").is_empty());
        // `牵头单位/配合单位：A` is read at its colon alone.
        assert_eq!(assignment_keys("牵头单位/配合单位：县交通局").len(), 1);
    }

    #[test]
    fn a_topic_before_the_agent_marker_names_the_work_not_a_unit() {
        assert_eq!(after_agent_marker("由县交通局牵头"), "县交通局牵头");
        assert_eq!(after_agent_marker("此项工作由县交通局牵头"), "县交通局牵头");
        assert_eq!(after_agent_marker("上述任务由县交通局负责"), "县交通局负责");
        // 由 inside a name, or after a unit, stays.
        assert_eq!(after_agent_marker("县自由贸易办负责"), "县自由贸易办负责");
        assert_eq!(
            after_agent_marker("县交通局由县公安局配合"),
            "县交通局由县公安局配合"
        );
        let tail =
            assignment_tail("加强巡查，此项工作由县交通局牵头负责，县公安局配合实施").unwrap();
        assert_eq!(tail, "此项工作由县交通局牵头负责，县公安局配合实施");
        let a = parse_phrase(tail, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(a.lead, ["县交通局"]);
        assert_eq!(a.support, ["县公安局"]);
    }

    #[test]
    fn a_responsible_body_a_named_lead_and_a_comma_after_the_lead_verb_rank_units() {
        for (wording, lead, support) in [
            (
                "县交通局为责任主体，县公安局配合",
                "县交通局",
                &["县公安局"][..],
            ),
            (
                "明确县交通局为牵头单位，县公安局为配合单位",
                "县交通局",
                &["县公安局"],
            ),
            ("县交通局牵头、县公安局配合", "县交通局", &["县公安局"]),
            ("县交通局负责，其他成员单位按职责配合", "县交通局", &[]),
        ] {
            let a = phrase(wording);
            assert_eq!(
                (a.lead, a.support),
                (
                    vec![lead.to_string()],
                    support.iter().map(|s| s.to_string()).collect::<Vec<_>>()
                ),
                "{wording}"
            );
        }
        assert_eq!(
            assignment_tail("加强巡查，县交通局牵头、县公安局配合"),
            Some("县交通局牵头、县公安局配合")
        );
    }

    #[test]
    fn people_printed_beside_their_units_are_taken_out_of_the_list() {
        let take = |names: &[&str]| {
            let mut units: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let people = take_people_after_units(&mut units);
            (units, people)
        };
        assert_eq!(
            take(&["县交通局", "李某某", "县公安局", "王某"]),
            (
                vec!["县交通局".to_string(), "县公安局".to_string()],
                vec!["李某某".to_string(), "王某".to_string()]
            )
        );
        assert_eq!(
            take(&["县交通局（李某某）"]),
            (vec!["县交通局".to_string()], vec!["李某某".to_string()])
        );
        // Short forms of departments, other names in brackets and a name before any unit stay.
        for kept in [
            &["县发改局", "卫健", "林草"][..],
            &["县应急管理局（县安委办）"],
            &["李某某", "县交通局"],
        ] {
            assert_eq!(take(kept).1, Vec::<String>::new(), "{kept:?}");
        }
        let a = keyed("责任单位及责任人：县交通局 李某某");
        assert_eq!(
            (a.support, a.persons),
            (vec!["县交通局".to_string()], vec!["李某某".to_string()])
        );
        // A group of units with its post in brackets; a group with its other level stays.
        let a = keyed(
            "责任单位及责任人：县住建局（钱某）、各乡镇（乡镇长）、各镇（街道）、县水利局（局长孙某）",
        );
        assert_eq!(
            (a.support, a.persons),
            (
                vec![
                    "县住建局".to_string(),
                    "各乡镇".to_string(),
                    "各镇（街道）".to_string(),
                    "县水利局".to_string()
                ],
                vec!["钱某".to_string(), "乡镇长".to_string(), "孙某".to_string()]
            )
        );
    }

    #[test]
    fn a_colon_ends_a_clause_of_the_closing_assignment() {
        assert_eq!(
            assignment_tail("做好宣传：县公安局负责，县教育局配合"),
            Some("县公安局负责，县教育局配合")
        );
    }

    #[test]
    fn a_unit_marked_as_leading_is_a_clause_of_the_assignment() {
        let tail = assignment_tail("加强巡查，县交通局（牵头），县公安局、县城管局配合").unwrap();
        assert_eq!(tail, "县交通局（牵头），县公安局、县城管局配合");
        let a = parse_phrase(tail, &mut UnitContext::new(""), false).unwrap();
        assert_eq!(a.lead, ["县交通局"]);
        assert_eq!(a.support, ["县公安局", "县城管局"]);
        // The mark alone ranks: the marked unit leads, the others of its list support.
        let ranked = |sentence: &str| {
            let tail = assignment_tail(sentence).unwrap();
            let a = parse_phrase(tail, &mut UnitContext::new(""), false).unwrap();
            (a.lead, a.support)
        };
        assert_eq!(
            ranked("加强巡查，县交通局（牵头）"),
            (vec!["县交通局".to_string()], vec![])
        );
        assert_eq!(
            ranked("开展排查，县公安局（牵头）、县城管局"),
            (vec!["县公安局".to_string()], vec!["县城管局".to_string()])
        );
        assert_eq!(
            ranked("开展排查，县公安局〔牵头〕、县城管局按职责分工负责"),
            (vec!["县公安局".to_string()], vec!["县城管局".to_string()])
        );
        // Prose in brackets is no mark.
        assert!(
            assignment_tail("加强巡查（重点路段），县公安局配合")
                .is_some_and(|t| t == "县公安局配合")
        );
    }

    #[test]
    fn a_paragraph_of_units_alone_carries_the_task() {
        let read = |p: &str| unit_list_paragraph(p, &mut UnitContext::new("")).map(|a| a.support);
        assert_eq!(
            read("县交通局、县公安局").unwrap(),
            ["县交通局", "县公安局"]
        );
        assert_eq!(read("各乡镇人民政府。").unwrap(), ["各乡镇人民政府"]);
        // Prose, a key line, a short word: no list of units.
        assert!(read("县交通局负责巡查").is_none());
        assert!(read("责任单位：县交通局").is_none());
        assert!(read("各局").is_none());
        assert!(read("分管镇财政所、镇审计办").is_none());
    }
}
