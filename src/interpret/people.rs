//! Named leaders: `副区长祝莹负责…` in a division of work, `组长：周振海  市委副书记、代市长` in a
//! leading group, and A/B 角 pairs.

use crate::model::Person;
use crate::normalize::persons::{is_personal_name, starts_with_surname};
use crate::normalize::{is_han, is_space};
use crate::vocab::{COMPOUND_SURNAMES, LEADER_POSTS, LEADER_VERBS, SURNAMES};
use std::ops::Range;
use std::sync::LazyLock;

/// A leader named in a sentence, with the posts printed before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLeader {
    pub name: String,
    pub title: String,
}

/// The posts of `LEADER_POSTS` grouped by their first character (sorted, for a binary search),
/// each group longest first: where two start at one place the longer wins (常务副区长 over
/// 副区长). Read by hand rather than by an automaton: the literal automaton cost a short
/// notice's reading a tenth of its instructions to build, for sentences this short.
struct Posts {
    groups: Vec<(char, Vec<&'static str>)>,
    /// A bit per first character (its code modulo 128): most characters of a sentence are
    /// passed over on one test instead of a search of the groups.
    first_chars: u128,
}

fn first_char_bit(c: char) -> u128 {
    1 << (u32::from(c) % 128)
}

static POSTS: LazyLock<Posts> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<&str>)> = Vec::new();
    for &post in LEADER_POSTS {
        let Some(first) = post.chars().next() else {
            continue;
        };
        match groups.iter_mut().find(|(c, _)| *c == first) {
            Some((_, posts)) => posts.push(post),
            None => groups.push((first, vec![post])),
        }
    }
    for (_, posts) in &mut groups {
        posts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    groups.sort_by_key(|(c, _)| *c);
    let first_chars = groups
        .iter()
        .fold(0, |bits, (c, _)| bits | first_char_bit(*c));
    Posts {
        groups,
        first_chars,
    }
});

/// The leftmost post in `text[from..]`, the longest of those that start there.
fn find_post(text: &str, from: usize) -> Option<Range<usize>> {
    let posts = &*POSTS;
    text[from..].char_indices().find_map(|(at, c)| {
        if posts.first_chars & first_char_bit(c) == 0 {
            return None;
        }
        let group = posts
            .groups
            .binary_search_by_key(&c, |(first, _)| *first)
            .ok()?;
        let start = from + at;
        let rest = &text[start..];
        let post = posts.groups[group]
            .1
            .iter()
            .find(|p| rest.starts_with(**p))?;
        Some(start..start + post.len())
    })
}

/// Longest head before the colon of a leader's paragraph (`常务副县长 李某某：`), in characters.
const LEADER_HEAD_MAX_CHARS: usize = 30;

/// Whether a paragraph opens with a leader and a colon (`县长王某某：主持…`, `李某某副县长：…`):
/// an unnumbered block of a division of work.
pub fn opens_with_leader(paragraph: &str) -> bool {
    if is_leader_heading(paragraph) {
        return true;
    }
    let Some((at, colon)) = paragraph
        .char_indices()
        .take(LEADER_HEAD_MAX_CHARS + 1)
        .find(|(_, c)| matches!(c, '：' | ':'))
    else {
        return false;
    };
    // The shapes that end at the colon are read on the head alone; `王某某：主持…` needs the
    // verb after it.
    !leaders_in(&paragraph[..at + colon.len_utf8()]).is_empty()
        || name_colon_leader(paragraph).is_some()
}

/// A line that is nothing but a leader (`副镇长 钱某`), as it heads the paragraphs of the leader's
/// share; with a colon it is a list's member (`组长：县长 王某某`) unless a verb follows.
pub fn is_leader_heading(line: &str) -> bool {
    // The heading's shape first: it gives up on a long line within its first characters, where
    // a search for a colon would read the whole paragraph.
    heading_leader(line).is_some() && !line.contains(['：', ':'])
}

