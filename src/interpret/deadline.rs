//! Time limits in text: `2022年底前`, `2023年6月底前`, `2021年第四季度前`, `长期坚持` …; their dates
//! are `interpret::due`.
//!
//! A limit is a year of four digits and 年, then optionally a month (one or two digits and 月)
//! with optionally its day (日), then optionally a period of the month or year
//! ([`DEADLINE_PERIODS`]), then a word for "before" ([`DEADLINE_BEFORE`]). Read by hand, trying
//! the ways of reading it in the order a regular expression tries them (a month before none,
//! two digits before one, a period before none), so that what is found is what the expression
//! this replaced found, without compiling it in every process.

use crate::document::numbering::{Cursor, is_arabic_digit};
use crate::vocab::{DEADLINE_BEFORE, DEADLINE_PERIODS};

/// After a limit that opens a task, one of these ends it (`2016年6月底前，完成…`).
fn ends_leading_limit(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '：' | ':') || c.is_whitespace()
}

/// The words a limit may end with (`2023年6月底前完成，…`, `…，2026年9月底前投入使用`): what is
/// to be done by then. Longest first where one opens another.
const DONE: &[&str] = &[
    "全面完成",
    "完成",
    "投入使用",
    "建成投用",
    "建成",
    "完工",
    "办结",
    "到位",
];

/// The limit that opens a task's text, if any.
pub fn leading_deadline(text: &str) -> Option<String> {
    let end = opening_limit_end(text, |end| {
        text[end..].chars().next().is_some_and(ends_leading_limit)
    })
    .or_else(|| before_then_work_end(text))?;
    Some(text[..end].to_string())
}

/// `2027年6月底前完成道路改造`: a limit that ends with its word for "before" and runs straight
/// into the work opens the text as one set off by a comma does.
fn before_then_work_end(text: &str) -> Option<usize> {
    opening_limit_end(text, |end| {
        DEADLINE_BEFORE.iter().any(|w| text[..end].ends_with(w))
            && text[end..]
                .chars()
                .next()
                .is_some_and(crate::normalize::is_han)
    })
}

/// A clause that is nothing but a time limit (`2025年5月底前完成`, `2024年底前`), as a bracket
/// that assigns a task may end with one.
pub fn deadline_clause(text: &str) -> Option<String> {
    let text = text.trim();
    opening_limit_end(text, |end| end == text.len())?;
    Some(text.to_string())
}

/// The end of the first reading of a limit at the start of `text` (date, then optionally a word
/// for "before", then optionally 完成) that `accept` takes; readings are tried longest date first,
/// as the callers need one rule for where a limit stops.
fn opening_limit_end(text: &str, accept: impl Fn(usize) -> bool) -> Option<usize> {
    let year_end = year_at(text)?;
    date_part_ends(text, year_end).into_iter().find_map(|end| {
        optional(text, end, DEADLINE_BEFORE)
            .into_iter()
            .flat_map(|end| optional(text, end, DONE))
            .find(|&end| accept(end))
    })
}

/// The first dated limit inside a piece of text (for sub-items): the leftmost, read as above.
pub fn deadline_in(text: &str) -> Option<String> {
    text.match_indices('年').find_map(|(at, _)| {
        let start = four_digits_before(text, at)?;
        let year_end = at + '年'.len_utf8();
        date_part_ends(text, year_end).into_iter().find_map(|end| {
            let before = DEADLINE_BEFORE
                .iter()
                .find(|w| text[end..].starts_with(**w))?;
            Some(text[start..end + before.len()].to_string())
        })
    })
}

/// The end of `2024年` where `text` opens with it.
fn year_at(text: &str) -> Option<usize> {
    let mut cursor = Cursor::new(text);
    for _ in 0..4 {
        cursor.one(is_arabic_digit)?;
    }
    cursor.one(|c| c == '年')?;
    Some(cursor.at)
}

/// Where four digits end at `at` (the 年 that follows them), where they start.
fn four_digits_before(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    for c in text[..at].chars().rev().take(4) {
        if !is_arabic_digit(c) {
            return None;
        }
        start -= c.len_utf8();
    }
    (text[start..at].chars().count() == 4).then_some(start)
}

/// Ends of the month, day and period after a year, every way of reading them, in the order a
/// regular expression prefers them.
fn date_part_ends(text: &str, year_end: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut dated = numbered(text, year_end, '月');
    dated.push(year_end);
    for month_end in dated {
        let mut days = if month_end > year_end {
            numbered(text, month_end, '日')
        } else {
            Vec::new()
        };
        days.push(month_end);
        for day_end in days {
            ends.extend(optional(text, day_end, DEADLINE_PERIODS));
        }
    }
    ends
}

/// Ends of one or two digits and `unit` at `at`: two digits first.
fn numbered(text: &str, at: usize, unit: char) -> Vec<usize> {
    let mut ends = Vec::new();
    for digits in [2, 1] {
        let mut cursor = Cursor::new(&text[at..]);
        let read = (0..digits).all(|_| cursor.one(is_arabic_digit).is_some());
        if read && cursor.one(|c| c == unit).is_some() {
            ends.push(at + cursor.at);
        }
    }
    ends
}

