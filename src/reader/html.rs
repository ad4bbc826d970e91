//! Web pages → blocks: a notice as a government website publishes it (政府信息公开, 通知公告),
//! saved from a browser or downloaded by a script. The page is decoded as it declares itself
//! (`<meta charset>`, or detected), parsed by an HTML5 parser (html5ever's tree builder, into
//! the compact tree of [`html_tree`](super::html_tree)), and its article body found by
//! structure — the element that holds most of the text and keeps the 公文 title or 文号, with
//! the content containers of common CMSs as hints — so navigation, breadcrumbs, headers,
//! footers, share buttons and related links are left out. Paragraphs come from block elements
//! and `<br>`, tables keep `rowspan`/`colspan` as spans, and every block remembers the source
//! line its element starts on.

use crate::document::numbering::holds_doc_number;
use crate::document::{Block, Cell, Document, PAGE_INFO_PROPERTY, Paragraph, Position, Table};
use crate::error::{ReadError, Warning};
use crate::normalize::is_space;
use crate::reader::decode::{self, EncodingChoice};
use crate::reader::html_tree::{AttributeFilter, Edge, ElementRef, NodeRef, Sink, Tree};
use crate::reader::limits::HTML_DEPTH_LIMIT;
use crate::vocab::{
    ATTACHMENT_EXTENSIONS, PAGE_CHROME_NAMES, PAGE_CHROME_PHRASES, PAGE_CHROME_PUNCTUATION,
    PAGE_CONTENT_NAMES, PAGE_INFO_LABELS, PAGE_META_NAMES, PAGE_TITLE_META, PAGE_TITLE_SEPARATORS,
    TITLE_ENDINGS,
};
use encoding_rs::{Encoding, GB18030, UTF_8};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{LocalName, local_name};
use std::borrow::Cow;

/// The longest of the info labels, in characters: a line's first characters are all they are
/// compared with.
const INFO_LABEL_MAX_CHARS: usize = max_chars(PAGE_INFO_LABELS);

/// The most characters any of `words` has (UTF-8 bytes that start a character, counted while
/// compiling).
const fn max_chars(words: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < words.len() {
        let bytes = words[i].as_bytes();
        let (mut count, mut j) = (0, 0);
        while j < bytes.len() {
            if bytes[j] & 0xC0 != 0x80 {
                count += 1;
            }
            j += 1;
        }
        if count > max {
            max = count;
        }
        i += 1;
    }
    max
}

/// Elements whose content is never text of the page. Tag names are the parser's interned atoms,
/// compared as integers: every element of the page is looked up in these lists.
const JUNK_TAGS: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
    local_name!("iframe"),
    local_name!("object"),
    local_name!("embed"),
    local_name!("svg"),
    local_name!("canvas"),
    local_name!("nav"),
    local_name!("aside"),
    local_name!("button"),
    local_name!("input"),
    local_name!("select"),
    local_name!("textarea"),
    local_name!("option"),
    local_name!("head"),
    local_name!("title"),
    local_name!("meta"),
    local_name!("link"),
    local_name!("map"),
    local_name!("audio"),
    local_name!("video"),
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[LocalName] = &[
    local_name!("p"),
    local_name!("div"),
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
    local_name!("li"),
    local_name!("ul"),
    local_name!("ol"),
    local_name!("dl"),
    local_name!("dt"),
    local_name!("dd"),
    local_name!("section"),
    local_name!("article"),
    local_name!("main"),
    local_name!("header"),
    local_name!("footer"),
    local_name!("blockquote"),
    local_name!("center"),
    local_name!("pre"),
    local_name!("address"),
    local_name!("figure"),
    local_name!("figcaption"),
    local_name!("form"),
    local_name!("fieldset"),
    local_name!("hr"),
    local_name!("body"),
    local_name!("caption"),
    local_name!("table"),
    local_name!("tr"),
    local_name!("td"),
    local_name!("th"),
];

/// Substrings looked for in `id` and `class` values, in any case: for each first byte, the
/// names that start with it, so that a value is read once rather than once per name.
struct NameSet {
    names: &'static [&'static str],
    by_first_byte: [u32; 256],
}

impl NameSet {
    /// `names` are lower-case ASCII, at most 32 of them.
    const fn new(names: &'static [&'static str]) -> Self {
        assert!(names.len() <= 32);
        let mut by_first_byte = [0u32; 256];
        let mut i = 0;
        while i < names.len() {
            let first = names[i].as_bytes()[0];
            by_first_byte[first as usize] |= 1 << i;
            by_first_byte[first.to_ascii_uppercase() as usize] |= 1 << i;
            i += 1;
        }
        NameSet {
            names,
            by_first_byte,
        }
    }

    fn found_in(&self, value: &str) -> bool {
        let bytes = value.as_bytes();
        (0..bytes.len()).any(|at| {
            let mut candidates = self.by_first_byte[bytes[at] as usize];
            while candidates != 0 {
                let name = self.names[candidates.trailing_zeros() as usize].as_bytes();
                if bytes[at..]
                    .get(..name.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(name))
                {
                    return true;
                }
                candidates &= candidates - 1;
            }
            false
        })
    }
}

static CHROME_NAME_SET: NameSet = NameSet::new(PAGE_CHROME_NAMES);
static CONTENT_NAME_SET: NameSet = NameSet::new(PAGE_CONTENT_NAMES);

/// Whether `style`, white space taken out and ASCII letters lower-cased, holds one of
/// `declarations` (`(property, value)`, lower-case, without white space). Every occurrence has
/// its colon at one of the style's, so only the few colons are looked at, and nothing is copied.
fn holds_declaration(style: &str, declarations: &[(&str, &str)]) -> bool {
    let bytes = style.as_bytes();
    (0..bytes.len()).filter(|&at| bytes[at] == b':').any(|at| {
        declarations.iter().any(|(property, value)| {
            let mut before = style[..at]
                .chars()
                .rev()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase());
            let mut after = style[at + 1..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase());
            property.chars().rev().all(|p| before.next() == Some(p))
                && value.chars().all(|v| after.next() == Some(v))
        })
    })
}

/// Reads a web page. `choice` is `--encoding`: anything but `auto` overrides the page's own
/// declaration.
pub fn read_html(
    bytes: &[u8],
    choice: EncodingChoice,
    warnings: &mut Vec<Warning>,
) -> Result<Document, ReadError> {
    let source = decode_html(bytes, choice, warnings)?;
    let page = Page {
        tree: parse(&source)?,
    };
    Ok(page.document(warnings))
}

