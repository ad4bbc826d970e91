//! Prints a register as YAML, byte for byte as `serde_yaml` (yaml_serde over libyaml) prints it,
//! at a fraction of the cost: the register's shapes (block mappings, indentless sequences under a
//! key, plain, single-quoted and `|-` literal strings) are written straight from serde's data
//! model, while libyaml builds and analyses an event per scalar.
//!
//! Anything this printer does not reproduce exactly (a string libyaml would double-quote, a key
//! longer than libyaml's 128-byte simple key, a literal needing an indentation or keep hint,
//! floats, tagged enums, sequences directly in sequences) makes it give up with [`Unsupported`],
//! and the caller prints through `serde_yaml` instead. Tests compare both printers on every
//! fixture and on strings built to hit each of libyaml's rules.

use crate::yaml_scalar;
use serde::Serialize;
use serde::ser::{self, Impossible};
use std::fmt;

/// The value holds something only `serde_yaml` prints right.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value this printer leaves to serde_yaml")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Unsupported
    }
}

/// The YAML text of `value`, or [`Unsupported`]. Printed as serde hands the values over, with
/// no tree in between: a register's keys and strings are written where they stand, not copied.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut out = String::with_capacity(4096);
    value.serialize(ValuePrinter {
        out: &mut out,
        place: Place::Document,
    })?;
    Ok(out)
}

// ---- Printing ------------------------------------------------------------------------------

fn indent(out: &mut String, columns: usize) {
    out.extend(std::iter::repeat_n(' ', columns));
}

/// A mapping's key at the start of its entry (after its indentation), and the colon.
fn print_key(key: &str, out: &mut String) -> Result<(), Unsupported> {
    match choose_style(key, true)? {
        Style::Plain => out.push_str(key),
        Style::SingleQuoted => single_quoted(key, out),
        Style::Literal => return Err(Unsupported),
    }
    out.push(':');
    Ok(())
}

/// A value that fits after `key:` or `-`: a scalar or an empty collection, printed as is.
fn print_bare(text: &str, out: &mut String) {
    out.push(' ');
    out.push_str(text);
    out.push('\n');
}

/// A string after `key:` or `-`; a literal's lines go at `content_column`.
fn print_str(text: &str, content_column: usize, out: &mut String) -> Result<(), Unsupported> {
    out.push(' ');
    match choose_style(text, false)? {
        Style::Plain => out.push_str(text),
        Style::SingleQuoted => single_quoted(text, out),
        Style::Literal => {
            out.push_str("|-");
            for line in text.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    indent(out, content_column);
                    out.push_str(line);
                }
            }
        }
    }
    out.push('\n');
    Ok(())
}

fn single_quoted(text: &str, out: &mut String) {
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

// ---- Choosing a scalar's style, as yaml_serde asks and libyaml decides ----------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    Literal,
}

/// libyaml's longest simple key (`key: value` rather than `? key`), in bytes.
const SIMPLE_KEY_MAX_BYTES: usize = 128;

fn choose_style(text: &str, is_key: bool) -> Result<Style, Unsupported> {
    // Most of a register is Chinese text without ASCII punctuation, space or breaks: no rule
    // below can fire but quoting what reads as a number (`seq: '3'`).
    if is_word_text(text) {
        if is_key && text.len() > SIMPLE_KEY_MAX_BYTES {
            return Err(Unsupported);
        }
        return Ok(if reads_as_non_string(text) {
            Style::SingleQuoted
        } else {
            Style::Plain
        });
    }
    // yaml_serde asks for a literal block when there is a line break, and for quotes when the
    // text would read back as something other than a string.
    let requested = if text.contains('\n') {
        Style::Literal
    } else if reads_as_non_string(text) {
        Style::SingleQuoted
    } else {
        Style::Plain
    };
    let scalar = analyze(text)?;
    if is_key && (scalar.multiline || text.len() > SIMPLE_KEY_MAX_BYTES) {
        return Err(Unsupported);
    }
    let mut style = requested;
    if style == Style::Plain && (!scalar.block_plain_allowed || (text.is_empty() && is_key)) {
        style = Style::SingleQuoted;
    }
    match style {
        Style::SingleQuoted if !scalar.single_quoted_allowed => Err(Unsupported),
        Style::Literal if !scalar.block_allowed || is_key => Err(Unsupported),
        // A literal whose first line is indented needs an indentation hint, one that ends with
        // a break needs clip or keep chomping: both left to libyaml.
        Style::Literal if text.starts_with([' ', '\n']) || text.ends_with('\n') => Err(Unsupported),
        style => Ok(style),
    }
}

