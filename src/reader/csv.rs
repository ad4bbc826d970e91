//! CSV tables (UTF-8 with or without BOM, or GBK, decoded before) → one table block.

use super::grid::Grid;
use crate::document::{Block, Document};
use crate::error::ReadError;

/// Reads CSV text as a document of one table.
pub fn read_csv(text: &str) -> Result<Document, ReadError> {
    Ok(Document {
        blocks: vec![Block::Table(csv_grid(text)?.into_table())],
        properties: Vec::new(),
    })
}

/// Parses CSV text into a grid; each row remembers the line it starts on.
pub fn csv_grid(text: &str) -> Result<Grid, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Corrupt(format!("bad CSV: {e}")))?;
        // With CRLF the reported start can sit on the \n that ends the previous record.
        let bytes = text.as_bytes();
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        lines.push(bytes[..start].iter().filter(|b| **b == b'\n').count() + 1);
        cells.push(record.iter().map(|c| c.replace("\r\n", "\n")).collect());
    }
    Ok(Grid {
        sheet: None,
        origin: (0, 0),
        cells,
        merges: Vec::new(),
        lines: Some(lines),
    })
}

/// Whether decoded text is a CSV table rather than prose: one of its first lines, read as CSV,
/// names at least two known columns.
pub fn looks_like_csv(text: &str) -> bool {
    text.lines()
        .take(12)
        .filter(|l| l.matches(',').count() >= 1)
        .any(|line| {
            line.split(',')
                .filter(|c| crate::vocab::header_column(c.trim().trim_matches('"')).is_some())
                .count()
                >= 2
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_remember_their_lines_across_quoted_newlines() {
        let grid = csv_grid("标题\r\n序号,任务\r\n1,\"两\r\n行\"\r\n2,三\r\n").unwrap();
        assert_eq!(grid.lines, Some(vec![1, 2, 3, 5]));
        assert_eq!(grid.cells[2][1], "两\n行");
    }

    #[test]
    fn csv_is_told_from_prose_by_its_header() {
        assert!(looks_like_csv(
            "分解表\n序号,工作任务,牵头单位\n1,排查,县应急局\n"
        ));
        assert!(!looks_like_csv("一、总体要求\n坚持人民至上,生命至上。\n"));
    }
}
