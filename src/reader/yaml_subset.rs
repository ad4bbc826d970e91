//! Reads the YAML that dutyctl writes back into a tree, at a fraction of libyaml's cost: block
//! mappings, sequences (indentless under a key, as libyaml prints them), plain, single-quoted and
//! `|-` literal scalars, `[]` and `{}`, comments, a BOM and a leading `---`. The tree is read by
//! serde as `serde_yaml`'s deserializer reads the text (the same scalars become the same types),
//! and gives `serde_yaml::Value` the same value.
//!
//! Anything else — double quotes, anchors and aliases, tags, flow collections with content,
//! folded or kept scalars, tabs and other control characters, CR line ends, multi-line plain or
//! quoted scalars, several documents, keys that are no strings or repeat, nesting past
//! [`DEPTH_LIMIT`], or any error — is [`Declined`], and the caller reads the text with
//! `serde_yaml` as before, so every message, line and column stays the library's. Tests compare
//! both readers on every fixture register, on registers holding random strings printed by both
//! printers, and on samples of each rule.

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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_characters(text)?;
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
    match parser.peek()? {
        None => Ok(node),
        Some(_) => Err(Declined),
    }
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
/// line break or skips (CR, NEL, U+2028/U+2029, a BOM after the start), tabs too: declined.
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
        if line.len() - rest.len() > KEY_MAX_BYTES {
            return Err(Declined);
        }
        match rest.strip_prefix(':') {
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
        // The first `: ` (or `:` at the end) ends the key, unless a comment starts before it.
        let mut from = 0;
        let colon = loop {
            let Some(found) = memchr::memchr2(b'#', b':', &bytes[from..]) else {
                return Ok(None);
            };
            let i = from + found;
            if bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ')) {
                break i;
            }
            if bytes[i] == b'#' && i > 0 && bytes[i - 1] == b' ' {
                return Ok(None);
            }
            from = i + 1;
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

// ---- Plain scalars, resolved as yaml_serde resolves them (its `visit_untagged_scalar`) ------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Null,
    Bool,
    Number,
    Str,
}

fn resolve(text: &str) -> Resolved {
    if text.is_empty() || is_null(text) {
        Resolved::Null
    } else if parse_bool(text).is_some() {
        Resolved::Bool
    } else if !could_be_number(text) {
        Resolved::Str
    } else if parse_unsigned_int::<u128>(text, u128::from_str_radix).is_some()
        || parse_negative_int::<i128>(text, i128::from_str_radix).is_some()
        || (!digits_but_not_number(text) && parse_f64(text).is_some())
    {
        Resolved::Number
    } else {
        Resolved::Str
    }
}

/// Every number yaml_serde reads is ASCII and starts with a digit, a sign or a dot (Rust's float
/// parser also takes `inf` and `nan`, which it then refuses as not finite): Chinese text and
/// words are never one, whatever follows.
fn could_be_number(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.')
    ) && text.is_ascii()
}

fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type FromStrRadix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

fn parse_unsigned_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = text.strip_prefix('+').unwrap_or(text);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(text) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_signed_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = text.strip_prefix('-').and_then(|t| t.strip_prefix(prefix))
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(text) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(text) {
        return None;
    }
    from_str_radix(text, 10).ok()
}

fn parse_f64(text: &str) -> Option<f64> {
    let unpositive = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = text {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = text {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A leading zero followed by digits is a string in YAML 1.2 (`0123`).
fn digits_but_not_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit())
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
