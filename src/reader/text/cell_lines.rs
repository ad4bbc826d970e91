//! A table printed one cell a line (`序号` / `工作任务` / `牵头单位` / … / `1` / `新建…` / `县住建局`
//! / …), as a PDF's text or a page copied without its table often gives one: the header is a run
//! of lines that are each a header's word, opening with 序号, and each row starts with a line
//! holding the next number, so the rows are cut as a table flattened onto one line is
//! ([`super::flat_table::cut_rows`]). A cell broken over lines is the task's (the one cell that
//! reads as prose). So is a table printed a row a line with its cells set apart by single spaces
//! (one full-width space each, as some exports print them), which do not line up.

use super::clean::Line;
use super::flat_table::{CutRows, cut_rows};
use crate::normalize::is_space;
use crate::vocab::{Column, header_column};

/// Returns the lines with every table printed one cell a line made into lines of whole rows
/// (with their cells), as a table printed a row a line gives them.
pub fn join_rows(lines: Vec<Line>) -> Vec<Line> {
    // Most texts hold no line that is a header's 序号 alone, or a header set apart by spaces:
    // nothing to do.
    if !lines
        .iter()
        .any(|l| opens_header(l) || opens_spaced_header(l))
    {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let cut = if opens_header(&lines[i]) {
            rows_from(&lines, i, false)
        } else if opens_spaced_header(&lines[i]) {
            rows_from(&lines, i, true)
        } else {
            None
        };
        if let Some(CutRows { rows, last }) = cut {
            for (at, cells) in rows {
                let mut row = lines[at].clone();
                row.text = cells.join("\t");
                row.cells = Some(cells);
                out.push(row);
            }
            i = last + 1;
            continue;
        }
        out.push(lines[i].clone());
        i += 1;
    }
    out
}

/// The longest line read as a number column's header (`序号`, `序 号`, `编号（项）`), in bytes:
/// longer lines are not asked, so a notice's paragraphs cost nothing here.
const SEQ_HEADER_MAX_BYTES: usize = 24;

/// A line that is 序号 alone, as a header printed a cell a line opens.
fn opens_header(line: &Line) -> bool {
    // Every name of the number column holds 号 or 次 or is `No.` (序号, 编号, 项次): the header
    // lookup is asked only then.
    is_plain(line)
        && line.text.len() <= SEQ_HEADER_MAX_BYTES
        && (line.text.contains(['号', '次']) || line.text.starts_with(['N', 'n']))
        && header_column(&line.text) == Some(Column::Seq)
}

/// The longest line read as a header whose words are set apart by spaces, in bytes.
const SPACED_HEADER_MAX_BYTES: usize = 160;

/// A line that is a table's header with its words set apart by spaces (`序号　工作任务　牵头单位
/// 　完成时限`, one full-width space or one space each, not aligned with the rows): three words or
/// more, each a header's, opening with 序号.
fn opens_spaced_header(line: &Line) -> bool {
    // Wider gaps line the words up with the rows' cells: a table the aligned reader cuts by
    // its columns, cells broken over lines and all.
    if !is_plain(line)
        || line.text.len() > SPACED_HEADER_MAX_BYTES
        || !(line.text.contains(['号', '次']) || line.text.starts_with(['N', 'n']))
        || line.text.contains("  ")
        || line.text.contains("\u{3000}\u{3000}")
    {
        return false;
    }
    let mut words = line.text.split(is_space).filter(|w| !w.is_empty());
    let opens = words
        .next()
        .is_some_and(|w| header_column(w) == Some(Column::Seq));
    let mut count = 1;
    opens
        && words.all(|w| {
            count += 1;
            header_column(w).is_some()
        })
        && count >= 3
}

/// A line that is no part of a table of another shape: no row's cells, and no cell of Word's
/// text export (which starts each cell with a tab and is read as such).
fn is_plain(line: &Line) -> bool {
    line.cells.is_none() && !line.cell_start
}

