//! The register as a Word 责任分解表, the attachment a 通知 usually carries: A4 landscape, the
//! title in 黑体 二号, the table in 仿宋_GB2312 四号 (smaller only where its columns would not
//! fit, as with progress columns to fill in) with its header row repeated on every page,
//! section rows merged across, units one per line, page numbers `－ 1 －` at the foot (GB/T 9704).
//! Written as WordprocessingML with the zip crate; the docx reader reads it back to the same tasks.

use super::view::{self, Column, Row};
use super::{WriteError, WriteOptions};
use crate::model::Register;
use crate::vocab::NOTE_LABEL;
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write as _;

/// 二号 (22 pt) for the title, in half-points as Word counts them.
const TITLE_HALF_POINTS: u32 = 44;
/// The table's sizes, largest first: 四号 (14 pt) as GB/T 9704 sets the body, 小四 and 五号 for a
/// table of many columns (progress to fill in, a unit's 角色), whichever first lets every column
/// hold its narrowest text. In half-points.
const BODY_HALF_POINTS: [u32; 3] = [28, 24, 21];
/// A4 landscape in twentieths of a point, 2.54 cm margins all round: GB/T 9704's portrait margins
/// (3.7 cm top, 2.8 cm left) would leave a landscape table too narrow.
const PAGE_WIDTH: u32 = 16838;
const PAGE_HEIGHT: u32 = 11906;
const MARGIN: u32 = 1440;
/// Word's cell margins, left and right together, in points.
const CELL_PADDING_POINTS: f64 = 11.5;

/// The narrowest and widest a column is, in characters (a CJK character is one): the narrowest
/// keeps a name or a number whole on its line, the widest is where a line of it would end anyway.
fn bounds(column: Column) -> (f64, f64) {
    match column {
        Column::Seq | Column::Role => (2.0, 4.0),
        Column::Task => (12.0, 30.0),
        Column::Lead | Column::Support => (5.0, 10.0),
        Column::Persons => (4.0, 8.0),
        Column::Leaders => (4.0, 5.0),
        Column::Deadline => (4.0, 7.0),
        Column::Done | Column::Problems | Column::NextSteps => (5.0, 12.0),
    }
}

/// The table's size (half-points) and column widths (twentieths of a point, summing to the text
/// width): each column as wide as its widest line within its bounds, at the largest size at
/// which the narrowest columns fit; what is left widens the task and the progress columns,
/// which hold the most text and the units' writing.
fn column_widths(columns: &[Column], widest: &[f64]) -> (u32, Vec<u32>) {
    let text_width = f64::from(PAGE_WIDTH - 2 * MARGIN) / 20.0;
    let padding = CELL_PADDING_POINTS * columns.len() as f64;
    let least: f64 = columns.iter().map(|c| bounds(*c).0).sum();
    let half_points = BODY_HALF_POINTS
        .into_iter()
        .find(|h| least * f64::from(*h) / 2.0 + padding <= text_width)
        .unwrap_or(BODY_HALF_POINTS[BODY_HALF_POINTS.len() - 1]);
    let size = f64::from(half_points) / 2.0;
    let spare = (text_width - padding - least * size).max(0.0);
    let wanted: Vec<f64> = columns
        .iter()
        .zip(widest)
        .map(|(c, w)| {
            let (min, max) = bounds(*c);
            // Progress is written after the table is printed: its columns ask for their widest.
            let w = if c.is_progress() { max } else { *w };
            (w.clamp(min, max) - min) * size
        })
        .collect();
    let asked: f64 = wanted.iter().sum();
    let given = |i: usize| -> f64 {
        if asked >= spare {
            wanted[i] * spare / asked.max(1.0)
        } else {
            wanted[i]
        }
    };
    let growing = |c: &Column| matches!(c, Column::Task) || c.is_progress();
    let growers = columns.iter().filter(|c| growing(c)).count().max(1) as f64;
    let left = (spare - asked).max(0.0);
    let mut widths: Vec<u32> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let grow = if growing(c) { left / growers } else { 0.0 };
            let points = bounds(*c).0 * size + CELL_PADDING_POINTS + given(i) + grow;
            (points * 20.0) as u32
        })
        .collect();
    // Rounding leaves a few twips; the task column takes them, so the table spans the text width.
    let total: u32 = widths.iter().sum();
    if let Some(task) = columns.iter().position(|c| *c == Column::Task) {
        widths[task] += (PAGE_WIDTH - 2 * MARGIN).saturating_sub(total);
    }
    (half_points, widths)
}