/// Decodes a page: a BOM, then the charset the page declares in its first kilobytes (`<meta
/// charset=gb2312>`, `http-equiv` Content-Type), then detection (valid UTF-8, else GB18030). A
/// page whose bytes contradict its declaration is read as what its bytes are.
/// A page in UTF-8 is borrowed, not copied.
pub fn decode_html<'b>(
    bytes: &'b [u8],
    choice: EncodingChoice,
    warnings: &mut Vec<Warning>,
) -> Result<Cow<'b, str>, ReadError> {
    if choice != EncodingChoice::Auto {
        return decode::decode_text(bytes, choice);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0);
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(4096)]);
    if let Some(encoding) = declared.filter(|e| *e != UTF_8) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(text);
        }
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            return Ok(Cow::Borrowed(text));
        }
        warnings.push(Warning::general(format!(
            "the page is not valid {} as it declares; undecodable bytes were replaced",
            encoding.name()
        )));
        return Ok(text);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(Warning::general(
            "the page is neither UTF-8 nor GBK/GB18030; undecodable bytes were replaced (try --encoding)",
        ));
        return Ok(String::from_utf8_lossy(bytes));
    }
    Ok(text)
}

/// The encoding named by the first `charset=` of the page's head that names one.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    const NEEDLE: &[u8] = b"charset";
    let mut from = 0;
    while let Some(found) = head[from..]
        .windows(NEEDLE.len())
        .position(|w| w.eq_ignore_ascii_case(NEEDLE))
    {
        let mut i = from + found + NEEDLE.len();
        from = i;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while head
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = head[i..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"\"';>/".contains(b))
            .map_or(head.len(), |n| i + n);
        if let Some(encoding) = Encoding::for_label(&head[i..end]) {
            // A page that says UTF-16 in its ASCII head is not UTF-16 (WHATWG).
            return Some(encoding.output_encoding());
        }
    }
    None
}

/// Whether bytes are a web page: markup from the first character (after a BOM and spaces) and
/// an `<html`, `<!doctype html`, `<head`, `<body` or `<meta` tag in the first kilobyte.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    if bytes.get(start) != Some(&b'<') {
        return false;
    }
    let head = &bytes[start..bytes.len().min(start + 1024)];
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
    ]
    .iter()
    .any(|tag| head.windows(tag.len()).any(|w| w.eq_ignore_ascii_case(tag)))
}

/// How much of the page the parser is given at a time: after each piece the sink is asked
/// whether the page went too deep, so a page nested past the limit costs at most a piece more.
const PARSE_CHUNK: usize = 4096;

/// Parses the page, refusing it once an element stands deeper than [`HTML_DEPTH_LIMIT`]: the
/// HTML5 tree builder looks through every open element for each start tag, so a page nested
/// without bound would take time quadratic in its depth (100,000 `<div>`s: over a minute), and the
/// interpreters have nothing to read in such a page anyway.
fn parse(source: &str) -> Result<Tree, ReadError> {
    let kept = AttributeFilter {
        names: KEPT_ATTRIBUTES,
        keeps_value: keeps_attribute_value,
    };
    let sink = Sink::new(kept, HTML_DEPTH_LIMIT, expected_nodes(source));
    let too_deep = || {
        ReadError::OverLimit(format!(
            "the page nests its elements more than {HTML_DEPTH_LIMIT} deep"
        ))
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut start = 0;
    while start < source.len() {
        let mut end = (start + PARSE_CHUNK).min(source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&source[start..end]));
        if parser.tokenizer.sink.sink.too_deep() {
            return Err(too_deep());
        }
        start = end;
    }
    Ok(parser.finish())
}

/// What the body search knows of an element: its text outside links, the text of its links,
/// how many links it holds (attachments not counted), and whether it holds the 公文 title or
/// 文号.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    text: usize,
    link_text: usize,
    links: usize,
    marker: bool,
}

/// The body search's figures for each element outside chrome, by node; none for other nodes.
struct StatsByNode(Vec<Option<Stats>>);

impl StatsByNode {
    fn get(&self, node: NodeRef<'_>) -> Option<Stats> {
        self.0.get(node.id().index()).copied().flatten()
    }
}

struct Page {
    tree: Tree,
}

/// Estimates how many nodes a page parses into, to allocate the tree once: about one for each
/// `<` (an element for each start tag, a text node after most end tags), and a few the parser
/// adds (`<html>`, `<head>`, `<body>`).
fn expected_nodes(source: &str) -> usize {
    memchr::memchr_iter(b'<', source.as_bytes()).count() + 8
}

/// A link that is not to an attachment: what the body search counts as a link.
fn is_link(el: ElementRef<'_>) -> bool {
    *el.name() == local_name!("a") && !el.attr(&local_name!("href")).is_some_and(is_attachment)
}

fn is_article(el: ElementRef<'_>) -> bool {
    *el.name() == local_name!("article") || *el.name() == local_name!("main")
}

fn is_attachment(href: &str) -> bool {
    let path = href
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ATTACHMENT_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

/// Whether the element's `id` or `class` holds one of `names`, in any case.
fn is_named(el: ElementRef<'_>, names: &NameSet) -> bool {
    [el.attr(&local_name!("id")), el.attr(&local_name!("class"))]
        .into_iter()
        .flatten()
        .any(|value| names.found_in(value))
}

/// The attributes the reader reads; a `style` is kept only when it hides its element
/// ([`keeps_attribute_value`]).
const KEPT_ATTRIBUTES: &[LocalName] = &[
    local_name!("id"),
    local_name!("class"),
    local_name!("hidden"),
    local_name!("href"),
    local_name!("name"),
    local_name!("content"),
    local_name!("colspan"),
    local_name!("rowspan"),
    local_name!("style"),
    // An ordered list's first number and kind.
    local_name!("start"),
    local_name!("type"),
];

/// Only what the reader looks at is kept: Word's markup gives most elements a long style, a
/// language and a width, and a style matters only when it hides the element.
fn keeps_attribute_value(name: &LocalName, value: &str) -> bool {
    *name != local_name!("style") || holds_declaration(value, HIDING_DECLARATIONS)
}

/// Styles that hide an element: CSS's, and Word's for what it keeps out of print.
const HIDING_DECLARATIONS: &[(&str, &str)] = &[("display", "none"), ("mso-hide", "all")];

fn is_hidden(el: ElementRef<'_>) -> bool {
    el.attr(&local_name!("hidden")).is_some()
        || el
            .attr(&local_name!("style"))
            .is_some_and(|s| holds_declaration(s, HIDING_DECLARATIONS))
}

/// Site chrome: elements never part of an article (scripts, navigation, forms' controls),
/// page headers and footers outside an article, and elements a CMS names as chrome.
fn is_chrome(el: ElementRef<'_>, in_article: bool) -> bool {
    let tag = el.name();
    if JUNK_TAGS.contains(tag) || is_hidden(el) {
        return true;
    }
    if !in_article && (*tag == local_name!("header") || *tag == local_name!("footer")) {
        return true;
    }
    is_named(el, &CHROME_NAME_SET)
}

/// The page's title as the body search looks for it: without spaces, and its length.
#[derive(Clone, Copy)]
struct SoughtTitle<'t> {
    text: &'t str,
    chars: usize,
}

