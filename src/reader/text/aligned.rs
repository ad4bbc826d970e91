//! Tables whose columns are aligned with spaces, as a PDF converted to text with its layout kept
//! prints them (`pdftotext -layout`) or a fixed-width report: each line splits into pieces at
//! wide gaps, and the pieces start where the header's do, line after line. A line that leaves
//! the first column empty carries on the row above (text wrapped in a cell). The same reading
//! as a PDF's tables drawn without rules, on display columns instead of points.

use super::clean::Line;
use crate::document::{Block, Cell, Position, Table};
use crate::normalize::units::is_gov_body;
use crate::normalize::{display_width, is_space};
use crate::vocab::header_column;

/// The fewest lines with several pieces that make a table (its header and two rows).
const MIN_ROWS: usize = 3;
/// The fewest columns a header names: two pieces are as often a name and a post.
const MIN_COLUMNS: usize = 3;
/// A gap this wide (display columns) splits a line into pieces: two spaces, or a full-width one.
const PIECE_GAP: usize = 2;
/// How far left of its column a piece may start, or the first column's piece stray from it.
const SLACK: usize = 1;

/// A piece of a line: where it starts and ends (display columns) and its text.
struct Piece {
    start: usize,
    end: usize,
    text: String,
    /// Its column on the line, in characters, for its position.
    char_column: usize,
}

/// The table whose header is line `start`, as a block, and the index of the line after it.
pub fn table_at(lines: &[Line], start: usize) -> Option<(Block, usize)> {
    // Nearly every line has no wide gap (a search for one is quick), or too few for a header:
    // it is ruled out without being split.
    let text = &lines[start].text;
    if !text.contains("  ") && !text.contains('\u{3000}') || wide_gaps(text) + 1 < MIN_COLUMNS {
        return None;
    }
    let header = pieces(&lines[start])?;
    if header.len() < MIN_COLUMNS {
        return None;
    }
    let starts: Vec<usize> = header.iter().map(|p| p.start).collect();
    let column_of = |at: usize| starts.iter().rposition(|s| *s <= at + SLACK);
    // Under a header that names its columns (序号, 责任单位 …), a row with a piece for every
    // column is read in order, however its pieces line up: full-width spaces cannot line up a
    // half-width number, nor a proportional font what a clerk aligned by eye.
    // Asked only of a row that does not line up: most lines with wide gaps head no table.
    let header_names: Vec<String> = header.iter().map(|p| p.text.clone()).collect();
    let named_header = std::cell::OnceCell::new();
    let names_columns = || {
        *named_header.get_or_init(|| {
            header_names
                .iter()
                .filter(|name| header_column(name).is_some())
                .count()
                >= 2
        })
    };
    let mut end = start + 1;
    let mut several = 1;
    let header_columns = place(&header, &column_of)?;
    let mut placed: Vec<Vec<(usize, Piece)>> =
        vec![header_columns.into_iter().zip(header).collect()];
    while let Some(line) = lines.get(end) {
        let Some(line_pieces) = pieces(line) else {
            break;
        };
        let many = line_pieces.len() >= 2;
        // The first column's text starts where the header's does; none runs into the next
        // column (a paragraph below the table spans them).
        let lined_up = place(&line_pieces, &column_of).filter(|columns| {
            columns.iter().zip(&line_pieces).all(|(k, piece)| {
                (*k > 0 || piece.start.abs_diff(starts[0]) <= SLACK)
                    && starts.get(k + 1).is_none_or(|next| piece.end <= *next)
            })
        });
        let full_row = || {
            line_pieces.len() == starts.len()
                && line_pieces[0].start.abs_diff(starts[0]) <= SLACK
                && names_columns()
        };
        let columns: Vec<usize> = match lined_up {
            Some(columns) => columns,
            None if full_row() => (0..starts.len()).collect(),
            None => break,
        };
        let columns: Vec<(usize, Piece)> = columns.into_iter().zip(line_pieces).collect();
        several += usize::from(many);
        placed.push(columns);
        end += 1;
    }
    if several < MIN_ROWS {
        return None;
    }
    let width = starts.len();
    let mut table = Table {
        rows: Vec::new(),
        at: Position::line(lines[start].no),
    };
    let mut texts: Vec<Vec<String>> = Vec::new();
    for (offset, columns) in placed.into_iter().enumerate() {
        let no = lines[start + offset].no;
        let new_row = columns.first().is_some_and(|(k, _)| *k == 0) || table.rows.is_empty();
        if new_row {
            table.rows.push(
                (0..width)
                    .map(|_| Cell::new(String::new(), Position::line(no)))
                    .collect(),
            );
            texts.push(vec![String::new(); width]);
        }
        let (Some(row), Some(row_texts)) = (table.rows.last_mut(), texts.last_mut()) else {
            continue;
        };
        for (k, piece) in columns {
            if row_texts[k].is_empty() {
                row[k].at = Position::Line {
                    line: no,
                    column: piece.char_column,
                };
            }
            // A cell's text wraps where the column ends, not where a sentence does; but a
            // unit under a unit of the same level (`县住建局` / `县自然资源局`) is the list's
            // next name, printed a name a line.
            if starts_another_unit(&row_texts[k], &piece.text) {
                row_texts[k].push('、');
            }
            row_texts[k].push_str(&piece.text);
        }
    }
    for (row, row_texts) in table.rows.iter_mut().zip(texts) {
        for (cell, text) in row.iter_mut().zip(row_texts) {
            cell.text = text;
        }
    }
    Some((Block::Table(table), end))
}

