//! Document metadata: title, 文号, 发文机关, 成文日期, 备注.

use super::Line;
use super::numbering::{Cursor, chinese_value, is_doc_number, parse_label};
use crate::normalize::half_width_digits;
use crate::normalize::is_space;
use crate::vocab::{
    ISSUER_ENDINGS, LONG_TITLE_ENDINGS, NOTE_LABELS, PAGE_INFO_FIELDS, PageInfoField, TITLE_ENDINGS,
};
const SENTENCE_PUNCT: &[char] = &['，', '。', '；', '：', ',', ';', ':', '！', '？'];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
}

/// Reads the metadata from the lines before and after the body.
pub fn read_metadata(lines: &[Line]) -> Metadata {
    let (date_index, date) = find_date(lines).unzip();
    Metadata {
        title: find_title(lines),
        doc_number: lines
            .iter()
            .map(|l| l.text.trim_matches(is_space))
            .find(|t| is_doc_number(t))
            .map(str::to_string),
        issuer: date_index.and_then(|i| issuer_above(lines, i)),
        date,
    }
}

/// The 文号, date and issuer a web page prints around its article, read from the lines its
/// reader found there ([`crate::document::PAGE_INFO_PROPERTY`]): `发布日期：2024-03-05`, or a
/// 信息公开 table's cells, where a label stands alone on its line and its value on the next. The
/// first of each field is taken, and a 成文日期 before any 发布日期.
pub fn read_page_info<'a>(lines: impl IntoIterator<Item = &'a str>) -> Metadata {
    let lines: Vec<&str> = lines.into_iter().collect();
    let (mut doc_number, mut written, mut published, mut issuer) = (None, None, None, None);
    for (i, line) in lines.iter().enumerate() {
        for (field, value) in labelled_values(line) {
            let value = match value.trim_matches(is_space) {
                "" => lines.get(i + 1).copied().unwrap_or(""),
                value => value,
            };
            match field {
                PageInfoField::DocNumber if doc_number.is_none() => {
                    doc_number = leading_doc_number(value)
                }
                PageInfoField::DateWritten if written.is_none() => written = leading_date(value),
                PageInfoField::DatePublished if published.is_none() => {
                    published = leading_date(value)
                }
                PageInfoField::Issuer if issuer.is_none() => issuer = leading_issuer(value),
                _ => {}
            }
        }
    }
    Metadata {
        doc_number,
        date: written.or(published),
        issuer,
        ..Metadata::default()
    }
}

/// The issuing body a value opens with: its name ends at white space (another field may follow
/// on the line) and reads as a signature would (`县人民政府办公室`, `市发展和改革委员会`).
fn leading_issuer(value: &str) -> Option<String> {
    let name = value.trim_matches(is_space).split(is_space).next()?;
    looks_like_issuer(name).then(|| name.to_string())
}

/// Each field label on the line (white space allowed inside it, `文　　号`) that a colon
/// follows, with the text after the colon; or the label alone on the line, with nothing.
fn labelled_values(line: &str) -> Vec<(PageInfoField, &str)> {
    let mut found = Vec::new();
    for (label, field) in PAGE_INFO_FIELDS {
        let Some(first) = label.chars().next() else {
            continue;
        };
        for (at, _) in line.match_indices(first) {
            let mut cursor = Cursor::new(&line[at..]);
            let spelled = label.chars().all(|c| {
                cursor.spaces();
                cursor.one(|d| d == c).is_some()
            });
            if !spelled {
                continue;
            }
            cursor.spaces();
            let rest = cursor.rest();
            if let Some(value) = rest.strip_prefix(['：', ':']) {
                found.push((*field, value));
            } else if rest.is_empty() && line[..at].trim_matches(is_space).is_empty() {
                found.push((*field, ""));
            }
        }
    }
    found
}

/// The 文号 a value opens with (`云政发〔2025〕7号  发布日期：…`).
fn leading_doc_number(value: &str) -> Option<String> {
    value
        .match_indices('号')
        .map(|(at, _)| value[..at + '号'.len_utf8()].trim_matches(is_space))
        .find(|candidate| is_doc_number(candidate))
        .map(str::to_string)
}

