//! Unit lists as printed (`市发改局、工信局等部门`) → full unit names (`市发改局`, `市工信局`).

use super::after_prefix::PrefixIndex;
use super::endings::Endings;
use super::name_list::NameList;
use super::{is_space, split_top_level};
use crate::vocab::{
    AREA_KIND_LEVELS, AREA_KINDS, GENERIC_TAILS, GENERIC_UNITS, GOV_BODY_SUFFIXES, LEVEL_PREFIXES,
    NOT_A_PREFIX, SCOPE_NOTE_WORDS, UNIT_LINE_STARTS,
};
use std::sync::LazyLock;

/// What naming units needs to know of the whole document, found once: its text (a body that is
/// not a government department inherits a prefix only where the document prints it so, which
/// `printed` answers without a scan of the text per name) and the places it names (平潭 of
/// 平潭综合实验区, 福建 of 福建省), after which bodies are named in full.
#[derive(Debug, Clone, Copy)]
pub struct DocumentWords<'a> {
    pub text: &'a str,
    pub places: &'a [String],
    pub printed: Option<&'a PrefixIndex<'a>>,
    /// The mark that the document's legend says a leading unit carries (`带*的为牵头单位`).
    pub lead_mark: Option<char>,
}

impl DocumentWords<'_> {
    /// Whether the document prints `name` right after `prefix` (区 + 经发局).
    fn prints(&self, prefix: &'static str, name: &str) -> bool {
        match self.printed {
            Some(index) => index.printed_after(prefix, name),
            // Without an index (a sample in a test, a short list): the text is short.
            None => self.text.contains(&format!("{prefix}{name}")),
        }
    }
}

impl<'a> From<&'a str> for DocumentWords<'a> {
    fn from(text: &'a str) -> Self {
        DocumentWords {
            text,
            places: &[],
            printed: None,
            lead_mark: None,
        }
    }
}

/// The mark a legend says a leading unit carries: the mark, then within one short clause a
/// copula and 牵头 (`*为牵头单位`, `带★号的是牵头部门`, `▲表示牵头单位`), or 牵头, then 用/以/标 and
/// the mark (`牵头单位用*标注`). One pass over the text; marks are rare, each looks at a few
/// characters around it.
pub fn lead_mark_in(text: &str) -> Option<char> {
    use crate::vocab::{ROLE_LEAD, UNIT_MARK_LEGEND_GAP_CHARS, UNIT_MARKS};
    let ends_clause = |c: char| matches!(c, '，' | '。' | '；' | ',' | ';' | '\n' | '、');
    // Every mark's UTF-8 form starts with one of these bytes; most text has none of them.
    let lead_bytes = memchr::memchr3_iter(b'*', 0xE2, 0xEF, text.as_bytes());
    lead_bytes
        .filter_map(|at| Some((at, text[at..].chars().next()?)))
        .filter(|(_, c)| UNIT_MARKS.contains(c))
        .find_map(|(at, mark)| {
            let after: String = text[at + mark.len_utf8()..]
                .chars()
                .take_while(|c| !ends_clause(*c))
                .take(UNIT_MARK_LEGEND_GAP_CHARS + ROLE_LEAD.chars().count())
                .collect();
            let says_after = after.find(ROLE_LEAD).is_some_and(|lead| {
                ["为", "是", "表示", "代表", "系"]
                    .iter()
                    .any(|copula| after[..lead].contains(copula))
            });
            let before: String = {
                let mut chars: Vec<char> = text[..at]
                    .chars()
                    .rev()
                    .take_while(|c| !ends_clause(*c))
                    .take(UNIT_MARK_LEGEND_GAP_CHARS + ROLE_LEAD.chars().count())
                    .collect();
                chars.reverse();
                chars.into_iter().collect()
            };
            let says_before = before.rfind(ROLE_LEAD).is_some_and(|lead| {
                ["用", "以", "标"]
                    .iter()
                    .any(|verb| before[lead..].contains(verb))
            });
            (says_after || says_before).then_some(mark)
        })
}

/// A key printed without its colon (`（责任单位 县水利局）`) names no unit.
fn is_key_word(piece: &str) -> bool {
    (piece.ends_with("单位") || piece.ends_with("部门"))
        && crate::vocab::ASSIGNMENT_LINE_KEYS
            .iter()
            .any(|(key, _)| *key == piece)
}

