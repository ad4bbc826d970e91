//! The register as a Word 责任分解表, the attachment a 通知 usually carries: A4 landscape, the
//! title in 黑体 二号, the table in 仿宋_GB2312 四号 with its header row repeated on every page,
//! section rows merged across, units one per line, page numbers `－ 1 －` at the foot (GB/T 9704).
//! Written as WordprocessingML with the zip crate; the docx reader reads it back to the same tasks.

use super::view::{self, Column, Row};
use super::{WriteError, WriteOptions};
use crate::model::Register;
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write as _;

/// 四号 (14 pt) for the table and 二号 (22 pt) for the title, in half-points as Word counts them.
const BODY_HALF_POINTS: u32 = 28;
const TITLE_HALF_POINTS: u32 = 44;
/// A4 landscape in twentieths of a point, 2.54 cm margins all round: GB/T 9704's portrait margins
/// (3.7 cm top, 2.8 cm left) would leave a landscape table too narrow.
const PAGE_WIDTH: u32 = 16838;
const PAGE_HEIGHT: u32 = 11906;
const MARGIN: u32 = 1440;

/// Column widths in twentieths of a point, summing to the text width.
fn column_widths(columns: &[Column]) -> Vec<u32> {
    let weights: Vec<u32> = columns
        .iter()
        .map(|c| match c {
            Column::Seq => 5,
            Column::Task => 34,
            Column::Role => 5,
            Column::Lead | Column::Support => 14,
            Column::Persons | Column::Leaders => 10,
            Column::Deadline => 10,
            Column::Done | Column::Problems | Column::NextSteps => 16,
        })
        .collect();
    let total: u32 = weights.iter().sum();
    let text_width = PAGE_WIDTH - 2 * MARGIN;
    weights.iter().map(|w| w * text_width / total).collect()
}

pub fn write(register: &Register, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    let font = if options.font == WriteOptions::default().font {
        // Word documents follow GB/T 9704, whose body face is 仿宋_GB2312.
        "仿宋_GB2312"
    } else {
        options.font.as_str()
    };
    let body = document_xml(register, options, font, &options.title_font);
    let footer = footer_xml(font);
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
    let mut out = String::new();
    let lines: Vec<&str> = lines.iter().flat_map(|l| l.split('\n')).collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    for line in lines {
        let _ = write!(
            out,
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr><w:r>{properties}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
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
    let widths = column_widths(&columns);
    let body = run_properties(font, BODY_HALF_POINTS, false);
    let bold = run_properties(font, BODY_HALF_POINTS, true);
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    xml.push_str(&paragraphs(
        &[view::title(register, options)],
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
                &paragraphs(&[text.to_string()], &bold, "left"),
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
        xml.push_str(&paragraphs(&[format!("备注：{note}")], &body, "left"));
    }
    let _ = write!(
        xml,
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rFooter"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="720" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    xml
}

/// `－ 1 －` centred, the page number as a PAGE field between full-width dashes.
fn footer_xml(font: &str) -> String {
    let run = run_properties(font, BODY_HALF_POINTS, false);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{run}<w:t xml:space="preserve">－ </w:t></w:r><w:r>{run}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{run}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{run}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{run}<w:t>1</w:t></w:r><w:r>{run}<w:fldChar w:fldCharType="end"/></w:r><w:r>{run}<w:t xml:space="preserve"> －</w:t></w:r></w:p></w:ftr>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rDocument" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:compat/></w:settings>"#;
