//! Interpreters: a [`Document`] of blocks → the tasks, people and metadata of a register.
//! They read blocks only, never bytes, so a table or an outline gives the same register
//! whichever reader found it. Layout detection picks the interpreter: tables with a header row,
//! leader division, duty lists, or the outline every other notice is read as.

pub mod assign;
pub mod deadline;
pub mod due;
pub mod duties;
pub mod items;
pub mod meta;
pub use crate::document::numbering;
pub mod outline;
pub mod people;
pub mod table;

use crate::document::numbering::Cursor;
use crate::document::{Block, Document, PAGE_INFO_PROPERTY, Position, WORKBOOK_META_PROPERTY};
use crate::error::Warning;
use crate::model::{Layout, Person, SourceRef, Task};
use meta::Metadata;
use numbering::{after_label, parse_label};

/// A paragraph line as the interpreters see it: a paragraph's text split at its line breaks,
/// with the position of the paragraph (or table cell) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Ordinal for adjacency (the input line where there is one): lines a blank apart are close.
    pub no: usize,
    pub at: Position,
    /// The line came from a table cell that no table interpreter read (a layout table).
    pub cell_start: bool,
    /// Debris stood where the line's number should be (`[image: IM 72].区委常委…`).
    pub lost_label: bool,
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// What a document yields, before the caller adds source name and hash.
#[derive(Debug, Default)]
pub struct Interpretation {
    pub metadata: Metadata,
    pub layout: Layout,
    pub people: Vec<Person>,
    pub tasks: Vec<Task>,
    pub notes: Vec<String>,
    /// Tables whose header row was recognised and read.
    pub tables_read: usize,
}

/// Reads the blocks. `layout` overrides detection.
pub fn interpret(
    document: &Document,
    layout: Option<Layout>,
    warnings: &mut Vec<Warning>,
) -> Interpretation {
    let text = document_text(document);
    let places = crate::normalize::units::places_in(&text);
    let printed = crate::normalize::after_prefix::PrefixIndex::new(&text);
    let words = crate::normalize::units::DocumentWords {
        text: &text,
        places: &places,
        printed: Some(&printed),
        lead_mark: crate::normalize::units::lead_mark_in(&text),
    };
    // Each table's rows, once: a table with a header row is the table interpreter's, any other
    // is read as paragraphs.
    let tables = block_tables(document);
    let lines = paragraph_lines(document, &tables);
    let tables: Vec<table::TableRows> = tables.into_iter().flatten().collect();
    let has_header = tables.iter().any(|t| t.header_at().is_some());
    let layout = layout.unwrap_or_else(|| detect_layout(&lines, has_header));
    let mut metadata = meta::read_metadata(&lines);
    // A web page prints its 文号, dates and issuer around the article (an information bar, a 信息公开
    // table), which its reader hands on as properties: they fill what the article leaves out.
    let page_info = meta::read_page_info(
        document
            .properties
            .iter()
            .filter(|(key, _)| key == PAGE_INFO_PROPERTY)
            .map(|(_, line)| line.as_str()),
    );
    metadata.doc_number = metadata.doc_number.or(page_info.doc_number);
    metadata.date = metadata.date.or(page_info.date);
    metadata.issuer = metadata.issuer.or(page_info.issuer);
    let mut result = Interpretation {
        layout,
        ..Interpretation::default()
    };
    match layout {
        Layout::Table => {
            let names_in_full = document
                .properties
                .iter()
                .any(|(key, _)| key == WORKBOOK_META_PROPERTY);
            for rows in &tables {
                let Some(found) = table::build_table(&rows.rows, words, names_in_full, warnings)
                else {
                    continue;
                };
                result.tables_read += 1;
                if metadata.title.is_none() {
                    metadata.title = rows.title();
                }
                result.tasks.extend(found.tasks);
                result.notes.extend(found.notes);
            }
        }
        _ => {
            let found = outline::read_outline(&lines, layout, words, warnings);
            result.tasks = found.tasks;
            result.people = found.people;
            result.notes = found.notes;
        }
    }
    add_group_members(&lines, &mut result.people);
    add_backups(&lines, &mut result.people, warnings);
    result.metadata = metadata;
    result
}

