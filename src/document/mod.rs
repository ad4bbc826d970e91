//! The document model between readers and interpreters (pandoc's design): every reader turns its
//! bytes into a [`Document`] of paragraphs and tables, each with the position it came from, and
//! every interpreter reads only blocks. A new format is one reader that emits blocks.

pub mod numbering;

use serde::Serialize;
use std::fmt;

/// The property under which a web page's reader hands on each line it found around the article
/// body (an information bar, a 政府信息公开 table): where a page prints the 文号 and dates that
/// the body leaves out.
pub const PAGE_INFO_PROPERTY: &str = "page-info";

/// The property under which a workbook written by dutyctl hands its hidden metadata sheet on.
/// Such a workbook's table prints every unit's name in full: nothing is inherited on reading it.
pub const WORKBOOK_META_PROPERTY: &str = "dutyctl-workbook";

/// A document as its reader found it: blocks in reading order, and metadata the container
/// carried outside the body (a workbook's hidden sheet, a web page's `<title>` and the lines
/// around its article, [`PAGE_INFO_PROPERTY`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub properties: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text as printed: outer spaces trimmed, inner spacing and line breaks kept.
    pub text: String,
    pub at: Position,
    /// Conversion debris stood where the paragraph's number should be (`[image: IM 72].…`).
    pub number_lost: bool,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, at: Position) -> Self {
        Paragraph {
            text: text.into(),
            at,
            number_lost: false,
        }
    }
}

/// A table as printed: rows of cells; a cell spanning rows or columns appears once, in the row
/// and column where it starts, and the positions it covers are absent from the rows below and
/// beside it (as in HTML and Word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    pub at: Position,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text; its paragraphs and line breaks are kept as `\n`.
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
    pub at: Position,
}

impl Cell {
    pub fn new(text: impl Into<String>, at: Position) -> Self {
        Cell {
            text: text.into(),
            row_span: 1,
            col_span: 1,
            at,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A slot of a table laid out on its grid: the cell that covers it, and whether this is the
/// cell's first row and first column (both: the slot where the cell starts).
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    pub cell: &'a Cell,
    pub first_row: bool,
    pub first_column: bool,
}

impl Table {
    /// The table on a dense grid: row by row, every column, each slot naming the cell that covers
    /// it. Spans are resolved once here, so interpreters never count columns by hand. Slots that no
    /// cell covers (a short row) are `None`. Work is linear in the number of slots.
    pub fn grid(&self) -> Vec<Vec<Option<Slot<'_>>>> {
        let mut grid: Vec<Vec<Option<Slot<'_>>>> = Vec::with_capacity(self.rows.len());
        // Per column: the cell spanning down into later rows, how many rows it still covers, and
        // whether this column is the cell's first.
        let mut down: Vec<Option<(&Cell, usize, bool)>> = Vec::new();
        for row in &self.rows {
            let mut slots: Vec<Option<Slot<'_>>> = Vec::new();
            let mut cells = row.iter();
            let mut column = 0;
            loop {
                if let Some(Some((cell, left, first_column))) = down.get_mut(column) {
                    let cell: &Cell = cell;
                    slots.push(Some(Slot {
                        cell,
                        first_row: false,
                        first_column: *first_column,
                    }));
                    *left -= 1;
                    if *left == 0 {
                        down[column] = None;
                    }
                    column += 1;
                    continue;
                }
                let Some(cell) = cells.next() else {
                    break;
                };
                let span = cell.col_span.max(1);
                for offset in 0..span {
                    slots.push(Some(Slot {
                        cell,
                        first_row: true,
                        first_column: offset == 0,
                    }));
                    if cell.row_span > 1 {
                        if down.len() <= column + offset {
                            down.resize(column + offset + 1, None);
                        }
                        down[column + offset] = Some((cell, cell.row_span - 1, offset == 0));
                    }
                }
                column += span;
            }
            // Spans that reach past the end of this row's cells still cover their columns.
            while column < down.len() {
                if let Some((cell, left, first_column)) = down[column].as_mut() {
                    let cell: &Cell = cell;
                    while slots.len() < column {
                        slots.push(None);
                    }
                    slots.push(Some(Slot {
                        cell,
                        first_row: false,
                        first_column: *first_column,
                    }));
                    *left -= 1;
                    if *left == 0 {
                        down[column] = None;
                    }
                }
                column += 1;
            }
            grid.push(slots);
        }
        grid
    }

    /// The widest row of the grid.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(|c| c.col_span.max(1)).sum::<usize>())
            .max()
            .unwrap_or(0)
    }
}

