//! The `due` date of a task: the last day its printed time limit allows.

use crate::document::numbering::Cursor;
use crate::normalize::half_width_digits;
use crate::vocab::DEADLINE_PERIODS;

/// A time limit's parts: `2024年6月15日`, `2024年6月` or `2024年`, and the word after them.
struct Parts<'a> {
    year: &'a str,
    month: Option<&'a str>,
    day: Option<&'a str>,
    qualifier: &'a str,
}

/// The date a printed limit names: the last day it allows. `None` for standing limits.
pub fn due_date(deadline: &str) -> Option<String> {
    let normalized = half_width_digits(deadline);
    if let Some((year, month, day)) = numeric_date(&normalized) {
        return valid_date(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    }
    let parts = parts(&normalized)?;
    let year: u32 = parts.year.parse().ok()?;
    let month: Option<u32> = parts.month.and_then(|m| m.parse().ok());
    let day: Option<u32> = parts.day.and_then(|d| d.parse().ok());
    let qualifier = parts.qualifier;
    let (month, day) = match (month, day) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => match qualifier {
            "上旬" => (m, 10),
            "中旬" => (m, 20),
            "初" => (m, 10),
            _ => (m, last_day(year, m)?),
        },
        (None, _) => {
            let quarter = qualifier.chars().find_map(|c| match c {
                '一' | '1' => Some(1),
                '二' | '2' => Some(2),
                '三' | '3' => Some(3),
                '四' | '4' => Some(4),
                _ => None,
            });
            match (qualifier, quarter) {
                ("上半年", _) => (6, 30),
                (_, Some(q)) if qualifier.contains("季度") => (q * 3, last_day(year, q * 3)?),
                _ => (12, 31),
            }
        }
    };
    valid_date(year, month, day)
}

/// Starts of four digits in a row, where a date can begin.
fn four_digit_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .filter(move |&i| bytes[i..i + 4].iter().all(u8::is_ascii_digit))
}

fn digits(cursor: &mut Cursor<'_>, max: usize) -> Option<()> {
    cursor.run(|c| c.is_ascii_digit(), max).map(|_| ())
}

/// A date as spreadsheets print it (2024-06-30, 2024/6/30, 2024.6.30): the first in `text`,
/// read by hand (a regular expression for it cost more to compile than a register's limits
/// cost to read).
fn numeric_date(text: &str) -> Option<(&str, &str, &str)> {
    four_digit_starts(text).find_map(|start| numeric_date_at(text, start))
}

/// The numeric date whose four digits of year start at `start`.
fn numeric_date_at(text: &str, start: usize) -> Option<(&str, &str, &str)> {
    let mut cursor = Cursor::new(&text[start..]);
    let separator = |c: char| matches!(c, '-' | '/' | '.');
    let at = |c: &Cursor<'_>| start + c.at;
    let year = cursor.run(|c| c.is_ascii_digit(), 4)?;
    (year.len() == 4).then_some(())?;
    cursor.one(separator)?;
    let month_start = at(&cursor);
    digits(&mut cursor, 2)?;
    let month = &text[month_start..at(&cursor)];
    cursor.one(separator)?;
    let day_start = at(&cursor);
    digits(&mut cursor, 2)?;
    Some((year, month, &text[day_start..at(&cursor)]))
}

/// The numeric date `text` opens with (`2024-03-05 09:30`, `2024/3/5`), as `YYYY-MM-DD`.
pub(crate) fn leading_numeric_date(text: &str) -> Option<String> {
    let (year, month, day) = numeric_date_at(text, 0)?;
    valid_date(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The first `YYYY年[M月[D日]]` in `text` and the qualifier after it.
fn parts(text: &str) -> Option<Parts<'_>> {
    four_digit_starts(text).find_map(|start| {
        let rest = &text[start..];
        let mut cursor = Cursor::new(rest);
        cursor.at = 4;
        cursor.one(|c| c == '年')?;
        let mut parts = Parts {
            year: &rest[..4],
            month: None,
            day: None,
            qualifier: "",
        };
        // 月 (or 日) after one or two digits, else the part is absent and nothing is taken.
        let part = |cursor: &mut Cursor<'_>, word: char| -> Option<&str> {
            let mut ahead = *cursor;
            let from = ahead.at;
            digits(&mut ahead, 2)?;
            let number = &rest[from..ahead.at];
            ahead.one(|c| c == word)?;
            *cursor = ahead;
            Some(number)
        };
        if let Some(month) = part(&mut cursor, '月') {
            parts.month = Some(month);
            parts.day = part(&mut cursor, '日');
        }
        parts.qualifier = qualifier(cursor.rest());
        Some(parts)
    })
}