/// `part` without a closing bracket that is the marks' legend (`县公安局（*为牵头单位）`).
fn without_legend(part: &str) -> &str {
    let Some(inner) = part.strip_suffix(['）', ')']) else {
        return part;
    };
    match inner.rfind(['（', '(']) {
        Some(open) if lead_mark_in(&inner[open..]).is_some() => part[..open].trim_end(),
        _ => part,
    }
}

/// `piece` without the marks printed beside it (`县交通局*`, `★县公安局`, `县卫健委（*）`), and
/// whether it carried one of them.
fn without_marks(piece: &str) -> (&str, Option<char>) {
    use crate::vocab::UNIT_MARKS;
    let is_mark_or_bracket =
        |c: char| UNIT_MARKS.contains(&c) || matches!(c, '（' | '）' | '(' | ')' | '“' | '”' | '"');
    // Marks alone or in brackets before the name (`★县公安局`, `（*）县城管局`) or after it.
    let head = piece.trim_start_matches(is_mark_or_bracket);
    let tail = head.trim_end_matches(is_mark_or_bracket);
    let marked = |cut: &str| cut.chars().find(|c| UNIT_MARKS.contains(c));
    let lead_mark = marked(&piece[..piece.len() - head.len()]);
    let trail_mark = marked(&head[tail.len()..]);
    match lead_mark.or(trail_mark) {
        None => (piece, None),
        Some(mark) => {
            let start = if lead_mark.is_some() {
                piece.len() - head.len()
            } else {
                0
            };
            let end = if trail_mark.is_some() {
                piece.len() - (head.len() - tail.len())
            } else {
                piece.len()
            };
            (&piece[start..end], Some(mark))
        }
    }
}

/// The places a document names: the two characters before 省, 市, 县, 州 or a zone's name
/// (综合实验区, 新区), where they are both Chinese. One pass over the text.
pub fn places_in(text: &str) -> Vec<String> {
    let mut places: Vec<String> = Vec::new();
    // The two characters before the current one, and where the first of them starts.
    let mut before: [Option<(usize, char)>; 2] = [None, None];
    for (i, c) in text.char_indices() {
        if matches!(c, '综' | '新' | '自' | '省' | '市' | '县' | '州')
            && PLACE_WORDS.iter().any(|w| text[i..].starts_with(w))
            && let [Some((start, a)), Some((_, b))] = before
            && super::is_han(a)
            && super::is_han(b)
        {
            let place = &text[start..i];
            if !GENERIC_PLACE_WORDS.iter().any(|g| place.ends_with(g))
                && !places.iter().any(|p| p == place)
            {
                places.push(place.to_string());
            }
        }
        before = [before[1], Some((i, c))];
    }
    places
}

/// Words after which the two characters before them name a place.
const PLACE_WORDS: &[&str] = &["综合实验区", "新区", "自治州", "省", "市", "县", "州"];
/// …unless those characters are a word for any place (全市, 本县, 各县).
const GENERIC_PLACE_WORDS: &[&str] = &["全", "本", "各", "该", "城", "我", "在", "和", "的"];

/// A body whose name already holds its level (团区委, 共青团县委) takes no inherited prefix.
fn holds_its_level(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next();
    let rest = chars.as_str();
    rest.char_indices().any(|(i, c)| {
        let after = &rest[i + c.len_utf8()..];
        LEVEL_PREFIXES.iter().any(|level| level.starts_with(c))
            && ["委", "政府", "人大", "政协"]
                .iter()
                .any(|body| after.starts_with(body))
    })
}

/// Carries the administrative level prefix (市, 区 …) from one list member to the next, within a
/// group of a list (groups are separated by ，) and across the clauses of one assignment.
#[derive(Debug, Clone)]
pub struct UnitContext<'a> {
    document: DocumentWords<'a>,
    prefix: Option<&'static str>,
    /// The previous member began with 各, which an area kind after it shares.
    each: bool,
    /// Every name is printed in full (a register's own table): nothing is inherited.
    in_full: bool,
}

impl<'a> UnitContext<'a> {
    pub fn new(document: impl Into<DocumentWords<'a>>) -> Self {
        UnitContext {
            document: document.into(),
            prefix: None,
            each: false,
            in_full: false,
        }
    }

