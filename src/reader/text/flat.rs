//! Text flattened onto very long lines (a crawler's page text, some PDF viewers' copy) is split
//! back into paragraphs where its shape shows them:
//! - a 公文 number after a sentence end (。；：！？ or a space) starts a paragraph, and so does a
//!   number that continues the numbering already open (`…各区属国企4.推进…` after `3.`), or
//!   opens a level inside it (`二、主要任务（一）…`); a number inside 《》 or “” does not;
//! - a space between two sentences of a page (`…请遵照执行。 平潭…`) ends a paragraph;
//! - a closing bracket followed by a short sentence of its own (`…（区环保局牵头）强化监测。…`)
//!   ends one, as each measure of a plan ends with its bracket; so does a bracket standing after
//!   a finished sentence (`…完成评价。（区环保局牵头）研究建立…，…`), which remarks on what
//!   went before rather than on a word inside a sentence;
//! - a signature date ends one (`…2021年3月29日平潭…方案`);
//! - a 文号 that opens a paragraph ends it, as it stands on its own line above the title
//!   (`岚综管综〔2015〕278号某区关于…的通知`).
//!
//! Lines of ordinary length, and long lines without that shape, pass unchanged.

use super::clean::Line;
use super::flat_table;
use crate::document::numbering::{LabelKind, is_chinese_digit, is_doc_number, parse_label};
use crate::normalize::is_han;
use crate::vocab::{
    ADDRESSEE_ENDINGS, ADDRESSEE_MODALS, ASSIGNMENT_LINE_KEYS, MEASURE_OPENERS, MODAL_LOOKALIKES,
};

/// A line at least this long (in characters) may be flattened text.
const FLATTENED_MIN_CHARS: usize = 500;
/// …and it is, when this many numbers follow a sentence end in it.
const FLATTENED_MIN_NUMBERS: usize = 3;
/// A line at least this long (in characters) whose sentences are set apart by spaces…
const SPACED_MIN_CHARS: usize = 150;
/// …this many times is flattened text too.
const SPACED_MIN_GAPS: usize = 3;
/// A sentence this short (in characters), with no comma, reads as a measure's own heading.
const HEADING_SENTENCE_MAX_CHARS: usize = 25;

const SENTENCE_ENDS: &[char] = &['。', '；', '：', '！', '？', ';', ':'];

/// Returns the lines with every flattened line split into paragraphs, and the tables flattened
/// onto a line cut back into rows.
pub fn unflatten(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let table = match line.cells {
            Some(_) => None,
            None => flat_table::find(&line.text),
        };
        if table.is_none() && !is_flattened(&line) {
            let items = match line.cell_start {
                true => Vec::new(),
                false => run_on_list_points(&line.text),
            };
            if items.is_empty() {
                out.push(line);
            } else {
                let bounds = std::iter::once(0).chain(items).chain([line.text.len()]);
                let bounds: Vec<usize> = bounds.collect();
                for pair in bounds.windows(2) {
                    out.push(text_line(
                        line.no,
                        line.text[pair[0]..pair[1]].trim().to_string(),
                    ));
                }
            }
            continue;
        }
        let mut rest = line.text.as_str();
        let mut next = table;
        while let Some(table) = next {
            // A table flattened onto the line shows the text around it is flattened too.
            split_paragraphs(&mut out, line.no, &rest[..table.start]);
            for cells in table.rows {
                // A row's text is its cells, as a row printed on a line of its own gives it.
                let mut row = text_line(line.no, cells.join("\t"));
                row.cells = Some(cells);
                out.push(row);
            }
            rest = &rest[table.end..];
            next = flat_table::find(rest);
        }
        if rest.len() < line.text.len() {
            split_paragraphs(&mut out, line.no, rest);
        } else {
            push_paragraphs(&mut out, line.no, rest);
        }
    }
    out
}