/// The date a value opens with, printed (`2024年3月1日`) or numeric (`2024-03-01 09:30`).
fn leading_date(value: &str) -> Option<String> {
    let text = half_width_digits(value.trim_matches(is_space));
    match find_printed_date(&text) {
        Some(date) if date.start == 0 => date.iso(),
        _ => super::due::leading_numeric_date(&text),
    }
}

/// A 备注 line's text, if the line is one: a note label (its characters spaced out or not),
/// white space, a colon. Read by hand: a regular expression with a Unicode class costs a
/// process a third of a megabyte of compiler tables, for a line that rarely is a note.
pub fn note(line: &str) -> Option<&str> {
    NOTE_LABELS.iter().find_map(|label| {
        let mut cursor = Cursor::new(line);
        for (at, expected) in label.chars().enumerate() {
            if at > 0 {
                cursor.spaces();
            }
            cursor.one(|c| c == expected)?;
        }
        cursor.spaces();
        cursor.one(|c| matches!(c, '：' | ':'))?;
        Some(cursor.rest().trim())
    })
}

/// The 公文 title: the first short line without sentence punctuation that ends like a title
/// (通知, 方案 …), joined with the lines above it back to the one where `关于` starts it.
fn find_title(lines: &[Line]) -> Option<String> {
    let candidates: Vec<&Line> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take_while(|l| parse_label(&l.text).is_none() || l.cell_start)
        .take(40)
        .collect();
    for (i, line) in candidates.iter().enumerate() {
        let text = line.text.as_str();
        if !is_title_like(text) || !ends_like_title(text) {
            continue;
        }
        let mut title = text.to_string();
        // The index of the title's first line.
        let mut first = i;
        if !title.contains("关于") {
            for back in (i.saturating_sub(3)..i).rev() {
                let above = candidates[back].text.as_str();
                if !is_title_like(above) || ends_like_title(above) {
                    break;
                }
                if above.contains("关于") {
                    let joined: Vec<&str> = candidates[back..i]
                        .iter()
                        .map(|l| l.text.as_str())
                        .collect();
                    title = format!("{}{}", joined.concat(), title);
                    first = back;
                    break;
                }
            }
        }
        // `关于印发某县2027年重点工作` / `任务分解方案的通知`: a title opened by 关于 closes with 的
        // and its kind (…的通知, …的意见); one cut before them goes on on the lines below.
        let mut last = i;
        while let Some((_, after)) = title.split_once("关于")
            && !after.contains('的')
            && last - i < TITLE_CONTINUED_MAX_LINES
            && let Some(next) = candidates.get(last + 1)
            && next.no == candidates[last].no + 1
            && is_title_like(&next.text)
            && ends_like_title(&next.text)
        {
            title.push_str(&next.text);
            last += 1;
        }
        // `某县人民政府办公室` / `关于印发…的通知`: the issuer on the line right above a title that
        // opens with 关于 is the title's first part, as the 公文 title names its issuer.
        if title.starts_with("关于")
            && let Some(above) = first.checked_sub(1).map(|b| candidates[b])
            && candidates[first].no == above.no + 1
            && is_title_like(&above.text)
            && looks_like_issuer(&above.text)
        {
            title = format!("{}{title}", above.text);
        }
        // A title without 关于 broken over two lines (青禾县河道清淤专项 / 两年攻坚实施方案):
        // the line just above continues it unless it is the issuer's letterhead.
        if !title.contains("关于")
            && let Some(above) = i.checked_sub(1).map(|b| candidates[b])
            && line.no - above.no <= 2
            && is_title_like(&above.text)
            && !ends_like_title(&above.text)
            && !looks_like_issuer(&above.text)
        {
            title = format!("{}{title}", above.text);
        }
        let title: String = title.chars().filter(|c| !is_space(*c)).collect();
        return Some(fuller_title_below(&candidates[last + 1..], title));
    }
    None
}

/// The most lines below its first that a title opened by 关于 goes on over.
const TITLE_CONTINUED_MAX_LINES: usize = 2;

/// A portal's page title drops the issuer (`关于印发…的通知`); the 公文 title printed below it,
/// under the 文号, is the same title with the issuer before 关于: that one is the title.
fn fuller_title_below(below: &[&Line], title: String) -> String {
    const LOOK_AHEAD_LINES: usize = 4;
    below
        .iter()
        .take(LOOK_AHEAD_LINES)
        .map(|l| l.text.chars().filter(|c| !is_space(*c)).collect::<String>())
        .find(|text| text.len() > title.len() && text.ends_with(&title) && is_title_like(text))
        .unwrap_or(title)
}

