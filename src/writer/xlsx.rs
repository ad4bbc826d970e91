//! The register as an Excel 责任分解表 an office can print and circulate: a title row, a header,
//! section rows, one row per task with units and people one per line, print settings for A4
//! landscape; a per-unit summary with a chart; optionally one checklist sheet per unit.
//! A hidden sheet keeps what the table has no column for (文号, date, people …), so a workbook
//! written here reads back to the same register.

use super::sheet::{self, print_setup, row_height};
use super::summary::{UnitLoad, reference_lines, unit_loads};
use super::view::{self, Column, Row};
use super::{WriteError, WriteOptions};
use crate::model::{Layout, Register};
use crate::vocab::{
    CHECKLIST_HEADERS, CHECKLIST_TITLE_ENDING, DUTY_HEADERS, LEADER_HEADERS, NOTE_LABEL, ROLE_LEAD,
    ROLE_SUPPORT, SUMMARY_CHART_TITLE, SUMMARY_HEADERS, SUMMARY_TITLE,
};
use rust_xlsxwriter::{
    Chart, ChartType, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

pub const TABLE_SHEET: &str = "责任分解表";
pub const SUMMARY_SHEET: &str = "按单位汇总";
/// The first sheet of a leader-division register: who 分管 what.
pub const LEADER_SHEET: &str = "领导分工";
/// The first sheet of a duty list: each post's duties.
pub const DUTY_SHEET: &str = "岗位职责";
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
/// One line of the title with room above and below.
const TITLE_ROW_HEIGHT: f64 = 36.0;
/// Lines of room each task row keeps when the table has progress columns to fill in by hand.
const PROGRESS_ROW_LINES: usize = 3;
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
    // One unit's table is what is sent to it: the summary of every unit is not its business.
    if options.unit.is_some() {
        book.push_worksheet(table_sheet(register, options, &styles)?);
        book.push_worksheet(meta_sheet(register)?);
        return Ok(book.save_to_buffer()?);
    }
    // The layout's own table comes first, for the clerk; the task table stays, for reading back.
    match register.document.layout {
        Layout::LeaderDivision => book.push_worksheet(leader_sheet(register, &styles)?),
        Layout::DutyList => book.push_worksheet(duty_sheet(register, &styles)?),
        Layout::Table | Layout::Outline => {}
    };
    book.push_worksheet(table_sheet(register, options, &styles)?);
    let loads = unit_loads(register);
    book.push_worksheet(summary_sheet(&loads, &styles)?);
    if options.by_unit {
        let mut used = vec![
            TABLE_SHEET.to_string(),
            SUMMARY_SHEET.to_string(),
            LEADER_SHEET.to_string(),
            DUTY_SHEET.to_string(),
            META_SHEET.to_string(),
        ];
        for load in &loads {
            let name = sheet_name(load.unit, &mut used);
            book.push_worksheet(unit_sheet(load, &name, options, &styles)?);
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
    let columns = view::columns(register, options);
    let rows = view::rows(register, options.expand_items);
    let unit = options.unit.as_deref();
    let cells: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|row| match row {
            Row::Task { task, item } => columns
                .iter()
                .map(|c| c.values(task, *item, unit))
                .collect(),
            Row::Section { .. } => Vec::new(),
        })
        .collect();
    let widths = column_widths(&columns, &cells);
    let last_col = (columns.len() - 1) as u16;
    let mut sheet = Worksheet::new();
    sheet.set_name(TABLE_SHEET)?;
    print_setup(&mut sheet, Some((0, 1)))?;
    let title = view::title(register, options);
    sheet.merge_range(0, 0, 0, last_col, &title, &styles.title)?;
    // Progress is written by hand on a printed copy too: every row leaves room for it.
    let least_lines = if columns.iter().any(|c| c.is_progress()) {
        PROGRESS_ROW_LINES
    } else {
        1
    };
    for (col, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, column.header(), &styles.header)?;
        sheet.set_column_width(col as u16, widths[col])?;
    }
    let header_height = sheet::row_height_of(
        columns
            .iter()
            .map(|c| c.header())
            .zip(widths.iter().copied()),
        BODY_SIZE,
    );
    sheet.set_row_height(1, header_height)?;
    let total_width: f64 = widths.iter().sum();
    let title_lines = sheet::wrapped_lines(&title, total_width, TITLE_SIZE);
    let title_height = TITLE_ROW_HEIGHT.max(row_height(title_lines, TITLE_SIZE));
    sheet.set_row_height(0, title_height)?;
    let mut r = 2u32;
    let mut heights: Vec<(f64, bool)> = Vec::with_capacity(rows.len());
    for (row, values) in rows.iter().zip(&cells) {
        match row {
            Row::Section { text, .. } => {
                sheet.merge_range(r, 0, r, last_col, text, &styles.section)?;
                let height = row_height(wrapped_lines(text, total_width), BODY_SIZE);
                sheet.set_row_height(r, height)?;
                heights.push((height, true));
            }
            Row::Task { .. } => {
                let mut lines = least_lines;
                for (col, (column, values)) in columns.iter().zip(values).enumerate() {
                    let text = values.join("\n");
                    let format = if matches!(column, Column::Seq | Column::Role | Column::Deadline)
                    {
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
                let height = row_height(lines, BODY_SIZE);
                sheet.set_row_height(r, height)?;
                heights.push((height, false));
            }
        }
        r += 1;
    }
    let repeated = title_height + header_height;
    let breaks = sheet::breaks_before_headings(2, &heights, repeated, sheet::page_height(&widths));
    sheet.set_page_breaks(&breaks)?;
    sheet.set_freeze_panes(2, 0)?;
    if r > 2 {
        sheet.autofilter(1, 0, r - 1, last_col)?;
    }
    for note in &register.document.notes {
        r += 1;
        let text = format!("{NOTE_LABEL}：{note}");
        sheet.merge_range(r, 0, r, last_col, &text, &styles.note)?;
        sheet.set_row_height(r, row_height(wrapped_lines(&text, total_width), BODY_SIZE))?;
    }
    Ok(sheet)
}

/// Widths in Excel units: the widest line of each column, CJK counted twice, within bounds that
/// keep a landscape A4 page readable.
fn column_widths(columns: &[Column], cells: &[Vec<Vec<String>>]) -> Vec<f64> {
    // Beside three columns to write in, the others give up some width to keep the print legible.
    let progress = columns.iter().any(|c| c.is_progress());
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let (min, max) = match column {
                Column::Seq => (6.0, 10.0),
                Column::Task if progress => (30.0, 40.0),
                Column::Task => (30.0, 60.0),
                Column::Role => (7.0, 8.0),
                Column::Lead | Column::Support if progress => (12.0, 20.0),
                Column::Lead | Column::Support => (12.0, 28.0),
                Column::Persons if progress => (10.0, 20.0),
                Column::Persons => (10.0, 26.0),
                Column::Leaders => (10.0, 16.0),
                Column::Deadline => (10.0, 18.0),
                Column::Done | Column::Problems | Column::NextSteps => (20.0, 36.0),
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

/// How many lines a value wraps to in a column of this width, at the body size.
fn wrapped_lines(text: &str, width: f64) -> usize {
    sheet::wrapped_lines(text, width, BODY_SIZE)
}

/// A title merged across `columns`, as tall as its wrapped lines.
fn title_row(
    sheet: &mut Worksheet,
    title: &str,
    widths: &[f64],
    styles: &Styles,
) -> Result<(), WriteError> {
    sheet.merge_range(0, 0, 0, (widths.len() - 1) as u16, title, &styles.title)?;
    let lines = sheet::wrapped_lines(title, widths.iter().sum(), TITLE_SIZE);
    sheet.set_row_height(0, TITLE_ROW_HEIGHT.max(row_height(lines, TITLE_SIZE)))?;
    Ok(())
}

/// A header row at row 1 and the column widths.
fn header_row(
    sheet: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    styles: &Styles,
) -> Result<(), WriteError> {
    for (col, (header, width)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(1, col as u16, *header, &styles.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_row_height(
        1,
        sheet::row_height_of(
            headers.iter().copied().zip(widths.iter().copied()),
            BODY_SIZE,
        ),
    )?;
    Ok(())
}

/// 领导 | 职务 | 分管工作 | 分管单位 | AB角, one row per leader.
fn leader_sheet(register: &Register, styles: &Styles) -> Result<Worksheet, WriteError> {
    let widths = [10.0, 22.0, 62.0, 22.0, 10.0];
    let mut sheet = Worksheet::new();
    sheet.set_name(LEADER_SHEET)?;
    print_setup(&mut sheet, Some((0, 1)))?;
    title_row(&mut sheet, &view::table_title(register), &widths, styles)?;
    header_row(&mut sheet, &LEADER_HEADERS, &widths, styles)?;
    for (i, leader) in view::leader_rows(register).iter().enumerate() {
        let r = 2 + i as u32;
        let work = leader.work.join("\n");
        let units = leader.units.join("\n");
        let cells = [
            leader.name.as_str(),
            leader.title.as_str(),
            work.as_str(),
            units.as_str(),
            leader.backup.as_str(),
        ];
        for (col, value) in cells.iter().enumerate() {
            let format = if matches!(col, 0 | 4) {
                &styles.centered
            } else {
                &styles.cell
            };
            sheet.write_string_with_format(r, col as u16, *value, format)?;
        }
        sheet.set_row_height(
            r,
            sheet::row_height_of(cells.into_iter().zip(widths), BODY_SIZE),
        )?;
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(sheet)
}

/// 岗位 | 职责, one row per duty, each post merged down over its duties.
fn duty_sheet(register: &Register, styles: &Styles) -> Result<Worksheet, WriteError> {
    let widths = [16.0, 100.0];
    let mut sheet = Worksheet::new();
    sheet.set_name(DUTY_SHEET)?;
    print_setup(&mut sheet, Some((0, 1)))?;
    title_row(&mut sheet, &view::table_title(register), &widths, styles)?;
    header_row(&mut sheet, &DUTY_HEADERS, &widths, styles)?;
    let mut r = 2u32;
    for (post, duties) in view::duties_by_post(register) {
        let first = r;
        for duty in duties {
            let text = match &duty.seq {
                Some(seq) => format!("{seq}{}", duty.text),
                None => duty.text.clone(),
            };
            sheet.write_string_with_format(r, 1, &text, &styles.cell)?;
            sheet.set_row_height(
                r,
                sheet::row_height_of(
                    [(post.as_str(), widths[0]), (text.as_str(), widths[1])],
                    BODY_SIZE,
                ),
            )?;
            r += 1;
        }
        if r - first > 1 {
            sheet.merge_range(first, 0, r - 1, 0, &post, &styles.centered)?;
        } else {
            sheet.write_string_with_format(first, 0, &post, &styles.centered)?;
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(sheet)
}

/// Every unit with how many tasks it leads and supports and which, busiest first, and beside the
/// table a chart of the ten busiest, outside the print area.
fn summary_sheet(loads: &[UnitLoad], styles: &Styles) -> Result<Worksheet, WriteError> {
    const HEADER_ROW: u32 = 1;
    let mut sheet = Worksheet::new();
    sheet.set_name(SUMMARY_SHEET)?;
    print_setup(&mut sheet, Some((0, HEADER_ROW)))?;
    let headers = SUMMARY_HEADERS;
    let widths = [24.0, 7.0, 7.0, 6.0, 46.0, 46.0];
    sheet.merge_range(0, 0, 0, 5, SUMMARY_TITLE, &styles.title)?;
    sheet.set_row_height(0, TITLE_ROW_HEIGHT)?;
    for (col, (header, width)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *header, &styles.header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_row_height(
        HEADER_ROW,
        sheet::row_height_of(headers.iter().copied().zip(widths), BODY_SIZE),
    )?;
    for (i, load) in loads.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let leads = reference_lines(&load.leads);
        let supports = reference_lines(&load.supports);
        sheet.write_string_with_format(r, 0, load.unit, &styles.cell)?;
        sheet.write_number_with_format(r, 1, load.leads.len() as f64, &styles.centered)?;
        sheet.write_number_with_format(r, 2, load.supports.len() as f64, &styles.centered)?;
        sheet.write_number_with_format(r, 3, load.total() as f64, &styles.centered)?;
        let (leads, supports) = (
            fit_cell(&leads).into_owned(),
            fit_cell(&supports).into_owned(),
        );
        sheet.write_string_with_format(r, 4, &leads, &styles.cell)?;
        sheet.write_string_with_format(r, 5, &supports, &styles.cell)?;
        let texts = [load.unit, "", "", "", leads.as_str(), supports.as_str()];
        sheet.set_row_height(
            r,
            sheet::row_height_of(texts.into_iter().zip(widths), BODY_SIZE),
        )?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    if !loads.is_empty() {
        let first = HEADER_ROW + 1;
        let last = HEADER_ROW + loads.len().min(10) as u32;
        let mut chart = Chart::new(ChartType::BarStacked);
        for (col, name) in [(1u16, "牵头"), (2u16, "配合")] {
            chart
                .add_series()
                .set_name(name)
                .set_categories((SUMMARY_SHEET, first, 0, last, 0))
                .set_values((SUMMARY_SHEET, first, col, last, col));
        }
        chart.title().set_name(SUMMARY_CHART_TITLE);
        chart.y_axis().set_reverse();
        chart.set_width(640).set_height(400);
        sheet.insert_chart(HEADER_ROW + 1, 7, &chart)?;
    }
    // The chart is for the screen: printed, it would widen the page or break across two.
    sheet.set_print_area(0, 0, HEADER_ROW + loads.len() as u32, 5)?;
    Ok(sheet)
}

/// One unit's checklist: what it leads and supports, in document order, numbered as in the
/// summary, one row per item with `--expand-items`, each with its time limit.
fn unit_sheet(
    load: &UnitLoad,
    name: &str,
    options: &WriteOptions,
    styles: &Styles,
) -> Result<Worksheet, WriteError> {
    const HEADER_ROW: u32 = 1;
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    print_setup(&mut sheet, Some((0, HEADER_ROW)))?;
    let title = format!("{}{CHECKLIST_TITLE_ENDING}", load.unit);
    sheet.merge_range(0, 0, 0, 3, &title, &styles.title)?;
    sheet.set_row_height(0, TITLE_ROW_HEIGHT)?;
    let headers = CHECKLIST_HEADERS;
    let widths = [8.0, 70.0, 8.0, 18.0];
    for (col, (header, width)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *header, &styles.header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    let mut r = HEADER_ROW + 1;
    for (at, leads) in &load.in_order {
        let role = if *leads { ROLE_LEAD } else { ROLE_SUPPORT };
        let task = at.task;
        let items: Vec<Option<&crate::model::Item>> =
            if options.expand_items && !task.items.is_empty() {
                task.items.iter().map(Some).collect()
            } else {
                vec![None]
            };
        for item in items {
            let number = match item {
                Some(item) => format!("{}.{}", at.position, item.label),
                None => at.position.to_string(),
            };
            let text = fit_cell(&Column::Task.values(task, item, None).join("\n")).into_owned();
            let deadline = Column::Deadline.values(task, item, None).join("\n");
            let cells = [number.as_str(), text.as_str(), role, deadline.as_str()];
            for (col, value) in cells.iter().enumerate() {
                let format = if col == 1 {
                    &styles.cell
                } else {
                    &styles.centered
                };
                sheet.write_string_with_format(r, col as u16, *value, format)?;
            }
            sheet.set_row_height(
                r,
                sheet::row_height_of(cells.into_iter().zip(widths), BODY_SIZE),
            )?;
            r += 1;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
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
        // Section rows show where a task enters a section, not that it has left them all (a
        // task after the last heading's tasks that belongs to none): each task's, in order.
        "sections": register.tasks.iter().map(|t| &t.section).collect::<Vec<_>>(),
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