/// What libyaml's scalar analysis allows (yaml_emitter_analyze_scalar), for block context.
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(text: &str) -> Result<Analysis, Unsupported> {
    if text.is_empty() {
        return Ok(Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        });
    }
    let mut block_indicators = text.starts_with("---") || text.starts_with("...");
    let (mut line_breaks, mut leading_space, mut leading_break) = (false, false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let mut first = true;
    let mut at = 0;
    while at < text.len() {
        // A run of letters, digits and characters libyaml prints as they are (most of a task's
        // text) sets no flag of its own: it only ends the white space before it.
        let quiet = (at..text.len())
            .take_while(|&i| is_word_byte(text.as_bytes(), i))
            .count();
        if quiet > 0 {
            at += quiet;
            (previous_space, previous_break) = (false, false);
            preceded_by_whitespace = false;
            first = false;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        let next = text[at..].chars().next();
        // The end of the text counts as whitespace, as libyaml's NUL terminator does.
        let followed_by_whitespace = next.is_none_or(is_blank_or_break);
        let last = next.is_none();
        if first {
            if matches!(
                c,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            ) {
                block_indicators = true;
            }
            if matches!(c, '?' | ':' | '-') && followed_by_whitespace {
                block_indicators = true;
            }
        } else if (c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace) {
            block_indicators = true;
        }
        if !is_printable(c) {
            // Double quotes with escapes: libyaml's.
            return Err(Unsupported);
        }
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if c != '\n' {
                return Err(Unsupported);
            }
            line_breaks = true;
            leading_break |= first;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank_or_break(c);
        first = false;
    }
    let mut analysis = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.block_plain_allowed = false;
    }
    if trailing_space {
        analysis.block_allowed = false;
    }
    if break_space {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
        analysis.block_allowed = false;
    }
    if line_breaks || block_indicators {
        analysis.block_plain_allowed = false;
    }
    Ok(analysis)
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank_or_break(c: char) -> bool {
    c == ' ' || c == '\t' || is_break(c)
}

/// Whether `text` holds only ASCII letters and digits and characters from U+0080 up that
/// libyaml prints as they are and that break no line (`is_printable(c) && !is_break(c)`), told
/// from the UTF-8 bytes without decoding: the exceptions above U+007F are U+0080–U+009F (lead
/// byte C2), U+2028 and U+2029 (E2 80 A8/A9), U+FEFF, U+FFFE and U+FFFF (EF BB BF, EF BF BE/BF).
fn is_word_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most bytes are judged alone (a byte of a CJK character, a letter, a digit): only the
    // three lead bytes that may start a character needing care are looked at closely.
    bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| match WORD_BYTE[usize::from(b)] {
            ByteClass::Word => true,
            ByteClass::Other => false,
            ByteClass::Lead => is_word_byte(bytes, i),
        })
}

#[derive(Clone, Copy, PartialEq)]
enum ByteClass {
    Word,
    Other,
    Lead,
}

/// [`is_word_byte`] for each byte, where the byte alone decides.
static WORD_BYTE: [ByteClass; 256] = {
    let mut table = [ByteClass::Word; 256];
    let mut b = 0;
    while b < 0x80 {
        if !(b as u8).is_ascii_alphanumeric() {
            table[b] = ByteClass::Other;
        }
        b += 1;
    }
    table[0xC2] = ByteClass::Lead;
    table[0xE2] = ByteClass::Lead;
    table[0xEF] = ByteClass::Lead;
    table
};

/// Whether the byte at `i` is an ASCII letter or digit or a byte of a character that
/// [`is_word_text`] allows. A lead byte is never a continuation byte (80–BF), so each byte can be
/// judged alone; a valid string has the continuation bytes a lead byte looks at.
fn is_word_byte(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b @ 0..0x80 => b.is_ascii_alphanumeric(),
        0xC2 => bytes[i + 1] >= 0xA0,
        0xE2 => !(bytes[i + 1] == 0x80 && matches!(bytes[i + 2], 0xA8 | 0xA9)),
        0xEF => !matches!(
            (bytes[i + 1], bytes[i + 2]),
            (0xBB, 0xBF) | (0xBF, 0xBE) | (0xBF, 0xBF)
        ),
        _ => true,
    }
}

/// libyaml's IS_PRINTABLE.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{10000}'..)
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
}

