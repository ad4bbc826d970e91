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

/// A4 landscape and the margins `print_setup` gives it, in inches.
const PAGE_WIDTH_INCHES: f64 = 11.69;
const PAGE_HEIGHT_INCHES: f64 = 8.27;
const SIDE_MARGIN_INCHES: f64 = 0.59;
const TOP_MARGIN_INCHES: f64 = 0.79;
const HEADER_MARGIN_INCHES: f64 = 0.31;

/// Points of a column this many Excel units wide, as it prints.
fn column_points(width: f64) -> f64 {
    (width * PIXELS_PER_WIDTH_UNIT + 5.0).trunc() * 0.75
}

/// LibreOffice prints an Excel column about this much wider than Excel does (measured on the
/// pages scripts/render-xlsx.sh renders, with Carlito for Calibri: a sheet of 994 points in
/// Excel's units printed at 71.9%, one of 889 at 80.0%), so it scales a sheet that much further
/// down to fit it to the page's width.
const LIBREOFFICE_WIDTH_FACTOR: f64 = 1.06;

/// The height of a page's body in LibreOffice, points: it gives the footer only the room its
/// text takes rather than the whole bottom margin (measured as above: 504 points held, 516 not).
const LIBREOFFICE_BODY_POINTS: f64 = 504.0;

/// How much of a sheet's height (in its own points, rows as set) one printed page holds in both
/// Excel and LibreOffice, for columns of these widths fitted one page wide
/// (`set_print_fit_to_pages(1, 0)`): Excel scales to a whole percentage, never above 100, and
/// keeps the footer in the bottom margin; LibreOffice scales a little further and gives the
/// body more of the page.
pub fn page_height(widths: &[f64]) -> f64 {
    let points: f64 = widths
        .iter()
        .copied()
        .map(column_points)
        .sum::<f64>()
        .max(1.0);
    let printable_width = (PAGE_WIDTH_INCHES - 2.0 * SIDE_MARGIN_INCHES) * 72.0;
    let excel_scale = ((printable_width / points * 100.0).floor() / 100.0).min(1.0);
    let libreoffice_scale = (printable_width / (points * LIBREOFFICE_WIDTH_FACTOR)).min(1.0);
    let excel_body = (PAGE_HEIGHT_INCHES - 2.0 * TOP_MARGIN_INCHES) * 72.0;
    (excel_body / excel_scale.max(0.1)).min(LIBREOFFICE_BODY_POINTS / libreoffice_scale.max(0.1))
}

/// Excel keeps at most this many manual page breaks on a sheet.
const MAX_PAGE_BREAKS: usize = 1023;

/// Share of a page's height the count below fills, for what it cannot foresee (rounding of
/// row heights, a printer's own margins).
const PAGE_FILL: f64 = 0.98;

/// Where pages break so that none ends on heading rows: where a page would end after a run of
/// headings, it ends before them, and they open the next page with the tasks they head.
/// Neither Excel nor LibreOffice keeps a row with the next, so the pages are counted here as
/// they would be, on the smaller page of the two: `rows` are `(height in points, is a
/// heading)` from row `first` on, `repeated` the height of the rows repeated on every page,
/// `page` what a page holds ([`page_height`]). Every break is returned once one had to move
/// (the two applications then print the same pages), none where no page ends on a heading.
pub fn breaks_before_headings(
    first: u32,
    rows: &[(f64, bool)],
    repeated: f64,
    page: f64,
) -> Vec<u32> {
    let capacity = page * PAGE_FILL - repeated;
    let mut breaks = Vec::new();
    let mut moved = false;
    let (mut start, mut used, mut i) = (0, 0.0, 0);
    while i < rows.len() && breaks.len() < MAX_PAGE_BREAKS {
        if used + rows[i].0 > capacity && i > start {
            let mut at = i;
            while at > start && rows[at - 1].1 {
                at -= 1;
            }
            if at == start {
                // A page of nothing but headings: let it end where it must.
                at = i;
            }
            moved |= at < i;
            breaks.push(first + at as u32);
            start = at;
            used = 0.0;
            i = at;
            continue;
        }
        used += rows[i].0;
        i += 1;
    }
    if moved { breaks } else { Vec::new() }
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
    sheet.set_margins(
        SIDE_MARGIN_INCHES,
        SIDE_MARGIN_INCHES,
        TOP_MARGIN_INCHES,
        TOP_MARGIN_INCHES,
        HEADER_MARGIN_INCHES,
        HEADER_MARGIN_INCHES,
    );
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
    fn pages_end_before_the_headings_they_would_end_on() {
        // A page of 481.7 points holds 98% of it: less 60 repeated, 412, four rows of 100.
        let page = 481.7;
        let task = (100.0, false);
        let heading = (20.0, true);
        let rows = [
            task, task, task, heading, heading, task, task, task, task, task,
        ];
        assert_eq!(
            breaks_before_headings(2, &rows, 60.0, page),
            [5, 10],
            "every break, once one moved"
        );
        assert!(
            breaks_before_headings(2, &[task, task, task, task, task], 60.0, page).is_empty(),
            "pages that end on a task keep their automatic breaks"
        );
        assert!(
            breaks_before_headings(2, &[heading; 40], 60.0, page).is_empty(),
            "nothing but headings"
        );
        assert!(
            breaks_before_headings(2, &rows, 60.0, 2.0 * page).is_empty(),
            "a page twice as tall"
        );
    }

    #[test]
    fn a_page_holds_what_the_smaller_of_the_two_applications_prints() {
        // Narrow columns print at 100%: Excel's body, 6.69 inches, is the smaller.
        assert!((page_height(&[30.0, 30.0]) - 481.68).abs() < 0.1);
        // Six columns of 888.75 points: Excel prints at 85%, LibreOffice at 80.3%.
        let wide = page_height(&[7.0, 60.0, 28.0, 28.0, 26.0, 16.0]);
        assert!((wide - 481.68 / 0.85).abs() < 0.1, "{wide}");
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
