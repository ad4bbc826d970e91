//! Word .docx → blocks: body paragraphs with Word's automatic numbering printed back (`一、`,
//! `（一）`, `1.`), and real tables with their merged cells as spans (gridSpan across, vMerge
//! down). Headers, footers, comments and deleted revisions are not part of the body.

use crate::document::{Block, Cell, Document, Paragraph, Position, Table};
use crate::error::ReadError;
use crate::normalize::chinese_numeral;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// A member that inflates past this is refused before it is inflated (zip bombs).
pub const MEMBER_LIMIT: u64 = 200 * 1024 * 1024;

pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("not a readable zip archive: {e}")))?;
    let document = read_member(&mut archive, "word/document.xml")?
        .ok_or_else(|| ReadError::Corrupt("a zip archive without word/document.xml".into()))?;
    let numbering = match read_member(&mut archive, "word/numbering.xml")? {
        Some(xml) => parse_numbering(&xml)?,
        None => Numbering::default(),
    };
    let styles = match read_member(&mut archive, "word/styles.xml")? {
        Some(xml) => parse_style_numbering(&xml)?,
        None => HashMap::new(),
    };
    let blocks = parse_document(&document, &numbering, &styles)?;
    Ok(Document {
        blocks: to_blocks(blocks),
        properties: Vec::new(),
    })
}