/// Finds the leaders a sentence names, by its shape rather than by a list of people:
/// `POST NAME VERB` (区委常委、常务副区长张某某分管…, 管委会副主任王某某：负责…),
/// `NAME（NOTE）POST：` at its start (李某某副主任：协助…, 赵某某（挂职）副区长：…) and
/// `POST：NAME（POSTS）` (链长：钱某某（区委常委、副区长）).
pub fn leaders_in(sentence: &str) -> Vec<NamedLeader> {
    let mut found: Vec<NamedLeader> = Vec::new();
    // Every shape holds a post, 同志 or a colon: most sentences are ruled out in one pass.
    let mut next_post = find_post(sentence, 0);
    if next_post.is_none() && !sentence.contains("同志") && !sentence.contains(['：', ':']) {
        return found;
    }
    if let Some(leader) = leader_before_post(sentence)
        .or_else(|| post_colon_leader(sentence))
        .or_else(|| comrade_leader(sentence))
        .or_else(|| name_colon_leader(sentence))
        .or_else(|| heading_leader(sentence))
        .or_else(|| post_colon_name(sentence))
    {
        found.push(leader);
    }
    // The leftmost post, the longest where several start together: one pass of the text.
    while let Some(post) = next_post {
        let after = post.end;
        // `县长 王某某：` prints a space between the post and the name.
        let named = sentence[after..].trim_start_matches(crate::normalize::is_white_space);
        if let Some(name) = name_before_verb(named) {
            let title = sentence[..after]
                .rsplit(['，', '。', '；', ','])
                .next()
                .unwrap_or("")
                .trim();
            if !found.iter().any(|l| l.name == name) {
                found.push(NamedLeader {
                    name: name.to_string(),
                    title: title.to_string(),
                });
            }
        }
        next_post = find_post(sentence, after);
    }
    found
}

/// `李某某副主任：…` / `赵某某（挂职）副区长：…` / `赵某某副区长（挂职）：…`: a name (the shortest
/// that a post follows), an optional bracketed note, a post, a note again, then a colon or a
/// division-of-work verb.
fn leader_before_post(sentence: &str) -> Option<NamedLeader> {
    // 常务副县长：… opens with a post whose first characters pass for a name (常务).
    if LEADER_POSTS.iter().any(|p| sentence.starts_with(p)) {
        return None;
    }
    name_ends(sentence).find_map(|end| {
        let mut rest = &sentence[end..];
        if let Some(inner) = rest.strip_prefix(['（', '(']) {
            let close = inner.find(['）', ')'])?;
            rest = inner[close..].trim_start_matches(['）', ')']);
        }
        let post = LEADER_POSTS
            .iter()
            .filter(|p| rest.starts_with(**p))
            .max_by_key(|p| p.len())?;
        // `张某副县长（挂职）：`: the note may follow the post as well.
        let after_post = skip_note(&rest[post.len()..]);
        LEADER_VERBS
            .iter()
            .any(|v| after_post.starts_with(v))
            .then(|| NamedLeader {
                name: sentence[..end].to_string(),
                title: post.to_string(),
            })
    })
}

/// Longest list of posts in brackets after `NAME同志` (`（县委常委、常务副县长）`), in characters.
const COMRADE_POSTS_MAX_CHARS: usize = 30;

/// The posts in brackets that open `rest` (`（县委常委、副县长）：…` → the posts and `：…`), or
/// none and `rest` itself; `None` for a bracket left open past the longest list of posts.
fn bracketed_posts(rest: &str) -> Option<(&str, &str)> {
    let Some(inner) = rest.strip_prefix(['（', '(']) else {
        return Some(("", rest));
    };
    let (at, close) = inner
        .char_indices()
        .take(COMRADE_POSTS_MAX_CHARS + 1)
        .find(|(_, c)| matches!(c, '）' | ')'))?;
    Some((&inner[..at], &inner[at + close.len_utf8()..]))
}

