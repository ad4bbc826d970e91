//! The register as Markdown: the title, each section as a heading, its tasks as a GFM table
//! (pipes and newlines in cells escaped), readable on a code host and in a terminal pager.

use super::view::{self, Column, Row};
use super::{WriteError, WriteOptions};
use crate::model::Register;
use crate::vocab::{DOCUMENT_FACT_LABELS, NOTE_LABEL};
use std::fmt::Write;

pub fn write(register: &Register, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    let columns = view::columns(register, options);
    let unit = options.unit.as_deref();
    let mut out = String::new();
    let document = &register.document;
    let _ = writeln!(
        out,
        "# {}\n",
        escape_inline(&view::title(register, options))
    );
    let facts: Vec<String> = DOCUMENT_FACT_LABELS
        .into_iter()
        .zip([&document.doc_number, &document.issuer, &document.date])
        .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}：{v}")))
        .collect();
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }
    let mut in_table = false;
    for row in view::rows(register, options.expand_items) {
        match row {
            Row::Section { depth, text } => {
                if in_table {
                    out.push('\n');
                    in_table = false;
                }
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat((depth + 2).min(6)),
                    escape_inline(text)
                );
            }
            Row::Task { task, item } => {
                if !in_table {
                    table_header(&mut out, &columns);
                    in_table = true;
                }
                let cells: Vec<String> = columns
                    .iter()
                    .map(|c| escape_cell(&c.values(task, item, unit).join("\n")))
                    .collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
    }
    if in_table {
        out.push('\n');
    }
    for note in &document.notes {
        let _ = writeln!(out, "> {NOTE_LABEL}：{}\n", escape_inline(note));
    }
    Ok(out.into_bytes())
}

fn table_header(out: &mut String, columns: &[Column]) {
    let headers: Vec<&str> = columns.iter().map(|c| c.header()).collect();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(columns.len()));
}

/// A table cell: `|` escaped, line breaks as `<br>`.
fn escape_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

fn escape_inline(text: &str) -> String {
    text.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(escape_cell("A|B\nC"), "A\\|B<br>C");
    }
}
