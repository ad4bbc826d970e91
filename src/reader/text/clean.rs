//! Text → cleaned lines: line endings, conversion debris, page numbers, padding spaces.

use crate::document::Position;
use crate::error::Warning;
use crate::normalize::{is_han, is_space};

/// Placeholders Word-to-text converters leave where an image, field or bookmark stood.
/// Word's placeholders left in exported text: `[image: …]`, `[bookmark: _Toc12]`. The text
/// after the colon is short and ends at the bracket.
const DEBRIS_WORDS: &[&str] = &["image", "bookmark", "IMAGE", "Image"];
const DEBRIS_TEXT_MAX_CHARS: usize = 80;

/// The byte ranges of every placeholder in `line`, left to right.
fn debris(line: &str) -> Vec<std::ops::Range<usize>> {
    use crate::document::numbering::Cursor;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('[').map(|i| from + i) {
        let mut cursor = Cursor::new(&line[open + 1..]);
        let end = DEBRIS_WORDS
            .iter()
            .find(|w| cursor.rest().starts_with(*w))
            .and_then(|w| {
                cursor.at += w.len();
                cursor
                    .spaces_then(|c| matches!(c, ':' | '：'))
                    .then_some(())?;
                let close = cursor
                    .rest()
                    .char_indices()
                    .take(DEBRIS_TEXT_MAX_CHARS + 1)
                    .find(|(_, c)| matches!(c, ']' | '\n'))
                    .filter(|(_, c)| *c == ']')?;
                Some(open + 1 + cursor.at + close.0 + 1)
            });
        match end {
            Some(end) => {
                found.push(open..end);
                from = end;
            }
            None => from = open + 1,
        }
    }
    found
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// The line began with a tab (a table cell in a Word text export).
    pub cell_start: bool,
    /// Debris stood where the line's number should be (`[image: IM 72].区委常委…`).
    pub lost_label: bool,
    /// Cleaned text: debris removed, outer spaces trimmed, inner spacing kept.
    pub text: String,
    /// How far the text stood from the line's start, in display columns (a wide character two):
    /// where a table aligned by spaces puts its columns.
    pub indent: usize,
    /// The cells of a line that holds a whole table row (cells split by tabs, or a `| … |` pipe
    /// row), split before trimming so that empty cells keep their column. A pipe table's `|---|`
    /// rule gives an empty list.
    pub cells: Option<Vec<String>>,
}

impl Line {
    /// An empty line; an empty table cell (a lone tab) is not blank.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && !self.cell_start
    }
}

pub fn clean_lines(text: &str, warnings: &mut Vec<Warning>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut row_above = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.trim_end_matches('\r');
        let mut line = clean_line(index + 1, raw, warnings);
        if line.cells.is_none() && row_above >= MIN_ROW_CELLS {
            line.cells = lone_cell_row(raw);
        }
        if !line.is_blank() {
            row_above = line.cells.as_ref().map_or(0, Vec::len);
        }
        lines.push(line);
    }
    bare_pipe_tables(&mut lines);
    lines
}

/// A row of tabs has at least this many cells.
const MIN_ROW_CELLS: usize = 3;

/// Under a row of tabs, a line that fills one cell of its own (`\t\t配套建设停车场\t\t`: tabs
/// on both sides, or two before it) is a row too: its cell keeps its column. (A single tab
/// before a line alone is a Word export's indent.)
fn lone_cell_row(raw: &str) -> Option<Vec<String>> {
    let text = raw.trim_matches(|c: char| c != '\t' && is_space(c));
    let leading = text.len() - text.trim_start_matches('\t').len();
    let trailing = text.len() - text.trim_end_matches('\t').len();
    let core = text.trim_matches('\t');
    if core.is_empty() || leading == 0 || (trailing == 0 && leading < 2) {
        return None;
    }
    let cells = text
        .split('\t')
        .map(|c| c.trim_matches(is_space).to_string())
        .collect();
    Some(cells)
}

/// A pipe table printed without the outer pipes (`序号 | 任务 | 牵头单位`, then `--- | --- | ---`):
/// the delimiter row under the header says it is one, so the header and the rows with pipes
/// below it are rows, a short one filled out at its end. One pass; a pipe in prose without that
/// delimiter row stays text.
fn bare_pipe_tables(lines: &mut [Line]) {
    let mut i = 1;
    while i < lines.len() {
        let header = &lines[i - 1];
        if lines[i].cells.is_some()
            || header.cells.is_some()
            || !header.text.contains('|')
            || !is_delimiter_row(&lines[i].text)
        {
            i += 1;
            continue;
        }
        let header_cells = pipe_cells(&lines[i - 1].text);
        let width = header_cells.len();
        lines[i - 1].cells = Some(header_cells);
        lines[i].cells = Some(Vec::new());
        i += 1;
        while i < lines.len() && lines[i].cells.is_none() && lines[i].text.contains('|') {
            // As Markdown reads it, a short row lacks its last cells, not its first.
            let mut cells = pipe_cells(&lines[i].text);
            if cells.len() < width {
                cells.resize(width, String::new());
            }
            lines[i].cells = Some(cells);
            i += 1;
        }
    }
}