/// Whether a text node holds the 公文 title or 文号. `count` is its characters other than
/// spaces; every test asks for a short line, so a long one is never copied to be tested.
fn is_marker(text: &str, count: usize, title: Option<SoughtTitle<'_>>) -> bool {
    let title = title.filter(|t| t.chars >= 4 && count <= t.chars + 4);
    if count == 0 || (count > 80 && title.is_none()) {
        return false;
    }
    // Most text nodes hold no space: they are tested as they are, not copied.
    let squeezed = if count == text.chars().count() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(squeeze(text))
    };
    // The title itself, perhaps numbered or bracketed; not a line that mentions it (附件：….xlsx).
    if title.is_some_and(|t| squeezed.contains(t.text)) {
        return true;
    }
    count <= 40 && holds_doc_number(&squeezed) || ends_like_title(&squeezed)
}

/// A short line without sentence punctuation that ends like a 公文 title (通知, 方案 …).
fn ends_like_title(text: &str) -> bool {
    let len = text.chars().count();
    if !(4..=80).contains(&len) || text.contains(['。', '，', '；', '：', ':']) {
        return false;
    }
    let core = match text.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(text, |i| &text[..i]),
        None => text,
    };
    let core = core.trim_end_matches(['》', '”', '"']);
    TITLE_ENDINGS.iter().any(|e| core.ends_with(e))
}

/// The page's title without the portal's name: `关于…的通知_某某县人民政府` → `关于…的通知`.
fn page_title(title: &str) -> String {
    let title = title.trim_matches(is_space);
    let mut parts: Vec<&str> = vec![title];
    for separator in PAGE_TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(separator)).collect();
    }
    let parts: Vec<&str> = parts
        .into_iter()
        .map(|p| p.trim_matches(is_space))
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .find(|p| ends_like_title(&squeeze(p)))
        .or_else(|| parts.iter().max_by_key(|p| p.chars().count()))
        .map_or_else(String::new, |p| p.to_string())
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !is_space(*c)).collect()
}

/// Characters that a line break or padding next to them never separates words from.
fn is_wide(c: char) -> bool {
    c >= '\u{2E80}' || ('\u{2000}'..='\u{206F}').contains(&c)
}

fn is_wide_punctuation(c: char) -> bool {
    ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FF0F}').contains(&c)
        || ('\u{FF1A}'..='\u{FF20}').contains(&c)
        || ('\u{FF3B}'..='\u{FF40}').contains(&c)
        || ('\u{FF5B}'..='\u{FF65}').contains(&c)
        || ('\u{2010}'..='\u{206F}').contains(&c)
}

/// A paragraph being collected: HTML whitespace collapsed as a browser shows it, except that a
/// line break between Chinese characters (Word wraps its HTML anywhere) and padding after
/// full-width punctuation (`一、&nbsp;&nbsp;总体要求`) separate nothing.
#[derive(Default)]
struct Collector {
    text: String,
    /// Whitespace seen since the last character: whether it held a line break.
    pending: Option<bool>,
    at: Option<usize>,
}

/// What a browser collapses: Unicode white space and the no-break space (`&nbsp;`).
fn is_collapsed(c: char) -> bool {
    is_space(c) || c == '\u{00A0}'
}

impl Collector {
    /// Appends `text`, a run of characters at a time: whether a space goes between two runs
    /// depends only on the characters either side of the white space between them.
    fn push(&mut self, text: &str, line: usize) {
        let mut rest = text;
        while !rest.is_empty() {
            let word_start = rest.find(|c| !is_collapsed(c)).unwrap_or(rest.len());
            if word_start > 0 {
                let newline = rest[..word_start].contains(['\n', '\r']);
                self.pending = Some(self.pending.unwrap_or(false) || newline);
                rest = &rest[word_start..];
                continue;
            }
            let word_end = rest.find(is_collapsed).unwrap_or(rest.len());
            let (word, after) = rest.split_at(word_end);
            rest = after;
            let Some(c) = word.chars().next() else {
                continue;
            };
            if let Some(newline) = self.pending.take()
                && let Some(prev) = self.text.chars().next_back()
            {
                let joined = (newline && (is_wide(prev) || is_wide(c)))
                    || is_wide_punctuation(prev)
                    || (c != '\u{3000}' && is_wide_punctuation(c) && is_wide(prev));
                if !joined {
                    self.text.push(' ');
                }
            }
            if self.at.is_none() {
                self.at = Some(line);
            }
            self.text.push_str(word);
        }
    }

    fn take(&mut self) -> Option<(String, usize)> {
        self.pending = None;
        let at = self.at.take();
        // The buffer is kept for the next paragraph: only the paragraph's text is copied out.
        let text = self.text.trim_matches(is_space);
        let taken = (!text.is_empty()).then(|| (text.to_string(), at.unwrap_or(1)));
        self.text.clear();
        taken
    }
}

/// A line of the site's rather than of the notice's.
/// Every character of the site's phrases and punctuation, sorted: a line's characters are
/// looked up here instead of being searched for in each phrase (which cost a table-heavy page a
/// fortieth of its reading).
static CHROME_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = PAGE_CHROME_PHRASES
        .iter()
        .flat_map(|p| p.chars())
        .chain(PAGE_CHROME_PUNCTUATION.chars())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

fn is_chrome_line(text: &str) -> bool {
    let mut chars = text.chars().filter(|c| !is_space(*c));
    // The labels are short: the line's first characters are all they are compared with.
    let head: String = chars.clone().take(INFO_LABEL_MAX_CHARS + 1).collect();
    if PAGE_INFO_LABELS.iter().any(|l| {
        head.strip_prefix(l)
            .is_some_and(|rest| rest.starts_with(['：', ':']))
    }) {
        return true;
    }
    // A line with a character of no phrase is the notice's: most are ruled out at their first
    // characters, without copying the line or taking the phrases out.
    if !chars.all(|c| CHROME_CHARS.binary_search(&c).is_ok()) {
        return false;
    }
    let mut rest = squeeze(text);
    for phrase in PAGE_CHROME_PHRASES {
        rest = rest.replace(phrase, "");
    }
    rest.chars().all(|c| PAGE_CHROME_PUNCTUATION.contains(c))
}