/// `王某某同志（县委常委、常务副县长）：负责…` / `钱某某同志：…`: a name (a surname and one or two
/// characters), 同志, optionally the posts in brackets, then a colon or a division-of-work verb.
fn comrade_leader(sentence: &str) -> Option<NamedLeader> {
    name_ends(sentence).find_map(|end| {
        let rest = sentence[end..].strip_prefix("同志")?;
        let (title, rest) = bracketed_posts(rest)?;
        let rest = rest.trim_start_matches(is_space);
        let opens_division =
            rest.starts_with(['：', ':']) || LEADER_VERBS.iter().any(|v| rest.starts_with(v));
        opens_division.then(|| NamedLeader {
            name: sentence[..end].to_string(),
            title: title.to_string(),
        })
    })
}

/// The longest note in brackets after a heading's leader (`（挂职）`), in characters.
const HEADING_NOTE_MAX_CHARS: usize = 8;
/// The longest heading read as a leader's name and posts alone, in characters.
const HEADING_LEADER_MAX_CHARS: usize = 30;

/// A heading that is nothing but a leader: `王某某 县长`, `县长：王某某`, `常务副县长 李某某`,
/// `县长王某某` (over the leader's duties as paragraphs).
fn heading_leader(head: &str) -> Option<NamedLeader> {
    let text = head.trim().trim_end_matches(['：', ':']).trim_end();
    // `副镇长 钱某（挂职）`: a short note after the name is no part of the heading's leader.
    let text = text
        .strip_suffix(['）', ')'])
        .and_then(|inner| inner.rsplit_once(['（', '(']))
        .filter(|(_, note)| note.chars().count() <= HEADING_NOTE_MAX_CHARS)
        .map_or(text, |(before, _)| before.trim_end());
    // Both shapes end their posts with a leader's post: most lines hold none.
    if text.chars().nth(HEADING_LEADER_MAX_CHARS).is_some()
        || text.contains(['，', '。', '；', ',', ';', '（', '('])
        || find_post(text, 0).is_none()
    {
        return None;
    }
    let ends_in_post = |posts: &str| LEADER_POSTS.iter().any(|p| posts.ends_with(p));
    // The name first, a space or 同志, then the posts (`冯某 镇长`, `王某某同志　县长`); or the
    // name and the posts run together (`李某某常务副县长`, `王某某县委常委、副县长`), where the name
    // ends where a whole post or a post of a level (县委常委) begins.
    let name_first = name_ends(text).find_map(|end| {
        let rest = &text[end..];
        let after_comrade = rest.strip_prefix("同志").unwrap_or(rest);
        let posts = after_comrade.trim_start_matches(is_space);
        let set_apart = posts.len() < rest.len();
        let run_together = || match posts.split_once('、') {
            None => LEADER_POSTS.contains(&posts),
            Some((first, _)) => first.starts_with(POST_LEVELS),
        };
        (!posts.is_empty()
            && !posts.contains(is_space)
            && ends_in_post(posts)
            && (set_apart || run_together()))
        .then(|| NamedLeader {
            name: text[..end].to_string(),
            title: posts.to_string(),
        })
    });
    name_first.or_else(|| {
        // The posts first, then the name alone at the end.
        LEADER_POSTS.iter().find_map(|post| {
            let at = text.rfind(post)? + post.len();
            let name =
                text[at..].trim_start_matches(|c: char| is_space(c) || matches!(c, '：' | ':'));
            is_personal_name(name).then(|| NamedLeader {
                name: name.to_string(),
                title: text[..at].trim().to_string(),
            })
        })
    })
}

/// The first characters of a post that names its level (县委常委, 镇党委委员, 市政府党组成员).
const POST_LEVELS: [char; 9] = ['县', '市', '区', '镇', '乡', '州', '省', '旗', '党'];

/// Verbs that open a leader's share of the work after `NAME：` (主持…, 负责…, 分管…).
const DIVISION_OPENERS: [&str; 7] = ["主持", "负责", "分管", "协助", "联系", "牵头", "统筹"];

