//! Bytes → text: BOMs, UTF-8, GBK/GB18030 and UTF-16, and refusing what is not text at all.

use crate::error::ReadError;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// What the user asked for with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EncodingChoice {
    #[default]
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Gbk,
    Gb18030,
}

/// Formats that are sometimes renamed .txt; named so the error can say what the file really is.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (.docx/.xlsx?)"),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Office binary file (.doc/.xls/.wps)",
    ),
    (b"\x7FELF", "an executable"),
];

/// Decodes a text document. Auto-detection order: BOM, valid UTF-8, then GB18030 (a superset of GBK),
/// which is what Chinese office software writes when it does not write UTF-8.
/// Valid UTF-8 comes back borrowed: a notice's text is not copied to be read.
pub fn decode_text(bytes: &[u8], choice: EncodingChoice) -> Result<Cow<'_, str>, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    for (magic, what) in BINARY_SIGNATURES {
        if bytes.starts_with(magic) {
            return Err(ReadError::NotText((*what).to_string()));
        }
    }
    let text = match choice {
        EncodingChoice::Utf8 => decode_strict(UTF_8, strip_utf8_bom(bytes))?,
        EncodingChoice::Gbk => decode_strict(GBK, bytes)?,
        EncodingChoice::Gb18030 => decode_strict(GB18030, bytes)?,
        EncodingChoice::Auto => decode_auto(bytes)?,
    };
    if looks_binary(&text) {
        return Err(ReadError::NotText("binary data".to_string()));
    }
    Ok(text)
}

fn decode_auto(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_len..]);
    }
    if let Some(utf16) = sniff_utf16_without_bom(bytes) {
        return decode_strict(utf16, bytes);
    }
    // Validated with SIMD: a notice's Chinese text is all multi-byte characters, on which the
    // standard check goes a character at a time.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    decode_strict(GB18030, bytes).map_err(|_| {
        ReadError::Undecodable("neither UTF-8 nor GBK/GB18030; try --encoding".to_string())
    })
}

fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn decode_strict<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
) -> Result<Cow<'a, str>, ReadError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let offset = first_bad_offset(encoding, bytes);
        return Err(ReadError::Undecodable(format!(
            "invalid {} at byte {offset}",
            encoding.name()
        )));
    }
    Ok(text)
}

/// Locates the first undecodable byte so the error can point at it.
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let mut consumed = 0;
    for chunk in bytes.chunks(1) {
        let (result, read) = decoder.decode_to_string_without_replacement(chunk, &mut out, false);
        if let encoding_rs::DecoderResult::Malformed(_, _) = result {
            return consumed;
        }
        consumed += read;
    }
    consumed
}

/// UTF-16 without a BOM shows as every other byte being NUL in CJK-free stretches; we only accept
/// it when the pattern is overwhelming, since GBK text never contains NUL.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    // Either shape has NUL bytes; a search for one rules most files out at memory speed.
    if bytes.len() < 4 || bytes.len() % 2 != 0 || memchr::memchr(0, bytes).is_none() {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (even_nuls, odd_nuls) = bytes.chunks_exact(2).fold((0, 0), |(even, odd), pair| {
        (
            even + usize::from(pair[0] == 0),
            odd + usize::from(pair[1] == 0),
        )
    });
    if odd_nuls * 10 >= pairs * 6 && even_nuls == 0 {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 6 && odd_nuls == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than tab, newline, carriage return and form feed mean binary data.
fn looks_binary(text: &str) -> bool {
    let (mut sampled, mut controls) = (0, 0);
    for c in text.chars().take(4096) {
        sampled += 1;
        controls += usize::from(c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'));
    }
    controls > 0 && controls * 50 > sampled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_text("一、总体要求".as_bytes(), EncodingChoice::Auto).unwrap(),
            "一、总体要求"
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice("牵头".as_bytes());
        assert_eq!(
            decode_text(&with_bom, EncodingChoice::Auto).unwrap(),
            "牵头"
        );
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GBK.encode("市应急管理局牵头");
        assert_eq!(
            decode_text(&bytes, EncodingChoice::Auto).unwrap(),
            "市应急管理局牵头"
        );
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "责任单位".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode_text(&bytes, EncodingChoice::Auto).unwrap(),
            "责任单位"
        );
    }

    #[test]
    fn pdf_and_empty_are_refused() {
        assert!(matches!(
            decode_text(b"%PDF-1.7\n", EncodingChoice::Auto),
            Err(ReadError::NotText(_))
        ));
        assert!(matches!(
            decode_text(b"", EncodingChoice::Auto),
            Err(ReadError::Empty)
        ));
    }

    #[test]
    fn forced_utf8_rejects_gbk_bytes() {
        let (bytes, _, _) = GBK.encode("牵头单位");
        let err = decode_text(&bytes, EncodingChoice::Utf8).unwrap_err();
        assert!(err.to_string().contains("invalid UTF-8 at byte 4"), "{err}");
    }
}
