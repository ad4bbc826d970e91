//! A PDF font as far as reading text needs it: how its string bytes split into codes, the text
//! of each code (ToUnicode first, then the encoding: predefined Chinese CMaps, base encodings
//! and `/Differences`), and each glyph's advance width.

use super::cmap::{CMap, Code, Predefined, glyph_name_text};
use lopdf::{Dictionary, Document, Object};

/// The largest font program or CMap stream read (a CJK ToUnicode map is some 200 KB).
const STREAM_LIMIT: usize = 8 * 1024 * 1024;

#[derive(Debug)]
pub struct Font {
    encoding: Encoding,
    to_unicode: Option<CMap>,
    widths: Widths,
    /// Text-space units per width unit: 1/1000, or a Type3 font's matrix.
    scale: f64,
}

#[derive(Debug)]
enum Encoding {
    /// One byte per code; the text of each from the base encoding and its differences.
    Simple(Box<[Option<char>; 256]>),
    Embedded(CMap),
    Predefined(Predefined),
}

#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        default: f64,
        /// (first CID, last CID, width), in the order `/W` lists them.
        ranges: Vec<(u32, u32, f64)>,
    },
}

/// One code of a string as the font reads it.
pub struct Glyph {
    /// Advance in text space units, before the font size.
    pub width: f64,
    /// A single-byte code 32, which word spacing widens.
    pub word_space: bool,
}

impl Font {
    /// The font a font dictionary describes. Nothing here fails: what cannot be read gives
    /// U+FFFD and a default width.
    pub fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let to_unicode = deref(doc, dict.get(b"ToUnicode").ok()).and_then(|o| match o {
            Object::Stream(s) => stream_bytes(s).map(|b| CMap::parse(&b)),
            _ => None,
        });
        if subtype == b"Type0" {
            return composite(doc, dict, to_unicode);
        }
        let mut scale = 0.001;
        if subtype == b"Type3"
            && let Some(Object::Array(matrix)) = deref(doc, dict.get(b"FontMatrix").ok())
            && let Some(a) = matrix.first().and_then(number)
            && a.is_finite()
            && a != 0.0
        {
            scale = a.abs();
        }
        let first = deref(doc, dict.get(b"FirstChar").ok())
            .and_then(number)
            .unwrap_or(0.0)
            .clamp(0.0, 255.0) as u32;
        let widths: Vec<f64> = match deref(doc, dict.get(b"Widths").ok()) {
            Some(Object::Array(w)) => w
                .iter()
                .take(256)
                .map(|o| deref(doc, Some(o)).and_then(number).unwrap_or(0.0))
                .collect(),
            _ => Vec::new(),
        };
        let descriptor =
            deref(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        let missing = descriptor
            .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()))
            .and_then(number)
            .filter(|w| *w > 0.0)
            .unwrap_or(if scale == 0.001 {
                500.0
            } else {
                0.5 / scale / 1000.0
            });
        Font {
            encoding: Encoding::Simple(simple_encoding(doc, dict)),
            to_unicode,
            widths: Widths::Simple {
                first,
                widths,
                missing,
            },
            scale,
        }
    }

    /// A font for text shown without a valid font (before any `Tf`): bytes as Latin-1.
    pub fn fallback() -> Font {
        Font {
            encoding: Encoding::Simple(Box::new(std::array::from_fn(|i| char::from_u32(i as u32)))),
            to_unicode: None,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: 500.0,
            },
            scale: 0.001,
        }
    }

    /// Reads a string's codes: each code's text is appended to `text` and `each` is called
    /// with the glyph and the byte range its text took.
    pub fn decode(&self, bytes: &[u8], text: &mut String, mut each: impl FnMut(Glyph, usize)) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = match &self.encoding {
                Encoding::Simple(_) => 1,
                Encoding::Embedded(cmap) => cmap.code_length(rest).unwrap_or(2),
                Encoding::Predefined(p) => p.code_length(rest),
            };
            let len = usize::from(len).clamp(1, 4).min(rest.len());
            let code_bytes = &rest[..len];
            let code = Code {
                value: code_bytes
                    .iter()
                    .fold(0u32, |v, b| (v << 8) | u32::from(*b)),
                len: len as u8,
            };
            let start = text.len();
            let mapped = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.text(code))
                .filter(|t| !t.is_empty() && !t.contains('\0'));
            let cid = match &self.encoding {
                Encoding::Simple(_) => None,
                Encoding::Embedded(cmap) => Some(cmap.cid(code).unwrap_or(code.value)),
                Encoding::Predefined(Predefined::Identity) => Some(code.value),
                Encoding::Predefined(_) => None,
            };
            match mapped {
                Some(t) => text.push_str(&t),
                None => match &self.encoding {
                    Encoding::Simple(table) => {
                        text.push(table[code.value as usize & 0xFF].unwrap_or('\u{FFFD}'))
                    }
                    Encoding::Predefined(p) => {
                        text.push_str(p.text(code_bytes).as_deref().unwrap_or("\u{FFFD}"))
                    }
                    Encoding::Embedded(_) => text.push('\u{FFFD}'),
                },
            }
            let width = match &self.widths {
                Widths::Simple {
                    first,
                    widths,
                    missing,
                } => code
                    .value
                    .checked_sub(*first)
                    .and_then(|k| widths.get(k as usize))
                    .copied()
                    .filter(|w| *w > 0.0)
                    .unwrap_or(*missing),
                Widths::Cid { default, ranges } => {
                    // Without a CID (a predefined Unicode or GBK map), ASCII has the CIDs
                    // Adobe-GB1 gives it (space is 1), everything else the default width.
                    let cid = cid.or_else(|| {
                        let c = text[start..].chars().next()?;
                        (' '..='~').contains(&c).then(|| c as u32 - 0x1F)
                    });
                    cid.and_then(|cid| {
                        ranges
                            .iter()
                            .find(|(a, b, _)| *a <= cid && cid <= *b)
                            .map(|r| r.2)
                    })
                    .unwrap_or_else(|| {
                        if cid.is_none() && text[start..].is_ascii() {
                            default / 2.0
                        } else {
                            *default
                        }
                    })
                }
            };
            each(
                Glyph {
                    width: width * self.scale,
                    word_space: len == 1 && code.value == 32,
                },
                start,
            );
            i += len;
        }
    }
}