/// Where a walk puts what it collects: the body's blocks (and the site's lines among them, for
/// the page's information), or one table cell's lines.
enum Out<'o> {
    Blocks {
        blocks: &'o mut Vec<Block>,
        info: &'o mut Vec<String>,
    },
    Lines(&'o mut Vec<String>),
}

impl Out<'_> {
    fn flush(&mut self, collector: &mut Collector) {
        let Some((text, line)) = collector.take() else {
            return;
        };
        match self {
            Out::Blocks { blocks, info } => {
                if is_chrome_line(&text) {
                    info.push(text);
                } else {
                    blocks.push(Block::Paragraph(Paragraph::new(text, Position::line(line))));
                }
            }
            Out::Lines(lines) => lines.push(text),
        }
    }
}

impl Page {
    fn document(&self, warnings: &mut Vec<Warning>) -> Document {
        let mut properties = Vec::new();
        let mut title: Option<(String, usize)> = None;
        for node in self.tree.root().descendants() {
            let Some(el) = node.element() else { continue };
            match *el.name() {
                local_name!("title") if title.is_none() => {
                    let text: String = node.children().filter_map(NodeRef::text).collect();
                    let cleaned = page_title(&text);
                    if !cleaned.is_empty() {
                        properties.push(("title".to_string(), cleaned.clone()));
                        title = Some((cleaned, node.line()));
                    }
                }
                local_name!("meta") => {
                    let (Some(name), Some(content)) = (
                        el.attr(&local_name!("name")),
                        el.attr(&local_name!("content")),
                    ) else {
                        continue;
                    };
                    let content = content.trim_matches(is_space);
                    if content.is_empty() {
                        continue;
                    }
                    if name.eq_ignore_ascii_case(PAGE_TITLE_META) {
                        title = Some((content.to_string(), node.line()));
                    }
                    if PAGE_META_NAMES.iter().any(|n| name.eq_ignore_ascii_case(n)) {
                        properties.push((name.to_string(), content.to_string()));
                    }
                }
                _ => {}
            }
        }
        let squeezed_title = title.as_ref().map(|(t, _)| squeeze(t));
        let sought = squeezed_title.as_deref().map(|text| SoughtTitle {
            text,
            chars: text.chars().count(),
        });
        let stats = self.stats(sought);
        let (mut blocks, mut info) = (Vec::new(), Vec::new());
        if let Some(body) = self.body(&stats) {
            let mut out = Out::Blocks {
                blocks: &mut blocks,
                info: &mut info,
            };
            self.walk(body, &stats, &mut out, warnings);
            info.extend(self.lines_around(body, &stats));
        }
        // The interpreters read the 文号 and dates these lines print where the body has none.
        properties.extend(
            info.into_iter()
                .map(|line| (PAGE_INFO_PROPERTY.to_string(), line)),
        );
        if blocks.is_empty() {
            warnings.push(Warning::general("no article body found in the page"));
        }
        if let Some((title, line)) = title
            && ends_like_title(&squeeze(&title))
            && !has_title(&blocks, &squeeze(&title))
        {
            blocks.insert(
                0,
                Block::Paragraph(Paragraph::new(title, Position::line(line))),
            );
        }
        Document { blocks, properties }
    }

    /// Text counts of every element outside chrome, in one pass over the tree.
    fn stats(&self, title: Option<SoughtTitle<'_>>) -> StatsByNode {
        let mut stats = vec![None; self.tree.len()];
        let mut stack: Vec<Stats> = vec![Stats::default()];
        let (mut links, mut articles) = (0usize, 0usize);
        let mut edges = self.tree.root().traverse();
        while let Some(edge) = edges.next() {
            match edge {
                Edge::Open(node) => {
                    if let Some(el) = node.element() {
                        if is_chrome(el, articles > 0) {
                            edges.skip_subtree();
                            continue;
                        }
                        if is_link(el) {
                            links += 1;
                            if let Some(top) = stack.last_mut() {
                                top.links += 1;
                            }
                        } else if is_article(el) {
                            articles += 1;
                        }
                        stack.push(Stats::default());
                    } else if let Some(text) = node.text() {
                        let count = text.chars().filter(|c| !is_space(*c)).count();
                        if let Some(top) = stack.last_mut() {
                            if links > 0 {
                                top.link_text += count;
                            } else {
                                top.text += count;
                                top.marker |= !top.marker && is_marker(text, count, title);
                            }
                        }
                    }
                }
                Edge::Close(node) => {
                    let Some(el) = node.element() else { continue };
                    if is_link(el) {
                        links = links.saturating_sub(1);
                    } else if is_article(el) {
                        articles = articles.saturating_sub(1);
                    }
                    let own = stack.pop().unwrap_or_default();
                    stats[node.id().index()] = Some(own);
                    if let Some(parent) = stack.last_mut() {
                        parent.text += own.text;
                        parent.link_text += own.link_text;
                        parent.links += own.links;
                        parent.marker |= own.marker;
                    }
                }
            }
        }
        StatsByNode(stats)
    }