/// `--- | :---: | ---`: a pipe table's delimiter row, with or without outer pipes.
fn is_delimiter_row(text: &str) -> bool {
    text.contains('|')
        && text.contains("---")
        && text
            .chars()
            .all(|c| matches!(c, '-' | ':' | '|') || is_space(c))
}

/// The cells of a pipe row, outer pipes optional.
fn pipe_cells(text: &str) -> Vec<String> {
    let trimmed = text.trim_matches(is_space);
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|c| c.trim_matches(is_space).replace("<br>", "\n"))
        .collect()
}

fn clean_line(no: usize, raw: &str, warnings: &mut Vec<Warning>) -> Line {
    let trimmed_start = raw.trim_start_matches(is_space);
    let leading_len = raw.len() - trimmed_start.len();
    let cell_start = raw[..leading_len].contains('\t');
    // Debris is bracketed: nearly every line has none, and is then used as it stands.
    let found = debris(raw);
    let lost_label = found
        .first()
        .is_some_and(|m| m.start == leading_len && raw[m.end..].starts_with(['.', '．', '、']));
    let without_debris;
    let text = if found.is_empty() {
        raw
    } else {
        let mut text = String::with_capacity(raw.len());
        let mut last = 0;
        for m in found {
            let before = raw[..m.start].chars().next_back();
            let after = raw[m.end..].chars().next();
            if before.is_some_and(is_han) && after.is_some_and(is_han) {
                warnings.push(Warning::at(
                    Position::Line {
                        line: no,
                        column: raw[..m.start].chars().count() + 1,
                    },
                    format!(
                        "removed `{}` from inside a word; a character may be lost there",
                        &raw[m.clone()]
                    ),
                ));
            }
            text.push_str(&raw[last..m.start]);
            last = m.end;
        }
        text.push_str(&raw[last..]);
        without_debris = text;
        without_debris.as_str()
    };
    let cells = delimited_row(text);
    let mut text = text.trim_matches(is_space);
    if lost_label {
        text = text.trim_start_matches(['.', '．', '、']);
    }
    let text = if is_page_number(text) {
        String::new()
    } else {
        text.to_string()
    };
    let cell_start = cell_start && cells.is_none();
    Line {
        no,
        cell_start,
        lost_label,
        text,
        cells,
        indent: crate::normalize::display_width(&raw[..leading_len]),
    }
}

/// A page number printed as its own line: －２－, - 2 -, —3—, 第 2 页, 第2页共9页.
fn is_page_number(text: &str) -> bool {
    use crate::document::numbering::{Cursor, is_arabic_digit};
    let dash = |c: char| matches!(c, '－' | '-' | '—' | '–');
    let mut cursor = Cursor::new(text);
    let number = |cursor: &mut Cursor<'_>| {
        cursor.spaces();
        let digits = cursor.run(is_arabic_digit, 4);
        cursor.spaces();
        digits.is_some()
    };
    let page = if cursor.one(dash).is_some() {
        number(&mut cursor) && cursor.one(dash).is_some()
    } else if cursor.one(|c| c == '第').is_some() {
        number(&mut cursor) && cursor.one(|c| c == '页').is_some() && {
            let before_total = cursor;
            let total = cursor.spaces_then(|c| c == '共')
                && number(&mut cursor)
                && cursor.one(|c| c == '页').is_some();
            if !total {
                cursor = before_total;
            }
            true
        }
    } else {
        false
    };
    page && cursor.rest().is_empty()
}

