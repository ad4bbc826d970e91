//! The document's text as the page shows it beside the register. A text document (text, Word,
//! web page) is shown as lines: one entry per line of a text file, per paragraph or table row
//! of a Word document. A sheet (xlsx, xls, ods, csv) is shown as its grid of cells, merged
//! regions spanning as they are printed.
//!
//! Every line, grid row and grid cell has the key that a task's `source` maps to, so a click on a
//! row finds where it came from: `line:14`, `paragraph:7`, `table:1:row:3` for lines;
//! `sheet:分解表:row:4` and `sheet:分解表:cell:B4` for a sheet's rows and cells (as printed),
//! `line:5` and `line:5:col:B` for a CSV file's records and cells.

use dutyctl::document::{Block, Position, Table, cell_name};
use dutyctl::error::ReadError;
use dutyctl::reader::{self, Read, ReadOptions, decode, register, sniff};
use serde::Serialize;

/// A sheet is shown as a grid up to this many cells in all (a table of a few hundred tasks has a
/// few thousand); past it, as rows of text, which a browser lays out in a moment.
const GRID_CELL_LIMIT: usize = 40_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// What the page prints in the margin: the line number, `表1·3`, `分解表!4`.
    pub label: String,
    pub text: String,
    pub key: String,
    /// The keys of the row's other cells where they start elsewhere (a page's cells each on a
    /// line of their own): a task found at any of its row's cells is shown at the row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// One sheet (or a CSV file) as a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetGrid {
    /// The sheet's name; none for a CSV file.
    pub name: Option<String>,
    /// The letters over the columns shown (`A`, `B` …, from the sheet's first used column).
    pub columns: Vec<String>,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridRow {
    /// The row number printed in the margin (a CSV record: its line).
    pub label: String,
    pub key: String,
    /// The cells that start in this row, left to right; slots a span covers are left out.
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridCell {
    pub text: String,
    /// 0-based, among the columns shown.
    pub column: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub key: String,
}

/// What the page shows on the left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub lines: Vec<SourceLine>,
    pub sheets: Vec<SheetGrid>,
}

/// The source of a document, to which the register's `source` positions refer. A register read
/// back has none: its positions refer to the notice it was made from.
pub fn source_view(bytes: &[u8], options: &ReadOptions) -> Result<Source, ReadError> {
    if let sniff::Kind::Text = sniff::sniff(bytes)? {
        let text = decode::decode_text(bytes, options.encoding)?;
        if register::looks_like_register(&text) {
            return Ok(Source::default());
        }
        if !dutyctl::reader::csv::looks_like_csv(&text) {
            return Ok(Source {
                lines: text_lines(&text),
                sheets: Vec::new(),
            });
        }
    }
    let mut warnings = Vec::new();
    let Read::Document { document, tabular } =
        reader::read_document(bytes, options, &mut warnings)?
    else {
        return Ok(Source::default());
    };
    let tables: Vec<&Table> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            Block::Paragraph(_) => None,
        })
        .collect();
    let cells: usize = tables
        .iter()
        .map(|t| t.rows.iter().map(Vec::len).sum::<usize>())
        .sum();
    if tabular && cells <= GRID_CELL_LIMIT {
        return Ok(Source {
            lines: Vec::new(),
            sheets: tables.into_iter().filter_map(sheet_grid).collect(),
        });
    }
    let mut lines = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                let (label, key) = position_label_and_key(&paragraph.at);
                lines.push(SourceLine {
                    label,
                    text: paragraph.text.clone(),
                    key,
                    also: Vec::new(),
                });
            }
            Block::Table(table) => {
                for row in &table.rows {
                    let Some(first) = row.first() else { continue };
                    let (label, key) = position_label_and_key(&first.at);
                    let text = row
                        .iter()
                        .map(|cell| cell.text.replace('\n', " "))
                        .collect::<Vec<_>>()
                        .join(" │ ");
                    let mut also: Vec<String> = Vec::new();
                    for cell in &row[1..] {
                        let (_, other) = position_label_and_key(&cell.at);
                        if other != key && !also.contains(&other) {
                            also.push(other);
                        }
                    }
                    lines.push(SourceLine {
                        label,
                        text,
                        key,
                        also,
                    });
                }
            }
        }
    }
    Ok(Source {
        lines,
        sheets: Vec::new(),
    })
}

