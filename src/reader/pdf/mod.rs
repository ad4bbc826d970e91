//! PDF notices and tables with a text layer, as Word, WPS and Excel print them: the text of
//! each page from its fonts (`font`, `cmap`) and positions (`content`), lines rebuilt into
//! paragraphs (`layout`), bordered tables from the rules they draw (`lattice`) and others from
//! the positions of their columns (`columns`), page headers,
//! footers and page numbers left out, and a table continued over pages under a repeated
//! header read as one. A scan (images, no text) and a PDF locked with a password are refused
//! with what to do instead.
//!
//! The container (cross references, object streams, filters, decryption with an empty
//! password) is lopdf's; everything about text and layout is here.

mod cmap;
mod columns;
mod content;
mod font;
mod lattice;
mod layout;

use crate::document::{Block, Cell, Document, Paragraph, Position, Table};
use crate::error::{ReadError, Warning};
use crate::reader::limits::{
    PDF_CONTENT_LIMIT, PDF_GLYPH_LIMIT, PDF_OPERATION_LIMIT, PDF_PAGE_LIMIT,
};
use content::{Budget, Glyph, PageContent, Stop};
use lattice::Lattice;
use layout::TextLine;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A PDF starts with `%PDF-`, or has it within its first kilobyte (after a mail or print
/// header) and ends with `%%EOF`.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"%PDF-") {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    head.windows(5).any(|w| w == b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF")
}

/// Reads a PDF's text layer into paragraphs and tables.
pub fn read_pdf(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<Document, ReadError> {
    let pages = std::panic::catch_unwind(|| read_pages(bytes))
        .map_err(|_| ReadError::Corrupt("not a readable PDF".into()))??;
    Ok(assemble(pages, warnings))
}

/// One page as read: its lines outside tables and its tables, with the page size.
struct PageItems {
    height: f64,
    lines: Vec<TextLine>,
    tables: Vec<PageTable>,
    /// Characters that decode to U+FFFD or private use, of all.
    bad_chars: usize,
    chars: usize,
    images: usize,
}

/// A table found on a page: its grid and each grid cell's text.
struct PageTable {
    lattice: Lattice,
    texts: Vec<String>,
}

fn read_pages(bytes: &[u8]) -> Result<Vec<PageItems>, ReadError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(PDF_CONTENT_LIMIT),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|e| ReadError::Corrupt(format!("not a readable PDF: {e}")))?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(ReadError::UnreadablePdf(
            "the PDF is locked with a password: open it with the password and print it to a new PDF without one"
                .into(),
        ));
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(ReadError::Corrupt("a PDF without pages".into()));
    }
    if page_ids.len() > PDF_PAGE_LIMIT {
        return Err(ReadError::OverLimit(format!(
            "the PDF has {} pages, more than the {PDF_PAGE_LIMIT} dutyctl reads",
            page_ids.len()
        )));
    }
    let mut budget = Budget {
        operations: PDF_OPERATION_LIMIT,
        glyphs: PDF_GLYPH_LIMIT,
        content_bytes: PDF_CONTENT_LIMIT,
    };
    let mut fonts = content::Fonts::default();
    let mut pages = Vec::with_capacity(page_ids.len());
    for (number, id) in page_ids {
        let page = content::read_page(&doc, id, &mut fonts, &mut budget).map_err(|Stop::OverBudget(what)| {
            ReadError::OverLimit(format!(
                "page {number}: the PDF's {what} are more than dutyctl reads (see the limits in the README)"
            ))
        })?;
        pages.push(page_items(page));
    }
    let glyphs: usize = pages.iter().map(|p| p.chars).sum();
    if glyphs == 0 {
        let images: usize = pages.iter().map(|p| p.images).sum();
        return Err(ReadError::UnreadablePdf(if images > 0 {
            "the PDF has no text layer, only images (a scan): it needs OCR first, such as `ocrmypdf --language chi_sim IN.pdf OUT.pdf`".into()
        } else {
            "the PDF has no text".into()
        }));
    }
    Ok(pages)
}