/// Every word of the document, paragraphs and cells, for rules that look at the whole text (a
/// name printed with its prefix elsewhere, a first-unit-leads note anywhere around a table).
pub fn document_text(document: &Document) -> String {
    let words: usize = document
        .blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(p) => p.text.len() + 1,
            Block::Table(t) => t.rows.iter().flatten().map(|c| c.text.len() + 1).sum(),
        })
        .sum();
    let mut text = String::with_capacity(words);
    for block in &document.blocks {
        match block {
            Block::Paragraph(p) => {
                text.push_str(&p.text);
                text.push('\n');
            }
            Block::Table(t) => {
                for cell in t.rows.iter().flatten() {
                    text.push_str(&cell.text);
                    text.push('\n');
                }
            }
        }
    }
    text
}

/// Each block's table rows (`None` for a paragraph), in block order.
fn block_tables(document: &Document) -> Vec<Option<table::TableRows>> {
    document
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => Some(table::table_rows(t)),
            Block::Paragraph(_) => None,
        })
        .collect()
}

/// The paragraphs as lines. A table without a header row (a letterhead laid out in a table, a
/// layout table around the body) is read as the paragraphs of its cells.
fn paragraph_lines(document: &Document, tables: &[Option<table::TableRows>]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut push = |text: &str, at: &Position, cell: bool, lost: bool| {
        for part in text.split('\n') {
            let part = without_bullet(part.trim_matches(crate::normalize::is_space));
            if part.is_empty() {
                continue;
            }
            lines.push(Line {
                no: at.ordinal().unwrap_or(lines.len() + 1),
                at: at.clone(),
                cell_start: cell,
                lost_label: lost,
                text: part.to_string(),
            });
        }
    };
    for (block, rows) in document.blocks.iter().zip(tables) {
        match block {
            Block::Paragraph(p) => push(&p.text, &p.at, false, p.number_lost),
            Block::Table(_) if rows.as_ref().is_some_and(|r| r.header_at().is_some()) => {}
            Block::Table(t) => {
                for row in &t.rows {
                    // A row printed on one line (cells split by tabs) stays one line.
                    let one_line = row.len() > 1
                        && row.iter().all(|c| {
                            c.at.line_number().is_some()
                                && c.at.line_number() == row[0].at.line_number()
                        });
                    if one_line {
                        let joined: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                        push(&joined.join("\t"), &row[0].at, false, false);
                    } else {
                        for cell in row {
                            push(&cell.text, &cell.at, true, false);
                        }
                    }
                }
            }
        }
    }
    lines
}

/// A list's bullet is markup, as a page's `<li>` is: `★推行…` reads as `推行…`.
fn without_bullet(line: &str) -> &str {
    match line.strip_prefix(crate::vocab::LIST_BULLETS) {
        Some(rest) if !rest.is_empty() => rest.trim_start_matches(crate::normalize::is_space),
        _ => line,
    }
}

/// The register's record of a position.
pub fn source_ref(at: &Position) -> SourceRef {
    match at {
        Position::Line { line, .. } | Position::Record { line, .. } => SourceRef::line(*line),
        Position::SheetCell { sheet, row, column } => SourceRef {
            sheet: Some(sheet.clone()),
            cell: Some(crate::document::cell_name(*row, *column)),
            ..SourceRef::default()
        },
        Position::WordParagraph { paragraph } => SourceRef {
            paragraph: Some(*paragraph),
            ..SourceRef::default()
        },
        Position::WordCell { table, row, cell } => SourceRef {
            table: Some(*table),
            row: Some(*row),
            column: Some(*cell),
            ..SourceRef::default()
        },
        Position::PdfLine { page, line } => SourceRef {
            page: Some(*page),
            line: Some(*line),
            ..SourceRef::default()
        },
        Position::PdfCell {
            page,
            table,
            row,
            cell,
        } => SourceRef {
            page: Some(*page),
            table: Some(*table),
            row: Some(*row),
            column: Some(*cell),
            ..SourceRef::default()
        },
        Position::Unknown => SourceRef::default(),
    }
}