/// The cells of a row given on one line: tab-separated (a tab after the first character, so a
/// Word export's single leading tab is a cell start, not a row), or a pipe-table row.
fn delimited_row(raw: &str) -> Option<Vec<String>> {
    let text = raw.trim_matches(|c: char| c != '\t' && is_space(c));
    let trimmed = text.trim();
    if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 2 {
        let inner = &trimmed[1..trimmed.len() - 1];
        if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
            return Some(Vec::new());
        }
        return Some(pipe_cells(trimmed));
    }
    // Leading tabs are empty leading cells only when the line also separates cells inside it.
    if !text.trim_matches('\t').contains('\t') {
        return None;
    }
    let cells: Vec<String> = text
        .split('\t')
        .map(|c| c.trim_matches(is_space).to_string())
        .collect();
    (cells.iter().filter(|c| !c.is_empty()).count() >= 1 && cells.len() >= 2).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn placeholders_are_found_as_the_regular_expression_found_them() {
        let oracle =
            Regex::new(r"\[(?:image|bookmark|IMAGE|Image)\s*[:：][^\]\n]{0,80}\]").unwrap();
        let parts: [&[&str]; 6] = [
            &["", "文字", "[", "[[", "a]"],
            &["[image", "[bookmark", "[IMAGE", "[Image", "[img", "image"],
            &["", " ", "　"],
            &[":", "：", ""],
            &[
                "",
                " _Toc1",
                "\n",
                "x".repeat(80).leak(),
                "y".repeat(81).leak(),
                "[image:a]",
            ],
            &["]", "]]", "", "]文字[image:b]"],
        ];
        let mut hits = 0;
        for text in crate::test_samples::lines(&parts, 5_000) {
            let expected: Vec<_> = oracle.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(debris(&text), expected, "{text:?}");
            hits += expected.len();
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn page_numbers_are_read_as_the_regular_expression_read_them() {
        let oracle = Regex::new(r"^(?:[－\-—–]\s*[0-9０-９]{1,4}\s*[－\-—–]|第\s*[0-9０-９]{1,4}\s*页(?:\s*共\s*[0-9０-９]{1,4}\s*页)?)$").unwrap();
        let parts: [&[&str]; 6] = [
            &["－", "-", "—", "第", "（"],
            &["", " ", "　"],
            &["2", "１２", "12345", ""],
            &["", " "],
            &["－", "-", "页", "页 共 9 页", "页共", "页共9", "条"],
            &["", "页", " ", "x"],
        ];
        let mut pages = 0;
        for text in crate::test_samples::lines(&parts, 5_000) {
            assert_eq!(is_page_number(&text), oracle.is_match(&text), "{text:?}");
            pages += usize::from(oracle.is_match(&text));
        }
        assert!(pages > 100, "{pages}");
    }

    #[test]
    fn debris_page_numbers_crlf_and_padding_go() {
        let mut warnings = Vec::new();
        let lines = clean_lines(
            "[bookmark: _GoBack]标题\r\n\t序号\r\n－２－\r\n　　正文　",
            &mut warnings,
        );
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["标题", "序号", "", "正文"]);
        assert!(lines[1].cell_start && !lines[0].cell_start);
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_lone_cell_between_tabs_under_a_row_is_a_row_and_an_indent_is_not() {
        let text =
            "1\t修路\t县交通局\n\t\t建桥\t\n\t\t县财政局\n\t段落缩进\n说明\n\t\t不在表下\t\n";
        let lines = clean_lines(text, &mut Vec::new());
        let cells: Vec<Option<Vec<&str>>> = lines
            .iter()
            .map(|l| {
                l.cells
                    .as_ref()
                    .map(|c| c.iter().map(String::as_str).collect())
            })
            .collect();
        assert_eq!(cells[1], Some(vec!["", "", "建桥", ""]));
        assert_eq!(cells[2], Some(vec!["", "", "县财政局"]));
        assert_eq!(
            cells[3], None,
            "a single tab before a line alone is an indent"
        );
        assert_eq!(cells[5], None, "not under a row");
    }

    #[test]
    fn debris_inside_a_word_warns_with_line() {
        let mut warnings = Vec::new();
        let lines = clean_lines("第一行\n军工[image: IM 84]工业", &mut warnings);
        assert_eq!(lines[1].text, "军工工业");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line(), Some(2));
    }

    #[test]
    fn debris_in_place_of_a_number_is_marked() {
        let mut warnings = Vec::new();
        let lines = clean_lines("[image: IM 72].区委常委李先勇分管", &mut warnings);
        assert!(lines[0].lost_label);
        assert_eq!(lines[0].text, "区委常委李先勇分管");
    }

    #[test]
    fn a_pipe_table_without_outer_pipes_is_known_by_its_delimiter_row() {
        let text = "说明 | 见下表\n序号 | 任务 | 牵头单位\n--- | :---: | ---\n1 | 修路 | 县交通局\n2 | 建桥 |\n以上任务年底前完成。";
        let lines = clean_lines(text, &mut Vec::new());
        let cells: Vec<Option<Vec<String>>> = lines.iter().map(|l| l.cells.clone()).collect();
        let row = |cells: &[&str]| Some(cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(
            cells,
            [
                None,
                row(&["序号", "任务", "牵头单位"]),
                Some(Vec::new()),
                row(&["1", "修路", "县交通局"]),
                row(&["2", "建桥", ""]),
                None,
            ]
        );
        // A pipe in prose, with no delimiter row under it, is text.
        let lines = clean_lines("甲 | 乙\n丙 | 丁", &mut Vec::new());
        assert!(lines.iter().all(|l| l.cells.is_none()));
    }
}
