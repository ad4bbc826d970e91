//! Character maps: how a font's byte codes split into characters and what each means. An
//! embedded CMap (a font's `/ToUnicode`, or a Type0 font's `/Encoding` stream) is parsed here;
//! the predefined Adobe CMaps Chinese PDFs name instead (`UniGB-UCS2-H`, `GBK-EUC-H` …) need no
//! data, since their codes are Unicode or GBK/GB 18030/Big5 bytes themselves.

use std::collections::HashMap;

/// A code as read from a string: its value and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub value: u32,
    pub len: u8,
}

/// Byte ranges of a code space: codes of `len` bytes between `low` and `high`, byte by byte.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CodeSpace {
    len: u8,
    low: [u8; 4],
    high: [u8; 4],
}

/// What a CMap maps codes to: text (a ToUnicode map) or CIDs (an encoding CMap).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Text(String),
    /// A range's first destination: the code's offset from the range start is added to the
    /// last UTF-16 unit (or to the CID).
    Utf16(Vec<u16>),
    Cid(u32),
}

/// An embedded CMap.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    spaces: Vec<CodeSpace>,
    singles: HashMap<Code, Target>,
    /// (first code, last code, destination of the first), with destinations per code for an
    /// array range kept as singles.
    ranges: Vec<(Code, u32, Target)>,
}

/// The most mappings one CMap may declare (a full Unicode map has some 30,000).
const MAPPING_LIMIT: usize = 200_000;

impl CMap {
    /// Parses a CMap stream. Anything it does not understand is skipped: a broken map gives
    /// fewer characters, never an error.
    pub fn parse(bytes: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let tokens = tokenize(bytes);
        let mut i = 0;
        let mut mappings = 0usize;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Keyword(k) if k == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if let Some(space) = code_space(low, high) {
                            cmap.spaces.push(space);
                        }
                        i += 2;
                    }
                }
                Token::Keyword(k) if k == "beginbfchar" || k == "begincidchar" => {
                    let cid = k == "begincidchar";
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(dst)) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let Some(code) = code_of(src) else {
                            i += 2;
                            continue;
                        };
                        let target = match (dst, cid) {
                            (Token::Hex(d), false) => Some(Target::Text(utf16_text(d))),
                            (Token::Number(n), true) => Some(Target::Cid(*n)),
                            (Token::Name(name), false) => glyph_name_text(name).map(Target::Text),
                            _ => None,
                        };
                        if let Some(target) = target
                            && mappings < MAPPING_LIMIT
                        {
                            mappings += 1;
                            cmap.singles.insert(code, target);
                        }
                        i += 2;
                    }
                }
                Token::Keyword(k) if k == "beginbfrange" || k == "begincidrange" => {
                    let cid = k == "begincidrange";
                    i += 1;
                    while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let (Some(first), Some(last)) = (code_of(low), code_of(high)) else {
                            i += 3;
                            continue;
                        };
                        match tokens.get(i + 2) {
                            Some(Token::Hex(d)) if !cid && last.value >= first.value => {
                                mappings += 1;
                                cmap.ranges.push((
                                    first,
                                    last.value,
                                    Target::Utf16(utf16_units(d)),
                                ));
                                i += 3;
                            }
                            Some(Token::Number(n)) if cid && last.value >= first.value => {
                                mappings += 1;
                                cmap.ranges.push((first, last.value, Target::Cid(*n)));
                                i += 3;
                            }
                            Some(Token::ArrayStart) => {
                                i += 3;
                                let mut value = first.value;
                                while let Some(Token::Hex(d)) = tokens.get(i) {
                                    if mappings < MAPPING_LIMIT && value <= last.value {
                                        mappings += 1;
                                        cmap.singles.insert(
                                            Code {
                                                value,
                                                len: first.len,
                                            },
                                            Target::Text(utf16_text(d)),
                                        );
                                    }
                                    value = value.saturating_add(1);
                                    i += 1;
                                }
                                if let Some(Token::ArrayEnd) = tokens.get(i) {
                                    i += 1;
                                }
                            }
                            _ => i += 3,
                        }
                        if mappings >= MAPPING_LIMIT {
                            break;
                        }
                    }
                }
                _ => i += 1,
            }
        }
        cmap.ranges
            .sort_by_key(|(first, _, _)| (first.len, first.value));
        cmap
    }

    pub fn has_code_spaces(&self) -> bool {
        !self.spaces.is_empty()
    }

    /// The length of the code starting `bytes`, by the code space ranges (ISO 32000 9.7.6.2):
    /// the shortest range that matches; with none, the shortest range's length.
    pub fn code_length(&self, bytes: &[u8]) -> Option<u8> {
        let mut shortest: Option<u8> = None;
        let mut best: Option<u8> = None;
        for space in &self.spaces {
            shortest = Some(shortest.map_or(space.len, |s| s.min(space.len)));
            let len = usize::from(space.len);
            if bytes.len() >= len
                && (0..len).all(|k| space.low[k] <= bytes[k] && bytes[k] <= space.high[k])
            {
                best = Some(best.map_or(space.len, |b| b.min(space.len)));
            }
        }
        best.or(shortest)
    }

    fn lookup(&self, code: Code) -> Option<(&Target, u32)> {
        if let Some(target) = self.singles.get(&code) {
            return Some((target, 0));
        }
        // The last range starting at or before the code, of the code's length.
        let index = self
            .ranges
            .partition_point(|(first, _, _)| (first.len, first.value) <= (code.len, code.value));
        self.ranges[..index]
            .iter()
            .rev()
            .take_while(|(first, _, _)| first.len == code.len)
            .find(|(first, last, _)| first.value <= code.value && code.value <= *last)
            .map(|(first, _, target)| (target, code.value - first.value))
    }

    /// The text a ToUnicode map gives a code.
    pub fn text(&self, code: Code) -> Option<String> {
        match self.lookup(code)? {
            (Target::Text(text), _) => Some(text.clone()),
            (Target::Utf16(units), offset) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                Some(String::from_utf16_lossy(&units))
            }
            (Target::Cid(_), _) => None,
        }
    }

    /// The CID an encoding CMap gives a code.
    pub fn cid(&self, code: Code) -> Option<u32> {
        match self.lookup(code)? {
            (Target::Cid(cid), offset) => Some(cid + offset),
            _ => None,
        }
    }
}