/// The qualifier `text` opens with (a period of [`DEADLINE_PERIODS`]), or "". None opens
/// another, so the first found is the only one.
fn qualifier(text: &str) -> &str {
    DEADLINE_PERIODS
        .iter()
        .find(|q| text.starts_with(**q))
        .map_or("", |q| &text[..q.len()])
}

fn valid_date(year: u32, month: u32, day: u32) -> Option<String> {
    if !(1..=12).contains(&month) || day == 0 || day > last_day(year, month)? {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn last_day(year: u32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_the_last_day_allowed() {
        assert_eq!(due_date("2022年底前").as_deref(), Some("2022-12-31"));
        assert_eq!(due_date("2023年6月底前").as_deref(), Some("2023-06-30"));
        assert_eq!(due_date("2024年2月底").as_deref(), Some("2024-02-29"));
        assert_eq!(due_date("2021年第四季度前").as_deref(), Some("2021-12-31"));
        assert_eq!(due_date("2022年上半年").as_deref(), Some("2022-06-30"));
        assert_eq!(due_date("2022年3月15日前").as_deref(), Some("2022-03-15"));
        assert_eq!(
            due_date("２０２３年９月中旬").as_deref(),
            Some("2023-09-20")
        );
        assert_eq!(due_date("2024-06-30").as_deref(), Some("2024-06-30"));
        assert_eq!(due_date("2024/6/31"), None);
        assert_eq!(due_date("长期坚持"), None);
        assert_eq!(due_date("持续推进"), None);
        assert_eq!(
            leading_numeric_date("2024-03-05 09:30").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            leading_numeric_date("2024/3/5").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(leading_numeric_date("于2024-03-05"), None);
        assert_eq!(leading_numeric_date("2024-02-30"), None);
    }

    type Found = Option<(String, Option<String>, Option<String>, String)>;

    /// The regular expressions the hand-written reader replaced.
    fn oracle(numeric: &regex::Regex, parts: &regex::Regex, deadline: &str) -> Found {
        let text = half_width_digits(deadline);
        if let Some(c) = numeric.captures(&text) {
            return Some((
                format!("{}-{}-{}", &c[1], &c[2], &c[3]),
                None,
                None,
                "numeric".into(),
            ));
        }
        parts.captures(&text).map(|c| {
            (
                c[1].to_string(),
                c.get(2).map(|m| m.as_str().to_string()),
                c.get(3).map(|m| m.as_str().to_string()),
                c.get(4).map_or(String::new(), |m| m.as_str().to_string()),
            )
        })
    }

    fn hand_written(deadline: &str) -> Found {
        let text = half_width_digits(deadline);
        if let Some((y, m, d)) = numeric_date(&text) {
            return Some((format!("{y}-{m}-{d}"), None, None, "numeric".into()));
        }
        parts(&text).map(|p| {
            (
                p.year.to_string(),
                p.month.map(str::to_string),
                p.day.map(str::to_string),
                p.qualifier.to_string(),
            )
        })
    }

    #[test]
    fn the_hand_written_reader_finds_what_the_regular_expressions_found() {
        // Limits made of the grammar's parts, each part now and then replaced by a wrong one.
        let parts: [&[&str]; 8] = [
            &["", "于", "在12", "第"],
            &["2024", "２０２４", "202", "20245", "12024"],
            &["年", "-", "/", ".", "年年", " 年", ""],
            &["6", "12", "123", "０６", "", "六"],
            &["月", "-", "/", ".", "日", " 月", ""],
            &["1", "30", "301", "", "十"],
            &["日", "-", "号", "", "月"],
            &[
                "前",
                "上旬",
                "中旬",
                "下旬",
                "月底",
                "底",
                "末",
                "初",
                "年底",
                "年末",
                "第一季度",
                "第4季度",
                "第五季度",
                "三季度",
                "5季度",
                "上半年",
                "下半年",
                "前完成",
                "",
                "季度",
                "第二季",
            ],
        ];
        let numeric = regex::Regex::new(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})").unwrap();
        let grammar = regex::Regex::new(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(上旬|中旬|下旬|月底|底|末|初|年底|年末|第[一二三四1-4]季度|[一二三四]季度|上半年|下半年)?").unwrap();
        let mut found = 0;
        for text in crate::test_samples::lines(&parts, 30_000) {
            let expected = oracle(&numeric, &grammar, &text);
            assert_eq!(hand_written(&text), expected, "{text:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 1_000, "the samples hold dates: {found}");
    }
}
