//! 公文 numbering: `一、` `（一）` `1.` `（1）` `①` `第一条` `第一项` `任务一：`, in ASCII or
//! full-width brackets.

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
    /// 第一项：, 任务一：, 任务2、: an item named by a word around its number.
    Named,
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

/// A line's start, read one character class at a time. Each label is a short run of classes
/// that never overlap (digits, brackets, punctuation), so reading greedily is reading exactly
/// what a regular expression would match, without compiling one in every process.
#[derive(Clone, Copy)]
pub(crate) struct Cursor<'a> {
    line: &'a str,
    pub(crate) at: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(line: &'a str) -> Self {
        Cursor { line, at: 0 }
    }

    pub(crate) fn rest(&self) -> &'a str {
        &self.line[self.at..]
    }

    /// Takes one character that `accepts`.
    pub(crate) fn one(&mut self, accepts: impl Fn(char) -> bool) -> Option<char> {
        let c = self.rest().chars().next().filter(|c| accepts(*c))?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// Takes as many characters that `accept` as there are, up to `max`; at least one.
    pub(crate) fn run(&mut self, accept: impl Fn(char) -> bool, max: usize) -> Option<&'a str> {
        let start = self.at;
        for _ in 0..max {
            if self.one(&accept).is_none() {
                break;
            }
        }
        (self.at > start).then(|| &self.line[start..self.at])
    }

    /// Skips white space, then takes one character that `accepts`.
    pub(crate) fn spaces_then(&mut self, accepts: impl Fn(char) -> bool) -> bool {
        self.spaces();
        self.one(accepts).is_some()
    }

    /// Skips white space, as `\s*` does.
    pub(crate) fn spaces(&mut self) {
        while self.one(crate::normalize::is_white_space).is_some() {}
    }
}

/// A Chinese numeral of a label (一 … 十, 百, 零, 〇). A `match` rather than a search of a
/// string: it is asked of every character of a flat line.
pub(crate) fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

pub(crate) fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '（' | '(')
}

