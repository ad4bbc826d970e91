//! The document's text as the page shows it beside the register: one entry per line of a text
//! document, per paragraph or table row of a Word document, per row of a sheet. Each entry has
//! the key that a task's `source` maps to, so a click on a row finds its line:
//! `line:14`, `paragraph:7`, `table:1:row:3`, `sheet:分解表:row:4` (rows 1-based as printed).

use dutyctl::document::{Block, Position};
use dutyctl::error::ReadError;
use dutyctl::reader::{self, Read, ReadOptions, decode, register, sniff};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// What the page prints in the margin: the line number, `表1·3`, `分解表!4`.
    pub label: String,
    pub text: String,
    pub key: String,
}

/// The lines of a document that the register's `source` positions refer to. A register read
/// back has none: its positions refer to the notice it was made from.
pub fn source_lines(bytes: &[u8], options: &ReadOptions) -> Result<Vec<SourceLine>, ReadError> {
    if let sniff::Kind::Text = sniff::sniff(bytes)? {
        let text = decode::decode_text(bytes, options.encoding)?;
        if register::looks_like_register(&text) {
            return Ok(Vec::new());
        }
        return Ok(text
            .split('\n')
            .enumerate()
            .map(|(index, line)| SourceLine {
                label: (index + 1).to_string(),
                text: line.trim_end_matches('\r').to_string(),
                key: format!("line:{}", index + 1),
            })
            .collect());
    }
    let mut warnings = Vec::new();
    let Read::Document { document, .. } = reader::read_document(bytes, options, &mut warnings)?
    else {
        return Ok(Vec::new());
    };
    let mut lines = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                let (label, key) = position_label_and_key(&paragraph.at);
                lines.push(SourceLine {
                    label,
                    text: paragraph.text.clone(),
                    key,
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
                    lines.push(SourceLine { label, text, key });
                }
            }
        }
    }
    Ok(lines)
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

    #[test]
    fn a_text_notice_gives_its_lines_numbered_from_one() {
        let lines = source_lines(
            "关于印发的通知\r\n一、总体要求\r\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(lines[1].label, "2");
        assert_eq!(lines[1].text, "一、总体要求");
        assert_eq!(lines[1].key, "line:2");
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
    }
}
