//! A table a crawler flattened onto a line, its cells joined by spaces (`… 序号 工作任务 牵头单位
//! 完成时限 1 新建… 县住建局 2026年11月底 2 完成… …`): the header is a run of header words
//! that opens with 序号, and each row starts with the next number, so the rows can be cut apart
//! again. A row with more pieces than the header has cells lets its task cell take the spaces
//! (a task's text is the one cell that reads as prose); one with fewer lacks cells, which are
//! left empty from the end, but for a time limit, which keeps its column. The last row takes
//! as many pieces as there are cells; what follows it is text again.

use crate::normalize::is_space;
use crate::vocab::{Column, header_column};

/// The header word a flattened table's header opens with.
const SEQ_HEADER: &str = "序号";
/// A header has at least this many cells, 序号 and a task among them.
const MIN_HEADER_CELLS: usize = 3;
/// A row spreads over at most this many pieces per cell (a task's text may hold spaces); past
/// that, no row follows and the table has ended.
const MAX_ROW_PIECES_PER_CELL: usize = 8;
/// A line shorter than this (in bytes) holds no header and two rows.
const MIN_LINE_BYTES: usize = 120;

/// A table found on a line: where its header starts and its last row ends (byte offsets), and
/// its rows, the header first.
#[derive(Debug, PartialEq)]
pub struct FlatTable {
    pub start: usize,
    pub end: usize,
    pub rows: Vec<Vec<String>>,
}

/// The first flattened table in `text`, if it holds one with at least two rows. Only a 序号
/// standing alone between spaces may open one; the pieces are cut from there.
pub fn find(text: &str) -> Option<FlatTable> {
    if text.len() < MIN_LINE_BYTES {
        return None;
    }
    text.match_indices(SEQ_HEADER).find_map(|(at, word)| {
        let alone = text[..at].chars().next_back().is_none_or(is_space)
            && text[at + word.len()..].chars().next().is_some_and(is_space);
        alone.then(|| table_at(text, at)).flatten()
    })
}

/// The table whose header's 序号 stands at `at`.
fn table_at(text: &str, at: usize) -> Option<FlatTable> {
    let pieces = pieces_from(text, at).map(|range| (range.clone(), &text[range]));
    let cut = cut_rows(pieces, " ")?;
    Some(FlatTable {
        start: at,
        end: cut.last.end,
        rows: cut.rows.into_iter().map(|(_, cells)| cells).collect(),
    })
}

/// Rows cut from pieces tagged `T` (a byte range, a line's index).
pub(super) struct CutRows<T> {
    /// The rows, the header first, each with the tag of its first piece.
    pub rows: Vec<(T, Vec<String>)>,
    /// The tag of the last piece the rows took.
    pub last: T,
}

/// A table whose cells come one after another (on one line between spaces, or one a line):
/// the header's words first, opening with 序号, then each row opening with the next number.
/// Each row starts with the number after the last; a number closer to the last row's start than
/// the row's cells allow (one may be empty) is a number in a cell. The pieces are taken only as
/// far as the rows go. Extra pieces of a row's task cell are joined with `joiner`.
pub(super) fn cut_rows<'t, T: Clone>(
    pieces: impl Iterator<Item = (T, &'t str)>,
    joiner: &str,
) -> Option<CutRows<T>> {
    let mut pieces = pieces.peekable();
    let mut columns: Vec<Column> = Vec::new();
    let mut taken: Vec<(T, &str)> = Vec::new();
    while let Some(column) = pieces.peek().and_then(|(_, p)| header_column(p)) {
        // A second 序号 is a word of the first row.
        if !columns.is_empty() && column == Column::Seq {
            break;
        }
        columns.push(column);
        taken.extend(pieces.next());
    }
    let header_ok = columns.first() == Some(&Column::Seq)
        && columns.len() >= MIN_HEADER_CELLS
        && columns.contains(&Column::Task);
    if !header_ok {
        return None;
    }
    let width = columns.len();
    let mut starts: Vec<usize> = Vec::new();
    let mut expected = 1u32;
    for piece in pieces {
        let k = taken.len();
        let last = starts.last().copied();
        if last.is_some_and(|last| k > last + width * MAX_ROW_PIECES_PER_CELL) {
            break;
        }
        if last.is_none_or(|last| k + 1 >= last + width) && piece.1 == expected.to_string() {
            starts.push(k);
            expected += 1;
        } else if last.is_none() {
            // The first row opens right under the header.
            return None;
        }
        taken.push(piece);
    }
    if starts.len() < 2 {
        return None;
    }
    let header = taken[..width].iter().map(|(_, p)| p.to_string()).collect();
    let mut rows = vec![(taken[0].0.clone(), header)];
    let mut last = taken[width - 1].0.clone();
    for (n, &start) in starts.iter().enumerate() {
        let stop = match starts.get(n + 1) {
            Some(&next) => next,
            None => {
                // The last row takes a piece per cell, or ends at its time limit when that is
                // the last column (a cell before it left empty).
                let full = (start + width).min(taken.len());
                let limit_last = columns.last() == Some(&Column::Deadline);
                (start + 2..full)
                    .find(|&k| limit_last && reads_as_date(taken[k].1))
                    .map_or(full, |k| k + 1)
            }
        };
        let printed: Vec<&str> = taken[start..stop].iter().map(|(_, p)| *p).collect();
        rows.push((taken[start].0.clone(), fit_row(&printed, &columns, joiner)));
        last = taken[stop - 1].0.clone();
    }
    Some(CutRows { rows, last })
}

