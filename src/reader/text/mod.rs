//! Plain text → blocks: decoded text is cleaned line by line (debris, page numbers, padding),
//! then tables are recovered from the shapes text exports give them — Word's export (a tab starts
//! each cell, a blank line ends each row), rows on one line split by tabs or pipes (a web page
//! copied as text), a table flattened onto one line or printed one cell a line (cut at its row
//! numbers) — and every other line is a paragraph.

mod aligned;
mod broken;
mod cell_lines;
pub mod clean;
mod flat;
mod flat_table;
mod gaps;

use crate::document::{Block, Cell, Document, Paragraph, Position, Table};
use crate::error::Warning;
use clean::Line;

/// Reads decoded text into blocks.
pub fn read_text(text: &str, warnings: &mut Vec<Warning>) -> Document {
    let mut lines = cell_lines::join_rows(flat::unflatten(clean::clean_lines(text, warnings)));
    let mut blocks = Vec::new();
    let wrap = wrap_width(&lines);
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
        } else if line.cells.is_some() {
            i = delimited_table(&lines, i, &mut blocks);
        } else if line.cell_start {
            i = word_export_table(&lines, i, &mut blocks);
        } else if let Some((table, next)) = aligned::table_at(&lines, i) {
            blocks.push(table);
            i = next;
        } else {
            // The line is done with: its text moves into the paragraph, with the lines that
            // close a bracket it leaves open.
            let mut through = i;
            while let Some(next) = bracket_closed_by(&lines, through)
                .or_else(|| wrap.and_then(|width| runs_on(&lines, through, width)))
            {
                through = next;
            }
            let mut text = std::mem::take(&mut lines[i].text);
            for line in &mut lines[i + 1..=through] {
                text.push_str(line.text.trim());
                line.text.clear();
            }
            blocks.push(paragraph(lines[i].no, lines[i].lost_label, text));
            i = through + 1;
        }
    }
    Document {
        blocks,
        properties: Vec::new(),
    }
}

/// Lines a page wrapped at one width: this many must reach it, within [`WRAP_SLACK`]…
const WRAPPED_MIN_LINES: usize = 5;
/// …in display columns (a CJK character is two): digits and Latin letters are narrower.
const WRAP_SLACK: usize = 4;
/// The narrowest and widest wrap, in display columns: a column of a page, never a paragraph.
const WRAP_COLUMNS: std::ops::RangeInclusive<usize> = 30..=120;

/// The width a PDF or a narrow page wrapped the text at (every line of a paragraph but its last
/// as wide as the page), in display columns: the widest at which [`WRAPPED_MIN_LINES`] plain
/// lines, and a third of the long ones, end together. None for text written a paragraph a line,
/// whose lines end wherever their paragraphs do.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    // A line's bytes bound its width (an ASCII byte a column, a character of three bytes two):
    // most lines of text written a paragraph a line are ruled out without counting.
    let (fewest, most) = (*WRAP_COLUMNS.start(), *WRAP_COLUMNS.end());
    let plain = || lines.iter().filter(|l| is_plain(l));
    let longer = plain().filter(|l| l.text.len() > most * 3).count();
    let mut widths: Vec<(usize, bool)> = plain()
        .filter(|l| l.text.len() + l.indent >= fewest && l.text.len() <= most * 3)
        .map(|l| (line_width(l), ends_sentence(&l.text)))
        .filter(|(w, _)| *w >= fewest)
        .collect();
    widths.sort_unstable_by_key(|w| std::cmp::Reverse(w.0));
    let width = widths
        .windows(WRAPPED_MIN_LINES)
        .find(|run| run[0].0 - run[WRAPPED_MIN_LINES - 1].0 <= WRAP_SLACK)
        .map(|run| run[0].0)
        .filter(|w| WRAP_COLUMNS.contains(w))?;
    let reaching: Vec<bool> = widths
        .iter()
        .filter(|(w, _)| w.abs_diff(width) <= WRAP_SLACK)
        .map(|(_, ends)| *ends)
        .collect();
    let long = longer + widths.iter().filter(|(w, _)| *w * 2 >= width).count();
    // Wrapped, the lines that reach the width mostly stop inside a sentence.
    let inside = reaching.iter().filter(|ends| !**ends).count();
    (reaching.len() * 3 >= long && inside >= WRAPPED_MIN_LINES && inside * 2 >= reaching.len())
        .then_some(width)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '；', '！', '？', '：', ';', '!', '?', ':'])
}

