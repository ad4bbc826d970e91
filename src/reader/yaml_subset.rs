//! Reads the YAML that dutyctl writes back into a tree, at a fraction of libyaml's cost: block
//! mappings, sequences (indentless under a key, as libyaml prints them), plain, single-quoted and
//! `|-` literal scalars, `[]` and `{}`, comments and a leading `---`. The tree is read by serde
//! as `serde_yaml`'s deserializer reads the text (the same scalars become the same types), and
//! gives `serde_yaml::Value` the same value.
//!
//! Anything else — double quotes, anchors and aliases, tags, flow collections with content,
//! folded or kept scalars, tabs and other control characters, CR line ends, a BOM (the decoder
//! and `parse_register` take off the one a file starts with; libyaml-rs reads the lines after
//! one as another document), multi-line plain or quoted scalars, several documents, keys that
//! are no strings or repeat, nesting past [`DEPTH_LIMIT`], or any error — is [`Declined`], and
//! the caller reads the text with `serde_yaml` as before, so every message, line and column
//! stays the library's. Tests compare both readers on every fixture and corpus register, on
//! registers of random strings printed by both printers, on registers edited at random, and on
//! samples of each rule.

use crate::yaml_scalar::{
    Resolved, could_be_number, digits_but_not_number, is_null, parse_bool, parse_f64,
    parse_negative_int, parse_signed_int, parse_unsigned_int, resolve,
};
use serde::de::{self, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The text holds something only `serde_yaml` reads right (or is no YAML at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("YAML this reader leaves to serde_yaml")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Declined
    }
}

/// Collections nested deeper than this are declined (`serde_yaml` refuses past 128; a register
/// nests 5 deep), which also bounds this reader's recursion.
pub const DEPTH_LIMIT: usize = 64;

/// libyaml gives up on a simple key (`key: value`) longer than 1024 characters; keys up to this
/// many bytes are certainly read the same.
const KEY_MAX_BYTES: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Resolved as YAML 1.2's core schema says, as yaml_serde does: null, booleans, numbers, or
    /// a string.
    Plain,
    SingleQuoted,
    Literal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar<'a> {
    pub text: Cow<'a, str>,
    pub style: Style,
}

/// A YAML node of the subset. Keys of a mapping are strings, each once.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Scalar<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The node under `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The text of a string, as `serde_yaml::Value::as_str` gives it: a quoted or literal
    /// scalar, or a plain one that reads as no null, boolean or number.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(scalar)
                if scalar.style != Style::Plain || resolve(&scalar.text) == Resolved::Str =>
            {
                Some(&scalar.text)
            }
            _ => None,
        }
    }

    /// Whether `serde_yaml::Value` can hold the tree: it refuses integers that need more than
    /// 64 bits (yaml_serde reads them as 128-bit ones, which `Value` has no room for).
    pub fn fits_value(&self) -> bool {
        match self {
            Node::Scalar(scalar) => {
                let text = &*scalar.text;
                scalar.style != Style::Plain
                    || !could_be_number(text)
                    || parse_unsigned_int(text, u64::from_str_radix).is_some()
                    || parse_negative_int(text, i64::from_str_radix).is_some()
                    || (parse_unsigned_int(text, u128::from_str_radix).is_none()
                        && parse_negative_int(text, i128::from_str_radix).is_none())
            }
            Node::Seq(items) => items.iter().all(Node::fits_value),
            Node::Map(entries) => entries.iter().all(|(_, value)| value.fits_value()),
        }
    }
}

/// The tree of `text`, or [`Declined`].
pub fn parse(text: &str) -> Result<Node<'_>, Declined> {
    let mut parser = Parser {
        text,
        pos: 0,
        peeked: None,
        entries: Vec::new(),
        items: Vec::new(),
    };
    parser.skip_insignificant();
    if text[parser.pos..].starts_with("---") {
        // The document start, alone on its line (a node after it is left to libyaml).
        let line = parser.line_at(parser.pos);
        if !is_blank_or_comment(&line.rest[3..]) {
            return Err(Declined);
        }
        parser.pos = line.next;
    }
    let line = parser.peek()?.ok_or(Declined)?;
    let node = parser.block_node(line, 1)?;
    if parser.peek()?.is_some() {
        return Err(Declined);
    }
    // Last, so that YAML of another shape is declined at its first odd line, not after a
    // pass over the whole text (the parser reads any character safely).
    check_characters(text)?;
    Ok(node)
}

/// How [`check_characters`] sees a byte: 0 fine, 1 refused, 2 the lead byte of a character
/// to look at.
const BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        class[b] = 1;
        b += 1;
    }
    class[b'\n' as usize] = 0;
    class[0x7f] = 1;
    class[0xc2] = 2;
    class[0xe2] = 2;
    class[0xef] = 2;
    class
};

/// What libyaml's reader refuses (control characters, U+FFFE/U+FFFF) and what it reads as a
/// line break or skips (CR, NEL, U+2028/U+2029, a BOM), tabs too: declined.
fn check_characters(text: &str) -> Result<(), Declined> {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(0, |any, &b| any | BYTE_CLASS[b as usize]) != 0 {
            for i in at..at + 8 {
                check_byte(bytes, i)?;
            }
        }
        at += 8;
    }
    for i in at..bytes.len() {
        check_byte(bytes, i)?;
    }
    Ok(())
}

