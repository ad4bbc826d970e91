//! Person cells as printed (`周立成、杨  帆      各部门主要负责人`) → names (`周立成`, `杨帆`, …).

use super::endings::Endings;
use super::{is_han, is_space, split_top_level};
use crate::vocab::{
    COMPOUND_SURNAMES, LEADER_POSTS, PERSON_FRAGMENTS, PERSON_POST_ENDINGS, SURNAMES,
};
use std::sync::LazyLock;

/// A name split where the cell was doubtful, for a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub name: String,
}

/// Splits the lines of a person cell into names. A line that starts with a fragment such as
/// `主要负责人` finishes the line before it; runs of spaces separate names except inside a name
/// spaced out to align (`杨  帆`), whose single-character halves are joined.
pub fn split_persons(lines: &[&str]) -> (Vec<String>, Vec<Joined>) {
    let mut logical: Vec<String> = Vec::new();
    for line in lines.iter().map(|l| l.trim_matches(is_space)) {
        if line.is_empty() {
            continue;
        }
        let continues = PERSON_FRAGMENTS.iter().any(|f| line.starts_with(f));
        match logical.last_mut() {
            Some(prev) if continues => prev.push_str(line),
            _ => logical.push(line.to_string()),
        }
    }
    let mut names = Vec::new();
    let mut joined = Vec::new();
    for line in logical {
        let parts = split_top_level(&line, |c| matches!(c, '、' | '，' | ',' | '；' | ';'));
        for (k, part) in parts.iter().enumerate() {
            // `具体负责：镇规建办` after a name: a key the reading did not know, no person.
            if part.contains(['：', ':']) {
                continue;
            }
            // `李强 副县长`, `局长 李强`: a post printed beside a name is no person of its own; a
            // post alone (`县政府各分管副县长`) is the leader as printed.
            let mut tokens = tokens_of(part);
            let names_someone = tokens
                .iter()
                .any(|t| (!is_post(t) && is_personal_name(t)) || names_beside_a_post(t));
            if names_someone || tokens.first().is_some_and(|first| !is_post(first)) {
                // `王某某副县长` ends with a post but names someone: the name is read below.
                tokens.retain(|t| !is_post(t) || names_beside_a_post(t));
            } else if parts.get(k + 1).is_some_and(|next| {
                let tokens = tokens_of(next);
                let spaced = tokens.first().is_some_and(|t| is_post(t))
                    && tokens.iter().any(|t| !is_post(t) && is_personal_name(t));
                spaced || names_beside_a_post(next.trim_matches(is_space))
            }) {
                // `县委常委、常务副县长 张某某`, `县委常委、副县长张某某`: the first post is one more
                // title of the person the next part names.
                continue;
            }
            for name in join_single_characters(&tokens, &mut joined) {
                let name = person_named(&name).to_string();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    (names, joined)
}

/// The pieces of a part of a person cell between runs of spaces.
fn tokens_of(part: &str) -> Vec<&str> {
    part.split(is_space).filter(|t| !t.is_empty()).collect()
}

/// Whether `name` opens with a common surname (`欧阳` before `欧`).
pub fn starts_with_surname(name: &str) -> bool {
    // A bit per character (its code modulo 4,096): most characters are ruled out by one test,
    // and only a hit searches the list's text, which is all read for a character not in it.
    static BITS: LazyLock<[u64; 64]> = LazyLock::new(|| {
        let mut bits = [0u64; 64];
        for c in SURNAMES.chars() {
            let code = u32::from(c) as usize % 4096;
            bits[code / 64] |= 1 << (code % 64);
        }
        bits
    });
    let listed = |c: char| {
        let code = u32::from(c) as usize % 4096;
        BITS[code / 64] & (1 << (code % 64)) != 0 && SURNAMES.contains(c)
    };
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) || name.chars().next().is_some_and(listed)
}

/// The longest note in brackets after a person's name (`（镇城建办主任）`), in characters.
const NAME_NOTE_MAX_CHARS: usize = 20;

/// The person a printed name stands for: `张某某（镇城建办主任）` and `镇城建办主任张某某` are
/// 张某某, as the name is the person and the post a note on them; a post alone
/// (`各学校主要负责人`) or anything else stays as printed.
fn person_named(printed: &str) -> &str {
    let name = printed
        .strip_suffix(['）', ')'])
        .and_then(|inner| inner.rfind(['（', '(']).map(|open| &inner[..open]))
        .filter(|name| {
            let note = &printed[name.len()..];
            is_personal_name(name) && note.chars().count() <= NAME_NOTE_MAX_CHARS + 2
        })
        .unwrap_or(printed);
    // A post printed before the name, without a space: the name is the shortest end that is a
    // surname and one or two characters with a post just before it. A name is at most four
    // characters, so only the places before the last four are asked (a search of the text for
    // every post cost a table's reading a quarter of its time).
    let after_post = name
        .char_indices()
        .rev()
        .take(NAME_MAX_CHARS)
        .map(|(at, _)| &name[at..])
        .filter(|rest| is_personal_name(rest))
        .find(|rest| is_post(&name[..name.len() - rest.len()]));
    // A post printed after the name (`王某某副县长`): the name is the shortest start that is a
    // surname and one or two characters with exactly a post after it (`王某副县长` is 王某).
    // A post alone whose first characters pass for a name (`常务副县长`) stays.
    let before_post = || {
        if is_exactly_a_post(name) {
            return None;
        }
        name.char_indices()
            .skip(1)
            .take(NAME_MAX_CHARS)
            .map(|(at, _)| &name[..at])
            .filter(|start| is_personal_name(start))
            .find(|start| is_exactly_a_post(&name[start.len()..]))
    };
    after_post.or_else(before_post).unwrap_or(name)
}

/// `县长王某某` → (`王某某`, `县长`), `王某某副县长` → (`王某某`, `副县长`): a name and the post
/// printed against it, nothing else.
pub fn name_and_post(token: &str) -> Option<(&str, &str)> {
    let name = person_named(token);
    if name.len() == token.len() || !is_personal_name(name) {
        return None;
    }
    let post = token
        .strip_prefix(name)
        .or_else(|| token.strip_suffix(name))
        .unwrap_or(token);
    is_post(post).then_some((name, post))
}

/// `王某某副县长`, `副县长王某某`: a name and a post printed against it, no space between.
fn names_beside_a_post(token: &str) -> bool {
    let named = person_named(token);
    named.len() < token.len() && is_personal_name(named)
}

/// Whether `text` is one of the posts (`副县长`, `局长`), nothing more or less.
fn is_exactly_a_post(text: &str) -> bool {
    POSTS.is_one(text)
}

/// The most characters [`is_personal_name`] takes (a compound surname and two characters).
const NAME_MAX_CHARS: usize = 4;

/// A surname and one or two characters, nothing else.
pub fn is_personal_name(text: &str) -> bool {
    let count = text.chars().count();
    (2..=4).contains(&count) && text.chars().all(is_han) && starts_with_surname(text) && {
        let compound = COMPOUND_SURNAMES.iter().any(|s| text.starts_with(s));
        count <= if compound { 4 } else { 3 }
    }
}

/// A post standing alone among names (`副县长`, `县政府办主任`, `局长`), or a text that ends with
/// one, as the posts a name may follow without a space do.
pub fn is_post(token: &str) -> bool {
    POSTS.end(token)
}

/// The posts a name may stand beside, grouped by their last character.
static POSTS: LazyLock<Endings> =
    LazyLock::new(|| Endings::new(&[LEADER_POSTS, PERSON_POST_ENDINGS]));

fn join_single_characters(tokens: &[&str], joined: &mut Vec<Joined>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let single = token.chars().count() == 1 && token.chars().all(is_han);
        if single && i + 1 < tokens.len() && tokens[i + 1].chars().count() <= 2 {
            let name = format!("{token}{}", tokens[i + 1]);
            joined.push(Joined { name: name.clone() });
            out.push(name);
            i += 2;
            continue;
        }
        out.push(token.to_string());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_after_a_name_is_no_person() {
        let (names, _) = split_persons(&["赵立 副县长、钱文  县水务局局长、县政府各分管副县长"]);
        assert_eq!(names, ["赵立", "钱文", "县政府各分管副县长"]);
    }

    #[test]
    fn a_post_printed_against_a_name_is_no_part_of_it() {
        let (names, _) = split_persons(&["王某某副县长、李某局长、县委常委、副县长张某某"]);
        assert_eq!(names, ["王某某", "李某", "张某某"]);
        // A post with more after it, or a post alone, stays as printed.
        let (names, _) = split_persons(&["王某某县交通局局长、赵局长"]);
        assert_eq!(names, ["王某某县交通局局长", "赵局长"]);
    }

    #[test]
    fn a_post_noted_beside_a_name_is_no_part_of_it() {
        let (names, _) =
            split_persons(&["钱某某（县水务局副局长）、镇农办主任孙某、欧阳某某（挂职）"]);
        assert_eq!(names, ["钱某某", "孙某", "欧阳某某"]);
        // A post alone, or a group's head, stays as printed.
        let (names, _) = split_persons(&["县政府各分管副县长、各村（社区）主要负责人、赵局长"]);
        assert_eq!(
            names,
            ["县政府各分管副县长", "各村（社区）主要负责人", "赵局长"]
        );
    }

    #[test]
    fn a_key_and_its_value_run_on_after_the_names_are_no_person() {
        let (names, _) = split_persons(&["冯某；联络股室：镇党政办"]);
        assert_eq!(names, ["冯某"]);
    }

    #[test]
    fn spaced_out_name_is_one_person_and_runs_of_spaces_separate_others() {
        let (names, joined) = split_persons(&["周立成、吴海平、杨  帆、各部门主要负责人"]);
        assert_eq!(names, ["周立成", "吴海平", "杨帆", "各部门主要负责人"]);
        assert_eq!(
            joined,
            [Joined {
                name: "杨帆".into()
            }]
        );
        let (names, _) = split_persons(&["郑  宁                    周立成"]);
        assert_eq!(names, ["郑宁", "周立成"]);
    }

    #[test]
    fn fragment_line_finishes_the_line_before() {
        let (names, _) = split_persons(&["各部门负责人", "各村社区", "主要负责人"]);
        assert_eq!(names, ["各部门负责人", "各村社区主要负责人"]);
        let (names, _) = split_persons(&["市防汛抗旱指挥部各成员单位主要", "负责人"]);
        assert_eq!(names, ["市防汛抗旱指挥部各成员单位主要负责人"]);
    }

    #[test]
    fn posts_before_a_name_are_its_titles() {
        let names = |cell: &str| split_persons(&[cell]).0;
        assert_eq!(names("局长 郑某"), ["郑某"]);
        assert_eq!(names("县委常委、常务副县长 郑某某"), ["郑某某"]);
        assert_eq!(names("副县长 郑某、县政协副主席 吴某"), ["郑某", "吴某"]);
        // A post alone, and posts with no name after them, are the leaders as printed.
        assert_eq!(names("分管副县长"), ["分管副县长"]);
        assert_eq!(names("县委常委、常务副县长"), ["县委常委", "常务副县长"]);
    }
}