fn text_lines(text: &str) -> Vec<SourceLine> {
    text.split('\n')
        .enumerate()
        .map(|(index, line)| SourceLine {
            label: (index + 1).to_string(),
            text: line.trim_end_matches('\r').to_string(),
            key: format!("line:{}", index + 1),
            also: Vec::new(),
        })
        .collect()
}

/// A sheet's table as the page lays it out: trailing empty rows and columns (a used range that
/// reaches past the table, as formatting leaves it) cut off, spans clipped to what is shown.
fn sheet_grid(table: &Table) -> Option<SheetGrid> {
    let (name, first_column) = match &table.at {
        Position::SheetCell { sheet, column, .. } => (Some(sheet.clone()), *column),
        Position::Record { .. } => (None, 0),
        _ => return None,
    };
    let column_of = |at: &Position| match at {
        Position::SheetCell { column, .. } | Position::Record { column, .. } => {
            column.saturating_sub(first_column)
        }
        _ => 0,
    };
    // The extent of what is printed: the last row and column any non-empty cell reaches.
    let (mut height, mut width) = (0, 0);
    for (r, row) in table.rows.iter().enumerate() {
        for cell in row.iter().filter(|c| !c.is_empty()) {
            height = height.max(r + cell.row_span.max(1));
            width = width.max(column_of(&cell.at) + cell.col_span.max(1));
        }
    }
    if height == 0 {
        return None;
    }
    let rows = table.rows[..height.min(table.rows.len())]
        .iter()
        .enumerate()
        .map(|(r, row)| {
            // A row that spans from above cover entirely still needs its place in the grid.
            let (label, key) = match (&table.at, row.first().map(|c| &c.at)) {
                (_, Some(Position::Record { line, .. })) => {
                    (line.to_string(), format!("line:{line}"))
                }
                (
                    Position::SheetCell {
                        sheet, row: top, ..
                    },
                    _,
                ) => {
                    let number = top + r + 1;
                    (number.to_string(), format!("sheet:{sheet}:row:{number}"))
                }
                _ => (String::new(), String::new()),
            };
            let cells = row
                .iter()
                .filter(|cell| column_of(&cell.at) < width)
                .map(|cell| {
                    let column = column_of(&cell.at);
                    GridCell {
                        text: cell.text.clone(),
                        column,
                        row_span: cell.row_span.max(1).min(height - r),
                        col_span: cell.col_span.max(1).min(width - column),
                        key: cell_key(&cell.at),
                    }
                })
                .collect();
            GridRow { label, key, cells }
        })
        .collect();
    Some(SheetGrid {
        name,
        columns: (0..width)
            .map(|c| column_letters(first_column + c))
            .collect(),
        rows,
    })
}

fn column_letters(column: usize) -> String {
    cell_name(0, column).trim_end_matches('1').to_string()
}

/// The key of one cell of a sheet or CSV file.
pub fn cell_key(at: &Position) -> String {
    match at {
        Position::SheetCell { sheet, row, column } => {
            format!("sheet:{sheet}:cell:{}", cell_name(*row, *column))
        }
        Position::Record { line, column } => {
            format!("line:{line}:col:{}", column_letters(*column))
        }
        _ => String::new(),
    }
}