    /// The article body: from `<body>`, down into the child that holds most of the text as long
    /// as it holds most of it and keeps the title or 文号; then a CMS content container inside
    /// that, if it holds half the text, widened to take in the title beside it.
    fn body<'t>(&'t self, stats: &StatsByNode) -> Option<NodeRef<'t>> {
        let body = self
            .tree
            .root()
            .descendants()
            .find(|n| has_name(*n, &local_name!("body")))?;
        let mut current = body;
        let mut current_stats = stats.get(current)?;
        loop {
            let best = current
                .children()
                .filter_map(|c| stats.get(c).map(|s| (c, s)))
                .max_by_key(|(_, s)| s.text);
            let Some((child, child_stats)) = best else {
                break;
            };
            // A table of data is read whole, never one of its rows or cells.
            if (has_name(current, &local_name!("table")) && is_data_table(current, stats))
                || child_stats.text * 10 < current_stats.text * 6
                || (current_stats.marker && !child_stats.marker)
            {
                break;
            }
            current = child;
            current_stats = child_stats;
        }
        let hint = current
            .descendants()
            .skip(1)
            .filter(|n| {
                n.element().is_some_and(|e| {
                    *e.name() == local_name!("article") || is_named(e, &CONTENT_NAME_SET)
                })
            })
            .filter_map(|n| stats.get(n).map(|s| (n, s)))
            .max_by_key(|(_, s)| s.text);
        if let Some((mut chosen, mut chosen_stats)) = hint
            && chosen_stats.text * 2 >= current_stats.text
            && chosen_stats.text > 0
        {
            // The title and 文号 often sit beside the content container, in its parent.
            while !chosen_stats.marker
                && chosen.id() != current.id()
                && let Some(parent) = chosen.parent()
                && let Some(parent_stats) = stats.get(parent)
                && parent_stats.text * 10 <= chosen_stats.text * 12 + 1000
            {
                chosen = parent;
                chosen_stats = parent_stats;
            }
            return Some(chosen);
        }
        Some(current)
    }

    /// Collects the blocks (or a cell's lines) under `root`, in one pass.
    fn walk(
        &self,
        root: NodeRef<'_>,
        stats: &StatsByNode,
        out: &mut Out<'_>,
        warnings: &mut Vec<Warning>,
    ) {
        let mut collector = Collector::default();
        let mut line = root.line();
        let in_cell = matches!(out, Out::Lines(_));
        // The lists open around the walk, each `<ol>` with the number its next item shows.
        let mut lists: Vec<Option<u32>> = Vec::new();
        let mut edges = root.traverse();
        while let Some(edge) = edges.next() {
            match edge {
                Edge::Open(node) => {
                    if let Some(el) = node.element() {
                        let Some(own) = stats.get(node) else {
                            edges.skip_subtree();
                            continue;
                        };
                        line = node.line();
                        let tag = el.name();
                        if node.id() != root.id() && is_link_list(tag, &own) {
                            edges.skip_subtree();
                            continue;
                        }
                        if *tag == local_name!("a")
                            && let Some(href) =
                                el.attr(&local_name!("href")).filter(|h| is_attachment(h))
                        {
                            warnings.push(attachment_warning(node, href, line));
                        }
                        if *tag == local_name!("br") {
                            out.flush(&mut collector);
                        } else if *tag == local_name!("table")
                            && !in_cell
                            && is_data_table(node, stats)
                        {
                            out.flush(&mut collector);
                            if let Out::Blocks { blocks, .. } = out {
                                blocks.push(Block::Table(self.table(node, stats, warnings)));
                            }
                            edges.skip_subtree();
                        } else if is_block(tag) {
                            out.flush(&mut collector);
                        }
                        if *tag == local_name!("ol") {
                            // Letters and roman numerals (`type="a"`) are no numbers a notice uses.
                            let decimal = el
                                .attr(&local_name!("type"))
                                .is_none_or(|t| t.trim() == "1");
                            let start = el
                                .attr(&local_name!("start"))
                                .and_then(|s| s.trim().parse().ok());
                            lists.push(decimal.then(|| start.unwrap_or(1)));
                        } else if *tag == local_name!("ul") {
                            lists.push(None);
                        } else if *tag == local_name!("li")
                            && let Some(Some(number)) = lists.last_mut()
                        {
                            // An ordered list shows its items' numbers: they are the page's text.
                            if !opens_with_number(node) {
                                collector.push(&format!("{number}."), line);
                            }
                            *number += 1;
                        }
                    } else if let Some(text) = node.text() {
                        collector.push(text, line);
                    }
                }
                Edge::Close(node) => {
                    if node.element().is_some_and(|e| is_block(e.name())) {
                        out.flush(&mut collector);
                    }
                    if node
                        .element()
                        .is_some_and(|e| matches!(*e.name(), local_name!("ol") | local_name!("ul")))
                    {
                        lists.pop();
                    }
                }
            }
        }
        out.flush(&mut collector);
    }

    /// The lines of the page around its article body that hold no link: the information bar
    /// under the title, a 政府信息公开 table of 索引号, 文号 and dates, a date under the
    /// article. Every block and table cell is a line of its own; the body, the site's chrome and
    /// lists of links are left out.
    fn lines_around(&self, body: NodeRef<'_>, stats: &StatsByNode) -> Vec<String> {
        /// A line is kept unless some of its text was a link's (a related article and its date).
        fn flush(collector: &mut Collector, linked: &mut bool, lines: &mut Vec<String>) {
            if let Some((text, _)) = collector.take()
                && !*linked
            {
                lines.push(text);
            }
            *linked = false;
        }
        let (mut lines, mut collector) = (Vec::new(), Collector::default());
        let (mut links, mut linked) = (0usize, false);
        let mut edges = self.tree.root().traverse();
        while let Some(edge) = edges.next() {
            match edge {
                Edge::Open(node) => {
                    if let Some(el) = node.element() {
                        let tag = el.name();
                        let left_out = node.id() == body.id()
                            || stats.get(node).is_none_or(|s| is_link_list(tag, &s));
                        if left_out || is_block(tag) || *tag == local_name!("br") {
                            flush(&mut collector, &mut linked, &mut lines);
                        }
                        if left_out {
                            edges.skip_subtree();
                        } else if is_link(el) {
                            links += 1;
                        }
                    } else if let Some(text) = node.text() {
                        linked |= links > 0 && !text.chars().all(is_space);
                        collector.push(text, 0);
                    }
                }
                Edge::Close(node) => {
                    if let Some(el) = node.element() {
                        if is_link(el) {
                            links = links.saturating_sub(1);
                        }
                        if is_block(el.name()) {
                            flush(&mut collector, &mut linked, &mut lines);
                        }
                    }
                }
            }
        }
        flush(&mut collector, &mut linked, &mut lines);
        lines
    }

    fn table(&self, node: NodeRef<'_>, stats: &StatsByNode, warnings: &mut Vec<Warning>) -> Table {
        let rows_of: Vec<NodeRef<'_>> = rows(node).collect();
        let count = rows_of.len();
        let mut table = Table {
            rows: Vec::new(),
            at: Position::line(node.line()),
        };
        for (r, row) in rows_of.into_iter().enumerate() {
            let mut cells_of = Vec::new();
            for cell in cells(row) {
                let mut lines = Vec::new();
                if stats.get(cell).is_some() {
                    self.walk(cell, stats, &mut Out::Lines(&mut lines), warnings);
                }
                let el = cell.element();
                let span = |name: &LocalName| -> Option<usize> {
                    el.and_then(|e| e.attr(name))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                };
                let mut built = Cell::new(lines.join("\n"), Position::line(cell.line()));
                built.col_span = span(&local_name!("colspan")).unwrap_or(1).clamp(1, 1000);
                // rowspan=0 spans the rest of the table; no span reaches past its end.
                built.row_span = match span(&local_name!("rowspan")) {
                    Some(0) => count - r,
                    Some(n) => n.clamp(1, count - r),
                    None => 1,
                };
                cells_of.push(built);
            }
            if !cells_of.is_empty() {
                table.rows.push(cells_of);
            }
        }
        // Spans that would lay the table out past the workbook cell limit are dropped rather
        // than allocated: a page cannot ask for a grid larger than its cells.
        let slots: usize = table.rows.len().saturating_mul(table.width());
        if slots as u64 > crate::reader::limits::CELL_LIMIT {
            for cell in table.rows.iter_mut().flatten() {
                cell.row_span = 1;
                cell.col_span = 1;
            }
            warnings.push(Warning::at(
                table.at.clone(),
                "the table's spans would make it too large; read without its merged cells",
            ));
        }
        table
    }
}