fn is_bad(c: char) -> bool {
    c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Splits a page's glyphs between its tables and its free text.
fn page_items(page: PageContent) -> PageItems {
    let mut chars = 0;
    let mut bad_chars = 0;
    for glyph in &page.glyphs {
        for c in page.text_of(glyph).chars() {
            chars += 1;
            bad_chars += usize::from(is_bad(c));
        }
    }
    let lattices = lattice::tables(&page.rules);
    let mut free: Vec<Glyph> = Vec::new();
    let mut in_cells: Vec<Vec<Vec<Glyph>>> = lattices
        .iter()
        .map(|l| vec![Vec::new(); l.cells.len()])
        .collect();
    // Text outside the page is clipped away on paper (a merged cell's text centred over rows
    // that run onto another page).
    let on_page = |g: &&Glyph| g.middle() >= 0.0 && g.middle() <= page.height;
    for glyph in page.glyphs.iter().filter(on_page) {
        let (x, y) = (glyph.x + glyph.width / 2.0, glyph.middle());
        let cell = lattices
            .iter()
            .enumerate()
            .find(|(_, l)| l.contains(x, y))
            .and_then(|(t, l)| l.cell_at(x, y).map(|c| (t, c)));
        match cell {
            Some((t, c)) => in_cells[t][c].push(*glyph),
            None => free.push(*glyph),
        }
    }
    let tables = lattices
        .into_iter()
        .zip(in_cells)
        .map(|(lattice, cells)| {
            let texts = cell_texts(&page, &lattice, &cells);
            PageTable { lattice, texts }
        })
        .filter(|t| t.texts.iter().any(|s| !s.is_empty()))
        .collect();
    PageItems {
        height: page.height,
        lines: layout::lines(&page, &free),
        tables,
        bad_chars,
        chars,
        images: page.images,
    }
}

/// Each cell's text: its lines, joined where the cell's width broke them, a line break where
/// a line ended with room to spare.
fn cell_texts(page: &PageContent, lattice: &Lattice, cells: &[Vec<Glyph>]) -> Vec<String> {
    let lines: Vec<Vec<TextLine>> = cells.iter().map(|g| layout::lines(page, g)).collect();
    // The padding of each grid column: the smallest distance of any of its lines to a border.
    let mut padding = vec![f64::MAX; lattice.xs.len()];
    for (cell, lines) in lattice.cells.iter().zip(&lines) {
        let (left, _, right, _) = lattice.bounds(cell);
        for line in lines {
            let gap = (line.x0 - left).min(right - line.x1);
            padding[cell.column] = padding[cell.column].min(gap);
        }
    }
    lattice
        .cells
        .iter()
        .zip(&lines)
        .map(|(cell, lines)| {
            let (left, _, right, _) = lattice.bounds(cell);
            let size = lines.first().map_or(10.0, |l| l.size);
            let pad = padding[cell.column].clamp(0.5, 6.0_f64.min(0.6 * size));
            let mut paragraphs: Vec<Vec<&str>> = Vec::new();
            for (k, line) in lines.iter().enumerate() {
                let joined = k > 0
                    && layout::continues(&lines[k - 1], line, left + pad, right - pad, None, false)
                    && !layout::names_one_per_line(&lines[k - 1].text, &line.text);
                if !joined {
                    paragraphs.push(Vec::new());
                }
                paragraphs.last_mut().expect("a paragraph").push(&line.text);
            }
            paragraphs
                .iter()
                .map(|p| layout::join(p))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// Page numbers as printed in a header or footer: `－2－`, `- 2 -`, `2`, `第 2 页 共 9 页`,
/// `2/9`, `Page 2 of 9`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-－—–~·一\s]*\d{1,4}[-－—–~·一\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$",
    )
    .expect("page number pattern")
});

/// How far above a table its title stands, at most (Excel's print titles repeat both).
const TITLE_GAP: f64 = 60.0;

/// The share of the page height at its top and bottom where headers and footers stand.
const MARGIN_BAND: f64 = 0.12;

/// Marks the lines that are page headers, footers or page numbers: in the top or bottom band
/// of the page, a page number, or the same text (digits aside) on most pages.
fn furniture(pages: &[PageItems]) -> Vec<Vec<bool>> {
    let in_band = |page: &PageItems, line: &TextLine| {
        line.bottom < MARGIN_BAND * page.height || line.top > (1.0 - MARGIN_BAND) * page.height
    };
    let shape = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut seen: Vec<String> = page
            .lines
            .iter()
            .filter(|l| in_band(page, l))
            .map(|l| shape(&l.text))
            .collect();
        seen.sort();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let repeated = |text: &str| {
        pages.len() >= 2
            && counts
                .get(&shape(text))
                .is_some_and(|n| *n >= 2 && *n * 2 >= pages.len())
    };
    pages
        .iter()
        .map(|page| {
            // Only lines outside the body's first and last: a band line below a table or
            // paragraph that reaches into the band is still body text.
            page.lines
                .iter()
                .map(|l| {
                    in_band(page, l) && (PAGE_NUMBER.is_match(l.text.trim()) || repeated(&l.text))
                })
                .collect()
        })
        .collect()
}

/// The body text's column and line pitch on one page: the left edge most lines start at, the
/// right edge the longest lines reach, and the usual distance between baselines.
struct Column {
    left: f64,
    right: f64,
    pitch: f64,
}

fn column_of(lines: &[&TextLine]) -> Option<Column> {
    if lines.is_empty() {
        return None;
    }
    let mut lefts: Vec<f64> = lines.iter().map(|l| l.x0).collect();
    let mut rights: Vec<f64> = lines.iter().map(|l| l.x1).collect();
    lefts.sort_by(f64::total_cmp);
    rights.sort_by(f64::total_cmp);
    let left = lefts[lefts.len() / 10];
    let right = rights[rights.len() - 1 - rights.len() / 10];
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() < 0.15 * w[0].size)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let size = lines[lines.len() / 2].size;
    let pitch = pitches
        .get(pitches.len() / 2)
        .copied()
        .unwrap_or(1.5 * size);
    Some(Column { left, right, pitch })
}