/// Whether yaml_serde would read the plain text back as null, a boolean or a number (its
/// `visit_untagged_scalar`), or as a string only because of a leading zero (`0123`): either
/// way it asks for quotes.
fn reads_as_non_string(text: &str) -> bool {
    yaml_scalar::resolve(text) != yaml_scalar::Resolved::Str
        || yaml_scalar::digits_but_not_number(text)
}

// ---- From serde's data model to text ----------------------------------------------------------

/// Where the value being serialized is printed.
#[derive(Clone, Copy)]
enum Place {
    /// The whole document: a mapping at column 0 with at least one entry.
    Document,
    /// After `key:` of an entry at `column`: a mapping goes on the next lines two columns in, a
    /// sequence at the entry's own column (libyaml's indentless form), anything else on the line.
    Value { column: usize },
    /// After the `-` of a sequence item at `column`: a mapping's first entry goes on the same
    /// line, the rest two columns in; a sequence directly in a sequence is left to serde_yaml.
    Item { column: usize },
}

impl Place {
    /// The column a literal's lines go at.
    fn content_column(self) -> usize {
        match self {
            Place::Document => 0,
            Place::Value { column } | Place::Item { column } => column + 2,
        }
    }
}

struct ValuePrinter<'o> {
    out: &'o mut String,
    place: Place,
}

impl<'o> ValuePrinter<'o> {
    fn bare(self, text: &str) -> Result<(), Unsupported> {
        if matches!(self.place, Place::Document) {
            return Err(Unsupported);
        }
        print_bare(text, self.out);
        Ok(())
    }

    fn text(self, text: &str) -> Result<(), Unsupported> {
        if matches!(self.place, Place::Document) {
            return Err(Unsupported);
        }
        print_str(text, self.place.content_column(), self.out)
    }

    fn number(self, number: impl fmt::Display) -> Result<(), Unsupported> {
        use fmt::Write;
        if matches!(self.place, Place::Document) {
            return Err(Unsupported);
        }
        let _ = write!(self.out, " {number}");
        self.out.push('\n');
        Ok(())
    }
}

/// A sequence's items, each at `column`; `declared` items were announced and are checked, since
/// an empty sequence was printed `[]` on the strength of the count.
struct SeqPrinter<'o> {
    out: &'o mut String,
    column: usize,
    declared: usize,
    printed: usize,
}

/// Whether a collection held as many values as it announced.
fn all_printed(printed: usize, declared: usize) -> Result<(), Unsupported> {
    (printed == declared).then_some(()).ok_or(Unsupported)
}

/// A mapping's entries, each at `column`; the first on the current line when `inline_first` (a
/// sequence item's mapping). The announced count is checked as a sequence's is.
struct MapPrinter<'o> {
    out: &'o mut String,
    column: usize,
    inline_first: bool,
    declared: usize,
    printed: usize,
}

impl MapPrinter<'_> {
    /// The indentation before an entry's key; an entry past the announced count is refused.
    fn start_entry(&mut self) -> Result<(), Unsupported> {
        if self.printed >= self.declared {
            return Err(Unsupported);
        }
        if self.printed > 0 || !self.inline_first {
            indent(self.out, self.column);
        }
        self.printed += 1;
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(ValuePrinter {
            out: self.out,
            place: Place::Value {
                column: self.column,
            },
        })
    }
}

/// The serializer methods for tuples and enum variants with data, which no register holds
/// and which are left to serde_yaml.
macro_rules! refuse_tuples_and_variants {
    () => {
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    };
}

/// Serializer methods that print their integer as it is (`serialize_i8(i8)` …).
macro_rules! print_integers {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Unsupported> {
            self.number(v)
        })*
    };
}

/// Serializer methods for values a key cannot be, each refusing (`serialize_bool(bool)` …).
macro_rules! refuse_scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<(), Unsupported> {
            Err(Unsupported)
        })*
    };
}