    /// For lists whose every name is printed in full, as a register's table prints them.
    pub fn in_full(document: impl Into<DocumentWords<'a>>) -> Self {
        UnitContext {
            in_full: true,
            ..UnitContext::new(document)
        }
    }

    /// Splits a printed list into unit names: `、，,；;/` and runs of spaces separate, brackets
    /// protect, `A和B` splits when both sides are units, generic tails (`等部门`) are dropped.
    pub fn split(&mut self, printed: &str) -> Vec<String> {
        let mut out = NameList::default();
        // Lines of a table cell are groups too: each line names its unit in full.
        let groups = split_top_level(printed, |c| matches!(c, '，' | ',' | '；' | ';' | '\n'));
        let several_groups = groups.len() > 1;
        let parts: Vec<(bool, &str)> = groups
            .iter()
            .flat_map(|group| {
                split_top_level(group, |c| matches!(c, '、' | '/') || is_space(c))
                    .into_iter()
                    .enumerate()
                    .map(|(i, part)| (i == 0, part))
            })
            .collect();
        for (starts_group, part) in parts {
            // A dash may introduce the list (`…。——县住建局牵头`): no name opens with one.
            let part = part.trim().trim_start_matches(['—', '－', '─', '–', '-']);
            let part = without_legend(strip_scope_note(part));
            let (part, mark) = without_marks(part);
            // A mark or a stop left alone (`*`) names nobody.
            if !part.chars().any(char::is_alphanumeric) {
                continue;
            }
            let leads_by_mark = mark.is_some() && mark == self.document.lead_mark;
            // A group names its own level: 区市场监管局，两岸仲裁中心 does not make the second 区….
            if starts_group && several_groups && !out.is_empty() {
                self.prefix = None;
            }
            for piece in split_conjunction(strip_generic_tail(part.trim())) {
                let piece = strip_generic_tail(piece);
                if piece.is_empty() || GENERIC_UNITS.contains(&piece) || is_key_word(piece) {
                    continue;
                }
                let mut full = self.complete(piece);
                if leads_by_mark {
                    full.push_str(LEAD_MARKERS[0]);
                }
                // A register's own cell prints each name in full: `各街道、区城管局` is two units.
                if !self.in_full
                    && let Some(previous) = out.last()
                    && let Some((shared, full_name)) = share_each_and_suffix(previous, &full)
                {
                    out.extend_last(&shared);
                    out.push(full_name);
                    continue;
                }
                if !out.contains(&full) {
                    out.push(full);
                }
            }
        }
        out.into_vec()
    }

    fn complete(&mut self, name: &str) -> String {
        if self.in_full {
            return name.to_string();
        }
        let shares_each = self.each && AREA_KINDS.contains(&name);
        self.each = name.starts_with('各') || shares_each;
        if shares_each {
            return format!("各{name}");
        }
        if let Some(prefix) = level_prefix(name) {
            self.prefix = Some(prefix);
            return name.to_string();
        }
        let Some(prefix) = self.prefix else {
            return name.to_string();
        };
        if name.starts_with(['各', '全', '本', '其'])
            || holds_its_level(name)
            || self
                .document
                .places
                .iter()
                .any(|p| name.starts_with(p.as_str()))
        {
            return name.to_string();
        }
        if is_gov_body(name) || self.document.prints(prefix, name) {
            format!("{prefix}{name}")
        } else {
            name.to_string()
        }
    }
}

/// `各区、县级市人民政府`: the bare `各区` shares the suffix, the second shares `各`, giving
/// `各区人民政府` and `各县级市人民政府`. Returns the suffix and the completed second name.
fn share_each_and_suffix(previous: &str, name: &str) -> Option<(String, String)> {
    let bare_area = previous.strip_prefix('各')?;
    if !AREA_KINDS.contains(&bare_area) || name.contains('各') {
        return None;
    }
    let kind = AREA_KINDS
        .iter()
        .filter(|k| name.starts_with(**k))
        .max_by_key(|k| k.len())?;
    // A unit of an area that governs the first (`各社区、镇城建办`) is that one area's own.
    if area_level(kind) < area_level(bare_area) {
        return None;
    }
    let suffix = &name[kind.len()..];
    let body = is_gov_body(suffix) || suffix.ends_with("政府") || suffix.ends_with("办事处");
    body.then(|| (suffix.to_string(), format!("各{name}")))
}

