//! The text layer and ruling lines of one page: its content stream run through the graphics
//! and text state that matter for reading (matrices, fonts, spacing, paths), giving each glyph
//! with its position and size, and each straight horizontal or vertical line the page draws
//! (stroked, or a thin filled rectangle), in page coordinates with y growing downwards.

use super::font::{Font, deref, number, stream_bytes};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// A glyph placed on the page: text in `PageContent::text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Left edge and baseline.
    pub x: f64,
    pub y: f64,
    /// Advance along the line, and the font size, in page units.
    pub width: f64,
    pub size: f64,
    pub start: u32,
    pub end: u32,
}

impl Glyph {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The vertical middle of the glyph's body.
    pub fn middle(&self) -> f64 {
        self.y - 0.35 * self.size
    }
}

/// A straight line the page draws: horizontal (`y`, from `a` to `b` in x) or vertical (`x`,
/// from `a` to `b` in y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    /// Where it stands across its direction.
    pub at: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Debug, Default)]
pub struct PageContent {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub rules: Vec<Rule>,
    /// Images drawn (a scan is images without glyphs).
    pub images: usize,
}

impl PageContent {
    pub fn text_of(&self, glyph: &Glyph) -> &str {
        &self.text[glyph.start as usize..glyph.end as usize]
    }
}

/// What the interpreter may spend on a whole document.
pub struct Budget {
    pub operations: u64,
    pub glyphs: u64,
    pub content_bytes: usize,
}

/// Why a page could not be read to the end.
#[derive(Debug)]
pub enum Stop {
    /// A limit of [`Budget`] was reached.
    OverBudget(&'static str),
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the product m × n in PDF's row-vector convention.
fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
    line_width: f64,
    stroke_visible: bool,
    fill_visible: bool,
    /// The clipping path's bounds (left, top, right, bottom): text outside is not on paper.
    clip: Option<(f64, f64, f64, f64)>,
}

/// The fonts of a document, read once each.
#[derive(Default)]
pub struct Fonts {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

/// Form XObjects nest at most this deep (a form that draws itself ends here).
const FORM_DEPTH: usize = 12;

struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut Fonts,
    budget: &'a mut Budget,
    page: PageContent,
    /// Subpaths of the path being built, in page coordinates, and whether each is closed.
    path: Vec<(Vec<(f64, f64)>, bool)>,
    /// The path holds a curve (its straight pieces still count).
    states: Vec<State>,
    state: State,
    tm: Matrix,
    tlm: Matrix,
}

/// Reads one page's content (its streams, and the forms they draw).
pub fn read_page(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut Fonts,
    budget: &mut Budget,
) -> Result<PageContent, Stop> {
    let page_dict = doc.get_dictionary(page_id).ok();
    let inherited = |key: &[u8]| -> Option<&Object> {
        let mut node = page_dict?;
        for _ in 0..32 {
            if let Ok(value) = node.get(key) {
                return deref(doc, Some(value));
            }
            node = deref(doc, node.get(b"Parent").ok())?.as_dict().ok()?;
        }
        None
    };
    let rect = |key: &[u8]| -> Option<[f64; 4]> {
        match inherited(key)? {
            Object::Array(a) if a.len() == 4 => {
                let v: Vec<f64> = a
                    .iter()
                    .filter_map(|o| deref(doc, Some(o)).and_then(number))
                    .collect();
                (v.len() == 4 && v.iter().all(|n| n.is_finite())).then(|| {
                    [
                        v[0].min(v[2]),
                        v[1].min(v[3]),
                        v[0].max(v[2]),
                        v[1].max(v[3]),
                    ]
                })
            }
            _ => None,
        }
    };
    let [llx, lly, urx, ury] = rect(b"CropBox")
        .or_else(|| rect(b"MediaBox"))
        .unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let rotate = inherited(b"Rotate")
        .and_then(number)
        .map_or(0, |r| (r as i64).rem_euclid(360));
    // Page space → display space with the origin top left and y downwards.
    let (w, h) = (urx - llx, ury - lly);
    let (base, height) = match rotate {
        90 => ([0.0, 1.0, 1.0, 0.0, -lly, -llx], w),
        180 => ([-1.0, 0.0, 0.0, 1.0, urx, -lly], h),
        270 => ([0.0, -1.0, -1.0, 0.0, ury, urx], w),
        _ => ([1.0, 0.0, 0.0, -1.0, -llx, ury], h),
    };
    let state = State {
        ctm: base,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scaling: 1.0,
        leading: 0.0,
        rise: 0.0,
        line_width: 1.0,
        stroke_visible: true,
        fill_visible: true,
        clip: None,
    };
    let mut interpreter = Interpreter {
        doc,
        fonts,
        budget,
        page: PageContent {
            height,
            ..PageContent::default()
        },
        path: Vec::new(),
        states: Vec::new(),
        state,
        tm: IDENTITY,
        tlm: IDENTITY,
    };
    let resources = page_resources(doc, page_dict);
    let content = page_content(doc, page_id, interpreter.budget)?;
    interpreter.run(&content, resources, 0)?;
    Ok(interpreter.page)
}

fn page_resources<'a>(doc: &'a Document, page: Option<&'a Dictionary>) -> Option<&'a Dictionary> {
    let mut node = page?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return deref(doc, Some(r)).and_then(|o| o.as_dict().ok());
        }
        node = deref(doc, node.get(b"Parent").ok())?.as_dict().ok()?;
    }
    None
}