/// Reads one member of a zip archive, refusing oversized ones by their declared size and by the
/// bytes actually inflated (a declared size can lie).
pub fn read_member(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ReadError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Corrupt(format!("{name}: {e}"))),
    };
    if file.size() > MEMBER_LIMIT {
        return Err(ReadError::TooLarge(format!(
            "{name} would inflate to {} MB",
            file.size() / 1_000_000
        )));
    }
    let mut bytes = Vec::new();
    file.take(MEMBER_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Corrupt(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MEMBER_LIMIT {
        return Err(ReadError::TooLarge(format!(
            "{name} inflates past {} MB",
            MEMBER_LIMIT / 1_000_000
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ReadError::Corrupt(format!("{name} is not UTF-8 XML")))
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

impl Numbering {
    fn level(&self, num_id: &str, level: u8) -> Option<Level> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let mut found = self.abstracts.get(abstract_id)?.get(&level)?.clone();
        if let Some(start) = overrides.get(&level) {
            found.start = *start;
        }
        Some(found)
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(format!("{part}: malformed XML: {e}"))
}

fn parse_numbering(xml: &str) -> Result<Numbering, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut numbering = Numbering::default();
    let (mut abstract_id, mut num_id, mut level): (Option<String>, Option<String>, Option<u8>) =
        (None, None, None);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("numbering.xml", e))?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                "num" => num_id = attr(&e, "numId"),
                "lvl" | "lvlOverride" => level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "abstractNumId" => {
                    if let (Some(num), Some(value)) = (&num_id, attr(&e, "val")) {
                        numbering
                            .nums
                            .entry(num.clone())
                            .or_insert_with(|| (String::new(), HashMap::new()))
                            .0 = value;
                    }
                }
                "startOverride" => {
                    if let (Some(num), Some(lvl), Some(value)) =
                        (&num_id, level, attr(&e, "val").and_then(|v| v.parse().ok()))
                    {
                        numbering
                            .nums
                            .entry(num.clone())
                            .or_insert_with(|| (String::new(), HashMap::new()))
                            .1
                            .insert(lvl, value);
                    }
                }
                name @ ("start" | "numFmt" | "lvlText") => {
                    if let (Some(id), Some(lvl), None) = (&abstract_id, level, &num_id) {
                        let entry = numbering
                            .abstracts
                            .entry(id.clone())
                            .or_default()
                            .entry(lvl)
                            .or_insert(Level {
                                start: 1,
                                format: "decimal".into(),
                                text: String::new(),
                            });
                        let value = attr(&e, "val").unwrap_or_default();
                        match name {
                            "start" => entry.start = value.parse().unwrap_or(1),
                            "numFmt" => entry.format = value,
                            _ => entry.text = value,
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = None,
                "num" => num_id = None,
                "lvl" | "lvlOverride" => level = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(numbering)
}

/// Paragraph styles that carry numbering (headings numbered through their style).
fn parse_style_numbering(xml: &str) -> Result<HashMap<String, (String, u8)>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut style: Option<String> = None;
    let mut num: (Option<String>, u8) = (None, 0);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("styles.xml", e))?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    style = attr(&e, "styleId");
                    num = (None, 0);
                }
                "numId" => num.0 = attr(&e, "val"),
                "ilvl" => num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let (Some(id), Some(num_id)) = (style.take(), num.0.take()) {
                    styles.insert(id, (num_id, num.1));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

#[derive(Debug, Default, Clone)]
struct CellBuild {
    paragraphs: Vec<String>,
    span: usize,
    /// Some(true): starts a vertical merge; Some(false): continues the one above.
    vmerge: Option<bool>,
}

#[derive(Debug)]
enum Part {
    Paragraph(String),
    Table(Vec<Vec<CellBuild>>),
}

#[derive(Debug, Default)]
struct ParagraphBuild {
    text: String,
    num_id: Option<String>,
    level: Option<u8>,
    style: Option<String>,
}

fn parse_document(
    xml: &str,
    numbering: &Numbering,
    styles: &HashMap<String, (String, u8)>,
) -> Result<Vec<Part>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut counters: HashMap<String, [Option<u32>; 9]> = HashMap::new();
    let mut paragraph: Option<ParagraphBuild> = None;
    let (mut in_text, mut deleted, mut table_depth) = (false, 0usize, 0usize);
    let mut open_elements = 0usize;
    let mut rows: Vec<Vec<CellBuild>> = Vec::new();
    let mut row: Vec<CellBuild> = Vec::new();
    let mut cell: Option<CellBuild> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("document.xml", e))?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(_) => open_elements += 1,
            Event::End(_) => open_elements = open_elements.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "p" if !empty => paragraph = Some(ParagraphBuild::default()),
                "t" if !empty => in_text = true,
                "del" | "moveFrom" if !empty => deleted += 1,
                "tab" if deleted == 0 => push_text(&mut paragraph, "\t"),
                "br" | "cr" if deleted == 0 => push_text(&mut paragraph, "\n"),
                "pStyle" => set(&mut paragraph, |p| p.style = attr(&e, "val")),
                "numId" => set(&mut paragraph, |p| p.num_id = attr(&e, "val")),
                "ilvl" => set(&mut paragraph, |p| {
                    p.level = attr(&e, "val").and_then(|v| v.parse().ok())
                }),
                "tbl" if !empty => {
                    table_depth += 1;
                    if table_depth == 1 {
                        rows = Vec::new();
                    }
                }
                "tr" if table_depth == 1 && !empty => row = Vec::new(),
                "tc" if table_depth == 1 && !empty => {
                    cell = Some(CellBuild {
                        span: 1,
                        ..CellBuild::default()
                    })
                }
                "gridSpan" if table_depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.span = attr(&e, "val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .max(1);
                    }
                }
                "vMerge" if table_depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.vmerge = Some(attr(&e, "val").as_deref() == Some("restart"));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => {
                push_text(&mut paragraph, &t.xml10_content())
            }
            Event::GeneralRef(r) if in_text && deleted == 0 => {
                push_text(&mut paragraph, &resolve_reference(&r.xml10_content()))
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
                "p" => {
                    if let Some(p) = paragraph.take() {
                        let text =
                            format!("{}{}", label(&p, numbering, styles, &mut counters), p.text);
                        match cell.as_mut() {
                            Some(c) if table_depth > 0 => c.paragraphs.push(text),
                            _ => blocks.push(Part::Paragraph(text)),
                        }
                    }
                }
                "tc" if table_depth == 1 => row.extend(cell.take()),
                "tr" if table_depth == 1 => rows.push(std::mem::take(&mut row)),
                "tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        blocks.push(Part::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Eof if open_elements > 0 => {
                return Err(ReadError::Corrupt(
                    "document.xml ends inside an element (truncated?)".into(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

fn set(paragraph: &mut Option<ParagraphBuild>, f: impl FnOnce(&mut ParagraphBuild)) {
    if let Some(p) = paragraph.as_mut() {
        f(p);
    }
}

fn push_text(paragraph: &mut Option<ParagraphBuild>, text: &str) {
    if let Some(p) = paragraph.as_mut() {
        p.text.push_str(text);
    }
}

fn resolve_reference(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse));
            code.and_then(Result::ok)
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default()
        }
    }
}

/// The label Word prints for a numbered paragraph, advancing that list's counters.
fn label(
    p: &ParagraphBuild,
    numbering: &Numbering,
    styles: &HashMap<String, (String, u8)>,
    counters: &mut HashMap<String, [Option<u32>; 9]>,
) -> String {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s));
    let Some(num_id) = p
        .num_id
        .clone()
        .or_else(|| from_style.map(|(n, _)| n.clone()))
    else {
        return String::new();
    };
    if num_id == "0" {
        return String::new();
    }
    let level = p
        .level
        .or_else(|| from_style.map(|(_, l)| *l))
        .unwrap_or(0)
        .min(8);
    let Some(this) = numbering.level(&num_id, level) else {
        return String::new();
    };
    let state = counters.entry(num_id.clone()).or_insert([None; 9]);
    let value = state[level as usize].map_or(this.start, |v| v + 1);
    state[level as usize] = Some(value);
    for deeper in state.iter_mut().skip(level as usize + 1) {
        *deeper = None;
    }
    let mut text = this.text.clone();
    for k in 1..=9u8 {
        let placeholder = format!("%{k}");
        if text.contains(&placeholder) {
            let lvl = numbering.level(&num_id, k - 1);
            let n = state[(k - 1) as usize]
                .or(lvl.as_ref().map(|l| l.start))
                .unwrap_or(1);
            let format = lvl.map(|l| l.format).unwrap_or_else(|| "decimal".into());
            text = text.replace(&placeholder, &format_number(n, &format));
        }
    }
    if this.format == "bullet" || this.format == "none" {
        String::new()
    } else {
        text
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => chinese_numeral(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32('①' as u32 + n - 1)
                .map(String::from)
                .unwrap_or_else(|| n.to_string())
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

fn letters(n: u32, base: u8) -> String {
    let c = (base + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// The parts as document blocks, numbered as a user counts them (paragraph 41; table 2, row 7,
/// cell 3). A cell that continues a vertical merge is left out and the cell it continues spans
/// one row more; a paragraph's line breaks are kept inside it.
fn to_blocks(parts: Vec<Part>) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(parts.len());
    let (mut paragraphs, mut tables) = (0, 0);
    for part in parts {
        match part {
            Part::Paragraph(text) => {
                paragraphs += 1;
                blocks.push(Block::Paragraph(Paragraph {
                    text: text.trim_matches(crate::normalize::is_space).to_string(),
                    at: Position::WordParagraph {
                        paragraph: paragraphs,
                    },
                    number_lost: false,
                }));
            }
            Part::Table(rows) => {
                tables += 1;
                blocks.push(Block::Table(to_table(tables, rows)));
            }
        }
    }
    blocks
}

fn to_table(number: usize, rows: Vec<Vec<CellBuild>>) -> Table {
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    // Per grid column: the (row, cell) of the cell a vertical merge started there.
    let mut merge_starts: HashMap<usize, (usize, usize)> = HashMap::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut column = 0;
        for (c, build) in row.into_iter().enumerate() {
            let span = build.span.max(1);
            if build.vmerge == Some(false)
                && let Some((top_row, top_cell)) = merge_starts.get(&column).copied()
                && let Some(top) = out.get_mut(top_row).and_then(|r| r.get_mut(top_cell))
            {
                top.row_span += 1;
                column += span;
                continue;
            }
            let text = build
                .paragraphs
                .iter()
                .flat_map(|p| p.split('\n'))
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            if build.vmerge == Some(true) {
                merge_starts.insert(column, (r, cells.len()));
            } else {
                merge_starts.remove(&column);
            }
            cells.push(Cell {
                text,
                row_span: 1,
                col_span: span,
                at: Position::WordCell {
                    table: number,
                    row: r + 1,
                    cell: c + 1,
                },
            });
            column += span;
        }
        out.push(cells);
    }
    Table {
        rows: out,
        at: Position::WordCell {
            table: number,
            row: 1,
            cell: 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_like_word() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }

    #[test]
    fn entity_references() {
        assert_eq!(resolve_reference("amp"), "&");
        assert_eq!(resolve_reference("#x4E00"), "一");
        assert_eq!(resolve_reference("#20108"), "二");
    }
}
