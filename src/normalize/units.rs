//! Unit lists as printed (`市发改局、工信局等部门`) → full unit names (`市发改局`, `市工信局`).

use super::{is_space, split_top_level};
use crate::vocab::{
    AREA_KINDS, GENERIC_TAILS, GENERIC_UNITS, GOV_BODY_SUFFIXES, LEVEL_PREFIXES, NOT_A_PREFIX,
};

/// Carries the administrative level prefix (市, 区 …) from one list member to the next, across the
/// clauses of one assignment, and knows the whole document so that a body which is not a
/// government department inherits the prefix only where the document prints it so elsewhere.
#[derive(Debug, Clone)]
pub struct UnitContext<'a> {
    document: &'a str,
    prefix: Option<&'static str>,
    /// The previous member began with 各, which an area kind after it shares.
    each: bool,
}

impl<'a> UnitContext<'a> {
    pub fn new(document: &'a str) -> Self {
        UnitContext {
            document,
            prefix: None,
            each: false,
        }
    }

    /// Splits a printed list into unit names: `、，,；;/` and runs of spaces separate, brackets
    /// protect, `A和B` splits when both sides are units, generic tails (`等部门`) are dropped.
    pub fn split(&mut self, printed: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let parts = split_top_level(printed, |c| {
            matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '\n') || is_space(c)
        });
        for part in parts {
            for piece in split_conjunction(&strip_generic_tail(part.trim())) {
                let piece = strip_generic_tail(&piece);
                if piece.is_empty() || GENERIC_UNITS.contains(&piece.as_str()) {
                    continue;
                }
                let full = self.complete(&piece);
                if let Some(previous) = out.last_mut()
                    && let Some((shared, full_name)) = share_each_and_suffix(previous, &full)
                {
                    previous.push_str(&shared);
                    out.push(full_name);
                    continue;
                }
                if !out.contains(&full) {
                    out.push(full);
                }
            }
        }
        out
    }

    fn complete(&mut self, name: &str) -> String {
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
        if name.starts_with(['各', '全', '本', '其']) {
            return name.to_string();
        }
        let prefixed = format!("{prefix}{name}");
        if is_gov_body(name) || self.document.contains(&prefixed) {
            prefixed
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
    let suffix = &name[kind.len()..];
    let body = is_gov_body(suffix) || suffix.ends_with("政府") || suffix.ends_with("办事处");
    body.then(|| (suffix.to_string(), format!("各{name}")))
}

/// Markers that make one unit of a list its lead (`县应急局（牵头）、县公安局`).
const LEAD_MARKERS: &[&str] = &[
    "（牵头）",
    "(牵头)",
    "（牵头单位）",
    "(牵头单位)",
    "（牵头部门）",
    "牵头",
];

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
    GOV_BODY_SUFFIXES.iter().any(|s| core.ends_with(s))
}

/// Removes `等`, `等部门`, `有关部门`, an ellipsis … from the end, repeatedly.
pub fn strip_generic_tail(text: &str) -> String {
    let mut s = text.to_string();
    loop {
        // Closing stops and the ellipsis of a list cut short (工信局……等) go too.
        s = s
            .trim()
            .trim_end_matches(['。', '.', '：', ':', '…', '⋯'])
            .trim()
            .to_string();
        let before = s.len();
        for tail in GENERIC_TAILS {
            if s.len() > tail.len() && s.ends_with(tail) {
                s.truncate(s.len() - tail.len());
                break;
            }
        }
        if s.len() == before {
            return s.trim().to_string();
        }
    }
}

/// `住建局和人防办` is two units; `各镇党委和政府` is one (政府 alone shares the 各镇 of the first).
fn split_conjunction(text: &str) -> Vec<String> {
    for conj in ['和', '及', '与'] {
        if let Some((left, right)) = text.split_once(conj) {
            let right_is_unit = right.chars().count() >= 3 && is_gov_body(right);
            if is_gov_body(left) && right_is_unit && !left.is_empty() {
                let mut parts = vec![left.to_string()];
                parts.extend(split_conjunction(right));
                return parts;
            }
        }
    }
    vec![text.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(doc: &str, printed: &str) -> Vec<String> {
        UnitContext::new(doc).split(printed)
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
    fn conjunction_splits_only_between_units() {
        assert_eq!(split("", "市住建局和人防办"), ["市住建局", "市人防办"]);
        assert_eq!(split("", "各镇党委和政府"), ["各镇党委和政府"]);
    }

    #[test]
    fn a_unit_marked_as_leading_is_taken_out() {
        let names = split("", "县应急局（牵头）、县公安局、县交通局");
        let (leads, rest) = take_marked_leads(names);
        assert_eq!(leads, ["县应急局"]);
        assert_eq!(rest, ["县公安局", "县交通局"]);
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
}
