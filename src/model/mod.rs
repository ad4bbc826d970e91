//! The register: the one model every reader produces and every writer consumes (schema version 1).
//!
//! No I/O and no format crates here beyond serde derives; `docs/register.md` is the prose contract.

mod id;

pub use id::assign_ids;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version written to the `dutyctl:` key.
pub const SCHEMA_VERSION: u32 = 1;

/// The hidden sheet in which an xlsx written by dutyctl keeps the document's metadata (JSON in
/// A2), so that the workbook reads back to the same register.
pub const WORKBOOK_META_SHEET: &str = "_dutyctl";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Schema version; always 1 for this release.
    pub dutyctl: u32,
    pub document: Document,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The 公文 title (for a notice that issues an attachment, the notice's own title).
    pub title: Option<String>,
    /// 文号, such as 新政办〔2022〕4号.
    pub doc_number: Option<String>,
    /// 发文机关.
    pub issuer: Option<String>,
    /// 成文日期 as YYYY-MM-DD.
    pub date: Option<String>,
    pub layout: Layout,
    /// The input's file name.
    pub source: String,
    /// SHA-256 of the input's bytes, hex.
    pub sha256: String,
    /// 备注 lines.
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A 责任分解表 already in table form.
    Table,
    /// Numbered headings and tasks with assignments in the text.
    #[default]
    Outline,
    /// 领导分工: who 分管 what, with A/B 角 pairs.
    LeaderDivision,
    /// Duties listed under posts (市长职责 …).
    DutyList,
}

impl Register {
    /// A register of these tasks and an empty document (for tests and generated data).
    pub fn of_tasks(tasks: Vec<Task>) -> Self {
        Register {
            dutyctl: SCHEMA_VERSION,
            document: Document::default(),
            people: Vec::new(),
            tasks,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// The post as printed (区委常委、区人民政府常务副区长).
    pub title: Option<String>,
    /// The A/B 角 partner.
    pub backup: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Unique in the register, derived from the document's structure.
    pub id: String,
    /// The number as printed ("3", "(一)", "（二）"), or null.
    pub seq: Option<String>,
    /// Enclosing headings, outermost first, as printed.
    #[serde(default)]
    pub section: Vec<String>,
    /// The task's heading or first sentence.
    pub title: String,
    /// The whole task text, cleaned, with the assignment removed.
    pub text: String,
    /// 牵头单位.
    #[serde(default)]
    pub lead: Vec<String>,
    /// 配合/责任单位.
    #[serde(default)]
    pub support: Vec<String>,
    /// 责任人.
    #[serde(default)]
    pub persons: Vec<String>,
    /// 责任领导 / 分管领导 / the post in a duty list.
    #[serde(default)]
    pub leaders: Vec<String>,
    /// The task's own time limit as printed.
    pub deadline: Option<String>,
    /// The deadline as a date (YYYY-MM-DD) where it names one.
    pub due: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
    pub source: SourceRef,
    /// Unit names as printed where a unit directory (`--units`) gave another: canonical → printed.
    #[serde(default)]
    pub printed: BTreeMap<String, String>,
    /// Checked against the source by a person (the review page's 已核对); written only when true,
    /// so registers that no one reviewed are as before.
    #[serde(default, skip_serializing_if = "is_false")]
    pub checked: bool,
    /// What the units wrote in the 完成情况 | 存在问题 | 下步计划 columns of a table written with
    /// `--progress-columns` and returned to be imported; absent (the key left out) until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A task's progress as the units report it, each part as written (lines kept), null where the
/// cell was left empty. A register holds it only where some part was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// 完成情况: what has been done.
    #[serde(default)]
    pub done: Option<String>,
    /// 存在问题: what stands in the way.
    #[serde(default)]
    pub problems: Option<String>,
    /// 下步计划: what comes next.
    #[serde(default)]
    pub next_steps: Option<String>,
}

impl Progress {
    /// The progress of these three cells, or None where all are empty (whitespace only).
    pub fn of(done: &str, problems: &str, next_steps: &str) -> Option<Progress> {
        let part = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        let progress = Progress {
            done: part(done),
            problems: part(problems),
            next_steps: part(next_steps),
        };
        (progress != Progress::default()).then_some(progress)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 一是, (1), ① … as printed.
    pub label: String,
    pub text: String,
    pub deadline: Option<String>,
}

/// Where a task starts in the input: a line for text and CSV, a sheet and cell for workbooks, a
/// paragraph or a table, row and column (1-based) for Word documents; for a PDF, the page and
/// the line of its text layer or the table, row and column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl SourceRef {
    pub fn line(line: usize) -> Self {
        SourceRef {
            line: Some(line),
            ..SourceRef::default()
        }
    }
}
