//! Tables: a table block's rows of cells → tasks, whichever reader found the table (text, Word,
//! workbook, CSV).

use super::deadline::leading_deadline;
use super::due::due_date;
use super::items::inline_items;
use super::meta::note;
use super::numbering::{LabelKind, after_label, parse_label};
use super::sentence_title;
use super::source_ref;
use crate::document::{Cell as DocCell, Position, Table};
use crate::error::Warning;
use crate::model::{Progress, SourceRef, Task};
use crate::normalize::persons::split_persons;
use crate::normalize::units::{DocumentWords, UnitContext, join_cell_lines, take_marked_leads};
use crate::vocab::{Column, SECTION_SEPARATOR};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's lines (paragraphs), as printed.
    pub lines: Vec<String>,
    pub at: Position,
}

impl Cell {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub at: Position,
}

#[derive(Debug, Default)]
pub struct TableResult {
    pub tasks: Vec<Task>,
    pub notes: Vec<String>,
}

/// A table's rows as the table interpreter reads them: spans resolved (a value merged down
/// applies to every row it covers; a value merged across stays in its first column), and a row
/// with one filled cell (not a bare number) reduced to that cell: a heading, a note or a title.
#[derive(Debug, Clone, Default)]
pub struct TableRows {
    pub rows: Vec<Row>,
}

impl TableRows {
    /// The first row that names at least two known columns.
    pub fn header_at(&self) -> Option<usize> {
        self.rows.iter().position(|r| header_columns(r).is_some())
    }

    /// The first one-cell row above the header: a title printed over the table.
    pub fn title(&self) -> Option<String> {
        let header = self.header_at()?;
        // An attachment's label (附件1) printed above its title is not the title.
        self.rows[..header]
            .iter()
            .filter(|r| r.cells.len() == 1)
            .map(|r| r.cells[0].text().replace(['\n', ' ', '\u{3000}'], ""))
            .find(|t| !t.is_empty() && !is_attachment_label(t))
    }
}

/// `附件`, `附件2`, `附件：` on a line of their own.
fn is_attachment_label(text: &str) -> bool {
    text.strip_prefix("附件").is_some_and(|rest| {
        rest.trim_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '：' | ':' | '一' | '二' | '三')
        })
        .is_empty()
    })
}

pub fn table_rows(table: &Table) -> TableRows {
    let grid = table.grid();
    let mut rows = Vec::with_capacity(grid.len());
    for (r, slots) in grid.iter().enumerate() {
        // A cell merged across fills its first column only; one merged down fills each row.
        let texts: Vec<Option<&DocCell>> = slots
            .iter()
            .map(|slot| slot.filter(|s| s.first_column).map(|s| s.cell))
            .collect();
        let mut filled: Vec<&DocCell> = Vec::new();
        for cell in texts.iter().flatten() {
            if !cell.is_empty() && !filled.iter().any(|f| std::ptr::eq(*f, *cell)) {
                filled.push(cell);
            }
        }
        let at = table.rows[r]
            .first()
            .map(|c| c.at.clone())
            .unwrap_or_else(|| table.at.clone());
        // A lone text in a column of its own, not the first (`| 新建公路20公里 | | |` under a
        // task's row), stands in its column: it may carry on that row's cell.
        let stands_in_its_column = |only: &DocCell| {
            only.col_span == 1
                && slots.iter().position(|slot| {
                    slot.is_some_and(|s| s.first_row && std::ptr::eq(s.cell, only))
                }) > Some(0)
        };
        let row = match filled.as_slice() {
            [] => continue,
            [only] if !is_number(&only.text) && !stands_in_its_column(only) => Row {
                cells: vec![cell_of(only)],
                at: only.at.clone(),
            },
            _ => Row {
                cells: texts
                    .iter()
                    .map(|c| match c {
                        Some(cell) => cell_of(cell),
                        None => Cell {
                            lines: vec![String::new()],
                            at: at.clone(),
                        },
                    })
                    .collect(),
                at: filled[0].at.clone(),
            },
        };
        rows.push(row);
    }
    TableRows { rows }
}

fn cell_of(cell: &DocCell) -> Cell {
    Cell {
        lines: cell
            .text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
        at: cell.at.clone(),
    }
}

fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A row that carries a heading in its 序号 and 任务 cells and nothing else
/// (`一 | 源头治理 | | |`): the 序号 is a heading's number (一, （一）), not a task's (1), and the
/// text is a name rather than a sentence.
fn heading_in_columns(row: &Row, columns: &[Option<Column>]) -> Option<String> {
    let text_of = |wanted: Column| -> String {
        columns
            .iter()
            .zip(&row.cells)
            .filter(|(c, _)| **c == Some(wanted))
            .map(|(_, cell)| cell.text())
            .collect::<Vec<_>>()
            .join("")
            .trim()
            .to_string()
    };
    let others_empty = columns
        .iter()
        .zip(&row.cells)
        .filter(|(c, _)| {
            !matches!(
                c,
                Some(Column::Seq) | Some(Column::Task) | Some(Column::Section)
            )
        })
        .all(|(_, cell)| cell.text().trim().is_empty());
    // A heading's name may stand in the category column (`一 | 平安建设 | | …`).
    let (seq, task) = match (text_of(Column::Task), text_of(Column::Section)) {
        (task, category) if task.is_empty() => (text_of(Column::Seq), category),
        (task, category) if category.is_empty() => (text_of(Column::Seq), task),
        _ => return None,
    };
    // A heading names a part (源头治理); a task without units says something (…，…。).
    let names_a_part =
        task.chars().count() <= 25 && !task.contains(['。', '；', '，', '：', ',', ';', ':']);
    if !others_empty || seq.is_empty() || !names_a_part {
        return None;
    }
    let label = parse_label(&format!("{seq}、"))
        .or_else(|| parse_label(&seq))
        .filter(|l| matches!(l.kind, LabelKind::Chinese | LabelKind::ParenChinese))?;
    Some(match label.kind {
        LabelKind::Chinese => format!("{}、{task}", seq.trim_end_matches(['、', '.', '．'])),
        _ => format!("{seq}{task}"),
    })
}

/// A row of a form's footer (`填表人：王某某 | | 联系电话：…`): every cell it fills opens with a
/// footer's label and its colon. Its cells, set apart by a space, are a note of the table.
fn form_footer(row: &Row) -> Option<String> {
    let mut filled = row
        .cells
        .iter()
        .map(|c| c.text())
        .filter(|t| !t.trim().is_empty())
        .peekable();
    filled.peek()?;
    let mut footer = String::new();
    for text in filled {
        let text = text.trim();
        let labelled = crate::vocab::FORM_FOOTER_LABELS.iter().any(|label| {
            text.strip_prefix(label).is_some_and(|rest| {
                rest.trim_start_matches(crate::normalize::is_space)
                    .starts_with(['：', ':'])
            })
        });
        if !labelled {
            return None;
        }
        if !footer.is_empty() {
            footer.push(' ');
        }
        footer.push_str(text);
    }
    Some(footer)
}

/// The column and text of a row that fills one cell only, not its 序号, in a table with a 序号
/// column (`| | 新建公路20公里 | |`).
fn lone_cell(row: &Row, columns: &[Option<Column>]) -> Option<(usize, String)> {
    if !columns.contains(&Some(Column::Seq)) || row.cells.len() < 2 {
        return None;
    }
    let mut lone = None;
    for (at, (column, cell)) in columns.iter().zip(&row.cells).enumerate() {
        let text = cell.text();
        if text.trim().is_empty() {
            continue;
        }
        if *column == Some(Column::Seq) || lone.is_some() {
            return None;
        }
        lone = Some((at, text.trim().to_string()));
    }
    lone
}

/// A header on two rows, 责任单位 over 牵头单位 | 配合单位: column by column where the rows are
/// as wide (a workbook, merged cells filled), else the second row's columns take the place of
/// the unit column they subdivide (a Word export, which lists only the second row's cells).
fn two_row_header(top: Vec<Option<Column>>, below: Vec<Option<Column>>) -> Vec<Option<Column>> {
    if top.len() == below.len() {
        return top.into_iter().zip(below).map(|(t, b)| b.or(t)).collect();
    }
    let Some(at) = top.iter().position(|c| *c == Some(Column::Units)) else {
        return top;
    };
    let mut columns = top[..at].to_vec();
    columns.extend(below);
    columns.extend_from_slice(&top[at + 1..]);
    columns
}