fn is_plain(line: &Line) -> bool {
    !line.text.is_empty() && line.cells.is_none() && !line.cell_start
}

/// How far a line stands out, its indent included (a paragraph's first line is indented), in
/// display columns: an ASCII character one, any other two (CJK text and its punctuation). Read
/// from the bytes, as a wrap is found from the width of every line.
fn line_width(line: &Line) -> usize {
    let columns: usize = line
        .text
        .bytes()
        .filter(|b| b & 0xC0 != 0x80)
        .map(|b| if b < 0x80 { 1 } else { 2 })
        .sum();
    line.indent + columns
}

/// The line after `at` where `at` reaches the wrap width inside its sentence and the next line
/// is plain and unnumbered: a paragraph the page wrapped goes on there.
fn runs_on(lines: &[Line], at: usize, width: usize) -> Option<usize> {
    let line = &lines[at];
    let next = lines.get(at + 1)?;
    let full = line_width(line) + WRAP_SLACK >= width;
    (full
        && !ends_sentence(&line.text)
        && is_plain(line)
        && is_plain(next)
        && crate::document::numbering::parse_label(next.text.trim_start()).is_none())
    .then_some(at + 1)
}

/// Most lines a bracket left open may run on: a PDF's or a narrow page's line wraps inside
/// an assignment (`…（责任` / `单位：县城管局）`) once or twice, never for a page.
const BRACKET_RUNS_LINES: usize = 3;

/// The last line of a paragraph whose line `at` leaves a bracket open (`（牵头单位：县水利局；
/// 配合单位：县生态` / `环境局）`): the next plain lines, unnumbered, until one closes it, if one
/// does within [`BRACKET_RUNS_LINES`]; a bracket never closed joins nothing.
fn bracket_closed_by(lines: &[Line], at: usize) -> Option<usize> {
    let mut depth = open_brackets(&lines[at].text);
    if depth <= 0 {
        return None;
    }
    for (j, line) in lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(BRACKET_RUNS_LINES)
    {
        if line.is_blank()
            || line.cells.is_some()
            || line.cell_start
            || crate::document::numbering::parse_label(line.text.trim_start()).is_some()
        {
            return None;
        }
        depth += open_brackets(&line.text);
        if depth <= 0 {
            return Some(j);
        }
    }
    None
}

/// How many round brackets a text opens and does not close. Asked of every line: the bytes
/// are searched for `(` `)` and the middle byte of `（` `）` (EF BC 88/89) instead of decoding
/// every character.
fn open_brackets(text: &str) -> i32 {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'(', b')', 0xBC, bytes)
        .map(|at| match bytes[at] {
            b'(' => 1,
            b')' => -1,
            _ if at > 0 && bytes[at - 1] == 0xEF => match bytes.get(at + 1) {
                Some(0x88) => 1,
                Some(0x89) => -1,
                _ => 0,
            },
            _ => 0,
        })
        .sum()
}

fn paragraph(no: usize, number_lost: bool, text: String) -> Block {
    Block::Paragraph(Paragraph {
        text,
        at: Position::line(no),
        number_lost,
    })
}

fn next_filled(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|j| !lines[*j].is_blank())
}

