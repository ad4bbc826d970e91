//! 公文 numbering: `一、` `（一）` `1.` `（1）` `①` `第一条`, in ASCII or full-width brackets.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// 一、
    Chinese,
    /// （一） or (一)
    ParenChinese,
    /// 1. 1、 1．
    Arabic,
    /// （1） or (1) or 1）
    ParenArabic,
    /// ①
    Circled,
    /// 第一条
    Article,
    /// 第一部分, 第一章, 第一篇: the outermost parts of a long plan.
    Part,
    /// No number: a measure set apart by the assignment that closes it.
    Unnumbered,
}

impl LabelKind {
    /// Kinds that number sub-items inside a task rather than tasks of their own.
    pub fn is_item_kind(self) -> bool {
        matches!(self, LabelKind::ParenArabic | LabelKind::Circled)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub kind: LabelKind,
    /// The number as printed for the register: `（一）`, `(一)`, `3`, `一`, `①`.
    pub seq: String,
    pub value: u32,
    /// Byte length of the label in the line, including its punctuation.
    pub len: usize,
}

static PATTERNS: LazyLock<Vec<(LabelKind, Regex)>> = LazyLock::new(|| {
    let zh = "[一二三四五六七八九十百零〇]";
    vec![
        (
            LabelKind::Chinese,
            Regex::new(&format!(r"^({zh}{{1,4}})\s*[、，,]")).unwrap(),
        ),
        (
            LabelKind::ParenChinese,
            Regex::new(&format!(r"^([（(]\s*({zh}{{1,4}})\s*[）)])[、.．]?")).unwrap(),
        ),
        (
            LabelKind::ParenArabic,
            Regex::new(r"^([（(]\s*([0-9０-９]{1,3})\s*[）)]|([0-9０-９]{1,3})[）)])[、.．]?")
                .unwrap(),
        ),
        (
            LabelKind::Arabic,
            Regex::new(r"^([0-9０-９]{1,3})\s*[.．、]").unwrap(),
        ),
        (LabelKind::Circled, Regex::new(r"^([①-⑳])").unwrap()),
        (
            LabelKind::Article,
            Regex::new(&format!(r"^(第({zh}{{1,4}})条)\s*")).unwrap(),
        ),
        (
            LabelKind::Part,
            Regex::new(&format!(r"^(第({zh}{{1,4}})(?:部分|章|篇))\s*")).unwrap(),
        ),
    ]
});

/// Recognises the label a line starts with.
pub fn parse_label(line: &str) -> Option<Label> {
    for (kind, re) in PATTERNS.iter() {
        let Some(caps) = re.captures(line) else {
            continue;
        };
        let whole = caps.get(0)?;
        let label = match kind {
            LabelKind::Chinese => {
                let digits = caps.get(1)?.as_str();
                Label {
                    kind: *kind,
                    seq: digits.to_string(),
                    value: chinese_value(digits)?,
                    len: whole.end(),
                }
            }
            LabelKind::ParenChinese => Label {
                kind: *kind,
                seq: caps.get(1)?.as_str().replace(' ', ""),
                value: chinese_value(caps.get(2)?.as_str())?,
                len: whole.end(),
            },
            LabelKind::ParenArabic => {
                let digits = caps.get(2).or(caps.get(3))?.as_str();
                Label {
                    kind: *kind,
                    seq: caps.get(1)?.as_str().replace(' ', ""),
                    value: arabic_value(digits)?,
                    len: whole.end(),
                }
            }
            LabelKind::Arabic => {
                // 1.5亿 is a number, not a label; 2.2024年底前… is a label before a year.
                let rest = &line[whole.end()..];
                let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
                let year_follows = rest.chars().take(4).filter(|c| digit(*c)).count() == 4
                    && rest.chars().nth(4) == Some('年');
                if rest.starts_with(digit) && !year_follows {
                    continue;
                }
                let digits = caps.get(1)?.as_str();
                Label {
                    kind: *kind,
                    seq: ascii_digits(digits),
                    value: arabic_value(digits)?,
                    len: whole.end(),
                }
            }
            LabelKind::Circled => {
                let c = caps.get(1)?.as_str();
                let value = c.chars().next()? as u32 - '①' as u32 + 1;
                Label {
                    kind: *kind,
                    seq: c.to_string(),
                    value,
                    len: whole.end(),
                }
            }
            // Never printed, so no pattern finds it.
            LabelKind::Unnumbered => continue,
            LabelKind::Article | LabelKind::Part => Label {
                kind: *kind,
                seq: caps.get(1)?.as_str().to_string(),
                value: chinese_value(caps.get(2)?.as_str())?,
                len: whole.end(),
            },
        };
        return Some(label);
    }
    None
}

/// `11.121人才梯队项目`: a number whose text opens with digits, which `parse_label` reads as a
/// decimal (1.5亿). Only a caller that knows the numbering it continues can tell the two apart.
pub fn arabic_before_digits(line: &str) -> Option<Label> {
    static ARABIC_BEFORE_DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([0-9]{1,3})\s*[.．]\s*[0-9]").unwrap());
    let caps = ARABIC_BEFORE_DIGITS.captures(line)?;
    let digits = caps.get(1)?.as_str();
    let len = line[digits.len()..]
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | '．'))
        .map(|(i, c)| digits.len() + i + c.len_utf8())?;
    Some(Label {
        kind: LabelKind::Arabic,
        seq: digits.to_string(),
        value: digits.parse().ok()?,
        len,
    })
}