/// `王某某：主持…` / `李某某（常务副县长）：负责…`: a name alone, its posts in brackets if
/// printed, a colon, and a verb that opens a share of the work (not `王某某：男，…`).
fn name_colon_leader(sentence: &str) -> Option<NamedLeader> {
    name_ends(sentence).find_map(|end| {
        let rest = &sentence[end..];
        let (title, rest) = bracketed_posts(rest)?;
        let duty = rest
            .trim_start_matches(is_space)
            .strip_prefix(['：', ':'])?
            .trim_start_matches(is_space);
        DIVISION_OPENERS
            .iter()
            .any(|v| duty.starts_with(v))
            .then(|| NamedLeader {
                name: sentence[..end].to_string(),
                title: title.to_string(),
            })
    })
}

/// Where a name at the start of `text` may end: a surname and one, then two, Chinese
/// characters (shortest first).
fn name_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    surname_len(text).into_iter().flat_map(move |surname| {
        text[surname..]
            .chars()
            .take(2)
            .take_while(|c| is_han(*c))
            .scan(surname, |end, c| {
                *end += c.len_utf8();
                Some(*end)
            })
    })
}

/// The longest post before the colon of a leader's head line (`分管日常工作的常务副县长：`).
const POST_COLON_MAX_CHARS: usize = 12;
/// The longest such line, in bytes: the post, the colon, a name and a note (`（挂职）`).
const POST_COLON_LINE_MAX_BYTES: usize = 32 * 3;

/// `县长：张某某` (or `副县长：李某（挂职）`) alone on its line: a post, a colon and a name, as a
/// head line over the paragraphs of the leader's share. A 领导小组's `组长：王某某` names a member.
fn post_colon_name(line: &str) -> Option<NamedLeader> {
    // A post, a name and a note are a short line: a paragraph is ruled out by its length.
    if line.len() > POST_COLON_LINE_MAX_BYTES {
        return None;
    }
    let (post, name) = line.trim().split_once(['：', ':'])?;
    let post = post.trim_matches(is_space);
    if post.chars().nth(POST_COLON_MAX_CHARS).is_some()
        || post.ends_with(GROUP_LEADER)
        || !LEADER_POSTS.iter().any(|p| post.ends_with(p))
    {
        return None;
    }
    let name = name.trim_matches(is_space);
    let name = match name.strip_suffix(['）', ')']) {
        Some(inner) => inner
            .rsplit_once(['（', '('])
            .map_or(name, |(before, _)| before),
        None => name,
    };
    let name = name
        .strip_suffix("同志")
        .unwrap_or(name)
        .trim_matches(is_space);
    is_personal_name(name).then(|| NamedLeader {
        name: name.to_string(),
        title: post.to_string(),
    })
}

/// The post of a group's leader (组长, 副组长): a member of a 领导小组, not a share of the work.
const GROUP_LEADER: &str = "组长";

/// Whether a line heads a leader's share as `县长：张某某`: the next line that is not blank is
/// a paragraph of its own, not another such line (a list of members) or a numbered item.
pub fn heads_share(lines: &[super::Line], index: usize) -> bool {
    use crate::document::numbering::parse_label;
    post_colon_name(&lines[index].text).is_some()
        && lines[index + 1..]
            .iter()
            .find(|n| !n.is_blank())
            .is_some_and(|n| {
                parse_label(&n.text).is_none()
                    && post_colon_name(&n.text).is_none()
                    && !is_leader_heading(&n.text)
            })
}

/// `链长：钱某某（区委常委、副区长）`: a short post, a colon, a name and the posts in brackets.
fn post_colon_leader(sentence: &str) -> Option<NamedLeader> {
    let (post, rest) = sentence.split_once(['：', ':'])?;
    let post = post.trim();
    let rest = rest.trim_start_matches(is_space);
    if post.chars().count() > 8 || !LEADER_POSTS.iter().any(|p| post.ends_with(p)) {
        return None;
    }
    let open = rest.find(['（', '('])?;
    let name = rest[..open].trim_matches(is_space);
    let count = name.chars().count();
    ((2..=4).contains(&count) && starts_with_surname(name) && name.chars().all(is_han)).then(|| {
        let posts = rest[open..].trim_matches(['（', '(', '）', ')']);
        // `（挂职）` is a note on the leader, not one more post.
        let title = match LEADER_POSTS.iter().any(|p| posts.contains(p)) {
            true => format!("{post}、{posts}"),
            false => post.to_string(),
        };
        NamedLeader {
            name: name.to_string(),
            title,
        }
    })
}