fn page_content(doc: &Document, page_id: ObjectId, budget: &mut Budget) -> Result<Vec<u8>, Stop> {
    let content = doc
        .get_page_content_with_limit(page_id, budget.content_bytes)
        .map_err(|_| Stop::OverBudget("content streams"))?;
    budget.content_bytes = budget.content_bytes.saturating_sub(content.len());
    Ok(content)
}

fn operand(operands: &[Object], i: usize) -> f64 {
    operands
        .get(i)
        .and_then(number)
        .filter(|n| n.is_finite())
        .unwrap_or(0.0)
}

fn visible(operands: &[Object]) -> bool {
    // White (gray 1, RGB 1 1 1, CMYK 0 0 0 0) draws nothing on paper.
    let values: Vec<f64> = operands.iter().filter_map(number).collect();
    match values.len() {
        1 => values[0] < 0.95,
        3 => values.iter().any(|v| *v < 0.95),
        4 => values.iter().any(|v| *v > 0.05),
        _ => true,
    }
}

impl Interpreter<'_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        depth: usize,
    ) -> Result<(), Stop> {
        for operation in Content::decode_iter(content) {
            // A stream damaged midway is read up to the damage.
            let Ok(operation) = operation else { break };
            if self.budget.operations == 0 {
                return Err(Stop::OverBudget("operations"));
            }
            self.budget.operations -= 1;
            let ops = &operation.operands;
            match operation.operator.as_str() {
                "q" if self.states.len() < 256 => self.states.push(self.state.clone()),
                "Q" => {
                    if let Some(state) = self.states.pop() {
                        self.state = state;
                    }
                }
                "cm" if ops.len() == 6 => {
                    let m = [0, 1, 2, 3, 4, 5].map(|i| operand(ops, i));
                    self.state.ctm = multiply(&m, &self.state.ctm);
                }
                "w" => self.state.line_width = operand(ops, 0).abs(),
                "G" | "RG" | "K" => self.state.stroke_visible = visible(ops),
                "g" | "rg" | "k" => self.state.fill_visible = visible(ops),
                "SC" | "SCN" => self.state.stroke_visible = visible(ops),
                "sc" | "scn" => self.state.fill_visible = visible(ops),
                "CS" => self.state.stroke_visible = true,
                "cs" => self.state.fill_visible = true,
                // Paths.
                "m" => {
                    let p = apply(&self.state.ctm, operand(ops, 0), operand(ops, 1));
                    if self.path.len() < 100_000 {
                        self.path.push((vec![p], false));
                    }
                }
                "l" => {
                    let p = apply(&self.state.ctm, operand(ops, 0), operand(ops, 1));
                    if let Some((points, _)) = self.path.last_mut()
                        && points.len() < 100_000
                    {
                        points.push(p);
                    }
                }
                "c" | "v" | "y" => {
                    // A curve breaks the straight run: start a new subpath at its end.
                    let n = ops.len();
                    if n >= 2 {
                        let p = apply(&self.state.ctm, operand(ops, n - 2), operand(ops, n - 1));
                        if self.path.len() < 100_000 {
                            self.path.push((vec![p], false));
                        }
                    }
                }
                "h" => {
                    if let Some((_, closed)) = self.path.last_mut() {
                        *closed = true;
                    }
                }
                "re" => {
                    let (x, y, w, h) = (
                        operand(ops, 0),
                        operand(ops, 1),
                        operand(ops, 2),
                        operand(ops, 3),
                    );
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                        .map(|(a, b)| apply(&self.state.ctm, a, b));
                    if self.path.len() < 100_000 {
                        self.path.push((corners.to_vec(), true));
                    }
                }
                "S" | "s" => self.paint(true, false, operation.operator == "s"),
                "f" | "F" | "f*" => self.paint(false, true, false),
                "B" | "B*" => self.paint(true, true, false),
                "b" | "b*" => self.paint(true, true, true),
                "n" => self.path.clear(),
                "W" | "W*" => self.clip(),
                // Text.
                "BT" => {
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                "Tf" => {
                    self.state.size = operand(ops, 1);
                    self.state.font = match ops.first() {
                        Some(Object::Name(name)) => self.font(resources, name),
                        _ => None,
                    };
                }
                "Tc" => self.state.char_spacing = operand(ops, 0),
                "Tw" => self.state.word_spacing = operand(ops, 0),
                "Tz" => self.state.scaling = operand(ops, 0) / 100.0,
                "TL" => self.state.leading = operand(ops, 0),
                "Ts" => self.state.rise = operand(ops, 0),
                "Td" => self.next_line(operand(ops, 0), operand(ops, 1)),
                "TD" => {
                    self.state.leading = -operand(ops, 1);
                    self.next_line(operand(ops, 0), operand(ops, 1));
                }
                "Tm" if ops.len() == 6 => {
                    self.tm = [0, 1, 2, 3, 4, 5].map(|i| operand(ops, i));
                    self.tlm = self.tm;
                }
                "T*" => self.next_line(0.0, -self.state.leading),
                "Tj" => {
                    if let Some(Object::String(bytes, _)) = ops.first() {
                        self.show(bytes)?;
                    }
                }
                "'" => {
                    self.next_line(0.0, -self.state.leading);
                    if let Some(Object::String(bytes, _)) = ops.first() {
                        self.show(bytes)?;
                    }
                }
                "\"" => {
                    self.state.word_spacing = operand(ops, 0);
                    self.state.char_spacing = operand(ops, 1);
                    self.next_line(0.0, -self.state.leading);
                    if let Some(Object::String(bytes, _)) = ops.get(2) {
                        self.show(bytes)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Object::String(bytes, _) => self.show(bytes)?,
                                other => {
                                    if let Some(n) = number(other).filter(|n| n.is_finite()) {
                                        let tx = -n / 1000.0 * self.state.size * self.state.scaling;
                                        self.tm =
                                            multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(Object::Name(name)) = ops.first() {
                        self.draw_xobject(resources, name, depth)?;
                    }
                }
                "BI" => self.page.images += 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// Narrows the clip to the current path's bounds.
    fn clip(&mut self) {
        let points = self.path.iter().flat_map(|(p, _)| p.iter());
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        for &(x, y) in points {
            bounds = Some(match bounds {
                None => (x, y, x, y),
                Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
            });
        }
        if let Some((a, b, c, d)) = bounds {
            self.state.clip = Some(match self.state.clip {
                None => (a, b, c, d),
                Some((e, f, g, h)) => (a.max(e), b.max(f), c.min(g), d.min(h)),
            });
        }
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = deref(self.doc, resources?.get(b"Font").ok())?
            .as_dict()
            .ok()?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(font) = self.fonts.by_id.get(id) {
                return Some(font.clone());
            }
            let dict = deref(self.doc, Some(entry))?.as_dict().ok()?;
            let font = Rc::new(Font::from_dict(self.doc, dict));
            self.fonts.by_id.insert(*id, font.clone());
            return Some(font);
        }
        let dict = entry.as_dict().ok()?;
        Some(Rc::new(Font::from_dict(self.doc, dict)))
    }

    fn show(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        let font = self
            .state
            .font
            .clone()
            .unwrap_or_else(|| Rc::new(Font::fallback()));
        let state = &self.state;
        let size = state.size;
        let scaling = state.scaling;
        let mut glyphs = Vec::new();
        let mut tm = self.tm;
        let text = &mut self.page.text;
        font.decode(bytes, text, |glyph, start| {
            // Text rendering matrix: size and scaling, rise, then Tm and the CTM.
            let trm = multiply(
                &multiply(&[size * scaling, 0.0, 0.0, size, 0.0, state.rise], &tm),
                &state.ctm,
            );
            let advance = (glyph.width * size
                + state.char_spacing
                + if glyph.word_space {
                    state.word_spacing
                } else {
                    0.0
                })
                * scaling;
            let (x, y) = apply(&trm, 0.0, 0.0);
            let after = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
            let trm_after = multiply(
                &multiply(&[size * scaling, 0.0, 0.0, size, 0.0, state.rise], &after),
                &state.ctm,
            );
            let (x2, _) = apply(&trm_after, 0.0, 0.0);
            let height = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            glyphs.push((x, y, x2 - x, height, start));
            tm = after;
        });
        self.tm = tm;
        let end_all = self.page.text.len();
        for (k, (x, y, width, height, start)) in glyphs.iter().enumerate() {
            let end = glyphs.get(k + 1).map_or(end_all, |g| g.4);
            if self.budget.glyphs == 0 {
                return Err(Stop::OverBudget("glyphs"));
            }
            self.budget.glyphs -= 1;
            if !(x.is_finite() && y.is_finite() && width.is_finite() && height.is_finite()) {
                continue;
            }
            // Glyphs that are only space are gaps, which layout measures itself.
            if self.page.text[*start..end].trim().is_empty() {
                continue;
            }
            let (mx, my) = (x + width / 2.0, y - 0.35 * height);
            if let Some((left, top, right, bottom)) = self.state.clip
                && !(left - 1.0 <= mx && mx <= right + 1.0 && top - 1.0 <= my && my <= bottom + 1.0)
            {
                continue;
            }
            self.page.glyphs.push(Glyph {
                x: x.min(x + width),
                y: *y,
                width: width.abs(),
                size: *height,
                start: *start as u32,
                end: end as u32,
            });
        }
        Ok(())
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Result<(), Stop> {
        let Some(xobjects) = resources
            .and_then(|r| deref(self.doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
        else {
            return Ok(());
        };
        let Some(Object::Stream(stream)) = deref(self.doc, xobjects.get(name).ok()) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype") {
            Ok(Object::Name(n)) if n == b"Image" => self.page.images += 1,
            Ok(Object::Name(n)) if n == b"Form" && depth < FORM_DEPTH => {
                let Some(content) = stream_bytes(stream) else {
                    return Ok(());
                };
                if content.len() > self.budget.content_bytes {
                    return Err(Stop::OverBudget("content streams"));
                }
                self.budget.content_bytes -= content.len();
                let matrix = match deref(self.doc, stream.dict.get(b"Matrix").ok()) {
                    Some(Object::Array(m)) if m.len() == 6 => {
                        [0, 1, 2, 3, 4, 5].map(|i| m.get(i).and_then(number).unwrap_or(0.0))
                    }
                    _ => IDENTITY,
                };
                let form_resources = deref(self.doc, stream.dict.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok())
                    .or(resources);
                let saved = (self.state.clone(), self.states.len(), self.tm, self.tlm);
                self.state.ctm = multiply(&matrix, &self.state.ctm);
                let result = self.run(&content, form_resources, depth + 1);
                self.states.truncate(saved.1);
                self.state = saved.0;
                self.tm = saved.2;
                self.tlm = saved.3;
                result?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Paints the current path: its straight, axis-parallel pieces become rules.
    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let path = std::mem::take(&mut self.path);
        let stroke = stroke && self.state.stroke_visible;
        let fill = fill && self.state.fill_visible;
        if !stroke && !fill {
            return;
        }
        // The line width in page units (the CTM's scale).
        let scale = (self.state.ctm[0].abs() + self.state.ctm[3].abs())
            .max(self.state.ctm[1].abs() + self.state.ctm[2].abs())
            / 2.0;
        let width = (self.state.line_width * scale).max(0.1);
        for (points, closed) in path {
            let rectangle = rectangle_of(&points);
            if let (true, Some((x0, y0, x1, y1))) = (fill, rectangle) {
                // A thin filled rectangle is a line; a wide one a shaded area.
                let (w, h) = (x1 - x0, y1 - y0);
                if h <= 2.5 && w > h {
                    self.rule(true, (y0 + y1) / 2.0, x0, x1);
                } else if w <= 2.5 && h > w {
                    self.rule(false, (x0 + x1) / 2.0, y0, y1);
                } else if !stroke {
                    continue;
                }
            }
            if !stroke || width > 6.0 {
                continue;
            }
            let n = points.len();
            let segments = if closed || close {
                n
            } else {
                n.saturating_sub(1)
            };
            for k in 0..segments {
                let (a, b) = (points[k], points[(k + 1) % n]);
                if (a.1 - b.1).abs() < 0.5 {
                    self.rule(true, (a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0));
                } else if (a.0 - b.0).abs() < 0.5 {
                    self.rule(false, (a.0 + b.0) / 2.0, a.1.min(b.1), a.1.max(b.1));
                }
            }
        }
    }

    fn rule(&mut self, horizontal: bool, at: f64, a: f64, b: f64) {
        if b - a < 0.5 || !(at.is_finite() && a.is_finite() && b.is_finite()) {
            return;
        }
        if self.page.rules.len() < 200_000 {
            self.page.rules.push(Rule {
                horizontal,
                at,
                a,
                b,
            });
        }
    }
}

/// The bounds of a subpath that is an axis-parallel rectangle.
fn rectangle_of(points: &[(f64, f64)]) -> Option<(f64, f64, f64, f64)> {
    let points = match points {
        [first @ .., last]
            if points.len() == 5
                && (first[0].0 - last.0).abs() < 0.5
                && (first[0].1 - last.1).abs() < 0.5 =>
        {
            first
        }
        _ => points,
    };
    if points.len() != 4 {
        return None;
    }
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let (x0, x1) = (
        xs.iter().cloned().fold(f64::MAX, f64::min),
        xs.iter().cloned().fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.iter().cloned().fold(f64::MAX, f64::min),
        ys.iter().cloned().fold(f64::MIN, f64::max),
    );
    let on_edge = points.iter().all(|p| {
        ((p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5)
            && ((p.1 - y0).abs() < 0.5 || (p.1 - y1).abs() < 0.5)
    });
    on_edge.then_some((x0, y0, x1, y1))
}