/// Whether `next`, a line of a cell, is a unit of its own after the cell's `text` so far: both
/// the last name above and `next` are whole government bodies that open with the same level
/// (县, 市 …), where a name cut by the column's end (`各乡镇` / `人民政府`) is one name.
fn starts_another_unit(text: &str, next: &str) -> bool {
    let last = text.rsplit(['、', '，', ',']).next().unwrap_or("");
    let level = |name: &str| {
        name.chars()
            .next()
            .filter(|c| matches!(c, '县' | '市' | '区' | '镇' | '乡' | '省' | '州'))
    };
    !last.is_empty()
        && level(last).is_some()
        && level(last) == level(next)
        && is_gov_body(last)
        && is_gov_body(next)
}

/// Each piece with its column, in order, one piece a column; `None` when a piece starts left of
/// every column or two share one.
fn place(pieces: &[Piece], column_of: &impl Fn(usize) -> Option<usize>) -> Option<Vec<usize>> {
    let mut placed: Vec<usize> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let column = column_of(piece.start)?;
        if placed.last().is_some_and(|k| *k >= column) {
            return None;
        }
        placed.push(column);
    }
    Some(placed)
}

/// How many gaps of [`PIECE_GAP`] or more stand inside a line, counted without copying it.
fn wide_gaps(text: &str) -> usize {
    let mut gaps = 0;
    let mut gap = 0;
    for c in text.chars() {
        if is_space(c) {
            gap += if crate::normalize::is_wide(c) { 2 } else { 1 };
        } else {
            gaps += usize::from(gap >= PIECE_GAP);
            gap = 0;
        }
    }
    gaps
}

/// The pieces of a line of text (none for a blank line or a row of another kind of table).
fn pieces(line: &Line) -> Option<Vec<Piece>> {
    if line.text.is_empty() || line.cells.is_some() || line.cell_start {
        return None;
    }
    let mut found = Vec::new();
    let mut at = line.indent;
    let mut current: Option<Piece> = None;
    let mut gap = 0;
    for (chars_before, c) in line.text.chars().enumerate() {
        let width = display_width(c.encode_utf8(&mut [0; 4]));
        if is_space(c) {
            gap += width;
        } else {
            if gap >= PIECE_GAP {
                found.extend(current.take());
            }
            match current.as_mut() {
                Some(piece) => {
                    for _ in 0..gap {
                        piece.text.push(' ');
                    }
                    piece.text.push(c);
                    piece.end = at + width;
                }
                None => {
                    current = Some(Piece {
                        start: at,
                        end: at + width,
                        text: c.to_string(),
                        char_column: chars_before + 1,
                    })
                }
            }
            gap = 0;
        }
        at += width;
    }
    found.extend(current);
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::text::clean::clean_lines;

    fn texts(text: &str) -> Option<Vec<Vec<String>>> {
        let lines = clean_lines(text, &mut Vec::new());
        let (Block::Table(table), _) = table_at(&lines, 0)? else {
            return None;
        };
        Some(
            table
                .rows
                .iter()
                .map(|row| row.iter().map(|c| c.text.clone()).collect())
                .collect(),
        )
    }

    #[test]
    fn columns_aligned_by_spaces_with_empty_cells_and_wrapped_text() {
        let rows = texts(concat!(
            "序号  工作任务              牵头单位    配合单位    完成时限\n",
            "1     修缮校舍              县教育局    县财政局    6月\n",
            "2     加固围墙并更换        县住建局                9月\n",
            "      老化电路\n",
            "一、其他\n",
        ))
        .expect("a table");
        assert_eq!(
            rows,
            [
                ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
                ["1", "修缮校舍", "县教育局", "县财政局", "6月"],
                ["2", "加固围墙并更换老化电路", "县住建局", "", "9月"],
            ]
        );
    }

    #[test]
    fn a_full_row_under_a_named_header_is_read_in_order_and_units_may_stand_a_line_each() {
        // Full-width spaces: a half-width number leaves the row a column short of the header.
        let rows = texts(concat!(
            "序号　　工作任务　　　　　　责任单位　　　　完成时限\n",
            "1　　　修缮校舍和围墙　　县教育局　　　　6月\n",
            "2　　　更换老化电路　　　县住建局　　　　9月\n",
            "　　　　　　　　　　　　　　县财政局\n",
            "3　　　新建操场　　　　　县教育局　　　　12月\n",
        ))
        .expect("a table");
        assert_eq!(rows[1], ["1", "修缮校舍和围墙", "县教育局", "6月"]);
        assert_eq!(rows[2], ["2", "更换老化电路", "县住建局、县财政局", "9月"]);
        assert_eq!(rows.len(), 4);
        // A name cut at the column's end is one name; a header naming no column reads by place.
        assert!(!starts_another_unit("县消防救援大队、各乡镇", "人民政府"));
        assert!(!starts_another_unit("开展排查", "县交通局"));
        assert!(
            texts("王某某　　县长　　主持\n李某　　副县长　　负责全县\n赵某　　副县长　　分管\n")
                .is_none()
        );
    }

    #[test]
    fn prose_with_wide_spaces_and_a_name_beside_a_post_are_no_table() {
        assert!(texts("一、总体要求  坚持问题导向。\n二、主要任务  加强管理。\n").is_none());
        assert!(texts("组长：王某  县长\n副组长：李某  副县长\n成员：赵某  局长\n").is_none());
        // Lines that leave the header's columns are not its rows.
        assert!(texts("序号  任务  单位\n坚持问题导向，全面加强管理，确保取得实效。\n").is_none());
    }
}