/// Where the items after the first of a numbered list run onto one line start (`1.开展…；2.开展…；
/// 3.…`, `（一）…。（二）…`): the line opens with a task's label, and each next number of its
/// kind follows a stop outside brackets. A list of another kind inside the item (`（一）…1.…2.…`)
/// is the item's own and stays.
fn run_on_list_points(text: &str) -> Vec<usize> {
    let Some(first) = parse_label(text).filter(|l| RUN_ON_LIST_KINDS.contains(&l.kind)) else {
        return Vec::new();
    };
    // Most labelled lines hold one item: no stop in them is followed by a number.
    let stops = || {
        memchr::memmem::find_iter(text.as_bytes(), "。")
            .chain(memchr::memmem::find_iter(text.as_bytes(), "；"))
            .chain(memchr::memchr_iter(b';', text.as_bytes()))
    };
    let numbered_after = |at: usize| {
        text[at..]
            .chars()
            .skip(1)
            .find(|c| !c.is_whitespace())
            .is_some_and(may_start_label)
    };
    if !stops().any(numbered_after) {
        return Vec::new();
    }
    let mut points = Vec::new();
    let mut expected = first.value + 1;
    let mut depth = 0usize;
    for (i, c) in text.char_indices().skip_while(|(i, _)| *i < first.len) {
        match c {
            '（' | '(' | '《' | '“' => depth += 1,
            '）' | ')' | '》' | '”' => depth = depth.saturating_sub(1),
            '。' | '；' | ';' if depth == 0 => {
                let after = &text[i + c.len_utf8()..];
                let rest = after.trim_start();
                if parse_label(rest).is_some_and(|l| l.kind == first.kind && l.value == expected) {
                    points.push(text.len() - rest.len());
                    expected += 1;
                }
            }
            _ => {}
        }
    }
    points
}

/// The kinds of label whose lists are tasks, split where they run onto one line.
const RUN_ON_LIST_KINDS: [LabelKind; 2] = [LabelKind::Arabic, LabelKind::ParenChinese];

/// A line of text read from line `no` of the file, no table row.
fn text_line(no: usize, text: String) -> Line {
    // Every field named: `..line.clone()` would copy the whole flat line per part.
    Line {
        no,
        text,
        cells: None,
        cell_start: false,
        lost_label: false,
        indent: 0,
    }
}

/// Adds `text` as paragraphs: split where its shape shows them when it is flattened, else whole.
fn push_paragraphs(out: &mut Vec<Line>, no: usize, text: &str) {
    let text = text.trim();
    if is_flattened_text(text) {
        split_paragraphs(out, no, text);
    } else if !text.is_empty() {
        out.push(text_line(no, text.to_string()));
    }
}

/// Adds flattened `text` as the paragraphs its shape shows.
fn split_paragraphs(out: &mut Vec<Line>, no: usize, text: &str) {
    for part in split_points(text)
        .windows(2)
        .map(|w| text[w[0]..w[1]].trim())
    {
        if !part.is_empty() {
            out.push(text_line(no, part.to_string()));
        }
    }
}

fn is_flattened(line: &Line) -> bool {
    line.cells.is_none() && is_flattened_text(&line.text)
}

fn is_flattened_text(text: &str) -> bool {
    if text.len() < SPACED_MIN_CHARS * 3 {
        return false;
    }
    let chars = text.chars().count();
    (chars >= FLATTENED_MIN_CHARS && has_numbers_after_sentence_ends(text, FLATTENED_MIN_NUMBERS))
        || (chars >= SPACED_MIN_CHARS && spaced_sentences(text) >= SPACED_MIN_GAPS)
}

/// How many sentences of `text` end with a stop and a space before the next (`…全面工作。 吴某某…`):
/// a page's paragraphs joined by a crawler where nothing is numbered (a division of work, duties
/// by department), each still closed by its stop.
fn spaced_sentences(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, "。".as_bytes())
        .filter(|&at| {
            let rest = &text[at + "。".len()..];
            let after_space = rest.trim_start_matches([' ', '\u{3000}']);
            after_space.len() < rest.len() && after_space.starts_with(is_han)
        })
        .count()
}

/// Whether at least `least` numbering labels follow a sentence end (counting stops there), or
/// the bracket of a remark after one (`…加强监管。（区应急局牵头）2.推进…`), where
/// [`split_points`] starts a paragraph too.
fn has_numbers_after_sentence_ends(text: &str, least: usize) -> bool {
    let mut count = 0;
    let mut previous = None;
    // Brackets open, and whether the outermost opened after a finished sentence.
    let (mut paren_depth, mut remark) = (0usize, false);
    let mut after_remark = false;
    for (i, c) in text.char_indices() {
        if is_plain_han(c) {
            after_remark = false;
            previous = Some(c);
            continue;
        }
        let at_start = previous.is_some_and(|p: char| SENTENCE_ENDS.contains(&p) || p == ' ');
        if (at_start || after_remark) && may_start_label(c) && parse_label(&text[i..]).is_some() {
            count += 1;
            if count >= least {
                return true;
            }
        }
        after_remark = false;
        match c {
            '（' | '(' => {
                if paren_depth == 0 {
                    remark = previous == Some('。');
                }
                paren_depth += 1;
            }
            '）' | ')' if paren_depth > 0 => {
                paren_depth -= 1;
                after_remark = paren_depth == 0 && remark;
            }
            _ => {}
        }
        previous = Some(c);
    }
    false
}