fn is_title_like(text: &str) -> bool {
    let len = text.chars().count();
    (4..=80).contains(&len)
        && !text.contains(SENTENCE_PUNCT)
        && !is_doc_number(text)
        && (!text.contains('年') || find_printed_date(&half_width_digits(text)).is_none())
        && !text.ends_with("文件")
        // `首页 > 通知公告`: a page's breadcrumb trail, not a title.
        && !text.contains(['>', '＞', '»', '›'])
}

fn ends_like_title(text: &str) -> bool {
    // A bracketed qualifier may follow the kind of document: 实施方案（试行）, 清单（2023年版）.
    let core = match text.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(text, |i| &text[..i]),
        None => text,
    };
    let core = core.trim_end_matches(['》', '”', '"']);
    TITLE_ENDINGS.iter().any(|e| core.ends_with(e))
        || (core.chars().count() >= LONG_TITLE_MIN_CHARS
            && LONG_TITLE_ENDINGS.iter().any(|e| core.ends_with(e)))
}

/// The shortest title read by one of the less common endings: longer than a menu item.
const LONG_TITLE_MIN_CHARS: usize = 7;

/// The first line that is only a date (成文日期), or failing that a date at the end of a line.
fn find_date(lines: &[Line]) -> Option<(usize, String)> {
    // A date holds 年: other lines are neither copied nor searched.
    let dated = |l: &&Line| l.text.contains('年');
    let standalone = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| dated(l))
        .find_map(|(i, l)| {
            let text = half_width_digits(&l.text);
            let m = find_printed_date(&text)?;
            (m.start == 0 && text[m.end..].trim_matches(is_space).is_empty()).then(|| (i, m.iso()))
        });
    standalone
        .or_else(|| {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| dated(l))
                .find_map(|(i, l)| {
                    let text = half_width_digits(&l.text);
                    let m = find_printed_date(&text)?;
                    let rest = text[m.end..].trim_matches(is_space);
                    (rest == "印发" && !text[..m.start].contains(SENTENCE_PUNCT))
                        .then(|| (i, m.iso()))
                })
        })
        .and_then(|(i, d)| d.map(|d| (i, d)))
}

/// A date printed in text (`2024年3月1日`, `二〇二二年十二月五日`): where it stands and its parts.
#[derive(Debug, PartialEq, Eq)]
struct PrintedDate<'a> {
    start: usize,
    end: usize,
    year: &'a str,
    month: &'a str,
    day: &'a str,
}

impl PrintedDate<'_> {
    fn iso(&self) -> Option<String> {
        let number = |s: &str| -> Option<u32> {
            s.parse().ok().or_else(|| {
                if s.chars().count() == 4 {
                    // 二〇二二 is read digit by digit.
                    s.chars()
                        .map(|c| chinese_value(&c.to_string()).map(|d| char::from_digit(d, 10)))
                        .collect::<Option<Option<String>>>()??
                        .parse()
                        .ok()
                } else {
                    chinese_value(s)
                }
            })
        };
        let (year, month, day) = (number(self.year)?, number(self.month)?, number(self.day)?);
        ((1..=12).contains(&month) && (1..=31).contains(&day))
            .then(|| format!("{year:04}-{month:02}-{day:02}"))
    }
}