fn surname_len(text: &str) -> Option<usize> {
    COMPOUND_SURNAMES
        .iter()
        .find(|s| text.starts_with(**s))
        .map(|s| s.len())
        .or_else(|| {
            text.chars()
                .next()
                .filter(|c| SURNAMES.contains(*c))
                .map(char::len_utf8)
        })
}

/// A surname plus one or two characters, followed by a division-of-work verb.
fn name_before_verb(text: &str) -> Option<&str> {
    name_ends(text)
        .find(|&end| {
            // `赵某某（挂职）：`: a note on the name may stand before the verb.
            let next = skip_note(&text[end..]);
            LEADER_VERBS.iter().any(|v| next.starts_with(v)) || next.starts_with("同志")
        })
        .map(|end| &text[..end])
}

/// Longest note in brackets after a leader's name (`（挂职）`, `（兼）`), in characters.
const NAME_NOTE_MAX_CHARS: usize = 8;

/// `text` after a short bracketed note that opens it, or `text` itself.
fn skip_note(text: &str) -> &str {
    let Some(inner) = text.strip_prefix(['（', '(']) else {
        return text;
    };
    inner
        .char_indices()
        .take(NAME_NOTE_MAX_CHARS + 1)
        .find(|(_, c)| matches!(c, '）' | ')'))
        .map_or(text, |(at, c)| &inner[at + c.len_utf8()..])
}

/// Words one of which a member's post holds (副市长, 市委书记, 办公室主任…).
const MEMBER_POST_WORDS: [&str; 8] = ["长", "书记", "主任", "委员", "常委", "主席", "部长", "局长"];

/// Longest role label before a member's name (`副组长：`), in characters.
const MEMBER_ROLE_MAX_CHARS: usize = 6;

/// `副组长:刘庆帅  市委常委、副市长` or a continuation line `王殿玉  副市长`: an optional role
/// label and colon, a name of 2–4 characters, a gap (two spaces or more, or ideographic
/// spaces), then a post without spaces to the end of the line. Returns name and post.
fn name_gap_post(line: &str) -> Option<(&str, &str)> {
    // The label, if there is one, ends at the first colon within its reach.
    let labelled = line
        .char_indices()
        .take(MEMBER_ROLE_MAX_CHARS + 1)
        .find(|(_, c)| !(is_han(*c) || crate::normalize::is_white_space(*c)))
        .filter(|(_, c)| matches!(c, ':' | '：'))
        .map(|(at, c)| {
            line[at + c.len_utf8()..].trim_start_matches(crate::normalize::is_white_space)
        });
    labelled
        .and_then(name_gap_post_at)
        .or_else(|| name_gap_post_at(line))
}

fn name_gap_post_at(text: &str) -> Option<(&str, &str)> {
    let name_end = text.find(|c: char| !is_han(c)).unwrap_or(text.len());
    let name = &text[..name_end];
    if !(2..=4).contains(&name.chars().count()) {
        return None;
    }
    let rest = &text[name_end..];
    let post = rest.trim_start_matches(crate::normalize::is_white_space);
    let gap = &rest[..rest.len() - post.len()];
    let wide = gap.chars().count() >= 2 || gap == "\u{3000}";
    let is_post = !post.is_empty()
        && !post.contains(crate::normalize::is_white_space)
        && MEMBER_POST_WORDS.iter().any(|w| post.contains(w));
    (wide && is_post).then_some((name, post))
}