/// The widest line of each column, in characters (a CJK character one, others half).
fn widest_lines(columns: &[Column], register: &Register, options: &WriteOptions) -> Vec<f64> {
    let unit = options.unit.as_deref();
    columns
        .iter()
        .map(|column| {
            let header = view::display_width(column.header()) as f64 / 2.0;
            view::rows(register, options.expand_items)
                .iter()
                .filter_map(|row| match row {
                    Row::Task { task, item } => Some(column.values(task, *item, unit)),
                    Row::Section { .. } => None,
                })
                .flatten()
                .flat_map(|v| {
                    v.lines()
                        .map(|l| view::display_width(l) as f64 / 2.0)
                        .collect::<Vec<_>>()
                })
                .fold(header, f64::max)
        })
        .collect()
}

pub fn write(register: &Register, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    let font = if options.font == WriteOptions::default().font {
        // Word documents follow GB/T 9704, whose body face is 仿宋_GB2312.
        "仿宋_GB2312"
    } else {
        options.font.as_str()
    };
    let body = document_xml(register, options, font, &options.title_font);
    let footer = footer_xml(font, BODY_HALF_POINTS[0]);
    let members: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &body),
        ("word/footer1.xml", &footer),
        ("word/settings.xml", SETTINGS),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in members {
        zip.start_file(name, deflated)
            .map_err(|e| WriteError(format!("docx: {e}")))?;
        zip.write_all(text.as_bytes())
            .map_err(|e| WriteError(format!("docx: {e}")))?;
    }
    let cursor = zip.finish().map_err(|e| WriteError(format!("docx: {e}")))?;
    Ok(cursor.into_inner())
}

/// Run properties: the face for Latin and East Asian text alike, the size, bold.
fn run_properties(font: &str, half_points: u32, bold: bool) -> String {
    let font = escape(font);
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>{}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#,
        if bold { "<w:b/>" } else { "" }
    )
}

/// One paragraph per line of text.
fn paragraphs(lines: &[String], properties: &str, align: &str) -> String {
    paragraphs_kept(lines, properties, align, false)
}

/// Paragraphs that, with `keep_next`, stay on the page of what follows: a heading row whose
/// paragraphs all keep with the next is never the last row of a page.
fn paragraphs_kept(lines: &[String], properties: &str, align: &str, keep_next: bool) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = lines.iter().flat_map(|l| l.split('\n')).collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    let keep = if keep_next { "<w:keepNext/>" } else { "" };
    for line in lines {
        let _ = write!(
            out,
            r#"<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr><w:r>{properties}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(line)
        );
    }
    out
}

fn cell(width: u32, span: usize, content: &str) -> String {
    let span = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>"#
    )
}