fn check_byte(bytes: &[u8], i: usize) -> Result<(), Declined> {
    let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
    let bad = match BYTE_CLASS[bytes[i] as usize] {
        0 => false,
        2 => match bytes[i] {
            // U+0080–U+009F: C1 controls and NEL.
            0xc2 => next(1) < 0xa0,
            // U+2028, U+2029.
            0xe2 => next(1) == 0x80 && matches!(next(2), 0xa8 | 0xa9),
            // U+FEFF, U+FFFE, U+FFFF.
            _ => matches!((next(1), next(2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
        },
        _ => true,
    };
    if bad { Err(Declined) } else { Ok(()) }
}

/// One line of the text: where it starts, its indentation, the rest of it (no line break) and
/// where the next line starts.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    indent: usize,
    rest: &'a str,
    next: usize,
}

struct Parser<'a> {
    text: &'a str,
    /// The start of the line not read yet.
    pos: usize,
    /// The line [`Parser::peek`] found last, which callers ask for again and again.
    peeked: Option<Line<'a>>,
    /// Entries and items of the collections being read, nested ones on top: each collection
    /// moves its own into a vector of the right size once complete.
    entries: Vec<(Scalar<'a>, Node<'a>)>,
    items: Vec<Node<'a>>,
}

impl<'a> Parser<'a> {
    fn line_at(&self, start: usize) -> Line<'a> {
        let tail = &self.text[start..];
        let (line, next) = match memchr::memchr(b'\n', tail.as_bytes()) {
            Some(end) => (&tail[..end], start + end + 1),
            None => (tail, self.text.len()),
        };
        let rest = line.trim_start_matches(' ');
        Line {
            start,
            indent: line.len() - rest.len(),
            rest,
            next,
        }
    }

    /// Moves past blank lines and comment lines, which mean nothing between nodes.
    fn skip_insignificant(&mut self) -> Option<Line<'a>> {
        while self.pos < self.text.len() {
            let line = self.line_at(self.pos);
            if !(line.rest.is_empty() || line.rest.starts_with('#')) {
                return Some(line);
            }
            self.pos = line.next;
        }
        None
    }

    /// The next line that holds a node, not consumed; `None` at the end.
    fn peek(&mut self) -> Result<Option<Line<'a>>, Declined> {
        if let Some(line) = self.peeked
            && line.start == self.pos
        {
            return Ok(Some(line));
        }
        let Some(line) = self.skip_insignificant() else {
            return Ok(None);
        };
        // A document marker (or a key that starts like one).
        if line.indent == 0 && (line.rest.starts_with("---") || line.rest.starts_with("...")) {
            return Err(Declined);
        }
        self.peeked = Some(line);
        Ok(Some(line))
    }

    /// After a scalar owned by a key or `-` at column `owner`: a line indented further would
    /// continue it (or be an error).
    fn nothing_deeper(&mut self, owner: usize) -> Result<(), Declined> {
        match self.peek()? {
            Some(line) if line.indent > owner => Err(Declined),
            _ => Ok(()),
        }
    }

    /// The mapping or sequence starting at `line` (not consumed yet).
    fn block_node(&mut self, line: Line<'a>, depth: usize) -> Result<Node<'a>, Declined> {
        if is_entry(line.rest) {
            self.sequence(line.indent, depth)
        } else {
            self.mapping(line.indent, None, depth)
        }
    }

    /// A block sequence whose `-` stand at `column`.
    fn sequence(&mut self, column: usize, depth: usize) -> Result<Node<'a>, Declined> {
        if depth > DEPTH_LIMIT {
            return Err(Declined);
        }
        let base = self.items.len();
        while let Some(line) = self.peek()? {
            if line.indent < column || (line.indent == column && !is_entry(line.rest)) {
                break;
            }
            if line.indent > column {
                return Err(Declined);
            }
            self.pos = line.next;
            let after = &line.rest[1..];
            let value = after.trim_start_matches(' ');
            let item = if value.is_empty() || value.starts_with('#') {
                self.value_below(column, false, depth)?
            } else if is_entry(value) {
                // A sequence in a sequence on one line: never printed by dutyctl.
                return Err(Declined);
            } else if let Some(entry) = split_key(value)? {
                let key_column = column + 1 + (after.len() - value.len());
                self.mapping(key_column, Some(entry), depth + 1)?
            } else {
                self.inline_value(value, column)?
            };
            self.items.push(item);
        }
        Ok(Node::Seq(self.items.drain(base..).collect()))
    }

    /// A block mapping whose keys stand at `column`; `first` is its first entry when it starts
    /// on a line already read (after `- `).
    fn mapping(
        &mut self,
        column: usize,
        mut first: Option<(Scalar<'a>, &'a str)>,
        depth: usize,
    ) -> Result<Node<'a>, Declined> {
        if depth > DEPTH_LIMIT {
            return Err(Declined);
        }
        let base = self.entries.len();
        loop {
            let (key, after) = match first.take() {
                Some(entry) => entry,
                None => {
                    let Some(line) = self.peek()? else { break };
                    if line.indent < column {
                        break;
                    }
                    if line.indent > column || is_entry(line.rest) {
                        return Err(Declined);
                    }
                    self.pos = line.next;
                    split_key(line.rest)?.ok_or(Declined)?
                }
            };
            let value = after.trim_start_matches(' ');
            let node = if value.is_empty() || value.starts_with('#') {
                self.value_below(column, true, depth)?
            } else {
                self.inline_value(value, column)?
            };
            self.entries.push((key, node));
        }
        if has_repeated_key(&self.entries[base..]) {
            return Err(Declined);
        }
        Ok(Node::Map(self.entries.drain(base..).collect()))
    }

    /// The value of a key or `-` at column `owner` with nothing after it on its line: a block
    /// node on the lines below, indented further (or, under a key, a sequence at the key's
    /// column), else an empty plain scalar (null).
    fn value_below(
        &mut self,
        owner: usize,
        under_key: bool,
        depth: usize,
    ) -> Result<Node<'a>, Declined> {
        match self.peek()? {
            Some(line) if line.indent > owner => self.block_node(line, depth + 1),
            Some(line) if under_key && line.indent == owner && is_entry(line.rest) => {
                self.sequence(owner, depth + 1)
            }
            _ => Ok(Node::Scalar(Scalar {
                text: Cow::Borrowed(""),
                style: Style::Plain,
            })),
        }
    }

    /// The value that follows `key: ` or `- ` on its line (`value` is not empty and starts
    /// with no space); the line has been consumed.
    fn inline_value(&mut self, value: &'a str, owner: usize) -> Result<Node<'a>, Declined> {
        let node = match value.as_bytes()[0] {
            b'\'' => {
                let (text, rest) = single_quoted(value)?;
                if !is_blank_or_comment(rest) {
                    return Err(Declined);
                }
                Node::Scalar(Scalar {
                    text,
                    style: Style::SingleQuoted,
                })
            }
            b'[' | b'{' => {
                let empty = if value.starts_with("[]") {
                    Node::Seq(Vec::new())
                } else if value.starts_with("{}") {
                    Node::Map(Vec::new())
                } else {
                    return Err(Declined);
                };
                if !is_blank_or_comment(&value[2..]) {
                    return Err(Declined);
                }
                empty
            }
            b'|' => {
                if !value.starts_with("|-") || !is_blank_or_comment(&value[2..]) {
                    return Err(Declined);
                }
                let text = self.literal(owner)?;
                Node::Scalar(Scalar {
                    text: Cow::Owned(text),
                    style: Style::Literal,
                })
            }
            b'"' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b']' | b'}' | b',' | b'#' => {
                return Err(Declined);
            }
            b'-' | b'?' | b':' if value.len() == 1 || value.as_bytes()[1] == b' ' => {
                return Err(Declined);
            }
            _ => Node::Scalar(Scalar {
                text: Cow::Borrowed(plain_on_line(value)?),
                style: Style::Plain,
            }),
        };
        self.nothing_deeper(owner)?;
        Ok(node)
    }

    /// A `|-` block whose header line has been read, owned by a key or `-` at column `owner`:
    /// its lines at the indentation of its first line, without the final line break (strip
    /// chomping) and the empty lines after it.
    fn literal(&mut self, owner: usize) -> Result<String, Declined> {
        if self.pos >= self.text.len() {
            return Err(Declined);
        }
        let first = self.line_at(self.pos);
        // An empty first line, or one not indented past the owner, would need libyaml's rules
        // for leading breaks and indentation hints.
        if first.rest.is_empty() || first.indent <= owner {
            return Err(Declined);
        }
        let indent = first.indent;
        let mut text = String::new();
        let mut blank_lines = 0usize;
        let mut started = false;
        while self.pos < self.text.len() {
            let line = self.line_at(self.pos);
            let length = line.indent + line.rest.len();
            if line.rest.is_empty() && length <= indent {
                blank_lines += 1;
            } else if line.indent >= indent {
                if started {
                    text.extend(std::iter::repeat_n('\n', blank_lines + 1));
                }
                text.push_str(&self.text[self.pos + indent..self.pos + length]);
                started = true;
                blank_lines = 0;
            } else {
                break;
            }
            self.pos = line.next;
        }
        self.nothing_deeper(owner)?;
        Ok(text)
    }
}

