//! Rows that a copy broke over several lines, put back together before the table is built.
//!
//! A cell of several lines breaks its row wherever a table is copied as text: Excel quotes such a
//! cell (`"县教育局⏎县发改局"`, a quote inside doubled), Word does not, and the row's cells go on
//! on the next line. Either way the row's cells are its lines' cells, the cell at the break joined
//! with a line break.

/// A row as printed: the number of the line it starts on, and its cells.
pub type PrintedRow = (usize, Vec<String>);

/// The rows with every broken row mended: a quoted cell left open is closed by the lines after
/// it, and a numbered row short of the header's width whose next line is short by the rest of it
/// (but for the cell the break split) is joined with that line.
pub fn mend_rows(rows: Vec<PrintedRow>) -> Vec<PrintedRow> {
    let width = rows.first().map_or(0, |(_, cells)| cells.len());
    let mut mended: Vec<PrintedRow> = Vec::with_capacity(rows.len());
    let mut open_quote = false;
    for (line, cells) in rows {
        let Some((_, last)) = mended.last_mut() else {
            open_quote = opens_quote(&cells);
            mended.push((line, cells));
            continue;
        };
        if let Some(column) = continues_the_one_cell_cut_short(last, &cells) {
            last[column].push_str(&cells[0]);
            continue;
        }
        if continues_its_cells(last, &cells) {
            // A cell cut short goes on where it stopped (`县卫健局、县财政局`); another starts
            // a line of its own, as a unit under a unit does.
            for (cell, more) in last.iter_mut().zip(cells) {
                if !more.trim().is_empty() {
                    if !is_cut_short(cell) {
                        cell.push('\n');
                    }
                    cell.push_str(&more);
                }
            }
            continue;
        }
        let continues = open_quote || splits_at_its_end(last, &cells, width);
        if !continues {
            open_quote = opens_quote(&cells);
            mended.push((line, cells));
            continue;
        }
        let mut rest = cells.into_iter();
        if let (Some(cell), Some(next)) = (last.last_mut(), rest.next()) {
            cell.push('\n');
            cell.push_str(&next);
        }
        last.extend(rest);
        open_quote = opens_quote(last);
    }
    for (_, cells) in &mut mended {
        for cell in cells.iter_mut() {
            if let Some(inner) = quoted(cell) {
                *cell = inner;
            }
        }
    }
    mended
}

/// Whether the row's last cell opens a quote it does not close (`"县教育局`).
fn opens_quote(cells: &[String]) -> bool {
    cells
        .last()
        .is_some_and(|cell| cell.starts_with('"') && (cell.len() == 1 || !closes_quote(&cell[1..])))
}

/// Whether a quoted cell's text after its opening quote ends it: an odd run of quotes at the
/// end (a doubled quote is a quote inside the cell).
fn closes_quote(text: &str) -> bool {
    let run = text.chars().rev().take_while(|c| *c == '"').count();
    run % 2 == 1
}

/// The inside of a quoted cell, doubled quotes undone; `None` for a cell that is not quoted.
fn quoted(cell: &str) -> Option<String> {
    let inner = cell.strip_prefix('"')?;
    if inner.is_empty() || !closes_quote(inner) {
        return None;
    }
    Some(inner[..inner.len() - 1].replace("\"\"", "\""))
}

/// Word's copy: a row that opens with its number (`2`) and has fewer cells than the header, then
/// a line of cells that does not, as many as the row lacks and one more (the cell the break split
/// in two). A web page's row under cells that span down lacks its leading cells instead, and
/// the rows after it open with their own numbers.
fn splits_at_its_end(row: &[String], next: &[String], width: usize) -> bool {
    let numbered = |cells: &[String]| {
        cells.first().is_some_and(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
        })
    };
    row.len() < width
        && next.len() < width
        && row.len() + next.len() == width + 1
        && numbered(row)
        && !numbered(next)
}

/// A cell's text that a line break cut short: a list or a sentence left at its comma
/// (`县财政局、`, `完成路基，`), or a bracket left open (`清洁行动（含`).
fn is_cut_short(cell: &str) -> bool {
    let opened = cell.matches(['（', '(']).count();
    let closed = cell.matches(['）', ')']).count();
    cell.trim_end().ends_with(['、', '，', ',', '；']) || opened > closed
}