/// Byte offsets where paragraphs start, with 0 first and the text's length last. One pass.
fn split_points(text: &str) -> Vec<usize> {
    let mut points = vec![0];
    // Open numbering levels, outermost first, with the last value printed at each; and the last
    // value of each kind ever printed, since plans often number measures on across headings.
    let mut open: Vec<(LabelKind, u32)> = Vec::new();
    let mut last: Vec<(LabelKind, u32)> = Vec::new();
    let mut quote_depth = 0usize;
    let mut previous: Option<char> = None;
    let mut paren_depth = 0usize;
    // Whether the outermost open bracket stands after a finished sentence (`。（`).
    let mut bracket_after_sentence = false;
    // The byte offset just after the bracket of such a remark closed, where a number starts a
    // paragraph as after a sentence end (`…完成评价。（区环保局牵头）3．…`).
    let mut remark_closed_at: Option<usize> = None;
    // A label's own bracket (the ） of （一）) closes no sentence.
    let mut label_end = 0;
    for (i, c) in text.char_indices() {
        if is_plain_han(c) {
            previous = Some(c);
            continue;
        }
        let end = i + c.len_utf8();
        let next = || text[end..].chars().next();
        match c {
            '《' | '“' | '「' => quote_depth += 1,
            '》' | '”' | '」' => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        let at_start = previous.is_none_or(|p| SENTENCE_ENDS.contains(&p) || p == ' ')
            || (previous == Some('）') && remark_closed_at == Some(i));
        let digit_before = previous.is_some_and(|p| p.is_ascii_digit() || p.is_ascii_alphabetic());
        if quote_depth == 0
            && paren_depth == 0
            && !digit_before
            && may_start_label(c)
            && let Some(label) = parse_label(&text[i..])
        {
            let level = open.iter().position(|(kind, _)| *kind == label.kind);
            let previous_value = last.iter().find(|(k, _)| *k == label.kind).map(|(_, v)| *v);
            let continues = previous_value.is_some_and(|v| label.value == v + 1);
            let opens_level = level.is_none() && label.value == 1;
            if at_start || continues || opens_level {
                if let Some(l) = level {
                    open.truncate(l);
                }
                open.push((label.kind, label.value));
                last.retain(|(k, _)| *k != label.kind);
                last.push((label.kind, label.value));
                push_point(&mut points, i);
                label_end = i + label.len;
            }
        }
        match c {
            '（' | '(' if i >= label_end => {
                if paren_depth == 0 {
                    bracket_after_sentence = previous.is_some_and(|p| p == '。');
                }
                paren_depth += 1;
            }
            '）' | ')' if i >= label_end => {
                paren_depth = paren_depth.saturating_sub(1);
                if paren_depth == 0 && quote_depth == 0 {
                    let rest = &text[end..];
                    if bracket_after_sentence {
                        remark_closed_at = Some(end);
                    }
                    let remark_ends_paragraph = bracket_after_sentence
                        && rest.chars().next().is_some_and(is_han)
                        && !addresses_a_party(rest);
                    if remark_ends_paragraph || starts_with_heading_sentence(rest) {
                        push_point(&mut points, end);
                    }
                }
            }
            ' ' | '\u{3000}' => {
                // `发布时间：2027-02-01 县林业局：…`: a page's date ends its line too; the space
                // after a key's colon (`责任单位： 县交通局`) stands before the key's value.
                let ends_sentence = previous.is_some_and(|p| {
                    is_han(p) || matches!(p, '。' | '！' | '？' | '：' | '）' | '》' | '”' | '号')
                }) && !ends_with_key(&text[..i])
                    || ends_with_numeric_date(&text[..i]);
                if ends_sentence && next().is_some_and(|n| is_han(n) || n.is_ascii_digit()) {
                    push_point(&mut points, i);
                }
            }
            '号' if paren_depth == 0 && quote_depth == 0 => {
                let opens = points.last().is_some_and(|start| {
                    is_doc_number(text[*start..end].trim_start_matches([' ', '\u{3000}']))
                });
                let title_follows = next().is_some_and(is_han);
                if opens && title_follows {
                    push_point(&mut points, end);
                }
            }
            '日' => {
                if let Some(start) = signature_date_start(&text[..end]) {
                    push_point(&mut points, start);
                    push_point(&mut points, end);
                }
            }
            _ => {}
        }
        previous = Some(c);
    }
    points.push(text.len());
    points
}

/// Whether `text` ends with an assignment key and its colon (`…责任单位：`), whose value follows.
fn ends_with_key(text: &str) -> bool {
    let Some(before) = text.strip_suffix(['：', ':']) else {
        return false;
    };
    ASSIGNMENT_LINE_KEYS
        .iter()
        .any(|(key, _)| before.ends_with(key))
}

/// Whether `text` ends with a date written in figures (`2027-02-01`, `2027/2/1`, `2027.02.01`).
fn ends_with_numeric_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    // The figures that end at `end`, up to `max` of them: how many.
    let digits_before = |end: usize, max: usize| {
        bytes[..end]
            .iter()
            .rev()
            .take(max + 1)
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    for (min, max) in [(1, 2), (1, 2)] {
        let n = digits_before(end, max);
        if !(min..=max).contains(&n)
            || end <= n
            || !matches!(bytes[end - n - 1], b'-' | b'/' | b'.')
        {
            return false;
        }
        end -= n + 1;
    }
    digits_before(end, 4) == 4
}

/// A Chinese character that plays no part in [`split_points`]: no numeral, no 第 (labels), no
/// 号 (文号) or 日 (dates). Most characters of a notice are such, and are passed over at once.
fn is_plain_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        && !matches!(c, '号' | '日' | '第')
        && !is_chinese_digit(c)
}