/// Rows given one per line. A line without cells between two such rows is a row of one cell
/// spanning the table (a heading merged across). A row with fewer cells than the rows above lacks
/// its leading cells: they are covered by the cells above that span down (a web page's rowspan).
/// Fewer than two rows is no table: the line is a paragraph that happens to hold a tab.
fn delimited_table(lines: &[Line], start: usize, blocks: &mut Vec<Block>) -> usize {
    let mut members: Vec<usize> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        if line.cells.is_some() {
            members.push(i);
            i += 1;
            continue;
        }
        let Some(next) = next_filled(lines, i) else {
            break;
        };
        let sandwiched = !line.is_blank() && lines.get(i + 1).is_some_and(|l| l.cells.is_some());
        if line.is_blank() && lines[next].cells.is_some() {
            i = next;
        } else if sandwiched {
            members.push(i);
            i += 1;
        } else {
            break;
        }
    }
    let rows = members
        .iter()
        .filter(|m| lines[**m].cells.as_ref().is_some_and(|c| !c.is_empty()))
        .count();
    if rows < 2 {
        let line = &lines[start];
        blocks.push(paragraph(line.no, line.lost_label, line.text.clone()));
        return start + 1;
    }
    let mut table = Table {
        rows: Vec::new(),
        at: Position::line(lines[start].no),
    };
    // For each column, the (row, cell) index of the cell that covers it in the last row.
    let mut owners: Vec<(usize, usize)> = Vec::new();
    let mut width = 0;
    // The header's rows: no data row's cell spans down from them.
    let mut header_rows = 1;
    let printed: Vec<(usize, Vec<String>)> = members
        .into_iter()
        .map(|m| {
            let line = &lines[m];
            let cells = match &line.cells {
                Some(cells) => cells.clone(),
                None => vec![line.text.clone()],
            };
            (line.no, cells)
        })
        .filter(|(_, cells)| !cells.is_empty())
        .collect();
    let filled = broken::mend_rows(printed);
    let cell_count = |k: usize| filled[k].1.len();
    for (k, (line_no, cells)) in filled.iter().enumerate() {
        let cells = cells.clone();
        // 责任单位 over 牵头单位 | 配合单位: a short second row that the rows below outgrow by
        // all but one of its cells subdivides one cell above (a colspan), not a row the cells
        // above span down into. It is kept as printed, for the header reading to place.
        let subdivides = table.rows.len() == 1
            && cells.len() >= 2
            && k + 1 < filled.len()
            && cell_count(k + 1) == width + cells.len() - 1;
        let mut column = 0;
        let mut row: Vec<Cell> = cells
            .iter()
            .map(|text| {
                let cell = Cell::new(
                    text.clone(),
                    Position::Line {
                        line: *line_no,
                        column: column + 1,
                    },
                );
                column += text.chars().count() + 1;
                cell
            })
            .collect();
        let r = table.rows.len();
        if subdivides {
            header_rows = 2;
        }
        let above: Vec<&Cell> = owners
            .iter()
            .map(|(row, cell)| &table.rows[*row][*cell])
            .collect();
        let merged = match owners.first() {
            Some((owner_row, _)) if *owner_row >= header_rows => copied_merges(&cells, &above),
            _ => Vec::new(),
        };
        if !merged.is_empty() {
            for &column in &merged {
                let (row, cell) = owners[column];
                table.rows[row][cell].row_span += 1;
            }
            let mut own_cells = 0..row.len() - merged.len();
            owners = (0..width)
                .map(|column| match merged.contains(&column) {
                    true => owners[column],
                    false => (r, own_cells.next().unwrap_or_default()),
                })
                .collect();
            let mut column = 0;
            row.retain(|_| {
                column += 1;
                !merged.contains(&(column - 1))
            });
        } else if row.len() == 1 && width > 1 {
            row[0].col_span = width;
            owners = vec![(r, 0); width];
        } else if row.len() < width && r > header_rows && !subdivides && !heads_a_section(&cells) {
            let above: Vec<&str> = owners
                .iter()
                .map(|(row, cell)| table.rows[*row][*cell].text.as_str())
                .collect();
            let covered = gaps::covered_columns(&cells, &above);
            let mut extended: Vec<(usize, usize)> = Vec::new();
            for owner in covered.iter().map(|c| owners[*c]) {
                if !extended.contains(&owner) {
                    table.rows[owner.0][owner.1].row_span += 1;
                    extended.push(owner);
                }
            }
            let mut own_cells = 0..row.len();
            owners = (0..width)
                .map(|column| match covered.contains(&column) {
                    true => owners[column],
                    false => (r, own_cells.next().unwrap_or_default()),
                })
                .collect();
        } else {
            width = width.max(row.len());
            owners = (0..row.len()).map(|c| (r, c)).collect();
        }
        table.rows.push(row);
    }
    blocks.push(Block::Table(table));
    i
}