fn composite(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>) -> Font {
    let encoding = match deref(doc, dict.get(b"Encoding").ok()) {
        Some(Object::Name(name)) => {
            Encoding::Predefined(Predefined::from_name(name).unwrap_or(Predefined::Identity))
        }
        Some(Object::Stream(s)) => match stream_bytes(s).map(|b| CMap::parse(&b)) {
            Some(cmap) if cmap.has_code_spaces() => Encoding::Embedded(cmap),
            // An embedded CMap that only names a predefined one (`/UseCMap`).
            _ => match deref(doc, s.dict.get(b"UseCMap").ok()) {
                Some(Object::Name(name)) => Encoding::Predefined(
                    Predefined::from_name(name).unwrap_or(Predefined::Identity),
                ),
                _ => Encoding::Predefined(Predefined::Identity),
            },
        },
        _ => Encoding::Predefined(Predefined::Identity),
    };
    let descendant = match deref(doc, dict.get(b"DescendantFonts").ok()) {
        Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, Some(o))),
        _ => None,
    }
    .and_then(|o| o.as_dict().ok());
    let default = descendant
        .and_then(|d| deref(doc, d.get(b"DW").ok()))
        .and_then(number)
        .filter(|w| *w > 0.0)
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(Object::Array(w)) = descendant.and_then(|d| deref(doc, d.get(b"W").ok())) {
        let mut i = 0;
        while i < w.len() && ranges.len() < 100_000 {
            let Some(first) = deref(doc, w.get(i)).and_then(number) else {
                break;
            };
            let first = first.max(0.0) as u32;
            match deref(doc, w.get(i + 1)) {
                Some(Object::Array(list)) => {
                    for (k, width) in list.iter().enumerate().take(65_536) {
                        let cid = first.saturating_add(k as u32);
                        let width = deref(doc, Some(width)).and_then(number).unwrap_or(default);
                        ranges.push((cid, cid, width));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = number(last).unwrap_or(0.0).max(0.0) as u32;
                    let width = deref(doc, w.get(i + 2)).and_then(number).unwrap_or(default);
                    ranges.push((first, last, width));
                    i += 3;
                }
                None => break,
            }
        }
    }
    Font {
        encoding,
        to_unicode,
        widths: Widths::Cid { default, ranges },
        scale: 0.001,
    }
}