/// Whether a character can open a 公文 number, so the label grammar runs only where one may start.
fn may_start_label(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || ('①'..='⑳').contains(&c)
        || ('⑴'..='⒛').contains(&c)
        || ('㈠'..='㈩').contains(&c)
        || matches!(c, '（' | '(' | '第')
        || is_chinese_digit(c)
}

fn push_point(points: &mut Vec<usize>, at: usize) {
    if points.last().is_some_and(|last| *last < at) {
        points.push(at);
    }
}

/// `重点排污单位应依法公开…，…`: a first clause whose subject is a party told what it must do. Such
/// a sentence goes on with the measure before it (a measure opens with what is to be done, or
/// with its heading), so the remark bracket before it closes no paragraph.
fn addresses_a_party(rest: &str) -> bool {
    if MEASURE_OPENERS.iter().any(|verb| rest.starts_with(verb)) {
        return false;
    }
    let clause_end = rest
        .find(['，', '。', '；', ',', ';'])
        .unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    clause.char_indices().skip(1).any(|(i, _)| {
        ADDRESSEE_ENDINGS.iter().any(|party| {
            let Some(after) = clause[i..].strip_prefix(party) else {
                return false;
            };
            ADDRESSEE_MODALS.iter().any(|m| after.starts_with(m))
                && !MODAL_LOOKALIKES.iter().any(|w| after.starts_with(w))
        })
    })
}

/// `强化监测。…`: a sentence of a few words without a comma, as a measure's heading is.
fn starts_with_heading_sentence(rest: &str) -> bool {
    // Only as far as a heading sentence could reach: the stop after a long sentence is not
    // looked for (a search to the end of the line at every bracket made long lines quadratic).
    let reach = rest
        .char_indices()
        .nth(HEADING_SENTENCE_MAX_CHARS + 1)
        .map_or(rest.len(), |(at, _)| at);
    let Some(end) = rest[..reach].find('。') else {
        return false;
    };
    let sentence = &rest[..end];
    let len = sentence.chars().count();
    (2..=HEADING_SENTENCE_MAX_CHARS).contains(&len)
        && sentence.chars().next().is_some_and(is_han)
        && !sentence.contains(['，', ',', '；', '：', '（', '）', '、'])
}