/// The predefined CMaps a Type0 font may name as its encoding, by how their codes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// `Identity-H`/`-V`: two-byte codes that are CIDs; their text needs a ToUnicode map.
    Identity,
    /// `UniGB-UCS2-H` and the other `Uni…-UCS2` maps: two-byte codes that are Unicode.
    Ucs2,
    /// `Uni…-UTF16`: UTF-16BE, surrogate pairs included.
    Utf16,
    /// `GBK-EUC-H`, `GBpc-EUC-H`, `GBKp-EUC-H`: GBK bytes.
    Gbk,
    /// `GB-EUC-H`: GB 2312 in EUC form.
    GbEuc,
    /// `GBK2K-H`: GB 18030, one, two or four bytes.
    Gb18030,
    /// `ETen-B5-H`, `B5pc-H`: Big5.
    Big5,
}

impl Predefined {
    pub fn from_name(name: &[u8]) -> Option<Predefined> {
        let name = std::str::from_utf8(name).ok()?;
        let base = name
            .strip_suffix("-H")
            .or_else(|| name.strip_suffix("-V"))?;
        Some(match base {
            "Identity" => Predefined::Identity,
            "UniGB-UCS2" | "UniCNS-UCS2" | "UniJIS-UCS2" | "UniKS-UCS2" => Predefined::Ucs2,
            "UniGB-UTF16" | "UniCNS-UTF16" | "UniJIS-UTF16" | "UniKS-UTF16" => Predefined::Utf16,
            "GBK-EUC" | "GBpc-EUC" | "GBKp-EUC" => Predefined::Gbk,
            "GB-EUC" | "GBT-EUC" => Predefined::GbEuc,
            "GBK2K" => Predefined::Gb18030,
            "ETen-B5" | "B5pc" | "ETenms-B5" | "HKscs-B5" => Predefined::Big5,
            _ => return None,
        })
    }

