//! The register as an Excel 责任分解表 an office can print and circulate: a title row, a header,
//! section rows, one row per task with units and people one per line, print settings for A4
//! landscape; a per-unit summary with a chart; optionally one checklist sheet per unit.
//! A hidden sheet keeps what the table has no column for (文号, date, people …), so a workbook
//! written here reads back to the same register.

use super::summary::{UnitLoad, seq_list, unit_loads};
use super::view::{self, Column, Row};
use super::{WriteError, WriteOptions};
use crate::model::Register;
use rust_xlsxwriter::{
    Chart, ChartType, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

pub const TABLE_SHEET: &str = "责任分解表";
pub const SUMMARY_SHEET: &str = "按单位汇总";
use crate::model::WORKBOOK_META_SHEET as META_SHEET;

/// Excel's limit on the text of one cell, in characters.
const CELL_TEXT_LIMIT: usize = 32_767;

/// Room kept at the end of a cut cell for the note that says so.
const CUT_NOTE_ROOM: usize = 40;

/// A text longer than a cell holds (a unit supporting 6,000 tasks lists them all), cut with a
/// note saying how much was left out: the workbook is still written, and the register keeps
/// the whole text.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= CELL_TEXT_LIMIT {
        return text.into();
    }
    let keep = CELL_TEXT_LIMIT - CUT_NOTE_ROOM;
    let cut = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    format!(
        "{}…（超出 Excel 单元格字数上限，余下 {} 字略）",
        &text[..cut],
        count - keep
    )
    .into()
}

const BODY_SIZE: f64 = 12.0;
const TITLE_SIZE: f64 = 18.0;
/// Points per wrapped line at the body size.
const LINE_HEIGHT: f64 = 16.0;
/// A 12-point CJK character is a little wider than two units of Excel's default 11-point font.
const WIDTH_SCALE: f64 = 1.1;

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> Self {
        WriteError(format!("xlsx: {e}"))
    }
}

struct Styles {
    title: Format,
    header: Format,
    section: Format,
    cell: Format,
    centered: Format,
    note: Format,
}

impl Styles {
    fn new(options: &WriteOptions) -> Self {
        let body = Format::new()
            .set_font_name(options.font.as_str())
            .set_font_size(BODY_SIZE);
        let boxed = body
            .clone()
            .set_text_wrap()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_font_name(options.title_font.as_str())
                .set_font_size(TITLE_SIZE)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: boxed.clone().set_bold().set_align(FormatAlign::Center),
            section: boxed.clone().set_bold().set_align(FormatAlign::Left),
            centered: boxed.clone().set_align(FormatAlign::Center),
            cell: boxed.set_align(FormatAlign::Left),
            note: body
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
        }
    }
}

pub fn write(register: &Register, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    let styles = Styles::new(options);
    let mut book = Workbook::new();
    book.push_worksheet(table_sheet(register, options, &styles)?);
    let loads = unit_loads(register);
    book.push_worksheet(summary_sheet(&loads, &styles)?);
    if options.by_unit {
        let mut used = vec![
            TABLE_SHEET.to_string(),
            SUMMARY_SHEET.to_string(),
            META_SHEET.to_string(),
        ];
        for load in &loads {
            let name = sheet_name(load.unit, &mut used);
            book.push_worksheet(unit_sheet(load, &name, &styles)?);
        }
    }
    book.push_worksheet(meta_sheet(register)?);
    Ok(book.save_to_buffer()?)
}