/// The first date printed in `text` (ASCII digits or Chinese numerals; white space allowed
/// around 年 月 日), read by hand: the grammar is a few fixed steps, and a regular expression for
/// it cost more to compile than every line of a notice costs to search.
fn find_printed_date(text: &str) -> Option<PrintedDate<'_>> {
    // Matched rather than searched for in a string: asked of every character of a dated line.
    let is_year_digit = |c: char| {
        matches!(
            c,
            '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        )
    };
    let date_at = |start: usize| -> Option<PrintedDate<'_>> {
        let mut cursor = Cursor::new(&text[start..]);
        let ascii = |c: char| c.is_ascii_digit();
        let year = if text[start..].starts_with(ascii) {
            cursor.run(ascii, 4)?
        } else {
            cursor.run(is_year_digit, 4)?
        };
        (year.chars().count() == 4).then_some(())?;
        /// 年 (or 月), then the month's (or day's) number.
        fn part<'a>(cursor: &mut Cursor<'a>, word: char, numerals: usize) -> Option<&'a str> {
            let ascii = |c: char| c.is_ascii_digit();
            cursor.spaces();
            cursor.one(|c| c == word)?;
            cursor.spaces();
            if cursor.rest().starts_with(ascii) {
                cursor.run(ascii, 2)
            } else {
                cursor.run(
                    |c| {
                        matches!(
                            c,
                            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                        )
                    },
                    numerals,
                )
            }
        }
        let month = part(&mut cursor, '年', 2)?;
        let day = part(&mut cursor, '月', 3)?;
        cursor.spaces();
        cursor.one(|c| c == '日')?;
        Some(PrintedDate {
            start,
            end: start + cursor.at,
            year,
            month,
            day,
        })
    };
    // Every date ends in 日: a line without one is not searched character by character.
    if !text.contains('日') {
        return None;
    }
    text.char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || is_year_digit(*c))
        .find_map(|(i, _)| date_at(i))
}

/// The issuing body signs on the line above the date, or on the date line itself before it.
fn issuer_above(lines: &[Line], date_index: usize) -> Option<String> {
    let date_line = half_width_digits(&lines[date_index].text);
    let before_date = find_printed_date(&date_line)
        .map(|m| date_line[..m.start].trim_matches(is_space))
        .unwrap_or("");
    if looks_like_issuer(before_date) {
        return Some(before_date.to_string());
    }
    let above = lines[..date_index].iter().rev().find(|l| !l.is_blank())?;
    looks_like_issuer(&above.text).then(|| above.text.clone())
}

