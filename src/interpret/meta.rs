//! Document metadata: title, 文号, 发文机关, 成文日期, 备注.

use super::Line;
use super::numbering::{chinese_value, parse_label};
use crate::normalize::half_width_digits;
use crate::normalize::is_space;
use crate::vocab::{ISSUER_ENDINGS, TITLE_ENDINGS};
use regex::Regex;
use std::sync::LazyLock;

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Han}{1,12}\s*[〔\[［【(（]\s*[0-9０-９]{4}\s*[〕\]］】)）]\s*[0-9０-９]{1,4}\s*号$",
    )
    .unwrap()
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日").unwrap()
});
static NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:备\s*注|注|说明)\s*[：:]").unwrap());
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
            .find(|t| DOC_NUMBER.is_match(t))
            .map(str::to_string),
        issuer: date_index.and_then(|i| issuer_above(lines, i)),
        date,
    }
}

/// A 备注 line's text, if the line is one.
pub fn note(line: &str) -> Option<&str> {
    NOTE.find(line).map(|m| line[m.end()..].trim())
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
                    break;
                }
            }
        }
        // A title without 关于 broken over two lines (东宁市安全生产专项整治 / 三年行动总体方案):
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
        return Some(fuller_title_below(&candidates[i + 1..], title));
    }
    None
}

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
        && !DOC_NUMBER.is_match(text)
        && !DATE.is_match(&half_width_digits(text))
        && !text.ends_with("文件")
}

fn ends_like_title(text: &str) -> bool {
    // A bracketed qualifier may follow the kind of document: 实施方案（试行）, 清单（2023年版）.
    let core = match text.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(text, |i| &text[..i]),
        None => text,
    };
    let core = core.trim_end_matches(['》', '”', '"']);
    TITLE_ENDINGS.iter().any(|e| core.ends_with(e))
}

/// The first line that is only a date (成文日期), or failing that a date at the end of a line.
fn find_date(lines: &[Line]) -> Option<(usize, String)> {
    let standalone = lines.iter().enumerate().find_map(|(i, l)| {
        let text = half_width_digits(&l.text);
        let m = DATE.find(&text)?;
        (m.start() == 0 && text[m.end()..].trim_matches(is_space).is_empty())
            .then(|| (i, iso_date(m.as_str())))
    });
    standalone
        .or_else(|| {
            lines.iter().enumerate().find_map(|(i, l)| {
                let text = half_width_digits(&l.text);
                let m = DATE.find(&text)?;
                let rest = text[m.end()..].trim_matches(is_space);
                (rest == "印发" && !text[..m.start()].contains(SENTENCE_PUNCT))
                    .then(|| (i, iso_date(m.as_str())))
            })
        })
        .and_then(|(i, d)| d.map(|d| (i, d)))
}

fn iso_date(printed: &str) -> Option<String> {
    let caps = DATE.captures(printed)?;
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
    let (year, month, day) = (number(&caps[1])?, number(&caps[2])?, number(&caps[3])?);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The issuing body signs on the line above the date, or on the date line itself before it.
fn issuer_above(lines: &[Line], date_index: usize) -> Option<String> {
    let date_line = half_width_digits(&lines[date_index].text);
    let before_date = DATE
        .find(&date_line)
        .map(|m| date_line[..m.start()].trim_matches(is_space))
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
            "新政办〔2022〕4号\n\n区人民政府办公室关于进一步加强\n区政府领导安全生产责任的通知\n\n各镇人民政府：\n一、明确分工\n正文。\n\n武汉市新洲区人民政府办公室\n        2022年3月9日\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("区人民政府办公室关于进一步加强区政府领导安全生产责任的通知")
        );
        assert_eq!(m.doc_number.as_deref(), Some("新政办〔2022〕4号"));
        assert_eq!(m.issuer.as_deref(), Some("武汉市新洲区人民政府办公室"));
        assert_eq!(m.date.as_deref(), Some("2022-03-09"));
    }

    #[test]
    fn title_across_a_blank_line_and_full_width_and_chinese_dates() {
        let m = meta(
            "某市人民政府关于印发\n\n市政府领导安全生产职责清单的通知\n各县（区）人民政府：\n某市人民政府\n二〇二二年二月七日\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("某市人民政府关于印发市政府领导安全生产职责清单的通知")
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
    fn a_title_broken_over_two_lines_is_joined_but_not_with_the_letterhead() {
        assert_eq!(
            meta("东宁市安全生产专项整治\n三年行动总体方案\n一、总体要求")
                .title
                .as_deref(),
            Some("东宁市安全生产专项整治三年行动总体方案")
        );
        assert_eq!(
            meta("东宁市人民政府文件\n\n东宁市安全生产工作方案\n一、总体要求")
                .title
                .as_deref(),
            Some("东宁市安全生产工作方案")
        );
        assert_eq!(
            meta("东宁市人民政府办公室\n东宁市安全生产工作方案\n")
                .title
                .as_deref(),
            Some("东宁市安全生产工作方案")
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
    fn no_title_when_none_is_printed() {
        assert_eq!(
            meta("您当前的位置:政策法规\n为深入贯彻落实，提出以下意见。\n一、总体要求").title,
            None
        );
    }
}