/// A cell wrapped onto the next line as a copy of a table prints it: a line of no more cells than
/// the row, with no number of its own, under a row one of whose cells is cut short where the
/// line holds more of that column. Its cells go on the row's cells, column by column. (A row of
/// its own under a number merged down follows cells that are complete.)
fn continues_its_cells(row: &[String], next: &[String]) -> bool {
    // Empty cells at the line's end may be lost with its trailing white space.
    (2..=row.len()).contains(&next.len())
        && next.first().is_some_and(|c| c.trim().is_empty())
        && row
            .iter()
            .zip(next)
            .any(|(above, more)| is_cut_short(above) && !more.trim().is_empty())
}

/// A line of one cell (its leading tabs lost with its white space) under a row with exactly one
/// cell cut short goes on with that cell, unless it is numbered (a heading of the next rows):
/// the cell's column.
fn continues_the_one_cell_cut_short(row: &[String], next: &[String]) -> Option<usize> {
    let [only] = next else {
        return None;
    };
    if only.trim().is_empty() || crate::document::numbering::parse_label(only.trim()).is_some() {
        return None;
    }
    let mut cut = row.iter().enumerate().filter(|(_, c)| is_cut_short(c));
    match (cut.next(), cut.next()) {
        (Some((column, _)), None) => Some(column),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<PrintedRow> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| (i + 1, cells.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    fn cells(mended: &[PrintedRow]) -> Vec<Vec<&str>> {
        mended
            .iter()
            .map(|(_, cells)| cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_quoted_cell_of_several_lines_is_one_cell() {
        let mended = mend_rows(rows(&[
            &["序号", "工作任务", "责任单位", "完成时限"],
            &["1", "修缮校舍", "\"县教育局"],
            &["县住建局"],
            &["县财政局\"", "6月"],
            &["2", "说明\"\"安全\"\"要求", "\"县应急局\"", "9月"],
        ]));
        assert_eq!(
            cells(&mended),
            [
                vec!["序号", "工作任务", "责任单位", "完成时限"],
                vec!["1", "修缮校舍", "县教育局\n县住建局\n县财政局", "6月"],
                vec!["2", "说明\"\"安全\"\"要求", "县应急局", "9月"],
            ]
        );
        assert_eq!(mended[1].0, 2, "the row starts where its first line does");
    }

    #[test]
    fn a_line_that_goes_on_with_cells_cut_short_is_part_of_their_row() {
        let mended = mend_rows(rows(&[
            &["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            &["1", "新建公路，完成路基", "县交通局", "县财政局、", "12月"],
            &["", "工程和路面工程", "", "县自然资源局", ""],
            &["2", "改造桥梁", "县交通局", "县财政局", "10月"],
            &["", "改造涵洞", "", "", "11月"],
        ]));
        assert_eq!(
            cells(&mended)[1],
            [
                "1",
                "新建公路，完成路基\n工程和路面工程",
                "县交通局",
                "县财政局、县自然资源局",
                "12月"
            ]
        );
        // Under complete cells a row without a number is a row of its own.
        assert_eq!(cells(&mended).len(), 4);
        // A line of one cell goes on with the one cell cut short; a numbered one heads rows.
        let mended = mend_rows(rows(&[
            &["序号", "工作任务", "牵头单位", "完成时限"],
            &["1", "开展清洁行动（含", "各乡镇", "12月"],
            &["河道、沟渠清理）"],
            &["2", "建设公园，", "县住建局", "11月"],
            &["二、民生服务"],
        ]));
        assert_eq!(cells(&mended)[1][1], "开展清洁行动（含河道、沟渠清理）");
        assert_eq!(cells(&mended)[3], ["二、民生服务"]);
    }

    #[test]
    fn a_numbered_row_broken_at_a_cell_is_joined_with_the_rest() {
        let mended = mend_rows(rows(&[
            &["序号", "工作任务", "责任单位", "责任人", "完成时限"],
            &["1", "修缮校舍", "县教育局"],
            &["县住建局", "钱某", "6月"],
            &["2", "加固围墙", "县住建局", "孙某", "9月"],
        ]));
        assert_eq!(
            cells(&mended)[1],
            ["1", "修缮校舍", "县教育局\n县住建局", "钱某", "6月"]
        );
        // Rows under cells that span down keep their own lines.
        let spanned = rows(&[
            &["序号", "工作任务", "责任单位", "责任人", "完成时限"],
            &["1", "修缮校舍", "县教育局", "钱某", "6月"],
            &["加固围墙", "县住建局", "9月"],
            &["2", "整治河道", "县水利局"],
            &["3", "疏浚沟渠", "县水利局"],
        ]);
        assert_eq!(mend_rows(spanned.clone()), spanned);
    }
}