    /// The length of the code starting `bytes`.
    pub fn code_length(self, bytes: &[u8]) -> u8 {
        let first = bytes.first().copied().unwrap_or(0);
        match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if (0xD8..0xDC).contains(&first) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gbk | Predefined::Big5 => {
                if first >= 0x81 {
                    2
                } else {
                    1
                }
            }
            Predefined::GbEuc => {
                if first >= 0xA1 {
                    2
                } else {
                    1
                }
            }
            Predefined::Gb18030 => match bytes.get(1) {
                _ if first < 0x81 => 1,
                Some(0x30..=0x39) => 4,
                _ => 2,
            },
        }
    }

    /// The text of one code, as the map's encoding reads its bytes.
    pub fn text(self, bytes: &[u8]) -> Option<String> {
        let decode = |encoding: &'static encoding_rs::Encoding| {
            let (text, malformed) = encoding.decode_without_bom_handling(bytes);
            (!malformed).then(|| text.into_owned())
        };
        match self {
            Predefined::Identity => None,
            Predefined::Ucs2 | Predefined::Utf16 => decode(encoding_rs::UTF_16BE),
            Predefined::Gbk | Predefined::GbEuc => decode(encoding_rs::GBK),
            Predefined::Gb18030 => decode(encoding_rs::GB18030),
            Predefined::Big5 => decode(encoding_rs::BIG5),
        }
    }
}

/// Text for a glyph name: `uni4E00`, `u1F600`, or the Adobe Glyph List's names.
pub fn glyph_name_text(name: &str) -> Option<String> {
    let hex = |digits: &str| {
        u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
    };
    if let Some(digits) = name.strip_prefix("uni")
        && digits.len() >= 4
        && digits.len() % 4 == 0
    {
        return (0..digits.len() / 4)
            .map(|k| digits.get(4 * k..4 * k + 4).and_then(hex))
            .collect();
    }
    if let Some(digits) = name.strip_prefix('u')
        && (4..=6).contains(&digits.len())
    {
        return hex(digits).map(String::from);
    }
    let base = name.split('.').next().unwrap_or(name);
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return Some(base.to_string());
    }
    let index = ASCII_NAMES.iter().position(|n| *n == base);
    if let Some(i) = index {
        return char::from_u32(0x20 + i as u32).map(String::from);
    }
    OTHER_NAMES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, c)| c.to_string())
}

/// Glyph names of ASCII 0x20..0x7E in order (letters are their own names).
const ASCII_NAMES: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

