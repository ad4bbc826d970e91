//! The register as a table, the way a 责任分解表 prints it: shared by the xlsx, CSV and Markdown
//! writers so that they agree on columns, section rows and item expansion.

use crate::model::{Item, Register, Task};

/// A printed column, in the order offices print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Seq,
    Task,
    Lead,
    Support,
    Persons,
    Leaders,
    Deadline,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Seq,
        Column::Task,
        Column::Lead,
        Column::Support,
        Column::Persons,
        Column::Leaders,
        Column::Deadline,
    ];

    /// The header as printed; the readers know every one of these names.
    pub fn header(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::Task => "重点工作任务",
            Column::Lead => "牵头单位",
            Column::Support => "配合单位",
            Column::Persons => "责任人",
            Column::Leaders => "责任领导",
            Column::Deadline => "完成时限",
        }
    }

    /// The values of this column for a task (or one of its items): one entry per line.
    pub fn values(self, task: &Task, item: Option<&Item>) -> Vec<String> {
        match self {
            Column::Seq => match item {
                Some(item) => vec![format!(
                    "{}.{}",
                    task.seq.as_deref().unwrap_or(""),
                    item.label
                )],
                None => task.seq.iter().cloned().collect(),
            },
            Column::Task => match item {
                Some(item) => vec![format!("{}：{}{}", task.title, item.label, item.text)],
                None => vec![task.text.clone()],
            },
            Column::Lead => task.lead.clone(),
            Column::Support => task.support.clone(),
            Column::Persons => task.persons.clone(),
            Column::Leaders => task.leaders.clone(),
            Column::Deadline => item
                .and_then(|i| i.deadline.clone())
                .or_else(|| task.deadline.clone())
                .into_iter()
                .collect(),
        }
    }
}

/// The columns worth printing: 序号 and 任务 always, the others where some task has a value.
pub fn columns(register: &Register) -> Vec<Column> {
    Column::ALL
        .into_iter()
        .filter(|c| {
            matches!(c, Column::Seq | Column::Task)
                || register.tasks.iter().any(|t| !c.values(t, None).is_empty())
        })
        .collect()
}

/// One printed row.
#[derive(Debug, Clone, PartialEq)]
pub enum Row<'a> {
    /// A heading row; `depth` 0 is outermost.
    Section { depth: usize, text: &'a str },
    /// A task, or with item expansion one of its items.
    Task {
        task: &'a Task,
        item: Option<&'a Item>,
    },
}

/// The rows in document order: a heading row whenever a task enters a section the previous task
/// was not in, then the task (or one row per item with `expand_items`).
pub fn rows(register: &Register, expand_items: bool) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let mut open: &[String] = &[];
    for task in &register.tasks {
        let shared = open
            .iter()
            .zip(&task.section)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, text) in task.section.iter().enumerate().skip(shared) {
            rows.push(Row::Section { depth, text });
        }
        open = &task.section;
        if expand_items && !task.items.is_empty() {
            rows.extend(task.items.iter().map(|item| Row::Task {
                task,
                item: Some(item),
            }));
        } else {
            rows.push(Row::Task { task, item: None });
        }
    }
    rows
}

/// Width of text in Excel's column units: a CJK or full-width character counts two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The document title with 责任分解表 added unless it already names a table.
pub fn table_title(register: &Register) -> String {
    let title = register.document.title.clone().unwrap_or_default();
    if title.ends_with("表") || title.contains("分解表") {
        title
    } else if title.is_empty() {
        "责任分解表".to_string()
    } else {
        format!("{title}责任分解表")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(seq: &str, section: &[&str], lead: &[&str]) -> Task {
        Task {
            seq: Some(seq.into()),
            section: section.iter().map(|s| s.to_string()).collect(),
            title: format!("任务{seq}"),
            text: format!("任务{seq}。"),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            items: vec![Item {
                label: "一是".into(),
                text: "排查。".into(),
                deadline: None,
            }],
            ..Task::default()
        }
    }

    fn register(tasks: Vec<Task>) -> Register {
        let mut register = Register::of_tasks(tasks);
        register.document.title = Some("某县方案".into());
        register
    }

    #[test]
    fn empty_columns_are_left_out_but_seq_and_task_stay() {
        let r = register(vec![task("1", &[], &["县应急局"])]);
        assert_eq!(columns(&r), [Column::Seq, Column::Task, Column::Lead]);
    }

    #[test]
    fn section_rows_appear_when_a_task_enters_a_new_section() {
        let r = register(vec![
            task("1", &["一、甲", "（一）子"], &[]),
            task("2", &["一、甲", "（一）子"], &[]),
            task("3", &["一、甲", "（二）丑"], &[]),
        ]);
        let kinds: Vec<String> = rows(&r, false)
            .iter()
            .map(|row| match row {
                Row::Section { depth, text } => format!("{depth}:{text}"),
                Row::Task { task, .. } => task.seq.clone().unwrap_or_default(),
            })
            .collect();
        assert_eq!(
            kinds,
            ["0:一、甲", "1:（一）子", "1", "2", "1:（二）丑", "3"]
        );
        assert_eq!(rows(&r, true).len(), 6, "one item each");
    }

    #[test]
    fn widths_count_cjk_twice_and_titles_name_the_table_once() {
        assert_eq!(display_width("市应急局ab"), 10);
        assert_eq!(table_title(&register(vec![])), "某县方案责任分解表");
    }
}