/// Two white-space characters in a row, or an ideographic space.
fn has_wide_gap(line: &str) -> bool {
    let mut previous_space = false;
    line.chars().any(|c| {
        let space = crate::normalize::is_white_space(c);
        let gap = c == '\u{3000}' || (previous_space && space);
        previous_space = space;
        gap
    })
}

/// A member of a leading group listed on its own line.
pub fn member_line(line: &str) -> Option<Person> {
    // Name and post are set apart by white space: other lines never compile the pattern.
    if !has_wide_gap(line) {
        return None;
    }
    let (name, post) = name_gap_post(line)?;
    if !starts_with_surname(name) {
        return None;
    }
    Some(Person {
        name: name.to_string(),
        title: Some(post.trim_matches(is_space).to_string()),
        backup: None,
    })
}

/// `其中,李先勇和刘辉、陈晓红和祝莹互为A、B角` → the pairs.
pub fn backup_pairs(sentence: &str) -> Vec<(String, String)> {
    let Some(end) = sentence.find("互为") else {
        return Vec::new();
    };
    let start = sentence[..end]
        .rfind("其中")
        .map(|i| i + "其中".len())
        .unwrap_or(0);
    sentence[start..end]
        .split(['、', '，', ',', '；', ';'])
        .filter_map(|pair| {
            let (a, b) = pair.trim().split_once(['和', '与'])?;
            let (a, b) = (a.trim(), b.trim());
            (starts_with_surname(a)
                && starts_with_surname(b)
                && (2..=4).contains(&a.chars().count())
                && (2..=4).contains(&b.chars().count()))
            .then(|| (a.to_string(), b.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn a_heading_of_a_name_and_posts_alone_names_the_leader() {
        let read = |s: &str| heading_leader(s).map(|l| (l.name, l.title));
        let pair = |n: &str, t: &str| Some((n.to_string(), t.to_string()));
        assert_eq!(read("冯某某 副镇长"), pair("冯某某", "副镇长"));
        assert_eq!(
            read("冯某某　镇党委委员、副镇长"),
            pair("冯某某", "镇党委委员、副镇长")
        );
        assert_eq!(read("副镇长：冯某"), pair("冯某", "副镇长"));
        assert_eq!(read("常务副镇长 冯某某"), pair("冯某某", "常务副镇长"));
        let names =
            |s: &str| -> Vec<String> { leaders_in(s).into_iter().map(|l| l.name).collect() };
        assert_eq!(names("常务副镇长：冯某某"), ["冯某某"]);
        assert_eq!(read("镇长冯某某"), pair("冯某某", "镇长"));
        assert_eq!(read("副镇长 冯某（挂职）"), pair("冯某", "副镇长"));
        // 同志 before the posts, or the posts run on after the name, ending in a whole post.
        assert_eq!(read("冯某某同志　镇长"), pair("冯某某", "镇长"));
        assert_eq!(read("冯某某常务副镇长"), pair("冯某某", "常务副镇长"));
        assert_eq!(read("冯某副镇长（挂职）"), pair("冯某", "副镇长"));
        assert_eq!(
            read("冯某某镇党委委员、副镇长"),
            pair("冯某某", "镇党委委员、副镇长")
        );
        assert_eq!(read("冯某某副镇长职责"), None);
        assert_eq!(
            read("冯某某县委常委、常务副县长"),
            pair("冯某某", "县委常委、常务副县长")
        );
        assert_eq!(names("冯某某县委常委、常务副县长"), ["冯某某"]);
        assert_eq!(names("吴某某县委常委、常务副县长"), ["吴某某"]);
        assert!(opens_with_leader("副镇长 冯某（挂职）"));
        assert!(!opens_with_leader("组长：县长 冯某某"));
        // Words, not a leader; a post alone; a sentence.
        assert_eq!(read("加强组织领导"), None);
        assert_eq!(read("副镇长职责"), None);
        assert_eq!(read("镇长主持全面工作，负责财政"), None);
    }

    #[test]
    fn a_name_alone_before_a_colon_and_a_share_of_work_names_the_leader() {
        let leader = name_colon_leader("钱某某：主持镇政府全面工作。").unwrap();
        assert_eq!(
            (leader.name.as_str(), leader.title.as_str()),
            ("钱某某", "")
        );
        let leader = name_colon_leader("孙某（常务副镇长）：负责镇政府常务工作。").unwrap();
        assert_eq!(
            (leader.name.as_str(), leader.title.as_str()),
            ("孙某", "常务副镇长")
        );
        assert!(name_colon_leader("周某某：男，汉族，1980年生。").is_none());
        assert!(name_colon_leader("联系人：负责对接").is_none());
        assert!(opens_with_leader("吴某某：分管农业农村工作。"));
    }

    #[test]
    fn a_space_or_a_note_beside_the_name_still_names_the_leader() {
        let names =
            |s: &str| -> Vec<String> { leaders_in(s).into_iter().map(|l| l.name).collect() };
        assert_eq!(names("常务副县长 李某某：负责县政府常务工作"), ["李某某"]);
        assert_eq!(names("副县长赵某某（挂职）：负责招商引资工作"), ["赵某某"]);
        assert!(names("副县长（挂职干部）负责招商").is_empty());
    }

    #[test]
    fn a_leader_called_comrade_is_named_with_the_posts_in_brackets() {
        let leaders = leaders_in("孙某某同志（县委常委、副县长）：负责政法工作");
        assert_eq!(leaders.len(), 1);
        assert_eq!(leaders[0].name, "孙某某");
        assert_eq!(leaders[0].title, "县委常委、副县长");
        let leaders = leaders_in("周某同志：负责文化旅游工作");
        assert_eq!(leaders[0].name, "周某");
        assert!(opens_with_leader("吴某某同志：负责应急管理工作。"));
        assert_eq!(leaders_in("吴某某同志 负责应急管理工作")[0].name, "吴某某");
        // A comrade mentioned in passing does not head a division.
        assert!(leaders_in("王某某同志的先进事迹值得学习").is_empty());
    }

    #[test]
    fn a_post_a_colon_and_a_name_alone_head_the_leaders_share() {
        let lines = crate::interpret::lines_of(
            "县长：张某某\n主持全面工作。\n副县长：李某（挂职）\n负责教育工作。\n\
             组长：王某某\n负责统筹。\n主任：赵某\n副主任：钱某\n",
        );
        let heads: Vec<bool> = (0..lines.len()).map(|i| heads_share(&lines, i)).collect();
        assert_eq!(
            heads,
            [true, false, true, false, false, false, false, false],
            "a group's 组长 and a list of members head no share"
        );
        let named: Vec<(String, String)> = leaders_in("副县长：李某（挂职）")
            .into_iter()
            .map(|l| (l.name, l.title))
            .collect();
        assert_eq!(named, [("李某".to_string(), "副县长".to_string())]);
    }

    #[test]
    fn a_paragraph_opening_with_a_leader_and_a_colon_heads_a_division() {
        assert!(opens_with_leader("县长 王某某：主持县政府全面工作。"));
        assert!(opens_with_leader("李某某副县长：协助县长负责财政工作。"));
        assert!(!opens_with_leader(
            "经研究，现将县政府领导工作分工调整如下："
        ));
        assert!(!opens_with_leader("各乡镇人民政府，县直各单位："));
    }

    #[test]
    fn posts_are_found_as_their_old_expression_found_them() {
        let mut posts: Vec<&str> = LEADER_POSTS.to_vec();
        posts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let oracle = Regex::new(&posts.join("|")).unwrap();
        let sample: Vec<&str> = LEADER_POSTS
            .iter()
            .copied()
            .chain(["，", "张三", "常务", "副"])
            .collect();
        let parts: [&[&str]; 4] = [&sample, &sample, &sample, &sample];
        for text in crate::test_samples::lines(&parts, 5_000) {
            let expected: Vec<_> = oracle.find_iter(&text).map(|m| m.range()).collect();
            let got: Vec<_> =
                std::iter::successors(find_post(&text, 0), |post| find_post(&text, post.end))
                    .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn member_lines_are_read_as_their_old_expression_read_them() {
        let oracle = Regex::new(r"^(?:[\p{Han}\s]{0,6}[:：]\s*)?(\p{Han}{2,4})(?:\s{2,}|\u{3000}+)(\S*(?:长|书记|主任|委员|常委|主席|部长|局长)\S*)$").unwrap();
        let parts: [&[&str]; 6] = [
            &[
                "",
                "组长：",
                "副组长:",
                " 成员： ",
                "办公室主任兼副组长：",
                "1：",
            ],
            &["张三", "欧阳明月", "王", "李四五六七", "张三A"],
            &["  ", "\u{3000}", " ", "", "\u{3000}\u{3000}", " \t"],
            &["市委常委、", "", "县", "A"],
            &["副市长", "书记", "主任", "委员", "科员", "局长助理", ""],
            &["", " ", "（兼）", " 兼局长"],
        ];
        let mut members = 0;
        for line in crate::test_samples::lines(&parts, 8_000) {
            let expected = oracle
                .captures(&line)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
            assert_eq!(name_gap_post(&line), expected, "{line:?}");
            members += usize::from(expected.is_some());
        }
        assert!(members > 500 && members < 7_500, "both outcomes: {members}");
    }

    #[test]
    fn leaders_worded_otherwise() {
        let names = |s: &str| {
            leaders_in(s)
                .into_iter()
                .map(|l| l.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("党工委委员、管委会副主任王某某：负责指导区发改局工作"),
            ["王某某"]
        );
        assert_eq!(names("李某某副主任：协助分管区教育局"), ["李某某"]);
        assert_eq!(names("赵某某（挂职）副区长：负责招商引资"), ["赵某某"]);
        assert_eq!(names("赵某某副区长（挂职）：负责招商引资"), ["赵某某"]);
        assert_eq!(names("链长：钱某某（区委常委、副区长）"), ["钱某某"]);
        assert_eq!(names("王明副区长负责交通"), ["王明"]);
        assert!(names("主任委员会议研究决定").is_empty());
    }

    #[test]
    fn leader_names_follow_posts_and_precede_verbs() {
        let found = leaders_in("区委常委、区人民政府常务副区长李先勇分管全区安全生产工作");
        assert_eq!(
            found,
            [NamedLeader {
                name: "李先勇".into(),
                title: "区委常委、区人民政府常务副区长".into()
            }]
        );
        assert_eq!(leaders_in("副区长祝莹负责自然资源")[0].name, "祝莹");
        assert_eq!(
            leaders_in("区委副书记、区长刘润长对全区安全生产工作负总责")[0].name,
            "刘润长"
        );
        assert!(leaders_in("区长或者分管安全生产工作的党组成员（副区长）至少每季度").is_empty());
        assert!(leaders_in("区长负责全面贯彻落实").is_empty());
    }

    #[test]
    fn members_of_a_leading_group() {
        let p = member_line("常务副组长: 王树军  市委常委、常务副市长").unwrap();
        assert_eq!(
            (p.name.as_str(), p.title.as_deref()),
            ("王树军", Some("市委常委、常务副市长"))
        );
        assert_eq!(
            member_line("由万庆  市安委办主任、市应急管理局局长")
                .unwrap()
                .name,
            "由万庆"
        );
        assert!(member_line("员:各镇政府主要领导,市安委会成员单位主要负责人。").is_none());
    }

    #[test]
    fn ab_pairs() {
        let pairs = backup_pairs(
            "因实际工作需要，领导同志之间实行角工作代理。其中,李先勇和刘辉、陈晓红和祝莹互为角。",
        );
        assert_eq!(
            pairs,
            [
                ("李先勇".to_string(), "刘辉".to_string()),
                ("陈晓红".to_string(), "祝莹".to_string())
            ]
        );
    }
}