/// A simple font's code → character table: its base encoding (named, or Standard), then
/// `/Differences`.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Box<[Option<char>; 256]> {
    #[derive(Clone, Copy)]
    enum Base {
        WinAnsi,
        MacRoman,
        Standard,
    }
    let base_of = |name: &[u8]| match name {
        b"WinAnsiEncoding" | b"PDFDocEncoding" => Some(Base::WinAnsi),
        b"MacRomanEncoding" => Some(Base::MacRoman),
        b"StandardEncoding" => Some(Base::Standard),
        _ => None,
    };
    let encoding = deref(doc, dict.get(b"Encoding").ok());
    let (base, differences) = match encoding {
        Some(Object::Name(name)) => (base_of(name), None),
        Some(Object::Dictionary(d)) => (
            name_of(doc, d.get(b"BaseEncoding").ok()).and_then(|n| base_of(&n)),
            deref(doc, d.get(b"Differences").ok()),
        ),
        _ => (None, None),
    };
    let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
    let base = base.unwrap_or(if subtype == b"TrueType" {
        Base::WinAnsi
    } else {
        Base::Standard
    });
    let mut table: Box<[Option<char>; 256]> = Box::new(std::array::from_fn(|i| {
        let byte = [i as u8];
        let decoded = match base {
            // Standard encoding is ASCII with curly single quotes; its upper half is rare.
            Base::Standard => match i {
                0x27 => Some('’'),
                0x60 => Some('‘'),
                0x20..=0x7E => Some(i as u8 as char),
                _ => None,
            },
            Base::WinAnsi => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&byte)
                .0
                .chars()
                .next(),
            Base::MacRoman => encoding_rs::MACINTOSH
                .decode_without_bom_handling(&byte)
                .0
                .chars()
                .next(),
        };
        decoded.filter(|c| !c.is_control())
    }));
    if let Some(Object::Array(list)) = differences {
        let mut code = 0usize;
        for item in list {
            match deref(doc, Some(item)) {
                Some(Object::Integer(n)) => code = (*n).clamp(0, 255) as usize,
                Some(Object::Name(name)) => {
                    if code < 256 {
                        table[code] = std::str::from_utf8(name)
                            .ok()
                            .and_then(glyph_name_text)
                            .and_then(|t| t.chars().next());
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// An object with references followed (a few steps, so a cycle ends).
pub fn deref<'a>(doc: &'a Document, mut object: Option<&'a Object>) -> Option<&'a Object> {
    for _ in 0..8 {
        match object? {
            Object::Reference(id) => object = doc.get_object(*id).ok(),
            other => return Some(other),
        }
    }
    None
}

pub fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(n) => Some(*n as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn name_of(doc: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    match deref(doc, object)? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

/// A stream's decoded bytes, bounded.
pub fn stream_bytes(stream: &lopdf::Stream) -> Option<Vec<u8>> {
    if stream.dict.get(b"Filter").is_err() {
        return (stream.content.len() <= STREAM_LIMIT).then(|| stream.content.clone());
    }
    stream.decompressed_content_with_limit(STREAM_LIMIT).ok()
}
