//! Tables printed without ruling lines, from the positions of their columns: lines split into
//! pieces by wide gaps, whose pieces start at the same few places line after line, are a table;
//! a line that leaves the first column empty carries on the row above (text wrapped in a cell).

use super::PageTable;
use super::lattice::{GridCell, Lattice};
use super::layout::{self, TextLine};

/// The fewest lines with several pieces that make a table (its header and two rows).
const MIN_ROWS: usize = 3;

/// Splits a page's lines into those that stay lines and the tables their columns make.
pub fn tables(lines: Vec<&TextLine>) -> (Vec<&TextLine>, Vec<PageTable>) {
    let mut kept = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((end, table)) = table_at(&lines, i) {
            found.push(table);
            i = end;
        } else {
            kept.push(lines[i]);
            i += 1;
        }
    }
    (kept, found)
}

/// The table starting at line `start`, and the line after it: a run of lines whose pieces
/// start at columns the first line sets, each a new row or (first column empty) the rest of
/// the row above.
fn table_at(lines: &[&TextLine], start: usize) -> Option<(usize, PageTable)> {
    let header = lines[start];
    if header.pieces.len() < 2 {
        return None;
    }
    let size = header.size.max(1.0);
    let starts: Vec<f64> = header.pieces.iter().map(|p| p.0).collect();
    let column_of = |x: f64| {
        // The column whose start is the last at or left of the piece (within half a glyph).
        starts.iter().rposition(|s| *s <= x + 0.5 * size)
    };
    let mut end = start + 1;
    let mut multi = 1;
    while end < lines.len() {
        let line = lines[end];
        let above = lines[end - 1];
        let close =
            line.baseline - above.baseline < 2.5 * size && (line.size - size).abs() < 0.2 * size;
        // Every piece must start at a column, in order, one piece per column.
        let columns: Option<Vec<usize>> = line.pieces.iter().map(|p| column_of(p.0)).collect();
        let aligned = columns.as_ref().is_some_and(|c| {
            c.windows(2).all(|w| w[0] < w[1])
                && line.pieces.iter().zip(c).all(|(p, k)| {
                    // The first column's text starts where it does; none runs into the next
                    // column (a paragraph below the table spans them).
                    ((p.0 - starts[*k]).abs() < 1.5 * size || *k > 0)
                        && starts
                            .get(*k + 1)
                            .is_none_or(|next| p.1 < next + 0.5 * size)
                })
        });
        if !close || !aligned {
            break;
        }
        multi += usize::from(line.pieces.len() >= 2);
        end += 1;
    }
    if multi < MIN_ROWS {
        return None;
    }
    // Rows: texts per column.
    let width = starts.len();
    let mut rows: Vec<(f64, f64, Vec<Vec<String>>)> = Vec::new();
    for line in &lines[start..end] {
        let columns: Vec<usize> = line.pieces.iter().filter_map(|p| column_of(p.0)).collect();
        let new_row = columns.first() == Some(&0) || rows.is_empty();
        if new_row {
            rows.push((line.top, line.bottom, vec![Vec::new(); width]));
        }
        let row = rows.last_mut().expect("a row");
        row.1 = line.bottom;
        for (piece, column) in line.pieces.iter().zip(columns) {
            row.2[column].push(piece.2.clone());
        }
    }
    let right = lines[start..end]
        .iter()
        .map(|l| l.x1)
        .fold(f64::MIN, f64::max)
        + 1.0;
    let mut xs = starts.clone();
    xs[0] -= 1.0;
    xs.push(right);
    let mut ys: Vec<f64> = rows.iter().map(|r| r.0).collect();
    ys.push(rows.last().map_or(0.0, |r| r.1));
    let mut cells = Vec::new();
    let mut texts = Vec::new();
    for (r, (_, _, columns)) in rows.iter().enumerate() {
        for (c, parts) in columns.iter().enumerate() {
            cells.push(GridCell {
                row: r,
                column: c,
                rows: 1,
                columns: 1,
            });
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            texts.push(layout::join(&parts));
        }
    }
    Some((
        end,
        PageTable {
            lattice: Lattice { xs, ys, cells },
            texts,
        },
    ))
}