/// How a position is printed in the margin and the key it is found by (a table row for a cell).
pub fn position_label_and_key(at: &Position) -> (String, String) {
    match at {
        Position::WordParagraph { paragraph } => {
            (paragraph.to_string(), format!("paragraph:{paragraph}"))
        }
        Position::WordCell { table, row, .. } => (
            format!("表{table}·{row}"),
            format!("table:{table}:row:{row}"),
        ),
        Position::SheetCell { sheet, row, .. } => (
            format!("{sheet}!{}", row + 1),
            format!("sheet:{sheet}:row:{}", row + 1),
        ),
        Position::Record { line, .. } | Position::Line { line, .. } => {
            (line.to_string(), format!("line:{line}"))
        }
        // A PDF's lines are counted through the document, its tables' rows through each table.
        Position::PdfLine { page, line } => (format!("{page}·{line}"), format!("line:{line}")),
        Position::PdfCell {
            page, table, row, ..
        } => (
            format!("{page}·表{table}·{row}"),
            format!("table:{table}:row:{row}"),
        ),
        other => (other.to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dutyctl::reader::grid::{Grid, Merge};

    #[test]
    fn a_text_notice_gives_its_lines_numbered_from_one() {
        let source = source_view(
            "关于印发的通知\r\n一、总体要求\r\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(source.sheets.is_empty());
        assert_eq!(source.lines[1].label, "2");
        assert_eq!(source.lines[1].text, "一、总体要求");
        assert_eq!(source.lines[1].key, "line:2");
    }

    #[test]
    fn a_page_table_row_is_found_at_any_of_its_cells_lines() {
        let page = concat!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n",
            "<table>\n",
            "<tr><th>重点工作</th><th>具体任务</th><th>牵头单位</th></tr>\n",
            "<tr>\n",
            "<td rowspan=\"2\">健全责任体系</td>\n",
            "<td>制定责任清单</td>\n",
            "<td>区安委办</td>\n",
            "</tr>\n",
            "</table></body></html>\n",
        );
        let source = source_view(page.as_bytes(), &ReadOptions::default()).unwrap();
        let row = source
            .lines
            .iter()
            .find(|l| l.key == "line:5")
            .expect("the row at its first cell");
        assert_eq!(row.also, ["line:6", "line:7"]);
        // A row on one line has no other keys.
        let header = source.lines.iter().find(|l| l.key == "line:3").unwrap();
        assert!(header.also.is_empty());
    }

    #[test]
    fn sheet_rows_are_keyed_as_printed() {
        let at = Position::SheetCell {
            sheet: "分解表".into(),
            row: 3,
            column: 1,
        };
        assert_eq!(
            position_label_and_key(&at),
            ("分解表!4".to_string(), "sheet:分解表:row:4".to_string())
        );
        assert_eq!(cell_key(&at), "sheet:分解表:cell:B4");
    }

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_sheet_keeps_its_merged_regions_and_loses_its_empty_margin() {
        // B2:D6 used; the title merged across B2:D2, the lead merged down D4:D5; row 6 and
        // column E are empty (formatting only).
        let table = Grid {
            sheet: Some("表1".into()),
            origin: (1, 1),
            cells: strings(&[
                &["年度任务表", "", "", ""],
                &["序号", "任务", "牵头单位", ""],
                &["1", "排查隐患", "县应急局", ""],
                &["2", "整改隐患", "", ""],
                &["", "", "", ""],
            ]),
            merges: vec![
                Merge {
                    start: (1, 1),
                    end: (1, 3),
                },
                Merge {
                    start: (3, 3),
                    end: (4, 3),
                },
            ],
            lines: None,
        }
        .into_table();
        let grid = sheet_grid(&table).unwrap();
        assert_eq!(grid.name.as_deref(), Some("表1"));
        assert_eq!(grid.columns, ["B", "C", "D"]);
        assert_eq!(grid.rows.len(), 4, "the empty last row is cut");
        let title = &grid.rows[0].cells[0];
        assert_eq!((title.col_span, title.row_span), (3, 1));
        assert_eq!(grid.rows[0].key, "sheet:表1:row:2");
        let lead = &grid.rows[2].cells[2];
        assert_eq!(lead.text, "县应急局");
        assert_eq!((lead.column, lead.row_span), (2, 2));
        assert_eq!(lead.key, "sheet:表1:cell:D4");
        assert_eq!(grid.rows[3].cells.len(), 2, "D5 is covered by D4");
        assert_eq!(grid.rows[3].label, "5");
    }

    #[test]
    fn a_csv_file_is_a_grid_keyed_by_its_lines() {
        let text = "序号,重点工作任务,牵头单位\n1,\"排查\n隐患\",县应急局\n2,整改,县住建局\n";
        let source = source_view(text.as_bytes(), &ReadOptions::default()).unwrap();
        assert!(source.lines.is_empty());
        let grid = &source.sheets[0];
        assert_eq!(grid.name, None);
        let keys: Vec<&str> = grid.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["line:1", "line:2", "line:4"]);
        assert_eq!(grid.rows[1].cells[1].key, "line:2:col:B");
        assert_eq!(grid.rows[1].cells[1].text, "排查\n隐患");
    }
}
