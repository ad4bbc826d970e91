//! A spreadsheet-like grid of cell strings (from xlsx, xls, ods or csv) → a table block. Merged
//! regions become spans: the region's first cell spans it and the cells it covers are left out,
//! as Word and HTML tables have them.

use crate::document::{Cell, Position, Table};

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
    fn position(&self, row: usize, column: usize) -> Position {
        match (&self.sheet, &self.lines) {
            (Some(sheet), _) => Position::SheetCell {
                sheet: sheet.clone(),
                row: self.origin.0 + row,
                column: self.origin.1 + column,
            },
            (None, Some(lines)) => Position::Record {
                line: lines.get(row).copied().unwrap_or(row + 1),
                column,
            },
            (None, None) => Position::line(row + 1),
        }
    }

    /// The grid as a table block. Work is linear in the number of cells and merges.
    pub fn into_table(self) -> Table {
        let height = self.cells.len();
        let width = self.cells.iter().map(Vec::len).max().unwrap_or(0);
        // Per slot: the span it starts, or that it is covered by another cell's span.
        let mut spans: Vec<Vec<Option<(usize, usize)>>> = self
            .cells
            .iter()
            .map(|r| vec![Some((1, 1)); r.len().max(width)])
            .collect();
        for merge in &self.merges {
            let top = merge.start.0.saturating_sub(self.origin.0);
            let left = merge.start.1.saturating_sub(self.origin.1);
            let bottom = merge
                .end
                .0
                .saturating_sub(self.origin.0)
                .min(height.saturating_sub(1));
            let right = merge
                .end
                .1
                .saturating_sub(self.origin.1)
                .min(width.saturating_sub(1));
            if top >= height || left >= width || bottom < top || right < left {
                continue;
            }
            // Overlapping regions: a slot already covered stays with the first region.
            if spans[top][left] != Some((1, 1)) {
                continue;
            }
            for row in spans.iter_mut().take(bottom + 1).skip(top) {
                for slot in row.iter_mut().take(right + 1).skip(left) {
                    *slot = None;
                }
            }
            spans[top][left] = Some((bottom - top + 1, right - left + 1));
        }
        let rows = self
            .cells
            .iter()
            .enumerate()
            .map(|(r, cells)| {
                (0..width)
                    .filter_map(|c| {
                        let (row_span, col_span) = spans[r][c]?;
                        let text = cells.get(c).map_or("", String::as_str);
                        Some(Cell {
                            text: text.replace("\r\n", "\n"),
                            row_span,
                            col_span,
                            at: self.position(r, c),
                        })
                    })
                    .collect()
            })
            .collect();
        Table {
            rows,
            at: self.position(0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_regions_become_spans_and_positions_name_cells() {
        let grid = Grid {
            sheet: Some("Sheet1".into()),
            origin: (0, 0),
            cells: [
                ["某县责任分解表", "", ""],
                ["序号", "工作任务", "牵头单位"],
                ["1", "排查。", "县应急局"],
                ["2", "整改。", ""],
            ]
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
            merges: vec![
                Merge {
                    start: (2, 2),
                    end: (3, 2),
                },
                Merge {
                    start: (0, 0),
                    end: (0, 2),
                },
            ],
            lines: None,
        };
        let table = grid.into_table();
        assert_eq!(table.rows[0].len(), 1);
        assert_eq!(table.rows[0][0].col_span, 3);
        assert_eq!(table.rows[2][2].row_span, 2);
        assert_eq!(table.rows[3].len(), 2);
        let grid = table.grid();
        assert_eq!(grid[3][2].unwrap().cell.text, "县应急局");
        assert_eq!(table.rows[3][1].at.to_string(), "Sheet1!B4");
    }
}