/// How far down the hierarchy an area kind is (0 for 省); kinds not listed rank with 市 and 县.
fn area_level(kind: &str) -> usize {
    AREA_KIND_LEVELS
        .iter()
        .position(|kinds| kinds.contains(&kind))
        .unwrap_or(2)
}

/// Markers that make one unit of a list its lead (`县应急局（牵头）、县公安局`), in any of the
/// brackets a 公文 prints inside another (`（责任单位：县应急局〔牵头〕、县公安局）`).
const LEAD_MARKERS: &[&str] = &[
    "（牵头）",
    "(牵头)",
    "（牵头单位）",
    "(牵头单位)",
    "（牵头部门）",
    "〔牵头〕",
    "〔牵头单位〕",
    "［牵头］",
    "[牵头]",
    "【牵头】",
    "牵头",
];

/// `县交通局（牵头）` without its bracketed lead mark, or `None` where it carries none.
pub fn without_lead_mark(name: &str) -> Option<&str> {
    if !name.ends_with(CLOSING_MARK_BRACKETS) {
        return None;
    }
    LEAD_MARKERS
        .iter()
        .filter(|m| m.ends_with(CLOSING_MARK_BRACKETS))
        .find_map(|m| name.strip_suffix(m))
        .filter(|n| !n.is_empty())
}

/// The brackets that close a lead mark (`（牵头）`, `〔牵头〕`): a bare `牵头` is a verb.
const CLOSING_MARK_BRACKETS: [char; 5] = ['）', ')', '〕', '］', '】'];

/// Splits names into those marked as leading (marker removed) and the rest.
pub fn take_marked_leads(names: Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut leads = Vec::new();
    let mut rest = Vec::new();
    for name in names {
        match LEAD_MARKERS
            .iter()
            .find_map(|m| name.strip_suffix(m))
            .filter(|n| !n.is_empty())
        {
            Some(unit) => leads.push(unit.to_string()),
            None => rest.push(name),
        }
    }
    (leads, rest)
}