/// `- item` or a lone `-`: a sequence entry.
fn is_entry(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// Nothing, spaces, or spaces and a comment.
fn is_blank_or_comment(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// A plain scalar value that runs to the end of its line or to a comment, without trailing
/// spaces. A `: ` or a `:` at the end in it would be an error, left to libyaml to report.
fn plain_on_line(value: &str) -> Result<&str, Declined> {
    let bytes = value.as_bytes();
    let mut from = 0;
    let end = loop {
        let Some(found) = memchr::memchr2(b'#', b':', &bytes[from..]) else {
            break bytes.len();
        };
        let i = from + found;
        if bytes[i] == b'#' {
            if i > 0 && bytes[i - 1] == b' ' {
                break i;
            }
        } else if matches!(bytes.get(i + 1), None | Some(b' ')) {
            return Err(Declined);
        }
        from = i + 1;
    };
    Ok(value[..end].trim_end_matches(' '))
}

/// A single-quoted scalar at the start of `value` (which starts with `'`), closed on its line,
/// and what follows it.
fn single_quoted(value: &str) -> Result<(Cow<'_, str>, &str), Declined> {
    let bytes = value.as_bytes();
    let mut owned: Option<String> = None;
    let mut start = 1;
    loop {
        let Some(found) = memchr::memchr(b'\'', &bytes[start..]) else {
            return Err(Declined);
        };
        let quote = start + found;
        if bytes.get(quote + 1) == Some(&b'\'') {
            // `''` is one quote.
            owned
                .get_or_insert_with(String::new)
                .push_str(&value[start..=quote]);
            start = quote + 2;
            continue;
        }
        let text = match owned {
            Some(mut text) => {
                text.push_str(&value[start..quote]);
                Cow::Owned(text)
            }
            None => Cow::Borrowed(&value[1..quote]),
        };
        return Ok((text, &value[quote + 1..]));
    }
}

/// `key: …` split into the key and what follows its `:`, `None` when `line` is no such entry
/// (a scalar), [`Declined`] when it is one this reader does not read.
fn split_key(line: &str) -> Result<Option<(Scalar<'_>, &str)>, Declined> {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else {
        return Err(Declined);
    };
    let (key, after) = if first == b'\'' {
        let (text, rest) = single_quoted(line)?;
        match rest.strip_prefix(':') {
            Some(_) if line.len() - rest.len() > KEY_MAX_BYTES => return Err(Declined),
            Some(after) if after.is_empty() || after.starts_with(' ') => (
                Scalar {
                    text,
                    style: Style::SingleQuoted,
                },
                after,
            ),
            _ if is_blank_or_comment(rest) => return Ok(None),
            _ => return Err(Declined),
        }
    } else {
        let starts_token = match first {
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'"'
            | b'%' | b'@' | b'`' => true,
            b'-' | b'?' | b':' => bytes.len() == 1 || bytes[1] == b' ',
            _ => false,
        };
        if starts_token {
            return Ok(None);
        }
        let Some(colon) = key_colon(bytes) else {
            return Ok(None);
        };
        if colon > KEY_MAX_BYTES {
            return Err(Declined);
        }
        let text = line[..colon].trim_end_matches(' ');
        // A key that reads as null, a boolean or a number is no string: left to serde_yaml.
        if resolve(text) != Resolved::Str {
            return Err(Declined);
        }
        (
            Scalar {
                text: Cow::Borrowed(text),
                style: Style::Plain,
            },
            &line[colon + 1..],
        )
    };
    Ok(Some((key, after)))
}

/// Where the first `: ` (or a `:` at the end) stands, which ends a key; `None` when a comment
/// starts before it or there is none.
fn key_colon(bytes: &[u8]) -> Option<usize> {
    let ends_key = |i: usize| match bytes[i] {
        b':' => matches!(bytes.get(i + 1), None | Some(b' ')).then_some(true),
        b'#' if i > 0 && bytes[i - 1] == b' ' => Some(false),
        _ => None,
    };
    // Keys are short: the first bytes are looked at one by one, the rest of a long line (a
    // plain item) searched.
    let head = bytes.len().min(24);
    for i in 0..head {
        if let Some(is_key) = ends_key(i) {
            return is_key.then_some(i);
        }
    }
    let mut from = head;
    while let Some(found) = memchr::memchr2(b'#', b':', &bytes[from..]) {
        if let Some(is_key) = ends_key(from + found) {
            return is_key.then_some(from + found);
        }
        from += found + 1;
    }
    None
}

/// Whether two keys of a mapping are the same string (serde_yaml's `Value` refuses such a
/// mapping, a struct a repeated field).
fn has_repeated_key(entries: &[(Scalar, Node)]) -> bool {
    if entries.len() <= 16 {
        entries
            .iter()
            .enumerate()
            .any(|(i, (key, _))| entries[..i].iter().any(|(other, _)| other.text == key.text))
    } else {
        let mut seen = std::collections::HashSet::with_capacity(entries.len());
        !entries.iter().all(|(key, _)| seen.insert(&*key.text))
    }
}

// ---- Reading the tree with serde, as serde_yaml's deserializer reads the text --------------

type Result<T, E = Declined> = std::result::Result<T, E>;

impl<'de, 'a: 'de> de::Deserializer<'de> for &'de Scalar<'a> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text: &'de str = &self.text;
        if self.style != Style::Plain {
            return visitor.visit_borrowed_str(text);
        }
        if text.is_empty() || is_null(text) {
            return visitor.visit_unit();
        }
        if let Some(boolean) = parse_bool(text) {
            return visitor.visit_bool(boolean);
        }
        if could_be_number(text) {
            if let Some(int) = parse_unsigned_int(text, u64::from_str_radix) {
                return visitor.visit_u64(int);
            }
            if let Some(int) = parse_negative_int(text, i64::from_str_radix) {
                return visitor.visit_i64(int);
            }
            if let Some(int) = parse_unsigned_int(text, u128::from_str_radix) {
                return visitor.visit_u128(int);
            }
            if let Some(int) = parse_negative_int(text, i128::from_str_radix) {
                return visitor.visit_i128(int);
            }
            if !digits_but_not_number(text)
                && let Some(float) = parse_f64(text)
            {
                return visitor.visit_f64(float);
            }
        }
        visitor.visit_borrowed_str(text)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.plain().and_then(parse_bool) {
            Some(boolean) => visitor.visit_bool(boolean),
            None => Err(Declined),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self
            .plain()
            .and_then(|t| parse_signed_int(t, i64::from_str_radix))
        {
            Some(int) => visitor.visit_i64(int),
            None => Err(Declined),
        }
    }
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self
            .plain()
            .and_then(|t| parse_signed_int(t, i128::from_str_radix))
        {
            Some(int) => visitor.visit_i128(int),
            None => Err(Declined),
        }
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self
            .plain()
            .and_then(|t| parse_unsigned_int(t, u64::from_str_radix))
        {
            Some(int) => visitor.visit_u64(int),
            None => Err(Declined),
        }
    }
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self
            .plain()
            .and_then(|t| parse_unsigned_int(t, u128::from_str_radix))
        {
            Some(int) => visitor.visit_u128(int),
            None => Err(Declined),
        }
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.plain().and_then(parse_f64) {
            Some(float) => visitor.visit_f64(float),
            None => Err(Declined),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    /// Any scalar reads as a string, whatever it would resolve to (`seq: 3` is "3").
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(&self.text)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Declined)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Declined)
    }

    /// A plain empty or null scalar is `None`; anything else, a quoted `'null'` too, is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            Err(Declined)
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// An empty plain scalar is an empty sequence, as in serde_yaml.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_empty_plain() {
            visit_seq(&[], visitor)
        } else {
            Err(Declined)
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    /// An empty plain scalar is an empty mapping, as in serde_yaml.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_empty_plain() {
            visit_map(&[], visitor)
        } else {
            Err(Declined)
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }
    /// A scalar names a unit variant (there are no tags here).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