/// Where a signature date (`2021年3月29日`) that ends `text` starts, when it stands after an
/// issuer's name or a space rather than inside a sentence.
fn signature_date_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Walk back over 日, the day, 月, the month, 年 and four digits.
    let mut at = text.len() - '日'.len_utf8();
    let digits_back = |at: &mut usize, min: usize, max: usize| -> bool {
        let mut n = 0;
        while *at > 0 && bytes[*at - 1].is_ascii_digit() && n < max {
            *at -= 1;
            n += 1;
        }
        n >= min
    };
    if !digits_back(&mut at, 1, 2) || !text[..at].ends_with('月') {
        return None;
    }
    at -= '月'.len_utf8();
    if !digits_back(&mut at, 1, 2) || !text[..at].ends_with('年') {
        return None;
    }
    at -= '年'.len_utf8();
    if !digits_back(&mut at, 4, 4) {
        return None;
    }
    let before = text[..at].chars().next_back();
    let after_issuer = crate::vocab::ISSUER_ENDINGS
        .iter()
        .any(|e| text[..at].ends_with(e));
    (before.is_none_or(|b| b == ' ') || after_issuer).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        let line = Line {
            no: 1,
            cell_start: false,
            lost_label: false,
            text: text.to_string(),
            cells: None,
            indent: 0,
        };
        unflatten(vec![line]).into_iter().map(|l| l.text).collect()
    }

    fn long(text: &str) -> String {
        // Padding that reads as one more sentence, so the line is long enough to be flattened.
        format!("{text}{}", "坚持问题导向，推动工作落实。".repeat(80))
    }

    #[test]
    fn a_crawled_page_is_split_at_its_numbers_spaces_and_signature() {
        let text = long(
            "当前位置：首页 > 政务公开 某区办公室关于印发方案的通知 时间：2024-03-01 各单位：现印发给你们。 某区办公室2024年2月28日某区工作方案 一、工作目标以质量为先。二、主要任务（一）经营提升1.明确目标。制定计划。责任单位：各区属国企2.聚焦主业。责任单位：区国资局（二）产业提升3.拓展项目。三、保障措施。",
        );
        let p = paragraphs(&text);
        for expected in [
            "某区办公室",
            "2024年2月28日",
            "某区工作方案",
            "一、工作目标以质量为先。",
            "二、主要任务",
            "（一）经营提升",
            "1.明确目标。制定计划。责任单位：各区属国企",
            "2.聚焦主业。责任单位：区国资局",
            "（二）产业提升",
        ] {
            assert!(p.iter().any(|x| x == expected), "{expected} not in {p:?}");
        }
        assert!(p.iter().any(|x| x.starts_with("3.拓展项目。")));
    }

    #[test]
    fn numbers_inside_titles_dates_and_quantities_do_not_split() {
        let text = long(
            "一、总则。根据《关于2.0版的意见》，到2025年1.5倍。二、目标。三、任务。（一）排查。（区应急局牵头）强化监测。每季度一次。（区环保局负责）2018年底前，完成整改。",
        );
        let p = paragraphs(&text);
        assert!(
            p.iter()
                .any(|x| x.starts_with("一、总则。根据《关于2.0版的意见》，到2025年1.5倍。"))
        );
        assert!(
            p.iter().any(|x| x == "（一）排查。（区应急局牵头）"),
            "{p:?}"
        );
        assert!(p.iter().any(|x| {
            x.starts_with("强化监测。每季度一次。（区环保局负责）2018年底前，完成整改。")
        }));
    }

    #[test]
    fn sentences_set_apart_by_spaces_show_a_line_is_flattened() {
        // A division of work crawled onto one line: nothing numbered, each paragraph closed by
        // its stop and a space.
        let duties: String = ["甲", "乙", "丙", "丁"]
            .iter()
            .map(|n| {
                format!(
                    "钱某{n}副县长：负责工业、交通运输、安全生产方面工作，分管县工信局、县交通局。 "
                )
            })
            .collect();
        let text = format!(
            "首页 > 通知公告 某县领导工作分工的通知 发布时间：2027-02-01 {duties}某县人民政府 2027年2月1日"
        );
        let p = paragraphs(&text);
        assert!(p.iter().any(|x| x == "发布时间：2027-02-01"), "{p:?}");
        assert!(
            p.iter()
                .any(|x| x.starts_with("钱某乙副县长：负责") && x.ends_with("县交通局。")),
            "{p:?}"
        );
        assert_eq!(p.iter().filter(|x| x.contains("副县长：")).count(), 4);
        // A paragraph of ordinary length, or spaces that follow no stop, is left as it is.
        assert_eq!(
            paragraphs("加强巡查。 县交通局负责。 县公安局配合。").len(),
            1
        );
        assert_eq!(
            paragraphs(&"县长 王某某 副县长 李某某 ".repeat(20)).len(),
            1
        );
    }

    #[test]
    fn a_space_after_a_keys_colon_stands_before_its_value() {
        let text = long(
            "1.加强巡查。 组织开展联合执法检查。 建立隐患台账。 落实主体责任。 责任单位： 县交通局、县公安局 完成时限： 2027年6月底前 2.开展整治。 县交通局负责。",
        );
        let p = paragraphs(&text);
        assert!(
            p.iter()
                .any(|x| x.starts_with("责任单位： 县交通局、县公安局")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|x| x.starts_with("完成时限： 2027年6月底前")),
            "{p:?}"
        );
    }

    #[test]
    fn a_date_in_figures_ends_a_line_of_the_page() {
        assert!(ends_with_numeric_date("发布时间：2027-02-01"));
        assert!(ends_with_numeric_date("2027/2/1"));
        assert!(ends_with_numeric_date("日期2027.12.31"));
        assert!(!ends_with_numeric_date("投资1.5"));
        assert!(!ends_with_numeric_date("20277-02-01"));
        assert!(!ends_with_numeric_date("2027-022-01"));
        assert!(!ends_with_numeric_date("-02-01"));
    }

    #[test]
    fn numbers_after_remarks_show_a_line_is_flattened() {
        // Every item closes with its assignment in brackets after the sentence's stop, and the
        // next number follows the bracket: no number stands after a sentence end itself.
        let items: String = (1..=24)
            .map(|n| {
                format!(
                    "{n}.推进第{n}项工作，加强监督管理。（牵头单位：县应急局；配合单位：县公安局）"
                )
            })
            .collect();
        let text = format!("某县关于印发重点任务的通知一、主要任务{items}");
        let p = paragraphs(&text);
        assert!(p.iter().any(|x| x == "一、主要任务"), "{p:?}");
        assert!(
            p.iter().any(|x| x
                == "2.推进第2项工作，加强监督管理。（牵头单位：县应急局；配合单位：县公安局）"),
            "{p:?}"
        );
        assert_eq!(p.iter().filter(|x| x.contains("推进第")).count(), 24);
        // A bracket inside a sentence is no remark: `（见附件1）2.` there is a quantity's.
        assert!(!has_numbers_after_sentence_ends(
            &"数量（见附件1）2.5倍，数量（见附件2）3.5倍".repeat(3),
            3
        ));
    }

    #[test]
    fn a_bracket_after_a_finished_sentence_ends_its_paragraph() {
        let text = long(
            "一、目标。二、任务（一）守护岸线1．划定范围。编制规划。（区资源局牵头）研究制定退缩线办法，适时公布。（区资源局牵头）3．提升水平。组建队伍。（区执法局负责）2025年底前，完成整改。三、保障。四、附则。",
        );
        let p = paragraphs(&text);
        for expected in [
            "1．划定范围。编制规划。（区资源局牵头）",
            "研究制定退缩线办法，适时公布。（区资源局牵头）",
            "3．提升水平。组建队伍。（区执法局负责）2025年底前，完成整改。",
        ] {
            assert!(p.iter().any(|x| x == expected), "{expected} not in {p:?}");
        }
    }

    #[test]
    fn a_sentence_telling_a_party_what_it_must_do_goes_on_with_its_measure() {
        let text = long(
            "一、目标。二、任务（一）公开信息1．公开排放数据。每季度通报一次。（区环保局牵头，区住建局参与）各重点监管企业应按规定公开排放情况，接受监督。（区环保局牵头，区工信局参与）2．强化执法。开展联合检查。（区执法局负责）完善举报奖励办法，及时兑现。（区财政局负责）三、保障。",
        );
        let p = paragraphs(&text);
        for expected in [
            "1．公开排放数据。每季度通报一次。（区环保局牵头，区住建局参与）各重点监管企业应按规定公开排放情况，接受监督。（区环保局牵头，区工信局参与）",
            "2．强化执法。开展联合检查。（区执法局负责）",
            "完善举报奖励办法，及时兑现。（区财政局负责）",
        ] {
            assert!(p.iter().any(|x| x == expected), "{expected} not in {p:?}");
        }
    }

    #[test]
    fn only_a_party_with_a_modal_in_the_first_clause_is_addressed() {
        assert!(addresses_a_party("重点排污单位应依法公开，接受监督。"));
        assert!(addresses_a_party("各乡镇要落实属地责任。"));
        assert!(addresses_a_party("相关企业必须按期整改。"));
        // A measure that opens with its verb, a party named after the first clause, a word
        // that merely contains a modal character.
        assert!(!addresses_a_party("督促企业完善设施，企业应每月自查。"));
        assert!(!addresses_a_party("本方案印发后，各单位应制定细则。"));
        assert!(!addresses_a_party("各单位应急预案演练每年一次。"));
        assert!(!addresses_a_party("建立部门要素保障机制。"));
    }

    #[test]
    fn a_doc_number_opening_a_paragraph_is_split_from_the_title_it_heads() {
        let text = long(
            "首页 某管综〔2023〕41号某区管委会关于印发方案的通知 各部门：根据国发〔2015〕17号文件精神，现印发给你们。一、目标。二、任务。三、要求。",
        );
        let p = paragraphs(&text);
        assert!(p.iter().any(|x| x == "某管综〔2023〕41号"), "{p:?}");
        assert!(
            p.iter().any(|x| x == "某区管委会关于印发方案的通知"),
            "{p:?}"
        );
        assert!(
            p.iter().any(|x| x.contains("根据国发〔2015〕17号文件精神")),
            "a 文号 inside a sentence stays: {p:?}"
        );
    }

    #[test]
    fn ordinary_lines_pass_unchanged() {
        let text = "（一）加强管理。推进A（教育部负责）。强化B。做好C（人社部负责）。";
        assert_eq!(paragraphs(text), [text]);
    }

    #[test]
    fn a_table_flattened_onto_a_short_page_gives_rows_between_paragraphs() {
        let page = "某县关于印发任务分解表的通知 各乡镇：现将分解表印发给你们。 某县人民政府办公室 2026年3月1日 任务分解表 序号 工作任务 责任单位 完成时限 1 修缮文化站 县文旅局 2026年6月底 2 建设体育公园 县体育中心 2026年9月底 打印本页";
        let line = Line {
            no: 1,
            cell_start: false,
            lost_label: false,
            text: page.to_string(),
            cells: None,
            indent: 0,
        };
        let lines = unflatten(vec![line]);
        let shown: Vec<(String, bool)> = lines
            .iter()
            .map(|l| (l.text.clone(), l.cells.is_some()))
            .collect();
        let texts: Vec<&str> = shown.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "某县关于印发任务分解表的通知",
                "各乡镇：现将分解表印发给你们。",
                "某县人民政府办公室",
                "2026年3月1日",
                "任务分解表",
                "序号\t工作任务\t责任单位\t完成时限",
                "1\t修缮文化站\t县文旅局\t2026年6月底",
                "2\t建设体育公园\t县体育中心\t2026年9月底",
                "打印本页",
            ]
        );
        let rows = shown.iter().filter(|(_, row)| *row).count();
        assert_eq!(rows, 3);
    }

    #[test]
    fn a_numbered_list_run_onto_one_line_is_split_at_its_numbers() {
        assert_eq!(
            paragraphs(
                "1.修缮文化站（县文旅局负责）；2.建设体育公园（县体育中心负责）；3.新建书屋。"
            ),
            [
                "1.修缮文化站（县文旅局负责）；",
                "2.建设体育公园（县体育中心负责）；",
                "3.新建书屋。"
            ]
        );
        assert_eq!(
            paragraphs("（一）排查隐患。（二）整改销号。"),
            ["（一）排查隐患。", "（二）整改销号。"]
        );
        // A list of another kind inside the item, a number out of sequence or inside brackets,
        // and a number after no stop stay in the line.
        for line in [
            "（一）排查隐患。1.查水库；2.查山塘。",
            "1.排查隐患。3.整改销号。",
            "1.排查隐患（含：2.山塘）。",
            "1.排查隐患2.整改销号。",
        ] {
            assert_eq!(paragraphs(line), [line], "{line}");
        }
    }
}
