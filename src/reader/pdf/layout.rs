//! Glyphs → lines → paragraphs. A line is the glyphs that share a baseline, left to right,
//! with a space where the gap between two glyphs is wide for the script on both sides; a
//! paragraph is the lines a line break of the page width made, told apart from a line that
//! ends its paragraph by the room left on it: where the next line's first character would
//! have fitted, the writer broke the line on purpose.

use super::content::{Glyph, PageContent};

/// A line of text on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub baseline: f64,
    /// The most common glyph size.
    pub size: f64,
    /// The width of the first glyph (what must fit on the line above for it to continue).
    pub first_width: f64,
    pub text: String,
    /// Pieces of the line a wide gap separates: (left, right, text).
    pub pieces: Vec<(f64, f64, String)>,
}

/// A gap this many times the glyph size splits a line into pieces (columns of a table drawn
/// without rules, a signature beside a date).
const PIECE_GAP: f64 = 2.0;

/// The lines the glyphs make, top to bottom.
pub fn lines(page: &PageContent, glyphs: &[Glyph]) -> Vec<TextLine> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| g.size > 0.1).collect();
    sorted.sort_by(|a, b| a.middle().total_cmp(&b.middle()).then(a.x.total_cmp(&b.x)));
    // Rows: glyphs whose middles lie within half a glyph of the row's.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut row_middle = f64::NAN;
    let mut row_size = 0.0;
    for glyph in sorted {
        let close = !rows.is_empty()
            && (glyph.middle() - row_middle).abs() <= 0.45 * glyph.size.min(row_size).max(1.0);
        if close {
            rows.last_mut().expect("a row").push(glyph);
        } else {
            rows.push(vec![glyph]);
            row_middle = glyph.middle();
            row_size = glyph.size;
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            line_of(page, &row)
        })
        .collect()
}

fn is_wide(c: char) -> bool {
    let c = c as u32;
    (0x2E80..=0x9FFF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFF00..=0xFFEF).contains(&c)
        || (0x3000..=0x303F).contains(&c)
        || (0x20000..=0x3FFFF).contains(&c)
}