impl<'a> Scalar<'a> {
    fn plain(&self) -> Option<&str> {
        (self.style == Style::Plain).then_some(&*self.text)
    }

    fn is_null(&self) -> bool {
        self.style == Style::Plain && (self.text.is_empty() || is_null(&self.text))
    }

    fn is_empty_plain(&self) -> bool {
        self.style == Style::Plain && self.text.is_empty()
    }
}

impl<'de, 'a: 'de> de::EnumAccess<'de> for &'de Scalar<'a> {
    type Error = Declined;
    type Variant = Self;

    fn variant_seed<S: de::DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        Ok((seed.deserialize(self)?, self))
    }
}

impl<'de, 'a: 'de> de::VariantAccess<'de> for &'de Scalar<'a> {
    type Error = Declined;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<S: de::DeserializeSeed<'de>>(self, _: S) -> Result<S::Value> {
        Err(Declined)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Declined)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Declined)
    }
}

/// Items handed to a visitor; every one must be taken, as serde_yaml requires.
struct Items<'de, 'a>(std::slice::Iter<'de, Node<'a>>);

impl<'de, 'a: 'de> de::SeqAccess<'de> for Items<'de, 'a> {
    type Error = Declined;

    fn next_element_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

fn visit_seq<'de, 'a: 'de, V: Visitor<'de>>(
    items: &'de [Node<'a>],
    visitor: V,
) -> Result<V::Value> {
    let mut access = Items(items.iter());
    let value = visitor.visit_seq(&mut access)?;
    match access.0.len() {
        0 => Ok(value),
        _ => Err(Declined),
    }
}