fn table_sheet(
    register: &Register,
    options: &WriteOptions,
    styles: &Styles,
) -> Result<Worksheet, WriteError> {
    let columns = view::columns(register);
    let rows = view::rows(register, options.expand_items);
    let cells: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|row| match row {
            Row::Task { task, item } => columns.iter().map(|c| c.values(task, *item)).collect(),
            Row::Section { .. } => Vec::new(),
        })
        .collect();
    let widths = column_widths(&columns, &cells);
    let last_col = (columns.len() - 1) as u16;
    let mut sheet = Worksheet::new();
    sheet.set_name(TABLE_SHEET)?;
    print_setup(&mut sheet, 1)?;
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &view::table_title(register),
        &styles.title,
    )?;
    sheet.set_row_height(0, 36)?;
    for (col, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, column.header(), &styles.header)?;
        sheet.set_column_width(col as u16, widths[col])?;
    }
    let total_width: f64 = widths.iter().sum();
    let mut r = 2u32;
    for (row, values) in rows.iter().zip(&cells) {
        match row {
            Row::Section { text, .. } => {
                sheet.merge_range(r, 0, r, last_col, text, &styles.section)?;
                sheet.set_row_height(
                    r,
                    wrapped_lines(text, total_width) as f64 * LINE_HEIGHT + 6.0,
                )?;
            }
            Row::Task { .. } => {
                let mut lines = 1;
                for (col, (column, values)) in columns.iter().zip(values).enumerate() {
                    let text = values.join("\n");
                    let format = if matches!(column, Column::Seq | Column::Deadline) {
                        &styles.centered
                    } else {
                        &styles.cell
                    };
                    sheet.write_string_with_format(r, col as u16, fit_cell(&text), format)?;
                    lines = lines.max(
                        values
                            .iter()
                            .map(|v| wrapped_lines(v, widths[col]))
                            .sum::<usize>(),
                    );
                }
                sheet.set_row_height(r, lines as f64 * LINE_HEIGHT + 6.0)?;
            }
        }
        r += 1;
    }
    sheet.set_freeze_panes(2, 0)?;
    if r > 2 {
        sheet.autofilter(1, 0, r - 1, last_col)?;
    }
    for note in &register.document.notes {
        r += 1;
        let text = format!("备注：{note}");
        sheet.merge_range(r, 0, r, last_col, &text, &styles.note)?;
        sheet.set_row_height(
            r,
            wrapped_lines(&text, total_width) as f64 * LINE_HEIGHT + 6.0,
        )?;
    }
    Ok(sheet)
}

/// Widths in Excel units: the widest line of each column, CJK counted twice, within bounds that
/// keep a landscape A4 page readable.
fn column_widths(columns: &[Column], cells: &[Vec<Vec<String>>]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let (min, max) = match column {
                Column::Seq => (6.0, 10.0),
                Column::Task => (30.0, 60.0),
                Column::Lead | Column::Support => (12.0, 28.0),
                Column::Persons => (10.0, 26.0),
                Column::Leaders => (10.0, 16.0),
                Column::Deadline => (10.0, 18.0),
            };
            let header = view::display_width(column.header()) as f64 * WIDTH_SCALE + 2.0;
            let widest = cells
                .iter()
                .filter_map(|row| row.get(i))
                .flatten()
                .flat_map(|v| v.lines())
                .map(|line| view::display_width(line) as f64 * WIDTH_SCALE + 2.0)
                .fold(header, f64::max);
            widest.clamp(min, max).ceil()
        })
        .collect()
}

/// How many lines a value wraps to in a column of this width.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 2.0).max(1.0);
    text.lines()
        .map(|line| {
            ((view::display_width(line) as f64 * WIDTH_SCALE) / usable)
                .ceil()
                .max(1.0) as usize
        })
        .sum::<usize>()
        .max(1)
}

/// A4 landscape, one page wide, the title and header repeated on every page, page numbers.
fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Result<(), WriteError> {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, header_row)?;
    sheet.set_footer("&C第 &P 页 共 &N 页");
    sheet.set_margins(0.59, 0.59, 0.79, 0.79, 0.31, 0.31);
    sheet.set_print_center_horizontally(true);
    Ok(())
}

