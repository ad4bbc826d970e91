//! A spreadsheet-like grid of cell strings (from xlsx, xls, ods or csv) → table rows for the shared
//! table builder. Merged cells are resolved here: a value merged down applies to every row it
//! spans; a value merged across stays in its first cell, so a merged-across row is a heading.

use crate::model::SourceRef;
use crate::reader::text::table::{Cell, Row, header_columns};

/// A merged region, 0-based inclusive: (first row, first column) to (last row, last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub start: (usize, usize),
    pub end: (usize, usize),
}

/// One sheet's cells as text; `origin` is the 0-based (row, column) of `cells[0][0]`.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub sheet: Option<String>,
    pub origin: (usize, usize),
    pub cells: Vec<Vec<String>>,
    pub merges: Vec<Merge>,
    /// The input line each row starts on (CSV), where rows are lines rather than cells.
    pub lines: Option<Vec<usize>>,
}

impl Grid {
    /// Copies each vertically merged value into every row of its region.
    fn resolve_merges(&mut self) {
        for merge in self.merges.clone() {
            let (top, left) = (
                merge.start.0.saturating_sub(self.origin.0),
                merge.start.1.saturating_sub(self.origin.1),
            );
            let bottom = merge.end.0.saturating_sub(self.origin.0);
            let Some(value) = self.cells.get(top).and_then(|r| r.get(left)).cloned() else {
                continue;
            };
            for row in top + 1..=bottom {
                if let Some(cell) = self.cells.get_mut(row).and_then(|r| r.get_mut(left))
                    && cell.trim().is_empty()
                {
                    *cell = value.clone();
                }
            }
        }
    }

    fn source(&self, row: usize, column: usize) -> SourceRef {
        let line = self
            .lines
            .as_ref()
            .and_then(|l| l.get(row).copied())
            .unwrap_or(self.origin.0 + row + 1);
        SourceRef {
            line: self.sheet.is_none().then_some(line),
            sheet: self.sheet.clone(),
            cell: self
                .sheet
                .as_ref()
                .map(|_| cell_name(self.origin.0 + row, self.origin.1 + column)),
        }
    }
}

/// The grid's rows as table rows: a row with one filled cell (not a bare number) becomes a
/// one-cell row, which the table builder reads as a heading or note; others keep every column.
/// Also returns the title: the first one-cell row above the header.
pub fn grid_rows(mut grid: Grid) -> (Vec<Row>, Option<String>) {
    grid.resolve_merges();
    let width = grid.cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = Vec::new();
    let mut title = None;
    let mut header_seen = false;
    for (r, cells) in grid.cells.iter().enumerate() {
        let filled: Vec<usize> = (0..cells.len())
            .filter(|c| !cells[*c].trim().is_empty())
            .collect();
        let row = match filled.as_slice() {
            [] => continue,
            [only] if !is_number(&cells[*only]) => Row {
                cells: vec![cell(&grid, r, *only, &cells[*only])],
                source: grid.source(r, *only),
            },
            _ => Row {
                cells: (0..width)
                    .map(|c| cell(&grid, r, c, cells.get(c).map_or("", String::as_str)))
                    .collect(),
                source: grid.source(r, filled[0]),
            },
        };
        if !header_seen {
            if header_columns(&row).is_some() {
                header_seen = true;
            } else if title.is_none() && row.cells.len() == 1 {
                title = Some(row.cells[0].text().replace(['\n', ' ', '\u{3000}'], ""));
            }
        }
        rows.push(row);
    }
    (rows, title)
}

fn cell(grid: &Grid, row: usize, column: usize, text: &str) -> Cell {
    Cell {
        lines: text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
        source: grid.source(row, column),
    }
}

fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// 0-based (row, column) → `B7`.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn merged_down_values_fill_their_rows_and_single_cells_are_headings() {
        let grid = Grid {
            sheet: Some("Sheet1".into()),
            origin: (0, 0),
            cells: strings(&[
                &["某县责任分解表", "", ""],
                &["序号", "工作任务", "牵头单位"],
                &["一、源头治理", "", ""],
                &["1", "排查。", "县应急局"],
                &["2", "整改。", ""],
            ]),
            merges: vec![
                Merge {
                    start: (3, 2),
                    end: (4, 2),
                },
                Merge {
                    start: (0, 0),
                    end: (0, 2),
                },
            ],
            lines: None,
        };
        let (rows, title) = grid_rows(grid);
        assert_eq!(title.as_deref(), Some("某县责任分解表"));
        assert_eq!(rows[2].cells.len(), 1);
        assert_eq!(rows[4].cells[2].text(), "县应急局");
        assert_eq!(rows[4].cells[1].source.cell.as_deref(), Some("B5"));
    }
}