struct Entries<'de, 'a> {
    entries: std::slice::Iter<'de, (Scalar<'a>, Node<'a>)>,
    value: Option<&'de Node<'a>>,
}

impl<'de, 'a: 'de> de::MapAccess<'de> for Entries<'de, 'a> {
    type Error = Declined;

    fn next_key_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value> {
        seed.deserialize(self.value.take().ok_or(Declined)?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

fn visit_map<'de, 'a: 'de, V: Visitor<'de>>(
    entries: &'de [(Scalar<'a>, Node<'a>)],
    visitor: V,
) -> Result<V::Value> {
    let mut access = Entries {
        entries: entries.iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut access)?;
    match access.entries.len() {
        0 => Ok(value),
        _ => Err(Declined),
    }
}

/// The methods a scalar answers itself, and a collection with an error.
macro_rules! scalar_only {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value> {
                match self {
                    Node::Scalar(scalar) => scalar.$method($($arg,)* visitor),
                    _ => Err(Declined),
                }
            }
        )*
    };
}

impl<'de, 'a: 'de> de::Deserializer<'de> for &'de Node<'a> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Node::Scalar(scalar) => scalar.deserialize_any(visitor),
            Node::Seq(items) => visit_seq(items, visitor),
            Node::Map(entries) => visit_map(entries, visitor),
        }
    }

    scalar_only! {
        deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(),
        deserialize_u32(), deserialize_u64(), deserialize_u128(), deserialize_f32(),
        deserialize_f64(), deserialize_char(), deserialize_str(), deserialize_string(),
        deserialize_identifier(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_unit(), deserialize_unit_struct(name: &'static str),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Node::Scalar(scalar) => scalar.deserialize_option(visitor),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Node::Scalar(scalar) => scalar.deserialize_seq(visitor),
            Node::Seq(items) => visit_seq(items, visitor),
            Node::Map(_) => Err(Declined),
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Node::Scalar(scalar) => scalar.deserialize_map(visitor),
            Node::Map(entries) => visit_map(entries, visitor),
            Node::Seq(_) => Err(Declined),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Person, Progress, Register, Task};
    use serde::Deserialize;
    use serde_yaml::Value;
    use std::path::Path;

    /// Both readers on `text`. Where this one reads it, serde_yaml must read the same `Value`
    /// and the same register (or refuse both alike), and the tree's lookups must answer as the
    /// `Value`'s do. Returns whether this one read it.
    fn same_as_serde_yaml(text: &str) -> bool {
        let Ok(tree) = parse(text) else {
            return false;
        };
        let value = Value::deserialize(&tree);
        let reference = serde_yaml::from_str::<Value>(text);
        match (&value, &reference) {
            (Ok(value), Ok(reference)) => {
                assert_eq!(value, reference, "the values of {text:?}");
                same_lookups(&tree, reference, text);
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{text:?}: here {value:?}, serde_yaml {reference:?}"),
        }
        assert_eq!(tree.fits_value(), value.is_ok(), "{text:?}");
        let register = Register::deserialize(&tree).ok();
        let reference = serde_yaml::from_str::<Register>(text).ok();
        assert_eq!(register, reference, "the registers of {text:?}");
        true
    }

    fn same_lookups(node: &Node, value: &Value, text: &str) {
        assert_eq!(node.as_str(), value.as_str(), "{text:?}");
        assert_eq!(
            node.as_sequence().map(<[Node]>::len),
            value.as_sequence().map(Vec::len),
            "{text:?}"
        );
        match node {
            Node::Map(entries) => {
                assert_eq!(value.as_mapping().map(|m| m.len()), Some(entries.len()));
                for (key, child) in entries {
                    let found = value.get(&*key.text).expect("the key is in the value");
                    assert!(std::ptr::eq(node.get(&key.text).unwrap(), child));
                    same_lookups(child, found, text);
                }
                assert!(node.get("no such key").is_none());
            }
            Node::Seq(items) => {
                for (item, found) in items.iter().zip(value.as_sequence().unwrap()) {
                    same_lookups(item, found, text);
                }
            }
            Node::Scalar(_) => assert!(node.get("id").is_none()),
        }
    }

    fn read_here(text: &str) -> Value {
        let tree = parse(text).unwrap_or_else(|_| panic!("{text:?} declined"));
        assert!(same_as_serde_yaml(text));
        Value::deserialize(&tree).unwrap()
    }

    /// Registers as dutyctl writes them: the goldens, and every fixture and corpus document
    /// read and printed again.
    fn printed_registers() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut printed = Vec::new();
        for dir in [
            root.join("fixtures"),
            root.join("fixtures/diff"),
            root.join("../shared/corpus"),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            paths.sort();
            for path in paths {
                let name = path.display().to_string();
                let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                    continue;
                };
                let bytes = std::fs::read(&path).unwrap();
                if ext == "yaml" {
                    printed.push((name.clone(), String::from_utf8(bytes.clone()).unwrap()));
                }
                if ext == "md" {
                    continue;
                }
                if let Ok(reading) = super::super::read(&bytes, &name, &Default::default()) {
                    let text = crate::writer::yaml::write(&reading.register).unwrap();
                    printed.push((name, String::from_utf8(text).unwrap()));
                }
            }
        }
        printed
    }

    #[test]
    fn every_register_dutyctl_prints_reads_as_serde_yaml_reads_it() {
        let printed = printed_registers();
        let mut registers = 0;
        for (name, text) in &printed {
            let register: Register = serde_yaml::from_str(text).unwrap();
            registers += 1;
            if crate::writer::yaml_emitter::to_string(&register)
                .ok()
                .as_deref()
                == Some(text.as_str())
            {
                assert!(same_as_serde_yaml(text), "{name} declined");
            } else {
                same_as_serde_yaml(text);
            }
        }
        assert!(registers >= 80, "only {registers} registers");
    }

    /// A register with one of `texts` (taken in turn) in every place a string stands.
    fn register_holding(texts: &[String]) -> Register {
        let mut next = texts.iter().cycle().cloned();
        let mut text = || next.next().unwrap();
        let mut task = Task {
            id: text(),
            seq: Some(text()),
            section: vec![text(), text()],
            title: text(),
            text: text(),
            lead: vec![text()],
            support: vec![text(), text()],
            persons: vec![text()],
            deadline: Some(text()),
            due: Some(text()),
            items: vec![Item {
                label: text(),
                text: text(),
                deadline: Some(text()),
            }],
            progress: Some(Progress {
                done: Some(text()),
                problems: None,
                next_steps: Some(text()),
            }),
            checked: true,
            ..Task::default()
        };
        task.source.line = Some(12);
        task.source.sheet = Some(text());
        for _ in 0..3 {
            // A key with a line break is double-quoted by libyaml: keys hold one line.
            task.printed.insert(text().replace('\n', ""), text());
        }
        let mut register = Register::of_tasks(vec![task.clone(), task]);
        register.document.title = Some(text());
        register.document.notes = vec![text(), text()];
        register.people = vec![Person {
            name: text(),
            title: None,
            backup: Some(text()),
        }];
        register
    }

    /// Characters of every YAML rule; the last five only serde_yaml prints (double-quoted).
    const ALPHABET: &[char] = &[
        'a', 'e', 'x', 'n', 'u', 'l', 'T', '0', '1', '9', '-', '+', '.', ':', '#', ' ', ' ', '\n',
        '\n', '\'', '"', '?', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',', '~',
        '_', '中', '，', '（', '\u{3000}', '\t', '\r', '\u{85}', '\u{feff}', '\u{2028}',
    ];
    const PRINTABLE: &[char] = ALPHABET.split_at(ALPHABET.len() - 5).0;

    #[test]
    fn registers_of_random_strings_read_as_serde_yaml_reads_them() {
        let mut emitted = 0;
        let strings: Vec<String> = crate::test_samples::strings(PRINTABLE, 7, 3_200).collect();
        for texts in strings.chunks(8) {
            let register = register_holding(texts);
            let reference = serde_yaml::to_string(&register).unwrap();
            if let Ok(text) = crate::writer::yaml_emitter::to_string(&register) {
                // What the emitter prints, this reader reads.
                assert_eq!(text, reference);
                assert!(same_as_serde_yaml(&text), "{text:?} declined");
                emitted += 1;
            } else {
                // serde_yaml's text holds what the emitter leaves to it (double quotes, hints):
                // declined, or read alike.
                same_as_serde_yaml(&reference);
            }
        }
        assert!(
            emitted > 150,
            "only {emitted} registers printed by the emitter"
        );
        // Every string on its own, where each rule shows.
        let mut read_here = 0;
        for text in crate::test_samples::strings(ALPHABET, 7, 4_000) {
            let register = register_holding(std::slice::from_ref(&text));
            let reference = serde_yaml::to_string(&register).unwrap();
            let emitted = crate::writer::yaml_emitter::to_string(&register).is_ok();
            let read = same_as_serde_yaml(&reference);
            assert!(read || !emitted, "{reference:?} declined");
            read_here += usize::from(read);
        }
        assert!(read_here > 2_300, "only {read_here} of 4000 read here");
    }

    /// A fixed sequence of numbers below `n`.
    fn lcg(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) % n as u64) as usize
        }
    }

    #[test]
    fn registers_edited_at_random_read_as_serde_yaml_reads_them_or_are_declined() {
        const TOKENS: &[&str] = &[
            " ",
            "  ",
            ":",
            ": ",
            "#",
            " #",
            "-",
            "- ",
            "'",
            "''",
            "\n",
            "\n  ",
            "\n- ",
            "|-",
            "|",
            "|+",
            ">",
            "[]",
            "{}",
            "[",
            "{",
            "~",
            "null",
            "1",
            "0x1",
            "-7",
            "1e3",
            ".nan",
            "99999999999999999999",
            "---",
            "...",
            "\"",
            "&a ",
            "*a",
            "!x ",
            "? ",
            "\t",
            "\r",
            "\u{feff}",
            "\u{85}",
            "\u{0}",
            "中",
            "a: b",
            "\n#注\n",
        ];
        let strings: Vec<String> = crate::test_samples::strings(PRINTABLE, 5, 600).collect();
        let mut bases: Vec<String> = strings
            .chunks(4)
            .filter_map(|texts| {
                crate::writer::yaml_emitter::to_string(&register_holding(texts)).ok()
            })
            .collect();
        // And the small goldens, which hold literal blocks, items and people.
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut goldens: Vec<_> = std::fs::read_dir(fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        goldens.sort();
        bases.extend(
            goldens
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap())
                .filter(|text| text.len() < 3000),
        );
        assert!(bases.len() >= 40, "{} bases", bases.len());
        let mut random = lcg(5);
        let (mut read, mut declined) = (0, 0);
        for round in 0..6000 {
            let mut text = bases[round % bases.len()].clone();
            for _ in 0..1 + random(3) {
                let mut at = random(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                match random(4) {
                    0 => {
                        let mut end = (at + 1 + random(3)).min(text.len());
                        while !text.is_char_boundary(end) {
                            end += 1;
                        }
                        text.replace_range(at..end, "");
                    }
                    _ => text.insert_str(at, TOKENS[random(TOKENS.len())]),
                }
            }
            if same_as_serde_yaml(&text) {
                read += 1;
            } else {
                declined += 1;
            }
        }
        assert!(
            read > 1000 && declined > 1000,
            "{read} read, {declined} declined"
        );
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_serde_resolves_them() {
        let value = read_here(
            "null1: null\nnull2: ~\nnull3: Null\nnull4:\nbool1: true\nbool2: FALSE\n\
             yes: yes\nint: 12\nneg: -7\nplus: +3\nhex: 0x1F\noct: 0o17\nbin: -0b101\n\
             zero: 0123\nfloat: 1e3\ndot: 3.\ninf: .inf\nninf: -.Inf\nnan: .nan\nword: inf\n\
             date: 2024-06-30\n",
        );
        for key in ["null1", "null2", "null3", "null4"] {
            assert!(value[key].is_null(), "{key}");
        }
        assert_eq!(value["bool1"].as_bool(), Some(true));
        assert_eq!(value["bool2"].as_bool(), Some(false));
        assert_eq!(value["yes"].as_str(), Some("yes"));
        assert_eq!(value["int"].as_u64(), Some(12));
        assert_eq!(value["neg"].as_i64(), Some(-7));
        assert_eq!(value["plus"].as_u64(), Some(3));
        assert_eq!(value["hex"].as_u64(), Some(31));
        assert_eq!(value["oct"].as_u64(), Some(15));
        assert_eq!(value["bin"].as_i64(), Some(-5));
        assert_eq!(value["zero"].as_str(), Some("0123"));
        assert_eq!(value["float"].as_f64(), Some(1000.0));
        assert_eq!(value["dot"].as_f64(), Some(3.0));
        assert_eq!(value["inf"].as_f64(), Some(f64::INFINITY));
        assert_eq!(value["ninf"].as_f64(), Some(f64::NEG_INFINITY));
        assert!(value["nan"].as_f64().unwrap().is_nan());
        assert_eq!(value["word"].as_str(), Some("inf"));
        assert_eq!(value["date"].as_str(), Some("2024-06-30"));
        // An integer past 64 bits is read as a 128-bit one, which `Value` has no room for:
        // serde_yaml and the tree both refuse it as a value (a string field takes its text).
        let text = "big: 99999999999999999999\nsmall: -99999999999999999999\n";
        assert!(same_as_serde_yaml(text));
        assert!(!parse(text).unwrap().fits_value());
        assert!(serde_yaml::from_str::<Value>(text).is_err());
    }

    #[test]
    fn strings_read_as_strings_wherever_the_register_wants_one() {
        // serde_yaml gives a string field the text of any scalar: `seq: 3` is "3", a quoted
        // 'null' is Some("null"), an empty plain value is None.
        let text = "dutyctl: 1\ndocument:\n  title: 12\n  doc_number: 'null'\n  issuer: ~\n  date:\n  layout: table\n  source: true\n  sha256: 0x1F\n  notes: []\npeople: []\ntasks:\n- id: 1\n  seq: 3\n  section:\n  title: null\n  text: |-\n    第一行\n\n    第三行\n  lead:\n  - 市应急管理局\n  support: []\n  persons: []\n  leaders: []\n  deadline: ''\n  due: 2024-06-30\n  items: []\n  source:\n    line: 0x0C\n  printed: {}\n";
        assert!(same_as_serde_yaml(text));
        let register = Register::deserialize(&parse(text).unwrap()).unwrap();
        assert_eq!(register.document.title.as_deref(), Some("12"));
        assert_eq!(register.document.doc_number.as_deref(), Some("null"));
        assert_eq!(register.document.issuer, None);
        assert_eq!(register.document.date, None);
        assert_eq!(register.document.source, "true");
        assert_eq!(register.tasks[0].seq.as_deref(), Some("3"));
        assert!(register.tasks[0].section.is_empty());
        assert_eq!(register.tasks[0].title, "null");
        assert_eq!(register.tasks[0].text, "第一行\n\n第三行");
        assert_eq!(register.tasks[0].deadline.as_deref(), Some(""));
        assert_eq!(register.tasks[0].source.line, Some(12));
        // Where serde_yaml refuses a field, so does the tree (and the caller asks serde_yaml).
        for bad in [
            "  line: '12'\n",
            "  line: 1.5\n",
            "  line: -1\n",
            "  line: x\n",
        ] {
            let text = text.replace("  line: 0x0C\n", &format!("  {bad}"));
            assert!(same_as_serde_yaml(&text), "{text}");
            assert!(
                Register::deserialize(&parse(&text).unwrap()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn quotes_literals_comments_and_empty_collections_read_as_in_yaml() {
        let value = read_here(
            "# 注释\n---\na: '它''s'   # 注\nb: ''\nc: '#不是注释'\nd: 一 #注\ne: 一#注\n\
             f: a:b\ng: -一\nh: ?一\ni: :一\nj: []\nk: {}  # 空\nl: [] \n'1': 数字键\n\
             'a: b': 引号键\n  # 缩进的注释\nm: --- \n",
        );
        assert_eq!(value["a"].as_str(), Some("它's"));
        assert_eq!(value["b"].as_str(), Some(""));
        assert_eq!(value["c"].as_str(), Some("#不是注释"));
        assert_eq!(value["d"].as_str(), Some("一"));
        assert_eq!(value["e"].as_str(), Some("一#注"));
        assert_eq!(value["f"].as_str(), Some("a:b"));
        assert_eq!(value["g"].as_str(), Some("-一"));
        assert_eq!(value["h"].as_str(), Some("?一"));
        assert_eq!(value["i"].as_str(), Some(":一"));
        assert_eq!(value["j"].as_sequence().map(Vec::len), Some(0));
        assert_eq!(value["k"].as_mapping().map(|m| m.len()), Some(0));
        assert_eq!(value["l"].as_sequence().map(Vec::len), Some(0));
        assert_eq!(value["1"].as_str(), Some("数字键"));
        assert_eq!(value["a: b"].as_str(), Some("引号键"));
        assert_eq!(value["m"].as_str(), Some("---"));
        // Literal blocks: the first line's indentation, more of it kept, empty lines inside
        // kept and after the last line dropped, lines of spaces past the indentation kept.
        let value = read_here(
            "a: |-\n  第一行\n\n    缩进\n  # 不是注释\n\n\nb: |-  # 注\n  一\n     \n  二\nc:\n- |-\n  - 一\n  二\n- 三\n",
        );
        assert_eq!(value["a"].as_str(), Some("第一行\n\n  缩进\n# 不是注释"));
        assert_eq!(value["b"].as_str(), Some("一\n   \n二"));
        assert_eq!(value["c"][0].as_str(), Some("- 一\n二"));
        assert_eq!(value["c"][1].as_str(), Some("三"));
        // Sequences: indentless under a key, indented, of mappings, at the top.
        let value = read_here(
            "a:\n- 一\n-\n- k: v\n  l:\n  - x\n  m:\n    n: 1\nb:\n  - 二\n  -   k: 1\n      l: 2\n",
        );
        assert!(value["a"][1].is_null());
        assert_eq!(value["a"][2]["l"][0].as_str(), Some("x"));
        assert_eq!(value["a"][2]["m"]["n"].as_u64(), Some(1));
        assert_eq!(value["b"][1]["l"].as_u64(), Some(2));
        assert_eq!(read_here("- 一\n- 二\n")[1].as_str(), Some("二"));
    }

    #[test]
    fn what_dutyctl_never_prints_is_declined() {
        for text in [
            "a: \"双引号\"\n",
            "a: &x 1\nb: *x\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: !tag 1\n",
            "a: [1]\n",
            "a: {b: 1}\n",
            "a: [ ]\n",
            "a: >\n  折叠\n",
            "a: |\n  保留一个换行\n",
            "a: |+\n  保留\n",
            "a: |2-\n    提示\n",
            "a: |-\n\n  空行开头\n",
            "a: |-\nb: 1\n",
            "a: |-\n",
            "a: |-x\n",
            "a:\tb\n",
            "\ta: 1\n",
            "a: 1\r\nb: 2\r\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "--- a: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n  b: 1\n   c: 2\n",
            "a: 一\n  二\n",
            "a: 一\n\n  二\n",
            "a: '一\n  二'\n",
            "a: '一' 二\n",
            "? a\n: b\n",
            "a: 1\na: 2\n",
            "a: 1\n'a': 2\n",
            "1: a\n",
            "~: a\n",
            "true: a\n",
            "a: b: c\n",
            "a: b:\n",
            "a: -\n",
            "a: - b\n",
            "- - a\n",
            "a:\n  一\n",
            "a\n",
            "",
            "# 只有注释\n",
            "a: 1 \u{85}\n",
            "a: \u{2028}\n",
            "a: 1\n\u{feff}b: 2\n",
            // serde_yaml reads the lines after a BOM as another document: callers take it off.
            "\u{feff}a: 1\nb: 2\n",
            "a: \u{7f}\n",
            "a: \u{1}\n",
            "a: 1\n  # 注\n  b: 2\n",
            "a: #\n  - b\n  c: 1\n",
            "- a\nb: 1\n",
            "a:\n- b\n c: 1\n",
        ] {
            assert_eq!(parse(text), Err(Declined), "{text:?} read");
        }
    }

    #[test]
    fn keys_libyaml_may_not_take_for_simple_keys_are_declined() {
        let key = "键".repeat(333); // 999 bytes, 1001 with quotes
        assert!(same_as_serde_yaml(&format!("{key}: 1\n")));
        assert_eq!(parse(&format!("'{key}': 1\n")), Err(Declined));
        assert!(same_as_serde_yaml(&format!("'{}': 1\n", &key[3..])));
        let long = "键".repeat(334); // 1002 bytes
        assert_eq!(parse(&format!("{long}: 1\n")), Err(Declined));
        assert_eq!(parse(&format!("'{long}': 1\n")), Err(Declined));
        // Past 1024 characters libyaml finds no key at all.
        assert!(serde_yaml::from_str::<Value>(&format!("{}: 1\n", "a".repeat(1100))).is_err());
        // A value has no such limit.
        assert!(same_as_serde_yaml(&format!("a: '{long}'\nb:\n- {long}\n")));
    }

    #[test]
    fn nesting_is_refused_past_the_limit() {
        let nested = |depth: usize| {
            let mut text = String::new();
            for level in 0..depth {
                text.push_str(&" ".repeat(2 * level));
                text.push_str("a:\n");
            }
            text.push_str(&" ".repeat(2 * depth));
            text.push_str("b: 1\n");
            text
        };
        assert!(same_as_serde_yaml(&nested(DEPTH_LIMIT - 1)));
        assert_eq!(parse(&nested(DEPTH_LIMIT)), Err(Declined));
        assert_eq!(parse(&nested(10_000)), Err(Declined));
        let sequences = "- ".repeat(10_000) + "a\n";
        assert_eq!(parse(&sequences), Err(Declined));
    }

    #[test]
    fn large_mappings_and_long_lines_are_read_in_one_pass() {
        // 200,000 keys: a repeated one is found by hashing, not by comparing every pair.
        let mut text: String = (0..200_000).map(|i| format!("键{i}: {i}\n")).collect();
        assert!(parse(&text).is_ok());
        text.push_str("键7: 重复\n");
        assert_eq!(parse(&text), Err(Declined));
        // A line of 10 MB of colons and hashes that never make a key.
        let line = format!("a: {}\n", "一:一#".repeat(1_000_000));
        assert!(parse(&line).is_ok());
        let quotes = format!("- '{}'\n", "''".repeat(1_000_000));
        let Node::Seq(items) = parse(&quotes).unwrap() else {
            panic!("a sequence")
        };
        assert_eq!(items.len(), 1);
    }
}
