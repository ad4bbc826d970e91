//! A diff as a change table a clerk can print and circulate: a title naming the two documents,
//! the counts, then one row per change with a status column and old and new values side by
//! side, changed cells highlighted; rows tall enough for their wrapped text, A4 landscape.

use super::status;
use crate::diff::{Change, ChangeKind, Diff, TaskRef};
use crate::model::{Register, Task};
use crate::vocab::{Column, printed_header};
use crate::writer::WriteError;
use crate::writer::sheet::{print_setup, row_height, row_height_of, wrapped_lines};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

pub const SHEET: &str = "任务变化";
pub const TITLE: &str = "任务变化对照表";

const HEADERS: [&str; 12] = [
    "状态",
    "原序号",
    "原任务",
    "新序号",
    "新任务",
    "原牵头单位",
    "新牵头单位",
    "原配合单位",
    "新配合单位",
    "原完成时限",
    "新完成时限",
    "相似度",
];
/// Columns holding the old and the new value of one thing; highlighted where the two differ.
const OLD_NEW_COLUMNS: [(usize, usize); 5] = [(1, 3), (2, 4), (5, 6), (7, 8), (9, 10)];
/// 164 units (a 序号 column holds （十一）): A4 landscape holds about 144 at 100 %, so the fit-to-width scale stays near 90 %
/// and 10.5-point text readable; the two task columns get most of the page.
const WIDTHS: [f64; 12] = [
    6.0, 9.0, 31.0, 9.0, 31.0, 12.0, 12.0, 14.0, 14.0, 10.0, 10.0, 6.0,
];
/// Where some task's progress changed, its old and new value follow (原进展 | 新进展).
const PROGRESS_HEADERS: [&str; 2] = ["原进展", "新进展"];
const PROGRESS_WIDTH: f64 = 20.0;
const BODY_SIZE: f64 = 10.5;
const TITLE_SIZE: f64 = 16.0;
/// Rows above the table: the title, the counts, the header.
const HEADER_ROW: u32 = 2;