/// The byte ranges in `text` of the pieces between runs of spaces from `at` on, in order.
fn pieces_from(text: &str, at: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    text[at..]
        .split(is_space)
        .filter(|piece| !piece.is_empty())
        // The offset in `text`: split hands out pieces of it.
        .map(move |piece| {
            let start = piece.as_ptr() as usize - text.as_ptr() as usize;
            start..start + piece.len()
        })
}

/// A row's printed pieces (its number first) laid out in the header's columns.
fn fit_row(printed: &[&str], columns: &[Column], joiner: &str) -> Vec<String> {
    let width = columns.len();
    let task = columns.iter().position(|c| *c == Column::Task).unwrap_or(1);
    if printed.len() > width {
        // The task's text held spaces: it takes the extra pieces.
        let extra = printed.len() - width;
        let mut cells: Vec<String> = printed[..task].iter().map(|p| p.to_string()).collect();
        cells.push(printed[task..=task + extra].join(joiner));
        cells.extend(printed[task + extra + 1..].iter().map(|p| p.to_string()));
        return cells;
    }
    let mut cells: Vec<String> = printed.iter().map(|p| p.to_string()).collect();
    if cells.len() < width {
        // Cells left empty: from the end, but a time limit printed last keeps its column.
        let deadline = columns.iter().rposition(|c| *c == Column::Deadline);
        let last_is_limit =
            cells.len() > task + 1 && cells.last().is_some_and(|c| reads_as_date(c));
        match deadline {
            Some(at) if last_is_limit && at + 1 == width => {
                let limit = cells.pop().unwrap_or_default();
                cells.resize(width - 1, String::new());
                cells.push(limit);
            }
            _ => cells.resize(width, String::new()),
        }
    }
    cells
}

/// A date's shape (`2026年11月底`, `6月30日前`): digits and 年 or 月. The reader tells only where a
/// cell stands; what the limit says is the interpreters' to read.
fn reads_as_date(cell: &str) -> bool {
    cell.contains(['年', '月'])
        && cell
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "首页 > 通知公告 某县关于印发重点工作任务分解表的通知 各乡镇：现将任务分解表印发给你们。 重点工作任务分解表 序号 工作任务 牵头单位 配合单位 完成时限 1 新建城区污水管网20公里 县住建局 县发改局、县财政局 2026年11月底 2 完成农村公路 改造80公里 县交通运输局 各乡镇人民政府 2026年10月底 3 新增城镇就业岗位3000个 县人社局 2026年12月底 打印本页 关闭窗口";

    #[test]
    fn a_table_flattened_onto_a_line_is_cut_at_its_numbers() {
        let table = find(PAGE).unwrap();
        let rows: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
                vec![
                    "1",
                    "新建城区污水管网20公里",
                    "县住建局",
                    "县发改局、县财政局",
                    "2026年11月底"
                ],
                vec![
                    "2",
                    "完成农村公路 改造80公里",
                    "县交通运输局",
                    "各乡镇人民政府",
                    "2026年10月底"
                ],
                vec![
                    "3",
                    "新增城镇就业岗位3000个",
                    "县人社局",
                    "",
                    "2026年12月底"
                ],
            ]
        );
        assert!(PAGE[..table.start].ends_with("重点工作任务分解表 "));
        assert_eq!(PAGE[table.end..].trim(), "打印本页 关闭窗口");
    }

    #[test]
    fn header_words_without_rows_numbered_after_them_are_no_table() {
        // 序号 opens no header here, and a header with one row is no table.
        let prose = "各单位要按照序号 工作任务 牵头单位 的格式报送，逐项明确责任。".repeat(3);
        assert_eq!(find(&prose), None);
        let one_row = format!(
            "{}序号 工作任务 牵头单位 1 修路 县交通局 以上任务年底前完成。",
            "说明文字。".repeat(30)
        );
        assert_eq!(find(&one_row), None);
        // A line this short is no crawled page.
        assert_eq!(
            find("序号 工作任务 牵头单位 1 修路 县交通局 2 建桥 县交通局"),
            None
        );
    }
}