fn summary_sheet(loads: &[UnitLoad], styles: &Styles) -> Result<Worksheet, WriteError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SUMMARY_SHEET)?;
    print_setup(&mut sheet, 0)?;
    let headers = [
        "单位",
        "牵头任务数",
        "配合任务数",
        "合计",
        "牵头任务",
        "配合任务",
    ];
    let widths = [30.0, 12.0, 12.0, 8.0, 30.0, 30.0];
    for (col, (header, width)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    for (i, load) in loads.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string_with_format(r, 0, load.unit, &styles.cell)?;
        sheet.write_number_with_format(r, 1, load.leads.len() as f64, &styles.centered)?;
        sheet.write_number_with_format(r, 2, load.supports.len() as f64, &styles.centered)?;
        sheet.write_number_with_format(r, 3, load.total() as f64, &styles.centered)?;
        sheet.write_string_with_format(r, 4, fit_cell(&seq_list(&load.leads)), &styles.cell)?;
        let supports = seq_list(&load.supports);
        sheet.write_string_with_format(r, 5, fit_cell(&supports), &styles.cell)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !loads.is_empty() {
        let last = loads.len().min(10) as u32;
        let mut chart = Chart::new(ChartType::BarStacked);
        for (col, name) in [(1u16, "牵头"), (2u16, "配合")] {
            chart
                .add_series()
                .set_name(name)
                .set_categories((SUMMARY_SHEET, 1, 0, last, 0))
                .set_values((SUMMARY_SHEET, 1, col, last, col));
        }
        chart.title().set_name("任务最多的单位");
        chart.y_axis().set_reverse();
        chart.set_width(640).set_height(400);
        sheet.insert_chart(1, 7, &chart)?;
    }
    Ok(sheet)
}

/// One unit's checklist: what it leads and supports, in document order, with the deadline.
fn unit_sheet(load: &UnitLoad, name: &str, styles: &Styles) -> Result<Worksheet, WriteError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    print_setup(&mut sheet, 1)?;
    sheet.merge_range(0, 0, 0, 3, &format!("{}任务清单", load.unit), &styles.title)?;
    sheet.set_row_height(0, 36)?;
    let headers = ["序号", "重点工作任务", "角色", "完成时限"];
    let widths = [8.0, 60.0, 8.0, 16.0];
    for (col, (header, width)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(1, col as u16, *header, &styles.header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    for (i, (task, leads)) in load.in_order.iter().enumerate() {
        let role = if *leads { "牵头" } else { "配合" };
        let r = i as u32 + 2;
        sheet.write_string_with_format(
            r,
            0,
            task.seq.as_deref().unwrap_or(""),
            &styles.centered,
        )?;
        sheet.write_string_with_format(r, 1, fit_cell(&task.text), &styles.cell)?;
        sheet.write_string_with_format(r, 2, role, &styles.centered)?;
        sheet.write_string_with_format(
            r,
            3,
            task.deadline.as_deref().unwrap_or(""),
            &styles.centered,
        )?;
        sheet.set_row_height(
            r,
            wrapped_lines(&task.text, 60.0) as f64 * LINE_HEIGHT + 6.0,
        )?;
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(sheet)
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(unit: &str, used: &mut Vec<String>) -> String {
    let clean: String = unit
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let mut name = if clean.is_empty() {
        "单位".to_string()
    } else {
        clean
    };
    let base = name.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

fn meta_sheet(register: &Register) -> Result<Worksheet, WriteError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(META_SHEET)?;
    sheet.set_hidden(true);
    let meta = serde_json::json!({
        "dutyctl": register.dutyctl,
        "table_sheet": TABLE_SHEET,
        "document": register.document,
        "people": register.people,
    });
    sheet.write_string(
        0,
        0,
        "dutyctl register metadata (read back by dutyctl import; do not edit)",
    )?;
    sheet.write_string(1, 0, meta.to_string())?;
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_a_note() {
        let long = "长".repeat(40_000);
        let fitted = fit_cell(&long);
        assert!(fitted.chars().count() <= CELL_TEXT_LIMIT);
        assert!(
            fitted.ends_with("余下 7273 字略）"),
            "{}",
            &fitted[fitted.len() - 60..]
        );
        assert_eq!(fit_cell("短"), "短");
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut used = vec![TABLE_SHEET.to_string()];
        assert_eq!(sheet_name("市应急管理局", &mut used), "市应急管理局");
        assert_eq!(sheet_name("市应急管理局", &mut used), "市应急管理局2");
        assert_eq!(sheet_name("A/B:单位[1]", &mut used), "AB单位1");
        assert!(sheet_name(&"很".repeat(40), &mut used).chars().count() <= 31);
    }

    #[test]
    fn wrapped_lines_follow_display_width() {
        assert_eq!(wrapped_lines("市应急管理局", 30.0), 1);
        assert_eq!(wrapped_lines(&"安".repeat(40), 30.0), 4);
        assert_eq!(wrapped_lines("甲\n乙", 30.0), 2);
    }
}