/// Table if a header row is found; duty list if two headings end in 职责; leader division if
/// three numbered paragraphs name a leader by post and name; otherwise an outline.
pub fn detect_layout(lines: &[Line], has_table_header: bool) -> Layout {
    if has_table_header {
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
                || duties::unit_heading(h).is_some()
        })
        .count()
        + (0..lines.len())
            .filter(|&i| {
                let line = &lines[i];
                !line.lost_label
                    && (duties::is_head_line(&line.text) || duties::heads_duties(lines, i))
            })
            .count();
    // A unit's paragraph may be numbered (`一、区水利局：负责…`): the unit follows the label.
    let unit_duties = lines
        .iter()
        .filter(|l| {
            let text =
                parse_label(&l.text).map_or(l.text.as_str(), |label| after_label(&l.text, &label));
            duties::unit_duty(text).is_some()
        })
        .count();
    if duty_headings >= 2 || unit_duties >= duties::MIN_UNIT_DUTIES {
        return Layout::DutyList;
    }
    // Numbered heads that name a leader, and unnumbered paragraphs that open with one and a
    // colon (`县长王某某：主持…`).
    let named_leaders = heads
        .iter()
        .filter(|h| !people::leaders_in(h).is_empty())
        .count()
        + lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.lost_label && parse_label(&l.text).is_none())
            .filter(|(i, l)| {
                if people::is_leader_heading(&l.text) {
                    // Over the paragraphs of a share, not over the next of a list of members
                    // (`王某某 副市长` / `李某 副市长` under a 领导小组).
                    let next = lines[i + 1..].iter().find(|n| !n.is_blank());
                    next.is_some_and(|n| {
                        parse_label(&n.text).is_none() && !people::is_leader_heading(&n.text)
                    })
                } else {
                    people::opens_with_leader(&l.text) || people::heads_share(lines, *i)
                }
            })
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
                            line.at.clone(),
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

/// A line that is only a date (`2024年6月30日`, `二〇二四年六月三十日印发`): four year digits,
/// a month of one or two, a day of one to three, spaces allowed between. Read by hand: every
/// line is asked, and the pattern cost more to compile than most notices cost to read.
fn is_date_only(text: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let year_digit = |c: char| is_digit(c) || "〇零一二三四五六七八九".contains(c);
    let day_digit = |c: char| is_digit(c) || "一二三四五六七八九十".contains(c);
    let mut cursor = Cursor::new(text);
    // One digit more than allowed is taken, so that a longer run fails as the pattern did.
    let run_of = |cursor: &mut Cursor,
                  accept: &dyn Fn(char) -> bool,
                  allowed: std::ops::RangeInclusive<usize>| {
        cursor
            .run(accept, allowed.end() + 1)
            .is_some_and(|run| allowed.contains(&run.chars().count()))
    };
    run_of(&mut cursor, &year_digit, 4..=4)
        && cursor.spaces_then(|c| c == '年')
        && {
            cursor.spaces();
            run_of(&mut cursor, &day_digit, 1..=2)
        }
        && cursor.spaces_then(|c| c == '月')
        && {
            cursor.spaces();
            run_of(&mut cursor, &day_digit, 1..=3)
        }
        && cursor.spaces_then(|c| c == '日')
        && matches!(cursor.rest(), "" | "印发")
}

/// A line that is only a date (the 成文日期 under a signature).
pub fn is_signature_date(text: &str) -> bool {
    text.ends_with(['日', '发']) && is_date_only(text)
}

/// Closing matter that belongs to no task: 抄送/附件 lines, a date line, the issuer above it.
pub fn is_closing_line(lines: &[Line], index: usize) -> bool {
    let text = lines[index].text.as_str();
    if crate::vocab::CLOSING_MARKERS
        .iter()
        .any(|m| text.starts_with(m))
        || is_date_only(text)
        || is_closing_formula(text)
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
            .is_some_and(|l| is_date_only(&l.text))
}

/// `特此通知。` alone on its line.
fn is_closing_formula(text: &str) -> bool {
    use crate::vocab::{CLOSING_FORMULA_MAX_CHARS, CLOSING_FORMULA_OPENER};
    let formula = text.trim().trim_end_matches(['。', '！', '!']);
    formula.starts_with(CLOSING_FORMULA_OPENER)
        && formula.chars().count() <= CLOSING_FORMULA_MAX_CHARS
}