impl<'o> ser::Serializer for ValuePrinter<'o> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = SeqPrinter<'o>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = MapPrinter<'o>;
    type SerializeStruct = MapPrinter<'o>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.bare(if v { "true" } else { "false" })
    }
    print_integers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
    );
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.bare("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.bare("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.bare("null")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqPrinter<'o>, Unsupported> {
        // Whether the sequence is empty decides its form before the first item: only a
        // sequence that says how long it is can be printed as it comes.
        let declared = len.ok_or(Unsupported)?;
        let column = match self.place {
            Place::Document => return Err(Unsupported),
            Place::Item { .. } if declared > 0 => return Err(Unsupported),
            Place::Value { column } | Place::Item { column } => column,
        };
        if declared == 0 {
            print_bare("[]", self.out);
        } else {
            self.out.push('\n');
        }
        Ok(SeqPrinter {
            out: self.out,
            column,
            declared,
            printed: 0,
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapPrinter<'o>, Unsupported> {
        let declared = len.ok_or(Unsupported)?;
        let (column, inline_first) = match self.place {
            Place::Document if declared == 0 => return Err(Unsupported),
            Place::Document => (0, false),
            Place::Value { column } => (column + 2, false),
            Place::Item { column } => (column + 2, true),
        };
        if declared == 0 {
            print_bare("{}", self.out);
        } else if inline_first {
            self.out.push(' ');
        } else if !matches!(self.place, Place::Document) {
            self.out.push('\n');
        }
        Ok(MapPrinter {
            out: self.out,
            column,
            inline_first,
            declared,
            printed: 0,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapPrinter<'o>, Unsupported> {
        self.serialize_map(Some(len))
    }
    refuse_tuples_and_variants!();
}

impl ser::SerializeSeq for SeqPrinter<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.printed += 1;
        if self.printed > self.declared {
            return Err(Unsupported);
        }
        indent(self.out, self.column);
        self.out.push('-');
        value.serialize(ValuePrinter {
            out: self.out,
            place: Place::Item {
                column: self.column,
            },
        })
    }
    fn end(self) -> Result<(), Unsupported> {
        all_printed(self.printed, self.declared)
    }
}

/// A key as serde hands it over: only a string, since libyaml prints a number or null as a key
/// its own way.
struct KeyPrinter<'o>(&'o mut String);

impl ser::SerializeMap for MapPrinter<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.start_entry()?;
        key.serialize(KeyPrinter(self.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.value(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        all_printed(self.printed, self.declared)
    }
}

impl ser::SerializeStruct for MapPrinter<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.start_entry()?;
        print_key(key, self.out)?;
        self.value(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        all_printed(self.printed, self.declared)
    }
}