/// A row that heads a section of the table (`二\t民生服务\t\t`, `（二）民生服务\t\t`): printed
/// from its first column, however few its cells, since no cell spans down into a heading.
fn heads_a_section(cells: &[String]) -> bool {
    use crate::document::numbering::{LabelKind, parse_label};
    let Some(first) = cells.first().map(|c| c.trim()) else {
        return false;
    };
    let blank_from = |n: usize| cells.iter().skip(n).all(|c| c.trim().is_empty());
    let numeral = !first.is_empty() && first.chars().all(|c| CHINESE_NUMERALS.contains(c));
    let labelled = parse_label(first).is_some_and(|label| {
        matches!(
            label.kind,
            LabelKind::Chinese | LabelKind::ParenChinese | LabelKind::Part
        )
    });
    (numeral && blank_from(2)) || (labelled && blank_from(1))
}

/// The numerals of a section's number printed alone in its cell (`二`).
const CHINESE_NUMERALS: &str = "一二三四五六七八九十";

/// The columns of a row copied from a table whose cells were merged down: Word and web pages
/// copy a merged cell into its first row only, leaving the rows below it an empty cell in its
/// place. A row whose first cell is empty under a filled one continues such a block (its 序号
/// and the cells shared with it were merged), so each of its empty cells under a filled cell is
/// that cell's. A row with its own first cell is read as printed: an empty cell there is empty.
fn copied_merges(cells: &[String], above: &[&Cell]) -> Vec<usize> {
    let blank = |text: &str| text.trim().is_empty();
    let spans_down = |cell: &Cell| cell.col_span == 1 && !blank(&cell.text);
    // A row of one cell of its own carries on that cell's text or list instead, as in a table
    // saved without its merges (a CSV).
    let continues = cells.len() == above.len()
        && cells.first().is_some_and(|first| blank(first))
        && above.first().is_some_and(|cell| spans_down(cell))
        && cells.iter().filter(|text| !blank(text)).nth(1).is_some();
    if !continues {
        return Vec::new();
    }
    (0..cells.len())
        .filter(|&c| blank(&cells[c]) && spans_down(above[c]))
        .collect()
}