/// The rows of the table whose header opens at line `start`, tagged with their lines' indexes:
/// each line a cell, or, where `spaced`, each line's pieces between spaces. Blank lines between
/// cells are passed over; a line of a table of another shape ends it.
fn rows_from(lines: &[Line], start: usize, spaced: bool) -> Option<CutRows<usize>> {
    let pieces = lines
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, line)| is_plain(line))
        .flat_map(|(at, line)| {
            line.text
                .split(move |c| spaced && is_space(c))
                .filter(|piece| !piece.trim().is_empty())
                .map(move |piece| (at, piece))
        });
    cut_rows(pieces, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(n, l)| Line {
                no: n + 1,
                cell_start: false,
                lost_label: false,
                text: l.trim().to_string(),
                indent: 0,
                cells: None,
            })
            .collect()
    }

    #[test]
    fn a_table_printed_a_cell_a_line_becomes_rows() {
        let text = "分解表\n序号\n工作任务\n牵头单位\n配合单位\n完成时限\n1\n新建城区污水管网\n20公里\n县住建局\n县财政局\n2026年11月底\n2\n完成农村公路改造\n县交通运输局\n2026年10月底\n以上任务由县政府督查室跟踪督办。";
        let joined = join_rows(lines(text));
        let rows: Vec<&Vec<String>> = joined.iter().filter_map(|l| l.cells.as_ref()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            &["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
        );
        assert_eq!(
            rows[1],
            &[
                "1",
                "新建城区污水管网20公里",
                "县住建局",
                "县财政局",
                "2026年11月底"
            ]
        );
        // A cell left empty keeps the time limit in its column.
        assert_eq!(
            rows[2],
            &["2", "完成农村公路改造", "县交通运输局", "", "2026年10月底"]
        );
        assert_eq!(joined[0].text, "分解表");
        assert_eq!(
            joined.last().unwrap().text,
            "以上任务由县政府督查室跟踪督办。"
        );
        // Each row keeps the line it starts at.
        assert_eq!(joined[1].no, 2);
        assert_eq!(joined[3].no, 13);
    }

    #[test]
    fn a_table_whose_cells_are_set_apart_by_single_spaces_becomes_rows() {
        let text = "分解表\n序号　工作任务　牵头单位　配合单位　完成时限\n1　新建公路10公里　县交通局　县财政局　2027年12月\n2　改造桥梁5座　县交通局　　2027年10月\n3 整治危房 县住建局 县民政局 2027年12月\n以上任务由县政府督查室跟踪督办。";
        let joined = join_rows(lines(text));
        let rows: Vec<&Vec<String>> = joined.iter().filter_map(|l| l.cells.as_ref()).collect();
        assert_eq!(rows.len(), 4, "{joined:?}");
        assert_eq!(
            rows[1],
            &["1", "新建公路10公里", "县交通局", "县财政局", "2027年12月"]
        );
        assert_eq!(rows[2], &["2", "改造桥梁5座", "县交通局", "", "2027年10月"]);
        assert_eq!(rows[3][2], "县住建局");
        assert_eq!(
            joined.last().unwrap().text,
            "以上任务由县政府督查室跟踪督办。"
        );
        // Prose set apart by spaces is no header.
        assert!(!opens_spaced_header(&lines("序号 我们 要 做好")[0]));
        assert!(!opens_spaced_header(&lines("序号　工作任务")[0]));
        // A header lined up with its rows by wider gaps is the aligned reader's.
        assert!(!opens_spaced_header(
            &lines("序号    重点任务    牵头单位    完成时限")[0]
        ));
    }

    #[test]
    fn every_name_of_the_number_column_opens_a_header() {
        let names = crate::vocab::COLUMN_HEADERS
            .iter()
            .chain(crate::vocab::HEADER_ROLE_WORDS)
            .filter(|(_, column)| *column == Column::Seq)
            .map(|(name, _)| *name);
        for name in names.chain(["序 号", "任务编号"]) {
            let line = &lines(name)[0];
            assert!(opens_header(line), "{name}");
        }
        assert!(!opens_header(&lines("工作任务")[0]));
    }

    #[test]
    fn header_words_on_lines_without_numbered_rows_stay_text() {
        for text in [
            "序号\n工作任务\n牵头单位\n说明：请各单位按上述格式报送。",
            "序号\n工作任务\n牵头单位\n1\n修路\n县交通局\n以上任务年底前完成。",
            "序号\n名称\n1\n修路\n2\n建桥",
        ] {
            let joined = join_rows(lines(text));
            assert!(joined.iter().all(|l| l.cells.is_none()), "{text}");
            assert_eq!(joined.len(), text.lines().count());
        }
    }
}
