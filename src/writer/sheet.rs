//! Sheet geometry shared by every workbook dutyctl writes: how tall a row must be to show its
//! wrapped text (Excel does not grow rows written by a program), and the print setup a clerk
//! expects — A4 landscape, one page wide, header rows repeated, page numbers counted per sheet.

use super::WriteError;
use super::view::display_width;
use rust_xlsxwriter::Worksheet;

/// Excel's column unit is the width of a digit of the default 11-point font: 7 pixels.
const PIXELS_PER_WIDTH_UNIT: f64 = 7.0;
/// Pixels a cell loses to its left and right padding and the grid line.
const CELL_PADDING_PIXELS: f64 = 6.0;
/// Points added to a row so that its text does not touch the borders.
const ROW_PADDING_POINTS: f64 = 6.0;
/// Line spacing as a multiple of the font size: 仿宋 and 宋体 need about 1.3 in Excel, their
/// Noto substitutes about 1.45 in LibreOffice; between the two, neither clips a line.
const LINE_SPACING: f64 = 1.4;

/// Pixels of one character at this size: a CJK or full-width character is one em, any other
/// about half of one.
fn char_pixels(c: char, font_size: f64) -> f64 {
    let em = font_size * 96.0 / 72.0;
    let mut buffer = [0u8; 4];
    if display_width(c.encode_utf8(&mut buffer)) == 2 {
        em
    } else {
        em * 0.55
    }
}

/// How many lines text wraps to in a column of this width (Excel units): each line of the text
/// breaks where the next character would not fit, as CJK text breaks between any two characters.
pub fn wrapped_lines(text: &str, column_width: f64, font_size: f64) -> usize {
    let usable = (column_width * PIXELS_PER_WIDTH_UNIT + 5.0 - CELL_PADDING_PIXELS).max(1.0);
    let lines: usize = text
        .split('\n')
        .map(|line| {
            let mut count = 1;
            let mut used = 0.0;
            for c in line.chars() {
                let width = char_pixels(c, font_size);
                if used + width > usable && used > 0.0 {
                    count += 1;
                    used = 0.0;
                }
                used += width;
            }
            count
        })
        .sum();
    lines.max(1)
}

/// Points per line at this font size.
pub fn line_height(font_size: f64) -> f64 {
    (font_size * LINE_SPACING).round()
}

/// The height (points) of a row whose tallest cell wraps to `lines` lines.
pub fn row_height(lines: usize, font_size: f64) -> f64 {
    lines.max(1) as f64 * line_height(font_size) + ROW_PADDING_POINTS
}

/// The height of a row of these cells, each `(text, column width)`.
pub fn row_height_of<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>, font_size: f64) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| wrapped_lines(text, width, font_size))
        .max()
        .unwrap_or(1);
    row_height(lines, font_size)
}

/// The footer of every sheet: the page number within the sheet, centred; the sheet's name.
pub const FOOTER: &str = "&C第 &P 页&R&A";

/// A4 landscape, one page wide, `repeat` rows (first, last) on every page, page numbers that
/// start at 1 on every sheet so that a checklist sheet reads 第 1 页 however long the main
/// table is. No 共 N 页: LibreOffice counts N over every sheet of the workbook; the sheet's
/// name at the right says which table a page belongs to.
pub fn print_setup(sheet: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<(), WriteError> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    sheet.set_footer(FOOTER);
    sheet.set_print_first_page_number(1);
    sheet.set_margins(0.59, 0.59, 0.79, 0.79, 0.31, 0.31);
    sheet.set_print_center_horizontally(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_break_cjk_text_where_the_column_ends() {
        // A 60-unit column holds 425 − 6 pixels: 26 characters of 16 pixels at 12 points.
        assert_eq!(wrapped_lines(&"安".repeat(26), 60.0, 12.0), 1);
        assert_eq!(wrapped_lines(&"安".repeat(27), 60.0, 12.0), 2);
        assert_eq!(wrapped_lines("甲\n乙", 30.0, 12.0), 2);
        assert_eq!(wrapped_lines("", 30.0, 12.0), 1);
        assert!(
            wrapped_lines(&"a".repeat(40), 30.0, 12.0)
                < wrapped_lines(&"安".repeat(40), 30.0, 12.0),
            "Latin letters are narrower"
        );
    }

    #[test]
    fn a_row_is_as_tall_as_its_tallest_cell() {
        let text = "安".repeat(53);
        assert_eq!(
            row_height_of([(text.as_str(), 60.0), ("县应急局", 12.0)], 12.0),
            3.0 * line_height(12.0) + ROW_PADDING_POINTS
        );
    }
}