/// Whether the node is an element of that (local) name.
fn has_name(node: NodeRef<'_>, name: &LocalName) -> bool {
    node.element().is_some_and(|e| e.name() == name)
}

/// A table of data, rather than one laying out the page (a row of navigation beside content,
/// one cell per row): two rows each with two cells that hold text.
fn is_data_table(table: NodeRef<'_>, stats: &StatsByNode) -> bool {
    rows(table)
        .filter(|row| {
            cells(*row)
                .filter(|c| stats.get(*c).is_some_and(|s| s.text + s.link_text > 0))
                .nth(1)
                .is_some()
        })
        .nth(1)
        .is_some()
}

/// Whether an element's text opens with a number of its own (`<li>1.推行…</li>`).
fn opens_with_number(node: NodeRef<'_>) -> bool {
    node.descendants()
        .filter_map(|d| d.text())
        .map(|t| t.trim_start_matches(crate::normalize::is_space))
        .find(|t| !t.is_empty())
        .is_some_and(|t| crate::document::numbering::parse_label(t).is_some())
}

fn is_block(tag: &LocalName) -> bool {
    BLOCK_TAGS.contains(tag)
}

/// Elements that may be a list of links.
const LINK_LIST_TAGS: &[LocalName] = &[
    local_name!("ul"),
    local_name!("ol"),
    local_name!("dl"),
    local_name!("div"),
    local_name!("table"),
    local_name!("p"),
    local_name!("section"),
];

/// A list of links (related articles, a site's columns): more than two links and little text
/// besides them.
fn is_link_list(tag: &LocalName, stats: &Stats) -> bool {
    stats.links > 2
        && LINK_LIST_TAGS.contains(tag)
        && stats.link_text * 5 >= (stats.text + stats.link_text) * 4
}

fn attachment_warning(node: NodeRef<'_>, href: &str, line: usize) -> Warning {
    let text: String = node.descendants().filter_map(NodeRef::text).collect();
    let text = squeeze(&text);
    let file = href
        .split(['?', '#'])
        .next()
        .unwrap_or(href)
        .rsplit('/')
        .next()
        .unwrap_or(href);
    let name = if text.is_empty() || text == file {
        file.to_string()
    } else {
        format!("{text} ({file})")
    };
    Warning::at(
        Position::line(line),
        format!(
            "attachment {name} is a separate file the page links to; import it to read what it holds"
        ),
    )
}

/// The rows of a table, its own and not those of tables nested in its cells.
fn rows<'t>(table: NodeRef<'t>) -> impl Iterator<Item = NodeRef<'t>> + use<'t> {
    table
        .children()
        .flat_map(|c| {
            let name = c.element().map(|e| e.name());
            let section = matches!(
                name,
                Some(&local_name!("thead") | &local_name!("tbody") | &local_name!("tfoot"))
            );
            let own = (name == Some(&local_name!("tr"))).then_some(c);
            own.into_iter()
                .chain(section.then(|| c.children()).into_iter().flatten())
        })
        .filter(|r| has_name(*r, &local_name!("tr")))
}

fn cells<'t>(row: NodeRef<'t>) -> impl Iterator<Item = NodeRef<'t>> + use<'t> {
    row.children().filter(|c| {
        c.element()
            .is_some_and(|e| matches!(*e.name(), local_name!("td") | local_name!("th")))
    })
}

