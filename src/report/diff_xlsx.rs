//! A diff as a change table a clerk can circulate: a status column, old and new values side by
//! side, changed cells highlighted.

use super::status;
use crate::model::diff::{Change, Diff, TaskRef};
use crate::model::{Register, Task};
use crate::writer::WriteError;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

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
const WIDTHS: [f64; 12] = [
    8.0, 8.0, 40.0, 8.0, 40.0, 18.0, 18.0, 22.0, 22.0, 14.0, 14.0, 8.0,
];

pub fn render(
    diff: &Diff,
    old: &Register,
    new: &Register,
    font: &str,
) -> Result<Vec<u8>, WriteError> {
    let base = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let highlight = base.clone().set_background_color(Color::RGB(0xFFF2CC));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("任务变化")?;
    for (col, (name, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    let find = |register: &'_ Register, r: &TaskRef| -> Option<Task> {
        register.tasks.iter().find(|t| t.id == r.id).cloned()
    };
    let join =
        |tasks: &[Task], f: fn(&Task) -> String| tasks.iter().map(f).collect::<Vec<_>>().join("\n");
    for (i, change) in diff.changes.iter().enumerate() {
        let (olds, news, similarity): (Vec<Task>, Vec<Task>, Option<f64>) = match change {
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
        };
        let values = [
            status(change).to_string(),
            join(&olds, |t| t.seq.clone().unwrap_or_default()),
            join(&olds, |t| t.text.clone()),
            join(&news, |t| t.seq.clone().unwrap_or_default()),
            join(&news, |t| t.text.clone()),
            join(&olds, |t| t.lead.join("、")),
            join(&news, |t| t.lead.join("、")),
            join(&olds, |t| t.support.join("、")),
            join(&news, |t| t.support.join("、")),
            join(&olds, |t| t.deadline.clone().unwrap_or_default()),
            join(&news, |t| t.deadline.clone().unwrap_or_default()),
            similarity.map(|s| format!("{s:.2}")).unwrap_or_default(),
        ];
        let r = i as u32 + 1;
        for (col, value) in values.iter().enumerate() {
            let differs = OLD_NEW_COLUMNS
                .iter()
                .any(|(a, b)| (col == *a || col == *b) && values[*a] != values[*b]);
            sheet.write_string_with_format(
                r,
                col as u16,
                value,
                if differs { &highlight } else { &base },
            )?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, diff.changes.len() as u32, (HEADERS.len() - 1) as u16)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(book.save_to_buffer()?)
}
