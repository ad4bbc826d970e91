//! What an input is, from its bytes: a zip container (docx, xlsx, ods), an OLE compound file
//! (xls, or an old .doc / .wps / encrypted Office file), a PDF (`%PDF-`), a web page (markup from the first
//! character, with an `<html>`, `<head>`, `<body>` or `<meta>` tag), or text.

use super::docx::MEMBER_LIMIT;
use crate::error::ReadError;
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
    Ods,
    Xls,
    Html,
    Pdf,
    Text,
}

const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub fn sniff(bytes: &[u8]) -> Result<Kind, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE_SIGNATURE) {
        return sniff_ole(bytes);
    }
    if super::pdf::looks_like_pdf(bytes) {
        return Ok(Kind::Pdf);
    }
    if super::html::looks_like_html(bytes) {
        return Ok(Kind::Html);
    }
    Ok(Kind::Text)
}

fn sniff_zip(bytes: &[u8]) -> Result<Kind, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("not a readable zip archive: {e}")))?;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| ReadError::Corrupt(format!("zip entry {i}: {e}")))?;
        if entry.size() > MEMBER_LIMIT {
            return Err(ReadError::TooLarge(format!(
                "{} would inflate to {} MB",
                entry.name().unwrap_or_default(),
                entry.size() / 1_000_000
            )));
        }
    }
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Kind::Docx);
    }
    if has("xl/workbook.xml") {
        return Ok(Kind::Xlsx);
    }
    if has("content.xml") {
        let mimetype = super::docx::read_member(&mut archive, "mimetype")?.unwrap_or_default();
        if mimetype.contains("spreadsheet") {
            return Ok(Kind::Ods);
        }
        return Err(ReadError::OldBinary(
            "an OpenDocument text (.odt)".into(),
            "docx",
        ));
    }
    Err(ReadError::NotText(
        "a zip archive that is neither a Word nor an Excel document".into(),
    ))
}

/// Stream names in an OLE directory are UTF-16LE; finding them is enough to tell the formats apart.
fn sniff_ole(bytes: &[u8]) -> Result<Kind, ReadError> {
    let contains = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if contains("EncryptedPackage") {
        return Err(ReadError::PasswordProtected);
    }
    if contains("WordDocument") {
        return Err(ReadError::OldBinary(
            "an old Word .doc/.wps file".into(),
            "docx",
        ));
    }
    if contains("Workbook") || contains("Book") {
        return Ok(Kind::Xls);
    }
    Err(ReadError::NotText(
        "an Office binary file of unknown kind".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ole_files_are_told_apart_by_their_stream_names() {
        let ole = |stream: &str| {
            let mut bytes = OLE_SIGNATURE.to_vec();
            bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        assert!(matches!(
            sniff(&ole("EncryptedPackage")),
            Err(ReadError::PasswordProtected)
        ));
        assert!(matches!(
            sniff(&ole("WordDocument")),
            Err(ReadError::OldBinary(_, "docx"))
        ));
        assert_eq!(sniff(&ole("Workbook")).unwrap(), Kind::Xls);
        assert_eq!(sniff("一、总体要求".as_bytes()).unwrap(), Kind::Text);
        assert_eq!(sniff(b"<!DOCTYPE html>\n<html><body>").unwrap(), Kind::Html);
        assert!(matches!(
            sniff(b"PK\x03\x04garbage"),
            Err(ReadError::Corrupt(_))
        ));
    }
}