/// Where a block or cell came from in its input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// A text file: 1-based line and column (in characters).
    Line { line: usize, column: usize },
    /// A workbook cell, 0-based row and column (printed `Sheet1!C7`).
    SheetCell {
        sheet: String,
        row: usize,
        column: usize,
    },
    /// A CSV record: the 1-based line it starts on and its 0-based column.
    Record { line: usize, column: usize },
    /// A Word paragraph of the body, 1-based.
    WordParagraph { paragraph: usize },
    /// A Word table cell, each 1-based.
    WordCell {
        table: usize,
        row: usize,
        cell: usize,
    },
    /// A line of a PDF's text layer: its page and the 1-based line counted through the whole
    /// document (page headers and footers left out), so lines order as in a text file.
    PdfLine { page: usize, line: usize },
    /// A cell of a PDF table: its page, the table counted through the document (one that
    /// continues over pages is one table) and its 1-based row and cell.
    PdfCell {
        page: usize,
        table: usize,
        row: usize,
        cell: usize,
    },
    #[default]
    Unknown,
}

impl Position {
    pub fn line(line: usize) -> Self {
        Position::Line { line, column: 1 }
    }

    /// A number that orders positions of one kind: the line, or the Word paragraph.
    pub fn ordinal(&self) -> Option<usize> {
        match self {
            Position::WordParagraph { paragraph } => Some(*paragraph),
            Position::PdfLine { line, .. } => Some(*line),
            other => other.line_number(),
        }
    }

    /// The input line, for formats that have lines.
    pub fn line_number(&self) -> Option<usize> {
        match self {
            Position::Line { line, .. } | Position::Record { line, .. } => Some(*line),
            _ => None,
        }
    }
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

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line { line, .. } | Position::Record { line, .. } => write!(f, "{line}"),
            Position::SheetCell { sheet, row, column } => {
                write!(f, "{sheet}!{}", cell_name(*row, *column))
            }
            Position::WordParagraph { paragraph } => write!(f, "paragraph {paragraph}"),
            Position::WordCell { table, row, cell } => {
                write!(f, "table {table}, row {row}, cell {cell}")
            }
            Position::PdfLine { page, line } => write!(f, "p. {page}, line {line}"),
            Position::PdfCell {
                page,
                table,
                row,
                cell,
            } => write!(f, "p. {page}, table {table}, row {row}, cell {cell}"),
            Position::Unknown => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        Cell::new(text, Position::Unknown)
    }

    fn texts(table: &Table) -> Vec<Vec<String>> {
        table
            .grid()
            .iter()
            .map(|row| {
                row.iter()
                    .map(|s| s.map_or("-".to_string(), |s| s.cell.text.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spans_cover_the_slots_below_and_beside_them() {
        let mut lead = cell("县应急局");
        lead.row_span = 2;
        let mut heading = cell("一、源头治理");
        heading.col_span = 3;
        let table = Table {
            rows: vec![
                vec![heading],
                vec![cell("1"), cell("排查。"), lead],
                vec![cell("2"), cell("整改。")],
            ],
            at: Position::Unknown,
        };
        assert_eq!(
            texts(&table),
            [
                ["一、源头治理", "一、源头治理", "一、源头治理"],
                ["1", "排查。", "县应急局"],
                ["2", "整改。", "县应急局"],
            ]
        );
        assert_eq!(table.width(), 3);
        let grid = table.grid();
        assert!(grid[1][2].unwrap().first_row && !grid[2][2].unwrap().first_row);
        assert!(grid[0][0].unwrap().first_column && !grid[0][1].unwrap().first_column);
    }

    #[test]
    fn a_leading_span_pushes_the_row_right() {
        let mut problem = cell("投资不足");
        problem.row_span = 2;
        let table = Table {
            rows: vec![
                vec![problem, cell("出台意见。"), cell("区经发局")],
                vec![cell("创新方式。"), cell("区财金局")],
            ],
            at: Position::Unknown,
        };
        assert_eq!(texts(&table)[1], ["投资不足", "创新方式。", "区财金局"]);
    }

    #[test]
    fn positions_print_as_users_know_them() {
        let at = Position::SheetCell {
            sheet: "Sheet1".into(),
            row: 6,
            column: 2,
        };
        assert_eq!(at.to_string(), "Sheet1!C7");
        assert_eq!(
            Position::WordCell {
                table: 2,
                row: 7,
                cell: 3
            }
            .to_string(),
            "table 2, row 7, cell 3"
        );
        assert_eq!(cell_name(0, 26), "AA1");
    }
}
