//! The register as a table, the way a 责任分解表 prints it: shared by the xlsx, CSV and Markdown
//! writers so that they agree on columns, section rows and item expansion.

use super::WriteOptions;
use crate::model::{Item, Layout, Progress, Register, Task};
use crate::normalize::directory::unit_key;
use crate::vocab::{
    self, DUTY_TABLE_NOUN, ISSUING_VERBS, ISSUING_WITHOUT_BRACKETS, LEADER_TABLE_NOUN,
    NOTICE_ENDINGS, NOTICE_SUBJECT_MARKER, TABLE_NOUNS, TASK_TABLE_NOUN,
};

/// A printed column, in the order offices print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Seq,
    Task,
    /// 牵头 or 配合: the part the unit takes, in one unit's table.
    Role,
    Lead,
    Support,
    Persons,
    Leaders,
    Deadline,
    /// 完成情况, 存在问题, 下步计划: progress, left empty for the units to fill in.
    Done,
    Problems,
    NextSteps,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Seq,
        Column::Task,
        Column::Role,
        Column::Lead,
        Column::Support,
        Column::Persons,
        Column::Leaders,
        Column::Deadline,
        Column::Done,
        Column::Problems,
        Column::NextSteps,
    ];

    /// The column the readers take this one for.
    fn read_as(self) -> vocab::Column {
        match self {
            Column::Seq => vocab::Column::Seq,
            Column::Task => vocab::Column::Task,
            Column::Role => vocab::Column::Role,
            Column::Lead => vocab::Column::Lead,
            Column::Support => vocab::Column::Support,
            Column::Persons => vocab::Column::Persons,
            Column::Leaders => vocab::Column::Leaders,
            Column::Deadline => vocab::Column::Deadline,
            Column::Done => vocab::Column::Done,
            Column::Problems => vocab::Column::Problems,
            Column::NextSteps => vocab::Column::NextSteps,
        }
    }

    /// The header as printed; the readers know every one of these names.
    pub fn header(self) -> &'static str {
        vocab::printed_header(self.read_as())
    }

    /// Whether this is one of the progress columns.
    pub fn is_progress(self) -> bool {
        matches!(self, Column::Done | Column::Problems | Column::NextSteps)
    }

    /// The values of this column for a task (or one of its items): one entry per line. `unit`
    /// is the unit whose table this is, for the 角色 column.
    pub fn values(self, task: &Task, item: Option<&Item>, unit: Option<&str>) -> Vec<String> {
        let progress = |part: fn(&Progress) -> &Option<String>| {
            task.progress
                .as_ref()
                .and_then(|p| part(p).clone())
                .into_iter()
                .collect()
        };
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
            Column::Role => unit
                .map(|u| role(task, u).to_string())
                .into_iter()
                .collect(),
            Column::Lead => task.lead.clone(),
            Column::Support => task.support.clone(),
            Column::Persons => task.persons.clone(),
            Column::Leaders => task.leaders.clone(),
            Column::Deadline => item
                .and_then(|i| i.deadline.clone())
                .or_else(|| task.deadline.clone())
                .into_iter()
                .collect(),
            Column::Done => progress(|p| &p.done),
            Column::Problems => progress(|p| &p.problems),
            Column::NextSteps => progress(|p| &p.next_steps),
        }
    }
}

/// The part a unit takes in a task: 牵头 where it is among the leads (under any of its names),
/// else 配合.
pub fn role(task: &Task, unit: &str) -> &'static str {
    let key = unit_key(unit);
    if task.lead.iter().any(|u| unit_key(u) == key) {
        vocab::ROLE_LEAD
    } else {
        vocab::ROLE_SUPPORT
    }
}