pub fn render(
    diff: &Diff,
    old: &Register,
    new: &Register,
    font: &str,
) -> Result<Vec<u8>, WriteError> {
    let base = Format::new()
        .set_font_name(font)
        .set_font_size(BODY_SIZE)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let centered = base.clone().set_align(FormatAlign::Center);
    let highlight = base.clone().set_background_color(Color::RGB(0xFFF2CC));
    let title_format = Format::new()
        .set_font_name(font)
        .set_font_size(TITLE_SIZE)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let about_format = Format::new()
        .set_font_name(font)
        .set_font_size(BODY_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    let with_progress = diff
        .changes
        .iter()
        .any(|c| c.kinds().contains(&ChangeKind::Progress));
    let mut headers: Vec<&str> = HEADERS.to_vec();
    let mut widths: Vec<f64> = WIDTHS.to_vec();
    let mut old_new: Vec<(usize, usize)> = OLD_NEW_COLUMNS.to_vec();
    if with_progress {
        headers.extend(PROGRESS_HEADERS);
        widths.extend([PROGRESS_WIDTH; 2]);
        old_new.push((HEADERS.len(), HEADERS.len() + 1));
    }
    let last_col = (headers.len() - 1) as u16;
    let total_width: f64 = widths.iter().sum();

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    print_setup(sheet, Some((HEADER_ROW, HEADER_ROW)))?;
    sheet.merge_range(0, 0, 0, last_col, TITLE, &title_format)?;
    sheet.set_row_height(0, row_height(1, TITLE_SIZE))?;
    let s = &diff.summary;
    let about = format!(
        "原：{}\n新：{}\n未变 {} 项，变更 {} 项，新增 {} 项，删除 {} 项，拆分 {} 项，合并 {} 项；黄色为前后不同之处。",
        name(old),
        name(new),
        s.unchanged,
        s.changed,
        s.added,
        s.removed,
        s.split,
        s.merged
    );
    sheet.merge_range(1, 0, 1, last_col, &about, &about_format)?;
    sheet.set_row_height(
        1,
        row_height(wrapped_lines(&about, total_width, BODY_SIZE), BODY_SIZE),
    )?;
    for (col, (name, width)) in headers.iter().zip(&widths).enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *name, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_row_height(
        HEADER_ROW,
        row_height_of(
            headers.iter().copied().zip(widths.iter().copied()),
            BODY_SIZE,
        ),
    )?;

    for (i, change) in diff.changes.iter().enumerate() {
        let (olds, news, similarity) = sides(change, old, new);
        let mut values = vec![
            status(change).to_string(),
            join(&olds, |t| t.seq.clone().unwrap_or_default()),
            join(&olds, |t| t.text.clone()),
            join(&news, |t| t.seq.clone().unwrap_or_default()),
            join(&news, |t| t.text.clone()),
            join(&olds, |t| t.lead.join("\n")),
            join(&news, |t| t.lead.join("\n")),
            join(&olds, |t| t.support.join("\n")),
            join(&news, |t| t.support.join("\n")),
            join(&olds, |t| t.deadline.clone().unwrap_or_default()),
            join(&news, |t| t.deadline.clone().unwrap_or_default()),
            similarity.map(|s| format!("{s:.2}")).unwrap_or_default(),
        ];
        if with_progress {
            values.push(join(&olds, progress_text));
            values.push(join(&news, progress_text));
        }
        let r = HEADER_ROW + 1 + i as u32;
        for (col, value) in values.iter().enumerate() {
            let differs = old_new
                .iter()
                .any(|(a, b)| (col == *a || col == *b) && values[*a] != values[*b]);
            let format = if differs {
                &highlight
            } else if matches!(col, 0 | 1 | 3 | 11) {
                &centered
            } else {
                &base
            };
            sheet.write_string_with_format(r, col as u16, value, format)?;
        }
        sheet.set_row_height(
            r,
            row_height_of(
                values
                    .iter()
                    .map(String::as_str)
                    .zip(widths.iter().copied()),
                BODY_SIZE,
            ),
        )?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        HEADER_ROW + diff.changes.len() as u32,
        last_col,
    )?;
    Ok(book.save_to_buffer()?)
}

/// The old tasks, the new tasks and the similarity of one change.
fn sides(change: &Change, old: &Register, new: &Register) -> (Vec<Task>, Vec<Task>, Option<f64>) {
    let find = |register: &Register, r: &TaskRef| -> Option<Task> {
        register.tasks.iter().find(|t| t.id == r.id).cloned()
    };
    match change {
        Change::Changed {
            old: a,
            new: b,
            similarity,
            ..
        } => (
            find(old, a).into_iter().collect(),
            find(new, b).into_iter().collect(),
            Some(*similarity),
        ),
        Change::Added { new: b } => (vec![], find(new, b).into_iter().collect(), None),
        Change::Removed { old: a } => (find(old, a).into_iter().collect(), vec![], None),
        Change::Split { old: a, new: bs } => (
            find(old, a).into_iter().collect(),
            bs.iter().filter_map(|b| find(new, b)).collect(),
            None,
        ),
        Change::Merged { old: as_, new: b } => (
            as_.iter().filter_map(|a| find(old, a)).collect(),
            find(new, b).into_iter().collect(),
            None,
        ),
    }
}

/// One value per task, a task to a line (a split lists each new task's value).
fn join(tasks: &[Task], value: fn(&Task) -> String) -> String {
    tasks.iter().map(value).collect::<Vec<_>>().join("\n")
}

/// A task's progress, a part a line under its column's name (`完成情况：…`).
fn progress_text(task: &Task) -> String {
    let Some(progress) = &task.progress else {
        return String::new();
    };
    [
        (Column::Done, &progress.done),
        (Column::Problems, &progress.problems),
        (Column::NextSteps, &progress.next_steps),
    ]
    .into_iter()
    .filter_map(|(column, part)| {
        part.as_ref()
            .map(|p| format!("{}：{p}", printed_header(column)))
    })
    .collect::<Vec<_>>()
    .join("\n")
}

/// What the title calls a register: its document's title, else its file name.
fn name(register: &Register) -> String {
    register
        .document
        .title
        .clone()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| register.document.source.clone())
}