fn is_close_bracket(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// `一、` (or `一，`, or `一.` as a typist without the 、 key prints it): the number, white
/// space, the comma.
fn chinese(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    let digits = cursor.run(is_chinese_digit, 4)?;
    cursor.spaces();
    cursor.one(|c| matches!(c, '、' | '，' | ',' | '.' | '．'))?;
    Some(Label {
        kind: LabelKind::Chinese,
        seq: digits.to_string(),
        value: chinese_value(digits)?,
        len: cursor.at,
    })
}

/// A trailing `、` `.` `．` after a bracketed number.
fn optional_stop(cursor: &mut Cursor<'_>) {
    cursor.one(|c| matches!(c, '、' | '.' | '．'));
}

/// `（一）`: the number in brackets, white space allowed inside.
fn paren_chinese(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    cursor.one(is_open_bracket)?;
    cursor.spaces();
    let digits = cursor.run(is_chinese_digit, 4)?;
    cursor.spaces();
    cursor.one(is_close_bracket)?;
    let printed = &line[..cursor.at];
    optional_stop(&mut cursor);
    Some(Label {
        kind: LabelKind::ParenChinese,
        seq: printed.replace(' ', ""),
        value: chinese_value(digits)?,
        len: cursor.at,
    })
}

/// `（1）` or `1）`.
fn paren_arabic(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    let digits = if cursor.one(is_open_bracket).is_some() {
        cursor.spaces();
        let digits = cursor.run(is_arabic_digit, 3)?;
        cursor.spaces();
        digits
    } else {
        cursor.run(is_arabic_digit, 3)?
    };
    cursor.one(is_close_bracket)?;
    let printed = &line[..cursor.at];
    optional_stop(&mut cursor);
    Some(Label {
        kind: LabelKind::ParenArabic,
        seq: printed.replace(' ', ""),
        value: arabic_value(digits)?,
        len: cursor.at,
    })
}

/// `1.` `1．` `1、`; not `1.5亿`, which is a number, but `2.2024年底前…`, a label before a year.
fn arabic(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    let digits = cursor.run(is_arabic_digit, 3)?;
    cursor.spaces();
    cursor.one(|c| matches!(c, '.' | '．' | '、'))?;
    let rest = cursor.rest();
    let year_follows = rest.chars().take(4).filter(|c| is_arabic_digit(*c)).count() == 4
        && rest.chars().nth(4) == Some('年');
    if rest.starts_with(is_arabic_digit) && !year_follows {
        return None;
    }
    Some(Label {
        kind: LabelKind::Arabic,
        seq: half_width_digits(digits).into_owned(),
        value: arabic_value(digits)?,
        len: cursor.at,
    })
}

/// `①` … `⑳`.
fn circled(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    let c = cursor.one(|c| ('①'..='⑳').contains(&c))?;
    Some(Label {
        kind: LabelKind::Circled,
        seq: c.to_string(),
        value: c as u32 - '①' as u32 + 1,
        len: cursor.at,
    })
}

/// `第一条` (an article) or `第一部分` `第一章` `第一篇` (a part), and the white space after.
fn numbered_part(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    cursor.one(|c| c == '第')?;
    let digits = cursor.run(is_chinese_digit, 4)?;
    let rest = cursor.rest();
    let (kind, word) = if rest.starts_with('条') {
        (LabelKind::Article, "条")
    } else if rest.starts_with('项') {
        (LabelKind::Named, "项")
    } else if let Some(len) = ordinal_pause(rest) {
        // `第一，加强巡查`: an ordinal and a pause number a paragraph as `一是` numbers a clause.
        let printed = &line[..cursor.at];
        return Some(Label {
            kind: LabelKind::Named,
            seq: printed.to_string(),
            value: chinese_value(digits)?,
            len: cursor.at + len,
        });
    } else {
        let word = ["部分", "章", "篇"]
            .into_iter()
            .find(|w| rest.starts_with(w))?;
        (LabelKind::Part, word)
    };
    cursor.at += word.len();
    let printed = &line[..cursor.at];
    cursor.spaces();
    // `第一项：推进…`: the colon is the label's.
    if kind == LabelKind::Named {
        cursor.one(|c| matches!(c, '：' | ':'));
    }
    Some(Label {
        kind,
        seq: printed.to_string(),
        value: chinese_value(digits)?,
        len: cursor.at,
    })
}

/// The pause after an ordinal (`第一，` `第二、`), its byte length: a comma, or an enumeration
/// comma not followed by another numeral (`第一、二季度` counts quarters).
fn ordinal_pause(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let pause = chars.next()?;
    let counts_on = chars.next().is_some_and(is_chinese_digit);
    match pause {
        '，' | ',' => Some(pause.len_utf8()),
        '、' if !counts_on => Some(pause.len_utf8()),
        _ => None,
    }
}

/// A 文号 line as printed (`某政办〔2024〕7号`, `某发 [2024] 12 号`): an issuer's short name, the
/// year in brackets, the number and 号, white space allowed between them.
pub fn is_doc_number(line: &str) -> bool {
    let mut cursor = Cursor::new(line);
    let mut doc_number = || -> Option<()> {
        cursor.run(crate::normalize::is_han, 12)?;
        cursor.spaces();
        doc_number_core(&mut cursor)?;
        cursor.rest().is_empty().then_some(())
    };
    doc_number().is_some()
}

/// Whether a 文号's year and number (`〔2024〕18号`, `[2024]3 号`) stand anywhere in `text`.
pub fn holds_doc_number(text: &str) -> bool {
    text.contains('号')
        && text
            .char_indices()
            .filter(|(_, c)| is_doc_number_open(*c))
            .any(|(i, _)| doc_number_core(&mut Cursor::new(&text[i..])).is_some())
}

fn is_doc_number_open(c: char) -> bool {
    matches!(c, '〔' | '[' | '［' | '【' | '(' | '（' | '﹝')
}

/// A 文号 from its opening bracket to 号: four digits of year in brackets, one to four digits
/// of number, white space allowed between them.
fn doc_number_core(cursor: &mut Cursor) -> Option<()> {
    cursor.one(is_doc_number_open)?;
    cursor.spaces();
    let year = cursor.run(is_arabic_digit, 4)?;
    (year.chars().count() == 4).then_some(())?;
    cursor.spaces();
    cursor.one(|c| matches!(c, '〕' | ']' | '］' | '】' | ')' | '）' | '﹞'))?;
    cursor.spaces();
    cursor.run(is_arabic_digit, 4)?;
    cursor.spaces();
    cursor.one(|c| c == '号').map(|_| ())
}

/// Recognises the label a line starts with.
pub fn parse_label(line: &str) -> Option<Label> {
    let first = line.chars().next()?;
    if is_chinese_digit(first) {
        chinese(line)
    } else if is_open_bracket(first) {
        paren_chinese(line).or_else(|| paren_arabic(line))
    } else if is_arabic_digit(first) {
        paren_arabic(line).or_else(|| arabic(line))
    } else if first == '第' {
        numbered_part(line)
    } else if let Some(word) = TASK_WORDS.iter().find(|w| line.starts_with(**w)) {
        task_numbered(line, word)
    } else {
        circled(line).or_else(|| enclosed(line))
    }
}

/// The numbers Word's fonts print as one character: `㈠` for （一）, `⑴` for (1), `⒈` for 1.,
/// each a label of the kind it stands for, printed as it is.
fn enclosed(line: &str) -> Option<Label> {
    let c = line.chars().next()?;
    let (kind, first) = match c {
        '㈠'..='㈩' => (LabelKind::ParenChinese, '㈠'),
        '⑴'..='⒇' => (LabelKind::ParenArabic, '⑴'),
        '⒈'..='⒛' => (LabelKind::Arabic, '⒈'),
        _ => return None,
    };
    let mut cursor = Cursor::new(line);
    cursor.at = c.len_utf8();
    // `⒈、` or `㈠、`: a pause may follow as after the written-out label.
    cursor.one(|c| matches!(c, '、' | '.' | '．'));
    Some(Label {
        kind,
        seq: c.to_string(),
        value: c as u32 - first as u32 + 1,
        len: cursor.at,
    })
}

/// The words that name an item before its number (`任务一：`, `项目1：` in a list of projects,
/// `事项2：`).
const TASK_WORDS: [&str; 3] = ["任务", "项目", "事项"];

/// `任务一：` / `任务2、`: the word, a number, and a colon or 、 (not a stop: `任务1.5万户` is a
/// quantity).
fn task_numbered(line: &str, word: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    cursor.at = word.len();
    let value = match cursor.run(is_chinese_digit, 4) {
        Some(digits) => chinese_value(digits)?,
        None => arabic_value(cursor.run(is_arabic_digit, 3)?)?,
    };
    let printed = &line[..cursor.at];
    cursor.spaces();
    cursor.one(|c| matches!(c, '：' | ':' | '、'))?;
    Some(Label {
        kind: LabelKind::Named,
        seq: printed.to_string(),
        value,
        len: cursor.at,
    })
}

/// `11.121人才梯队项目`: a number whose text opens with digits, which `parse_label` reads as a
/// decimal (1.5亿). Only a caller that knows the numbering it continues can tell the two apart.
pub fn arabic_before_digits(line: &str) -> Option<Label> {
    let mut cursor = Cursor::new(line);
    let digits = cursor.run(|c| c.is_ascii_digit(), 3)?;
    cursor.spaces();
    cursor.one(|c| matches!(c, '.' | '．'))?;
    let len = cursor.at;
    cursor.spaces();
    cursor.one(|c| c.is_ascii_digit())?;
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

fn arabic_value(s: &str) -> Option<u32> {
    half_width_digits(s).parse().ok()
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
use crate::normalize::half_width_digits;

#[cfg(test)]
mod tests {
    use super::*;

    /// The label grammar as regular expressions, which the hand-written reader replaced: an
    /// oracle for it.
    fn label_patterns() -> Vec<(LabelKind, regex::Regex)> {
        let zh = "[一二三四五六七八九十百零〇]";
        let patterns = [
            (LabelKind::Chinese, format!(r"^({zh}{{1,4}})\s*[、，,.．]")),
            (
                LabelKind::ParenChinese,
                format!(r"^([（(]\s*({zh}{{1,4}})\s*[）)])[、.．]?"),
            ),
            (
                LabelKind::ParenArabic,
                r"^([（(]\s*([0-9０-９]{1,3})\s*[）)]|([0-9０-９]{1,3})[）)])[、.．]?".to_string(),
            ),
            (
                LabelKind::Arabic,
                r"^([0-9０-９]{1,3})\s*[.．、]".to_string(),
            ),
            (LabelKind::Circled, r"^([①-⑳])".to_string()),
            (LabelKind::ParenChinese, r"^([㈠-㈩])[、.．]?".to_string()),
            (LabelKind::ParenArabic, r"^([⑴-⒇])[、.．]?".to_string()),
            (LabelKind::Arabic, r"^([⒈-⒛])[、.．]?".to_string()),
            (LabelKind::Article, format!(r"^(第({zh}{{1,4}})条)\s*")),
            (LabelKind::Named, format!(r"^(第({zh}{{1,4}})项)\s*[：:]?")),
            (
                LabelKind::Named,
                format!(r"^((?:任务|项目|事项)({zh}{{1,4}}|[0-9０-９]{{1,3}}))\s*[：:、]"),
            ),
            (
                LabelKind::Part,
                format!(r"^(第({zh}{{1,4}})(?:部分|章|篇))\s*"),
            ),
            (LabelKind::Named, format!(r"^(第({zh}{{1,4}}))([，,、])")),
        ];
        patterns
            .into_iter()
            .map(|(kind, p)| (kind, regex::Regex::new(&p).unwrap()))
            .collect()
    }

    fn label_by_regex(patterns: &[(LabelKind, regex::Regex)], line: &str) -> Option<Label> {
        for (kind, re) in patterns {
            let kind = *kind;
            let Some(caps) = re.captures(line) else {
                continue;
            };
            let len = caps.get(0)?.end();
            // One character that prints a label (`㈠`, `⑴`, `⒈`): its place in its range.
            let one = caps[1].chars().next()?;
            let enclosed_first = match one {
                '㈠'..='㈩' => Some('㈠'),
                '⑴'..='⒇' => Some('⑴'),
                '⒈'..='⒛' => Some('⒈'),
                _ => None,
            };
            if let Some(first) = enclosed_first {
                return Some(Label {
                    kind,
                    seq: one.to_string(),
                    value: one as u32 - first as u32 + 1,
                    len,
                });
            }
            let (seq, value) = match kind {
                LabelKind::Chinese => (caps[1].to_string(), chinese_value(&caps[1])?),
                LabelKind::ParenChinese => (caps[1].replace(' ', ""), chinese_value(&caps[2])?),
                LabelKind::ParenArabic => (
                    caps[1].replace(' ', ""),
                    arabic_value(caps.get(2).or(caps.get(3))?.as_str())?,
                ),
                LabelKind::Arabic => {
                    let rest = &line[len..];
                    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
                    let year_follows = rest.chars().take(4).filter(|c| digit(*c)).count() == 4
                        && rest.chars().nth(4) == Some('年');
                    if rest.starts_with(digit) && !year_follows {
                        continue;
                    }
                    (
                        half_width_digits(&caps[1]).into_owned(),
                        arabic_value(&caps[1])?,
                    )
                }
                LabelKind::Circled => (
                    caps[1].to_string(),
                    caps[1].chars().next()? as u32 - '①' as u32 + 1,
                ),
                LabelKind::Named => {
                    let counts_on =
                        line[len..].starts_with(|c: char| "一二三四五六七八九十百零〇".contains(c));
                    if caps.get(3).is_some_and(|p| p.as_str() == "、") && counts_on {
                        continue;
                    }
                    (
                        caps[1].to_string(),
                        chinese_value(&caps[2]).or_else(|| arabic_value(&caps[2]))?,
                    )
                }
                _ => (caps[1].to_string(), chinese_value(&caps[2])?),
            };
            return Some(Label {
                kind,
                seq,
                value,
                len,
            });
        }
        None
    }

    #[test]
    fn doc_numbers() {
        assert!(is_doc_number("岚综管综〔2015〕278号"));
        assert!(is_doc_number("某政办［２０２４］７号"));
        assert!(!is_doc_number("根据国务院有关文件和某政办〔2024〕7号"));
        assert!(!is_doc_number("某政办〔24〕7号"));
        assert!(is_doc_number("某发 [2024] 12 号"));
        assert!(!is_doc_number("第7号"));
    }

    #[test]
    fn the_hand_written_label_reader_reads_what_the_regular_expressions_read() {
        // Every short string over the characters labels are made of, and a few longer ones.
        let patterns = label_patterns();
        let alphabet: Vec<char> =
            "一十二百〇（()）1２0.．、，, 　第条部分章篇①⑳㈠㈩⑴⒇⒈⒛年加项任务：:"
                .chars()
                .collect();
        for line in crate::test_samples::strings(&alphabet, 9, 40_000) {
            assert_eq!(
                parse_label(&line),
                label_by_regex(&patterns, &line),
                "{line:?}"
            );
        }
        for line in [
            "（ 十二 ）、冶金",
            "2.2024年底前完成",
            "1.5亿元",
            "第一百零三条　附则",
            "12 、建立",
            "任务一：推进",
            "任务12、建立",
            "任务1.5万户",
            "第三项：完成",
            "第三项 完成",
        ] {
            assert_eq!(
                parse_label(line),
                label_by_regex(&patterns, line),
                "{line:?}"
            );
        }
    }

    fn label(line: &str) -> Option<(LabelKind, String, u32, &str)> {
        parse_label(line).map(|l| (l.kind, l.seq.clone(), l.value, after_label(line, &l)))
    }

    #[test]
    fn items_named_by_a_word_around_their_number() {
        assert_eq!(
            label("任务三：完善机制"),
            Some((LabelKind::Named, "任务三".into(), 3, "完善机制"))
        );
        assert_eq!(
            label("项目2：新建学校"),
            Some((LabelKind::Named, "项目2".into(), 2, "新建学校"))
        );
        assert_eq!(
            label("事项三、优化审批"),
            Some((LabelKind::Named, "事项三".into(), 3, "优化审批"))
        );
        assert_eq!(label("项目资金到位"), None);
        assert_eq!(label("项目1个，总投资2亿元"), None);
        assert_eq!(
            label("第二项：完善机制"),
            Some((LabelKind::Named, "第二项".into(), 2, "完善机制"))
        );
        assert_eq!(
            label("第二，开展排查"),
            Some((LabelKind::Named, "第二".into(), 2, "开展排查"))
        );
        assert_eq!(
            label("第三、整治超载"),
            Some((LabelKind::Named, "第三".into(), 3, "整治超载"))
        );
        assert_eq!(label("第一、二季度完成"), None);
        assert_eq!(label("第一书记驻村"), None);
        assert_eq!(label("任务1.5万户"), None);
        assert_eq!(label("任务艰巨"), None);
    }

    #[test]
    fn recognises_every_level_in_both_bracket_widths() {
        assert_eq!(
            label("一、总体要求"),
            Some((LabelKind::Chinese, "一".into(), 1, "总体要求"))
        );
        assert_eq!(
            label("二.开展集中拆除"),
            Some((LabelKind::Chinese, "二".into(), 2, "开展集中拆除"))
        );
        assert_eq!(
            label("三．保障措施"),
            Some((LabelKind::Chinese, "三".into(), 3, "保障措施"))
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
    fn numbers_printed_as_one_character_are_labels_of_their_kind() {
        assert_eq!(
            label("㈡开展排查"),
            Some((LabelKind::ParenChinese, "㈡".into(), 2, "开展排查"))
        );
        assert_eq!(
            label("⑶整治超载"),
            Some((LabelKind::ParenArabic, "⑶".into(), 3, "整治超载"))
        );
        assert_eq!(
            label("⒓、完善制度"),
            Some((LabelKind::Arabic, "⒓".into(), 12, "完善制度"))
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
        assert_eq!(label("一是组织专题培训"), None);
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
    #[test]
    fn the_hand_written_doc_number_search_finds_what_the_regular_expression_found() {
        let oracle = regex::Regex::new(
            r"[〔\[［【(（﹝]\s*[0-9０-９]{4}\s*[〕\]］】)）﹞]\s*[0-9０-９]{1,4}\s*号",
        )
        .unwrap();
        let parts: [&[&str]; 7] = [
            &["", "云政发", "附件（", "〔〔"],
            &["〔", "[", "［", "【", "(", "（", "﹝", "〈", ""],
            &["2024", "２０２４", " 2024 ", "202", "20245"],
            &["〕", "]", "］", "】", ")", "）", "﹞", "〉", ""],
            &["7", "18", "１２３４", "12345", " 3 ", ""],
            &["号", "号文", "日", ""],
            &["", "）", "、云政发〔2023〕1号"],
        ];
        let mut found = 0;
        for text in crate::test_samples::lines(&parts, 20_000) {
            let expected = oracle.is_match(&text);
            assert_eq!(holds_doc_number(&text), expected, "{text:?}");
            found += usize::from(expected);
        }
        assert!(found > 1_000, "the samples hold 文号: {found}");
    }

    #[test]
    fn chinese_digits_are_the_numerals_a_label_is_written_in() {
        let numerals = "一二三四五六七八九十百零〇";
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            assert_eq!(is_chinese_digit(c), numerals.contains(c), "{c:?}");
        }
    }
}