/// The first sentence of a task: up to the first 。；！？, without the stop.
pub fn sentence_title(text: &str) -> String {
    // A task's first cell may be empty (a category merged down from the row above).
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let end = first_line
        .find(['。', '；', ';', '！', '？'])
        .unwrap_or(first_line.len());
    first_line[..end]
        .trim()
        .trim_end_matches(['：', ':', '，', ','])
        .to_string()
}

/// The lines of a text, as the interpreters see them (for tests with Chinese samples).
#[cfg(test)]
pub(crate) fn lines_of(text: &str) -> Vec<Line> {
    let document = crate::reader::text::read_text(text, &mut Vec::new());
    paragraph_lines(&document, &block_tables(&document))
}

/// The tables of a text, as the table interpreter sees them.
#[cfg(test)]
pub(crate) fn tables_of(text: &str) -> Vec<table::TableRows> {
    block_tables(&crate::reader::text::read_text(text, &mut Vec::new()))
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_are_read_as_their_old_expression_read_them() {
        let oracle = regex::Regex::new(r"^[0-9０-９〇零一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日(?:印发)?$").unwrap();
        let parts: [&[&str]; 8] = [
            &["", " "],
            &["2024", "二〇二四", "２０２４", "202", "20245", "二零二四"],
            &["年", " 年 ", "月"],
            &["6", "12", "123", "十", "十二", "〇"],
            &["月", " 月", "日"],
            &["1", "30", "三十一", "一二三四", "", "３０"],
            &["日", " 日", "号"],
            &["", "印发", "印", " "],
        ];
        let mut dates = 0;
        for text in crate::test_samples::lines(&parts, 10_000) {
            assert_eq!(is_date_only(&text), oracle.is_match(&text), "{text:?}");
            dates += usize::from(oracle.is_match(&text));
        }
        assert!(dates > 100 && dates < 9_000, "both outcomes: {dates}");
    }

    #[test]
    fn a_closing_formula_alone_on_its_line_closes_the_notice() {
        assert!(is_closing_formula("特此通知。"));
        assert!(is_closing_formula("特此函告"));
        assert!(!is_closing_formula("特此要求各单位于月底前报送材料。"));
        assert!(!is_closing_formula("加强通知管理。"));
    }

    fn layout_of(text: &str) -> Layout {
        let has_header = tables_of(text).iter().any(|t| t.header_at().is_some());
        detect_layout(&lines_of(text), has_header)
    }

    #[test]
    fn a_table_without_a_header_is_read_as_paragraphs_a_row_on_one_line_as_one() {
        let lines = lines_of("一、\t总体要求\n二、\t主要任务\n（一）加强管理。\n");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["一、\t总体要求", "二、\t主要任务", "（一）加强管理。"]
        );
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
        // Leaders on lines of their own over their shares, not a list of a group's members.
        assert_eq!(
            layout_of(
                "镇长 冯某\n主持全面工作。\n副镇长 褚某\n分管农业。\n副镇长 卫某（挂职）\n分管城建。"
            ),
            Layout::LeaderDivision
        );
        assert_eq!(
            layout_of(
                "四、组织机构\n组长：冯某 县长\n成员：\n褚某 副县长\n卫某 副县长\n蒋某 副县长\n沈某 副县长\n五、保障措施"
            ),
            Layout::Outline
        );
    }

    #[test]
    fn a_lists_bullet_is_no_part_of_its_line() {
        assert_eq!(without_bullet("★推行网上办理。"), "推行网上办理。");
        assert_eq!(without_bullet("●　深化改革"), "深化改革");
        assert_eq!(without_bullet("★"), "★");
        assert_eq!(without_bullet("县发改局★"), "县发改局★");
    }

    #[test]
    fn sentence_titles() {
        assert_eq!(
            sentence_title("全面压实网格巡查责任。推动企业"),
            "全面压实网格巡查责任"
        );
        assert_eq!(sentence_title("其他事项；"), "其他事项");
        // A first cell left empty (a category merged down) gives no title.
        assert_eq!(sentence_title("\n修缮校舍。加固围墙"), "修缮校舍");
    }
}