/// Joins the lines of a unit cell with newlines, except that a branch printed on its own line
/// (`邵阳市生态环境局` / `武冈分局`) belongs to the line before it.
pub fn join_cell_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines
        .iter()
        .map(|l| l.trim_matches(is_space))
        .filter(|l| !l.is_empty())
    {
        let branch = BRANCH_ENDINGS.iter().any(|b| line.ends_with(b))
            && level_prefix(line).is_none()
            && !line.starts_with('各')
            && !line.contains(is_space);
        let previous_is_body = out.lines().last().is_some_and(|prev| {
            let prev = prev.trim_matches(is_space);
            !prev.contains(is_space) && is_gov_body(prev)
        });
        let joins_previous = branch && previous_is_body;
        if !out.is_empty() && !joins_previous {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Endings of a branch office, which Word often wraps onto its own line.
const BRANCH_ENDINGS: &[&str] = &["分局", "分院", "分所", "分中心", "分公司", "分队"];

/// The level prefix a name starts with, if it starts with one that is not the first character
/// of an ordinary word (市场监管局 starts with no prefix).
pub fn level_prefix(name: &str) -> Option<&'static str> {
    let prefix = LEVEL_PREFIXES.iter().find(|p| name.starts_with(**p))?;
    if NOT_A_PREFIX.iter().any(|w| name.starts_with(w)) {
        return None;
    }
    Some(prefix)
}

/// Whether a name ends like a government body (局, 委, 办 …), ignoring a bracketed alias.
pub fn is_gov_body(name: &str) -> bool {
    let core = name
        .split(['（', '('])
        .next()
        .unwrap_or(name)
        .trim_end_matches(['）', ')']);
    static GOV_BODIES: LazyLock<Endings> = LazyLock::new(|| Endings::new(&[GOV_BODY_SUFFIXES]));
    GOV_BODIES.end(core)
}

/// Removes `等`, `等部门`, `有关部门`, an ellipsis … from the end, repeatedly.
pub fn strip_generic_tail(text: &str) -> &str {
    let mut s = text;
    loop {
        // Closing stops and the ellipsis of a list cut short (工信局……等) go too.
        s = s
            .trim()
            .trim_end_matches(['。', '.', '：', ':', '…', '⋯'])
            .trim();
        let before = s.len();
        if let Some(cut) = counted_group_at(s) {
            s = &s[..cut];
            continue;
        }
        for tail in GENERIC_TAILS {
            if s.len() > tail.len() && s.ends_with(tail) {
                s = &s[..s.len() - tail.len()];
                break;
            }
        }
        if s.len() == before {
            return s.trim();
        }
    }
}

/// Where a counted group closing a list starts (`县住建局等12个部门`, `等十余家单位`,
/// `等多个相关部门`): 等, a count, 个 or 家, then the kind of body. What it counts names no one.
fn counted_group_at(text: &str) -> Option<usize> {
    const COUNTS: &str = "0123456789０１２３４５６７８９一二三四五六七八九十百余多几若干两";
    const KINDS: [&str; 3] = ["部门和单位", "部门", "单位"];
    const QUALIFIERS: [&str; 4] = ["有关", "相关", "成员", "职能"];
    let at = text.rfind('等')?;
    let rest = &text[at + '等'.len_utf8()..];
    let counted = rest.trim_start_matches(|c| COUNTS.contains(c));
    if counted.len() == rest.len() || at == 0 {
        return None;
    }
    let kind = counted.strip_prefix(['个', '家'])?;
    let kind = QUALIFIERS
        .iter()
        .find_map(|q| kind.strip_prefix(q))
        .unwrap_or(kind);
    KINDS.contains(&kind).then_some(at)
}

/// `区卫健局（牵头医疗板块）` is 区卫健局: a bracket after a name that says what part the unit
/// takes (a role verb, 含…/包括…) is a note on its scope. Any other bracket is part of the name:
/// an alias (区安委办（区应急局）, 区审批局（审改办）), a scope that names the unit (各乡镇（街道）),
/// or a lead marker (（牵头）) that is read later.
fn strip_scope_note(part: &str) -> &str {
    let Some(inner) = part.strip_suffix(['）', ')']) else {
        return part;
    };
    let Some(open) = inner.rfind(['（', '(']) else {
        return part;
    };
    let note = &inner[open + inner[open..].chars().next().map_or(1, char::len_utf8)..];
    let marks_lead = LEAD_MARKERS
        .iter()
        .any(|m| m.trim_matches(['（', '）', '(', ')']) == note);
    let says_its_part = SCOPE_NOTE_WORDS.iter().any(|w| note.contains(w));
    if open == 0 || marks_lead || !says_its_part {
        part
    } else {
        inner[..open].trim_end()
    }
}

/// `住建局和人防办` is two units; `各镇党委和政府` is one (政府 alone shares the 各镇 of the first).
fn split_conjunction(text: &str) -> Vec<&str> {
    for conj in ['和', '及', '与'] {
        if let Some((left, right)) = text.split_once(conj) {
            // A、B等和各有关省级人民政府负责: the list before 等 and the group after 和.
            if let Some(listed) = left.strip_suffix('等')
                && !listed.is_empty()
                && (right.starts_with('各') || is_gov_body(right))
            {
                let mut parts = vec![listed];
                parts.extend(split_conjunction(right));
                return parts;
            }
            // `县城管局及相关乡镇`: a group named after a unit is one too.
            let right_is_unit = right.chars().count() >= 3
                && (is_gov_body(right) || UNIT_LINE_STARTS.iter().any(|s| right.starts_with(s)));
            if is_gov_body(left) && right_is_unit && !left.is_empty() {
                let mut parts = vec![left];
                parts.extend(split_conjunction(right));
                return parts;
            }
        }
    }
    vec![text]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(doc: &str, printed: &str) -> Vec<String> {
        UnitContext::new(doc).split(printed)
    }

    #[test]
    fn groups_places_and_names_holding_their_level_take_no_prefix() {
        assert_eq!(
            split("", "区市场监管局，区法院，两岸仲裁中心"),
            ["区市场监管局", "区法院", "两岸仲裁中心"]
        );
        assert_eq!(
            split("", "区旅游委、台湾工作部、团区委，各乡镇人民政府"),
            ["区旅游委", "区台湾工作部", "团区委", "各乡镇人民政府"]
        );
        let text = "某岛综合实验区管委会。福建省人民政府。在全市推进。";
        let places = places_in(text);
        assert_eq!(places, ["某岛", "福建"]);
        let words = DocumentWords {
            text,
            places: &places,
            printed: None,
            lead_mark: None,
        };
        assert_eq!(
            UnitContext::new(words).split("区交通局、某岛海事局、福建银监局某岛办事处、经发局"),
            ["区交通局", "某岛海事局", "福建银监局某岛办事处", "区经发局"]
        );
    }

    #[test]
    fn a_counted_group_closing_a_list_names_no_one() {
        assert_eq!(split("", "县住建局等12个部门"), ["县住建局"]);
        assert_eq!(
            split("", "县住建局、财政局等十余家相关单位"),
            ["县住建局", "县财政局"]
        );
        assert_eq!(split("", "县一中等三个单位"), ["县一中"]);
        // A count alone, or one of something else, is left as printed.
        assert_eq!(strip_generic_tail("等12个部门"), "等12个部门");
        assert_eq!(strip_generic_tail("县住建局等3个项目"), "县住建局等3个项目");
    }

    #[test]
    fn a_dash_that_introduces_a_list_is_no_part_of_a_name() {
        assert_eq!(split("", "——县住建局、财政局"), ["县住建局", "县财政局"]);
        assert_eq!(split("", "－县交通局"), ["县交通局"]);
    }

    #[test]
    fn list_inherits_prefix_of_first_member() {
        assert_eq!(
            split("", "市发改局、工信局、市场监管局、煤管局等部门"),
            ["市发改局", "市工信局", "市市场监管局", "市煤管局"]
        );
    }

    #[test]
    fn printed_prefixes_are_kept_and_words_starting_with_a_prefix_are_not_prefixes() {
        assert_eq!(
            split("", "市公安局、市民政局、财政局"),
            ["市公安局", "市民政局", "市财政局"]
        );
        assert_eq!(
            split("", "市政府办公室、财政局"),
            ["市政府办公室", "市财政局"]
        );
        assert_eq!(
            split("", "县应急局、市场监管局"),
            ["县应急局", "县市场监管局"]
        );
    }

    #[test]
    fn companies_and_zones_stay_as_printed_unless_printed_with_prefix_elsewhere() {
        assert_eq!(
            split("", "市住建局、供电公司、经济开发区"),
            ["市住建局", "供电公司", "经济开发区"]
        );
        assert_eq!(
            split("区旅游集团负责", "区文旅局、旅游集团"),
            ["区文旅局", "区旅游集团"]
        );
    }

    #[test]
    fn generic_groups_are_not_units_but_named_groups_are() {
        assert_eq!(split("", "有关部门"), Vec::<String>::new());
        assert_eq!(
            split("", "各乡镇街道、各有关单位"),
            ["各乡镇街道", "各有关单位"]
        );
        assert_eq!(split("", "市工信局等有关部门"), ["市工信局"]);
        // A key printed without its colon is no unit.
        assert_eq!(split("", "责任单位 县水利局"), ["县水利局"]);
        assert_eq!(split("", "配合部门　县财政局"), ["县财政局"]);
    }

    #[test]
    fn an_area_kind_after_each_shares_it() {
        assert_eq!(split("", "各区、县级市"), ["各区", "各县级市"]);
        assert_eq!(
            split("", "各区、县级市人民政府"),
            ["各区人民政府", "各县级市人民政府"]
        );
        assert_eq!(
            split("", "各乡镇、街道，市直各部门"),
            ["各乡镇", "各街道", "市直各部门"]
        );
    }

    #[test]
    fn each_is_shared_between_peers_not_with_the_area_above() {
        assert_eq!(split("", "各县、市公安局"), ["各县公安局", "各市公安局"]);
        assert_eq!(split("", "各社区、镇城建办"), ["各社区", "镇城建办"]);
        assert_eq!(split("", "各街道、区城管局"), ["各街道", "区城管局"]);
        assert_eq!(
            split("", "各乡、镇人民政府"),
            ["各乡人民政府", "各镇人民政府"]
        );
        for kind in AREA_KINDS {
            assert!(
                AREA_KIND_LEVELS.iter().any(|level| level.contains(kind)),
                "{kind} has a level"
            );
        }
    }

    #[test]
    fn a_list_printed_in_full_shares_nothing() {
        let mut context = UnitContext::in_full("");
        assert_eq!(context.split("各社区、镇城建办"), ["各社区", "镇城建办"]);
        assert_eq!(context.split("各区、县级市"), ["各区", "县级市"]);
    }

    #[test]
    fn conjunction_splits_only_between_units() {
        assert_eq!(split("", "市住建局和人防办"), ["市住建局", "市人防办"]);
        assert_eq!(split("", "各镇党委和政府"), ["各镇党委和政府"]);
        assert_eq!(split("", "县城管局及相关乡镇"), ["县城管局", "相关乡镇"]);
    }

    #[test]
    fn a_unit_marked_as_leading_is_taken_out() {
        let names = split("", "县应急局（牵头）、县公安局、县交通局");
        let (leads, rest) = take_marked_leads(names);
        assert_eq!(leads, ["县应急局"]);
        assert_eq!(rest, ["县公安局", "县交通局"]);
        // Inside a bracket already, the mark takes another kind of bracket.
        for marked in ["县应急局〔牵头〕", "县应急局［牵头］", "县应急局【牵头】"]
        {
            let names = split("", &format!("县公安局、{marked}、县交通局"));
            let (leads, rest) = take_marked_leads(names);
            assert_eq!(leads, ["县应急局"], "{marked}");
            assert_eq!(rest, ["县公安局", "县交通局"], "{marked}");
        }
    }

    #[test]
    fn branch_on_its_own_line_joins_its_parent_body() {
        assert_eq!(
            join_cell_lines(&["邵阳市生态环境局", "武冈分局", "市公安局"]),
            "邵阳市生态环境局武冈分局\n市公安局"
        );
        assert_eq!(
            join_cell_lines(&["市商务局", "市消防救援大队"]),
            "市商务局\n市消防救援大队"
        );
    }

    #[test]
    fn brackets_protect_inner_separators_and_spaces_separate() {
        assert_eq!(
            split("", "区安委办（区应急管理局、区消防大队）  市科工信局"),
            ["区安委办（区应急管理局、区消防大队）", "市科工信局"]
        );
    }

    #[test]
    fn a_legend_names_the_mark_of_a_leading_unit() {
        for legend in [
            "注：带*的为牵头单位。",
            "（标注★号的是牵头部门）",
            "▲表示牵头单位",
            "说明：牵头单位用※标注。",
        ] {
            assert!(lead_mark_in(legend).is_some(), "{legend}");
        }
        assert_eq!(lead_mark_in("注：带“＊”的为牵头单位"), Some('＊'));
        // The search looks for the marks' first bytes: every mark in the vocabulary has one.
        for mark in crate::vocab::UNIT_MARKS {
            let legend = format!("{mark}为牵头单位");
            assert_eq!(lead_mark_in(&legend), Some(*mark), "{legend}");
        }
        // A mark with no word of leading near it, or one in another clause, is no legend.
        for text in [
            "★重点项目，共十二项",
            "县交通局*、县公安局，县城管局牵头",
            "*号项目为市级重点",
        ] {
            assert_eq!(lead_mark_in(text), None, "{text}");
        }
    }

    #[test]
    fn marks_beside_names_are_no_part_of_them() {
        let text = "（*为牵头单位）";
        let words = DocumentWords {
            lead_mark: lead_mark_in(text),
            ..DocumentWords::from(text)
        };
        assert_eq!(
            UnitContext::new(words).split("县交通局*、县公安局、（*）县城管局"),
            ["县交通局（牵头）", "县公安局", "县城管局（牵头）"]
        );
        assert_eq!(
            UnitContext::new(words).split("县交通局（*）、★县公安局"),
            ["县交通局（牵头）", "县公安局"]
        );
        // Without a legend the mark is dropped and ranks nobody; the legend's own bracket and a
        // mark alone name no unit.
        assert_eq!(
            split("", "县交通局*、县公安局（*为牵头单位）、*"),
            ["县交通局", "县公安局"]
        );
    }
}