/// Word's text export of a table: each cell starts with a tab, lines without one continue the
/// cell, a blank line ends the row. A row may begin with a line that lost its tab; the table
/// ends at a blank line followed by lines none of which starts a cell.
fn word_export_table(lines: &[Line], start: usize, blocks: &mut Vec<Block>) -> usize {
    let mut table = Table {
        rows: Vec::new(),
        at: Position::line(lines[start].no),
    };
    let mut row: Vec<Cell> = Vec::new();
    let mut i = start;
    let finish = |row: &mut Vec<Cell>, table: &mut Table| {
        if !row.is_empty() {
            table.rows.push(std::mem::take(row));
        }
    };
    while i < lines.len() {
        let line = &lines[i];
        if line.cells.is_some() {
            break;
        }
        if line.is_blank() {
            finish(&mut row, &mut table);
            let Some(next) = next_filled(lines, i) else {
                i = lines.len();
                break;
            };
            i = next;
            let starts_a_row = (next..lines.len())
                .take_while(|j| !lines[*j].is_blank() && lines[*j].cells.is_none())
                .any(|j| lines[j].cell_start);
            if starts_a_row {
                continue;
            }
            break;
        }
        match row.last_mut() {
            Some(cell) if !line.cell_start => {
                cell.text.push('\n');
                cell.text.push_str(&line.text);
            }
            _ => row.push(Cell::new(line.text.clone(), Position::line(line.no))),
        }
        i += 1;
    }
    finish(&mut row, &mut table);
    blocks.push(Block::Table(table));
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        read_text(text, &mut Vec::new()).blocks
    }

    fn table_texts(block: &Block) -> Vec<Vec<String>> {
        let Block::Table(t) = block else {
            panic!("not a table: {block:?}")
        };
        t.grid()
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| s.map_or("-".into(), |s| s.cell.text.clone()))
                    .collect()
            })
            .collect()
    }

    /// The paragraphs of a text that holds no table.
    fn texts(text: &str) -> Vec<String> {
        blocks(text)
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                other => panic!("not a paragraph: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn lines_a_page_wrapped_at_its_width_run_on_into_their_paragraph() {
        // Every line but a paragraph's last is 20 characters wide.
        let wrapped = "某县工作方案\n一、主要任务\n\
            1.推进农村改厕，新改建户厕两千户，同步建\n设粪污处理设施。牵头单位：县农业农村局；\n\
            配合单位：县卫健局、县财政局、各乡镇政府\n人民政府。\n\
            2.加强垃圾治理，完善收运处置体系，实现全\n覆盖。\n\
            3.推进污水治理，完成三十个行政村治理任务\n，基本消除黑臭水体。\n\
            4.开展清洁行动，组织群众清理房前屋后杂物\n和生活垃圾。\n";
        assert_eq!(
            texts(wrapped),
            [
                "某县工作方案",
                "一、主要任务",
                "1.推进农村改厕，新改建户厕两千户，同步建设粪污处理设施。牵头单位：县农业农村局；",
                "配合单位：县卫健局、县财政局、各乡镇政府人民政府。",
                "2.加强垃圾治理，完善收运处置体系，实现全覆盖。",
                "3.推进污水治理，完成三十个行政村治理任务，基本消除黑臭水体。",
                "4.开展清洁行动，组织群众清理房前屋后杂物和生活垃圾。",
            ]
        );
        // Lines of all widths, a paragraph each, end where their paragraphs do.
        let by_paragraph = "某县工作方案\n加强领导\n推进农村改厕，新改建户厕两千户\n同步建设粪污处理设施\n\
            加强垃圾治理，完善收运处置体系，实现全覆盖，推进污水治理\n完成治理任务\n";
        assert_eq!(texts(by_paragraph).len(), 6);
        // Paragraphs of one length that each end their sentence show no wrap: a title among
        // them as long stays apart from the line under it.
        let even = "某县关于印发农村人居环境整治提升实施方案的通知\n某政办〔2027〕1号\n\
            一、推进农村改厕，新改建户厕两千户。\n二、加强垃圾治理，完善收运处置体系。\n\
            三、推进污水治理，完成村庄治理任务。\n四、开展清洁行动，清理房前屋后杂物。\n\
            五、健全长效机制，落实管护责任主体。\n";
        assert_eq!(texts(even).len(), 7);
    }

    #[test]
    fn a_line_that_leaves_a_bracket_open_runs_on_to_the_line_that_closes_it() {
        assert_eq!(
            texts("1.推进垃圾分类。（责任\n单位：县城管局、各乡镇）\n2.整治河道。\n"),
            [
                "1.推进垃圾分类。（责任单位：县城管局、各乡镇）",
                "2.整治河道。"
            ]
        );
        assert_eq!(
            texts("（牵头单位：县水利局；配合单位：县生\n态环境局、县财\n政局）\n"),
            ["（牵头单位：县水利局；配合单位：县生态环境局、县财政局）"]
        );
        // A bracket left open for good, or a numbered line next, joins nothing.
        assert_eq!(
            texts("加强领导（一\n二\n三\n四\n五）\n"),
            ["加强领导（一", "二", "三", "四", "五）"]
        );
        assert_eq!(
            texts("开展排查（含\n2.建立台账）\n"),
            ["开展排查（含", "2.建立台账）"]
        );
        assert_eq!(open_brackets("（一）开展(排查，（含：台账"), 2);
        assert_eq!(open_brackets("）)，。"), -2);
    }

    #[test]
    fn a_word_export_table_between_paragraphs() {
        let b = blocks("某县分解表\n\t序号\n\t工作任务\n续行\n\n\t1\n\t排查。\n\n附件说明\n");
        assert_eq!(b.len(), 3);
        assert!(matches!(&b[0], Block::Paragraph(p) if p.text == "某县分解表"));
        assert_eq!(
            table_texts(&b[1]),
            [["序号", "工作任务\n续行"], ["1", "排查。"]]
        );
        assert!(
            matches!(&b[2], Block::Paragraph(p) if p.text == "附件说明" && p.at == Position::line(9))
        );
    }

    #[test]
    fn web_rows_keep_empty_cells_and_short_rows_sit_under_spanning_cells() {
        let b = blocks(
            "存在问题\t整改措施\t责任单位\n入海排污问题\t开展排查。\t区环保局牵头，区农业局配合\n完成整改。\t区农业局\n一、其他\n推进工作。\t\t区直各有关单位\n",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(
            table_texts(&b[0]),
            [
                ["存在问题", "整改措施", "责任单位"],
                ["入海排污问题", "开展排查。", "区环保局牵头，区农业局配合"],
                ["入海排污问题", "完成整改。", "区农业局"],
                ["一、其他", "一、其他", "一、其他"],
                ["推进工作。", "", "区直各有关单位"],
            ]
        );
    }

    #[test]
    fn a_second_header_row_that_the_rows_below_outgrow_subdivides_a_cell() {
        let b = blocks(
            "序号\t重点任务\t责任单位\t完成时限\n牵头单位\t配合单位\n1\t修缮校舍。\t县教育局\t县财政局\t2025年8月\n",
        );
        let Block::Table(t) = &b[0] else {
            panic!("not a table: {b:?}")
        };
        let widths: Vec<usize> = t.rows.iter().map(Vec::len).collect();
        assert_eq!(widths, [4, 2, 5], "the second row is kept as printed");
        assert!(t.rows[0].iter().all(|c| c.row_span == 1));
        // A row as short under rows as wide is a row the cells above span down into.
        let b = blocks("序号\t重点任务\t牵头单位\n1\t修缮校舍。\t县教育局\n加固围墙。\t县教育局\n");
        let Block::Table(t) = &b[0] else {
            panic!("not a table: {b:?}")
        };
        assert_eq!(t.rows[1][0].row_span, 2);
    }

    #[test]
    fn empty_cells_of_a_row_copied_from_merged_cells_are_the_cells_above() {
        let b = blocks(
            "序号\t工作内容\t责任人\t责任单位\n1\t修缮校舍。\t钱某\t县教育局\n\t加固围墙。\t\t县住建局\n2\t整治河道。\t\t县水利局\n",
        );
        assert_eq!(
            table_texts(&b[0]),
            [
                ["序号", "工作内容", "责任人", "责任单位"],
                ["1", "修缮校舍。", "钱某", "县教育局"],
                ["1", "加固围墙。", "钱某", "县住建局"],
                ["2", "整治河道。", "", "县水利局"],
            ],
            "a row with its own 序号 keeps its empty cell"
        );
        // One cell of its own carries that cell on: nothing is merged into it.
        let b = blocks("序号\t工作内容\t责任单位\n1\t修缮校舍。\t县教育局\n\t\t县住建局\n");
        assert_eq!(
            table_texts(&b[0]),
            [
                ["序号", "工作内容", "责任单位"],
                ["1", "修缮校舍。", "县教育局"],
                ["", "", "县住建局"],
            ]
        );
        // Under the header, and under a heading merged across, an empty first cell is empty.
        let b = blocks(
            "序号\t工作内容\t责任单位\n\t修缮校舍。\t县教育局\n一、其他\n\t加固围墙。\t县住建局\n",
        );
        assert_eq!(
            table_texts(&b[0]),
            [
                ["序号", "工作内容", "责任单位"],
                ["", "修缮校舍。", "县教育局"],
                ["一、其他", "一、其他", "一、其他"],
                ["", "加固围墙。", "县住建局"],
            ]
        );
    }

    #[test]
    fn a_short_row_right_under_the_header_spans_nothing_of_it() {
        let b =
            blocks("序号\t工作内容\t责任人\t完成时限\n一\t校舍安全\t\n1\t修缮校舍。\t钱某\t6月\n");
        assert_eq!(
            table_texts(&b[0]),
            [
                vec!["序号", "工作内容", "责任人", "完成时限"],
                vec!["一", "校舍安全", ""],
                vec!["1", "修缮校舍。", "钱某", "6月"],
            ]
        );
    }

    #[test]
    fn a_short_row_that_heads_a_section_is_printed_from_its_first_column() {
        let b = blocks(
            "序号\t工作内容\t责任人\t完成时限\n1\t修缮校舍。\t钱某\t6月\n二\t食品安全\t\n2\t抽检食堂。\t孙某\t9月\n",
        );
        assert_eq!(table_texts(&b[0])[2], ["二", "食品安全", ""]);
    }

    #[test]
    fn a_single_line_with_a_tab_is_a_paragraph() {
        let b = blocks("一、\t总体要求\n坚持问题导向。\n");
        assert_eq!(b.len(), 2);
        assert!(matches!(&b[0], Block::Paragraph(p) if p.text == "一、\t总体要求"));
    }
}