/// The columns worth printing: 序号 and 任务 always; 角色 in one unit's table; the progress
/// columns when asked for or once some task has progress (so that it reads back); any other
/// where some task has a value.
pub fn columns(register: &Register, options: &WriteOptions) -> Vec<Column> {
    let progress = options.progress_columns || register.tasks.iter().any(|t| t.progress.is_some());
    Column::ALL
        .into_iter()
        .filter(|c| match c {
            Column::Seq | Column::Task => true,
            Column::Role => options.unit.is_some(),
            c if c.is_progress() => progress,
            c => register
                .tasks
                .iter()
                .any(|t| !c.values(t, None, None).is_empty()),
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
pub use crate::normalize::display_width;

/// One leader of a 领导分工 register, as its own table prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderRow {
    /// 领导.
    pub name: String,
    /// 职务.
    pub title: String,
    /// 分管工作: what each of the leader's tasks says after the leader's name.
    pub work: Vec<String>,
    /// 分管单位: the units of the leader's tasks.
    pub units: Vec<String>,
    /// AB角.
    pub backup: String,
}

/// Every leader in the order the register names them (its people first, then anyone only named
/// as a task's leader), with the work and units of the tasks they lead.
pub fn leader_rows(register: &Register) -> Vec<LeaderRow> {
    let mut names: Vec<&str> = register.people.iter().map(|p| p.name.as_str()).collect();
    for task in &register.tasks {
        for leader in &task.leaders {
            if !names.contains(&leader.as_str()) {
                names.push(leader);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let person = register.people.iter().find(|p| p.name == name);
            let tasks: Vec<&Task> = register
                .tasks
                .iter()
                .filter(|t| t.leaders.iter().any(|l| l == name))
                .collect();
            let mut units: Vec<String> = Vec::new();
            for unit in tasks.iter().flat_map(|t| t.lead.iter().chain(&t.support)) {
                if !units.contains(unit) {
                    units.push(unit.clone());
                }
            }
            LeaderRow {
                name: name.to_string(),
                title: person.and_then(|p| p.title.clone()).unwrap_or_default(),
                work: tasks.iter().map(|t| work_of(name, &t.text)).collect(),
                units,
                backup: person.and_then(|p| p.backup.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// `副镇长冯丽娟负责教育…` → `负责教育…`: the post and name are already in their own columns.
fn work_of(name: &str, text: &str) -> String {
    match text.split_once(name) {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
        _ => text.trim().to_string(),
    }
}

/// The duties of a 职责清单 grouped by post, posts in the order they first appear. A duty's post
/// is its leader, else its innermost heading.
pub fn duties_by_post(register: &Register) -> Vec<(String, Vec<&Task>)> {
    let mut posts: Vec<(String, Vec<&Task>)> = Vec::new();
    for task in &register.tasks {
        let post = task
            .leaders
            .first()
            .or(task.section.last())
            .cloned()
            .unwrap_or_default();
        match posts.iter_mut().find(|(p, _)| *p == post) {
            Some((_, tasks)) => tasks.push(task),
            None => posts.push((post, vec![task])),
        }
    }
    posts
}

/// The table's title: a document that is already a table keeps its own; a notice that issues
/// a document (关于印发《X》的通知) is titled after it (X责任分解表); any other notice is named
/// in 《》 before the table's noun, never `…的通知责任分解表`.
pub fn table_title(register: &Register) -> String {
    let title = register
        .document
        .title
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_string();
    let noun = table_noun(register.document.layout);
    if title.is_empty() {
        return noun.to_string();
    }
    let subject = issued_document(&title).unwrap_or(title);
    if TABLE_NOUNS.iter().any(|n| subject.ends_with(n)) {
        subject
    } else if NOTICE_ENDINGS.iter().any(|e| subject.ends_with(e)) {
        format!("《{subject}》{noun}")
    } else {
        format!("{subject}{noun}")
    }
}

/// The title of a table written with these options: one unit's table names the unit after it.
pub fn title(register: &Register, options: &WriteOptions) -> String {
    let title = table_title(register);
    match &options.unit {
        Some(unit) => format!("{title}（{unit}）"),
        None => title,
    }
}

/// What a table of this layout is called.
fn table_noun(layout: Layout) -> &'static str {
    match layout {
        Layout::LeaderDivision => LEADER_TABLE_NOUN,
        Layout::DutyList => DUTY_TABLE_NOUN,
        Layout::Table | Layout::Outline => TASK_TABLE_NOUN,
    }
}

/// The document a notice issues: `X` of `…关于印发《X》的通知` or `…关于印发X的通知`.
fn issued_document(title: &str) -> Option<String> {
    let (_, after) = title.split_once(NOTICE_SUBJECT_MARKER)?;
    let body = NOTICE_ENDINGS.iter().find_map(|e| after.strip_suffix(e))?;
    let verb = ISSUING_VERBS.iter().find(|v| body.starts_with(**v))?;
    let rest = body[verb.len()..].trim();
    if let Some(inner) = rest.strip_prefix('《').and_then(|r| r.strip_suffix('》')) {
        return Some(inner.trim().to_string());
    }
    (ISSUING_WITHOUT_BRACKETS.contains(verb) && !rest.is_empty()).then(|| rest.to_string())
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
        assert_eq!(
            columns(&r, &WriteOptions::default()),
            [Column::Seq, Column::Task, Column::Lead]
        );
    }

    #[test]
    fn progress_columns_when_asked_or_written_and_a_role_in_one_units_table() {
        let mut r = register(vec![task("1", &[], &["县应急管理局"])]);
        let asked = WriteOptions {
            progress_columns: true,
            unit: Some("县应急局".into()),
            ..WriteOptions::default()
        };
        let headers: Vec<&str> = columns(&r, &asked).iter().map(|c| c.header()).collect();
        assert_eq!(
            headers,
            [
                "序号",
                "重点工作任务",
                "角色",
                "牵头单位",
                "完成情况",
                "存在问题",
                "下步计划"
            ]
        );
        assert_eq!(
            Column::Role.values(&r.tasks[0], None, Some("县应急局")),
            ["牵头"],
            "the same unit under its short name"
        );
        assert_eq!(
            Column::Role.values(&r.tasks[0], None, Some("县公安局")),
            ["配合"]
        );
        r.tasks[0].progress = crate::model::Progress::of("", "缺人手", "");
        let written = columns(&r, &WriteOptions::default());
        assert!(written.contains(&Column::Problems), "{written:?}");
        assert_eq!(Column::Problems.values(&r.tasks[0], None, None), ["缺人手"]);
        assert!(Column::Done.values(&r.tasks[0], None, None).is_empty());
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
    fn leaders_get_their_posts_work_units_and_partners() {
        let mut r = register(vec![Task {
            text: "副镇长冯丽娟负责教育、卫生健康等领域安全生产工作。".into(),
            leaders: vec!["冯丽娟".into()],
            support: vec!["镇教育办".into()],
            ..Task::default()
        }]);
        r.people = vec![crate::model::Person {
            name: "冯丽娟".into(),
            title: Some("副镇长".into()),
            backup: Some("孔德明".into()),
        }];
        assert_eq!(
            leader_rows(&r),
            [LeaderRow {
                name: "冯丽娟".into(),
                title: "副镇长".into(),
                work: vec!["负责教育、卫生健康等领域安全生产工作。".into()],
                units: vec!["镇教育办".into()],
                backup: "孔德明".into(),
            }]
        );
        let posts: Vec<String> = duties_by_post(&r).into_iter().map(|(p, _)| p).collect();
        assert_eq!(posts, ["冯丽娟"]);
    }

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("市应急局ab"), 10);
    }

    fn title_of(title: &str, layout: Layout) -> String {
        let mut r = register(vec![]);
        r.document.title = Some(title.into());
        r.document.layout = layout;
        table_title(&r)
    }

    #[test]
    fn a_table_is_titled_after_what_the_notice_issues_and_a_table_keeps_its_title() {
        assert_eq!(table_title(&register(vec![])), "某县方案责任分解表");
        let outline = |t: &str| title_of(t, Layout::Outline);
        assert_eq!(
            outline("青山县安全生产委员会关于印发《2024年全县安全生产工作要点》的通知"),
            "2024年全县安全生产工作要点责任分解表"
        );
        assert_eq!(
            outline("东平县人民政府办公室关于印发东平县2024年安全生产工作方案的通知"),
            "东平县2024年安全生产工作方案责任分解表"
        );
        assert_eq!(
            outline("某办公室关于印发2024年县政府“惠民工程”任务分解表的通知"),
            "2024年县政府“惠民工程”任务分解表"
        );
        assert_eq!(
            outline("某管委会关于调整《河湖管理委员会主要职责》的通知"),
            "河湖管理委员会主要职责责任分解表"
        );
        assert_eq!(
            outline("临江县2024年安全生产重点工作任务分解表"),
            "临江县2024年安全生产重点工作任务分解表"
        );
        assert_eq!(
            outline("区人民政府办公室关于切实做好防汛备汛工作的通知"),
            "《区人民政府办公室关于切实做好防汛备汛工作的通知》责任分解表"
        );
        assert_eq!(
            title_of(
                "城南区人民政府关于印发区政府领导安全生产职责清单的通知",
                Layout::DutyList
            ),
            "区政府领导安全生产职责清单"
        );
        assert_eq!(
            title_of(
                "西湖镇人民政府关于调整镇领导安全生产工作分工的通知",
                Layout::LeaderDivision
            ),
            "《西湖镇人民政府关于调整镇领导安全生产工作分工的通知》领导分工表"
        );
    }
}