fn document_xml(
    register: &Register,
    options: &WriteOptions,
    font: &str,
    title_font: &str,
) -> String {
    let columns = view::columns(register, options);
    let unit = options.unit.as_deref();
    let (size, widths) = column_widths(&columns, &widest_lines(&columns, register, options));
    let body = run_properties(font, size, false);
    let bold = run_properties(font, size, true);
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    // One unit's table names the unit on a line of its own, under a title already long.
    let mut title = vec![view::table_title(register)];
    title.extend(options.unit.as_ref().map(|unit| format!("（{unit}）")));
    xml.push_str(&paragraphs(
        &title,
        &run_properties(title_font, TITLE_HALF_POINTS, false),
        "center",
    ));
    xml.push_str(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>"#,
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            xml,
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        );
    }
    xml.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#);
    for width in &widths {
        let _ = write!(xml, r#"<w:gridCol w:w="{width}"/>"#);
    }
    xml.push_str("</w:tblGrid>");
    // The header row repeats on every page and, like every row, is never split across pages.
    xml.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (column, width) in columns.iter().zip(&widths) {
        xml.push_str(&cell(
            *width,
            1,
            &paragraphs(&[column.header().to_string()], &bold, "center"),
        ));
    }
    xml.push_str("</w:tr>");
    let total: u32 = widths.iter().sum();
    for row in view::rows(register, options.expand_items) {
        xml.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        match row {
            Row::Section { text, .. } => xml.push_str(&cell(
                total,
                columns.len(),
                &paragraphs_kept(&[text.to_string()], &bold, "left", true),
            )),
            Row::Task { task, item } => {
                for (column, width) in columns.iter().zip(&widths) {
                    let align = if matches!(column, Column::Seq | Column::Role | Column::Deadline) {
                        "center"
                    } else {
                        "left"
                    };
                    xml.push_str(&cell(
                        *width,
                        1,
                        &paragraphs(&column.values(task, item, unit), &body, align),
                    ));
                }
            }
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    for note in &register.document.notes {
        xml.push_str(&paragraphs(
            &[format!("{NOTE_LABEL}：{note}")],
            &body,
            "left",
        ));
    }
    let _ = write!(
        xml,
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rFooter"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="720" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    xml
}

/// `－ 1 －` centred, the page number as a PAGE field between full-width dashes.
fn footer_xml(font: &str, half_points: u32) -> String {
    let run = run_properties(font, half_points, false);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{run}<w:t xml:space="preserve">－ </w:t></w:r><w:r>{run}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{run}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{run}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{run}<w:t>1</w:t></w:r><w:r>{run}<w:fldChar w:fldCharType="end"/></w:r><w:r>{run}<w:t xml:space="preserve"> －</w:t></w:r></w:p></w:ftr>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rDocument" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:compat/></w:settings>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_page_at_the_largest_size_their_narrowest_text_allows() {
        let text_width = PAGE_WIDTH - 2 * MARGIN;
        let plain = [
            Column::Seq,
            Column::Task,
            Column::Lead,
            Column::Support,
            Column::Persons,
            Column::Leaders,
            Column::Deadline,
        ];
        let (size, widths) = column_widths(&plain, &[1.0, 80.0, 6.0, 12.0, 3.0, 3.0, 9.0]);
        assert_eq!(size, 28, "四号");
        assert_eq!(widths.iter().sum::<u32>(), text_width);
        assert!(widths[0] >= 2 * 14 * 20, "序号 on one line");
        let mut many = plain.to_vec();
        many.insert(2, Column::Role);
        many.extend([Column::Done, Column::Problems, Column::NextSteps]);
        let widest = [1.0, 80.0, 2.0, 6.0, 12.0, 3.0, 3.0, 9.0, 4.0, 4.0, 4.0];
        let (size, widths) = column_widths(&many, &widest);
        assert!(size < 28, "smaller type for eleven columns");
        assert_eq!(widths.iter().sum::<u32>(), text_width);
        let points = |i: usize| f64::from(widths[i]) / 20.0 - CELL_PADDING_POINTS;
        let size = f64::from(size) / 2.0;
        assert!(
            points(4) >= 5.0 * size && points(6) >= 4.0 * size,
            "names stay whole"
        );
        assert!(points(8) >= 5.0 * size, "room to write progress");
        let (_, roomy) =
            column_widths(&[Column::Seq, Column::Task, Column::Done], &[1.0, 8.0, 0.0]);
        assert!(
            roomy[2] >= 12 * 28 * 10,
            "an empty progress column asks for its widest"
        );
    }
}