/// The text after the label.
pub fn after_label<'a>(line: &'a str, label: &Label) -> &'a str {
    line[label.len..].trim_start_matches([' ', '\u{3000}', '\t'])
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn arabic_value(s: &str) -> Option<u32> {
    ascii_digits(s).parse().ok()
}

/// 一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103.
pub fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
            .or(if c == '〇' { Some(0) } else { None })
    };
    let mut total = 0;
    let mut current = 0;
    let mut seen = false;
    for c in s.chars() {
        match c {
            '十' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                total += if current == 0 { 100 } else { current * 100 };
                current = 0;
            }
            _ => current = digit(c)?,
        }
        seen = true;
    }
    seen.then_some(total + current)
}

pub use crate::normalize::chinese_numeral;

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<(LabelKind, String, u32, &str)> {
        parse_label(line).map(|l| (l.kind, l.seq.clone(), l.value, after_label(line, &l)))
    }

    #[test]
    fn recognises_every_level_in_both_bracket_widths() {
        assert_eq!(
            label("一、总体要求"),
            Some((LabelKind::Chinese, "一".into(), 1, "总体要求"))
        );
        assert_eq!(
            label("（十二）冶金"),
            Some((LabelKind::ParenChinese, "（十二）".into(), 12, "冶金"))
        );
        assert_eq!(
            label("(三)危险化学品"),
            Some((LabelKind::ParenChinese, "(三)".into(), 3, "危险化学品"))
        );
        assert_eq!(
            label("24、建立"),
            Some((LabelKind::Arabic, "24".into(), 24, "建立"))
        );
        assert_eq!(
            label("1．完善"),
            Some((LabelKind::Arabic, "1".into(), 1, "完善"))
        );
        assert_eq!(
            label("（2）加强"),
            Some((LabelKind::ParenArabic, "（2）".into(), 2, "加强"))
        );
        assert_eq!(
            label("③落实"),
            Some((LabelKind::Circled, "③".into(), 3, "落实"))
        );
        assert_eq!(
            label("第十条 本办法"),
            Some((LabelKind::Article, "第十条".into(), 10, "本办法"))
        );
        assert_eq!(
            label("第二部分 重点任务"),
            Some((LabelKind::Part, "第二部分".into(), 2, "重点任务"))
        );
    }

    #[test]
    fn years_and_decimals_are_not_labels() {
        assert_eq!(label("2022年底前完成"), None);
        assert_eq!(label("1.5亿元"), None);
        assert_eq!(
            label("2.2024年底前完成"),
            Some((LabelKind::Arabic, "2".into(), 2, "2024年底前完成"))
        );
        assert_eq!(label("一是集中开展学习"), None);
    }

    #[test]
    fn a_number_before_digits_is_offered_to_callers_that_know_the_sequence() {
        let label = arabic_before_digits("11.121人才梯队项目").unwrap();
        assert_eq!(
            (label.value, after_label("11.121人才梯队项目", &label)),
            (11, "121人才梯队项目")
        );
        assert!(arabic_before_digits("加快推进").is_none());
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for n in [1, 9, 10, 11, 20, 24, 99] {
            assert_eq!(chinese_value(&chinese_numeral(n)), Some(n));
        }
    }
}