/// An item of a page in reading order.
enum Item<'a> {
    Line(&'a TextLine),
    Table(&'a PageTable),
}

impl Item<'_> {
    fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.top,
            Item::Table(t) => t.lattice.top(),
        }
    }
}

/// A paragraph being gathered: its lines' texts, where it starts, and its last line.
struct Open<'a> {
    texts: Vec<&'a str>,
    at: Position,
    last: &'a TextLine,
    page: usize,
}

/// A table being gathered over pages: its grid columns, its rows so far and its first row's
/// texts (a header the next page repeats).
struct OpenTable {
    xs: Vec<f64>,
    rows: Vec<Vec<Cell>>,
    header: Vec<String>,
    number: usize,
    page: usize,
    /// The lines above it on the page where it starts (its title, which a printer may repeat).
    above: Vec<String>,
}

fn assemble(pages: Vec<PageItems>, warnings: &mut Vec<Warning>) -> Document {
    let furniture = furniture(&pages);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Open> = None;
    let mut table: Option<OpenTable> = None;
    let mut line_number = 0usize;
    let mut tables = 0usize;
    // Each page's lines, less its furniture and the tables drawn without rules that lines
    // lined up in columns make.
    let prepared: Vec<(Vec<&TextLine>, Vec<PageTable>)> = pages
        .iter()
        .zip(&furniture)
        .map(|(page, dropped)| {
            let kept: Vec<&TextLine> = page
                .lines
                .iter()
                .zip(dropped)
                .filter(|(_, d)| !**d)
                .map(|(l, _)| l)
                .collect();
            columns::tables(kept)
        })
        .collect();
    for (index, (page, (kept, unruled))) in pages.iter().zip(&prepared).enumerate() {
        let number = index + 1;
        let column = column_of(kept);
        let mut items: Vec<Item> = kept.iter().map(|l| Item::Line(l)).collect();
        items.extend(page.tables.iter().chain(unruled).map(Item::Table));
        items.sort_by(|a, b| a.top().total_cmp(&b.top()));
        let first_line_here = line_number + 1;
        // Items of this page before its first table or paragraph: a title the printer repeats
        // above a continued table (Excel's print titles) is skipped, so the table continues.
        let mut k = 0;
        for item in &items {
            match item {
                Item::Line(line)
                    if k == 0
                        && table.as_ref().is_some_and(|t| {
                            t.page + 1 == number && t.above.contains(&line.text)
                        }) =>
                {
                    continue;
                }
                _ => k += 1,
            }
            let k = k - 1;
            match item {
                Item::Line(line) => {
                    line_number += 1;
                    if let Some(t) = table.take() {
                        blocks.push(finish_table(t));
                    }
                    let column = column.as_ref().expect("a page with lines has a column");
                    let joins = open.as_ref().is_some_and(|o| {
                        let same_page = o.page == number;
                        let pitch = same_page.then_some(column.pitch);
                        // Across a page break only the page's first line continues.
                        (same_page || k == 0)
                            && layout::continues(
                                o.last,
                                line,
                                column.left,
                                column.right,
                                pitch,
                                true,
                            )
                    });
                    if joins {
                        let o = open.as_mut().expect("an open paragraph");
                        o.texts.push(&line.text);
                        o.last = line;
                        o.page = number;
                    } else {
                        if let Some(o) = open.take() {
                            blocks.push(finish_paragraph(o));
                        }
                        open = Some(Open {
                            texts: vec![&line.text],
                            at: Position::PdfLine {
                                page: number,
                                line: line_number,
                            },
                            last: line,
                            page: number,
                        });
                    }
                }
                Item::Table(found) => {
                    if let Some(o) = open.take() {
                        blocks.push(finish_paragraph(o));
                    }
                    let continued = table.as_ref().is_some_and(|t| {
                        t.page + 1 == number && k == 0 && same_columns(&t.xs, &found.lattice.xs)
                    });
                    if !continued {
                        if let Some(t) = table.take() {
                            blocks.push(finish_table(t));
                        }
                        tables += 1;
                        let top = found.lattice.top();
                        table = Some(OpenTable {
                            xs: found.lattice.xs.clone(),
                            rows: Vec::new(),
                            header: Vec::new(),
                            number: tables,
                            page: number,
                            above: kept
                                .iter()
                                .filter(|l| l.bottom <= top && top - l.bottom < TITLE_GAP)
                                .map(|l| l.text.clone())
                                .collect(),
                        });
                    }
                    let t = table.as_mut().expect("an open table");
                    t.page = number;
                    add_rows(t, found, number, continued);
                }
            }
        }
        // A table ends its page: the next page's first item may continue it. A paragraph may
        // too, so both stay open.
        if page.bad_chars >= 3 && page.bad_chars * 20 > page.chars {
            warnings.push(Warning::at(
                Position::PdfLine {
                    page: number,
                    line: first_line_here,
                },
                format!(
                    "page {number}: {} of {} characters could not be decoded (a font without a Unicode map); its text may be wrong",
                    page.bad_chars, page.chars
                ),
            ));
        }
        if page.chars == 0 && page.images > 0 {
            warnings.push(Warning::general(format!(
                "page {number} has no text layer, only images (a scanned page?): it needs OCR to be read"
            )));
        }
    }
    if let Some(o) = open.take() {
        blocks.push(finish_paragraph(o));
    }
    if let Some(t) = table.take() {
        blocks.push(finish_table(t));
    }
    Document {
        blocks,
        properties: Vec::new(),
    }
}

fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 3.0)
}

fn finish_paragraph(open: Open) -> Block {
    Block::Paragraph(Paragraph::new(layout::join(&open.texts), open.at))
}

fn finish_table(table: OpenTable) -> Block {
    let at = table
        .rows
        .iter()
        .flatten()
        .next()
        .map_or(Position::Unknown, |c| c.at.clone());
    Block::Table(Table {
        rows: table.rows,
        at,
    })
}

fn row_continues(last: &[Cell], first: &[Cell]) -> bool {
    let spans = |row: &[Cell]| row.iter().map(|c| c.col_span).collect::<Vec<_>>();
    let ends_sentence = |text: &str| {
        text.trim_end()
            .ends_with(['。', '；', ';', '！', '!', '？', '?'])
    };
    last.len() == first.len()
        && last.len() >= 2
        && spans(last) == spans(first)
        && first[0].text.trim().is_empty()
        && !last[0].text.trim().is_empty()
        && last
            .iter()
            .max_by_key(|c| c.text.chars().count())
            .is_some_and(|c| !ends_sentence(&c.text))
}

/// Adds a page's table rows; a continued table's first row is dropped where it repeats the
/// header.
fn add_rows(table: &mut OpenTable, found: &PageTable, page: usize, continued: bool) {
    let lattice = &found.lattice;
    let rows = lattice.ys.len() - 1;
    let mut grid: Vec<Vec<Cell>> = vec![Vec::new(); rows];
    let mut first_row_texts = Vec::new();
    for (cell, text) in lattice.cells.iter().zip(&found.texts) {
        if cell.row == 0 {
            first_row_texts.push(text.clone());
        }
        grid[cell.row].push(Cell {
            text: text.clone(),
            row_span: cell.rows,
            col_span: cell.columns,
            at: Position::Unknown,
        });
    }
    let skip =
        usize::from(continued && !table.header.is_empty() && first_row_texts == table.header);
    if !continued {
        table.header = first_row_texts;
    }
    let mut grid = grid.into_iter().skip(skip).peekable();
    // A row the page break cut: its rest opens the next page with the first cell (the 序号)
    // empty, below a row whose longest text stops mid-sentence. Its texts continue that row's.
    if continued
        && let (Some(first), Some(last)) = (grid.peek(), table.rows.last_mut())
        && row_continues(last, first)
    {
        for (above, below) in last.iter_mut().zip(grid.next().expect("a row")) {
            if !below.text.is_empty() {
                above.text = layout::join(&[&above.text, &below.text]);
            }
        }
    }
    for row in grid {
        let number = table.rows.len() + 1;
        let row: Vec<Cell> = row
            .into_iter()
            .enumerate()
            .map(|(k, mut c)| {
                c.at = Position::PdfCell {
                    page,
                    table: table.number,
                    row: number,
                    cell: k + 1,
                };
                c
            })
            .collect();
        table.rows.push(row);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The fonts of [`build_pdf`]'s pages: F1 a Type0 font on `UniGB-UCS2-H`, F2 one on
    /// `GBK-EUC-H`, neither embedded nor with a ToUnicode map, F3 Helvetica.
    const FONTS: &str = "<< /F1 3 0 R /F2 4 0 R /F3 5 0 R >>";

    /// Text shown at (x, y) from the bottom left in a font of [`FONTS`].
    pub fn show(font: u8, size: f64, x: f64, y: f64, text: &str) -> String {
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02X}")).collect::<String>();
        let string = match font {
            1 => format!(
                "<{}>",
                hex(&text
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<_>>())
            ),
            2 => format!("<{}>", hex(&encoding_rs::GBK.encode(text).0)),
            _ => format!("({text})"),
        };
        format!("BT /F{font} {size} Tf {x} {y} Td {string} Tj ET\n")
    }

    /// A PDF of A4 pages with these content streams.
    pub fn build_pdf(pages: &[String]) -> Vec<u8> {
        build_pdf_with(pages, "")
    }

    /// [`build_pdf`] with more entries in each page's dictionary (`/Rotate 90`).
    pub fn build_pdf_with(pages: &[String], page_entries: &str) -> Vec<u8> {
        let descendant = |n: u32| {
            format!(
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /FontDescriptor {n} 0 R >>"
            )
        };
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                (0..pages.len()).map(|i| format!("{} 0 R", 10 + 2 * i)).collect::<Vec<_>>().join(" "),
                pages.len()
            ),
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".into(),
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>".into(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
            descendant(8),
            descendant(8),
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".into(),
            "<< >>".into(),
        ];
        for (i, content) in pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {page_entries} /Resources << /Font {FONTS} >> /Contents {} 0 R >>",
                11 + 2 * i
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn texts(document: &Document) -> Vec<String> {
        document
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                Block::Table(t) => format!(
                    "[{}]",
                    t.rows
                        .iter()
                        .map(|r| r
                            .iter()
                            .map(|c| format!(
                                "{}{}",
                                c.text,
                                if c.row_span > 1 || c.col_span > 1 {
                                    format!("({}x{})", c.row_span, c.col_span)
                                } else {
                                    String::new()
                                }
                            ))
                            .collect::<Vec<_>>()
                            .join("|"))
                        .collect::<Vec<_>>()
                        .join(" / ")
                ),
            })
            .collect()
    }

    #[test]
    fn chinese_text_reads_through_the_predefined_cmaps_without_a_unicode_map() {
        let page = show(1, 16.0, 90.0, 760.0, "一、总体要求")
            + &show(2, 16.0, 90.0, 730.0, "（一）排查企业。（区应急管理局牵头）")
            + &show(3, 12.0, 90.0, 700.0, "GB 2312");
        let mut warnings = Vec::new();
        let document = read_pdf(&build_pdf(&[page]), &mut warnings).unwrap();
        assert_eq!(
            texts(&document),
            [
                "一、总体要求",
                "（一）排查企业。（区应急管理局牵头）",
                "GB 2312"
            ]
        );
        assert_eq!(
            document.blocks[1].clone(),
            Block::Paragraph(Paragraph::new(
                "（一）排查企业。（区应急管理局牵头）",
                Position::PdfLine { page: 1, line: 2 }
            ))
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    /// A bordered table: rules at these x and y (from the top), the rows' cells drawn between
    /// them, every rule full length except where `gaps` leave one out.
    fn ruled(
        xs: &[f64],
        ys: &[f64],
        skip_vertical: &[(usize, usize)],
        skip_horizontal: &[(usize, usize)],
    ) -> String {
        let mut out = String::from("0.5 w\n");
        for (r, pair) in ys.windows(2).enumerate() {
            for (c, x) in xs.iter().enumerate() {
                if !skip_vertical.contains(&(r, c)) {
                    out += &format!("{x} {} m {x} {} l S\n", 842.0 - pair[0], 842.0 - pair[1]);
                }
            }
        }
        for (r, y) in ys.iter().enumerate() {
            for (c, pair) in xs.windows(2).enumerate() {
                if !skip_horizontal.contains(&(r, c)) {
                    out += &format!(
                        "{} {} m {} {} l S\n",
                        pair[0],
                        842.0 - y,
                        pair[1],
                        842.0 - y
                    );
                }
            }
        }
        out
    }

    #[test]
    fn a_ruled_table_gives_cells_with_their_spans_and_text_joined_in_reading_order() {
        let xs = [80.0, 120.0, 280.0, 400.0];
        let ys = [100.0, 130.0, 160.0, 220.0, 250.0];
        // Row 2 (一、) is one cell across; the lead cell of rows 3 and 4 is merged down.
        let mut page = ruled(&xs, &ys, &[(1, 1), (1, 2)], &[(3, 2)]);
        let at = |x: f64, y: f64| (x, 842.0 - y);
        for (text, x, y, font) in [
            ("序号", 82.0, 120.0, 1),
            ("工作任务", 122.0, 120.0, 1),
            ("牵头单位", 282.0, 120.0, 1),
            ("一、隐患排查", 82.0, 150.0, 1),
            ("1", 82.0, 180.0, 3),
            // Wrapped by the cell width: one paragraph over two lines.
            ("排查工贸企业，建立台", 122.0, 180.0, 1),
            ("账。", 122.0, 198.0, 1),
            ("区应急管理局", 282.0, 200.0, 2),
            ("2", 82.0, 240.0, 3),
            ("排查危化企业。", 122.0, 240.0, 2),
        ] {
            let (x, y) = at(x, y);
            page += &show(font, 15.0, x, y, text);
        }
        let document = read_pdf(&build_pdf(&[page]), &mut Vec::new()).unwrap();
        assert_eq!(
            texts(&document),
            [
                "[序号|工作任务|牵头单位 / 一、隐患排查(1x3) / 1|排查工贸企业，建立台账。|区应急管理局(2x1) / 2|排查危化企业。]"
            ]
        );
        let Block::Table(table) = &document.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(
            table.rows[2][1].at,
            Position::PdfCell {
                page: 1,
                table: 1,
                row: 3,
                cell: 2
            }
        );
    }

    #[test]
    fn headers_footers_and_page_numbers_are_left_out_and_a_paragraph_runs_over_the_break() {
        let full = "为持续改善城乡人居环境巩固近年来环境整治取得的成效推动";
        let page = |n: usize, body: &str| {
            show(1, 10.5, 250.0, 800.0, "东湖区人民政府办公室")
                + &show(1, 14.0, 280.0, 40.0, &format!("－{n}－"))
                + body
        };
        let first = page(
            1,
            &(show(1, 16.0, 122.0, 700.0, "一、总体要求") + &show(1, 16.0, 90.0, 100.0, full)),
        );
        let second = page(
            2,
            &(show(1, 16.0, 90.0, 740.0, "全区环境面貌整体提升。")
                + &show(1, 16.0, 122.0, 712.0, "二、重点任务")),
        );
        let document = read_pdf(&build_pdf(&[first, second]), &mut Vec::new()).unwrap();
        assert_eq!(
            texts(&document),
            [
                "一、总体要求",
                &format!("{full}全区环境面貌整体提升。"),
                "二、重点任务"
            ]
        );
    }

    #[test]
    fn a_table_continued_under_a_repeated_header_is_one_table() {
        let xs = [80.0, 200.0, 400.0];
        let ys = [100.0, 130.0, 160.0];
        let page = |rows: [&str; 2]| {
            let mut page = ruled(&xs, &ys, &[], &[]);
            for (k, (a, b)) in [("序号", "牵头单位"), (rows[0], rows[1])]
                .into_iter()
                .enumerate()
            {
                let y = 842.0 - (ys[k] + 20.0);
                page += &show(1, 15.0, 82.0, y, a);
                page += &show(1, 15.0, 202.0, y, b);
            }
            page
        };
        let document = read_pdf(
            &build_pdf(&[page(["1", "区城管局"]), page(["2", "区水利局"])]),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(
            texts(&document),
            ["[序号|牵头单位 / 1|区城管局 / 2|区水利局]"]
        );
    }

    #[test]
    fn a_row_cut_by_the_page_break_continues_on_the_next_page() {
        let xs = [80.0, 200.0, 400.0];
        let first = {
            let ys = [100.0, 130.0, 800.0];
            let mut page = ruled(&xs, &ys, &[], &[]);
            page += &show(1, 15.0, 82.0, 842.0 - 120.0, "序号");
            page += &show(1, 15.0, 202.0, 842.0 - 120.0, "工作任务");
            page += &show(1, 15.0, 82.0, 842.0 - 150.0, "1");
            page + &show(1, 15.0, 202.0, 842.0 - 150.0, "全面排查背街")
        };
        let second = {
            let ys = [100.0, 130.0, 160.0, 190.0];
            let mut page = ruled(&xs, &ys, &[], &[]);
            page += &show(1, 15.0, 82.0, 842.0 - 120.0, "序号");
            page += &show(1, 15.0, 202.0, 842.0 - 120.0, "工作任务");
            page += &show(1, 15.0, 202.0, 842.0 - 150.0, "小巷。");
            page += &show(1, 15.0, 82.0, 842.0 - 180.0, "2");
            page + &show(1, 15.0, 202.0, 842.0 - 180.0, "整治河道。")
        };
        let document = read_pdf(&build_pdf(&[first, second]), &mut Vec::new()).unwrap();
        assert_eq!(
            texts(&document),
            ["[序号|工作任务 / 1|全面排查背街小巷。 / 2|整治河道。]"]
        );
    }

    #[test]
    fn a_table_without_rules_is_read_from_its_columns() {
        let mut page = show(1, 16.0, 90.0, 760.0, "二、重点任务");
        for (k, row) in [
            ["序号", "工作任务", "牵头单位"],
            ["1", "排查工贸企业，建立", "区应急管理局"],
            ["", "台账。", ""],
            ["2", "整治河道。", "区水利局"],
        ]
        .iter()
        .enumerate()
        {
            let y = 730.0 - 22.0 * k as f64;
            for (text, x) in row.iter().zip([90.0, 150.0, 400.0]) {
                if !text.is_empty() {
                    page += &show(
                        if *text == "1" || *text == "2" { 3 } else { 1 },
                        14.0,
                        x,
                        y,
                        text,
                    );
                }
            }
        }
        page += &show(
            1,
            16.0,
            90.0,
            600.0,
            "以上任务由各单位按职责分工认真落实，确保按期完成。",
        );
        let document = read_pdf(&build_pdf(&[page]), &mut Vec::new()).unwrap();
        assert_eq!(
            texts(&document),
            [
                "二、重点任务",
                "[序号|工作任务|牵头单位 / 1|排查工贸企业，建立台账。|区应急管理局 / 2|整治河道。|区水利局]",
                "以上任务由各单位按职责分工认真落实，确保按期完成。",
            ]
        );
    }

    #[test]
    fn a_landscape_page_printed_on_a_rotated_portrait_page_reads_left_to_right() {
        // Text drawn upwards on a page shown turned by 90 degrees: lines across the display,
        // the one nearer the page's left edge first (two short lines of one paragraph here).
        let page = "BT /F1 16 Tf 0 1 -1 0 470 90 Tm <4E0030014E0D> Tj ET\n\
                    BT /F1 16 Tf 0 1 -1 0 500 90 Tm <4E8C3001534F8C03> Tj ET\n";
        let document = read_pdf(
            &build_pdf_with(&[page.to_string()], "/Rotate 90"),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(texts(&document), ["一、不二、协调"]);
    }

    #[test]
    fn undecodable_text_is_a_warning_naming_the_page() {
        let page = show(1, 16.0, 90.0, 700.0, "\u{E001}\u{E002}\u{E003}\u{E004}牵头");
        let mut warnings = Vec::new();
        read_pdf(&build_pdf(&[page]), &mut warnings).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.contains("page 1: 4 of 6 characters"),
            "{warnings:?}"
        );
    }

    #[test]
    fn damaged_and_empty_pdfs_are_errors_not_panics() {
        let good = build_pdf(&[show(1, 16.0, 90.0, 700.0, "一、总体要求")]);
        for cut in [9, 100, good.len() / 2] {
            let _ = read_pdf(&good[..cut], &mut Vec::new());
        }
        assert!(matches!(
            read_pdf(b"%PDF-1.4", &mut Vec::new()),
            Err(ReadError::Corrupt(_))
        ));
        assert!(matches!(
            read_pdf(&build_pdf(&[String::new()]), &mut Vec::new()),
            Err(ReadError::UnreadablePdf(m)) if m.contains("no text")
        ));
    }

    #[test]
    fn three_hundred_pages_read_in_bounded_time() {
        let pages: Vec<String> = (1..=300)
            .map(|n| {
                let mut page = ruled(&[80.0, 200.0, 400.0], &[500.0, 530.0, 560.0], &[], &[])
                    + &show(1, 15.0, 82.0, 322.0, "牵头单位")
                    + &show(1, 15.0, 202.0, 322.0, &format!("区城管局{n}"));
                for k in 0..20 {
                    page += &show(
                        1,
                        16.0,
                        90.0,
                        800.0 - 14.0 * k as f64,
                        "坚持问题导向和目标导向相结合，聚焦群众反映强烈的突出问题",
                    );
                }
                page + &show(1, 14.0, 280.0, 40.0, &format!("－{n}－"))
            })
            .collect();
        let started = std::time::Instant::now();
        let document = read_pdf(&build_pdf(&pages), &mut Vec::new()).unwrap();
        // Each page: its paragraph, and a table that is not continued (a paragraph stands
        // between).
        assert_eq!(document.blocks.len(), 600);
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn page_numbers_as_printed_are_recognised() {
        for text in [
            "－2－",
            "- 2 -",
            "— 12 —",
            "3",
            "第 2 页 共 9 页",
            "第2页",
            "2/9",
            "Page 2 of 9",
        ] {
            assert!(PAGE_NUMBER.is_match(text), "{text}");
        }
        for text in ["2024年", "一、总体要求", "（2）"] {
            assert!(!PAGE_NUMBER.is_match(text), "{text}");
        }
    }

    #[test]
    fn pdfs_are_recognised_by_their_header() {
        assert!(looks_like_pdf(b"%PDF-1.7\n"));
        assert!(looks_like_pdf(b"junk\r\n%PDF-1.4\n...\n%%EOF\n"));
        assert!(!looks_like_pdf("说明 %PDF- 文件".as_bytes()));
    }
}