fn line_of(page: &PageContent, row: &[&Glyph]) -> Option<TextLine> {
    let mut sizes: Vec<f64> = row.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    let mut pieces: Vec<(f64, f64, String)> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for glyph in row {
        let text = page.text_of(glyph);
        if let Some(prev) = last {
            let prev_text = page.text_of(prev);
            // A glyph drawn again over itself (bold imitated by overprinting) is one glyph.
            if prev_text == text && (glyph.x - prev.x).abs() < 0.3 * size {
                continue;
            }
            let gap = glyph.x - prev.right();
            if gap > PIECE_GAP * size {
                pieces.push((glyph.x, glyph.right(), String::new()));
            } else {
                let narrow = |c: Option<char>| c.is_some_and(|c| !is_wide(c));
                let both_narrow = narrow(prev_text.chars().last()) && narrow(text.chars().next());
                let threshold = if both_narrow { 0.2 } else { 0.8 };
                if gap > threshold * size {
                    pieces.last_mut().expect("a piece").2.push(' ');
                }
            }
        } else {
            pieces.push((glyph.x, glyph.right(), String::new()));
        }
        let piece = pieces.last_mut().expect("a piece");
        piece.1 = piece.1.max(glyph.right());
        piece.2.push_str(text);
        last = Some(glyph);
    }
    let text = pieces
        .iter()
        .map(|p| p.2.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if text.trim().is_empty() {
        return None;
    }
    let baseline = {
        let mut ys: Vec<f64> = row.iter().map(|g| g.y).collect();
        ys.sort_by(f64::total_cmp);
        ys[ys.len() / 2]
    };
    Some(TextLine {
        x0: row.iter().map(|g| g.x).fold(f64::MAX, f64::min),
        x1: row.iter().map(|g| g.right()).fold(f64::MIN, f64::max),
        top: baseline - 0.88 * size,
        bottom: baseline + 0.12 * size,
        baseline,
        size,
        first_width: row[0].width,
        text,
        pieces,
    })
}

/// Whether `next` continues the paragraph `line` is in, in a column from `left` to `right`
/// whose lines stand `pitch` apart (None across a page break or in a table cell). With
/// `indents`, a line that starts right of the column (a first-line indent) or of the line
/// above (centred text) starts a paragraph; in a cell, lines are centred as often as not.
pub fn continues(
    line: &TextLine,
    next: &TextLine,
    left: f64,
    right: f64,
    pitch: Option<f64>,
    indents: bool,
) -> bool {
    let size = line.size.max(1.0);
    if (next.size - line.size).abs() > 0.15 * size {
        return false;
    }
    if let Some(pitch) = pitch {
        let distance = next.baseline - line.baseline;
        if distance <= 0.0 || distance > 1.35 * pitch.max(size) {
            return false;
        }
    }
    // The next line is indented (a first line) or starts right of this one's start (centred).
    if indents && (next.x0 > left + 0.8 * size || next.x0 > line.x0 + 0.8 * size) {
        return false;
    }
    // Room left for the next line's first character: the break was made on purpose. In a
    // cell, whose lines may be centred, the room on both sides.
    let room = right - line.x1
        + if indents {
            0.0
        } else {
            (line.x0 - left).max(0.0)
        };
    room < next.first_width.max(0.5 * size) + 0.25 * size
}

/// Whether two lines of a table cell are two units named one per line (`区水利局` over
/// `区住建局`) rather than one name the cell's width broke: the first ends as a unit's name ends
/// (a bracketed note after it aside) and the second starts as one starts. A full line says
/// nothing in a narrow column, where every line is full.
pub fn names_one_per_line(line: &str, next: &str) -> bool {
    use crate::vocab::{
        COMPANY_SUFFIXES, GOV_BODY_SUFFIXES, LEVEL_PREFIXES, NOT_A_PREFIX, UNIT_LINE_ENDINGS,
        UNIT_LINE_STARTS,
    };
    let line = line.trim();
    // A bracketed note after the name (its start may stand on the line above).
    let name = match line.strip_suffix('）') {
        Some(inside) => inside.rfind('（').map_or(inside, |i| &inside[..i]),
        None => line,
    };
    let ends = GOV_BODY_SUFFIXES
        .iter()
        .chain(COMPANY_SUFFIXES)
        .chain(UNIT_LINE_ENDINGS)
        .any(|s| name.ends_with(s));
    let next = next.trim();
    let starts = (LEVEL_PREFIXES.iter().any(|p| next.starts_with(p))
        && !NOT_A_PREFIX.iter().any(|w| next.starts_with(w)))
        || UNIT_LINE_STARTS.iter().any(|p| next.starts_with(p));
    ends && starts
}

/// Joins the lines of one paragraph: no space between lines of Chinese, one between words.
pub fn join(texts: &[&str]) -> String {
    let mut out = String::new();
    for text in texts {
        let text = text.trim();
        if let (Some(a), Some(b)) = (out.chars().last(), text.chars().next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of the given lines, each a (text, x, baseline, size) of glyphs 1 em wide for
    /// Chinese and half an em for others.
    fn page(lines: &[(&str, f64, f64, f64)]) -> PageContent {
        let mut page = PageContent::default();
        for (text, x, y, size) in lines {
            let mut x = *x;
            for c in text.chars() {
                let width = if is_wide(c) { *size } else { size / 2.0 };
                let start = page.text.len() as u32;
                page.text.push(c);
                if c != ' ' {
                    page.glyphs.push(Glyph {
                        x,
                        y: *y,
                        width,
                        size: *size,
                        start,
                        end: page.text.len() as u32,
                    });
                }
                x += width;
            }
        }
        page
    }

    #[test]
    fn glyphs_on_a_baseline_are_one_line_with_spaces_only_between_words() {
        let p = page(&[
            ("区应急管理局 2024年", 100.0, 200.0, 16.0),
            ("第二行", 100.0, 228.0, 16.0),
        ]);
        let lines = lines(&p, &p.glyphs);
        assert_eq!(lines.len(), 2);
        // One space between a Chinese word and digits is narrower than the threshold.
        assert_eq!(lines[0].text, "区应急管理局2024年");
        assert_eq!(lines[1].text, "第二行");
        let words = page(&[("GB 2312 text", 0.0, 10.0, 10.0)]);
        assert_eq!(super::lines(&words, &words.glyphs)[0].text, "GB 2312 text");
    }

    #[test]
    fn overprinted_glyphs_count_once_and_wide_gaps_split_pieces() {
        let mut p = page(&[("牵头", 0.0, 20.0, 10.0), ("牵头", 0.2, 20.0, 10.0)]);
        let more = page(&[("配合", 80.0, 20.0, 10.0)]);
        let offset = p.text.len() as u32;
        p.text.push_str(&more.text);
        p.glyphs.extend(more.glyphs.iter().map(|g| Glyph {
            start: g.start + offset,
            end: g.end + offset,
            ..*g
        }));
        let lines = lines(&p, &p.glyphs);
        assert_eq!(lines[0].text, "牵头 配合");
        assert_eq!(lines[0].pieces.len(), 2);
    }

    #[test]
    fn a_line_broken_by_the_width_continues_and_a_short_or_indented_one_does_not() {
        let size = 16.0;
        let (left, right) = (90.0, 90.0 + 28.0 * size);
        let p = page(&[
            (&"很".repeat(26), 90.0 + 2.0 * size, 100.0, size),
            (&"长".repeat(28), 90.0, 128.0, size),
            ("末行。", 90.0, 156.0, size),
            ("一、总体要求", 90.0 + 2.0 * size, 184.0, size),
            ("下一段", 90.0 + 2.0 * size, 212.0, size),
        ]);
        let l = lines(&p, &p.glyphs);
        assert!(continues(&l[0], &l[1], left, right, Some(28.0), true));
        assert!(continues(&l[1], &l[2], left, right, Some(28.0), true));
        assert!(
            !continues(&l[2], &l[3], left, right, Some(28.0), true),
            "room left"
        );
        assert!(
            !continues(&l[3], &l[4], left, right, Some(28.0), true),
            "a heading"
        );
        assert!(
            !continues(&l[0], &l[1], left, right, Some(10.0), true),
            "far apart"
        );
        assert_eq!(join(&["Word", "wrap", "，中文"]), "Word wrap，中文");
    }

    #[test]
    fn units_one_per_line_in_a_narrow_cell_stay_apart() {
        assert!(names_one_per_line("区生态与水务局", "相关乡镇"));
        assert!(names_one_per_line("各部门主要负责人", "各村社区主要负责人"));
        assert!(names_one_per_line(
            "区审批局（政务服务中心）",
            "区数据服务中心"
        ));
        assert!(names_one_per_line("服务中心）", "区数据服务中心"));
        assert!(!names_one_per_line("区应急管理局、", "区人武部"));
        assert!(!names_one_per_line("区市场监督管理局", "执法大队"));
        assert!(!names_one_per_line(
            "开展专项整治，由市公安局",
            "市场主体配合"
        ));
    }
}
