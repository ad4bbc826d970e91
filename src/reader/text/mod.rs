//! The plain-text reader: cleaned lines → layout → tasks, people and metadata.

pub mod assign;
pub mod clean;
pub mod deadline;
pub mod items;
pub mod meta;
pub mod numbering;
pub mod outline;
pub mod people;
pub mod table;

use crate::error::Warning;
use crate::model::{Layout, Person};
use clean::Line;
use meta::Metadata;
use numbering::{after_label, parse_label};
use regex::Regex;
use std::sync::LazyLock;

/// What a text document yields, before the caller adds source name and hash.
#[derive(Debug)]
pub struct TextReading {
    pub metadata: Metadata,
    pub layout: Layout,
    pub people: Vec<Person>,
    pub tasks: Vec<crate::model::Task>,
    pub notes: Vec<String>,
}

/// Reads decoded text. `layout` overrides detection.
pub fn read_text(text: &str, layout: Option<Layout>, warnings: &mut Vec<Warning>) -> TextReading {
    let lines = clean::clean_lines(text, warnings);
    let rows = table::text_rows(&lines);
    let layout = layout.unwrap_or_else(|| detect_layout(&lines, &rows));
    let metadata = meta::read_metadata(&lines);
    let (tasks, mut people, notes) = match layout {
        Layout::Table => {
            let found = table::build_table(&rows, text, warnings).unwrap_or_default();
            (found.tasks, Vec::new(), found.notes)
        }
        _ => {
            let found = outline::read_outline(&lines, layout, text, warnings);
            (found.tasks, found.people, found.notes)
        }
    };
    add_group_members(&lines, &mut people);
    add_backups(&lines, &mut people, warnings);
    TextReading {
        metadata,
        layout,
        people,
        tasks,
        notes,
    }
}

/// Table if a header row is found; duty list if two headings end in 职责; leader division if
/// three numbered paragraphs name a leader by post and name; otherwise an outline.
pub fn detect_layout(lines: &[Line], rows: &[table::Row]) -> Layout {
    if rows.iter().any(|r| table::header_columns(r).is_some()) {
        return Layout::Table;
    }
    let heads: Vec<&str> = lines
        .iter()
        .filter_map(|l| {
            if l.lost_label {
                Some(l.text.as_str())
            } else {
                parse_label(&l.text).map(|label| after_label(&l.text, &label))
            }
        })
        .collect();
    let duty_headings = heads
        .iter()
        .filter(|h| {
            h.trim_end_matches(['。', '：', ':'])
                .ends_with(crate::vocab::DUTY_HEADING_ENDING)
        })
        .count();
    if duty_headings >= 2 {
        return Layout::DutyList;
    }
    let named_leaders = heads
        .iter()
        .filter(|h| !people::leaders_in(h).is_empty())
        .count();
    if named_leaders >= 3 {
        return Layout::LeaderDivision;
    }
    Layout::Outline
}

fn add_group_members(lines: &[Line], people: &mut Vec<Person>) {
    for line in lines {
        if let Some(person) = people::member_line(&line.text)
            && !people.iter().any(|p| p.name == person.name)
        {
            people.push(person);
        }
    }
}

fn add_backups(lines: &[Line], people: &mut Vec<Person>, warnings: &mut Vec<Warning>) {
    for line in lines.iter().filter(|l| l.text.contains("互为")) {
        for (a, b) in people::backup_pairs(&line.text) {
            for (name, partner) in [(&a, &b), (&b, &a)] {
                match people.iter_mut().find(|p| &p.name == name) {
                    Some(p) => p.backup = Some(partner.clone()),
                    None => {
                        warnings.push(Warning::at(
                            line.no,
                            format!(
                                "{name} is named as an A/B partner but not found among the leaders"
                            ),
                        ));
                        people.push(Person {
                            name: name.clone(),
                            title: None,
                            backup: Some(partner.clone()),
                        });
                    }
                }
            }
        }
    }
}

static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9０-９〇零一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日(?:印发)?$").unwrap()
});

/// A line that is only a date (the 成文日期 under a signature).
pub fn is_signature_date(text: &str) -> bool {
    DATE_ONLY.is_match(text)
}

/// Closing matter that belongs to no task: 抄送/附件 lines, a date line, the issuer above it.
pub fn is_closing_line(lines: &[Line], index: usize) -> bool {
    let text = lines[index].text.as_str();
    if crate::vocab::CLOSING_MARKERS
        .iter()
        .any(|m| text.starts_with(m))
        || DATE_ONLY.is_match(text)
    {
        return true;
    }
    let short_name =
        text.chars().count() <= 30 && !text.contains(['，', '。', '；', ',', ';', '：', ':']);
    short_name
        && crate::vocab::ISSUER_ENDINGS
            .iter()
            .any(|e| text.ends_with(e))
        && lines[index + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| DATE_ONLY.is_match(&l.text))
}

/// The first sentence of a task: up to the first 。；！？, without the stop.
pub fn sentence_title(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let end = first_line
        .find(['。', '；', ';', '！', '？'])
        .unwrap_or(first_line.len());
    first_line[..end]
        .trim()
        .trim_end_matches(['：', ':', '，', ','])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout_of(text: &str) -> Layout {
        let lines = clean::clean_lines(text, &mut Vec::new());
        detect_layout(&lines, &table::text_rows(&lines))
    }

    #[test]
    fn layouts_are_recognised() {
        assert_eq!(layout_of("\t序号\n\t工作任务\n\t牵头单位\n"), Layout::Table);
        assert_eq!(
            layout_of("一、市长职责\n（一）抓好。\n二、副市长职责\n（一）抓好。"),
            Layout::DutyList
        );
        assert_eq!(
            layout_of("1.副区长张三负责交通。\n2.副区长李四负责教育。\n3.副区长王五分管卫生。"),
            Layout::LeaderDivision
        );
        assert_eq!(layout_of("一、主要任务\n（一）加强管理。"), Layout::Outline);
    }

    #[test]
    fn sentence_titles() {
        assert_eq!(
            sentence_title("全面强化企业主体责任。推动企业"),
            "全面强化企业主体责任"
        );
        assert_eq!(sentence_title("其他事项；"), "其他事项");
    }
}