fn looks_like_issuer(text: &str) -> bool {
    let len = text.chars().count();
    (4..=30).contains(&len)
        && !text.contains(SENTENCE_PUNCT)
        && ISSUER_ENDINGS.iter().any(|e| text.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        read_metadata(&crate::interpret::lines_of(text))
    }

    #[test]
    fn notice_with_split_title_number_issuer_and_date() {
        let m = meta(
            "新政办〔2022〕4号\n\n区人民政府办公室关于切实做好\n区领导联系重点项目工作的通知\n\n各镇人民政府：\n一、明确分工\n正文。\n\n云岭市北湾区人民政府办公室\n        2022年3月9日\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("区人民政府办公室关于切实做好区领导联系重点项目工作的通知")
        );
        assert_eq!(m.doc_number.as_deref(), Some("新政办〔2022〕4号"));
        assert_eq!(m.issuer.as_deref(), Some("云岭市北湾区人民政府办公室"));
        assert_eq!(m.date.as_deref(), Some("2022-03-09"));
    }

    #[test]
    fn a_breakdown_of_tasks_is_titled_as_one() {
        let m = meta("青石乡2025年森林防火工作任务分解\n\n一、加强巡护\n正文。\n");
        assert_eq!(m.title.as_deref(), Some("青石乡2025年森林防火工作任务分解"));
        assert_eq!(meta("现将任务分解如下。\n").title, None);
    }

    #[test]
    fn a_title_ends_in_any_kind_of_document() {
        for title in [
            "某县2027年营商环境优化重点任务",
            "某镇2027年防汛工作安排",
            "某县促进消费的若干措施",
            "某县重点项目工作台账",
            "某县政府常务会议纪要",
            "某县2027年民生实事责任分工表",
            "某县城乡环境整治百日攻坚行动",
            "某县2027年生态环境保护重点工作",
            "某县2027年十件民生实事",
            "某市2027年市级重点建设项目",
            "某县2027年城乡供水一体化工程",
            "某区2027年优化营商环境十项举措",
        ] {
            assert_eq!(
                meta(&format!("{title}\n\n一、明确分工\n正文。\n"))
                    .title
                    .as_deref(),
                Some(title)
            );
        }
        assert_eq!(
            meta("首页 > 政务公开 > 通知公告\n某县防汛工作安排通知\n一、明确分工\n")
                .title
                .as_deref(),
            Some("某县防汛工作安排通知")
        );
        // A menu's items end so too, and are short.
        for item in [
            "通知公告",
            "办事指南",
            "规章制度",
            "重点任务",
            "年度重点工作",
            "民生实事",
            "重点项目",
            "重大工程",
        ] {
            assert_eq!(meta(&format!("{item}\n一、明确分工\n正文。\n")).title, None);
        }
    }

    #[test]
    fn title_across_a_blank_line_and_full_width_and_chinese_dates() {
        let m = meta(
            "某市人民政府关于印发\n\n市政府领导联系服务企业清单的通知\n各县（区）人民政府：\n某市人民政府\n二〇二二年二月七日\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("某市人民政府关于印发市政府领导联系服务企业清单的通知")
        );
        assert_eq!(m.date.as_deref(), Some("2022-02-07"));
        assert_eq!(
            meta("x\n某市人民政府办公室   2022年2月７日印发")
                .date
                .as_deref(),
            Some("2022-02-07")
        );
    }

    #[test]
    fn a_title_opened_by_guanyu_goes_on_to_its_kind() {
        // The first line ends like a title (…重点工作) but 关于 has not met its 的 yet.
        assert_eq!(
            meta("某县人民政府办公室\n关于印发某县2027年重点工作\n任务分解方案的通知\n各乡镇：")
                .title
                .as_deref(),
            Some("某县人民政府办公室关于印发某县2027年重点工作任务分解方案的通知")
        );
        // A title that has met its kind takes no line below.
        assert_eq!(
            meta("关于加强安全生产工作的意见\n安全生产工作方案\n")
                .title
                .as_deref(),
            Some("关于加强安全生产工作的意见")
        );
    }

    #[test]
    fn a_title_broken_over_two_lines_is_joined_but_not_with_the_letterhead() {
        assert_eq!(
            meta("青禾县河道清淤专项\n两年攻坚实施方案\n一、总体要求")
                .title
                .as_deref(),
            Some("青禾县河道清淤专项两年攻坚实施方案")
        );
        assert_eq!(
            meta("青禾县人民政府文件\n\n青禾县防汛工作方案\n一、总体要求")
                .title
                .as_deref(),
            Some("青禾县防汛工作方案")
        );
        assert_eq!(
            meta("青禾县人民政府办公室\n青禾县防汛工作方案\n")
                .title
                .as_deref(),
            Some("青禾县防汛工作方案")
        );
    }

    #[test]
    fn an_issuer_on_the_line_above_a_title_opening_with_guanyu_is_part_of_it() {
        assert_eq!(
            meta("青禾县人民政府办公室\n关于印发青禾县防汛\n工作方案的通知\n\n各乡镇：")
                .title
                .as_deref(),
            Some("青禾县人民政府办公室关于印发青禾县防汛工作方案的通知")
        );
        // Across a blank line, the issuer is a letterhead.
        assert_eq!(
            meta("青禾县人民政府办公室\n\n关于印发青禾县防汛工作方案的通知\n")
                .title
                .as_deref(),
            Some("关于印发青禾县防汛工作方案的通知")
        );
    }

    #[test]
    fn the_title_under_the_doc_number_is_preferred_to_the_portals_shorter_one() {
        let m = meta(
            "关于印发某区河道保洁方案的通知\n某管办〔2022〕9号\n某区管委会办公室关于印发某区河道保洁方案的通知\n各部门：\n现印发给你们。\n某区管委会\n2022年5月6日\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("某区管委会办公室关于印发某区河道保洁方案的通知")
        );
        assert_eq!(m.issuer.as_deref(), Some("某区管委会"));
        assert_eq!(m.date.as_deref(), Some("2022-05-06"));
    }

    #[test]
    fn the_hand_written_date_reader_finds_what_the_regular_expression_found() {
        let oracle = regex::Regex::new(r"([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日").unwrap();
        // Dates made of the grammar's parts, each part now and then replaced by a wrong one.
        let parts: [&[&str]; 7] = [
            &["", "于", "12", "〇"],
            &["2019", "二〇二二", "201", "20190", "〇〇一"],
            &["年", " 年 ", "月"],
            &["3", "12", "123", "十", "十二", "三十一", ""],
            &["月", " 月", "日"],
            &["1", "31", "十", "三十一", "一二三四", ""],
            &["日", " 日印发", "号", ""],
        ];
        let mut found = 0;
        for text in crate::test_samples::lines(&parts, 20_000) {
            let expected = oracle.captures(&text).map(|c| {
                (
                    c.get(0).unwrap().range(),
                    c[1].to_string(),
                    c[2].to_string(),
                    c[3].to_string(),
                )
            });
            let got = find_printed_date(&text).map(|d| {
                (
                    d.start..d.end,
                    d.year.to_string(),
                    d.month.to_string(),
                    d.day.to_string(),
                )
            });
            assert_eq!(got, expected, "{text:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 100, "the samples hold dates: {found}");
        for text in [
            "成文于2024年 3 月 1日印发",
            "二〇二二年十二月三十一日",
            "12024年1月2日",
        ] {
            assert!(find_printed_date(text).is_some(), "{text}");
        }
    }

    #[test]
    fn a_pages_information_block_gives_the_doc_number_and_the_date_written() {
        let info = read_page_info([
            "发布时间：2025-03-12 10:00　来源：县政府办公室　浏览次数：128",
            "索 引 号：",
            "001003/2025-00012",
            "文　　号：",
            "云政发〔2025〕7号",
            "成文日期：",
            "2025年03月10日",
        ]);
        assert_eq!(info.doc_number.as_deref(), Some("云政发〔2025〕7号"));
        assert_eq!(info.date.as_deref(), Some("2025-03-10"), "成文日期 first");
        let bar = read_page_info(["文号：青政办发〔2024〕5号　发布日期：2024/3/5"]);
        assert_eq!(bar.doc_number.as_deref(), Some("青政办发〔2024〕5号"));
        assert_eq!(bar.date.as_deref(), Some("2024-03-05"));
        let issuer = read_page_info([
            "发布机构：北湾区发展和改革委员会　发布日期：2024-03-05",
            "发文机关：另一个区人民政府",
        ]);
        assert_eq!(
            issuer.issuer.as_deref(),
            Some("北湾区发展和改革委员会"),
            "the first"
        );
        let table = read_page_info(["发 布 机 构", "青山县人民政府办公室", "成文日期"]);
        assert_eq!(table.issuer.as_deref(), Some("青山县人民政府办公室"));
        let next_label = read_page_info(["发文机关", "成文日期：2024年1月1日"]);
        assert_eq!(next_label.issuer, None, "a label is no issuer");
        assert_eq!(
            read_page_info(["发布日期", "2024-03-05"]).date.as_deref(),
            Some("2024-03-05")
        );
        // Labels inside a sentence, values that are no 文号 or date: nothing.
        let none = read_page_info([
            "请在报送材料中注明文号",
            "文号：见附件",
            "发布日期：近日",
            "主要内容：成文日期：待定",
            "发布机构：详见正文，以上级通知为准",
        ]);
        assert_eq!(none, Metadata::default());
    }

    #[test]
    fn the_hand_written_note_reader_finds_what_the_regular_expression_found() {
        // The old expression, with the spaced-out label `说 明` that the vocabulary now allows.
        let oracle = regex::Regex::new(r"^(?:备\s*注|注|说\s*明)\s*[：:]").unwrap();
        let parts: &[&[&str]] = &[
            &[
                "备",
                "注",
                "说",
                "明",
                "备 注",
                "说\u{3000}明",
                " ",
                "",
                "附",
            ],
            &["注", "明", "", " ", "\t", "备"],
            &["：", ":", "", " ：", "，", "注："],
            &["", " 各单位按时报送 ", "x", "：二"],
        ];
        let mut notes = 0;
        for line in crate::test_samples::lines(parts, 20_000) {
            let expected = oracle.find(&line).map(|m| line[m.end()..].trim());
            assert_eq!(note(&line), expected, "{line:?}");
            notes += usize::from(expected.is_some());
        }
        assert!(notes > 1_000, "only {notes} of the lines were notes");
        assert_eq!(note("备  注：请于月底前报送"), Some("请于月底前报送"));
        assert_eq!(note("注意：安全"), None);
    }

    #[test]
    fn no_title_when_none_is_printed() {
        assert_eq!(
            meta("您当前的位置:政策法规\n为深入贯彻落实，提出以下意见。\n一、总体要求").title,
            None
        );
    }
}