/// The body's first paragraphs already hold the title.
fn has_title(blocks: &[Block], title: &str) -> bool {
    let mut seen = String::new();
    for block in blocks.iter().take(12) {
        if let Block::Paragraph(p) = block {
            let text = squeeze(&p.text);
            if ends_like_title(&text) {
                return true;
            }
            // A title broken over lines: only lines without sentence punctuation continue it.
            if !text.contains(['。', '，', '；', '：', ':']) {
                seen.push_str(&text);
            }
        }
    }
    seen.contains(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> (Document, Vec<Warning>) {
        let mut warnings = Vec::new();
        let document = read_html(html.as_bytes(), EncodingChoice::Auto, &mut warnings).unwrap();
        (document, warnings)
    }

    fn paragraphs(document: &Document) -> Vec<String> {
        document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.clone()),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn grid(document: &Document) -> Vec<Vec<String>> {
        let table = document
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .expect("a table");
        table
            .grid()
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| s.map_or("-".into(), |s| s.cell.text.clone()))
                    .collect()
            })
            .collect()
    }

    /// The collector as it was written first, a character at a time: the oracle for the one
    /// that copies runs.
    fn collected_a_character_at_a_time(pieces: &[&str]) -> Option<(String, usize)> {
        let mut collector = Collector::default();
        for (line, text) in pieces.iter().enumerate() {
            for c in text.chars() {
                if c.is_whitespace() || c == '\u{00A0}' {
                    let newline = matches!(c, '\n' | '\r');
                    collector.pending = Some(collector.pending.unwrap_or(false) || newline);
                    continue;
                }
                if let Some(newline) = collector.pending.take()
                    && let Some(prev) = collector.text.chars().next_back()
                {
                    let joined = (newline && (is_wide(prev) || is_wide(c)))
                        || is_wide_punctuation(prev)
                        || (c != '\u{3000}' && is_wide_punctuation(c) && is_wide(prev));
                    if !joined {
                        collector.text.push(' ');
                    }
                }
                if collector.at.is_none() {
                    collector.at = Some(line + 1);
                }
                collector.text.push(c);
            }
        }
        collector.take()
    }

    #[test]
    fn runs_are_collected_as_characters_one_at_a_time_were() {
        let alphabet = [
            '一', '、', '，', 'a', 'b', ' ', '\n', '\r', '\t', '\u{00A0}', '\u{3000}', '（', '：',
            '\u{2002}', '1', '.',
        ];
        let samples: Vec<String> = crate::test_samples::strings(&alphabet, 12, 20_000).collect();
        for pair in samples.chunks(2) {
            let pieces: Vec<&str> = pair.iter().map(String::as_str).collect();
            let mut collector = Collector::default();
            for (line, text) in pieces.iter().enumerate() {
                collector.push(text, line + 1);
            }
            assert_eq!(
                collector.take(),
                collected_a_character_at_a_time(&pieces),
                "{pieces:?}"
            );
        }
    }

    #[test]
    fn hidden_styles_are_found_as_the_squeezed_style_holds_them() {
        let old = |style: &str| {
            let s: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("mso-hide:all")
        };
        let parts: [&[&str]; 6] = [
            &["", "color:red;", "font-family:仿宋_GB2312;", "mso-"],
            &[
                "display",
                "DISPLAY",
                "dis play",
                "x-display",
                "mso-hide",
                "mso-hidden",
                "\u{3000}display",
            ],
            &[":", " : ", "", "::"],
            &[
                "none",
                "None",
                "n one",
                "block",
                "all",
                "al l",
                "none!important",
            ],
            &["", ";", " ;mso-hide:all"],
            &["", "display:none", ":"],
        ];
        for style in crate::test_samples::lines(&parts, 10_000) {
            let new = holds_declaration(&style, HIDING_DECLARATIONS);
            assert_eq!(new, old(&style), "{style:?}");
        }
    }

    #[test]
    fn chrome_lines_are_the_sites() {
        let longest = PAGE_INFO_LABELS.iter().map(|l| l.chars().count()).max();
        assert_eq!(longest, Some(INFO_LABEL_MAX_CHARS));
        assert_eq!(max_chars(&["", "a", "发布时间", "a发"]), 4);
        assert!(is_chrome_line("发 布 时 间 ：2024-05-01"));
        assert!(is_chrome_line("浏览次数:128"));
        assert!(is_chrome_line("【打印本页】【关闭窗口】"));
        assert!(!is_chrome_line("【打印本页】一、总体要求"));
        assert!(!is_chrome_line("来源不明的风险隐患要及时上报。"));
    }

    #[test]
    fn pages_are_told_from_text_by_their_markup() {
        assert!(looks_like_html(b"<!DOCTYPE html>\n<html>"));
        assert!(looks_like_html(
            b"\xEF\xBB\xBF  <!-- saved from url=(0042) -->\n<html xmlns:o=x>"
        ));
        assert!(looks_like_html(b"<meta charset=gb2312><p>x"));
        assert!(!looks_like_html("一、总体要求 <html>".as_bytes()));
        assert!(!looks_like_html(b"<\xE9\x99\x84\xE4\xBB\xB6>"));
    }

    #[test]
    fn gbk_is_read_as_the_page_declares_it() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>市应急管理局牵头</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let mut warnings = Vec::new();
        let document = read_html(&bytes, EncodingChoice::Auto, &mut warnings).unwrap();
        assert_eq!(paragraphs(&document), ["市应急管理局牵头"]);
        assert_eq!(
            declared_encoding(b"<meta charset='GB18030'>"),
            Some(GB18030)
        );
        assert_eq!(declared_encoding(b"<meta charset=\"utf-16\">"), Some(UTF_8));
    }

    #[test]
    fn the_article_is_read_without_the_site_around_it() {
        let page = r#"<html><head><title>关于做好防汛工作的通知_某某县人民政府</title></head><body>
<div class="header"><a href="/">首页</a><a href="/zw">政务公开</a><a href="/ts">通知公告</a></div>
<div class="crumb">当前位置：首页 &gt; 通知公告</div>
<div class="main"><div class="left"><ul><li><a href="/1">机构设置</a></li><li><a href="/2">领导信息</a></li><li><a href="/3">政策文件</a></li></ul></div>
<div class="article"><h1>关于做好防汛工作的通知</h1>
<div class="info">发布时间：2024-05-01　来源：县应急局</div>
<div id="zoom"><p>　　各乡镇人民政府：</p><p>&nbsp;&nbsp;一、压实防汛责任。县应急局牵头。</p>
<p>二、开展隐患排查。<br>县水利局负责。</p></div>
<div class="tools">【<a href="javascript:print()">打印本页</a>】【<a href="javascript:close()">关闭窗口</a>】</div>
<div class="relate"><h3>相关链接</h3><ul><li><a href="/a">其他通知一</a></li><li><a href="/b">其他通知二</a></li></ul></div>
</div></div><div class="footer">主办：某某县人民政府办公室 电话：0000-1234567</div>
<script>var x = "一、不是正文";</script></body></html>"#;
        let (document, _) = read(page);
        assert_eq!(
            paragraphs(&document),
            [
                "关于做好防汛工作的通知",
                "各乡镇人民政府：",
                "一、压实防汛责任。县应急局牵头。",
                "二、开展隐患排查。",
                "县水利局负责。",
            ]
        );
        assert_eq!(document.properties[0].1, "关于做好防汛工作的通知");
        let Block::Paragraph(first) = &document.blocks[0] else {
            panic!()
        };
        assert_eq!(first.at, Position::line(5), "the <h1> is on line 5");
    }

    #[test]
    fn the_page_title_leads_a_body_that_lacks_one() {
        let page = "<html><head><title>某某县人民政府 - 关于印发安全生产工作要点的通知 - 某某网</title>\n<meta name=\"ArticleTitle\" content=\"关于印发2024年安全生产工作要点的通知\"></head><body><div class=\"TRS_Editor\"><p>一、强化责任落实。</p><p>二、深化专项整治。</p></div></body></html>";
        let (document, _) = read(page);
        assert_eq!(
            paragraphs(&document)[0],
            "关于印发2024年安全生产工作要点的通知"
        );
        assert_eq!(
            page_title("关于印发《方案》的通知_某某县人民政府"),
            "关于印发《方案》的通知"
        );
        assert_eq!(
            page_title("某某县人民政府 - 关于开展排查的通知 - 某某网"),
            "关于开展排查的通知"
        );
    }

    #[test]
    fn spans_become_cell_spans_and_cells_keep_their_paragraphs() {
        let page = "<html><body><table border=1>
<tr><th>类别</th><th>任务</th><th>牵头单位</th></tr>
<tr><td colspan=3>一、源头治理</td></tr>
<tr><td rowspan=2>排查</td><td><p>开展排查。</p><p>建立台账。</p></td><td>县应急局</td></tr>
<tr><td>整改隐患。<table><tr><td>内</td><td>表</td></tr></table></td><td></td></tr>
</table></body></html>";
        let (document, _) = read(page);
        assert_eq!(
            grid(&document),
            [
                ["类别", "任务", "牵头单位"],
                ["一、源头治理", "一、源头治理", "一、源头治理"],
                ["排查", "开展排查。\n建立台账。", "县应急局"],
                ["排查", "整改隐患。\n内\n表", ""],
            ]
        );
        let Block::Table(table) = &document.blocks[0] else {
            panic!()
        };
        assert_eq!(table.rows[2][0].at, Position::line(4));
    }

    #[test]
    fn word_markup_is_read_through() {
        let page = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8><style>p.MsoNormal{margin:0}</style></head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal style='text-indent:32.0pt'><![if !supportLists]><span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span
style='font-family:仿宋_GB2312'>压实属地<o:p></o:p></span><span style='mso-bidi-font-family:宋体'>责任</span>，县应急局
牵头。<o:p></o:p></p>
<p class=MsoNormal><span style='display:none'>隐藏</span><o:p>&nbsp;</o:p></p></div></body></html>";
        let (document, _) = read(page);
        assert_eq!(paragraphs(&document), ["一、压实属地责任，县应急局牵头。"]);
    }

    #[test]
    fn an_ordered_lists_items_show_their_numbers() {
        let page = |list: &str| {
            format!(
                "<html><head><meta charset=utf-8></head><body><div class=article>{list}</div></body></html>"
            )
        };
        let (document, _) = read(&page(
            "<ol><li>推行网上办理。</li><li>压减审批时限。<ul><li>清单管理。</li></ul></li>\
             <li>3.已有编号。</li></ol>",
        ));
        assert_eq!(
            paragraphs(&document),
            [
                "1.推行网上办理。",
                "2.压减审批时限。",
                "清单管理。",
                "3.已有编号。"
            ]
        );
        let (document, _) = read(&page(
            "<ol start=\"5\"><li>修缮校舍。</li><li>加固围墙。</li></ol>",
        ));
        assert_eq!(paragraphs(&document), ["5.修缮校舍。", "6.加固围墙。"]);
        let (document, _) = read(&page(
            "<ol type=\"a\"><li>字母项。</li><li>又一项。</li></ol>",
        ));
        assert_eq!(paragraphs(&document), ["字母项。", "又一项。"]);
    }

    #[test]
    fn the_lines_around_the_article_are_handed_on_for_its_doc_number_and_dates() {
        let page = r#"<html><head><title>关于开展汛前检查的通知_某某县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> 发布日期：2000-01-01</div>
<table class="info"><tr><td>文　　号：</td><td>青政办〔2024〕9号</td><td>成文日期：</td><td>2024年4月2日</td></tr></table>
<div class="article"><h1>关于开展汛前检查的通知</h1>
<div class="bar">发布日期：2024-04-08 10:00　来源：县应急局</div>
<div id="zoom"><p>各乡镇人民政府：</p><p>一、全面排查隐患。县水利局牵头。</p><p>二、及时整改销号。县应急局负责。</p>
<p>发布时间：2024-04-08</p></div>
<ul class="list"><li><a href="/1">关于其他事项的通知</a> 发布日期：2023-01-01</li></ul>
</div></body></html>"#;
        let (document, _) = read(page);
        let info: Vec<&str> = document
            .properties
            .iter()
            .filter(|(k, _)| k == PAGE_INFO_PROPERTY)
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(
            info,
            [
                "发布日期：2024-04-08 10:00 来源：县应急局",
                "发布时间：2024-04-08",
                "文 号：",
                "青政办〔2024〕9号",
                "成文日期：",
                "2024年4月2日",
            ],
            "the site's lines in the body first, then the page's around it; no chrome, no links"
        );
        assert!(!paragraphs(&document).iter().any(|p| p.starts_with("发布")));
        let register = crate::reader::read(page.as_bytes(), "page.html", &Default::default())
            .unwrap()
            .register;
        assert_eq!(
            register.document.doc_number.as_deref(),
            Some("青政办〔2024〕9号")
        );
        assert_eq!(register.document.date.as_deref(), Some("2024-04-02"));
    }

    #[test]
    fn attachments_are_named_in_warnings() {
        let page = "<html><body><div class=content><p>一、开展排查。</p>\n<p>附件：<a href=\"./P020240301.xlsx\">任务分解表.xlsx</a></p></div></body></html>";
        let (_, warnings) = read(page);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .message
                .contains("任务分解表.xlsx (P020240301.xlsx)")
        );
        assert_eq!(warnings[0].line(), Some(2));
    }

    #[test]
    fn pages_without_an_article_give_no_blocks_and_never_panic() {
        for page in [
            "<html><head><title>404 Not Found</title></head><body></body></html>",
            "<html><body><form><input name=user><input type=password><button>登录</button></form></body></html>",
            "<html>",
            "<!DOCTYPE html><html><body><table><tr><td rowspan=999999999 colspan=999999999>x</td></tr></table></body></html>",
        ] {
            let (document, _) = read(page);
            assert!(document.blocks.len() <= 1, "{page}: {document:?}");
        }
    }

    #[test]
    fn nesting_is_read_up_to_its_limit_and_refused_past_it() {
        let nested = |depth: usize, open: &str, close: &str| {
            format!(
                "<html><body>{}<p>一、总体要求</p>{}</body></html>",
                open.repeat(depth),
                close.repeat(depth)
            )
        };
        // <html> and <body> stand above the divs.
        let (document, _) = read(&nested(HTML_DEPTH_LIMIT - 3, "<div>", "</div>"));
        assert_eq!(paragraphs(&document), ["一、总体要求"]);
        for page in [
            nested(HTML_DEPTH_LIMIT, "<div>", "</div>"),
            nested(100_000, "<div>", "</div>"),
            nested(100_000, "<table><tr><td>", "</td></tr></table>"),
            nested(100_000, "<b>", ""),
        ] {
            let error = read_html(page.as_bytes(), EncodingChoice::Auto, &mut Vec::new())
                .expect_err("refused");
            assert_eq!(
                error.to_string(),
                format!("refused: the page nests its elements more than {HTML_DEPTH_LIMIT} deep")
            );
        }
    }
}