/// The 序号 a row prints, if it has a 序号 column.
fn row_seq(row: &Row, columns: &[Option<Column>]) -> String {
    columns
        .iter()
        .zip(&row.cells)
        .filter(|(c, _)| **c == Some(Column::Seq))
        .map(|(_, cell)| cell.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// An open heading of a table: its kind and value, as printed, how many tasks it holds so far,
/// and whether any was numbered in its own kind (tasks 1, 2 … under a heading 1.…).
#[derive(Debug)]
struct Section {
    kind: LabelKind,
    value: u32,
    heading: String,
    tasks: usize,
    own_kind_tasks: bool,
}

/// A task numbered as the next heading of a heading's kind, after tasks numbered otherwise (task
/// 二 after heading 一、 and its tasks （一）…; task 3 after heading 2. and its unnumbered
/// measures), is the heading's sibling: it closes that heading and every one inside it. Tasks
/// numbered in the heading's own kind are its list and close nothing.
fn close_sections_outranked_by(sections: &mut Vec<Section>, seq: &str) {
    if let Some(label) = parse_label(&format!("{seq}、")).or_else(|| parse_label(seq))
        && let Some(pos) = sections.iter().position(|s| s.kind == label.kind)
    {
        let section = &mut sections[pos];
        if section.tasks > 0 && !section.own_kind_tasks && label.value == section.value + 1 {
            sections.truncate(pos);
        } else {
            section.own_kind_tasks = true;
        }
    }
    for section in sections.iter_mut() {
        section.tasks += 1;
    }
}

/// Opens a heading: it closes every heading of its kind or deeper.
fn push_section(sections: &mut Vec<Section>, heading: String) {
    let label = parse_label(&heading);
    let kind = label.as_ref().map_or(LabelKind::Article, |l| l.kind);
    if let Some(pos) = sections.iter().position(|s| s.kind == kind) {
        sections.truncate(pos);
    }
    sections.push(Section {
        kind,
        value: label.map_or(0, |l| l.value),
        heading,
        tasks: 0,
        own_kind_tasks: false,
    });
}

/// Column of each header cell, when the row is a header (at least two known column names).
/// A header names columns: short cells, no bare number among them.
pub fn header_columns(row: &Row) -> Option<Vec<Option<Column>>> {
    let mut columns: Vec<Option<Column>> = row.cells.iter().map(|c| column_of(&c.text())).collect();
    // 存在问题 is progress beside 完成情况; elsewhere it is what a task rectifies.
    if columns.contains(&Some(Column::Done)) {
        for (column, cell) in columns.iter_mut().zip(&row.cells) {
            if column.is_none() && crate::vocab::is_problems_header(&cell.text()) {
                *column = Some(Column::Problems);
            }
        }
    }
    // `姓名 | 职务 | 分管工作`: the names are the leaders whose shares the table lists.
    let divides_among_leaders = row
        .cells
        .iter()
        .any(|c| c.text().contains(crate::vocab::LEADER_SHARE_HEADER_WORD));
    if divides_among_leaders && !columns.contains(&Some(Column::Leaders)) {
        for column in columns.iter_mut() {
            if *column == Some(Column::Persons) {
                *column = Some(Column::Leaders);
            }
        }
    }
    let known = columns.iter().filter(|c| c.is_some()).count();
    let header_like = row.cells.iter().all(|c| {
        let text = c.text();
        let text = text.trim();
        text.chars().count() <= HEADER_MAX_CHARS && !is_number(text)
    });
    (known >= 2 && row.cells.len() >= 2 && header_like).then_some(columns)
}

/// A header cell longer than this is a sentence, not a column name.
const HEADER_MAX_CHARS: usize = 20;

/// Columns whose header names no role, read from their cells: a column before the task whose
/// values repeat down the rows (merged down over the rows it groups) is their section; with no
/// task column named, the column that reads most as prose is the task; any other is a note.
fn infer_unnamed_columns(columns: &mut [Option<Column>], data: &[Row]) {
    let width = columns.len();
    let values = |c: usize| -> Vec<String> {
        data.iter()
            .filter(|r| r.cells.len() == width)
            .map(|r| r.cells[c].text().trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let unnamed: Vec<usize> = (0..columns.len())
        .filter(|c| columns[*c].is_none())
        .collect();
    if !columns.contains(&Some(Column::Task)) {
        let prose = unnamed.iter().copied().max_by_key(|c| {
            let v = values(*c);
            v.iter().map(|t| t.chars().count()).sum::<usize>() / v.len().max(1)
        });
        if let Some(c) = prose {
            columns[c] = Some(Column::Task);
        }
    }
    let task_at = columns.iter().position(|c| *c == Some(Column::Task));
    for c in unnamed {
        if columns[c].is_some() {
            continue;
        }
        let v = values(c);
        let repeats = v.windows(2).any(|w| w[0] == w[1]);
        if task_at.is_some_and(|t| c < t) && repeats {
            columns[c] = Some(Column::Section);
        } else {
            columns[c] = Some(Column::Notes);
        }
    }
}

/// Of two task columns (`任务内容 | 具体措施`), the first is the broader where it is printed once
/// over the rows it groups (merged down, so repeated, or left empty below): their section, and
/// the later column is each row's task.
fn group_by_broader_task_column(columns: &mut [Option<Column>], data: &[Row]) {
    let mut tasks = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Some(Column::Task))
        .map(|(at, _)| at);
    let (Some(broader), Some(narrower)) = (tasks.next(), tasks.next()) else {
        return;
    };
    let text = |row: &Row, at: usize| row.cells.get(at).map(|c| c.text().trim().to_string());
    let rows: Vec<(String, String)> = data
        .iter()
        .filter_map(|r| Some((text(r, broader)?, text(r, narrower)?)))
        .filter(|(_, narrow)| !narrow.is_empty())
        .collect();
    let groups = rows.windows(2).any(|pair| {
        let (above, below) = (&pair[0].0, &pair[1].0);
        !above.is_empty() && (below.is_empty() || below == above)
    });
    if groups {
        columns[broader] = Some(Column::Section);
    }
}

fn column_of(header: &str) -> Option<Column> {
    crate::vocab::header_column(header)
}

/// Turns the rows after a header into tasks. Single-cell rows are section headings or 备注;
/// a row cut short by a page break is completed by the rows after it. `names_in_full`: the
/// table is a register's own (a dutyctl workbook), whose unit names inherit nothing.
pub fn build_table(
    rows: &[Row],
    document: DocumentWords<'_>,
    names_in_full: bool,
    warnings: &mut Vec<Warning>,
) -> Option<TableResult> {
    let header_at = rows.iter().position(|r| header_columns(r).is_some())?;
    let mut columns = header_columns(&rows[header_at])?;
    let mut first_row = header_at + 1;
    let is_data = |row: &Row| {
        row.cells.iter().any(|c| {
            let text = c.text();
            let text = text.trim();
            !text.is_empty() && text.chars().all(|ch| ch.is_ascii_digit())
        })
    };
    if let Some(below) = rows
        .get(first_row)
        .filter(|r| !is_data(r))
        .and_then(header_columns)
    {
        columns = two_row_header(columns, below);
        first_row += 1;
    }
    let header_names: Vec<String> = rows[header_at]
        .cells
        .iter()
        .map(|c| c.text().split_whitespace().collect::<String>())
        .collect();
    infer_unnamed_columns(&mut columns, &rows[first_row..]);
    group_by_broader_task_column(&mut columns, &rows[first_row..]);
    let width = columns.len();
    let mut result = TableResult::default();
    let mut sections: Vec<Section> = Vec::new();
    let mut task_rows: Vec<(Vec<String>, Row)> = Vec::new();
    let mut pending: Option<(Vec<String>, Row)> = None;
    let section_names = |s: &[Section]| s.iter().map(|s| s.heading.clone()).collect::<Vec<_>>();

    for row in &rows[first_row..] {
        if let Some(footer) = form_footer(row) {
            result.notes.push(footer);
            continue;
        }
        let incomplete = pending.as_ref().is_some_and(|(_, r)| r.cells.len() < width);
        if row.cells.len() == 1 {
            let text = row.cells[0].text();
            if let Some(noted) = note(&text) {
                result.notes.push(noted.to_string());
                continue;
            }
            let label = parse_label(&text);
            if incomplete && label.is_none() {
                if let Some((_, r)) = pending.as_mut() {
                    r.cells.push(row.cells[0].clone());
                }
                continue;
            }
            task_rows.extend(pending.take());
            let heading = text
                .trim_end_matches(['。', '.', '：', ':'])
                .replace('\n', "");
            if heading.is_empty() {
                continue;
            }
            push_section(&mut sections, heading);
            continue;
        }
        if let Some(heading) = heading_in_columns(row, &columns) {
            task_rows.extend(pending.take());
            push_section(&mut sections, heading);
            continue;
        }
        if let Some((at, text)) = lone_cell(row, &columns) {
            if let Some(noted) = note(&text) {
                result.notes.push(noted.to_string());
                continue;
            }
            // Unnumbered under a numbered table: a heading if labelled (（一）交通建设), else the
            // cell above carried onto a row of its own.
            let above = pending.as_mut().and_then(|(_, r)| r.cells.get_mut(at));
            match above {
                Some(cell) if parse_label(&text).is_none() => {
                    cell.lines.extend(text.lines().map(str::to_string));
                }
                _ => {
                    task_rows.extend(pending.take());
                    push_section(&mut sections, text.replace('\n', ""));
                }
            }
            continue;
        }
        let continues = incomplete
            && pending
                .as_ref()
                .is_some_and(|(_, r)| r.cells.len() + row.cells.len() <= width)
            && !row.cells[0]
                .text()
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit());
        if continues {
            if let Some((_, r)) = pending.as_mut() {
                r.cells.extend(row.cells.iter().cloned());
            }
            continue;
        }
        task_rows.extend(pending.take());
        close_sections_outranked_by(&mut sections, &row_seq(row, &columns));
        pending = Some((section_names(&sections), row.clone()));
    }
    task_rows.extend(pending.take());

    // The rule may stand in a 备注 row or anywhere around the table (a 说明 line above it).
    let first_leads = super::assign::says_first_leads(document.text);
    let has_lead_column = columns.contains(&Some(Column::Lead));
    // A table with the register's own ID column was written by dutyctl: its names are in full.
    let names_in_full = names_in_full || columns.contains(&Some(Column::Id));
    // A category printed once over the rows it covers (类别 | 序号 | 任务, a merged cell saved
    // without its merge) holds for each row left empty under it; a register's own 所属章节 is
    // written for every task.
    let section_column = columns.iter().position(|c| *c == Some(Column::Section));
    // The headings a category was printed under, and the section it gave.
    let mut category: Option<(Vec<String>, Vec<String>)> = None;
    for (section, row) in task_rows {
        let headings = section.clone();
        let mut task = row_task(
            &row,
            &columns,
            section,
            first_leads && !has_lead_column,
            names_in_full,
            document,
            warnings,
        );
        if let Some(c) = section_column.filter(|_| !names_in_full) {
            let printed = row
                .cells
                .get(c)
                .is_some_and(|cell| !cell.text().trim().is_empty());
            match &category {
                // Not past a heading printed since: the category belongs to its own part.
                Some((under, above)) if !printed && *under == headings => {
                    task.section = above.clone()
                }
                _ if printed => category = Some((headings, task.section.clone())),
                _ => {}
            }
        }
        // A column with no role is kept with the task's text, never dropped.
        for (c, column) in columns.iter().enumerate() {
            if *column == Some(Column::Notes)
                && let Some(value) = row.cells.get(c).map(|cell| cell.text())
                && !value.trim().is_empty()
            {
                let name = header_names.get(c).map_or("", String::as_str);
                task.text.push_str(&format!("\n{name}：{}", value.trim()));
            }
        }
        result.tasks.push(task);
    }
    Some(result)
}

fn row_task(
    row: &Row,
    columns: &[Option<Column>],
    section: Vec<String>,
    first_leads: bool,
    in_full: bool,
    document: DocumentWords<'_>,
    warnings: &mut Vec<Warning>,
) -> Task {
    let cell = |column: Column| -> Vec<&str> {
        columns
            .iter()
            .zip(&row.cells)
            .filter(|(c, _)| **c == Some(column))
            .flat_map(|(_, cell)| cell.lines.iter().map(String::as_str))
            .collect()
    };
    let units = |lines: Vec<&str>| {
        let mut context = if in_full {
            UnitContext::in_full(document)
        } else {
            UnitContext::new(document)
        };
        context.split(&join_cell_lines(&lines))
    };
    let mut names = |lines: Vec<&str>| {
        // A register's own cell holds a name a line: a line never finishes the one above.
        let (names, joined) = if in_full {
            let mut names: Vec<String> = Vec::new();
            let mut joined = Vec::new();
            for line in &lines {
                let (more, more_joined) = split_persons(&[line]);
                for name in more {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                joined.extend(more_joined);
            }
            (names, joined)
        } else {
            split_persons(&lines)
        };
        for j in joined {
            warnings.push(Warning::at(
                row.at.clone(),
                format!(
                    "read a name spaced out in its cell as one person: {}",
                    j.name
                ),
            ));
        }
        names
    };
    // A task cell left empty (a category merged down) adds no empty line to the text.
    let text = cell(Column::Task).join("\n").trim_matches('\n').to_string();
    let mut lead = units(cell(Column::Lead));
    let mut support = Vec::new();
    // A unit cell may hold a whole phrase (县应急局牵头，县公安局配合) rather than a list.
    let unit_cell = cell(Column::Units).join("，");
    let phrase = super::assign::reads_as_phrase(&unit_cell)
        .then(|| super::assign::parse_phrase(&unit_cell, &mut UnitContext::new(document), false))
        .flatten();
    // A unit marked （牵头） leads whatever column it is in, before any first-unit rule.
    let (marked, listed) = take_marked_leads(units(cell(Column::Units)));
    if let Some(found) = phrase {
        lead.extend(found.lead);
        support.extend(found.support);
    } else if !marked.is_empty() {
        lead.extend(marked);
        support.extend(listed);
    } else if first_leads && !listed.is_empty() {
        lead.push(listed[0].clone());
        support.extend(listed[1..].iter().cloned());
    } else {
        support.extend(listed);
    }
    let (marked, listed) = take_marked_leads(units(cell(Column::Support)));
    for unit in marked {
        if !lead.contains(&unit) {
            lead.push(unit);
        }
    }
    for unit in listed {
        if !support.contains(&unit) && !lead.contains(&unit) {
            support.push(unit);
        }
    }
    // `县交通局 李某某` in a 责任单位及责任人 cell: the person named after a unit is no unit.
    let mut persons = names(cell(Column::Persons));
    for person in super::assign::take_people_after_units(&mut lead)
        .into_iter()
        .chain(super::assign::take_people_after_units(&mut support))
    {
        if !persons.contains(&person) {
            persons.push(person);
        }
    }
    let printed_deadline = cell(Column::Deadline).join("").trim().to_string();
    let deadline = Some(printed_deadline)
        .filter(|d| !d.is_empty())
        .or_else(|| leading_deadline(&text));
    let mut seq = cell(Column::Seq).join("").trim().to_string();
    let mut title = sentence_title(&text);
    // Without a 序号 column, a number that opens the task cell is its 序号.
    if !columns.contains(&Some(Column::Seq))
        && let Some(label) = parse_label(&text)
    {
        seq = label.seq.clone();
        title = sentence_title(after_label(&text, &label));
    }
    let printed_section = cell(Column::Section).join("");
    let section = if printed_section.trim().is_empty() {
        section
    } else if in_full {
        // A register's own 所属章节 holds the whole path.
        printed_section
            .split(SECTION_SEPARATOR)
            .map(|s| s.trim().to_string())
            .collect()
    } else {
        // A category is the innermost part, under the headings of the rows above it.
        let mut section = section;
        section.push(printed_section.replace('\n', "").trim().to_string());
        section
    };
    let written = |column: Column| cell(column).join("\n");
    let progress = Progress::of(
        &written(Column::Done),
        &written(Column::Problems),
        &written(Column::NextSteps),
    );
    Task {
        id: String::new(),
        checked: false,
        seq: Some(seq).filter(|s| !s.is_empty()),
        section,
        title,
        items: inline_items(&text),
        printed: Default::default(),
        progress,
        text,
        lead,
        support,
        persons,
        leaders: names(cell(Column::Leaders)),
        due: deadline.as_deref().and_then(due_date),
        deadline,
        source: task_source(row, columns),
    }
}

/// Where a task starts: its task cell, else the row.
fn task_source(row: &Row, columns: &[Option<Column>]) -> SourceRef {
    columns
        .iter()
        .zip(&row.cells)
        .find(|(c, _)| **c == Some(Column::Task))
        .map(|(_, cell)| source_ref(&cell.at))
        .unwrap_or_else(|| source_ref(&row.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> TableResult {
        let tables = crate::interpret::tables_of(text);
        let rows = tables
            .iter()
            .find(|t| t.header_at().is_some())
            .expect("a table");
        build_table(&rows.rows, text.into(), false, &mut Vec::new()).expect("a table")
    }

    /// A workbook's or a page's table, where every cell is where it stands, as a CSV gives it.
    fn csv_table(text: &str) -> TableResult {
        let document = crate::reader::csv::read_csv(text).unwrap();
        let crate::document::Block::Table(grid) = &document.blocks[0] else {
            panic!("a table");
        };
        let rows = table_rows(grid);
        build_table(&rows.rows, text.into(), false, &mut Vec::new()).expect("a table")
    }

    #[test]
    fn a_row_filling_one_cell_of_its_own_carries_on_the_row_above() {
        // A workbook's or a page's rows: every cell is where it stands (a line of text with
        // one cell only is a paragraph).
        let text = concat!(
            "序号,重点任务,牵头单位,责任单位,完成时限\n",
            "1,建设公路,县交通局,县财政局,2027年12月\n",
            ",新建公路20公里,,,\n",
            ",,,县公安局,\n",
            ",（一）生态环境,,,\n",
            "2,治理河道,县水利局,,2027年11月\n",
            ",备注：完成时限为最迟时间,,,\n",
            "填表人：王某某,,联系电话：12345678,,\n",
            "审核人 ：李某,,,,\n",
        );
        let t = csv_table(text);
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[0].text, "建设公路\n新建公路20公里");
        assert_eq!(t.tasks[0].support, ["县财政局", "县公安局"]);
        assert!(t.tasks[0].section.is_empty());
        // A labelled text is a heading; a note is a note.
        assert_eq!(t.tasks[1].section, ["（一）生态环境"]);
        // A form's footer is a note too, never a task.
        assert_eq!(
            t.notes,
            [
                "完成时限为最迟时间",
                "填表人：王某某 联系电话：12345678",
                "审核人 ：李某"
            ]
        );
    }

    #[test]
    fn names_in_a_table_that_divides_work_among_leaders_are_the_leaders() {
        let t = csv_table("姓名,职务,分管工作,分管部门\n王某某,县长,主持全面工作,县审计局\n");
        assert_eq!(t.tasks[0].leaders, ["王某某"]);
        assert!(t.tasks[0].persons.is_empty());
        assert_eq!(t.tasks[0].support, ["县审计局"]);
        // Elsewhere a column of names holds the persons.
        let t = csv_table("序号,工作任务,责任单位,姓名\n1,改造小区,县住建局,张某\n");
        assert_eq!(t.tasks[0].persons, ["张某"]);
    }

    #[test]
    fn a_broader_task_column_printed_once_over_its_rows_is_their_section() {
        let t = csv_table(concat!(
            "序号,任务内容,具体措施,责任单位\n",
            "一,营商环境,,\n",
            "1,优化审批,推行企业开办一日办结,县行政审批局\n",
            ",,开展涉企收费清理,县发改局\n",
            "2,提升城市品质,改造背街小巷20条,县住建局\n",
        ));
        let sections: Vec<_> = t.tasks.iter().map(|t| t.section.join("/")).collect();
        assert_eq!(
            sections,
            [
                "一、营商环境/优化审批",
                "一、营商环境/优化审批",
                "一、营商环境/提升城市品质"
            ]
        );
        assert_eq!(t.tasks[1].title, "开展涉企收费清理");
        // Two task columns that each row fills with its own text are one task's text.
        let t = csv_table(concat!(
            "序号,任务内容,具体措施,责任单位\n",
            "1,优化审批,推行企业开办一日办结,县行政审批局\n",
            "2,提升城市品质,改造背街小巷20条,县住建局\n",
        ));
        assert!(t.tasks.iter().all(|t| t.section.is_empty()));
        assert_eq!(t.tasks[1].title, "提升城市品质");
    }

    #[test]
    fn a_category_printed_once_holds_for_the_rows_under_it() {
        let t = table(
            "类别\t序号\t工作任务\t责任单位\n经济发展\t1\t招商引资\t县商务局\n\t2\t项目建设\t县发改局\n社会民生\t3\t新建学校\t县教育局\n",
        );
        let sections: Vec<&[String]> = t.tasks.iter().map(|t| t.section.as_slice()).collect();
        assert_eq!(
            sections,
            [
                &["经济发展".to_string()][..],
                &["经济发展".to_string()],
                &["社会民生".to_string()]
            ]
        );
    }

    #[test]
    fn a_registers_own_person_cell_holds_a_name_a_line() {
        let text = "序号,任务,责任人\n1,修路,\"钱某\n主要负责人\"\n";
        let document = crate::reader::csv::read_csv(text).unwrap();
        let crate::document::Block::Table(grid) = &document.blocks[0] else {
            panic!("a table");
        };
        let rows = table_rows(grid);
        let read = |in_full| {
            build_table(&rows.rows, text.into(), in_full, &mut Vec::new())
                .expect("a table")
                .tasks[0]
                .persons
                .clone()
        };
        assert_eq!(read(true), ["钱某", "主要负责人"]);
        // Printed, a line that opens with 主要负责人 finishes the one above (各部门 / 主要负责人).
        assert_eq!(read(false), ["钱某主要负责人"]);
    }

    #[test]
    fn people_named_after_their_unit_in_a_unit_cell_are_its_persons() {
        let t = table(
            "序号\t任务\t责任单位及责任人\t完成时限\n1\t修路\t县交通局 李某某\t2027年6月\n2\t建桥\t县住建局、县水利局\t2027年8月\n3\t清淤\t县水利局（钱某）\t2027年9月\n",
        );
        assert_eq!(t.tasks[0].support, ["县交通局"]);
        assert_eq!(t.tasks[0].persons, ["李某某"]);
        assert_eq!(t.tasks[2].support, ["县水利局"]);
        assert_eq!(t.tasks[2].persons, ["钱某"]);
        assert_eq!(t.tasks[1].support, ["县住建局", "县水利局"]);
        assert!(t.tasks[1].persons.is_empty());
    }

    #[test]
    fn a_units_column_ranks_nobody_beside_a_support_column_as_its_key_line_does() {
        // FORMAT: a 责任单位 line and a 配合单位 line both give support; so do their columns.
        for header in [
            "序号\t任务\t责任单位\t配合单位",
            "项次\t工作事项\t承办单位\t协办单位",
        ] {
            let t = table(&format!(
                "{header}\n1\t修路\t县交通局\t县财政局\n2\t建桥\t县住建局\t\n"
            ));
            assert_eq!(t.tasks.len(), 2, "{header}");
            assert!(t.tasks[0].lead.is_empty(), "{header}");
            assert_eq!(t.tasks[0].support, ["县交通局", "县财政局"], "{header}");
            assert_eq!(t.tasks[1].seq.as_deref(), Some("2"), "{header}");
        }
        let t = table(
            "序号\t任务\t牵头单位\t责任单位\n1\t修路\t县交通局\t县财政局\n2\t建桥\t县住建局\t县水利局\n",
        );
        assert_eq!(t.tasks[0].lead, ["县交通局"]);
        assert_eq!(t.tasks[0].support, ["县财政局"]);
    }

    #[test]
    fn first_unit_leads_when_the_note_says_so() {
        let t = table(
            "分解表\n\t序号\n\t重点工作任务\n\t主要责任单位\n\t责任人\n\n\t一、目标任务\n\n\t1\n\t减少事故。\n\t市安委办\n各乡镇街道\n\t孙立、何  平\n\n\t备注：每项任务排第一的单位为牵头单位\n",
        );
        let task = &t.tasks[0];
        assert_eq!(task.lead, ["市安委办"]);
        assert_eq!(task.support, ["各乡镇街道"]);
        assert_eq!(task.persons, ["孙立", "何平"]);
        assert_eq!(task.section, ["一、目标任务"]);
        assert_eq!(task.title, "减少事故");
    }

    #[test]
    fn progress_columns_are_read_and_a_role_column_is_left_out() {
        let t = table(
            "序号\t工作任务\t角色\t牵头单位\t完成情况\t存在问题\t下步计划\n1\t完成排查。\t牵头\t县应急局\t已排查12家。\t\t年底前复查。\n2\t建立台账。\t配合\t县应急局\t\t\t\n",
        );
        let progress = t.tasks[0].progress.as_ref().expect("progress of task 1");
        assert_eq!(progress.done.as_deref(), Some("已排查12家。"));
        assert_eq!(progress.problems, None);
        assert_eq!(progress.next_steps.as_deref(), Some("年底前复查。"));
        assert_eq!(t.tasks[1].progress, None, "nothing written");
        assert_eq!(
            t.tasks[0].text, "完成排查。",
            "the role is not kept with the text"
        );
    }

    #[test]
    fn problems_without_a_done_column_stay_with_the_task() {
        let t = table("序号\t存在问题\t整改措施\t责任单位\n1\t台账不全。\t补齐台账。\t县应急局\n");
        assert_eq!(t.tasks[0].progress, None);
        assert!(t.tasks[0].text.contains("台账不全"), "{}", t.tasks[0].text);
    }

    #[test]
    fn rows_on_one_line_separated_by_tabs_or_pipes() {
        let tabs = table(
            "某县分解表\n序号\t工作任务\t牵头单位\t完成时限\n一、排查\n1\t完成排查。\t县应急局\t2024年6月底前\n",
        );
        assert_eq!(tabs.tasks[0].lead, ["县应急局"]);
        assert_eq!(tabs.tasks[0].section, ["一、排查"]);
        assert_eq!(tabs.tasks[0].deadline.as_deref(), Some("2024年6月底前"));
        let pipes = table(
            "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| --- | --- | --- | --- |\n| 1 | 完成排查。 | 县应急局 | 县公安局<br>县交通局 |\n",
        );
        assert_eq!(pipes.tasks[0].support, ["县公安局", "县交通局"]);
    }

    #[test]
    fn headings_in_the_number_column_and_units_marked_as_leading() {
        let t = table(
            "序号\t工作任务\t责任单位\t完成时限\n一\t源头治理\t\t\n1\t完成排查。\t县公安局、县应急局（牵头）\t2024年底前\n",
        );
        assert_eq!(t.tasks.len(), 1);
        assert_eq!(t.tasks[0].section, ["一、源头治理"]);
        assert_eq!(t.tasks[0].lead, ["县应急局"]);
        assert_eq!(t.tasks[0].support, ["县公安局"]);
    }

    #[test]
    fn a_unit_column_split_over_a_second_header_row() {
        let word = table(
            "\t序号\n\t工作任务\n\t责任单位\n\t完成时限\n\n\t牵头单位\n\t配合单位\n\n\t1\n\t排查。\n\t县应急局\n\t县公安局\n\t2024年底前\n",
        );
        assert_eq!(word.tasks[0].lead, ["县应急局"]);
        assert_eq!(word.tasks[0].support, ["县公安局"]);
        assert_eq!(word.tasks[0].deadline.as_deref(), Some("2024年底前"));
        let sheet = table(
            "序号\t工作任务\t责任单位\t责任单位\t完成时限\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n1\t排查。\t县应急局\t县公安局\t2024年底前\n",
        );
        assert_eq!(sheet.tasks.len(), 1);
        assert_eq!(sheet.tasks[0].lead, ["县应急局"]);
        assert_eq!(sheet.tasks[0].support, ["县公安局"]);
    }

    #[test]
    fn a_task_numbered_like_a_heading_closes_it() {
        let t = table(
            "序号\t工作任务\t责任单位\n一、职能\n（一）\t统一规划。\t\n二\t组成单位。\t区水利局\n",
        );
        assert_eq!(t.tasks[0].section, ["一、职能"]);
        assert!(t.tasks[1].section.is_empty());
    }

    #[test]
    fn headers_no_list_holds_are_read_by_their_words_and_cells() {
        let t = table(
            "存在问题\t整改目标和措施\t责任单位\t实施范围\n投资不足\t1.出台意见。\t区经发局牵头，区财政局配合\t全区\n投资不足\t2.创新方式。\t区财政局\t全区\n",
        );
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[0].section, ["投资不足"]);
        assert_eq!(t.tasks[0].seq.as_deref(), Some("1"));
        assert_eq!(t.tasks[0].title, "出台意见");
        assert_eq!(t.tasks[0].lead, ["区经发局"]);
        assert!(t.tasks[0].text.ends_with("实施范围：全区"));
        let t = table(
            "重点工作\t工作要求\t牵头部门\t协同单位\t时间节点\n建设平台\t完成上线。\t区大数据局\t区财政局\t2024年底前\n",
        );
        assert_eq!(t.tasks[0].lead, ["区大数据局"]);
        assert_eq!(t.tasks[0].support, ["区财政局"]);
        assert_eq!(t.tasks[0].deadline.as_deref(), Some("2024年底前"));
    }

    #[test]
    fn an_attachment_label_above_the_title_is_not_the_title() {
        let cell = |t: &str| DocCell::new(t, Position::Unknown);
        let table = Table {
            rows: vec![
                vec![cell("附件2"), cell(""), cell("")],
                vec![cell("某县任务分解表"), cell(""), cell("")],
                vec![cell("序号"), cell("工作任务"), cell("责任单位")],
                vec![cell("1"), cell("排查。"), cell("县应急局")],
            ],
            at: Position::Unknown,
        };
        assert_eq!(
            table_rows(&table).title().as_deref(),
            Some("某县任务分解表")
        );
    }

    #[test]
    fn a_unit_cell_holding_a_phrase() {
        let t =
            table("序号\t工作任务\t责任单位\n1\t排查。\t县应急局牵头，县公安局、县交通局配合\n");
        assert_eq!(t.tasks[0].lead, ["县应急局"]);
        assert_eq!(t.tasks[0].support, ["县公安局", "县交通局"]);
        let t =
            table("序号\t工作任务\t责任单位\n1\t排查。\t牵头：县应急局；配合：县公安局、交通局\n");
        assert_eq!(t.tasks[0].lead, ["县应急局"]);
        assert_eq!(t.tasks[0].support, ["县公安局", "县交通局"]);
    }

    #[test]
    fn without_the_note_a_single_unit_column_is_support() {
        let t =
            table("\t序号\n\t工作任务\n\t责任单位\n\n\t1\n\t减少事故。\n\t市安委办\n各乡镇街道\n");
        assert!(t.tasks[0].lead.is_empty());
        assert_eq!(t.tasks[0].support, ["市安委办", "各乡镇街道"]);
    }

    #[test]
    fn a_row_split_by_blank_lines_is_one_row_and_deadline_column_is_read() {
        let t = table(
            "\t序号\n\t工作任务\n\t牵头单位\n\t配合单位\n\t完成时限\n\n\t1\n\t建立台账。\n\t县应急局\n\n\t县公安局\n\n\t2023年6月底前\n\n\t（二）其他\n\n\t2\n\t督查。\n\t县安委办\n\t\n\t长期坚持\n",
        );
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[0].lead, ["县应急局"]);
        assert_eq!(t.tasks[0].support, ["县公安局"]);
        assert_eq!(t.tasks[0].due.as_deref(), Some("2023-06-30"));
        assert_eq!(t.tasks[1].section, ["（二）其他"]);
        assert_eq!(t.tasks[1].due, None);
    }
}