impl ser::Serializer for KeyPrinter<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        print_key(v, self.0)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        print_key(v.encode_utf8(&mut [0; 4]), self.0)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        print_key(variant, self.0)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    refuse_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
    );
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    refuse_tuples_and_variants!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Person, Progress, Register, Task};

    /// Both printers on one register: where this one prints, its text is serde_yaml's.
    fn same_as_serde_yaml(register: &Register) -> bool {
        let reference = serde_yaml::to_string(register).unwrap();
        match to_string(register) {
            Ok(text) => {
                assert_eq!(text, reference, "differs from serde_yaml");
                true
            }
            Err(Unsupported) => false,
        }
    }

    /// A register with `text` in every kind of place a string stands: mapping values, list
    /// items under a key, items of a list of mappings, a map's keys and values.
    fn register_holding(text: &str) -> Register {
        let mut task = Task {
            id: "1".into(),
            seq: Some(text.into()),
            section: vec![text.into(), "一、总体要求".into()],
            title: text.into(),
            text: format!("{text}。"),
            lead: vec![text.into()],
            support: vec!["县公安局".into(), text.into()],
            deadline: Some(text.into()),
            items: vec![Item {
                label: text.into(),
                text: text.into(),
                deadline: None,
            }],
            progress: Some(Progress {
                done: Some(text.into()),
                problems: None,
                next_steps: None,
            }),
            checked: true,
            ..Task::default()
        };
        task.source.line = Some(12);
        // A key with a line break is double-quoted by libyaml: keys hold the text on one line.
        task.printed.insert(text.replace('\n', ""), text.into());
        let mut register = Register::of_tasks(vec![task]);
        register.document.title = Some(text.into());
        register.document.notes = vec![text.into()];
        register.people = vec![Person {
            name: text.into(),
            title: None,
            backup: Some(text.into()),
        }];
        register
    }

    #[test]
    fn fixture_registers_print_as_serde_yaml_prints_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut printed = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(register) = serde_yaml::from_str::<Register>(&text) else {
                continue;
            };
            assert!(
                same_as_serde_yaml(&register),
                "{} fell back",
                path.display()
            );
            printed += 1;
        }
        assert!(printed >= 40, "only {printed} fixture registers");
    }

    #[test]
    fn every_style_rule_gives_serde_yamls_text() {
        // Printed here: plain, quoted because it reads as something else or starts with an
        // indicator, literal blocks.
        let printed = [
            "县应急管理局",
            "1",
            "0123",
            "+1",
            "-7",
            "0x1F",
            "-0b101",
            "1e3",
            "3.",
            ".inf",
            "-.Inf",
            ".nan",
            "inf",
            "null",
            "~",
            "True",
            "yes",
            "",
            "2024-06-30",
            "a: b",
            "a:b",
            "- 一",
            "-一",
            "#注",
            "一 #注",
            "一#注",
            "'引'",
            "它's",
            "\"引\"",
            "[一]",
            "一]",
            "{一}",
            "?一",
            "? 一",
            ":一",
            "&a",
            "*a",
            "!a",
            "|a",
            ">a",
            "%a",
            "@a",
            "`a",
            ",a",
            "---",
            "--- a",
            "...",
            " 前空",
            "后空 ",
            "第一行\n第二行",
            "第一行\n\n第三行",
            "一、\n  二、缩进",
            "-\n一",
            "一\n 空起",
        ];
        for text in printed {
            assert!(
                same_as_serde_yaml(&register_holding(text)),
                "{text:?} fell back"
            );
        }
        // Left to serde_yaml: double quotes, hints, complex keys.
        for text in [
            "制表\t符",
            "行尾空 \n下一行",
            "\n起于换行",
            "止于换行\n",
            "回车\r",
            "\u{2028}",
            "零\u{0}",
            "\u{feff}",
            &"长".repeat(43),
        ] {
            let register = register_holding(text);
            assert!(!same_as_serde_yaml(&register), "{text:?} printed here");
            assert!(!crate::writer::yaml::write(&register).unwrap().is_empty());
        }
    }

    #[test]
    fn random_strings_print_as_serde_yaml_prints_them() {
        // Besides YAML's indicators: characters the analysis skips in runs (letters, digits,
        // Chinese, U+00A0, U+E000, an emoji) and those it must stop at (breaks, BOM, U+0085).
        const ALPHABET: &[char] = &[
            'a', 'e', 'x', '0', '1', '9', '-', '+', '.', ':', '#', ' ', '\n', '\'', '"', '?', '[',
            ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',', '~', '_', '中', '，', '（',
            '\u{3000}', '\t', '\r', '\u{85}', '\u{a0}', '\u{2028}', '\u{feff}', '\u{e000}', '😀',
        ];
        let mut printed_here = 0;
        for text in crate::test_samples::strings(ALPHABET, 9, 8000) {
            if same_as_serde_yaml(&register_holding(&text)) {
                printed_here += 1;
            }
        }
        assert!(
            printed_here > 2000,
            "only {printed_here} of 8000 printed here"
        );
    }

    #[test]
    fn word_text_is_told_from_bytes_as_from_characters() {
        let by_chars = |text: &str| {
            text.bytes().all(|b| b >= 0x80 || b.is_ascii_alphanumeric())
                && text.chars().all(|c| is_printable(c) && !is_break(c))
        };
        let every_char = (0..=0x10FFFF).filter_map(char::from_u32);
        for c in every_char.filter(|c| (*c as u32) < 0x3_0000 || (*c as u32) % 97 == 0) {
            let text = format!("甲{c}1");
            assert_eq!(is_word_text(&text), by_chars(&text), "{:X}", c as u32);
        }
    }

    /// A collection that announces one length and holds another: printed as it comes, its
    /// form (`[]` or lines) would be wrong, so the printer leaves it to serde_yaml.
    #[test]
    fn a_collection_whose_count_is_wrong_is_left_to_serde_yaml() {
        use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
        struct Miscounted {
            announced: usize,
            held: usize,
        }
        impl Serialize for Miscounted {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.announced))?;
                for _ in 0..self.held {
                    seq.serialize_element("县公安局")?;
                }
                seq.end()
            }
        }
        struct Document(Miscounted);
        impl Serialize for Document {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_struct("Document", 1)?;
                map.serialize_field("lead", &self.0)?;
                map.end()
            }
        }
        let honest = Document(Miscounted {
            announced: 2,
            held: 2,
        });
        assert_eq!(
            to_string(&honest).unwrap(),
            serde_yaml::to_string(&honest).unwrap()
        );
        for (announced, held) in [(0, 1), (1, 0), (2, 1), (1, 2)] {
            let document = Document(Miscounted { announced, held });
            assert!(
                to_string(&document).is_err(),
                "{announced} announced, {held} held"
            );
        }
        struct Keys(usize);
        impl Serialize for Keys {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0))?;
                map.serialize_entry("甲", "乙")?;
                map.end()
            }
        }
        assert_eq!(to_string(&Keys(1)).unwrap(), "甲: 乙\n");
        assert!(to_string(&Keys(2)).is_err() && to_string(&Keys(0)).is_err());
    }
}