/// The end after one of `words` at `at` (at most one of them can stand there), then `at` itself.
fn optional(text: &str, at: usize, words: &[&str]) -> Vec<usize> {
    let mut ends: Vec<usize> = words
        .iter()
        .find(|w| text[at..].starts_with(**w))
        .map(|w| at + w.len())
        .into_iter()
        .collect();
    ends.push(at);
    ends
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_clause_of_only_a_limit_is_read_whole() {
        assert_eq!(
            deadline_clause("2026年9月底前投入使用").as_deref(),
            Some("2026年9月底前投入使用")
        );
        assert_eq!(deadline_clause("2026年9月底前投入资金"), None);
        assert_eq!(
            deadline_clause("2025年5月底前完成").as_deref(),
            Some("2025年5月底前完成")
        );
        assert_eq!(
            deadline_clause(" 2024年底前").as_deref(),
            Some("2024年底前")
        );
        assert_eq!(deadline_clause("2024年底前完成整改"), None);
        assert_eq!(deadline_clause("县水利局"), None);
    }

    use super::*;

    #[test]
    fn only_a_limit_that_opens_the_text_is_the_tasks() {
        assert_eq!(
            leading_deadline("2016年6月底前，完成改革").as_deref(),
            Some("2016年6月底前")
        );
        assert_eq!(leading_deadline("推进改造，2023年年底前完成"), None);
        // Run straight into the work, a limit ending in its 前 opens the text too.
        assert_eq!(
            leading_deadline("2027年6月底前完成道路改造").as_deref(),
            Some("2027年6月底前")
        );
        assert_eq!(leading_deadline("2027年起每年开展检查"), None);
        assert_eq!(leading_deadline("2027年6月份开展检查"), None);
        assert_eq!(
            deadline_in("全面建成运行，2022年底前分类分批完成").as_deref(),
            Some("2022年底前")
        );
    }

    #[test]
    fn no_period_or_before_opens_another_so_at_most_one_stands_at_a_place() {
        for words in [DEADLINE_PERIODS, DEADLINE_BEFORE] {
            for a in words {
                for b in words {
                    assert!(a == b || !b.starts_with(a), "{a} opens {b}");
                }
            }
        }
    }

    #[test]
    fn limits_are_read_as_their_old_expressions_read_them() {
        let date = r"(?:[0-9０-９]{4}年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?(?:上旬|中旬|下旬|月底|底|末|初|年底|年末|第[一二三四1-4]季度|[一二三四]季度|上半年|下半年)?)";
        let leading =
            regex::Regex::new(&format!(r"^({date}(?:前|之前|以前)?(?:完成)?)[，,、：:\s]"))
                .unwrap();
        // And, where that finds none, a limit ending in its 前 run straight into the work.
        let run_in = regex::Regex::new(&format!(r"^({date}(?:前|之前|以前))\p{{Han}}")).unwrap();
        let expected_leading = |text: &str| {
            leading
                .captures(text)
                .or_else(|| run_in.captures(text))
                .map(|c| c[1].to_string())
        };
        let anywhere = regex::Regex::new(&format!(r"{date}(?:前|之前|以前)")).unwrap();
        let parts: [&[&str]; 8] = [
            &["", "", "", "推进，", "1", "年", "２０２"],
            &[
                "2024年",
                "２０２４年",
                "202年",
                "12023年",
                "2024",
                "2024年2025年",
            ],
            &["", "6月", "12月", "１２月", "123月", "6", "月"],
            &["", "30日", "1日", "３日", "日", "301日"],
            &[
                "",
                "底",
                "月底",
                "年底",
                "年末",
                "上旬",
                "第四季度",
                "第4季度",
                "三季度",
                "上半年",
                "第五季度",
                "初",
                "末",
            ],
            &["", "前", "之前", "以前", "以", "前前"],
            &["", "完成", "完"],
            &["，", "、", " ", "：", "。", "", "全面完成", "2025年底前"],
        ];
        let (mut opening, mut inside) = (0, 0);
        for text in crate::test_samples::lines(&parts, 30_000) {
            let expected = expected_leading(&text);
            assert_eq!(leading_deadline(&text), expected, "leading in {text:?}");
            let found = anywhere.find(&text).map(|m| m.as_str().to_string());
            assert_eq!(deadline_in(&text), found, "anywhere in {text:?}");
            opening += usize::from(expected.is_some());
            inside += usize::from(found.is_some());
        }
        assert!(
            opening > 250 && opening < 25_000,
            "both outcomes: {opening}"
        );
        assert!(inside > 3_000 && inside < 25_000, "both outcomes: {inside}");
        let alphabet: Vec<char> = "2０年月日底末初上旬第四季度半前之以完成，、 "
            .chars()
            .collect();
        for text in crate::test_samples::strings(&alphabet, 20, 20_000) {
            let expected = expected_leading(&text);
            assert_eq!(leading_deadline(&text), expected, "leading in {text:?}");
            let found = anywhere.find(&text).map(|m| m.as_str().to_string());
            assert_eq!(deadline_in(&text), found, "anywhere in {text:?}");
        }
    }
}