/// Other glyph names of the Adobe Glyph List that Chinese documents' Latin fonts use.
const OTHER_NAMES: [(&str, char); 16] = [
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("endash", '–'),
    ("emdash", '—'),
    ("bullet", '•'),
    ("ellipsis", '…'),
    ("periodcentered", '·'),
    ("degree", '°'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("section", '§'),
    ("nbspace", ' '),
    ("minus", '−'),
    ("copyright", '©'),
];

fn code_space(low: &[u8], high: &[u8]) -> Option<CodeSpace> {
    if low.is_empty() || low.len() > 4 || low.len() != high.len() {
        return None;
    }
    let mut space = CodeSpace {
        len: low.len() as u8,
        low: [0; 4],
        high: [0; 4],
    };
    space.low[..low.len()].copy_from_slice(low);
    space.high[..high.len()].copy_from_slice(high);
    Some(space)
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(Code {
        value: bytes.iter().fold(0u32, |v, b| (v << 8) | u32::from(*b)),
        len: bytes.len() as u8,
    })
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|pair| match pair {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Number(u32),
    Name(String),
    Keyword(String),
    ArrayStart,
    ArrayEnd,
}

/// PostScript tokens of a CMap, as far as CMaps use them.
fn tokenize(bytes: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let regular = |b: u8| !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b);
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if bytes.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(bytes.len(), |p| start + p);
                let digits: Vec<u8> = bytes[start..end]
                    .iter()
                    .filter(|c| c.is_ascii_hexdigit())
                    .map(|c| (*c as char).to_digit(16).unwrap_or(0) as u8)
                    .collect();
                let mut hex: Vec<u8> = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                hex.shrink_to_fit();
                tokens.push(Token::Hex(hex));
                i = end + 1;
            }
            b'(' => {
                // Literal strings hold nothing a mapping needs; skip them, nesting included.
                let mut depth = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'[' => {
                tokens.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                tokens.push(Token::ArrayEnd);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && regular(bytes[i]) {
                    i += 1;
                }
                tokens.push(Token::Name(
                    String::from_utf8_lossy(&bytes[start..i]).into_owned(),
                ));
            }
            _ if b.is_ascii_whitespace() || b"{}>)".contains(&b) => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && regular(bytes[i]) {
                    i += 1;
                }
                let word = &bytes[start..i];
                if word.iter().all(u8::is_ascii_digit) {
                    tokens.push(Token::Number(
                        std::str::from_utf8(word)
                            .ok()
                            .and_then(|w| w.parse().ok())
                            .unwrap_or(0),
                    ));
                } else {
                    tokens.push(Token::Keyword(String::from_utf8_lossy(word).into_owned()));
                }
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar
        2 beginbfrange <0020> <0022> <725B> <0030> <0031> [<5934> <D83DDE00>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    fn code(value: u32) -> Code {
        Code { value, len: 2 }
    }

    #[test]
    fn to_unicode_maps_chars_ranges_and_arrays() {
        let cmap = CMap::parse(TO_UNICODE);
        assert_eq!(cmap.code_length(&[0, 3]), Some(2));
        assert_eq!(cmap.text(code(3)).as_deref(), Some(" "));
        assert_eq!(cmap.text(code(0x10)).as_deref(), Some("一"));
        assert_eq!(cmap.text(code(0x20)).as_deref(), Some("牛"));
        assert_eq!(cmap.text(code(0x22)).as_deref(), Some("牝"));
        assert_eq!(cmap.text(code(0x30)).as_deref(), Some("头"));
        assert_eq!(cmap.text(code(0x31)).as_deref(), Some("😀"));
        assert_eq!(cmap.text(code(0x23)), None);
        assert_eq!(cmap.text(Code { value: 3, len: 1 }), None);
    }

    #[test]
    fn mixed_code_spaces_pick_the_length_by_the_first_byte() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(cmap.code_length(b"A\x81"), Some(1));
        assert_eq!(cmap.code_length(b"\x81\x41"), Some(2));
        assert_eq!(
            cmap.cid(Code {
                value: 0x8142,
                len: 2
            }),
            Some(635)
        );
        assert_eq!(
            cmap.cid(Code {
                value: 0x41,
                len: 1
            }),
            Some(34)
        );
    }

    #[test]
    fn predefined_chinese_cmaps_read_their_codes_as_text() {
        let ucs2 = Predefined::from_name(b"UniGB-UCS2-H").unwrap();
        assert_eq!(ucs2.text(&[0x72, 0x75]).as_deref(), Some("牵"));
        let gbk = Predefined::from_name(b"GBK-EUC-H").unwrap();
        let bytes = encoding_rs::GBK.encode("牵A").0;
        assert_eq!(gbk.code_length(&bytes), 2);
        assert_eq!(gbk.text(&bytes[..2]).as_deref(), Some("牵"));
        assert_eq!(gbk.code_length(&bytes[2..]), 1);
        assert_eq!(Predefined::from_name(b"GB-EUC-H"), Some(Predefined::GbEuc));
        assert_eq!(
            Predefined::from_name(b"Identity-V"),
            Some(Predefined::Identity)
        );
        assert_eq!(Predefined::from_name(b"WinAnsiEncoding"), None);
    }

    #[test]
    fn glyph_names_give_text() {
        assert_eq!(glyph_name_text("uni724B").as_deref(), Some("牋"));
        assert_eq!(glyph_name_text("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_text("space").as_deref(), Some(" "));
        assert_eq!(glyph_name_text("g123"), None);
    }

    #[test]
    fn a_broken_cmap_gives_what_it_can() {
        let cmap = CMap::parse(b"beginbfchar <01> endbfchar <zz beginbfrange <00> (x) [");
        assert_eq!(cmap.text(Code { value: 1, len: 1 }), None);
    }
}
